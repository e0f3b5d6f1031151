//! `/api/v1/hearings/...`: session, the current case, evidence images and the response.

use crate::extract::{AcceptLang, ApiJson};
use crate::hearings::store::{LoginError, RespondError, SessionInfo};
use crate::idempotency::{IdempotencyKey, KeyReused, Outcome};
use crate::problem::{problem_response, ApiError, Problem};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::application::UNAMBIGUOUS_ALPHABET;
use domain::hearing::{
    HearingCase, HearingReceipt, HearingResponse, HearingSession, HearingSignIn, SessionRequest,
};
use domain::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/hearings/session", post(login).delete(logout))
        .route("/v1/hearings/session/refresh", post(refresh))
        .route("/v1/hearings/current", get(current))
        .route("/v1/hearings/current/evidence/{id}", get(evidence))
        .route("/v1/hearings/current/response", post(respond))
}

pub(crate) fn lang_of(parts: &Parts) -> Lang {
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// One message for a missing, unknown, expired or ended session: nothing to learn from it.
pub(crate) fn session_expired(lang: Lang) -> ApiError {
    ApiError::unauthorized(
        lang,
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
        "Your session has expired. Please sign in again.",
    )
}

/// A valid `Authorization: Bearer <token>`; extracting it extends the session.
pub struct HearingAuth(pub SessionInfo);

impl FromRequestParts<AppState> for HearingAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        crate::access::bearer_token(&parts.headers)
            .and_then(|t| state.hearings().authenticate(t, state.clock().now()))
            .map(HearingAuth)
            .ok_or_else(|| session_expired(lang_of(parts)))
    }
}

/// The session of an `Authorization: Bearer <token>` if one is sent and alive (extending it);
/// `None` otherwise — for endpoints where signing in is needed only for some of the content.
pub struct OptionalHearingAuth(pub Option<SessionInfo>);

impl FromRequestParts<AppState> for OptionalHearingAuth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(OptionalHearingAuth(
            HearingAuth::from_request_parts(parts, state)
                .await
                .ok()
                .map(|HearingAuth(s)| s),
        ))
    }
}

/// An API error, or the rare case that the system's random source fails.
pub enum Fail {
    Api(ApiError),
    NoRandomness(Lang),
}

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Fail {
        Fail::Api(e)
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        match self {
            Fail::Api(e) => e.into_response(),
            Fail::NoRandomness(lang) => {
                let (title, detail) = match lang {
                    Lang::De => (
                        "Vorübergehend nicht verfügbar",
                        "Bitte versuchen Sie es in einer Minute erneut.",
                    ),
                    Lang::En => ("Temporarily unavailable", "Please try again in a minute."),
                };
                let body = Problem {
                    type_: "/problems/unavailable".into(),
                    title: title.into(),
                    status: 503,
                    detail: Some(detail.into()),
                    errors: None,
                    times: None,
                };
                problem_response(StatusCode::SERVICE_UNAVAILABLE, &body)
            }
        }
    }
}

fn random_bytes<const N: usize>(lang: Lang) -> Result<[u8; N], Fail> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|_| Fail::NoRandomness(lang))?;
    Ok(buf)
}

/// 256 random bits, hex.
pub(crate) fn new_token(lang: Lang) -> Result<String, Fail> {
    Ok(random_bytes::<32>(lang)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A few 8-character references from the unambiguous alphabet (rejection sampling keeps
/// every character equally likely).
fn new_references(lang: Lang) -> Result<Vec<String>, Fail> {
    let n = UNAMBIGUOUS_ALPHABET.len();
    let limit = 256 - 256 % n;
    let bytes = random_bytes::<64>(lang)?;
    let chars: Vec<char> = bytes
        .iter()
        .filter(|b| usize::from(**b) < limit)
        .map(|b| char::from(UNAMBIGUOUS_ALPHABET[usize::from(*b) % n]))
        .collect();
    Ok(chars.chunks_exact(8).map(|c| c.iter().collect()).collect())
}

pub(crate) fn session_body(s: &SessionInfo, now: i64) -> HearingSession {
    HearingSession {
        token: s.token.clone(),
        expires_at: crate::clock::rfc3339(s.expires_at),
        expires_in_seconds: s.expires_at - now,
    }
}

/// Sign in with the case number and access code from the hearing letter.
///
/// Wrong pairs and unknown case numbers get the same 401. After 5 failures within 15 minutes
/// for a case number (existing or not), further attempts get 429 until the oldest failure
/// is 15 minutes old — even with the right code.
#[utoipa::path(
    post,
    path = "/api/v1/hearings/session",
    tag = "hearings",
    request_body(content = SessionRequest, example = json!({"case_number": "OWI-2026-000101", "access_code": "K7MP-3XTA"})),
    responses(
        (status = 201, description = "Signed in; the case comes with the session (no second request needed)", body = HearingSignIn,
            headers(("Cache-Control" = String, description = "`private, no-store`: personal data"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Case number or access code is wrong (one message for both)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is empty or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts for this case number", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
        (status = 503, description = "No session token could be drawn (the system's random source failed); try again", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    ApiJson(body): ApiJson<SessionRequest>,
) -> Result<impl axum::response::IntoResponse, Fail> {
    body.validate().map_err(|e| ApiError::validation(lang, e))?;
    let token = new_token(lang)?;
    let now = state.clock().now();
    match state
        .hearings()
        .login(&body.case_number, &body.access_code, token, now)
    {
        Ok(session) => {
            // A session always names a seeded case (as in `current`).
            let case = state
                .hearings()
                .case_view(&session.case_key, state.clock().today())
                .ok_or_else(|| session_expired(lang))?;
            let body = HearingSignIn {
                session: session_body(&session, now),
                case,
            };
            Ok((
                StatusCode::CREATED,
                [(header::CACHE_CONTROL, "private, no-store")],
                Json(body),
            ))
        }
        Err(LoginError::Wrong) => Err(ApiError::unauthorized(
            lang,
            "Aktenzeichen oder Zugangscode stimmen nicht.",
            "Case number or access code is wrong.",
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
    path = "/api/v1/hearings/session/refresh",
    tag = "hearings",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The new expiry", body = HearingSession),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    State(state): State<AppState>,
    HearingAuth(session): HearingAuth,
) -> Json<HearingSession> {
    Json(session_body(&session, state.clock().now()))
}

/// Sign out: the token stops working.
#[utoipa::path(
    delete,
    path = "/api/v1/hearings/session",
    tag = "hearings",
    security(("bearer_auth" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    HearingAuth(session): HearingAuth,
) -> StatusCode {
    state.hearings().logout(&session.token);
    StatusCode::NO_CONTENT
}

/// The signed-in case: offence, amount, deadline, evidence, payee, prefilled personal data,
/// and the receipt once answered.
#[utoipa::path(
    get,
    path = "/api/v1/hearings/current",
    tag = "hearings",
    security(("bearer_auth" = [])),
    responses(
        (status = 200, description = "The case", body = HearingCase,
            links(("GetEvidence" = (operation_id = "evidence", parameters(("id" = "$response.body#/evidence/0/id")))))),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn current(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    HearingAuth(session): HearingAuth,
) -> Result<Json<HearingCase>, ApiError> {
    // A session always names a seeded case; should it not, the session is as good as gone
    // (and 404 is not a documented answer here).
    state
        .hearings()
        .case_view(&session.case_key, state.clock().today())
        .map(Json)
        .ok_or_else(|| session_expired(lang))
}

/// An evidence image of the signed-in case (SVG). Fetch it with the token and show it as a
/// blob URL; ids of other cases are 404.
#[utoipa::path(
    get,
    path = "/api/v1/hearings/current/evidence/{id}",
    tag = "hearings",
    security(("bearer_auth" = [])),
    params(("id" = String, Path, description = "Evidence id from the case's `evidence` list", example = "ev-000102-1")),
    responses(
        (status = 200, description = "The image", body = String, content_type = "image/svg+xml"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an evidence image of this case", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn evidence(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    HearingAuth(session): HearingAuth,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(ApiError::not_found(lang));
    };
    let svg = state
        .hearings()
        .evidence_svg(&session.case_key, &id)
        .ok_or_else(|| ApiError::not_found(lang))?;
    let mut res = svg.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    // Personal data: never cached; the SVG may not run or load anything.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}

/// Send the one response of the case: personal data (§ 111 OWiG) and the choice.
///
/// `name_driver` and `refuse_as_relative` are for a keeper questioned as a witness;
/// `no_statement` for the person concerned; `statement` for both. The same
/// `Idempotency-Key` and body return the first receipt (200); the same key with another body
/// is 409 `idempotency-conflict`; once answered, a new key is 409 `already-answered`; a paid
/// case is 409 `already-paid`. A response after the deadline is still accepted.
#[utoipa::path(
    post,
    path = "/api/v1/hearings/current/response",
    tag = "hearings",
    security(("bearer_auth" = [])),
    params(("Idempotency-Key" = String, Header, description = "Unique per response attempt, 1–255 visible ASCII characters", pattern = "^[!-~]{1,255}$", example = "4f1c2a9e-0b7d-4c55-9a3e-2d8f6b1e7c10")),
    request_body(content = HearingResponse, example = json!({
        "personal_data": {
            "family_name": "Mustermann", "given_names": "Erika", "date_of_birth": "1980-04-12",
            "place_of_birth": "Musterstadt", "street": "Lindenallee", "house_number": "5",
            "postal_code": "12345", "town": "Musterstadt", "nationality": "deutsch",
            "occupation": "Ingenieurin", "marital_status": "married"
        },
        "choice": {"kind": "no_statement"}
    })),
    responses(
        (status = 201, description = "Received", body = HearingReceipt),
        (status = 200, description = "Replay of an earlier request with the same key and body", body = HearingReceipt),
        (status = 400, description = "Malformed body or missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered, already paid, or the key was used for another body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Validation errors per field (`personal_data.*`, `choice.*`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "No reference could be drawn (the system's random source failed); try again", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn respond(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    HearingAuth(session): HearingAuth,
    key: IdempotencyKey,
    ApiJson(body): ApiJson<HearingResponse>,
) -> Result<(StatusCode, Json<HearingReceipt>), Fail> {
    let references = new_references(lang)?;
    let now = state.clock().now();
    let (receipt, outcome) = state
        .hearings()
        .respond(&key, &session.case_key, body, &references, now)
        .map_err(|e| respond_problem(lang, e))?;
    let status = match outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Replayed => StatusCode::OK,
    };
    Ok((status, Json(receipt)))
}

/// The problem a refused response is answered with.
fn respond_problem(lang: Lang, e: RespondError) -> ApiError {
    match e {
        RespondError::KeyReused => KeyReused.problem(lang),
        RespondError::UnknownCase => ApiError::not_found(lang),
        RespondError::AlreadyAnswered => ApiError::conflict(
            lang,
            "already-answered",
            "Zu diesem Fall wurde bereits eine Antwort gesendet.",
            "A response has already been sent for this case.",
        ),
        RespondError::AlreadyPaid => ApiError::conflict(
            lang,
            "already-paid",
            "Der Betrag wurde bereits bezahlt; der Fall ist abgeschlossen.",
            "The amount has already been paid; the case is closed.",
        ),
        RespondError::Invalid(errors) => ApiError::validation(lang, errors),
        RespondError::NoFreeReference => ApiError::conflict(
            lang,
            "retry",
            "Bitte senden Sie erneut.",
            "Please send again.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_use_the_unambiguous_alphabet() {
        for _ in 0..50 {
            let refs = new_references(Lang::De).ok().unwrap();
            assert!(
                refs.len() >= 3,
                "64 bytes give at least 3 references with overwhelming odds"
            );
            for r in refs {
                assert!(domain::application::is_unambiguous_code(&r, 8), "{r}");
            }
        }
        let t = new_token(Lang::De).ok().unwrap();
        assert_eq!(t.len(), 64);
    }
}
