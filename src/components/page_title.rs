//! The document title, "<page> – Serviceportal <town>" (WCAG 2.4.2), set by an effect of
//! the page: after it renders, again when the language (or what else `text` reads) changes,
//! never after the page is gone, and only when it differs (setting it costs the browser a few
//! ms at 4× CPU slowdown).
//!
//! `text` is a plain closure (no `Signal` to create per page). The title outlives its page for a
//! moment when leaving it, so `text` reads only the language and values it owns, not
//! the page's signals (see the step page, which mirrors its error state for the title).

use crate::i18n::use_i18n;
use leptos::prelude::*;

fn set_document_title(title: String) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.title() != title {
            doc.set_title(&title);
        }
    }
}

#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    title_effect(Box::new(text));
}

/// Not generic: one effect in the bundle for every page's title.
fn title_effect(text: Box<dyn Fn() -> String + Send + Sync>) {
    let i18n = use_i18n();
    let town = crate::town::use_town();
    Effect::new(move |_| {
        let town = town.get();
        set_document_title(crate::town::document_title(
            &text(),
            i18n.t().portal,
            town.as_deref(),
        ))
    });
}
