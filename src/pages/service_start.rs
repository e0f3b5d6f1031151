//! A service's start page: what it is, what it costs, and "start now" into its wizard.

use crate::api::ApiError;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::i18n::use_i18n;
use crate::routes;
use crate::wizard::context::stored_answers;
use crate::wizard::page::StartLink;
use domain::application::ServiceDetail;
use domain::catalogue::ServiceSummary;
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
    let fetched = crate::wizard::page::service_of_route();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get(routes::param::SERVICE)
            .unwrap_or_default()
    });
    // The heading part comes from the catalogue's list when the citizen came from there, so the
    // page (and its focused heading) is there as soon as its code is; the answer about the form
    // brings the same summary and changes nothing then. Not on an error: that is its own page.
    // Compared by id: the heading (which may have the focus) is built once per service.
    let summary = Memo::new_with_compare(
        move |_| match fetched.get() {
            Some(Ok(d)) => Some(d.service),
            Some(Err(_)) => None,
            None => crate::api::services::known(&id.get()),
        },
        |old: Option<&Option<ServiceSummary>>, new: Option<&Option<ServiceSummary>>| {
            let id = |s: Option<&Option<ServiceSummary>>| {
                s.and_then(|s| s.as_ref().map(|s| s.id.clone()))
            };
            id(old) != id(new)
        },
    );
    view! {
        {move || summary.get().map(|s| view! { <Heading summary=s/> })}
        <Loaded fetched=fetched catch=not_found let:d>
            <StartBody detail=d/>
        </Loaded>
    }
}

/// Name and summary; the service's texts follow the language.
#[component]
fn Heading(summary: ServiceSummary) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let name = summary.name.get(lang).to_string();
        let title = name.clone();
        view! {
            <PageTitle text=move || title.clone()/>
            <h1>{name}</h1>
            <p class="lead">{summary.summary.get(lang).to_string()}</p>
        }
    }
}

/// The loaded rest of the start page: the form's introduction, the fee and "start now".
#[component]
fn StartBody(detail: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let d = detail;
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let has_answers = !stored_answers(&d.form.id, d.form.version).is_empty();
        let first = d
            .form
            .steps
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        view! {
            <p>{d.form.intro.get(lang).to_string()}</p>
            <p class="fee"><span class="fee-label">{t.fee}": "</span>{d.service.fee.describe(lang)}</p>
            <AccountGate form=d.form.clone() first_step=first has_answers=has_answers/>
            <p class="resume-hint"><A href=routes::RESUME>{t.resume_link}</A></p>
        }
    }
}

/// What the service needs of the citizen account: `required` asks for sign-in (at its
/// minimum trust level) before "start now"; `optional` offers it next to starting anonymously.
#[component]
fn AccountGate(
    form: domain::form::FormDefinition,
    first_step: String,
    has_answers: bool,
) -> impl IntoView {
    use domain::form::SignIn;
    let i18n = use_i18n();
    let town = crate::town::use_town();
    let account = crate::account::use_account();
    move || {
        let t = i18n.t();
        let lang = i18n.lang();
        let start = || {
            view! { <StartLink service_id=form.id.clone() first_step=first_step.clone() has_answers=has_answers/> }.into_any()
        };
        let on = town.get().is_some_and(|p| p.features.account);
        if !on || form.sign_in == SignIn::None {
            return start();
        }
        let here = routes::service(&form.id);
        let me = account.and_then(|a| a.me.get());
        let need = form
            .min_trust_level
            .unwrap_or(domain::account::TrustLevel::Basic);
        match (form.sign_in, me) {
            (SignIn::Required, None) => view! {
                <p class="notice">{crate::i18n::fill(t.service_sign_in_required, &[("level", &need.label(lang))])}</p>
                <p><a class="button button-start" href=crate::account::login_href(&here) rel="external">{t.service_sign_in_link}</a></p>
            }
            .into_any(),
            (SignIn::Required, Some(me)) if me.trust_level < need => view! {
                <p class="notice notice-error">{crate::i18n::fill(t.service_sign_in_level_too_low, &[("have", &me.trust_level.label(lang)), ("need", &need.label(lang))])}</p>
            }
            .into_any(),
            (SignIn::Optional, None) => view! {
                {start()}
                <p>{t.service_sign_in_optional}</p>
                <p><a href=crate::account::login_href(&here) rel="external">{t.service_sign_in_link}</a></p>
            }
            .into_any(),
            _ => start(),
        }
    }
}
