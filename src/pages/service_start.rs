//! A service's start page: what it is, what it costs.

use crate::api;
use crate::components::page_title::PageTitle;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServiceStart() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let services = LocalResource::new(move || api::services::list(i18n.lang.get_untracked()));
    let service = move || {
        services.get().map(|r| r.map(|list| list.into_iter().find(|s| s.id == id())))
    };
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        match service() {
            None => view! { <p role="status" class="loading">{t.loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <PageTitle text=Signal::derive(move || i18n.t().services_error_title.to_string())/>
                <h1>{t.services_error_title}</h1>
                <p role="alert">{e.message(t)}</p>
                <button type="button" class="button" on:click=move |_| services.refetch()>{t.retry}</button>
            }
            .into_any(),
            Some(Ok(None)) => view! {
                <PageTitle text=Signal::derive(move || i18n.t().not_found_title.to_string())/>
                <h1>{t.not_found_title}</h1>
                <p>{t.service_not_found}</p>
                <p><A href="/">{t.back_to_start}</A></p>
            }
            .into_any(),
            Some(Ok(Some(s))) => {
                let name = s.name.get(lang).to_string();
                let title = name.clone();
                view! {
                    <PageTitle text=Signal::derive(move || title.clone())/>
                    <h1>{name}</h1>
                    <p class="lead">{s.summary.get(lang).to_string()}</p>
                    <p class="fee"><span class="fee-label">{t.fee}": "</span>{s.fee.describe(lang)}</p>
                    <p class="notice">{t.service_online_soon}</p>
                    <p><A href="/">{t.back_to_start}</A></p>
                }
                .into_any()
            }
        }
    }
}
