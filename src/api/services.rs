use super::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::catalogue::ServiceSummary;
use std::cell::RefCell;

thread_local! {
    /// The last catalogue answer: a service's start page shows its name, summary and fee from it
    /// at once, while the form itself is still on its way.
    static KNOWN: RefCell<Vec<ServiceSummary>> = const { RefCell::new(Vec::new()) };
}

pub async fn list(lang: Lang) -> Result<Vec<ServiceSummary>, ApiError> {
    let answer: Result<Vec<ServiceSummary>, ApiError> =
        request::<(), _>(Method::Get, "/api/v1/services", lang, None).await;
    if let Ok(list) = &answer {
        KNOWN.with(|k| k.replace(list.clone()));
    }
    answer
}

/// A service of the last catalogue answer, if the catalogue was shown in this visit.
pub fn known(id: &str) -> Option<ServiceSummary> {
    KNOWN.with(|k| k.borrow().iter().find(|s| s.id == id).cloned())
}
