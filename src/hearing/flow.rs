//! `/anhoerung/{fall|angaben|aeusserung|pruefen|quittung}`: the case page and the guided
//! response, rendered by the generic wizard's step page.

use super::answer::AnswerStep;
use super::case_page::CasePage;
use super::session;
use super::timer::SessionTimer;
use super::{RECEIPT_SLOT, RETURN_SLOT};
use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n};
use crate::lazy::{hearing_page, HearingPart};
use crate::routes::{self, param, CHANGE_PARAM, HEARING_CASE, HEARING_RECEIPT};
use crate::storage;
use domain::hearing::HearingCase;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

#[component]
pub fn HearingFlow() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    let step = Memo::new(move |_| params.read().get(param::STEP).unwrap_or_default());
    let token = session::load().map(|s| s.token);
    if step.get_untracked() == HEARING_RECEIPT {
        return hearing_page(HearingPart::Receipt).into_any();
    }
    let Some(token) = token else {
        request_animation_frame(move || navigate(routes::HEARING, replace()));
        return ().into_any();
    };
    let tok = token.clone();
    let case = crate::fetched::Fetched::new(move || {
        let tok = tok.clone();
        async move {
            // Fetched by public/early.js with the sign-in from the QR link, if it was.
            if let Some(case) = crate::early::current(crate::early::HEARING, &tok).await {
                return case;
            }
            api::hearings::current(i18n.lang.get_untracked(), &tok).await
        }
    });
    let relogin = move |_| {
        storage::save(RETURN_SLOT, &routes::hearing_step(&step.get_untracked()));
        storage::remove("hearing-session");
        navigate(routes::HEARING, Default::default());
    };
    // A 401: the session ended on the server; the answers typed so far stay in this tab.
    let session_ended = Callback::new(move |e: ApiError| {
        let ApiError::Status(401, p) = e else {
            return None;
        };
        let relogin = relogin.clone();
        Some(
            view! {
                <PageTitle text=move || i18n.t().hearing_session_ended_title.to_string()/>
                <h1>{move || i18n.t().hearing_session_ended_title}</h1>
                <p role="alert">{p.detail.unwrap_or(p.title)}</p>
                <p>{move || i18n.t().hearing_expired_kept}</p>
                <button type="button" class="button" on:click=relogin>{move || i18n.t().hearing_login_again}</button>
            }
            .into_any(),
        )
    });
    view! {
        <SessionTimer/>
        <Loaded fetched=case catch=session_ended let:c>
            <HearingLoaded case=c token=token.clone() step=step/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn HearingLoaded(case: HearingCase, token: String, step: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    session::touch();
    // The response's wizard: made by its chunk (answer.rs) with the first step, in this owner.
    let ctx = StoredValue::new(None);
    let owner = Owner::current().unwrap_or_default();
    let query = use_query_map();
    let change = Memo::new(move |_| query.read().get(CHANGE_PARAM).is_some());
    let answered = case.response.is_some();
    let case = StoredValue::new(case);
    let nav = navigate.clone();
    let on_logout = Callback::new(move |_| {
        let nav = nav.clone();
        let token = token.clone();
        spawn_local(async move {
            let _ = api::hearings::logout(i18n.lang.get_untracked(), &token).await;
            session::clear_all();
            storage::remove(RECEIPT_SLOT);
            nav(routes::HEARING, replace());
        });
    });
    let redirect = Callback::new(move |to: String| {
        let navigate = navigate.clone();
        request_animation_frame(move || navigate(&to, replace()));
    });
    move || {
        let step = step.get();
        let change = change.get();
        untrack(|| match step.as_str() {
            HEARING_RECEIPT => hearing_page(HearingPart::Receipt).into_any(),
            HEARING_CASE => {
                let c = case.get_value();
                let title = fill(i18n.t().hearing_case_caption, &[("case", &c.case_number)]);
                view! {
                    <PageTitle text=move || title.clone()/>
                    <CasePage case=c token=session::load().map(|s| s.token).unwrap_or_default() on_logout=on_logout/>
                }
                .into_any()
            }
            _ if answered => {
                redirect.run(routes::hearing_step(HEARING_CASE));
                ().into_any()
            }
            requested => hearing_page(HearingPart::Step(AnswerStep {
                case,
                ctx,
                owner: owner.clone(),
                step: requested.to_string(),
                change,
                redirect,
            }))
            .into_any(),
        })
    }
}
