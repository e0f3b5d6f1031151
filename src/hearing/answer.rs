//! The hearing's guided response — personal details, the statement or the driver's name, the
//! check and send — and its receipt. A chunk of their own (src/lazy.rs): a citizen from the QR
//! link reads the case page first (main wasm), so these load on first use, prefetched when idle.

use super::form::{self, local_field, to_response};
use super::session;
use super::{RECEIPT_SLOT, RESPONSE_KEY_SLOT};
use crate::api::{self, ApiError};
use crate::components::page_title::PageTitle;
use crate::components::print_button::PrintButton;
use crate::components::reference_code::ReferenceCode;
use crate::i18n::{fill, use_i18n, Lang, Texts};
use crate::routes::{self, HEARING_CASE, HEARING_RECEIPT};
use crate::storage;
use crate::wizard::check::{show_failure, show_server_errors, CheckAnswers, SendState, SendTexts};
use crate::wizard::context::WizardCtx;
use crate::wizard::page::landing_view;
use domain::date::format_timestamp;
use domain::hearing::{HearingCase, HearingChoice, HearingReceipt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

/// A step of the response, as the case's flow (flow.rs) asks for it.
#[derive(Clone)]
pub struct AnswerStep {
    pub case: StoredValue<HearingCase>,
    /// The response's wizard, made with the first step shown and kept for the case.
    pub ctx: StoredValue<Option<WizardCtx>>,
    /// The case's flow: the wizard lives (and is found as context) as long as it does.
    pub owner: Owner,
    pub step: String,
    /// `?aendern`: back to the check page after this step.
    pub change: bool,
    pub redirect: Callback<String>,
}

/// The step's page (or the check page, or a redirect). Untracked, as a component is: the page
/// loader (src/lazy.rs) would otherwise render it anew whenever an answer changes.
pub fn answer_step(a: AnswerStep) -> AnyView {
    untrack(move || step_view(a))
}

fn step_view(a: AnswerStep) -> AnyView {
    let ctx = a.ctx.get_value().unwrap_or_else(|| {
        let case = a.case.get_value();
        let ctx = a.owner.with(|| {
            let ctx = WizardCtx::with_base(
                form::definition(case.role, case.offence.date),
                routes::HEARING.into(),
                routes::hearing_step(HEARING_CASE),
                false,
            );
            ctx.answers.update(|x| form::prefill(x, &case.person));
            provide_context(ctx);
            ctx
        });
        a.ctx.set_value(Some(ctx));
        ctx
    });
    let redirect = a.redirect;
    landing_view(
        ctx,
        &a.step,
        a.change,
        move |to| redirect.run(to),
        || view! { <HearingCheck ctx=ctx/> }.into_any(),
    )
}

/// The hearing's check page is the wizard's; this sends the response.
#[component]
fn HearingCheck(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let state = RwSignal::new(SendState::Idle);
    let send = Callback::new(move |()| {
        let Some(s) = session::load() else {
            show_failure(state, i18n.t().hearing_session_ended.to_string());
            return;
        };
        let lang = i18n.lang.get_untracked();
        let body = ctx.answers.with_untracked(to_response);
        let key = storage::attempt_key(RESPONSE_KEY_SLOT);
        state.set(SendState::Sending);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::hearings::respond(lang, &s.token, &body, &key).await {
                Ok(receipt) => {
                    session::touch();
                    storage::save(RECEIPT_SLOT, &receipt);
                    storage::remove(RESPONSE_KEY_SLOT);
                    storage::remove(&crate::wizard::context::answers_key(form::FORM_ID));
                    ctx.answers.set(Default::default());
                    // Replace: "back" from the receipt never lands on the send button.
                    navigate(&routes::hearing_step(HEARING_RECEIPT), replace());
                }
                Err(ApiError::Validation(p)) if !p.errors.is_empty() => {
                    storage::remove(RESPONSE_KEY_SLOT);
                    state.set(SendState::Idle);
                    show_server_errors(ctx, p.errors, local_field);
                }
                Err(e) => {
                    if matches!(e, ApiError::Status(409, _)) {
                        storage::remove(RESPONSE_KEY_SLOT);
                    }
                    let msg = match e {
                        ApiError::Status(_, p) if p.detail.is_some() => {
                            p.detail.unwrap_or_default()
                        }
                        other => other.message(i18n.t()),
                    };
                    show_failure(state, msg);
                }
            }
        });
    });
    view! {
        <CheckAnswers
            ctx=ctx
            texts=SendTexts {
                heading: |t| t.hearing_send_heading,
                declaration: |t| t.hearing_send_text,
                button: |t| t.hearing_send,
            }
            state=state
            on_send=send
        />
    }
}

/// A plain-text copy of what was sent, for the download.
fn receipt_text(r: &HearingReceipt, t: &Texts, lang: Lang) -> String {
    let p = &r.copy.personal_data;
    let mut lines = vec![
        format!("{} {}", t.hearing_receipt_title, r.case_number),
        format!("{}: {}", t.your_reference, r.reference),
        format!(
            "{}: {}",
            t.hearing_received,
            format_timestamp(&r.received_at, lang)
        ),
        String::new(),
        format!("{}: {} {}", t.hearing_name, p.given_names, p.family_name),
        format!(
            "{}: {}",
            t.hearing_born,
            domain::hearing::parse_date_of_birth(&p.date_of_birth)
                .map(|d| d.format(lang))
                .unwrap_or_else(|| p.date_of_birth.clone())
        ),
        format!(
            "{}: {} {}, {} {}",
            t.hearing_address, p.street, p.house_number, p.postal_code, p.town
        ),
        String::new(),
    ];
    lines.push(match &r.copy.choice {
        HearingChoice::Statement { admits, text, .. } => format!(
            "{}: {}\n{}",
            t.hearing_statement,
            if *admits {
                t.hearing_admitted
            } else {
                t.hearing_not_admitted
            },
            text
        ),
        HearingChoice::NameDriver {
            family_name,
            given_names,
            street,
            house_number,
            postal_code,
            town,
            ..
        } => {
            format!(
                "{}: {given_names} {family_name}, {street} {house_number}, {postal_code} {town}",
                t.hearing_driver_named
            )
        }
        HearingChoice::RefuseAsRelative => t.hearing_refused.to_string(),
        HearingChoice::NoStatement => t.hearing_silent.to_string(),
    });
    lines.join("\n")
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let Some(r) = storage::load::<HearingReceipt>(RECEIPT_SLOT) else {
        return view! {
            <PageTitle text=move || i18n.t().hearing_login_title.to_string()/>
            <h1>{move || i18n.t().no_receipt_title}</h1>
            <p><A href=routes::HEARING>{move || i18n.t().hearing_login_title}</A></p>
        }
        .into_any();
    };
    let reference = r.reference.clone();
    let r2 = r.clone();
    let r3 = r.clone();
    view! {
        <PageTitle text=move || i18n.t().hearing_receipt_title.to_string()/>
        <div class="panel-confirmation">
            <h1>{move || i18n.t().hearing_receipt_title}</h1>
            <p>{move || i18n.t().your_reference}</p>
            <ReferenceCode code=reference/>
        </div>
        <p>{move || fill(i18n.t().submitted_at, &[("time", &format_timestamp(&r.received_at, i18n.lang()))])}</p>
        <h2>{move || i18n.t().hearing_copy_heading}</h2>
        <pre class="receipt-copy">{move || receipt_text(&r2, i18n.t(), i18n.lang())}</pre>
        <div class="button-group no-print">
            <button type="button" class="button button-secondary" on:click={
                let r = r3;
                move |_| {
                    let text = receipt_text(&r, i18n.t(), i18n.lang.get_untracked());
                    crate::dom::download(text.as_bytes(), "text/plain;charset=utf-8", &format!("Anhoerung-{}.txt", r.reference));
                }
            }>{move || i18n.t().hearing_download_copy}</button>
            <PrintButton/>
        </div>
        <p class="no-print"><A href=routes::hearing_step(HEARING_CASE)>{move || i18n.t().hearing_back_to_case}</A></p>
    }
    .into_any()
}
