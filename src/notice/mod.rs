//! Paying a notice (Bescheid): from the QR code on the letter (`/zahlen#kz=…&code=…`) or the
//! typed Kassenzeichen and access code to the instalments, charges and the checkout.

pub mod login;
pub mod page;
pub mod session;
pub mod text;
