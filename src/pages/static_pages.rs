//! Text pages from the town's profile: easy-to-read, imprint, privacy.

use crate::components::page_title::PageTitle;
use crate::i18n::{use_i18n, Texts};
use crate::town::{paragraphs, with_town};
use domain::i18n::Text;
use domain::town::TownProfile;
use leptos::prelude::*;

#[component]
fn TextPage(
    title: fn(&Texts) -> &'static str,
    texts: fn(&TownProfile) -> &[Text],
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || title(i18n.t()).to_string()/>
        <h1>{move || title(i18n.t())}</h1>
        {with_town(move |p, lang| paragraphs(texts(p), lang))}
    }
}

#[component]
pub fn EasyRead() -> impl IntoView {
    view! { <div class="easy-read"><TextPage title=|t| t.easy_title texts=|p| &p.easy_read/></div> }
}

#[component]
pub fn Imprint() -> impl IntoView {
    view! { <TextPage title=|t| t.imprint_title texts=|p| &p.imprint/> }
}

#[component]
pub fn Privacy() -> impl IntoView {
    view! { <TextPage title=|t| t.privacy_title texts=|p| &p.privacy/> }
}
