//! `/zahlen`: open a notice with its Kassenzeichen and access code — from the letter's QR link
//! (`/zahlen#kz=…&code=…`, as the hearing's: the fragment never reaches a server log or a
//! Referer and is removed from the address bar and history at once; a link with only `kz`
//! fills that in) or typed by hand.

use super::session;
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::early::{self, Early};
use crate::hearing::session::Session;
use crate::i18n::use_i18n;
use crate::routes;
use crate::storage;
use domain::hearing::HearingSession;
use domain::notice::NoticeSessionRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::BTreeMap;

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

#[component]
pub fn NoticeLogin() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let navigate_on = navigate.clone();
    let kz = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // The sign-in's answer, from the form, the link or public/early.js (with its notice request).
    let finish = move |kassenzeichen: String,
                       result: Result<HearingSession, ApiError>,
                       early: Option<Early>| {
        busy.set(false);
        match result {
            Ok(s) => {
                storage::save(
                    session::KZ_SLOT,
                    &domain::application::normalise_code(&kassenzeichen),
                );
                if let Some(early) = early {
                    early.keep_current(early::NOTICE, &s.token);
                }
                session::save(&Session::new(s.token, s.expires_in_seconds));
                navigate(routes::NOTICE_PAGE, replace());
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
    let login = move |req: NoticeSessionRequest| {
        let lang = i18n.lang.get_untracked();
        if let Err(e) = req.validate() {
            errors.set(
                e.messages(lang)
                    .into_iter()
                    .filter_map(|(k, v)| Some((format!("notice-{k}"), v.into_iter().next()?)))
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
            let result = api::notices::login(lang, &req).await;
            finish(req.kassenzeichen, result, None);
        });
    };

    // The QR link: read once, scrub from the address bar and history, sign in. Also when the
    // link is opened while this page is showing (only the fragment changes then).
    let login_from_link = login.clone();
    let from_fragment = move |first: bool| {
        let params = crate::dom::take_fragment_params();
        let from_link = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match (from_link("kz"), from_link("code")) {
            (Some(k), Some(c)) => {
                kz.set(k.clone());
                code.set(c.clone());
                let login = login_from_link.clone();
                request_animation_frame(move || {
                    login(NoticeSessionRequest {
                        kassenzeichen: k,
                        access_code: c,
                    })
                });
            }
            (Some(k), None) => kz.set(k),
            _ if first && session::load().is_some() => {
                let navigate = navigate_on.clone();
                request_animation_frame(move || navigate(routes::NOTICE_PAGE, replace()));
            }
            _ => {}
        }
    };
    // The QR link as public/early.js took it: its sign-in and notice request already run.
    if let Some(early) = early::take(early::NOTICE) {
        kz.set(early.id.clone());
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
                        login(NoticeSessionRequest {
                            kassenzeichen: early.id.clone(),
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
    // The checkout's "sign in for Kassenzeichen …".
    if let Some(k) = storage::load::<String>(session::SIGN_IN_KZ_SLOT) {
        storage::remove(session::SIGN_IN_KZ_SLOT);
        kz.set(k);
    }

    let summary = Signal::derive(move || {
        errors.with(|e| {
            ["notice-kassenzeichen", "notice-access_code"]
                .iter()
                .filter_map(|id| e.get(*id).map(|m| (id.to_string(), m.clone())))
                .collect::<Vec<_>>()
        })
    });
    let err = move |id: &'static str| Signal::derive(move || errors.with(|e| e.get(id).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login(NoticeSessionRequest {
            kassenzeichen: kz.get_untracked(),
            access_code: code.get_untracked(),
        });
    };
    view! {
        <PageTitle text=move || i18n.t().notice_login_title.to_string()/>
        <h1>{move || i18n.t().notice_login_title}</h1>
        <p class="lead">{move || i18n.t().notice_login_intro}</p>
        <form novalidate on:submit=submit>
            <ErrorSummary errors=summary/>
            {move || failure.get().map(|m| view! { <p class="notice notice-error" id="login-failure" tabindex="-1" role="alert">{m}</p> })}
            <TextField
                id="notice-kassenzeichen"
                label=Signal::derive(move || i18n.t().notice_kassenzeichen.to_string())
                hint=Signal::derive(move || i18n.t().notice_kassenzeichen_hint.to_string())
                error=err("notice-kassenzeichen")
                value=kz
                kind=Kind::Text
                autocomplete="off"
            />
            <TextField
                id="notice-access_code"
                label=Signal::derive(move || i18n.t().hearing_access_code.to_string())
                hint=Signal::derive(move || i18n.t().notice_access_code_hint.to_string())
                error=err("notice-access_code")
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
