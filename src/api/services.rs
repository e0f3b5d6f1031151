use super::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::catalogue::ServiceSummary;

pub async fn list(lang: Lang) -> Result<Vec<ServiceSummary>, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/services", lang, None).await
}
