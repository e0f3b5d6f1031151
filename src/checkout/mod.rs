//! Checkout: cart, method choice, the round trip to the payment provider and back, transfer
//! with GiroCode, receipt. A payment is never lost or made twice: the idempotency key belongs
//! to one exact request and lives in sessionStorage until that attempt is over.

pub mod cart;
pub mod page;
pub mod pay_button;
pub mod result;

use domain::payment::{Payment, PaymentMethodId};
use serde::{Deserialize, Serialize};

/// The attempt in progress: its key and the body it was made for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub key: String,
    pub body: String,
}

/// The payment we are waiting for after the redirect (never taken from the URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub id: String,
    pub method: PaymentMethodId,
}

pub const ATTEMPT_SLOT: &str = "payment-attempt";
pub const PENDING_SLOT: &str = "payment-pending";
pub const RECEIPT_SLOT: &str = "payment-receipt";

/// Receipts are kept so a reload (or back to this page) shows them again.
pub fn store_receipt(p: &Payment) {
    crate::storage::save(RECEIPT_SLOT, p);
}
