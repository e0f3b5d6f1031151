use super::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::town::TownProfile;

/// The town's profile; only needed when index.html came without it (e.g. `trunk serve`).
pub async fn profile(lang: Lang) -> Result<TownProfile, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/town", lang, None).await
}
