//! EPC069-12 "GiroCode" payment QR payloads: building and checking the
//! payload, ISO 11649 RF references, transliteration, QR encoding (level M,
//! version ≤ 13) and rendering to SVG (always) and PNG (feature `png`).
//!
//! ```
//! use girocode::{GiroCode, Field, ErrorKind};
//!
//! let code = GiroCode::builder()
//!     .name("Stadtkasse Musterstadt")
//!     .iban("DE89 3704 0044 0532 0130 00")
//!     .amount_cents(1250)
//!     .remittance("Kassenzeichen 1234")
//!     .build()?;
//! let svg = code.to_svg("GiroCode: 12,50 EUR an Stadtkasse Musterstadt")?;
//! assert!(svg.starts_with("<svg"));
//!
//! let err = GiroCode::builder().name("X").iban("DE89370400440532013001").build().unwrap_err();
//! assert_eq!((err.field, err.kind), (Field::Iban, ErrorKind::Checksum));
//! # Ok::<(), girocode::GiroError>(())
//! ```

mod amount;
mod checksum;
mod error;
mod fields;
/// The town's two QR codes per letter (GiroCode and portal link) from a CSV: `girocode-letters`.
#[cfg(feature = "cli")]
pub mod letters;
mod parse;
mod payload;
mod qr;
#[cfg(feature = "png")]
mod render_png;
mod render_svg;
mod rf;
mod text;
mod transliterate;
mod validate;

pub use amount::{format_amount, parse_amount, MAX_AMOUNT_CENTS, MIN_AMOUNT_CENTS};
pub use checksum::german_iban;
pub use error::{ErrorKind, Field, GiroError};
pub use fields::{Charset, Fields, Version};
pub use parse::{parse, parse_bytes};
pub use payload::{GiroCode, GiroCodeBuilder};
pub use qr::{QrMatrix, MAX_QR_VERSION, QUIET_ZONE};
#[cfg(feature = "png")]
pub use render_png::MAX_PNG_SCALE;
pub use render_svg::xml_escape;
pub use rf::{
    check_rf, is_valid_rf, rf_from_kassenzeichen, rf_print_format, RF_MAX_BODY, RF_MAX_LEN,
};
pub use transliterate::transliterate;
pub use validate::{
    check_bic, check_iban, MAX_INFO_CHARS, MAX_NAME_CHARS, MAX_PAYLOAD_BYTES, MAX_REMITTANCE_CHARS,
};
