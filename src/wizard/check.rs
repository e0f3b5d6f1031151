//! "Check your answers", one page for every flow on the wizard (services, the hearing, and
//! the ones to come): every visible answer with a history-safe change link, the fee, the flow's
//! declaration and its send button. A flow brings only its send handler (a service's is
//! [`CheckPage`] below), reports failures with [`show_failure`] and hands a 422's field errors to
//! [`show_server_errors`].

use super::context::{attempt_key_slot, receipt_key, WizardCtx};
use super::errors::place_server_errors;
use super::nav::WizardLink;
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::page_title::PageTitle;
use crate::i18n::{use_i18n, Lang, Texts};
use crate::routes;
use crate::storage;
use domain::application::ApplicationRequest;
use domain::date::Date;
use domain::form::{visible_answers, Answer, FeeRule, Field, FieldKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::BTreeMap;

/// How an answer reads on the check page and the receipt.
pub fn display_answer(field: &Field, answer: &Answer, lang: Lang) -> String {
    let yes_no = |v: &str| match v {
        "yes" => crate::i18n::texts(lang).yes.to_string(),
        "no" => crate::i18n::texts(lang).no.to_string(),
        other => other.to_string(),
    };
    let option_label = |options: &[domain::form::Choice], v: &str| {
        options
            .iter()
            .find(|o| o.value == v)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| v.to_string())
    };
    match (&field.kind, answer) {
        (FieldKind::YesNo, Answer::Text(v)) => yes_no(v),
        (FieldKind::OneOf { options }, Answer::Text(v)) => option_label(options, v),
        (FieldKind::ManyOf { options, .. }, Answer::Many(vs)) => vs
            .iter()
            .map(|v| option_label(options, v))
            .collect::<Vec<_>>()
            .join(", "),
        (FieldKind::Date { .. }, Answer::Text(v)) => Date::parse_iso(v)
            .map(|d| d.format(lang))
            .unwrap_or_else(|| v.clone()),
        (FieldKind::AppointmentSlot, Answer::Text(id)) => super::inputs::slot_label(id)
            .map(|t| t.get(lang).to_string())
            .unwrap_or_else(|| id.clone()),
        (FieldKind::Address, Answer::Address(a)) => format!(
            "{} {}, {} {}",
            a.street.trim(),
            a.house_number.trim(),
            a.postal_code.trim(),
            a.town.trim()
        ),
        (_, Answer::File(f)) => f.name.clone(),
        (
            FieldKind::Group {
                fields, item_label, ..
            },
            Answer::Group(items),
        ) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let parts: Vec<String> = fields
                    .iter()
                    .filter_map(|f| {
                        item.get(&f.id).filter(|a| !a.is_blank()).map(|a| {
                            format!("{}: {}", f.label.get(lang), display_answer(f, a, lang))
                        })
                    })
                    .collect();
                format!("{} {}: {}", item_label.get(lang), i + 1, parts.join("; "))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Answer::Text(v)) => v.clone(),
        (_, Answer::Many(v)) => v.join(", "),
        _ => String::new(),
    }
}

/// Where a send stands; the flow's send handler moves it on.
#[derive(Clone, PartialEq)]
pub enum SendState {
    Idle,
    Sending,
    Failed(String),
}

/// The id of the failure notice on the check page.
const FAILURE_ID: &str = "submit-error";

/// A failed send: the message is shown, announced and focused.
pub fn show_failure(state: RwSignal<SendState>, message: String) {
    state.set(SendState::Failed(message));
    request_animation_frame(|| crate::dom::focus_id(FAILURE_ID));
}

/// Shows a 422's field errors where they can be fixed: on the earliest step that asks for one
/// (in "change" mode, so "continue" comes back here), or on the check page when no step does.
/// `local` maps the API's field names to the paths on screen.
pub fn show_server_errors(
    ctx: WizardCtx,
    errors: BTreeMap<String, Vec<String>>,
    local: impl Fn(&str) -> String,
) {
    let placed = ctx.form(|f| place_server_errors(f, errors, local));
    ctx.errors.set(placed.messages);
    match placed.step {
        Some(step) => {
            super::nav::go(&routes::change(&ctx.step_url(&step)));
            set_timeout(focus_error_summary, std::time::Duration::from_millis(120));
        }
        None => focus_error_summary(),
    }
}

/// A flow's words for the send section of its check page.
#[derive(Clone, Copy)]
pub struct SendTexts {
    pub heading: fn(&Texts) -> &'static str,
    pub declaration: fn(&Texts) -> &'static str,
    pub button: fn(&Texts) -> &'static str,
}

/// The check page of any flow on the wizard; `on_send` runs only for a complete form and not
/// while a send is under way.
#[component]
pub fn CheckAnswers(
    ctx: WizardCtx,
    texts: SendTexts,
    state: RwSignal<SendState>,
    on_send: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Errors a step left behind (e.g. the browser's back button from a step with errors) do not
    // belong here; this page shows only what a send finds.
    ctx.errors.set(Default::default());
    let summary = Signal::derive(move || {
        ctx.errors.with(|e| {
            e.iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        })
    });
    let send = move |_| {
        if state.get_untracked() == SendState::Sending {
            return;
        }
        // Answers changed elsewhere (another tab, a restored page) may leave a step unanswered.
        if let Some(step) = ctx.with_journey(|j| j.first_incomplete().map(|s| s.id.clone())) {
            super::nav::go(&ctx.step_url(&step));
            return;
        }
        on_send.run(());
    };
    let charges = ctx.form(|f| !matches!(f.fee, FeeRule::Free));
    let title = ctx.form(|f| f.title.clone());
    let t2 = title.clone();
    view! {
        <PageTitle text=move || format!("{} – {}", i18n.t().check_title, t2.get(i18n.lang()))/>
        <WizardLink
            href=Signal::derive(move || ctx.with_journey(|j| j.visible_steps().last().map(|s| ctx.step_url(&s.id))).unwrap_or_default())
            class="back-link"
        >
            {move || i18n.t().back}
        </WizardLink>
        <p class="step-progress"><span class="caption">{move || title.get(i18n.lang()).to_string()}</span></p>
        <h1>{move || i18n.t().check_title}</h1>
        <ErrorSummary errors=summary/>
        {move || match state.get() {
            SendState::Failed(msg) => view! { <p class="notice notice-error" id=FAILURE_ID tabindex="-1" role="alert">{msg}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <AnswersSummary ctx=ctx/>
        {charges.then(|| view! { <FeeTable ctx=ctx/> })}
        <h2>{move || (texts.heading)(i18n.t())}</h2>
        <p>{move || (texts.declaration)(i18n.t())}</p>
        <button type="button" class="button" on:click=send disabled=move || state.get() == SendState::Sending>
            {move || if state.get() == SendState::Sending { i18n.t().sending } else { (texts.button)(i18n.t()) }}
        </button>
    }
}

/// Every visible answer under its step's heading, with a link to change it (the step opens in
/// "change" mode and returns here).
#[component]
pub fn AnswersSummary(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    // The slot answer is an id; a form resumed from a draft never showed the picker in this tab,
    // so fetch the labels once (rows re-render when they arrive).
    let slot_labels = RwSignal::new(0u32);
    if ctx.form(|f| {
        f.fields()
            .any(|(_, x)| matches!(x.kind, FieldKind::AppointmentSlot))
    }) {
        let sid = ctx.service_id();
        spawn_local(async move {
            if let Ok(list) = api::forms::slots(i18n.lang.get_untracked(), &sid).await {
                super::inputs::remember_slot_labels(&list);
                let _ = slot_labels.try_update(|n| *n += 1);
            }
        });
    }
    move || {
        slot_labels.track();
        let lang = i18n.lang();
        let t = i18n.t();
        ctx.form(|form| {
            ctx.answers.with(|all| {
                let visible = visible_answers(form, all);
                ctx.with_journey(|j| {
                    j.visible_steps()
                        .into_iter()
                        .map(|step| {
                            let step_href = routes::change(&ctx.step_url(&step.id));
                            let rows = step
                                .fields
                                .iter()
                                .filter_map(|f| visible.get(&f.id).map(|a| (f, a)))
                                .filter(|(_, a)| !a.is_blank())
                                .map(|(f, a)| {
                                    let label = f.label.get(lang).to_string();
                                    let value = display_answer(f, a, lang);
                                    // Where the value came from, when the account filled it.
                                    let value = match crate::account::prefill_mark(f, Some(a), t) {
                                        Some(_) => format!("{value}\n({})", t.account_prefilled_source),
                                        None => value,
                                    };
                                    let href = step_href.clone();
                                    view! {
                                        <div class="summary-row">
                                            <dt>{label.clone()}</dt>
                                            <dd class="summary-value">{value}</dd>
                                            <dd class="summary-action">
                                                <WizardLink href=href>{t.change}<span class="visually-hidden">{format!(" {label}")}</span></WizardLink>
                                            </dd>
                                        </div>
                                    }
                                })
                                .collect_view();
                            view! {
                                <h2>{step.title.get(lang).to_string()}</h2>
                                <dl class="summary-list">{rows}</dl>
                            }
                        })
                        .collect_view()
                })
            })
        })
    }
}

/// A service's check page: sends the application.
#[component]
pub fn CheckPage(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let state = RwSignal::new(SendState::Idle);
    let sid = ctx.service_id();
    let send = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        let t = i18n.t();
        let request = ApplicationRequest {
            service_id: sid.clone(),
            form_version: ctx.form(|f| f.version),
            answers: ctx.form(|f| ctx.answers.with_untracked(|a| visible_answers(f, a))),
        };
        let key = storage::attempt_key(&attempt_key_slot(&sid));
        state.set(SendState::Sending);
        let sid = sid.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::forms::submit(lang, &request, &key).await {
                Ok(receipt) => {
                    storage::save(&receipt_key(&sid), &receipt);
                    storage::remove(&attempt_key_slot(&sid));
                    storage::remove(&super::context::answers_key(&sid));
                    ctx.answers.set(Default::default());
                    ctx.errors.set(Default::default());
                    // Replace: back from the confirmation never lands on a page that sends again.
                    navigate(
                        &ctx.step_url(routes::CONFIRMATION_PAGE),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(ApiError::Validation(problem)) if !problem.errors.is_empty() => {
                    // The server's rules found something (e.g. a meter reading lower than the last):
                    // show it on the step that asks for that field.
                    storage::remove(&attempt_key_slot(&sid));
                    state.set(SendState::Idle);
                    show_server_errors(ctx, problem.errors, str::to_string);
                }
                Err(ApiError::Status(409, problem)) => {
                    // The answers changed the request (slot taken, form changed): a new attempt needs a new key.
                    storage::remove(&attempt_key_slot(&sid));
                    show_failure(state, problem.detail.unwrap_or(problem.title));
                }
                Err(e) => {
                    // Keep the key: a retry after a lost response must not create a second application.
                    show_failure(state, e.message(t));
                }
            }
        });
    });
    view! {
        <CheckAnswers
            ctx=ctx
            texts=SendTexts {
                heading: |t| t.send_heading,
                declaration: |t| t.send_declaration,
                button: |t| t.send_application,
            }
            state=state
            on_send=send
        />
    }
}

#[component]
pub fn FeeTable(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let t = i18n.t();
        let fee = ctx.fee();
        view! {
            <h2>{t.fee_heading}</h2>
            <table class="fee-table">
                <caption class="visually-hidden">{t.fee_heading}</caption>
                <thead><tr><th scope="col">{t.fee_item}</th><th scope="col" class="num">{t.fee_quantity}</th><th scope="col" class="num">{t.fee_amount}</th></tr></thead>
                <tbody>
                    {fee.lines.iter().map(|l| view! {
                        <tr><td>{l.label.get(lang).to_string()}</td><td class="num">{l.quantity}</td><td class="num">{l.amount.format(lang)}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row" colspan="2">{t.fee_total}</th><td class="num"><strong>{fee.total.format(lang)}</strong></td></tr></tfoot>
            </table>
        }
    }
}
