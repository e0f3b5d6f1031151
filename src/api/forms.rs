use super::{request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::application::{
    ApplicationReceipt, ApplicationRequest, Draft, DraftSaved, ServiceDetail, Slot,
};

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

/// Path segments come from the URL: never let them change the path.
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}
