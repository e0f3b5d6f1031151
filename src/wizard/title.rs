//! The document title of wizard pages, from a plain closure (no `Signal` to create per page).

use crate::components::page_title::set_document_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// "<text> – Serviceportal Musterstadt", like `PageTitle`.
#[component]
pub fn WizardTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    let i18n = use_i18n();
    Effect::new(move |_| set_document_title(&text(), i18n.t().portal));
}
