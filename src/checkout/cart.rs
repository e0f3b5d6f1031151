//! The cart: what the citizen is about to pay, kept in sessionStorage for this tab. Amounts
//! here are for display only; the server prices every item itself.

use crate::storage;
use domain::i18n::Text;
use domain::money::Cents;
use domain::payment::PaymentItemRequest;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const CART_SLOT: &str = "cart";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartItem {
    pub item: PaymentItemRequest,
    pub label: Text,
    pub amount: Cents,
}

impl CartItem {
    /// A hearing case's fine: paid only in that case's hearing session.
    pub fn is_fine(&self) -> bool {
        matches!(self.item, PaymentItemRequest::Hearing { .. })
    }

    pub fn key(&self) -> String {
        match &self.item {
            PaymentItemRequest::Application { reference } => format!("application:{reference}"),
            PaymentItemRequest::Hearing { case_number } => format!("hearing:{case_number}"),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Cart {
    pub items: RwSignal<Vec<CartItem>>,
}

impl Cart {
    pub fn provide() -> Cart {
        let cart = Cart {
            items: RwSignal::new(storage::load::<Vec<CartItem>>(CART_SLOT).unwrap_or_default()),
        };
        // The one effect that mirrors the cart to sessionStorage.
        Effect::new(move |_| {
            cart.items.with(|items| {
                if items.is_empty() {
                    storage::remove(CART_SLOT);
                } else {
                    storage::save(CART_SLOT, items);
                }
            })
        });
        provide_context(cart);
        cart
    }

    /// Adds an item once: a fine or fee is always paid whole, never twice.
    pub fn add(&self, item: CartItem) {
        self.items.update(|items| {
            if !items.iter().any(|i| i.key() == item.key()) {
                items.push(item);
            }
        });
    }

    pub fn remove(&self, key: &str) {
        self.items.update(|items| items.retain(|i| i.key() != key));
    }

    pub fn clear(&self) {
        self.items.set(Vec::new());
    }

    /// Whether a fine is among the items (read untracked, when paying or after a refusal).
    pub fn has_fine(&self) -> bool {
        self.items
            .with_untracked(|items| items.iter().any(CartItem::is_fine))
    }

    pub fn total(&self) -> Cents {
        self.items
            .with(|items| Cents(items.iter().map(|i| i.amount.0).sum()))
    }
}

pub fn use_cart() -> Cart {
    use_context::<Cart>().unwrap_or_else(|| Cart {
        items: RwSignal::new(Vec::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(item: PaymentItemRequest) -> CartItem {
        CartItem {
            item,
            label: Text::new("x", "x"),
            amount: Cents(700),
        }
    }

    #[test]
    fn fines_are_told_from_fees_and_keyed_by_kind() {
        let fine = item(PaymentItemRequest::Hearing {
            case_number: "OWI-2026-000101".into(),
        });
        let fee = item(PaymentItemRequest::Application {
            reference: "K7MP3XTA".into(),
        });
        assert!(fine.is_fine() && !fee.is_fine());
        assert_eq!(fine.key(), "hearing:OWI-2026-000101");
        assert_eq!(fee.key(), "application:K7MP3XTA");
    }
}
