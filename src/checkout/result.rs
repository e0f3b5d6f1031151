//! `/kasse/rueckkehr`: back from the payment provider (or after choosing a transfer). The
//! pending payment comes from sessionStorage, its status from the server — never from the URL.

use super::cart::use_cart;
use super::{store_receipt, Pending, ATTEMPT_SLOT, PENDING_SLOT, RECEIPT_SLOT};
use crate::api;
use crate::components::codes::TextWithCodes;
use crate::components::page_title::PageTitle;
use crate::components::payment_qr::PaymentQr;
use crate::components::print_button::PrintButton;
use crate::components::reference_code::ReferenceCode;
use crate::i18n::use_i18n;
use crate::routes;
use crate::storage;
use domain::date::format_timestamp;
use domain::payment::{Payment, PaymentMethodId, PaymentStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

/// Polls while the provider has not confirmed yet: 1, 2, 4, 8, 8 … seconds, at most this often.
const MAX_POLLS: u32 = 8;

#[derive(Clone, PartialEq)]
enum View {
    Checking,
    StillChecking,
    Done(Box<Payment>),
    Failed(String),
    Nothing,
}

#[component]
pub fn ReturnPage() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let state = RwSignal::new(View::Checking);
    let alive = RwSignal::new(true);
    on_cleanup(move || alive.set(false));

    let check = move |attempt: u32| {
        fn schedule(f: impl FnOnce() + 'static, secs: u64) {
            set_timeout(f, Duration::from_secs(secs));
        }
        let Some(pending) = storage::load::<Pending>(PENDING_SLOT) else {
            state.set(match storage::load::<Payment>(RECEIPT_SLOT) {
                Some(p) => View::Done(Box::new(p)),
                None => View::Nothing,
            });
            return;
        };
        fn poll(
            pending: Pending,
            attempt: u32,
            state: RwSignal<View>,
            alive: RwSignal<bool>,
            cart: super::cart::Cart,
        ) {
            spawn_local(async move {
                let lang =
                    crate::i18n::Lang::from_tag(&crate::dom::stored_lang().unwrap_or_default());
                let result = api::payments::get(lang, &pending.id).await;
                // The user may have left the page meanwhile: touch nothing then.
                if !alive.try_get_untracked().unwrap_or(false) {
                    return;
                }
                match result {
                    Ok(p) if p.status == PaymentStatus::Payed => {
                        store_receipt(&p);
                        storage::remove(PENDING_SLOT);
                        storage::remove(ATTEMPT_SLOT);
                        cart.remove_paid(&p.items);
                        state.set(View::Done(Box::new(p)));
                    }
                    Ok(p)
                        if p.status == PaymentStatus::Initial
                            && p.method == PaymentMethodId::Transfer =>
                    {
                        state.set(View::Done(Box::new(p)))
                    }
                    Ok(p) if p.status == PaymentStatus::Initial => {
                        if attempt >= MAX_POLLS {
                            state.set(View::StillChecking);
                        } else {
                            let secs = 1u64 << attempt.min(3);
                            schedule(move || poll(pending, attempt + 1, state, alive, cart), secs);
                        }
                    }
                    Ok(p) => {
                        // Failed, cancelled or expired: the cart stays; a new attempt gets a new key.
                        storage::remove(PENDING_SLOT);
                        storage::remove(ATTEMPT_SLOT);
                        state.set(View::Done(Box::new(p)));
                    }
                    Err(e) => {
                        let t = crate::i18n::texts(lang);
                        state.set(View::Failed(e.message(t)));
                    }
                }
            });
        }
        let _ = attempt;
        state.set(View::Checking);
        poll(pending, 0, state, alive, cart);
    };
    check(0);

    move || {
        let t = i18n.t();
        match state.get() {
            View::Checking => view! {
                <PageTitle text=move || i18n.t().checkout_checking.to_string()/>
                <h1>{t.checkout_checking}</h1>
                <p role="status" class="loading">{t.checkout_checking_text}</p>
            }
            .into_any(),
            View::StillChecking => view! {
                <PageTitle text=move || i18n.t().checkout_checking.to_string()/>
                <h1>{t.checkout_checking}</h1>
                <p role="status">{t.checkout_still_checking}</p>
                <button type="button" class="button" on:click=move |_| check(0)>{t.checkout_check_again}</button>
            }
            .into_any(),
            View::Failed(msg) => view! {
                <PageTitle text=move || i18n.t().checkout_checking.to_string()/>
                <h1>{t.checkout_checking}</h1>
                <p class="notice notice-error" role="alert">{msg}</p>
                <button type="button" class="button" on:click=move |_| check(0)>{t.retry}</button>
            }
            .into_any(),
            View::Nothing => view! {
                <PageTitle text=move || i18n.t().checkout_title.to_string()/>
                <h1>{t.checkout_no_payment}</h1>
                <p><A href=routes::CHECKOUT>{t.checkout_title}</A></p>
            }
            .into_any(),
            View::Done(p) => view! { <PaymentOutcome payment=*p on_refresh=Callback::new(move |_| check(0))/> }.into_any(),
        }
    }
}

#[component]
fn PaymentOutcome(payment: Payment, on_refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let t = i18n.t();
    let lang = i18n.lang.get_untracked();
    let items = payment
        .items
        .iter()
        .map(|i| view! { <tr><td><TextWithCodes text=i.label.get(lang).to_string()/></td><td class="num">{i.amount.format(lang)}</td></tr> })
        .collect_view();
    let table = view! {
        <table class="fee-table">
            <caption class="visually-hidden">{t.checkout_items}</caption>
            <thead><tr><th scope="col">{t.fee_item}</th><th scope="col" class="num">{t.fee_amount}</th></tr></thead>
            <tbody>{items}</tbody>
            <tfoot><tr><th scope="row">{t.fee_total}</th><td class="num"><strong>{payment.amount.format(lang)}</strong></td></tr></tfoot>
        </table>
    };
    // A notice's instalments: back to the notice, which shows them paid (while signed in).
    let notice_paid = payment
        .items
        .iter()
        .any(|i| i.kind == domain::payment::PaymentItemKind::Notice)
        && crate::notice::session::load().is_some();
    match payment.status {
        PaymentStatus::Payed => {
            let method = method_label(payment.method, lang);
            let when = format_timestamp(
                payment.paid_at.as_deref().unwrap_or(&payment.updated_at),
                lang,
            );
            view! {
                <PageTitle text=move || i18n.t().checkout_paid_title.to_string()/>
                <div class="panel-confirmation">
                    <h1>{t.checkout_paid_title}</h1>
                    <p>{t.checkout_payment_reference}</p>
                    <ReferenceCode code=payment.reference.clone()/>
                </div>
                {table}
                <dl class="summary-list">
                    <div class="summary-row"><dt>{t.checkout_method_used}</dt><dd class="summary-value">{method}</dd></div>
                    <div class="summary-row"><dt>{t.checkout_paid_at}</dt><dd class="summary-value">{when}</dd></div>
                </dl>
                <div class="button-group no-print">
                    <PrintButton/>
                </div>
                {notice_paid.then(|| view! { <p class="no-print"><A href=routes::NOTICE_PAGE>{t.notice_back_to_notice}</A></p> })}
                <p class="no-print"><A href=routes::HOME>{t.back_to_start}</A></p>
            }
            .into_any()
        }
        PaymentStatus::Initial => {
            let tr = payment.transfer.clone();
            view! {
                <PageTitle text=move || i18n.t().checkout_transfer_title.to_string()/>
                <h1>{t.checkout_transfer_title}</h1>
                <p><strong class="tag">{t.checkout_status_open}</strong></p>
                <p>{t.checkout_transfer_text}</p>
                {table}
                {tr.map(|d| view! {
                    <PaymentQr name=d.name iban=d.iban bic=Some(d.bic) amount=d.amount remittance=d.remittance file_stem=format!("GiroCode-{}", payment.reference)/>
                })}
                <button type="button" class="button button-secondary" on:click=move |_| on_refresh.run(())>{t.checkout_refresh_status}</button>
            }
            .into_any()
        }
        status => {
            let (title, text) = match status {
                PaymentStatus::Canceled => (t.checkout_canceled_title, t.checkout_canceled_text),
                PaymentStatus::Expired => (t.checkout_expired_title, t.checkout_failed_text),
                _ => (t.checkout_failed_title, t.checkout_failed_text),
            };
            view! {
                <PageTitle text=move || title.to_string()/>
                <h1>{title}</h1>
                <p class="notice notice-error" role="alert">{text}</p>
                {table}
                <button type="button" class="button" on:click=move |_| navigate(routes::CHECKOUT, Default::default())>{t.checkout_try_again}</button>
            }
            .into_any()
        }
    }
}

pub fn method_label(m: PaymentMethodId, lang: crate::i18n::Lang) -> String {
    let t = crate::i18n::texts(lang);
    match m {
        PaymentMethodId::Creditcard => t.method_card,
        PaymentMethodId::Paypal => "PayPal",
        PaymentMethodId::SepaDirectDebit => t.method_sepa,
        PaymentMethodId::Wero => "Wero",
        PaymentMethodId::Transfer => t.method_transfer,
    }
    .to_string()
}
