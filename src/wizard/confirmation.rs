//! Confirmation with the reference. Shown from sessionStorage, so a reload shows it again and
//! nothing is sent twice.

use super::context::receipt_key;
use crate::components::page_title::PageTitle;
use crate::components::payment_qr::PaymentQr;
use crate::components::print_button::PrintButton;
use crate::components::reference_code::ReferenceCode;
use crate::i18n::{fill, use_i18n};
use crate::routes;
use crate::storage;
use domain::application::ApplicationReceipt;
use domain::date::format_timestamp;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Confirmation(service_id: String, next_steps: domain::i18n::Text) -> impl IntoView {
    let i18n = use_i18n();
    let receipt = storage::load::<ApplicationReceipt>(&receipt_key(&service_id));
    let Some(r) = receipt else {
        return view! {
            <PageTitle text=move || i18n.t().no_receipt_title.to_string()/>
            <h1>{move || i18n.t().no_receipt_title}</h1>
            <p>{move || i18n.t().no_receipt_text}</p>
            <p><A href=routes::service(&service_id) exact=true>{move || i18n.t().start_again}</A></p>
        }
        .into_any();
    };
    let name = r.service_name.clone();
    let reference = r.reference.clone();
    let fee = r.fee.total;
    let payee = r.payee.clone();
    let submitted = r.submitted_at.clone();
    view! {
        <PageTitle text=move || format!("{} – {}", i18n.t().confirmation_title, name.get(i18n.lang()))/>
        <div class="panel-confirmation">
            <h1>{move || i18n.t().confirmation_title}</h1>
            <p>{move || i18n.t().your_reference}</p>
            <ReferenceCode code=reference/>
        </div>
        <p>{move || fill(i18n.t().submitted_at, &[("time", &format_timestamp(&submitted, i18n.lang()))])}</p>
        <h2>{move || i18n.t().what_next}</h2>
        <p>{move || next_steps.get(i18n.lang()).to_string()}</p>
        {(fee.0 > 0).then(|| {
            let payee = payee.clone();
            view! {
                <h2>{move || i18n.t().pay_heading}</h2>
                <p>{move || fill(i18n.t().fee_due, &[("amount", &fee.format(i18n.lang()))])}</p>
                {(!r.paid).then(|| view! {
                    <p>
                        <crate::checkout::pay_button::PayOnlineButton
                            item=domain::payment::PaymentItemRequest::Application { reference: r.reference.clone() }
                            label=domain::i18n::Text::new(
                                &format!("{} {}", r.service_name.de, r.reference),
                                &format!("{} {}", r.service_name.en, r.reference),
                            )
                            amount=fee
                        />
                    </p>
                })}
                {payee.map(|p| view! {
                    <PaymentQr
                        name=p.name
                        iban=p.iban
                        bic=p.bic
                        amount=fee
                        remittance=p.remittance
                        file_stem=format!("GiroCode-{}", r.reference)
                    />
                })}
            }
        })}
        <div class="button-group no-print">
            <PrintButton/>
        </div>
        <p class="no-print"><A href=routes::HOME exact=true>{move || i18n.t().back_to_start}</A></p>
    }
    .into_any()
}
