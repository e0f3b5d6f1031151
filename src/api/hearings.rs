use super::{decode, request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::hearing::{
    HearingCase, HearingReceipt, HearingResponse, HearingSession, SessionRequest,
};
use gloo_net::http::Request;

pub async fn login(lang: Lang, body: &SessionRequest) -> Result<HearingSession, ApiError> {
    request(Method::Post, "/api/v1/hearings/session", lang, Some(body)).await
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

pub async fn refresh(lang: Lang, token: &str) -> Result<HearingSession, ApiError> {
    request_with_headers::<(), _>(
        Method::Post,
        "/api/v1/hearings/session/refresh",
        lang,
        None,
        &[("Authorization", &bearer(token))],
    )
    .await
}

pub async fn logout(lang: Lang, token: &str) -> Result<(), ApiError> {
    request_with_headers::<(), Option<()>>(
        Method::Delete,
        "/api/v1/hearings/session",
        lang,
        None,
        &[("Authorization", &bearer(token))],
    )
    .await
    .map(|_| ())
}

pub async fn current(lang: Lang, token: &str) -> Result<HearingCase, ApiError> {
    request_with_headers::<(), _>(
        Method::Get,
        "/api/v1/hearings/current",
        lang,
        None,
        &[("Authorization", &bearer(token))],
    )
    .await
}

pub async fn respond(
    lang: Lang,
    token: &str,
    body: &HearingResponse,
    key: &str,
) -> Result<HearingReceipt, ApiError> {
    request_with_headers(
        Method::Post,
        "/api/v1/hearings/current/response",
        lang,
        Some(body),
        &[("Authorization", &bearer(token)), ("Idempotency-Key", key)],
    )
    .await
}

/// Evidence images need the Bearer token, which an `<img>` cannot send: fetch the bytes and
/// hand out a blob URL (allowed by the CSP's `img-src blob:`).
pub async fn evidence_blob_url(url: &str, token: &str) -> Result<String, ApiError> {
    let res = Request::get(url)
        .header("Authorization", &bearer(token))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !(200..300).contains(&res.status()) {
        return decode::<()>(res).await.and(Err(ApiError::Decode));
    }
    let bytes = res.binary().await.map_err(|_| ApiError::Decode)?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let parts = js_sys::Array::of1(&array.buffer());
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &props)
        .map_err(|_| ApiError::Decode)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::Decode)
}
