use super::{request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::hearing::HearingSession;
use domain::notice::{Notice, NoticeSessionRequest};

pub async fn login(lang: Lang, body: &NoticeSessionRequest) -> Result<HearingSession, ApiError> {
    request(Method::Post, "/api/v1/notices/session", lang, Some(body)).await
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

pub async fn logout(lang: Lang, token: &str) -> Result<(), ApiError> {
    request_with_headers::<(), Option<()>>(
        Method::Delete,
        "/api/v1/notices/session",
        lang,
        None,
        &[("Authorization", &bearer(token))],
    )
    .await
    .map(|_| ())
}

pub async fn current(lang: Lang, token: &str) -> Result<Notice, ApiError> {
    request_with_headers::<(), _>(
        Method::Get,
        "/api/v1/notices/current",
        lang,
        None,
        &[("Authorization", &bearer(token))],
    )
    .await
}
