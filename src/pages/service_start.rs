//! A service's start page: what it is, what it costs, and "start now" into its wizard.

use crate::api::ApiError;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::i18n::use_i18n;
use crate::routes;
use crate::wizard::context::stored_answers;
use crate::wizard::page::StartLink;
use domain::application::ServiceDetail;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ServiceStart() -> impl IntoView {
    let i18n = use_i18n();
    let not_found = Callback::new(move |e: ApiError| {
        matches!(e, ApiError::Status(404, _)).then(|| {
            view! {
                <PageTitle text=move || i18n.t().not_found_title.to_string()/>
                <h1>{move || i18n.t().not_found_title}</h1>
                <p>{move || i18n.t().service_not_found}</p>
                <p><A href=routes::HOME exact=true>{move || i18n.t().back_to_start}</A></p>
            }
            .into_any()
        })
    });
    view! {
        <Loaded fetched=crate::wizard::page::service_of_route() catch=not_found let:d>
            <StartPage detail=d/>
        </Loaded>
    }
}

/// The loaded start page; the service's texts follow the language.
#[component]
fn StartPage(detail: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let d = detail;
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let name = d.service.name.get(lang).to_string();
        let title = name.clone();
        let has_answers = !stored_answers(&d.form.id, d.form.version).is_empty();
        let first = d
            .form
            .steps
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        view! {
            <PageTitle text=move || title.clone()/>
            <h1>{name}</h1>
            <p class="lead">{d.service.summary.get(lang).to_string()}</p>
            <p>{d.form.intro.get(lang).to_string()}</p>
            <p class="fee"><span class="fee-label">{t.fee}": "</span>{d.service.fee.describe(lang)}</p>
            <StartLink service_id=d.form.id.clone() first_step=first has_answers=has_answers/>
            <p class="resume-hint"><A href=routes::RESUME>{t.resume_link}</A></p>
        }
    }
}
