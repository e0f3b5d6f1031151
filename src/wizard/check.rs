//! "Check your answers": every visible answer with a change link, the fee, and submit.

use super::context::{attempt_key_slot, receipt_key, WizardCtx};
use super::nav::WizardLink;
use super::title::WizardTitle;
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::i18n::{use_i18n, Lang};
use crate::storage;
use domain::application::ApplicationRequest;
use domain::date::Date;
use domain::form::{visible_answers, Answer, FeeRule, Field, FieldKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// How an answer reads on the check page and the receipt.
pub fn display_answer(field: &Field, answer: &Answer, lang: Lang) -> String {
    let yes_no = |v: &str| match (v, lang) {
        ("yes", Lang::De) => "Ja".to_string(),
        ("yes", Lang::En) => "Yes".to_string(),
        ("no", Lang::De) => "Nein".to_string(),
        ("no", Lang::En) => "No".to_string(),
        (other, _) => other.to_string(),
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

#[derive(Clone, PartialEq)]
enum SubmitState {
    Idle,
    Sending,
    Failed(String),
}

#[component]
pub fn CheckPage(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let state = RwSignal::new(SubmitState::Idle);
    let service_id = ctx.service_id();
    // Errors a step left behind (e.g. the browser's back button from a step with errors) do not
    // belong here; this page shows only what a submit finds.
    ctx.errors.set(Default::default());
    let summary = Signal::derive(move || {
        ctx.errors.with(|e| {
            e.iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        })
    });

    // The slot answer is an id; a form resumed from a draft never showed the picker in this tab,
    // so fetch the labels once (rows re-render when they arrive).
    let slot_labels = RwSignal::new(0u32);
    if ctx.form(|f| {
        f.fields()
            .any(|(_, x)| matches!(x.kind, FieldKind::AppointmentSlot))
    }) {
        let sid = service_id.clone();
        spawn_local(async move {
            if let Ok(list) = api::forms::slots(i18n.lang.get_untracked(), &sid).await {
                super::inputs::remember_slot_labels(&list);
                let _ = slot_labels.try_update(|n| *n += 1);
            }
        });
    }

    let rows = move || {
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
                            let step_href = format!("{}?aendern=1", ctx.step_url(&step.id));
                            let rows = step
                                .fields
                                .iter()
                                .filter_map(|f| visible.get(&f.id).map(|a| (f, a)))
                                .filter(|(_, a)| !a.is_blank())
                                .map(|(f, a)| {
                                    let label = f.label.get(lang).to_string();
                                    let value = display_answer(f, a, lang);
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
    };

    let sid = service_id.clone();
    let submit = move |_| {
        if state.get_untracked() == SubmitState::Sending {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let t = i18n.t();
        if let Some(step) = ctx.with_journey(|j| j.first_incomplete().map(|s| s.id.clone())) {
            super::nav::go(&ctx.step_url(&step));
            return;
        }
        let request = ApplicationRequest {
            service_id: sid.clone(),
            form_version: ctx.form(|f| f.version),
            answers: ctx.form(|f| ctx.answers.with_untracked(|a| visible_answers(f, a))),
        };
        let key = storage::attempt_key(&attempt_key_slot(&sid));
        state.set(SubmitState::Sending);
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
                        &ctx.step_url("bestaetigung"),
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
                    let first_field = problem
                        .errors
                        .keys()
                        .next()
                        .map(|k| k.split('.').next().unwrap_or(k).to_string());
                    let step = first_field.and_then(|f| {
                        ctx.form(|form| {
                            form.fields()
                                .find(|(_, x)| x.id == f)
                                .map(|(s, _)| s.id.clone())
                        })
                    });
                    ctx.errors.set(
                        problem
                            .errors
                            .into_iter()
                            .filter_map(|(k, v)| Some((k, v.into_iter().next()?)))
                            .collect(),
                    );
                    state.set(SubmitState::Idle);
                    match step {
                        Some(step) => {
                            super::nav::go(&format!("{}?aendern=1", ctx.step_url(&step)));
                            set_timeout(focus_error_summary, std::time::Duration::from_millis(120));
                        }
                        None => focus_error_summary(),
                    }
                }
                Err(ApiError::Status(409, problem)) => {
                    // The answers changed the request (slot taken, form changed): a new attempt needs a new key.
                    storage::remove(&attempt_key_slot(&sid));
                    state.set(SubmitState::Failed(problem.detail.unwrap_or(problem.title)));
                    request_animation_frame(|| crate::dom::focus_id("submit-error"));
                }
                Err(e) => {
                    // Keep the key: a retry after a lost response must not create a second application.
                    state.set(SubmitState::Failed(e.message(t)));
                    request_animation_frame(|| crate::dom::focus_id("submit-error"));
                }
            }
        });
    };

    let charges = ctx.form(|f| !matches!(f.fee, FeeRule::Free));
    let title = ctx.form(|f| f.title.clone());
    let t2 = title.clone();
    view! {
        <WizardTitle text=move || format!("{} – {}", i18n.t().check_title, t2.get(i18n.lang()))/>
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
            SubmitState::Failed(msg) => view! { <p class="notice notice-error" id="submit-error" tabindex="-1" role="alert">{msg}</p> }.into_any(),
            _ => ().into_any(),
        }}
        {rows}
        {charges.then(|| view! { <FeeTable ctx=ctx/> })}
        <h2>{move || i18n.t().send_heading}</h2>
        <p>{move || i18n.t().send_declaration}</p>
        <button type="button" class="button" on:click=submit disabled=move || state.get() == SubmitState::Sending>
            {move || if state.get() == SubmitState::Sending { i18n.t().sending } else { i18n.t().send_application }}
        </button>
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
