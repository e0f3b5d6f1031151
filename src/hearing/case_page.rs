//! The case: the accusation in plain language, the evidence, amount and deadline, payment, and
//! what the person may do.

use super::case_text::{case_wording, CaseWording};
use crate::api;
use crate::components::payment_qr::PaymentQr;
use crate::i18n::{fill, use_i18n, Lang};
use crate::routes;
use domain::date::{format_date_time, format_timestamp};
use domain::hearing::{Evidence, HearingCase, HearingRole};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn CasePage(case: HearingCase, token: String, on_logout: Callback<()>) -> impl IntoView {
    // Replaces public/early.js's paint of this page's first screen, in the same frame.
    crate::dom::remove_static_shell();
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let t = i18n.t();
    let o = &case.offence;
    let witness = case.role == HearingRole::KeeperWitness;
    let accusation = if witness {
        fill(
            t.hearing_accusation_witness,
            &[("vehicle", &o.vehicle_registration)],
        )
    } else {
        t.hearing_accusation_person.to_string()
    };
    let CaseWording {
        status: status_text,
        status_class,
        date_rows,
        no_payment,
        can_answer,
        late,
    } = case_wording(&case, t, lang);
    // The server decides whether the case can be paid; the reason comes from the same rule.
    let no_payment_reason = (!case.payment_possible).then_some(no_payment).flatten();
    let payee = case.payee.clone();
    let amount = case.amount;
    let evidence = case.evidence.clone();
    let response = case.response.clone();
    view! {
        <p class="step-progress"><span class="caption"><crate::components::codes::TextWithCodes text=fill(t.hearing_case_caption, &[("case", &case.case_number)])/></span></p>
        <h1>{if witness { t.hearing_title_witness } else { t.hearing_title_person }}</h1>
        <p><strong class=status_class>{status_text}</strong></p>
        <h2>{t.hearing_what_heading}</h2>
        <p class="lead">{accusation}</p>
        <p class="accusation">{o.tbnr_text.get(lang).to_string()}</p>
        <dl class="summary-list">
            <div class="summary-row"><dt>{t.hearing_when}</dt><dd class="summary-value">{format_date_time(o.date, &o.time, lang)}</dd></div>
            <div class="summary-row"><dt>{t.hearing_where}</dt><dd class="summary-value">{o.place.clone()}</dd></div>
            <div class="summary-row"><dt>{t.hearing_vehicle}</dt><dd class="summary-value">{o.vehicle_registration.clone()}</dd></div>
            <div class="summary-row"><dt>{t.hearing_tbnr}</dt><dd class="summary-value">{o.tbnr.clone()}</dd></div>
            <div class="summary-row"><dt>{t.hearing_legal_basis}</dt><dd class="summary-value">{o.legal_basis.clone()}</dd></div>
            <div class="summary-row"><dt>{case.kind.label(lang)}</dt><dd class="summary-value"><strong>{case.amount.format(lang)}</strong></dd></div>
            {date_rows.into_iter().map(|(label, value)| view! {
                <div class="summary-row"><dt>{label}</dt><dd class="summary-value">{value}</dd></div>
            }).collect_view()}
        </dl>
        {(!evidence.is_empty()).then(|| view! {
            <h2>{t.hearing_evidence_heading}</h2>
            <ul class="evidence-list">
                {evidence.into_iter().map(|e| view! { <EvidenceImage evidence=e token=token.clone()/> }).collect_view()}
            </ul>
        })}
        <h2>{t.hearing_options_heading}</h2>
        {response.map(|r| view! {
            <div class="notice notice-success">
                <p>{fill(t.hearing_already_answered, &[("time", &format_timestamp(&r.received_at, lang)), ("reference", &r.reference)])}</p>
            </div>
        })}
        {case.payment_possible.then(|| view! {
            <h3>{t.hearing_pay_heading}</h3>
            <p>{fill(if case.kind == domain::hearing::FineKind::WarningFine { t.hearing_pay_warning_text } else { t.hearing_pay_fine_text }, &[("amount", &amount.format(lang))])}</p>
            <p>
                <crate::checkout::pay_button::PayOnlineButton
                    item=domain::payment::PaymentItemRequest::Hearing { case_number: case.case_number.clone() }
                    label=domain::i18n::Text::new(
                        &format!("{} {}", case.kind.label(Lang::De), case.case_number),
                        &format!("{} {}", case.kind.label(Lang::En), case.case_number),
                    )
                    amount=amount
                />
            </p>
            <PaymentQr
                name=payee.name.clone()
                iban=payee.iban.clone()
                bic=Some(payee.bic.clone())
                amount=amount
                remittance=payee.kassenzeichen.clone()
                file_stem=format!("GiroCode-{}", case.case_number)
            />
        })}
        {no_payment_reason.map(|r| view! { <p class="notice">{r}</p> })}
        {can_answer.then(|| view! {
            <h3>{if witness { t.hearing_answer_heading_witness } else { t.hearing_answer_heading_person }}</h3>
            <p>{if witness { t.hearing_answer_intro_witness } else { t.hearing_answer_intro_person }}</p>
            {late.then(|| view! { <p class="notice">{t.hearing_late_answer}</p> })}
            <p><A href=routes::hearing_step(routes::HEARING_PERSONAL) attr:class="button">{if witness { t.hearing_start_witness } else { t.hearing_start_person }}</A></p>
        })}
        <h2>{t.hearing_end_heading}</h2>
        <button type="button" class="button button-secondary" on:click=move |_| on_logout.run(())>{t.hearing_logout}</button>
    }
}

/// An evidence photo, fetched with the session token; a button enlarges it.
#[component]
fn EvidenceImage(evidence: Evidence, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let url = evidence.url.clone();
    let blob = crate::fetched::Fetched::new(move || {
        let (url, token) = (url.clone(), token.clone());
        async move { api::hearings::evidence_blob_url(&url, &token).await.ok() }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = blob.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let large = RwSignal::new(false);
    let alt = evidence.alt.clone();
    let (w, h) = (evidence.width, evidence.height);
    view! {
        <li class="evidence" class:evidence-large=move || large.get()>
            {move || match blob.get() {
                Some(Some(src)) => view! { <img src=src alt=alt.get(i18n.lang()).to_string() width=w height=h/> }.into_any(),
                Some(None) => view! { <p class="notice notice-error">{i18n.t().hearing_evidence_error}</p> }.into_any(),
                None => view! { <p class="loading">{i18n.t().loading}</p> }.into_any(),
            }}
            <button type="button" class="link-button" aria-pressed=move || if large.get() { "true" } else { "false" } on:click=move |_| large.update(|l| *l = !*l)>
                {move || if large.get() { i18n.t().hearing_shrink } else { i18n.t().hearing_enlarge }}
            </button>
        </li>
    }
}
