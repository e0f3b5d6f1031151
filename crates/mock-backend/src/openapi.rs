//! The OpenAPI 3.1 description, generated from the handlers' annotations. The committed copy
//! in docs/openapi.json is checked against this in tests.

use crate::account::handlers::CookieAuth;
use crate::hearings::BearerAuth;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Serviceportal API",
        version = "1.0.0",
        description = "REST API of the town's service portal: catalogue, forms, hearings, notices and payments. \
                       Errors are RFC 9457 problem details; texts follow Accept-Language (de, en)."
    ),
    paths(
        crate::api::health::health,
        crate::api::services::list,
        crate::api::town::profile,
        crate::api::town::coat_of_arms,
        crate::api::feedback::create,
        crate::hearings::handlers::login,
        crate::hearings::handlers::refresh,
        crate::hearings::handlers::logout,
        crate::hearings::handlers::current,
        crate::hearings::handlers::evidence,
        crate::hearings::handlers::respond,
        crate::notices::handlers::login,
        crate::notices::handlers::refresh,
        crate::notices::handlers::logout,
        crate::notices::handlers::current,
        crate::forms::handlers::service_detail,
        crate::forms::handlers::slots,
        crate::forms::handlers::submit,
        crate::forms::handlers::application,
        crate::forms::handlers::upload,
        crate::forms::resumable::create,
        crate::forms::resumable::status,
        crate::forms::resumable::append,
        crate::forms::resumable::content,
        crate::forms::handlers::save_draft,
        crate::forms::handlers::load_draft,
        crate::payments::handlers::list_methods,
        crate::payments::handlers::create,
        crate::payments::handlers::payment,
        crate::payments::handlers::transfer_received,
        crate::appointments::handlers::offer,
        crate::appointments::handlers::days,
        crate::appointments::handlers::times,
        crate::appointments::handlers::book,
        crate::appointments::handlers::booking,
        crate::appointments::handlers::change,
        crate::appointments::handlers::cancel,
        crate::account::handlers::login,
        crate::account::handlers::callback,
        crate::account::handlers::status,
        crate::account::handlers::me,
        crate::account::handlers::extend,
        crate::inbox::handlers::applications,
        crate::inbox::handlers::application,
        crate::inbox::handlers::claim,
        crate::inbox::handlers::summary,
        crate::inbox::handlers::messages,
        crate::inbox::handlers::message,
        crate::inbox::handlers::mark_read,
        crate::inbox::handlers::answer,
        crate::inbox::handlers::advance,
        // Last: both end the session (schemathesis tests in this order with one session).
        crate::account::handlers::logout,
        crate::account::handlers::unlink,
    ),
    modifiers(&BearerAuth, &CookieAuth, &LinkFieldNames),
    tags(
        (name = "system", description = "Health and description"),
        (name = "services", description = "The service catalogue"),
        (name = "town", description = "The town's profile (name, colours, contacts, legal texts, payee, features) and coat of arms"),
        (name = "feedback", description = "Accessibility feedback"),
        (name = "hearings", description = "Online hearing for administrative offences (Anhörung): sign in with case number and access code, view the case and evidence, respond once"),
        (name = "notices", description = "Notices (Bescheide) with an amount: sign in with Kassenzeichen and access code, view instalments, due dates, payments and charges; pay through the checkout"),
        (name = "forms", description = "Guided form wizards: service definitions, appointment slots, applications, uploads, drafts"),
        (name = "payments", description = "Checkout for fees and fines (XBezahldienste model): methods, payments with server-side pricing, idempotent creation, provider redirect, status"),
        (name = "appointments", description = "Appointments at the citizens' office without an account: concerns and locations, free days and times, booking with Idempotency-Key, change and cancel by code and secret (`X-Booking-Secret`)"),
        (name = "account", description = "Sign-in with the citizen account (OpenID Connect code flow with PKCE run by the API; the browser only holds an HttpOnly session cookie)"),
        (name = "inbox", description = "The signed-in citizen's applications with their status (\"Meine Anträge\"), adding an application sent without sign-in, and the town's messages (\"Postfach\"): receipts, status changes, questions to answer, notices with an amount due"),
        (name = "mock-only", description = "Endpoints of the mock backend that do not exist in production (simulations for demos and tests)"),
    )
)]
pub struct ApiDoc;

pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".into())
}

/// utoipa 5 writes a Link object's `operation_id` in snake_case; OpenAPI and its tools
/// (schemathesis follows the links) read `operationId`. The only other place a key can go is
/// the link's flattened extensions, so it is moved there.
pub struct LinkFieldNames;

impl utoipa::Modify for LinkFieldNames {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                for response in op.responses.responses.values_mut() {
                    let RefOr::T(response) = response else {
                        continue;
                    };
                    for link in response.links.values_mut() {
                        let RefOr::T(link) = link else { continue };
                        let id = std::mem::take(&mut link.operation_id);
                        if !id.is_empty() {
                            link.extensions
                                .get_or_insert_with(Default::default)
                                .insert("operationId".into(), id.into());
                        }
                    }
                }
            }
        }
    }
}

pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    fn doc() -> Value {
        serde_json::from_str(&super::json()).unwrap_or_default()
    }

    #[test]
    fn links_name_their_operation_as_openapi_spells_it() {
        let doc = doc();
        let link =
            &doc["paths"]["/api/v1/drafts"]["post"]["responses"]["201"]["links"]["LoadDraft"];
        assert_eq!(link["operationId"], "load_draft");
        assert!(link.get("operation_id").is_none());
        let ids: Vec<&str> = doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
            .filter_map(|item| item.as_object())
            .flat_map(|item| item.values())
            .filter_map(|op| op["operationId"].as_str())
            .collect();
        assert!(ids.contains(&"load_draft"), "the target exists");
    }

    #[test]
    fn the_description_states_the_checkout_limits() {
        let items = &doc()["components"]["schemas"]["PaymentRequest"]["properties"]["items"];
        assert_eq!(
            items["maxItems"].as_u64(),
            Some(crate::payments::MAX_ITEMS as u64)
        );
        assert_eq!(items["minItems"].as_u64(), Some(1));
    }
}
