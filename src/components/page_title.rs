use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the document title to "<page> – Serviceportal Musterstadt" in the current language.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    // The title may be read once more while its page is being torn down: never panic then.
    view! { <Title text=move || format!("{} – {} {}", text.try_get().unwrap_or_default(), i18n.t().portal, "Musterstadt")/> }
}
