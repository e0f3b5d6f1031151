//! The document title of wizard pages.
//!
//! leptos_meta may evaluate a page's title once more after the page's reactive owner is gone
//! (seen when leaving a step for the start page), and `PageTitle` takes a `Signal`, which is
//! disposed with the page: reading it then panicked. This title closure captures only owned
//! values and app-wide signals, so a late evaluation is harmless.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// "<text> – Serviceportal Musterstadt", like `PageTitle`.
#[component]
pub fn WizardTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} – {} Musterstadt", text(), i18n.t().portal)/> }
}
