//! The form endpoints under `/api/v1`: service definitions, slots, applications, uploads, drafts.

use super::uploads::{self, FileType, NameProblem};
use super::SubmitError;
use crate::extract::{AcceptLang, ApiJson};
use crate::idempotency::{IdempotencyKey, KeyReused, Outcome};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::application::{
    ApplicationReceipt, ApplicationRequest, Draft, DraftSaved, ServiceDetail, Slot, UploadReceipt,
};
use domain::i18n::Lang;

/// Drafts hold unvalidated answers: cap what a client can park in memory.
pub const DRAFT_LIMIT: usize = 256 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/services/{id}", get(service_detail))
        .route("/v1/services/{id}/slots", get(slots))
        .route("/v1/applications", post(submit))
        .route("/v1/applications/{reference}", get(application))
        .route(
            "/v1/uploads",
            post(upload).layer(DefaultBodyLimit::max(uploads::BODY_LIMIT)),
        )
        .route(
            "/v1/drafts",
            post(save_draft).layer(DefaultBodyLimit::max(DRAFT_LIMIT)),
        )
        .route("/v1/drafts/{code}", get(load_draft))
        .merge(super::resumable::routes())
}

/// A path segment that is not valid UTF-8 cannot name anything we have.
fn segment(lang: Lang, path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(s)| s).map_err(|_| ApiError::not_found(lang))
}

fn service_not_found(lang: Lang) -> ApiError {
    ApiError::not_found(lang).with_detail(
        "Diese Leistung gibt es nicht (mehr). Bitte wählen Sie eine Leistung aus der Übersicht.",
        "This service does not exist (any more). Please choose a service from the overview.",
    )
}

/// The catalogue entry and the form definition of a service.
fn detail(state: &AppState, lang: Lang, id: &str) -> Result<ServiceDetail, ApiError> {
    let service = state.services().iter().find(|s| s.id == id).cloned();
    let form = state.town().services.definition(id, state.clock().today());
    match (service, form) {
        (Some(service), Some(form)) => Ok(ServiceDetail { service, form }),
        _ => Err(service_not_found(lang)),
    }
}

/// A service with its form definition (steps, fields, conditions, fee rule).
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}",
    tag = "forms",
    params(("id" = String, Path, description = "Service id, e.g. `hundeanmeldung`", example = "hundeanmeldung")),
    responses(
        (status = 200, description = "The service and its form", body = ServiceDetail),
        (status = 404, description = "Unknown service", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn service_detail(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ServiceDetail>, ApiError> {
    let id = segment(lang, id)?;
    detail(&state, lang, &id).map(Json)
}

/// Free appointment slots of a service, earliest first. Only `eheschliessung` has slots;
/// every other known service answers with an empty list.
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}/slots",
    tag = "forms",
    params(("id" = String, Path, description = "Service id, e.g. `eheschliessung`", example = "eheschliessung")),
    responses(
        (status = 200, description = "Free slots (empty for services without appointments)", body = Vec<Slot>),
        (status = 404, description = "Unknown service", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn slots(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<Slot>>, ApiError> {
    let id = segment(lang, id)?;
    detail(&state, lang, &id)?;
    Ok(Json(state.forms().free_slots(&id, state.clock().today())))
}

/// Sends an application. The server validates with the same rules as the app (answers of
/// hidden steps are dropped), computes the fee itself and answers with a receipt. The same
/// `Idempotency-Key` with the same body returns the first receipt (200) instead of a second
/// application.
#[utoipa::path(
    post,
    path = "/api/v1/applications",
    tag = "forms",
    params(("Idempotency-Key" = String, Header, description = "1–255 visible ASCII characters, one per application attempt", pattern = "^[!-~]{1,255}$", example = "4f1c2a9e-0b7d-4c55-9a3e-2d8f6b1e7c10")),
    request_body(content = ApplicationRequest, example = json!({
        "service_id": "melderegisterauskunft",
        "form_version": 1,
        "answers": {
            "gesucht_vorname": "Erika", "gesucht_nachname": "Mustermann",
            "gesucht_anschrift": {"street": "Lindenallee", "house_number": "1", "postal_code": "12345", "town": "Musterstadt"},
            "zweck": "privat", "vorname": "Max", "nachname": "Muster",
            "anschrift": {"street": "Hauptstraße", "house_number": "1", "postal_code": "12345", "town": "Musterstadt"},
            "email": "max@example.org"
        }
    })),
    responses(
        (status = 201, description = "Application stored", body = ApplicationReceipt,
            links(("GetApplication" = (operation_id = "application", parameters(("reference" = "$response.body#/reference")))))),
        (status = 200, description = "Replay of an earlier request with the same key and body", body = ApplicationReceipt),
        (status = 400, description = "Malformed body or missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "The service requires sign-in with the citizen account (`sign_in: required`) at a trust level the session lacks", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Form changed (`/problems/form-changed`), slot taken meanwhile (`/problems/slot-taken`) or key reused with another body (`/problems/idempotency-conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Validation errors per field (ids as `hunde.0.chip`, `anschrift.postal_code`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    key: IdempotencyKey,
    headers: HeaderMap,
    ApiJson(mut req): ApiJson<ApplicationRequest>,
) -> Result<(StatusCode, Json<ApplicationReceipt>), ApiError> {
    let ServiceDetail { service, form } = detail(&state, lang, &req.service_id)?;
    // Sign-in the service requires, and verified account values over whatever was sent.
    crate::account::handlers::apply_account(&state, &headers, lang, &form, &mut req.answers)?;
    if req.form_version != form.version {
        return Err(ApiError::conflict(
            lang,
            "form-changed",
            "Das Formular wurde geändert. Bitte laden Sie die Seite neu.",
            "The form has changed. Please reload the page.",
        ));
    }
    let (receipt, outcome) = state
        .forms()
        .submit(&key, &req, &form, &service.name, state.clock().now())
        .map_err(|e| submit_problem(lang, e))?;
    crate::inbox::handlers::on_submitted(&state, &headers, lang, &form, &receipt, outcome);
    let status = match outcome {
        Outcome::Created => {
            crate::mail::receipts::application_received(&state, lang, &form, &receipt);
            StatusCode::CREATED
        }
        Outcome::Replayed => StatusCode::OK,
    };
    Ok((status, Json(receipt)))
}

/// The problem a refused application is answered with.
fn submit_problem(lang: Lang, e: SubmitError) -> ApiError {
    match e {
        SubmitError::KeyReused => KeyReused.problem(lang),
        SubmitError::Invalid(errors) => ApiError::validation(lang, errors),
        SubmitError::SlotTaken => ApiError::conflict(
            lang,
            "slot-taken",
            "Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie einen anderen.",
            "Sorry, this slot is no longer available. Please choose another one.",
        ),
        SubmitError::Missing => ApiError::not_found(lang),
    }
}

/// The receipt of an application (confirmation page reloads, checkout).
#[utoipa::path(
    get,
    path = "/api/v1/applications/{reference}",
    tag = "forms",
    params(("reference" = String, Path, description = "8-character reference; case, spaces and hyphens are ignored")),
    responses(
        (status = 200, description = "The receipt", body = ApplicationReceipt),
        (status = 404, description = "Unknown reference", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn application(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    reference: Result<Path<String>, PathRejection>,
) -> Result<Json<ApplicationReceipt>, ApiError> {
    let reference = domain::application::normalise_code(&segment(lang, reference)?);
    state
        .forms()
        .receipt(&reference)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(lang))
}

fn too_large(lang: Lang) -> ApiError {
    ApiError::unprocessable(
        lang,
        "upload-too-large",
        "Die Datei ist größer als 10 MB.",
        "The file is larger than 10 MB.",
    )
}

fn wrong_type(lang: Lang) -> ApiError {
    ApiError::unprocessable(
        lang,
        "upload-type",
        "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.",
        "Please upload a PDF, JPEG or PNG file.",
    )
}

/// Uploads one file (the raw bytes as the body). Answers of `file_upload` fields carry the id.
#[utoipa::path(
    post,
    path = "/api/v1/uploads",
    tag = "forms",
    params(("X-File-Name" = String, Header,
        description = "The file name, percent-encoded UTF-8 (as `encodeURIComponent`), at most 200 characters once decoded; any path is removed",
        pattern = "^(?:[!-$&-~]|%[0-9A-Fa-f]{2})(?:[ -$&-~]|%[0-9A-Fa-f]{2})*$", example = "Fahrzeugschein%20M%C3%BCller.pdf")),
    request_body(
        description = "The file, at most 10 MB; its first bytes must match the Content-Type",
        content((inline(uploads::FileBody) = "application/pdf"), (inline(uploads::FileBody) = "image/jpeg"), (inline(uploads::FileBody) = "image/png"))
    ),
    responses(
        (status = 201, description = "Stored; the id is unguessable", body = UploadReceipt),
        (status = 400, description = "X-File-Name missing or not of the documented syntax", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty, larger than 10 MB (`/problems/upload-too-large`), not a PDF, JPEG or PNG (`/problems/upload-type`), or no usable file name (`/problems/upload-name`: escapes that are not UTF-8, nothing left once the path is removed, longer than 200 characters)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<UploadReceipt>), ApiError> {
    // axum's limit answers 413 in plain text; users get the same problem as for any big file.
    let bytes = match body {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large(lang)),
        Err(_) => return Err(ApiError::bad_request(lang, "The body could not be read")),
    };
    if bytes.len() > uploads::MAX_BYTES {
        return Err(too_large(lang));
    }
    if bytes.is_empty() {
        return Err(ApiError::unprocessable(
            lang,
            "upload-empty",
            "Die Datei ist leer.",
            "The file is empty.",
        ));
    }
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(FileType::from_content_type);
    let Some(kind) = declared.filter(|k| k.matches(&bytes)) else {
        return Err(wrong_type(lang));
    };
    let name = match uploads::file_name(headers.get("x-file-name").map(|v| v.as_bytes())) {
        Ok(n) => n,
        Err(NameProblem::Malformed) => {
            return Err(ApiError::bad_request(
                lang,
                "An X-File-Name header with the percent-encoded UTF-8 file name is required",
            ))
        }
        Err(NameProblem::Unusable) => {
            return Err(ApiError::unprocessable(
                lang,
                "upload-name",
                "Der Dateiname ist ungültig. Bitte benennen Sie die Datei um.",
                "The file name is not valid. Please rename the file.",
            ))
        }
        Err(NameProblem::TooLong) => return Err(ApiError::unprocessable(
            lang,
            "upload-name",
            "Der Dateiname ist zu lang (höchstens 200 Zeichen). Bitte benennen Sie die Datei um.",
            "The file name is too long (200 characters at most). Please rename the file.",
        )),
    };
    let receipt = state.forms().add_upload(name, kind.mime(), bytes);
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Saves unfinished answers under a code the user can note down. Answers are not validated.
#[utoipa::path(
    post,
    path = "/api/v1/drafts",
    tag = "forms",
    request_body(content = Draft, example = json!({"service_id": "hundeanmeldung", "form_version": 1, "answers": {"vorname": "Erika"}})),
    responses(
        (status = 201, description = "Saved for 30 days", body = DraftSaved,
            links(("LoadDraft" = (operation_id = "load_draft", parameters(("code" = "$response.body#/code")))))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown service", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 256 KB", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn save_draft(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<DraftSaved>), ApiError> {
    let bytes = match body {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(ApiError::payload_too_large(
                lang,
                "Der Entwurf ist zu groß zum Speichern (höchstens 256 KB).",
                "The draft is too large to save (256 KB at most).",
            ))
        }
        Err(_) => return Err(ApiError::bad_request(lang, "The body could not be read")),
    };
    let ApiJson(draft) = parse_json::<Draft>(lang, &headers, &bytes)?;
    detail(&state, lang, &draft.service_id)?;
    let saved = state.forms().save_draft(draft, state.clock().today());
    Ok((StatusCode::CREATED, Json(saved)))
}

/// JSON from already-limited bytes, with the same 400 texts as `ApiJson`.
fn parse_json<T: serde::de::DeserializeOwned>(
    lang: Lang,
    headers: &HeaderMap,
    bytes: &[u8],
) -> Result<ApiJson<T>, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false);
    if !is_json {
        return Err(ApiError::bad_request(
            lang,
            "Expected Content-Type: application/json",
        ));
    }
    serde_json::from_slice(bytes).map(ApiJson).map_err(|e| {
        if e.is_data() {
            ApiError::bad_request(lang, format!("The JSON does not match the schema: {e}"))
        } else {
            ApiError::bad_request(lang, "The body is not valid JSON")
        }
    })
}

/// Restores a draft by its code (case, spaces and hyphens are ignored).
#[utoipa::path(
    get,
    path = "/api/v1/drafts/{code}",
    tag = "forms",
    params(("code" = String, Path, description = "The 8-character code, e.g. `K7MP-3XTA`")),
    responses(
        (status = 200, description = "The saved answers", body = Draft),
        (status = 404, description = "Unknown or expired code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn load_draft(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Draft>, ApiError> {
    let code = segment(lang, code).unwrap_or_default();
    state
        .forms()
        .draft(&code, state.clock().today())
        .map(Json)
        .ok_or_else(|| {
            ApiError::not_found(lang).with_detail(
                "Diesen Code kennen wir nicht oder er ist abgelaufen (Codes gelten 30 Tage).",
                "We do not know this code or it has expired (codes are valid for 30 days).",
            )
        })
}
