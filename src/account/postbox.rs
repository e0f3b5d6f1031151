//! The Postfach: the town's messages, newest first, read or unread (in words), and one message
//! with its amount due, its application, and — for a clerk's question — the answer form with
//! attachments through the resumable upload. Nothing is deleted.

use super::applications::{field_errors, sign_in_instead};
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::i18n::inbox::{unread_line, InboxTexts};
use crate::i18n::{fill, use_i18n};
use domain::application::UploadReceipt;
use domain::date::format_timestamp;
use domain::inbox::{AnswerRequest, Message, MessageKind, MAX_ATTACHMENTS, TEXT_FIELD};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// What kind of message, in words.
pub fn kind_label(t: &InboxTexts, m: &Message) -> &'static str {
    match m.kind {
        MessageKind::Receipt => t.kind_receipt,
        MessageKind::StatusChange => t.kind_status,
        MessageKind::Question if m.answer.is_some() => t.kind_question_answered,
        MessageKind::Question => t.kind_question,
        MessageKind::Notice => t.kind_notice,
    }
}

/// Asks the API for the header's count again.
fn refresh_unread() {
    if let Some(a) = super::use_account() {
        a.refresh_unread(use_i18n().lang.get_untracked());
    }
}

#[component]
pub fn PostboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let list =
        crate::fetched::Fetched::new(move || api::inbox::messages(i18n.lang.get_untracked()));
    view! {
        <PageTitle text=move || t().postbox_title.to_string()/>
        <h1>{move || t().postbox_title}</h1>
        <p>{move || t().postbox_intro}</p>
        <Loaded fetched=list catch=sign_in_instead() let:messages>
            <p>{let n = domain::inbox::unread(&messages); move || unread_line(t(), n)}</p>
            {if messages.is_empty() {
                view! { <p>{move || t().postbox_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="inbox-list">
                        {messages.clone().into_iter().map(|m| view! { <li><Entry m=m/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><A href=crate::routes::APPLICATIONS>{move || i18n.inbox().nav_applications}</A></p>
        </Loaded>
    }
}

#[component]
fn Entry(m: Message) -> impl IntoView {
    let i18n = use_i18n();
    let href = crate::routes::message(&m.id);
    let unread = !m.read;
    let (m2, sent) = (m.clone(), m.sent_at.clone());
    view! {
        <article class="inbox-item" class:inbox-unread=unread>
            <h2 class="inbox-subject">
                <A href=href>{move || m.subject.get(i18n.lang()).to_string()}</A>
            </h2>
            <p class="inbox-meta">
                <strong>{move || if unread { i18n.inbox().unread } else { i18n.inbox().read }}</strong>
                " · "{move || kind_label(i18n.inbox(), &m2)}
                " · "{move || fill(i18n.inbox().sent_on, &[("time", &format_timestamp(&sent, i18n.lang()))])}
            </p>
        </article>
    }
}

#[component]
pub fn MessagePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get(crate::routes::param::MESSAGE).unwrap_or_default())
    });
    // Opening a message marks it read (the answer is the message itself).
    let message = crate::fetched::Fetched::new(move || {
        let id = id.get();
        async move {
            let lang = i18n.lang.get_untracked();
            let m = api::inbox::message(lang, &id).await?;
            if m.read {
                Ok(m)
            } else {
                api::inbox::mark_read(lang, &id, true).await
            }
        }
    });
    Effect::new(move |_| {
        if message.with(|m| matches!(m, Some(Ok(_)))) == Some(true) {
            refresh_unread();
        }
    });
    let not_found = Callback::new(move |e: ApiError| match e {
        ApiError::Status(404, _) => Some(
            view! {
                <PageTitle text=move || i18n.t().not_found_title.to_string()/>
                <h1>{move || i18n.t().not_found_title}</h1>
                <p>{move || i18n.inbox().not_found}</p>
                <p><A href=crate::routes::POSTBOX>{move || i18n.inbox().back_to_postbox}</A></p>
            }
            .into_any(),
        ),
        e => sign_in_instead().run(e),
    });
    view! {
        <Loaded fetched=message catch=not_found let:m>
            <MessageView m=m/>
        </Loaded>
    }
}

#[component]
fn MessageView(m: Message) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let read = RwSignal::new(m.read);
    let said = RwSignal::new(None::<&'static str>);
    let id = m.id.clone();
    let toggle = move |_| {
        let id = id.clone();
        let to = !read.get_untracked();
        spawn_local(async move {
            if api::inbox::mark_read(i18n.lang.get_untracked(), &id, to)
                .await
                .is_ok()
            {
                read.set(to);
                said.set((!to).then_some(i18n.inbox().marked_unread));
                refresh_unread();
            }
        });
    };
    let (subject, subject2, body) = (m.subject.clone(), m.subject.clone(), m.body.clone());
    let sent = m.sent_at.clone();
    let m_kind = m.clone();
    let due = m.amount_due.clone().map(|d| {
        let due_date = domain::date::Date::parse_iso(&d.due);
        view! {
            <dl class="summary-list">
                <div class="summary-row"><dt>{move || t().amount_due}</dt><dd class="summary-value">{move || d.amount.format(i18n.lang())}</dd></div>
                <div class="summary-row"><dt>{move || t().kassenzeichen}</dt><dd class="summary-value reference-inline">{d.kassenzeichen.clone()}</dd></div>
                <div class="summary-row"><dt>{move || t().due_on}</dt><dd class="summary-value">{move || due_date.map(|x| x.format(i18n.lang())).unwrap_or_else(|| d.due.clone())}</dd></div>
            </dl>
            <p><A href=crate::routes::NOTICE attr:class="button">{move || t().pay_notice}</A></p>
            <p class="hint">{move || t().pay_notice_hint}</p>
        }
    });
    let app_link = m.reference.as_ref().map(|_| {
        view! { <p><A href=crate::routes::APPLICATIONS>{move || t().application_link}</A></p> }
    });
    let answer = (m.kind == MessageKind::Question).then(|| view! { <Answer m=m.clone()/> });
    view! {
        <PageTitle text=move || subject.get(i18n.lang()).to_string()/>
        <h1>{move || subject2.get(i18n.lang()).to_string()}</h1>
        <p class="inbox-meta">
            {move || kind_label(t(), &m_kind)}" · "
            {move || fill(t().sent_on, &[("time", &format_timestamp(&sent, i18n.lang()))])}" · "
            <strong>{move || if read.get() { t().read } else { t().unread }}</strong>
        </p>
        <p class="message-body">{move || body.get(i18n.lang()).to_string()}</p>
        {due}
        {app_link}
        {answer}
        <p role="status">{move || said.get()}</p>
        <p class="button-row">
            <button type="button" class="button button-secondary" on:click=toggle>
                {move || if read.get() { t().mark_unread } else { t().mark_read }}
            </button>
        </p>
        <p><A href=crate::routes::POSTBOX>{move || t().back_to_postbox}</A></p>
    }
}

/// The answer to a clerk's question: text and attachments, sent once; what was sent is shown.
#[component]
fn Answer(m: Message) -> impl IntoView {
    use crate::wizard::upload::{Phase, Upload};
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let sent = RwSignal::new(m.answer.clone());
    let text = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<UploadReceipt>::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let file_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let announce = RwSignal::new(None::<String>);
    let up = Upload::new(&format!("answer-{}", m.id));
    let reference = m.reference.clone().unwrap_or_default();
    let id = m.id.clone();
    let text_error = Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|(f, _)| f == TEXT_FIELD)
                .map(|(_, m)| m.clone())
        })
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some((input, file)) = crate::dom::chosen_file(&ev) else {
            return;
        };
        file_error.set(None);
        let done: crate::wizard::upload::Done = std::rc::Rc::new(move |r| match r {
            Ok(receipt) => files.update(|f| f.push(receipt)),
            Err(msg) => file_error.set(Some(msg)),
        });
        up.start(file, i18n.lang.get_untracked(), done);
        input.set_value("");
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        failure.set(None);
        if up.busy() {
            failure.set(Some(i18n.inbox().answer_busy.to_string()));
            return;
        }
        let body = AnswerRequest {
            text: text.get_untracked(),
            attachments: files.with_untracked(|f| f.iter().map(|r| r.id.clone()).collect()),
        };
        if let Err(e) = body.validate() {
            errors.set(field_errors(&e, lang));
            focus_error_summary();
            return;
        }
        errors.set(Vec::new());
        let (id, reference) = (id.clone(), reference.clone());
        spawn_local(async move {
            match api::inbox::answer(lang, &id, &body).await {
                Ok(m) => {
                    announce.set(Some(fill(
                        i18n.inbox().answer_sent,
                        &[("reference", &reference)],
                    )));
                    sent.set(m.answer);
                    request_animation_frame(|| crate::dom::focus_id("answer-title"));
                }
                Err(ApiError::Validation(p)) => {
                    errors.set(
                        p.errors
                            .into_iter()
                            .filter_map(|(f, m)| Some((f, m.into_iter().next()?)))
                            .collect(),
                    );
                    focus_error_summary();
                }
                Err(e) => failure.set(Some(e.message(i18n.t()))),
            }
        });
    };
    let upload_line = move || {
        let ts = i18n.t();
        match up.phase.get() {
            Phase::Preparing => ts.upload_preparing.to_string(),
            Phase::Sending | Phase::Retrying(_) => ts.uploading.to_string(),
            Phase::Stalled => ts.upload_stalled.to_string(),
            _ => file_error.get().unwrap_or_default(),
        }
    };
    view! {
        <section aria-labelledby="answer-title" class="answer">
            <h2 id="answer-title" tabindex="-1">{move || t().answer_title}</h2>
            // The live region stays in the page, so the confirmation is read out.
            <p role="status" class="answer-sent">{move || announce.get()}</p>
            {move || match sent.get() {
                Some(a) => view! {
                    <p class="hint">{fill(t().answer_yours, &[("time", &format_timestamp(&a.at, i18n.lang()))])}</p>
                    <p class="message-body">{a.text.clone()}</p>
                    {(!a.attachments.is_empty()).then(|| view! {
                        <h3>{t().answer_attachments}</h3>
                        <ul>{a.attachments.iter().map(|f| view! { <li>{f.name.clone()}</li> }).collect_view()}</ul>
                    })}
                }.into_any(),
                None => view! {
                    <ErrorSummary errors=errors/>
                    {move || failure.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    <form novalidate on:submit=submit.clone()>
                        <TextField id=TEXT_FIELD label=Signal::derive(move || t().answer_text.to_string())
                            hint=Signal::derive(move || t().answer_text_hint.to_string())
                            error=text_error value=text kind=Kind::LongText max_chars=domain::inbox::ANSWER_MAX/>
                        <div class="field" class:field-error=move || file_error.with(Option::is_some)>
                            <label for="answer-file">{move || t().answer_files}</label>
                            <p class="hint" id="answer-file-hint">{move || t().answer_files_hint}</p>
                            <p class="uploaded" role="status">{upload_line}</p>
                            <ul class="answer-files">
                                {move || files.get().into_iter().map(|f| {
                                    let fid = f.id.clone();
                                    let label = fill(t().answer_remove, &[("file", &f.name)]);
                                    view! {
                                        <li>
                                            {f.name.clone()}" "
                                            <button type="button" class="link-button" on:click=move |_| {
                                                files.update(|l| l.retain(|x| x.id != fid));
                                                request_animation_frame(|| crate::dom::focus_id("answer-file"));
                                            }>{label}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <input type="file" id="answer-file" accept="application/pdf,image/jpeg,image/png"
                                aria-describedby="answer-file-hint"
                                disabled=move || files.with(|f| f.len() >= MAX_ATTACHMENTS)
                                on:change=on_file/>
                        </div>
                        <button type="submit" class="button">{move || t().answer_send}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
