//! The OpenAPI 3.1 description, generated from the handlers' annotations. The committed copy
//! in docs/openapi.json is checked against this in tests.

use axum::http::header;
use axum::response::IntoResponse;
use crate::hearings::BearerAuth;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Serviceportal API",
        version = "1.0.0",
        description = "REST API of the town's service portal: catalogue, forms, hearings and payments. \
                       Errors are RFC 9457 problem details; texts follow Accept-Language (de, en)."
    ),
    paths(
        crate::api::health::health,
        crate::api::services::list,
        crate::api::feedback::create,
        crate::hearings::handlers::login,
        crate::hearings::handlers::refresh,
        crate::hearings::handlers::logout,
        crate::hearings::handlers::current,
        crate::hearings::handlers::evidence,
        crate::hearings::handlers::respond,
        crate::forms::handlers::service_detail,
        crate::forms::handlers::slots,
        crate::forms::handlers::submit,
        crate::forms::handlers::application,
        crate::forms::handlers::upload,
        crate::forms::handlers::save_draft,
        crate::forms::handlers::load_draft,
        crate::payments::handlers::list_methods,
        crate::payments::handlers::create,
        crate::payments::handlers::payment,
        crate::payments::handlers::transfer_received,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "system", description = "Health and description"),
        (name = "services", description = "The service catalogue"),
        (name = "feedback", description = "Accessibility feedback"),
        (name = "hearings", description = "Online hearing for administrative offences (Anhörung): sign in with case number and access code, view the case and evidence, respond once"),
        (name = "forms", description = "Guided form wizards: service definitions, appointment slots, applications, uploads, drafts"),
        (name = "payments", description = "Checkout for fees and fines (XBezahldienste model): methods, payments with server-side pricing, idempotent creation, provider redirect, status"),
        (name = "mock-only", description = "Endpoints of the mock backend that do not exist in production (simulations for demos and tests)"),
    )
)]
pub struct ApiDoc;

pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}
