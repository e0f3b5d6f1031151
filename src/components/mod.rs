//! Accessible building blocks, one file each.

pub mod codes;
pub mod error_summary;
pub mod field;
pub mod letter_login;
pub mod loaded;
pub mod offered;
pub mod page_title;
pub mod payment_qr;
pub mod print_button;
pub mod qr_code;
pub mod reference_code;
