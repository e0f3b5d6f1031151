//! The accessibility statement (BITV 2.0) with its feedback mechanism.

use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::dom;
use crate::i18n::{fill, use_i18n, Lang};
use crate::town::with_town;
use domain::feedback::{FeedbackRequest, MESSAGE_MAX};
use domain::town::SignLanguageVideo;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <PageTitle text=move || t().a11y_title.to_string()/>
        <h1>{move || t().a11y_title}</h1>
        {with_town(move |p, lang| {
            let t = i18n.t();
            let a = &p.accessibility;
            view! {
                <p>{fill(t.a11y_intro, &[("town", &p.full_name(lang))])}</p>
                <p>{fill(t.a11y_scope, &[("date", &a.statement_date.format(lang)), ("tested", &a.last_test.format(lang))])}</p>
                <h2>{t.a11y_status_heading}</h2>
                <p>{t.a11y_status}</p>
                <h2>{t.a11y_gaps_heading}</h2>
                <ul>
                    {p.sign_language_videos.is_empty().then(|| view! { <li>{t.a11y_no_sign_language}</li> })}
                    {a.known_gaps.iter().map(|g| view! { <li>{g.get(lang).to_owned()}</li> }).collect_view()}
                </ul>
                <SignLanguage videos=p.sign_language_videos.clone() lang=lang/>
                <h2>{t.a11y_prepared_heading}</h2>
                <p>{a.method.get(lang).to_owned()}</p>
            }
        })}
        <h2 id="feedback">{move || t().a11y_feedback_heading}</h2>
        <p>{move || t().a11y_feedback_intro}</p>
        {with_town(move |p, _| {
            let a = &p.accessibility;
            view! { <p>{fill(i18n.t().a11y_feedback_contact, &[("email", &a.feedback_email), ("phone", &a.feedback_phone)])}</p> }
        })}
        <FeedbackForm/>
        <h2>{move || t().a11y_enforcement_heading}</h2>
        <p>{move || t().a11y_enforcement_intro}</p>
        {with_town(move |p, lang| {
            let body = &p.accessibility.enforcement_body;
            view! {
                <address>
                    {body.name.get(lang).to_owned()}<br/>
                    {body.address.clone()}<br/>
                    <a href=format!("mailto:{}", body.email)>{body.email.clone()}</a>
                    {body.url.clone().map(|u| view! { <br/><a href=u.clone()>{u.clone()}</a> })}
                </address>
            }
        })}
    }
}

/// The town's videos in German Sign Language, each with its transcript; nothing when there are
/// none (the list of gaps says so).
#[component]
fn SignLanguage(videos: Vec<SignLanguageVideo>, lang: Lang) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    (!videos.is_empty()).then(|| {
        view! {
            <h2>{t.a11y_sign_language_heading}</h2>
            <p>{t.a11y_sign_language_intro}</p>
            <ul class="sign-language-videos">
                {videos.into_iter().map(|v| {
                    let title = v.title.get(lang).to_owned();
                    view! {
                        <li>
                            <a href=v.url.clone()>{title.clone()}</a>
                            <details>
                                <summary>{fill(t.transcript_label, &[("title", &title)])}</summary>
                                <p>{v.transcript.get(lang).to_owned()}</p>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

#[derive(Clone, PartialEq)]
enum SendState {
    Editing,
    Sending,
    Sent(u64),
    Failed(ApiError),
}

#[component]
fn FeedbackForm() -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    // Field id → message; filled by the shared domain rules or by the server's 422.
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let state = RwSignal::new(SendState::Editing);

    let summary = Signal::derive(move || {
        errors.with(|e| {
            ["feedback-message", "feedback-contact"]
                .iter()
                .filter_map(|id| e.get(*id).map(|m| (id.to_string(), m.clone())))
                .collect::<Vec<_>>()
        })
    });
    let error_for =
        move |id: &'static str| Signal::derive(move || errors.with(|e| e.get(id).cloned()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.get_untracked() == SendState::Sending {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let contact_value = contact.get_untracked();
        let request = FeedbackRequest {
            message: message.get_untracked(),
            contact: (!contact_value.trim().is_empty()).then(|| contact_value.trim().to_owned()),
        };
        if let Err(field_errors) = request.validate() {
            errors.set(
                field_errors
                    .messages(lang)
                    .into_iter()
                    .filter_map(|(k, v)| Some((format!("feedback-{k}"), v.into_iter().next()?)))
                    .collect(),
            );
            focus_error_summary();
            return;
        }
        errors.set(BTreeMap::new());
        state.set(SendState::Sending);
        spawn_local(async move {
            match api::feedback::send(lang, &request).await {
                Ok(created) => {
                    message.set(String::new());
                    contact.set(String::new());
                    state.set(SendState::Sent(created.id));
                    request_animation_frame(|| dom::focus_id("feedback-result"));
                }
                Err(ApiError::Validation(problem)) => {
                    errors.set(
                        problem
                            .errors
                            .into_iter()
                            .filter_map(|(k, v)| {
                                Some((format!("feedback-{k}"), v.into_iter().next()?))
                            })
                            .collect(),
                    );
                    state.set(SendState::Editing);
                    focus_error_summary();
                }
                Err(e) => {
                    state.set(SendState::Failed(e));
                    request_animation_frame(|| dom::focus_id("feedback-result"));
                }
            }
        });
    };

    move || {
        let t = i18n.t();
        if let SendState::Sent(id) = state.get() {
            return view! {
                <div class="notice notice-success" id="feedback-result" tabindex="-1" role="status">
                    <p>{fill(t.feedback_thanks, &[("number", &id)])}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| state.set(SendState::Editing)>
                        {t.feedback_another}
                    </button>
                </div>
            }
            .into_any();
        }
        let failure = match state.get() {
            SendState::Failed(e) => Some(e.message(t)),
            _ => None,
        };
        let sending = state.get() == SendState::Sending;
        view! {
            <form class="feedback-form" novalidate on:submit=submit>
                <ErrorSummary errors=summary/>
                {failure.map(|m| view! { <p class="notice notice-error" id="feedback-result" tabindex="-1" role="alert">{m}</p> })}
                <TextField
                    id="feedback-message"
                    label=Signal::derive(move || i18n.t().feedback_message_label.to_string())
                    hint=Signal::derive(move || i18n.t().feedback_message_hint.to_string())
                    error=error_for("feedback-message")
                    value=message
                    kind=Kind::LongText
                    max_chars=MESSAGE_MAX
                />
                <TextField
                    id="feedback-contact"
                    label=Signal::derive(move || i18n.t().feedback_contact_label.to_string())
                    hint=Signal::derive(move || i18n.t().feedback_contact_hint.to_string())
                    error=error_for("feedback-contact")
                    value=contact
                    kind=Kind::Email
                    autocomplete="email"
                />
                <button type="submit" class="button" disabled=sending aria-disabled=sending.then_some("true")>
                    {if sending { t.feedback_sending } else { t.feedback_submit }}
                </button>
            </form>
        }
        .into_any()
    }
}
