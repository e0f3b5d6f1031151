//! The payment methods the portal knows, with their texts. Which of them a town offers, and in
//! which order, is its profile's `payment_methods` (a method left out is refused when a payment
//! is created). giropay and paydirekt no longer exist (shut down end of 2024) and must not be
//! added back.

use domain::i18n::Text;
use domain::payment::{PaymentMethod, PaymentMethodId};

/// Every known method, in the default order.
pub fn all() -> Vec<PaymentMethod> {
    let m = |id, label: (&str, &str), description: (&str, &str)| PaymentMethod {
        id,
        label: Text::new(label.0, label.1),
        description: Text::new(description.0, description.1),
    };
    vec![
        m(
            PaymentMethodId::Creditcard,
            ("Kreditkarte", "Credit card"),
            (
                "Visa oder Mastercard. Sie geben die Kartendaten auf der Seite des Zahlungsdienstleisters ein.",
                "Visa or Mastercard. You enter the card details on the payment provider's page.",
            ),
        ),
        m(
            PaymentMethodId::Paypal,
            ("PayPal", "PayPal"),
            (
                "Sie melden sich bei PayPal an und geben die Zahlung dort frei.",
                "You sign in to PayPal and approve the payment there.",
            ),
        ),
        m(
            PaymentMethodId::SepaDirectDebit,
            ("SEPA-Lastschrift", "SEPA direct debit"),
            (
                "Die Stadt zieht den Betrag von Ihrem Konto ein. Sie brauchen Ihre IBAN.",
                "The town collects the amount from your bank account. You need your IBAN.",
            ),
        ),
        m(
            PaymentMethodId::Wero,
            ("Wero", "Wero"),
            (
                "Sie geben die Zahlung in der Wero-App oder Ihrer Banking-App frei.",
                "You approve the payment in the Wero app or your banking app.",
            ),
        ),
        m(
            PaymentMethodId::Transfer,
            ("Überweisung mit GiroCode", "Bank transfer with GiroCode"),
            (
                "Sie überweisen selbst, auch per GiroCode mit Ihrer Banking-App. Die Zahlung wird verbucht, sobald das Geld eingegangen ist (meist 1–3 Bankarbeitstage).",
                "You transfer the amount yourself, also by GiroCode with your banking app. The payment is booked once the money arrives (usually 1–3 banking days).",
            ),
        ),
    ]
}

/// The methods a town offers, in its order.
pub fn offered(ids: &[PaymentMethodId]) -> Vec<PaymentMethod> {
    let all = all();
    ids.iter()
        .filter_map(|id| all.iter().find(|m| m.id == *id).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use domain::payment::PaymentMethodId;

    #[test]
    fn all_five_methods_once() {
        let ids: Vec<_> = super::all().iter().map(|m| m.id).collect();
        assert_eq!(ids, PaymentMethodId::ALL.to_vec());
    }

    #[test]
    fn a_town_offers_its_own_selection_in_its_order() {
        let ids: Vec<_> = super::offered(&[PaymentMethodId::Transfer, PaymentMethodId::Paypal])
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, [PaymentMethodId::Transfer, PaymentMethodId::Paypal]);
    }
}
