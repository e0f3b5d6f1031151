//! `/api/v1/notices/...`: sign in with Kassenzeichen and access code, the notice, sign out.

use crate::access::{LoginError, SessionInfo};
use crate::extract::{AcceptLang, ApiJson};
use crate::hearings::handlers::{lang_of, new_token, session_body, session_expired, Fail};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::hearing::HearingSession;
use domain::notice::{Notice, NoticeSessionRequest, NoticeSignIn};
use domain::payment::PaymentItemKind;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/notices/session", post(login).delete(logout))
        .route("/v1/notices/session/refresh", post(refresh))
        .route("/v1/notices/current", get(current))
}

/// A valid `Authorization: Bearer <token>` of a notice session; extracting it extends it.
pub struct NoticeAuth(pub SessionInfo);

impl FromRequestParts<AppState> for NoticeAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        crate::access::bearer_token(&parts.headers)
            .and_then(|t| state.notices().authenticate(t, state.clock().now()))
            .map(NoticeAuth)
            .ok_or_else(|| session_expired(lang_of(parts)))
    }
}

/// Sign in with the Kassenzeichen and access code printed on the notice.
///
/// The hearing's rules: a wrong pair and an unknown Kassenzeichen get the same 401; after 5
/// failures within 15 minutes for a Kassenzeichen (existing or not), further attempts get 429
/// until the oldest failure is 15 minutes old — even with the right code. The QR code on the
/// letter carries both in the app's URL fragment (`/zahlen#kz=…&code=…`), never in a query.
#[utoipa::path(
    post,
    path = "/api/v1/notices/session",
    tag = "notices",
    request_body(content = NoticeSessionRequest, example = json!({"kassenzeichen": "6.0100.000201.3", "access_code": "N7KD-4PRA"})),
    responses(
        (status = 201, description = "Signed in; the notice comes with the session (no second request needed)", body = NoticeSignIn,
            headers(("Cache-Control" = String, description = "`private, no-store`: personal data"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Kassenzeichen or access code is wrong (one message for both)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is empty or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts for this Kassenzeichen", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
        (status = 503, description = "No session token could be drawn (the system's random source failed); try again", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    ApiJson(body): ApiJson<NoticeSessionRequest>,
) -> Result<impl axum::response::IntoResponse, Fail> {
    body.validate().map_err(|e| ApiError::validation(lang, e))?;
    let token = new_token(lang)?;
    let now = state.clock().now();
    match state
        .notices()
        .login(&body.kassenzeichen, &body.access_code, token, now)
    {
        Ok(session) => {
            let notice =
                notice_view(&state, &session.case_key).ok_or_else(|| session_expired(lang))?;
            let body = NoticeSignIn {
                session: session_body(&session, now),
                notice,
            };
            Ok((
                StatusCode::CREATED,
                [(axum::http::header::CACHE_CONTROL, "private, no-store")],
                Json(body),
            ))
        }
        Err(LoginError::Wrong) => Err(ApiError::unauthorized(
            lang,
            "Kassenzeichen oder Zugangscode stimmen nicht.",
            "Kassenzeichen or access code is wrong.",
        )
        .into()),
        Err(LoginError::Locked { retry_after_secs }) => {
            Err(ApiError::too_many_requests(lang, retry_after_secs).into())
        }
    }
}

/// Extend the session (sessions end after inactivity; every authenticated request extends it).
#[utoipa::path(
    post,
    path = "/api/v1/notices/session/refresh",
    tag = "notices",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The new expiry", body = HearingSession),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    State(state): State<AppState>,
    NoticeAuth(session): NoticeAuth,
) -> Json<HearingSession> {
    Json(session_body(&session, state.clock().now()))
}

/// Sign out: the token stops working.
#[utoipa::path(
    delete,
    path = "/api/v1/notices/session",
    tag = "notices",
    security(("bearer_auth" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(State(state): State<AppState>, NoticeAuth(session): NoticeAuth) -> StatusCode {
    state.notices().logout(&session.token);
    StatusCode::NO_CONTENT
}

/// The signed-in notice: subject, office, addressee, the instalments with status, due dates,
/// what was paid and the charges (computed by § 240 AO and the town's dunning fee, never
/// typed in), what is due now, and the payee.
#[utoipa::path(
    get,
    path = "/api/v1/notices/current",
    tag = "notices",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The notice", body = Notice),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn current(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    NoticeAuth(session): NoticeAuth,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    notice_view(&state, &session.case_key)
        // Personal data: never stored by a cache.
        .map(|n| {
            (
                [(axum::http::header::CACHE_CONTROL, "private, no-store")],
                Json(n),
            )
        })
        .ok_or_else(|| session_expired(lang))
}

/// The notice as `current` and the sign-in show it: with the parts a payment is pending for.
fn notice_view(state: &AppState, key: &str) -> Option<Notice> {
    let pending = state
        .payments()
        .pending_parts(PaymentItemKind::Notice, key, state.clock().now());
    state.notices().view(key, state.clock().today(), |id| {
        pending.iter().any(|p| p == id)
    })
}
