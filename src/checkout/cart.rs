//! The cart: what the citizen is about to pay, kept in sessionStorage for this tab. Amounts
//! here are for display only; the server prices every item itself.

use crate::storage;
use domain::application::normalise_code;
use domain::i18n::Text;
use domain::money::Cents;
use domain::payment::{PaymentItem, PaymentItemKind, PaymentItemRequest};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

    /// The case number of a fine, as shown.
    pub fn case_number(&self) -> Option<&str> {
        match &self.item {
            PaymentItemRequest::Hearing { case_number } => Some(case_number),
            _ => None,
        }
    }

    /// The Kassenzeichen of a notice's instalments, as shown.
    pub fn kassenzeichen(&self) -> Option<&str> {
        match &self.item {
            PaymentItemRequest::Notice { kassenzeichen, .. } => Some(kassenzeichen),
            _ => None,
        }
    }

    /// Whether a payment made now can hold this item: a fee always, a fine only in its own
    /// case's hearing session (`signed_in`: that case's number, normalised).
    pub fn payable_with(&self, signed_in: Option<&str>) -> bool {
        self.case_number()
            .is_none_or(|case| signed_in == Some(normalise_code(case).as_str()))
    }

    pub fn key(&self) -> String {
        match &self.item {
            PaymentItemRequest::Application { reference } => format!("application:{reference}"),
            PaymentItemRequest::Hearing { case_number } => format!("hearing:{case_number}"),
            PaymentItemRequest::Notice { kassenzeichen, .. } => {
                format!("notice:{}", normalise_code(kassenzeichen))
            }
        }
    }

    /// Whether a payment's item is this one (the server answers in canonical form).
    fn is(&self, paid: &PaymentItem) -> bool {
        let (kind, reference) = match &self.item {
            PaymentItemRequest::Application { reference } => {
                (PaymentItemKind::Application, reference)
            }
            PaymentItemRequest::Hearing { case_number } => (PaymentItemKind::Hearing, case_number),
            PaymentItemRequest::Notice { kassenzeichen, .. } => {
                (PaymentItemKind::Notice, kassenzeichen)
            }
        };
        kind == paid.kind && normalise_code(reference) == normalise_code(&paid.reference)
    }
}

/// What one payment made now can hold: every fee; the fines of the hearing case signed in to
/// (`case`); the notice signed in to (`notice`) — unless a fine is payable, since a payment
/// carries one session: the notice then waits for a payment of its own.
pub fn payable_now(items: &[CartItem], case: Option<&str>, notice: Option<&str>) -> Vec<CartItem> {
    let fine_now = items.iter().any(|i| i.is_fine() && i.payable_with(case));
    items
        .iter()
        .filter(|i| match i.kassenzeichen() {
            Some(kz) => !fine_now && notice == Some(normalise_code(kz).as_str()),
            None => i.payable_with(case),
        })
        .cloned()
        .collect()
}

/// A 422's `items.N` messages by the key of the item sent N-th; the other fields' messages
/// (`method`, `items`, …) apart, for the message above the table.
pub fn errors_by_item(
    errors: &BTreeMap<String, Vec<String>>,
    sent_keys: &[String],
) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let mut by_item = BTreeMap::<String, Vec<String>>::new();
    let mut other = Vec::new();
    for (field, messages) in errors {
        let item = field
            .strip_prefix("items.")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| sent_keys.get(n));
        match item {
            Some(key) => by_item
                .entry(key.clone())
                .or_default()
                .extend(messages.iter().cloned()),
            None => other.extend(messages.iter().cloned()),
        }
    }
    (by_item, other)
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

    /// Puts a notice's choice into the cart, replacing an earlier choice for the same notice.
    pub fn set(&self, item: CartItem) {
        self.remove(&item.key());
        self.add(item);
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

    /// After a successful payment: what it paid goes, the rest (a fine of another case that
    /// needs its own sign-in) stays for a payment of its own.
    pub fn remove_paid(&self, paid: &[PaymentItem]) {
        self.items
            .update(|items| items.retain(|i| !paid.iter().any(|p| i.is(p))));
    }

    /// Reads the cart again from sessionStorage: another page of this tab may have changed it
    /// while this one sat in the back/forward cache.
    pub fn reload(&self) {
        let stored = storage::load::<Vec<CartItem>>(CART_SLOT).unwrap_or_default();
        if self.items.with_untracked(|items| *items != stored) {
            self.items.set(stored);
        }
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

    #[test]
    fn a_fine_is_payable_only_in_its_own_cases_session_a_fee_always() {
        let fine = item(PaymentItemRequest::Hearing {
            case_number: "OWI-2026-000101".into(),
        });
        let fee = item(PaymentItemRequest::Application {
            reference: "K7MP3XTA".into(),
        });
        assert!(fine.payable_with(Some("OWI2026000101")));
        assert!(
            !fine.payable_with(Some("OWI2026000102")),
            "another letter's case"
        );
        assert!(!fine.payable_with(None), "signed out");
        assert!(fee.payable_with(None) && fee.payable_with(Some("OWI2026000102")));
        assert_eq!(fine.case_number(), Some("OWI-2026-000101"));
        assert_eq!(fee.case_number(), None);
    }

    #[test]
    fn a_paid_item_is_matched_in_canonical_form_and_only_of_its_kind() {
        let fine = item(PaymentItemRequest::Hearing {
            case_number: "owi-2026-000101".into(),
        });
        let paid = |kind, reference: &str| PaymentItem {
            kind,
            reference: reference.into(),
            label: Text::new("x", "x"),
            amount: Cents(700),
            part: None,
        };
        assert!(fine.is(&paid(PaymentItemKind::Hearing, "OWI-2026-000101")));
        assert!(!fine.is(&paid(PaymentItemKind::Application, "OWI-2026-000101")));
        assert!(!fine.is(&paid(PaymentItemKind::Hearing, "OWI-2026-000102")));
    }

    #[test]
    fn one_session_per_payment_fines_first_then_the_notice() {
        let fine = item(PaymentItemRequest::Hearing {
            case_number: "OWI-2026-000101".into(),
        });
        let fee = item(PaymentItemRequest::Application {
            reference: "K7MP3XTA".into(),
        });
        let notice = item(PaymentItemRequest::Notice {
            kassenzeichen: "6.0100.000201.3".into(),
            items: vec!["1".into()],
        });
        assert_eq!(notice.key(), "notice:60100000201 3".replace(' ', ""));
        let all = [fine.clone(), fee.clone(), notice.clone()];
        let keys = |v: Vec<CartItem>| v.iter().map(CartItem::key).collect::<Vec<_>>();
        assert_eq!(
            keys(payable_now(
                &all,
                None,
                Some("60100000201 3".replace(' ', "").as_str())
            )),
            [fee.key(), notice.key()]
        );
        assert_eq!(
            keys(payable_now(
                &all,
                Some("OWI2026000101"),
                Some("601000002013")
            )),
            [fine.key(), fee.key()],
            "the notice waits for a payment of its own"
        );
        assert_eq!(
            keys(payable_now(&all, None, Some("601000002024"))),
            [fee.key()],
            "another notice's session"
        );
        let paid = PaymentItem {
            kind: PaymentItemKind::Notice,
            reference: "6.0100.000201.3".into(),
            label: Text::new("x", "x"),
            amount: Cents(700),
            part: Some("1".into()),
        };
        assert!(notice.is(&paid));
    }

    #[test]
    fn item_errors_go_to_the_item_sent_at_that_index() {
        let errors = BTreeMap::from([
            ("items.1".to_string(), vec!["sign in".to_string()]),
            ("items.7".to_string(), vec!["no such index".to_string()]),
            ("method".to_string(), vec!["not offered".to_string()]),
        ]);
        let sent = [
            "application:K7MP3XTA".to_string(),
            "hearing:OWI-2026-000101".to_string(),
        ];
        let (by_item, other) = errors_by_item(&errors, &sent);
        assert_eq!(
            by_item,
            BTreeMap::from([(
                "hearing:OWI-2026-000101".to_string(),
                vec!["sign in".to_string()]
            )])
        );
        assert_eq!(
            other,
            vec!["no such index".to_string(), "not offered".to_string()]
        );
    }
}
