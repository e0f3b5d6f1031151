//! "Drucken": prints the page (confirmations and receipts; the print style hides the rest).

use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! { <button type="button" class="button button-secondary" on:click=print>{move || i18n.t().print}</button> }
}
