//! `/kasse`: the cart, the method choice and one "pay" button.

use super::cart::{errors_by_item, use_cart, CartItem};
use super::{Attempt, Pending, ATTEMPT_SLOT, PENDING_SLOT};
use crate::api::{self, ApiError};
use crate::components::codes::TextWithCodes;
use crate::components::loaded::{Failure, Loaded};
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n};
use crate::routes;
use crate::storage;
use domain::money::Cents;
use domain::payment::{PaymentMethodId, PaymentRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeMap;

/// The key of this exact request: reused while the body is the same (double click, reload,
/// retry after a lost answer), new as soon as the cart or the method changes.
pub fn key_for(body: &str) -> String {
    match storage::load::<Attempt>(ATTEMPT_SLOT) {
        Some(a) if a.body == body => a.key,
        _ => {
            let key = storage::new_key();
            storage::save(
                ATTEMPT_SLOT,
                &Attempt {
                    key: key.clone(),
                    body: body.to_string(),
                },
            );
            key
        }
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let methods =
        crate::fetched::Fetched::new(move || api::payments::methods(i18n.lang.get_untracked()));
    let method = RwSignal::new(storage::load::<Attempt>(ATTEMPT_SLOT).and_then(|a| {
        serde_json::from_str::<PaymentRequest>(&a.body)
            .ok()
            .map(|b| b.method)
    }));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // A refusal's messages by the item they are about (cart key).
    let item_errors = RwSignal::new(BTreeMap::<String, Vec<String>>::new());
    // The case this tab's hearing session is for, read when the page is made (signing in or
    // out, or a restore from the back/forward cache, makes it anew). A fine of another case —
    // a second letter opened in this tab — waits for its own sign-in; the rest is paid now.
    let signed_in = crate::hearing::session::signed_in_case();
    // Likewise the notice this tab's notice session is for.
    let signed_in_notice = crate::notice::session::signed_in_notice();
    let payable = {
        let signed_in = signed_in.clone();
        let signed_in_notice = signed_in_notice.clone();
        Memo::new(move |_| {
            cart.items.with(|items| {
                super::cart::payable_now(items, signed_in.as_deref(), signed_in_notice.as_deref())
            })
        })
    };

    let pay = move |_| {
        if busy.get_untracked() {
            return;
        }
        let t = i18n.t();
        let Some(m) = method.get_untracked() else {
            error.set(Some(t.checkout_choose_method.to_string()));
            request_animation_frame(|| crate::dom::focus_id("checkout-error"));
            return;
        };
        let items = payable.get_untracked();
        if items.is_empty() {
            return;
        }
        let sent: Vec<(String, String)> = items
            .iter()
            .map(|i| (i.key(), i.label.get(i18n.lang.get_untracked()).to_string()))
            .collect();
        let body = PaymentRequest {
            items: items.iter().map(|i| i.item.clone()).collect(),
            method: m,
            return_url: routes::CHECKOUT_RETURN.to_string(),
        };
        let Ok(body_json) = serde_json::to_string(&body) else {
            return;
        };
        let key = key_for(&body_json);
        // A fine is paid in its own case's hearing session (the server checks it).
        let hearing_token = items
            .iter()
            .any(CartItem::is_fine)
            .then(crate::hearing::session::load)
            .flatten()
            .or_else(|| {
                // A notice likewise in its own session (never together with a fine).
                items
                    .iter()
                    .any(|i| i.kassenzeichen().is_some())
                    .then(crate::notice::session::load)
                    .flatten()
            })
            .map(|s| s.token);
        busy.set(true);
        error.set(None);
        item_errors.set(BTreeMap::new());
        let navigate = navigate.clone();
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            match api::payments::create(lang, &body, &key, hearing_token.as_deref()).await {
                Ok(p) => {
                    storage::save(
                        PENDING_SLOT,
                        &Pending {
                            id: p.id.clone(),
                            method: p.method,
                        },
                    );
                    match p.redirect_url.as_deref() {
                        // Only our own provider path: never follow an address from elsewhere.
                        Some(url) if url.starts_with(routes::PROVIDER_PREFIX) => {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().assign(url);
                            }
                        }
                        _ => navigate(routes::CHECKOUT_RETURN, Default::default()),
                    }
                }
                Err(e) => {
                    busy.set(false);
                    let t = i18n.t();
                    let msg = match e {
                        ApiError::Validation(p) if !p.errors.is_empty() => {
                            let keys: Vec<String> = sent.iter().map(|(k, _)| k.clone()).collect();
                            let (by_item, other) = errors_by_item(&p.errors, &keys);
                            // Which item each message is about, as the rows below say too.
                            let mut lines: Vec<String> = sent
                                .iter()
                                .filter_map(|(k, label)| {
                                    by_item.get(k).map(|m| format!("{label}: {}", m.join(" ")))
                                })
                                .collect();
                            lines.extend(other);
                            item_errors.set(by_item);
                            lines.join(" ")
                        }
                        ApiError::Validation(p) | ApiError::Status(_, p) if p.detail.is_some() => {
                            p.detail.unwrap_or_default()
                        }
                        other => other.message(t),
                    };
                    error.set(Some(msg));
                    request_animation_frame(|| crate::dom::focus_id("checkout-error"));
                }
            }
        });
    };

    view! {
        <PageTitle text=move || i18n.t().checkout_title.to_string()/>
        <h1>{move || i18n.t().checkout_title}</h1>
        {move || error.get().map(|m| view! {
            <div class="notice notice-error" id="checkout-error" tabindex="-1" role="alert">
                <p><TextWithCodes text=m/></p>
            </div>
        })}
        {move || {
            let t = i18n.t();
            let lang = i18n.lang();
            if cart.items.with(Vec::is_empty) {
                return view! {
                    <p>{t.checkout_empty}</p>
                    <p><A href=routes::HOME>{t.back_to_start}</A></p>
                }
                .into_any();
            }
            let some_wait = payable.with(Vec::len) < cart.items.with(Vec::len);
            let total = Cents(payable.with(|items| items.iter().map(|i| i.amount.0).sum()));
            view! {
                <h2>{t.checkout_items}</h2>
                <table class="fee-table checkout-items">
                    <caption class="visually-hidden">{t.checkout_items}</caption>
                    <thead><tr><th scope="col">{t.fee_item}</th><th scope="col" class="num">{t.fee_amount}</th></tr></thead>
                    <tbody>
                        {cart.items.get().into_iter().map(|item| {
                            let key = item.key();
                            let label = item.label.get(lang).to_string();
                            let waits = !payable.with(|p| p.iter().any(|i| i.key() == key));
                            let errors = item_errors.with(|e| e.get(&key).cloned().unwrap_or_default());
                            // The way to this fine's own session: when it waits for one, or the
                            // server refused it (its session may have ended there).
                            let sign_in = item
                                .case_number()
                                .filter(|_| waits || !errors.is_empty())
                                .map(str::to_string);
                            let remove = move |_| {
                                cart.remove(&key);
                                error.set(None);
                            };
                            view! {
                                <tr>
                                    <td>
                                        <TextWithCodes text=label.clone()/>
                                        {item.case_number().filter(|_| waits).map(|case| view! {
                                            <p class="item-note"><TextWithCodes text=fill(t.checkout_fine_needs_sign_in, &[("case", &case)])/></p>
                                        })}
                                        {item.kassenzeichen().filter(|_| waits || !errors.is_empty()).map(|kz| {
                                            let kz = kz.to_string();
                                            view! {
                                                {waits.then(|| view! { <p class="item-note">{fill(t.checkout_notice_needs_sign_in, &[("kz", &kz)])}</p> })}
                                                <p class="item-actions">
                                                    <a href=routes::NOTICE on:click={
                                                        let kz = kz.clone();
                                                        move |_| storage::save(crate::notice::session::SIGN_IN_KZ_SLOT, &kz)
                                                    }>{fill(t.checkout_sign_in_for_notice, &[("kz", &kz)])}</a>
                                                </p>
                                            }
                                        })}
                                        {errors.into_iter().map(|m| view! { <p class="error-message item-note">{m}</p> }).collect_view()}
                                        <p class="item-actions">
                                            {sign_in.map(|case| view! {
                                                <a href=routes::HEARING on:click={
                                                    let case = case.clone();
                                                    move |_| {
                                                        storage::save(crate::hearing::RETURN_SLOT, &routes::CHECKOUT);
                                                        storage::save(crate::hearing::session::SIGN_IN_CASE_SLOT, &case);
                                                    }
                                                }>
                                                    <TextWithCodes text=fill(t.checkout_sign_in_for_case, &[("case", &case)])/>
                                                </a>
                                            })}
                                            <button type="button" class="link-button" on:click=remove>
                                                {t.checkout_remove}<span class="visually-hidden">{format!(": {label}")}</span>
                                            </button>
                                        </p>
                                    </td>
                                    <td class="num">{item.amount.format(lang)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">{if some_wait { t.checkout_total_now } else { t.fee_total }}</th>
                        <td class="num"><strong>{total.format(lang)}</strong></td>
                    </tr></tfoot>
                </table>
            }
            .into_any()
        }}
        {move || (!payable.with(Vec::is_empty)).then(|| {
            let pay = pay.clone();
            view! {
            <MethodChoice methods=methods method=method/>
            // Shown with the methods, not before them: a button waiting below the loading line
            // would jump down when the list arrives (a layout shift), and cannot pay yet anyway.
            {move || methods.with(|m| matches!(m, Some(Ok(_)))).unwrap_or(false).then(|| {
                let pay = pay.clone();
                view! {
                    <button type="button" class="button" on:click=pay disabled=move || busy.get() aria-disabled=move || busy.get().then_some("true")>
                        {move || if busy.get() { i18n.t().checkout_paying } else { i18n.t().checkout_pay }}
                    </button>
                }
            })}
            }
        })}
    }
}

#[component]
fn MethodChoice(
    methods: crate::fetched::Fetched<Result<Vec<domain::payment::PaymentMethod>, ApiError>>,
    method: RwSignal<Option<PaymentMethodId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Loaded fetched=methods failure=Failure::Inline let:list>
            {move || {
                let t = i18n.t();
                let lang = i18n.lang();
                view! {
                    <fieldset class="field">
                        <legend><h2 class="legend-heading">{t.checkout_method}</h2></legend>
                        <div class="radios">
                            {list.iter().enumerate().map(|(i, m)| {
                                let id = if i == 0 { "pay-method".to_string() } else { format!("pay-method-{i}") };
                                let hint_id = format!("{id}-hint");
                                let value = m.id;
                                view! {
                                    <div class="radio">
                                        <input type="radio" id=id.clone() name="pay-method" aria-describedby=hint_id.clone()
                                            prop:checked=move || method.get() == Some(value)
                                            on:change=move |_| method.set(Some(value))/>
                                        <label for=id>{m.label.get(lang).to_string()}</label>
                                        <p class="hint radio-hint" id=hint_id>{m.description.get(lang).to_string()}</p>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            }}
        </Loaded>
    }
}
