use super::{decode, request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::application::{
    ApplicationReceipt, ApplicationRequest, Draft, DraftSaved, ServiceDetail, Slot, UploadReceipt,
};
use gloo_net::http::Request;

pub async fn service(lang: Lang, id: &str) -> Result<ServiceDetail, ApiError> {
    request::<(), _>(
        Method::Get,
        &format!("/api/v1/services/{}", encode(id)),
        lang,
        None,
    )
    .await
}

pub async fn slots(lang: Lang, id: &str) -> Result<Vec<Slot>, ApiError> {
    request::<(), _>(
        Method::Get,
        &format!("/api/v1/services/{}/slots", encode(id)),
        lang,
        None,
    )
    .await
}

pub async fn submit(
    lang: Lang,
    body: &ApplicationRequest,
    idempotency_key: &str,
) -> Result<ApplicationReceipt, ApiError> {
    request_with_headers(
        Method::Post,
        "/api/v1/applications",
        lang,
        Some(body),
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

pub async fn save_draft(lang: Lang, body: &Draft) -> Result<DraftSaved, ApiError> {
    request(Method::Post, "/api/v1/drafts", lang, Some(body)).await
}

pub async fn load_draft(lang: Lang, code: &str) -> Result<Draft, ApiError> {
    request::<(), _>(
        Method::Get,
        &format!("/api/v1/drafts/{}", encode(code)),
        lang,
        None,
    )
    .await
}

/// Sends the file's bytes as the body; the name travels percent-encoded in `X-File-Name`.
pub async fn upload(lang: Lang, file: &web_sys::File) -> Result<UploadReceipt, ApiError> {
    let content_type = file.type_();
    let req = Request::post("/api/v1/uploads")
        .header("Accept", "application/json")
        .header("Accept-Language", lang.code())
        .header(
            "Content-Type",
            if content_type.is_empty() {
                "application/octet-stream"
            } else {
                &content_type
            },
        )
        .header(
            "X-File-Name",
            &String::from(js_sys::encode_uri_component(&file.name())),
        )
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|_| ApiError::Decode)?;
    let res = req.send().await.map_err(|_| ApiError::Network)?;
    decode(res).await
}

/// Path segments come from the URL: never let them change the path.
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}
