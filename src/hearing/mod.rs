//! The online hearing: from the QR code on the letter to a sent response or a paid fine.

pub mod answer;
pub mod case_page;
pub mod case_text;
pub mod flow;
pub mod form;
pub mod login;
pub mod session;
pub mod timer;

/// sessionStorage slot of the idempotency key of the current send attempt.
pub const RESPONSE_KEY_SLOT: &str = "hearing-response-key";
/// sessionStorage slot of the receipt (a reload of the receipt page shows it again).
pub const RECEIPT_SLOT: &str = "hearing-receipt";
/// Where to return after logging in again when the session ran out mid-way.
pub const RETURN_SLOT: &str = "hearing-return";
