//! The document title, "<page> – Serviceportal Musterstadt" (WCAG 2.4.2), set by an effect of
//! the page: after it renders, again when the language changes, never after the page is gone,
//! and only when it differs (setting it costs the browser a few ms at 4× CPU slowdown).

use crate::i18n::use_i18n;
use leptos::prelude::*;

pub fn set_document_title(page: &str, portal: &str) {
    let title = format!("{page} – {portal} Musterstadt");
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.title() != title {
            doc.set_title(&title);
        }
    }
}

#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(page) = text.try_get() {
            set_document_title(&page, i18n.t().portal);
        }
    });
}
