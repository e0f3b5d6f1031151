//! The GiroCode (EPC069-12) for a transfer, built in the browser from the case's or order's
//! data, with the same data as text to copy and a PNG to save — a phone cannot scan its own
//! screen, but many banking apps import a QR image from the gallery.

use crate::dom;
use crate::fetched::Fetched;
use crate::i18n::{fill, use_i18n, Texts};
use domain::money::Cents;
use girocode::{ErrorKind, Field, GiroCode, GiroError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Groups an IBAN in fours for reading; it is copied without spaces.
pub fn group_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A user-facing sentence for a GiroCode rule violation.
pub fn giro_error_message(e: &GiroError, t: &Texts) -> String {
    let field = match e.field {
        Field::Name => t.recipient,
        Field::Iban => t.iban,
        Field::Bic => t.bic,
        Field::Amount => t.amount,
        Field::Remittance => t.remittance,
        Field::Reference => t.giro_reference,
        Field::Info => t.giro_info,
        Field::Purpose => t.giro_purpose,
        _ => t.giro_data,
    };
    let why = match e.kind {
        ErrorKind::Missing => t.giro_missing.to_string(),
        ErrorKind::TooLong { max } => fill(t.giro_too_long, &[("max", &max)]),
        ErrorKind::Checksum => t.giro_checksum.to_string(),
        ErrorKind::OutOfRange => t.giro_out_of_range.to_string(),
        ErrorKind::BothReferenceAndRemittance => t.giro_both.to_string(),
        ErrorKind::ControlCharacter => t.giro_control.to_string(),
        _ => t.giro_invalid.to_string(),
    };
    format!("{field}: {why}")
}

pub fn build(
    name: &str,
    iban: &str,
    bic: Option<&str>,
    amount: Cents,
    remittance: &str,
) -> Result<GiroCode, GiroError> {
    let mut b = GiroCode::builder()
        .name(name)
        .iban(iban)
        .amount_cents(u64::try_from(amount.0).unwrap_or(0))
        .remittance(remittance);
    if let Some(bic) = bic.filter(|b| !b.trim().is_empty()) {
        b = b.bic(bic);
    }
    b.build()
}

#[component]
pub fn PaymentQr(
    name: String,
    iban: String,
    bic: Option<String>,
    amount: Cents,
    remittance: String,
    /// File name of the saved image, without extension (e.g. `GiroCode-K7MP3XTA`).
    file_stem: String,
) -> impl IntoView {
    let i18n = use_i18n();
    // "girocode": payload rules, QR encoding and SVG markup, for the benchmark (bench/).
    dom::perf_mark("girocode-start");
    let code = build(&name, &iban, bic.as_deref(), amount, &remittance);
    let announce = RwSignal::new(String::new());
    // `whole`: IBAN, BIC and amount never break inside. (A remittance's reference has no
    // place to break anyway: no space, no hyphen.)
    let copy_row = move |label: &'static str, shown: String, copied: String, whole: bool| {
        let copied_for_click = copied.clone();
        let value = if whole {
            view! { <span class="nowrap">{shown}</span> }.into_any()
        } else {
            shown.into_any()
        };
        view! {
            <div class="summary-row">
                <dt>{label}</dt>
                <dd class="summary-value transfer-value">{value}</dd>
                <dd class="summary-action">
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            let text = copied_for_click.clone();
                            spawn_local(async move {
                                let ok = dom::copy_to_clipboard(&text).await;
                                let t = i18n.t();
                                announce.set(if ok { fill(t.copied, &[("field", &label)]) } else { t.copy_failed.to_string() });
                            });
                        }
                    >
                        {move || i18n.t().copy}<span class="visually-hidden">{format!(" {label}")}</span>
                    </button>
                </dd>
            </div>
        }
    };
    let lang = i18n.lang.get_untracked();
    let t = i18n.t();
    let rows = view! {
        <dl class="summary-list transfer-data">
            {copy_row(t.recipient, name.clone(), name.clone(), false)}
            {copy_row(t.iban, group_iban(&iban), iban.chars().filter(|c| !c.is_whitespace()).collect(), true)}
            {bic.clone().filter(|b| !b.is_empty()).map(|b| copy_row(t.bic, b.clone(), b, true))}
            {copy_row(t.amount, amount.format(lang), format!("{},{:02}", amount.0 / 100, amount.0 % 100), true)}
            {copy_row(t.remittance, remittance.clone(), remittance.clone(), false)}
        </dl>
    };
    let qr = match code {
        Ok(code) => {
            let alt = fill(t.giro_alt, &[("amount", &amount.format(lang))]);
            let payload = code.payload().to_string();
            let bytes = code.payload_bytes();
            // The encoder is a chunk of its own (crate::components::qr_code): the transfer data show at once,
            // the code when the chunk is there; its box keeps its size meanwhile (no shift).
            let svg = {
                let bytes = bytes.clone();
                Fetched::new(move || crate::components::qr_code::qr_svg(bytes.clone(), alt.clone()))
            };
            let file_name = format!("{file_stem}.png");
            let save = move |_| {
                let (bytes, file_name) = (bytes.clone(), file_name.clone());
                spawn_local(async move {
                    let png = crate::components::qr_code::qr_png(bytes).await.ok().flatten();
                    let ok = png.is_some_and(|p| dom::download(&p, "image/png", &file_name));
                    let t = i18n.t();
                    announce.set(if ok { t.image_saved.to_string() } else { t.copy_failed.to_string() });
                });
            };
            view! {
                <div class="payment-qr">
                    {move || match svg.get() {
                        None => view! { <div class="qr qr-pending"></div> }.into_any(),
                        Some(Ok(Some(markup))) => {
                            dom::perf_measure("girocode", "girocode-start");
                            view! { <div class="qr" inner_html=markup data-payload=payload.clone()></div> }.into_any()
                        }
                        Some(Ok(None)) => view! { <p class="notice">{move || i18n.t().giro_use_text}</p> }.into_any(),
                        Some(Err(_)) => view! {
                            <p class="notice notice-error" role="alert">{move || i18n.t().giro_qr_failed}</p>
                            <button type="button" class="button button-secondary" on:click=move |_| svg.refetch()>{move || i18n.t().retry}</button>
                        }.into_any(),
                    }}
                    // Shown from the start, so nothing moves when the code arrives; saving waits
                    // for the chunk if it must.
                    <p class="hint">{move || i18n.t().giro_phone_hint}</p>
                    <button type="button" class="button button-secondary" on:click=save>{move || i18n.t().save_image}</button>
                </div>
            }
            .into_any()
        }
        Err(e) => view! { <p class="notice notice-error" role="alert">{giro_error_message(&e, t)}" "{t.giro_use_text}</p> }.into_any(),
    };
    view! {
        <section class="transfer" aria-labelledby="transfer-heading">
            <h3 id="transfer-heading" tabindex="-1">{move || i18n.t().transfer_heading}</h3>
            <div class="transfer-layout">
                {qr}
                {rows}
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_grouping() {
        assert_eq!(
            group_iban("DE89370400440532013000"),
            "DE89 3704 0044 0532 0130 00"
        );
    }
}
