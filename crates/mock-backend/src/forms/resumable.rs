//! Resumable uploads in the shape of the tus protocol: announce a file with its length
//! (`POST /api/v1/uploads/resumable` → id), append chunks at the acknowledged offset
//! (`PATCH …/{id}` with `Upload-Offset`), ask the offset after a failure (`GET`/`HEAD …/{id}`).
//! The server never accepts a chunk at another offset or beyond the announced length, checks
//! the finished file's first bytes against its type, and forgets unfinished uploads after a day.

use super::chunks::AppendError;
use super::uploads::{self, FileType, NameProblem};
use crate::extract::{AcceptLang, ApiJson};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use domain::i18n::Lang;
use domain::upload::{self as rules, ResumableCreate, ResumableUpload};

pub const UPLOAD_OFFSET: &str = "upload-offset";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/uploads/resumable", post(create))
        .route(
            "/v1/uploads/resumable/{id}",
            patch(append)
                .get(status)
                .layer(DefaultBodyLimit::max(rules::MAX_CHUNK_BYTES as usize)),
        )
        .route("/v1/dev/uploads/{id}/content", get(content))
}

fn not_found(lang: Lang) -> ApiError {
    ApiError::not_found(lang).with_detail(
        "Dieser Upload ist abgelaufen oder unbekannt. Bitte wählen Sie die Datei erneut aus.",
        "This upload has expired or is unknown. Please choose the file again.",
    )
}

fn too_large(lang: Lang) -> ApiError {
    ApiError::unprocessable(
        lang,
        "upload-too-large",
        "Die Datei ist größer als 10 MB. Bitte wählen Sie eine kleinere Datei oder ein Foto mit weniger Seiten.",
        "The file is larger than 10 MB. Please choose a smaller file or a photo of fewer pages.",
    )
}

fn with_offset(mut res: Response, offset: u64) -> Response {
    res.headers_mut()
        .insert(UPLOAD_OFFSET, HeaderValue::from(offset));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Announces a file to be sent in chunks: its name, type and total length.
#[utoipa::path(
    post,
    path = "/api/v1/uploads/resumable",
    tag = "forms",
    request_body(content = ResumableCreate, example = json!({"name": "Fahrzeugschein.jpg", "size": 912345, "content_type": "image/jpeg"})),
    responses(
        (status = 201, description = "Created; send the bytes with PATCH at offset 0",
            body = ResumableUpload,
            headers(("Location" = String, description = "The upload's URL"), ("Upload-Offset" = u64, description = "Always 0"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty (`/problems/upload-empty`), larger than 10 MB (`/problems/upload-too-large`), or not a PDF, JPEG or PNG (`/problems/upload-type`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    ApiJson(req): ApiJson<ResumableCreate>,
) -> Result<Response, ApiError> {
    if req.size > rules::MAX_BYTES {
        return Err(too_large(lang));
    }
    if req.size == 0 {
        return Err(ApiError::unprocessable(
            lang,
            "upload-empty",
            "Die Datei ist leer.",
            "The file is empty.",
        ));
    }
    let Some(kind) = FileType::from_content_type(&req.content_type) else {
        return Err(ApiError::unprocessable(
            lang,
            "upload-type",
            "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.",
            "Please upload a PDF, JPEG or PNG file.",
        ));
    };
    // The name is only shown back: one that is unusable becomes "Datei", a long one keeps its
    // last 200 characters (with the extension) rather than failing the upload.
    let name = match uploads::clean_name(&req.name) {
        Ok(n) => n,
        Err(NameProblem::TooLong) => {
            let chars: Vec<char> = req.name.chars().filter(|c| !c.is_control()).collect();
            let tail: String = chars[chars.len().saturating_sub(uploads::MAX_NAME_CHARS)..]
                .iter()
                .collect();
            uploads::clean_name(&tail).unwrap_or_else(|_| "Datei".into())
        }
        Err(_) => "Datei".into(),
    };
    let created = state
        .forms()
        .resumable()
        .create(name, kind, req.size, state.clock().now());
    let location = format!("/api/v1/uploads/resumable/{}", created.id);
    let mut res = (StatusCode::CREATED, Json(created)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(with_offset(res, 0))
}

/// Where to continue: the bytes received so far (also as `HEAD`, with `Upload-Offset`).
#[utoipa::path(
    get,
    path = "/api/v1/uploads/resumable/{id}",
    tag = "forms",
    params(("id" = String, Path, description = "The id from the creation")),
    responses(
        (status = 200, description = "The offset to continue at; `receipt` once complete", body = ResumableUpload,
            headers(("Upload-Offset" = u64, description = "Bytes received"))),
        (status = 404, description = "Unknown or expired (unfinished uploads are kept 24 hours after the last chunk)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(not_found(lang));
    };
    let s = state
        .forms()
        .resumable()
        .status(&id, state.clock().now())
        .ok_or_else(|| not_found(lang))?;
    let offset = s.offset;
    Ok(with_offset(Json(s).into_response(), offset))
}

/// Appends a chunk at `Upload-Offset`. The last chunk completes the upload: its type is then
/// checked by the first bytes and the answer carries the receipt for the form.
#[utoipa::path(
    patch,
    path = "/api/v1/uploads/resumable/{id}",
    tag = "forms",
    params(
        ("id" = String, Path, description = "The id from the creation"),
        ("Upload-Offset" = u64, Header, description = "Where this chunk starts: must equal the bytes received so far"),
    ),
    request_body(description = "The chunk's bytes, at most 1 MiB", content((inline(uploads::FileBody) = "application/octet-stream"))),
    responses(
        (status = 200, description = "Stored; the new offset, and the receipt when complete", body = ResumableUpload,
            headers(("Upload-Offset" = u64, description = "Bytes received"))),
        (status = 400, description = "Upload-Offset missing or not a number, or no body", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or expired", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not at the received offset (`/problems/upload-offset`; the `Upload-Offset` header says where to continue), more bytes than announced (`/problems/upload-too-large`), or the finished file is not of its declared type (`/problems/upload-type`; the upload is dropped)", body = Problem, content_type = "application/problem+json",
            headers(("Upload-Offset" = u64, description = "Bytes received; only with `/problems/upload-offset`"))),
        (status = 422, description = "A chunk over 1 MiB (`/problems/upload-too-large`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn append(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(not_found(lang));
    };
    let claimed = headers
        .get(UPLOAD_OFFSET)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or_else(|| {
            ApiError::bad_request(lang, "An Upload-Offset header with a number is required")
        })?;
    let chunk = match body {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large(lang)),
        Err(_) => return Err(ApiError::bad_request(lang, "The body could not be read")),
    };
    // tus allows an empty chunk, but a request without any body is malformed.
    if chunk.is_empty() && !headers.contains_key(header::CONTENT_TYPE) {
        return Err(ApiError::bad_request(
            lang,
            "The chunk's bytes are required as the body",
        ));
    }
    let forms = state.forms();
    let result = forms.resumable().append(
        &id,
        claimed,
        &chunk,
        state.clock().now(),
        |name, kind, bytes| forms.add_upload(name, kind.mime(), bytes),
    );
    match result {
        Ok(s) => {
            let offset = s.offset;
            Ok(with_offset(Json(s).into_response(), offset))
        }
        Err(AppendError::NotFound) => Err(not_found(lang)),
        // Both conflict with what the creation announced: 409, like a wrong offset.
        Err(AppendError::TooLarge) => Err(ApiError::conflict(
            lang,
            "upload-too-large",
            "Es kamen mehr Bytes als angekündigt. Bitte wählen Sie die Datei erneut aus.",
            "More bytes arrived than announced. Please choose the file again.",
        )),
        Err(AppendError::WrongType) => Err(ApiError::conflict(
            lang,
            "upload-type",
            "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.",
            "Please upload a PDF, JPEG or PNG file.",
        )),
        Err(AppendError::WrongOffset { expected }) => Ok(with_offset(
            ApiError::conflict(
                lang,
                "upload-offset",
                format!("Der Server hat {expected} Bytes; bitte dort fortsetzen."),
                format!("The server has {expected} bytes; please continue there."),
            )
            .into_response(),
            expected,
        )),
    }
}

/// Mock only: the stored bytes of a finished upload, so tests compare them with what the
/// browser sent.
#[utoipa::path(
    get,
    path = "/api/v1/dev/uploads/{id}/content",
    tag = "mock-only",
    params(("id" = String, Path, description = "The upload id (`upl_…`) of a receipt")),
    responses(
        (status = 200, description = "The file's bytes", content((inline(uploads::FileBody) = "application/pdf"), (inline(uploads::FileBody) = "image/jpeg"), (inline(uploads::FileBody) = "image/png"))),
        (status = 404, description = "No upload with this id", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn content(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(ApiError::not_found(lang));
    };
    let (ctype, bytes) = state
        .forms()
        .upload_content(&id)
        .ok_or_else(|| ApiError::not_found(lang))?;
    let mut res = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&ctype) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(res)
}
