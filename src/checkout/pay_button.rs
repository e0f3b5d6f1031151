//! "Pay online": puts a fee or fine into the cart and opens the checkout.

use super::cart::{use_cart, CartItem};
use crate::i18n::use_i18n;
use domain::i18n::Text;
use domain::money::Cents;
use domain::payment::PaymentItemRequest;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn PayOnlineButton(item: PaymentItemRequest, label: Text, amount: Cents) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart();
    let navigate = use_navigate();
    let add = move |_| {
        cart.add(CartItem {
            item: item.clone(),
            label: label.clone(),
            amount,
        });
        navigate(crate::routes::CHECKOUT, Default::default());
    };
    view! { <button type="button" class="button" on:click=add>{move || i18n.t().pay_online}</button> }
}
