//! Signing in with the identifier and access code printed on a letter: the hearing's
//! `/anhoerung` (case number) and the notice's `/zahlen` (Kassenzeichen). The pair comes from
//! the letter's QR link (`#az=…&code=…`, `#kz=…&code=…`: the fragment never reaches a server log
//! or a Referer, and is removed from the address bar and history at once), from the requests
//! public/early.js started with that link (src/early.rs), or is typed by hand. A link opened
//! while the page shows (only the fragment changes then) signs in as well; a link with only the
//! identifier fills that in.
//!
//! What differs between the two letters is a [`LetterLogin`], given by each page.

use crate::api::ApiError;
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::early::{self, Early};
use crate::i18n::{use_i18n, Lang, Texts};
use crate::storage;
use domain::hearing::HearingSession;
use domain::validation::FieldErrors;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

/// A sign-in request on its way.
pub type SignIn = Pin<Box<dyn Future<Output = Result<HearingSession, ApiError>>>>;

/// A text of the page, in the current language.
pub type Text = fn(&Texts) -> &'static str;

/// What differs between the letters' sign-in pages.
#[derive(Clone, Copy)]
pub struct LetterLogin {
    /// public/early.js's `kind` for this page (`early::HEARING`, `early::NOTICE`).
    pub early: &'static str,
    /// The identifier's name in the link's fragment (`az`, `kz`).
    pub link_id: &'static str,
    /// The ids of the identifier's and the code's fields (also their error keys).
    pub fields: [&'static str; 2],
    /// The page's title and lead, the identifier's label and hint, the code's label and hint.
    pub texts: fn(&Texts) -> [&'static str; 6],
    /// A note above the form, if any (the hearing's "what you typed is kept").
    pub note: Option<Text>,
    /// The sign-in (language, identifier, code): sent if the pair passes its own checks, else
    /// their errors by the API's field names (`access_code` is the code's, any other the
    /// identifier's).
    pub sign_in: fn(Lang, String, String) -> Result<SignIn, FieldErrors>,
    /// Keeps the session for the identifier signed in to; where to go next.
    pub signed_in: fn(&str, &HearingSession) -> String,
    /// Where to go when a session is still on and the page was opened without a link, if at all.
    pub resume: fn() -> Option<String>,
    /// The sessionStorage slot where another page leaves an identifier for the form ("sign in
    /// to …"); taken once.
    pub preset_slot: &'static str,
}

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

#[component]
pub fn LetterLoginPage(letter: LetterLogin) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let navigate_on = navigate.clone();
    let id = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // The sign-in's answer, from the form, the link or public/early.js (with its case / notice
    // request).
    let finish =
        move |signed_id: String, result: Result<HearingSession, ApiError>, early: Option<Early>| {
            busy.set(false);
            match result {
                Ok(s) => {
                    if let Some(early) = early {
                        early.keep_current(letter.early, &s.token);
                    }
                    let to = (letter.signed_in)(&signed_id, &s);
                    navigate(&to, replace());
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
    let login = move |signed_id: String, access_code: String| {
        let lang = i18n.lang.get_untracked();
        let request = match (letter.sign_in)(lang, signed_id.clone(), access_code) {
            Ok(request) => request,
            Err(e) => {
                errors.set(
                    e.messages(lang)
                        .into_iter()
                        .filter_map(|(k, v)| {
                            let field = letter.fields[usize::from(k == "access_code")];
                            Some((field.to_string(), v.into_iter().next()?))
                        })
                        .collect(),
                );
                failure.set(None);
                focus_error_summary();
                return;
            }
        };
        errors.set(BTreeMap::new());
        busy.set(true);
        let finish = finish_login.clone();
        spawn_local(async move {
            finish(signed_id, request.await, None);
        });
    };

    // The QR link: read once, scrub from the address bar and history, sign in. Also when the
    // link is opened while this page shows (only the fragment changes then).
    let login_from_link = login.clone();
    let from_fragment = move |first: bool| {
        let params = crate::dom::take_fragment_params();
        let from_link = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match (from_link(letter.link_id), from_link("code")) {
            (Some(i), Some(c)) => {
                id.set(i.clone());
                code.set(c.clone());
                let login = login_from_link.clone();
                request_animation_frame(move || login(i, c));
            }
            (Some(i), None) => id.set(i),
            _ if first => {
                if let Some(to) = (letter.resume)() {
                    let navigate = navigate_on.clone();
                    request_animation_frame(move || navigate(&to, replace()));
                }
            }
            _ => {}
        }
    };
    // The QR link as public/early.js took it: its sign-in and case / notice request already run.
    if let Some(early) = early::take(letter.early) {
        id.set(early.id.clone());
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
                        login(early.id.clone(), c);
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
    if let Some(preset) = storage::load::<String>(letter.preset_slot) {
        storage::remove(letter.preset_slot);
        id.set(preset);
    }

    let summary = Signal::derive(move || {
        errors.with(|e| {
            letter
                .fields
                .iter()
                .filter_map(|id| e.get(*id).map(|m| (id.to_string(), m.clone())))
                .collect::<Vec<_>>()
        })
    });
    let err = move |id: &'static str| Signal::derive(move || errors.with(|e| e.get(id).cloned()));
    let text = move |i: usize| Signal::derive(move || (letter.texts)(i18n.t())[i].to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login(id.get_untracked(), code.get_untracked());
    };
    view! {
        <PageTitle text=move || (letter.texts)(i18n.t())[0].to_string()/>
        <h1>{text(0)}</h1>
        {letter.note.map(|note| view! { <p class="notice" role="status">{move || note(i18n.t())}</p> })}
        <p class="lead">{text(1)}</p>
        <form novalidate on:submit=submit>
            <ErrorSummary errors=summary/>
            {move || failure.get().map(|m| view! { <p class="notice notice-error" id="login-failure" tabindex="-1" role="alert">{m}</p> })}
            {[
                (letter.fields[0], 2, id, "off"),
                (letter.fields[1], 4, code, "one-time-code"),
            ]
                .map(|(field, texts, value, autocomplete)| view! {
                    <TextField id=field label=text(texts) hint=text(texts + 1) error=err(field)
                        value=value kind=Kind::Text autocomplete=autocomplete/>
                })}
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { i18n.t().hearing_logging_in } else { i18n.t().hearing_login_submit }}
            </button>
        </form>
    }
}
