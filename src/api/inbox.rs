//! `/api/v1/me/applications`, `/api/v1/me/claims`, `/api/v1/me/inbox`, `/api/v1/me/messages`:
//! the signed-in citizen's applications and Postfach (the session cookie goes along).

use super::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::inbox::{AnswerRequest, ClaimRequest, InboxSummary, MarkRead, Message, MyApplication};

fn message_path(id: &str, below: &str) -> String {
    format!(
        "/api/v1/me/messages/{}{below}",
        String::from(js_sys::encode_uri_component(id))
    )
}

pub async fn applications(lang: Lang) -> Result<Vec<MyApplication>, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/me/applications", lang, None).await
}

pub async fn claim(lang: Lang, body: &ClaimRequest) -> Result<MyApplication, ApiError> {
    request(Method::Post, "/api/v1/me/claims", lang, Some(body)).await
}

pub async fn summary(lang: Lang) -> Result<InboxSummary, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/me/inbox", lang, None).await
}

pub async fn messages(lang: Lang) -> Result<Vec<Message>, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/me/messages", lang, None).await
}

pub async fn message(lang: Lang, id: &str) -> Result<Message, ApiError> {
    request::<(), _>(Method::Get, &message_path(id, ""), lang, None).await
}

pub async fn mark_read(lang: Lang, id: &str, read: bool) -> Result<Message, ApiError> {
    request(
        Method::Post,
        &message_path(id, "/read"),
        lang,
        Some(&MarkRead { read }),
    )
    .await
}

pub async fn answer(lang: Lang, id: &str, body: &AnswerRequest) -> Result<Message, ApiError> {
    request(Method::Post, &message_path(id, "/answer"), lang, Some(body)).await
}
