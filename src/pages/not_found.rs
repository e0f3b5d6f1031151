use crate::components::page_title::PageTitle;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <PageTitle text=move || t().not_found_title.to_string()/>
        <h1>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_text}</p>
        <p><A href=crate::routes::HOME>{move || t().back_to_start}</A></p>
    }
}
