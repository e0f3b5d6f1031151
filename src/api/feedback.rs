use super::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::feedback::FeedbackRequest;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct FeedbackCreated {
    pub id: u64,
}

pub async fn send(lang: Lang, body: &FeedbackRequest) -> Result<FeedbackCreated, ApiError> {
    request(Method::Post, "/api/v1/feedback", lang, Some(body)).await
}
