//! `/anhoerung`: log in with case number and access code — from the letter's QR link
//! (`/anhoerung#az=…&code=…`: the fragment never reaches a server log or a Referer, and is
//! removed from the address bar and history at once) or typed by hand.

use super::session::{self, Session};
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::early::{self, Early};
use crate::i18n::use_i18n;
use crate::routes;
use crate::storage;
use domain::hearing::{HearingSession, SessionRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::BTreeMap;

#[component]
pub fn HearingLogin() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let navigate_home = navigate.clone();
    let case_number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // The sign-in's answer, from the form, the link or public/early.js (with its case request).
    let finish = move |case_number: String,
                       result: Result<HearingSession, ApiError>,
                       early: Option<Early>| {
        busy.set(false);
        match result {
            Ok(s) => {
                let case = domain::application::normalise_code(&case_number);
                // Another case in this tab: what was typed for the previous one must not carry over.
                if storage::load::<String>(session::CASE_SLOT).is_some_and(|c| c != case) {
                    session::clear_all();
                    storage::remove(super::RECEIPT_SLOT);
                }
                storage::save(session::CASE_SLOT, &case);
                if let Some(early) = early {
                    early.keep_current(early::HEARING, &s.token);
                }
                session::save(&Session::new(s.token, s.expires_in_seconds));
                let back = storage::load::<String>(super::RETURN_SLOT)
                    .unwrap_or_else(|| routes::hearing_step(routes::HEARING_CASE));
                storage::remove(super::RETURN_SLOT);
                navigate(
                    &back,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(e) => {
                let t = i18n.t();
                failure.set(Some(match e {
                    ApiError::Status(401, p) | ApiError::Status(429, p) => {
                        p.detail.unwrap_or(p.title)
                    }
                    ApiError::Validation(p) => p
                        .errors
                        .values()
                        .flatten()
                        .next()
                        .cloned()
                        .unwrap_or(p.title),
                    other => other.message(t),
                }));
                request_animation_frame(|| crate::dom::focus_id("login-failure"));
            }
        }
    };

    let finish_login = finish.clone();
    let login = move |req: SessionRequest| {
        let lang = i18n.lang.get_untracked();
        if let Err(e) = req.validate() {
            errors.set(
                e.messages(lang)
                    .into_iter()
                    .filter_map(|(k, v)| Some((format!("hearing-{k}"), v.into_iter().next()?)))
                    .collect(),
            );
            failure.set(None);
            focus_error_summary();
            return;
        }
        errors.set(BTreeMap::new());
        busy.set(true);
        let finish = finish_login.clone();
        spawn_local(async move {
            let result = api::hearings::login(lang, &req).await;
            finish(req.case_number, result, None);
        });
    };

    // The QR link: read the pair once, scrub it from the address bar and history, log in. Also
    // when a letter's link is opened while this page shows (only the fragment changes then).
    let login_from_link = login.clone();
    let from_fragment = move |first: bool| {
        let params = crate::dom::take_fragment_params();
        let from_link = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if let (Some(az), Some(c)) = (from_link("az"), from_link("code")) {
            case_number.set(az.clone());
            code.set(c.clone());
            let login = login_from_link.clone();
            request_animation_frame(move || {
                login(SessionRequest {
                    case_number: az,
                    access_code: c,
                })
            });
        } else if first
            && session::load().is_some()
            && storage::load::<String>(super::RETURN_SLOT).is_none()
        {
            let navigate = navigate_home.clone();
            request_animation_frame(move || {
                navigate(
                    &routes::hearing_step(routes::HEARING_CASE),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
        }
    };
    // The QR link as public/early.js took it: its sign-in and case request already run.
    if let Some(early) = early::take(early::HEARING) {
        case_number.set(early.id.clone());
        busy.set(true);
        let login = login.clone();
        request_animation_frame(move || {
            spawn_local(async move {
                match early.session::<HearingSession>().await {
                    // No answer, or the link's pair is malformed (422): the app's own way with
                    // the pair — its checks and messages, or a fresh attempt.
                    None | Some(Err(ApiError::Validation(_))) => {
                        busy.set(false);
                        let c = early.code().await.unwrap_or_default();
                        code.set(c.clone());
                        login(SessionRequest {
                            case_number: early.id.clone(),
                            access_code: c,
                        });
                    }
                    Some(result) => {
                        // A wrong code or the lockout: the code stays in the form, as before.
                        if let (Err(_), Some(c)) = (&result, early.code().await) {
                            code.set(c);
                        }
                        finish(early.id.clone(), result, Some(early));
                    }
                }
            })
        });
    } else {
        from_fragment(true);
    }
    let on_hash = window_event_listener(leptos::ev::hashchange, {
        let from_fragment = from_fragment.clone();
        move |_| from_fragment(false)
    });
    on_cleanup(move || on_hash.remove());

    // The checkout's "sign in to case …": the case number is known, the code is on the letter.
    if let Some(az) = storage::load::<String>(session::SIGN_IN_CASE_SLOT) {
        storage::remove(session::SIGN_IN_CASE_SLOT);
        case_number.set(az);
    }

    let summary = Signal::derive(move || {
        errors.with(|e| {
            ["hearing-case_number", "hearing-access_code"]
                .iter()
                .filter_map(|id| e.get(*id).map(|m| (id.to_string(), m.clone())))
                .collect::<Vec<_>>()
        })
    });
    let err = move |id: &'static str| Signal::derive(move || errors.with(|e| e.get(id).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login(SessionRequest {
            case_number: case_number.get_untracked(),
            access_code: code.get_untracked(),
        });
    };
    let expired = storage::load::<String>(super::RETURN_SLOT).is_some();
    view! {
        <PageTitle text=move || i18n.t().hearing_login_title.to_string()/>
        <h1>{move || i18n.t().hearing_login_title}</h1>
        {expired.then(|| view! { <p class="notice" role="status">{move || i18n.t().hearing_expired_kept}</p> })}
        <p class="lead">{move || i18n.t().hearing_login_intro}</p>
        <form novalidate on:submit=submit>
            <ErrorSummary errors=summary/>
            {move || failure.get().map(|m| view! { <p class="notice notice-error" id="login-failure" tabindex="-1" role="alert">{m}</p> })}
            <TextField
                id="hearing-case_number"
                label=Signal::derive(move || i18n.t().hearing_case_number.to_string())
                hint=Signal::derive(move || i18n.t().hearing_case_number_hint.to_string())
                error=err("hearing-case_number")
                value=case_number
                kind=Kind::Text
                autocomplete="off"
            />
            <TextField
                id="hearing-access_code"
                label=Signal::derive(move || i18n.t().hearing_access_code.to_string())
                hint=Signal::derive(move || i18n.t().hearing_access_code_hint.to_string())
                error=err("hearing-access_code")
                value=code
                kind=Kind::Text
                autocomplete="one-time-code"
            />
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { i18n.t().hearing_logging_in } else { i18n.t().hearing_login_submit }}
            </button>
        </form>
    }
}
