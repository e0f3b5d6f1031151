//! Text-only pages from the catalogue: easy-to-read, imprint, privacy.

use crate::components::page_title::PageTitle;
use crate::i18n::{use_i18n, Texts};
use leptos::prelude::*;

#[component]
fn TextPage(
    title: fn(&Texts) -> &'static str,
    paragraphs: fn(&Texts) -> &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || title(i18n.t()).to_string()/>
        <h1>{move || title(i18n.t())}</h1>
        {move || paragraphs(i18n.t()).iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
    }
}

#[component]
pub fn EasyRead() -> impl IntoView {
    view! { <div class="easy-read"><TextPage title=|t| t.easy_title paragraphs=|t| t.easy_paragraphs/></div> }
}

#[component]
pub fn Imprint() -> impl IntoView {
    view! { <TextPage title=|t| t.imprint_title paragraphs=|t| t.imprint_paragraphs/> }
}

#[component]
pub fn Privacy() -> impl IntoView {
    view! { <TextPage title=|t| t.privacy_title paragraphs=|t| t.privacy_paragraphs/> }
}
