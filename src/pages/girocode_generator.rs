//! "GiroCode erstellen": a small generator for clerks and associations. Each field is checked
//! by the girocode crate's rules; the code is rebuilt live as the user types.

use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::components::payment_qr::{giro_error_message, PaymentQr};
use crate::i18n::use_i18n;
use domain::money::Cents;
use girocode::{parse_amount, Field, GiroCode};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A valid IBAN to check the other fields against.
const PLACEHOLDER_IBAN: &str = "DE89370400440532013000";

fn field_id(f: Field) -> &'static str {
    match f {
        Field::Name => "giro-name",
        Field::Iban => "giro-iban",
        Field::Bic => "giro-bic",
        Field::Amount => "giro-amount",
        Field::Remittance | Field::Reference => "giro-remittance",
        _ => "giro-name",
    }
}

#[component]
pub fn GiroCodeGenerator() -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let iban = RwSignal::new(String::new());
    let bic = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let remittance = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let shown = RwSignal::new(false);

    // The browser compiles wasm functions on their first call: the first code took ≈ 10 ms at 4×
    // CPU slowdown against ≈ 2 ms after. Load the QR chunk and encode a sample once while the
    // user types, so the click on "GiroCode erstellen" pays for neither.
    set_timeout(
        || {
            let sample = GiroCode::builder()
                .name("Stadt")
                .iban(PLACEHOLDER_IBAN)
                .amount_cents(1)
                .build();
            if let Ok(code) = sample {
                leptos::task::spawn_local(async move {
                    let _ = crate::components::qr_code::qr_svg(code.payload_bytes(), String::new())
                        .await;
                });
            }
        },
        std::time::Duration::from_millis(300),
    );

    // Every field is checked on its own (with valid placeholders in the others), so all
    // problems are listed together rather than one per attempt.
    let check = move || -> Result<Cents, BTreeMap<String, String>> {
        let t = i18n.t();
        let mut out = BTreeMap::new();
        let mut record = |result: Result<GiroCode, girocode::GiroError>| {
            if let Err(e) = result {
                out.entry(field_id(e.field).to_string())
                    .or_insert_with(|| giro_error_message(&e, t));
            }
        };
        let base = || {
            GiroCode::builder()
                .name("Stadt")
                .iban(PLACEHOLDER_IBAN)
                .amount_cents(1)
        };
        record(base().name(name.get_untracked()).build());
        record(base().iban(iban.get_untracked()).build());
        if !bic.get_untracked().trim().is_empty() {
            record(base().bic(bic.get_untracked()).build());
        }
        record(base().remittance(remittance.get_untracked()).build());
        let cents = match parse_amount(&amount.get_untracked()) {
            Ok(c) => {
                record(base().amount_cents(c).build());
                Some(c)
            }
            Err(e) => {
                out.insert("giro-amount".to_string(), giro_error_message(&e, t));
                None
            }
        };
        match (cents, out.is_empty()) {
            (Some(c), true) => Ok(Cents(c as i64)),
            _ => Err(out),
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match check() {
            Ok(_) => {
                errors.set(BTreeMap::new());
                shown.set(true);
                request_animation_frame(|| crate::dom::focus_id("transfer-heading"));
            }
            Err(e) => {
                errors.set(e);
                shown.set(false);
                focus_error_summary();
            }
        }
    };
    let summary = Signal::derive(move || {
        errors.with(|e| {
            [
                "giro-name",
                "giro-iban",
                "giro-bic",
                "giro-amount",
                "giro-remittance",
            ]
            .iter()
            .filter_map(|id| e.get(*id).map(|m| (id.to_string(), m.clone())))
            .collect::<Vec<_>>()
        })
    });
    let err = move |id: &'static str| Signal::derive(move || errors.with(|e| e.get(id).cloned()));
    let label = |f: fn(&crate::i18n::Texts) -> &'static str| {
        Signal::derive(move || f(use_i18n().t()).to_string())
    };

    view! {
        <PageTitle text=move || i18n.t().giro_gen_title.to_string()/>
        <h1>{move || i18n.t().giro_gen_title}</h1>
        <p class="lead">{move || i18n.t().giro_gen_intro}</p>
        <form novalidate on:submit=submit>
            <ErrorSummary errors=summary/>
            <TextField id="giro-name" label=label(|t| t.recipient) hint=label(|t| t.giro_gen_name_hint) error=err("giro-name") value=name kind=Kind::Text autocomplete="organization"/>
            <TextField id="giro-iban" label=label(|t| t.iban) hint=label(|t| t.giro_gen_iban_hint) error=err("giro-iban") value=iban kind=Kind::Text autocomplete="off"/>
            <TextField id="giro-bic" label=label(|t| t.giro_gen_bic_label) error=err("giro-bic") value=bic kind=Kind::Text autocomplete="off"/>
            <TextField id="giro-amount" label=label(|t| t.giro_gen_amount_label) hint=label(|t| t.giro_gen_amount_hint) error=err("giro-amount") value=amount kind=Kind::Text autocomplete="off"/>
            <TextField id="giro-remittance" label=label(|t| t.remittance) hint=label(|t| t.giro_gen_remittance_hint) error=err("giro-remittance") value=remittance kind=Kind::Text autocomplete="off"/>
            <button type="submit" class="button">{move || i18n.t().giro_gen_submit}</button>
        </form>
        {move || shown.get().then(|| {
            let cents = parse_amount(&amount.get_untracked()).map(|c| Cents(c as i64)).unwrap_or(Cents(0));
            let bic_value = bic.get_untracked();
            view! {
                <PaymentQr
                    name=name.get_untracked()
                    iban=iban.get_untracked()
                    bic=(!bic_value.trim().is_empty()).then_some(bic_value)
                    amount=cents
                    remittance=remittance.get_untracked()
                    file_stem="GiroCode".to_string()
                />
            }
        })}
    }
}
