//! `/api/v1/payment-methods`, `/api/v1/payments` and the mock-only bank statement endpoint.

use super::{CreateError, FieldMessages, FinishError};
use crate::extract::{AcceptLang, ApiJson};
use crate::hearings::handlers::OptionalHearingAuth;
use crate::idempotency::{IdempotencyKey, KeyReused, Outcome};
use crate::problem::{problem_response, ApiError, Problem};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::i18n::Lang;
use domain::payment::{Payment, PaymentMethod, PaymentRequest};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/payment-methods", get(list_methods))
        .route("/v1/payments", post(create))
        .route("/v1/payments/{id}", get(payment))
        .route(
            "/v1/dev/transfers/{reference}/received",
            post(transfer_received),
        )
}

/// A 422 like `ApiError::validation`, with messages the checkout words itself.
fn field_problem(lang: Lang, errors: FieldMessages) -> Response {
    let (title, detail) = match lang {
        Lang::De => (
            "Es gibt ein Problem mit Ihren Angaben",
            "Bitte prüfen Sie die markierten Posten.",
        ),
        Lang::En => (
            "There is a problem with your answers",
            "Please check the marked items.",
        ),
    };
    let body = Problem {
        type_: "/problems/validation".into(),
        title: title.into(),
        status: 422,
        detail: Some(detail.into()),
        errors: Some(errors),
        times: None,
    };
    problem_response(StatusCode::UNPROCESSABLE_ENTITY, &body)
}

fn payment_not_found(lang: Lang) -> ApiError {
    ApiError::not_found(lang).with_detail(
        "Diese Zahlung gibt es nicht.",
        "This payment does not exist.",
    )
}

/// The payment methods the town offers, in display order.
///
/// The town's configuration (`crates/mock-backend/src/payments/methods.rs`); giropay and
/// paydirekt no longer exist and are never offered.
#[utoipa::path(
    get,
    path = "/api/v1/payment-methods",
    tag = "payments",
    responses((status = 200, description = "Offered methods (giropay and paydirekt no longer exist)", body = Vec<PaymentMethod>))
)]
pub async fn list_methods(State(state): State<AppState>) -> Json<Vec<PaymentMethod>> {
    Json(state.payments().methods().to_vec())
}

/// Start a payment for one or more items.
///
/// The server prices every item itself (the body has
/// no amount; unknown fields are refused). A hearing case is payable only with the hearing
/// session of that case (`Authorization: Bearer`, as for `/hearings/current`), so one payment
/// holds at most one hearing case; a notice likewise only with its notice session
/// (`{kind: "notice", kassenzeichen, items}`: the chosen instalments by id, each paid whole with
/// its charges, or none for everything due today). A transfer for a notice carries the
/// Kassenzeichen first in its remittance. For online methods, send the user to
/// `redirect_url`; the provider sends them back to `return_url`, after which the app fetches
/// the status with `GET /api/v1/payments/{id}` (never trusting the URL). `TRANSFER` answers
/// with bank details instead and stays `INITIAL` until the money arrives (no expiry). An item
/// with a pending online payment (under 90 minutes old) is refused, not answered with that
/// payment; a pending transfer does not block, and the first payment that succeeds cancels the
/// other pending payments of its items.
#[utoipa::path(
    post,
    path = "/api/v1/payments",
    tag = "payments",
    params(("Idempotency-Key" = String, Header, description = "1–255 visible ASCII characters, one per payment attempt", pattern = "^[!-~]{1,255}$", example = "4f1c2a9e-0b7d-4c55-9a3e-2d8f6b1e7c10")),
    security((), ("bearer_auth" = [])),
    request_body(content = PaymentRequest, example = json!({
        "items": [{"kind": "hearing", "case_number": "OWI-2026-000101"}],
        "method": "TRANSFER",
        "return_url": "/kasse/rueckkehr"
    })),
    responses(
        (status = 201, description = "Payment created (`INITIAL`)", body = Payment,
            links(
                ("GetPayment" = (operation_id = "payment", parameters(("id" = "$response.body#/id")))),
                ("TransferReceived" = (operation_id = "transfer_received", parameters(("reference" = "$response.body#/reference")))),
            )),
        (status = 200, description = "Replay of an earlier request with the same key and body: the payment in its current state", body = Payment),
        (status = 400, description = "Malformed body (e.g. an `amount` field or an unknown method), or missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with another body (`/problems/idempotency-conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Per field: `items.N` unknown, already paid, not payable (deadline, role, no fee, nothing due), duplicate, with a pending payment, or a hearing case or notice without its session; `items`, `method` (not offered), `return_url`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    key: IdempotencyKey,
    OptionalHearingAuth(session): OptionalHearingAuth,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<PaymentRequest>,
) -> Response {
    let clock = state.clock();
    // The Bearer token is a hearing's or a notice's session (tokens are random, so at most one).
    let notice = crate::access::bearer_token(&headers)
        .and_then(|t| state.notices().authenticate(t, clock.now()));
    let signed_in = super::SignedIn {
        hearing: session.as_ref().map(|s| s.case_key.as_str()),
        notice: notice.as_ref().map(|s| s.case_key.as_str()),
    };
    match state.payments().create(
        lang,
        &key,
        &req,
        state.item_stores(),
        signed_in,
        clock.now(),
    ) {
        Ok((payment, Outcome::Created)) => (StatusCode::CREATED, Json(payment)).into_response(),
        Ok((payment, Outcome::Replayed)) => (StatusCode::OK, Json(payment)).into_response(),
        Err(CreateError::Fields(errors)) => field_problem(lang, errors),
        Err(CreateError::KeyReused) => KeyReused.problem(lang).into_response(),
        Err(CreateError::TotalOutOfRange) => {
            ApiError::bad_request(lang, "The total is out of range").into_response()
        }
        Err(CreateError::Missing) => ApiError::not_found(lang).into_response(),
    }
}

/// A payment's current state.
///
/// `INITIAL` online payments older than 90 minutes read as
/// `EXPIRED`; `TRANSFER` payments stay `INITIAL` ("offen") until the money arrives.
#[utoipa::path(
    get,
    path = "/api/v1/payments/{id}",
    tag = "payments",
    params(("id" = String, Path, description = "Payment id (`pay_…`)")),
    responses(
        (status = 200, description = "The payment", body = Payment),
        (status = 404, description = "Unknown payment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn payment(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Payment>, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(payment_not_found(lang));
    };
    state
        .payments()
        .get(&id, state.clock().now())
        .map(Json)
        .ok_or_else(|| payment_not_found(lang))
}

/// Mock only: a bank transfer arrived.
///
/// **This endpoint does not exist in production**, where the treasury's bank statement import
/// does this. Simulates that a bank transfer arrived: the `TRANSFER` payment
/// with this remittance (`Stadt Musterstadt K7MP3XTA`, or just the reference `K7MP3XTA`; case,
/// spaces and hyphens ignored) becomes `PAYED` and its items are marked paid.
#[utoipa::path(
    post,
    path = "/api/v1/dev/transfers/{reference}/received",
    tag = "mock-only",
    params(("reference" = String, Path, description = "The transfer's remittance text or the payment's 8-character reference")),
    responses(
        (status = 200, description = "The payment, now `PAYED`", body = Payment),
        (status = 404, description = "No payment with this reference", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a pending transfer (another method, already paid, or cancelled because the items were paid otherwise)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transfer_received(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    reference: Result<Path<String>, PathRejection>,
) -> Result<Json<Payment>, ApiError> {
    let Ok(Path(reference)) = reference else {
        return Err(payment_not_found(lang));
    };
    match state
        .payments()
        .transfer_received(&reference, state.item_stores(), state.clock().now())
    {
        Ok(payment) => Ok(Json(payment)),
        Err(FinishError::NotFound) => Err(payment_not_found(lang)),
        Err(FinishError::NotOpen(_)) => Err(ApiError::conflict(
            lang,
            "not-pending-transfer",
            "Zu diesem Verwendungszweck gibt es keine offene Überweisung.",
            "There is no pending transfer with this reference.",
        )),
    }
}
