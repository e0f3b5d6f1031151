//! A service's start page: what it is, what it costs, and "start now" into its wizard.

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::routes;
use crate::wizard::context::stored_answers;
use crate::wizard::page::StartLink;
use crate::wizard::title::WizardTitle;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ServiceStart() -> impl IntoView {
    let i18n = use_i18n();
    let detail = crate::wizard::page::service_of_route();
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        match detail.get() {
            None => view! { <p role="status" class="loading">{t.loading}</p> }.into_any(),
            Some(Err(ApiError::Status(404, _))) => view! {
                <WizardTitle text=move || i18n.t().not_found_title.to_string()/>
                <h1>{t.not_found_title}</h1>
                <p>{t.service_not_found}</p>
                <p><A href=routes::HOME exact=true>{t.back_to_start}</A></p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <WizardTitle text=move || i18n.t().services_error_title.to_string()/>
                <h1>{t.services_error_title}</h1>
                <p role="alert">{e.message(t)}</p>
                <button type="button" class="button" on:click=move |_| detail.refetch()>{t.retry}</button>
            }
            .into_any(),
            Some(Ok(d)) => {
                let name = d.service.name.get(lang).to_string();
                let title = name.clone();
                let has_answers = !stored_answers(&d.form.id, d.form.version).is_empty();
                let first = d.form.steps.first().map(|s| s.id.clone()).unwrap_or_default();
                view! {
                    <WizardTitle text=move || title.clone()/>
                    <h1>{name}</h1>
                    <p class="lead">{d.service.summary.get(lang).to_string()}</p>
                    <p>{d.form.intro.get(lang).to_string()}</p>
                    <p class="fee"><span class="fee-label">{t.fee}": "</span>{d.service.fee.describe(lang)}</p>
                    <StartLink service_id=d.form.id.clone() first_step=first has_answers=has_answers/>
                    <p class="resume-hint"><A href=routes::RESUME>{t.resume_link}</A></p>
                }
                .into_any()
            }
        }
    }
}
