//! The builder and the checked payload.

use core::fmt;

use crate::error::GiroError;
use crate::fields::{Charset, Fields, Version};
use crate::qr::QrMatrix;
use crate::validate::{assemble, check_size, validate_fields, Raw};

/// A checked EPC069-12 payload; it can only be made by [`GiroCodeBuilder::build`]
/// or [`parse`](crate::parse), so it always satisfies every rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GiroCode {
    fields: Fields,
    payload: String,
}

impl GiroCode {
    /// Starts a builder (version 002, UTF-8, remittance transliterated).
    pub fn builder() -> GiroCodeBuilder {
        GiroCodeBuilder::new()
    }

    pub(crate) fn from_parts(fields: Fields, payload: String) -> Self {
        Self { fields, payload }
    }

    /// The payload text: elements joined by LF, no trailing newline.
    pub fn payload(&self) -> &str {
        &self.payload
    }

    /// The payload encoded in its character set: the bytes the QR code holds.
    pub fn payload_bytes(&self) -> Vec<u8> {
        self.fields.charset.encode(&self.payload)
    }

    /// The checked fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The character set actually used (Latin-1 falls back to UTF-8 when the
    /// text does not fit it and [`GiroCodeBuilder::strict_charset`] is off).
    pub fn charset(&self) -> Charset {
        self.fields.charset
    }

    /// The QR module matrix (error correction M, smallest version, ≤ 13).
    pub fn qr(&self) -> Result<QrMatrix, GiroError> {
        QrMatrix::encode(&self.payload_bytes())
    }

    /// The QR code as a compact SVG string; `alt` is the text alternative.
    pub fn to_svg(&self, alt: &str) -> Result<String, GiroError> {
        Ok(self.qr()?.to_svg(alt))
    }

    /// The QR code as PNG file bytes; `scale` is pixels per module (1–32).
    #[cfg(feature = "png")]
    pub fn to_png(&self, scale: u32) -> Result<Vec<u8>, GiroError> {
        Ok(self.qr()?.to_png(scale))
    }
}

impl fmt::Display for GiroCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.payload)
    }
}

/// Collects the transfer data; [`build`](Self::build) checks every rule.
///
/// ```
/// let code = girocode::GiroCode::builder()
///     .name("Stadtkasse Musterstadt")
///     .iban("DE89 3704 0044 0532 0130 00")
///     .amount_cents(5500)
///     .remittance("Kassenzeichen 5.123.456 Gebühr")
///     .build()
///     .unwrap();
/// assert_eq!(
///     code.payload(),
///     "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR55.00\n\n\nKassenzeichen 5.123.456 Gebuehr"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiroCodeBuilder {
    version: Version,
    charset: Charset,
    strict_charset: bool,
    bic: Option<String>,
    name: Option<String>,
    iban: Option<String>,
    amount_cents: Option<u64>,
    purpose: Option<String>,
    reference: Option<String>,
    remittance: Option<String>,
    info: Option<String>,
    transliterate_name: bool,
    transliterate_remittance: bool,
}

impl Default for GiroCodeBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl GiroCodeBuilder {
    /// Version 002, UTF-8, remittance transliterated, name kept as given.
    pub fn new() -> Self {
        Self {
            version: Version::V002,
            charset: Charset::Utf8,
            strict_charset: false,
            bic: None,
            name: None,
            iban: None,
            amount_cents: None,
            purpose: None,
            reference: None,
            remittance: None,
            info: None,
            transliterate_name: false,
            // The portal's default: many banking apps mangle umlauts.
            transliterate_remittance: true,
        }
    }

    /// Payload version (default 002; 001 requires a BIC).
    pub fn version(mut self, version: Version) -> Self {
        self.version = version;
        self
    }

    /// Character set (default UTF-8). With Latin-1 the 331-byte limit counts
    /// Latin-1 bytes; text Latin-1 cannot encode falls back to UTF-8 unless
    /// [`strict_charset`](Self::strict_charset) is set.
    pub fn charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// Reject text the chosen character set cannot encode
    /// ([`ErrorKind::NotEncodable`](crate::ErrorKind::NotEncodable)) instead of
    /// falling back to UTF-8. Default off.
    pub fn strict_charset(mut self, strict: bool) -> Self {
        self.strict_charset = strict;
        self
    }

    /// BIC, 8 or 11 characters (spaces and lowercase accepted). Empty means none.
    pub fn bic(mut self, bic: impl Into<String>) -> Self {
        self.bic = Some(bic.into());
        self
    }

    /// Beneficiary name, 1–70 characters (after trimming and transliteration).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Beneficiary IBAN (spaces and lowercase accepted).
    pub fn iban(mut self, iban: impl Into<String>) -> Self {
        self.iban = Some(iban.into());
        self
    }

    /// Amount in euro cents, 1 ..= 99 999 999 999. Without it the payer types the amount.
    pub fn amount_cents(mut self, cents: u64) -> Self {
        self.amount_cents = Some(cents);
        self
    }

    /// ISO 20022 purpose code, four letters. Empty means none.
    pub fn purpose(mut self, code: impl Into<String>) -> Self {
        self.purpose = Some(code.into());
        self
    }

    /// ISO 11649 creditor reference (`RF…`, spaces accepted). Excludes
    /// [`remittance`](Self::remittance). Empty means none.
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Unstructured remittance text, ≤ 140 characters (after transliteration).
    /// Excludes [`reference`](Self::reference). Empty means none.
    pub fn remittance(mut self, text: impl Into<String>) -> Self {
        self.remittance = Some(text.into());
        self
    }

    /// Beneficiary-to-originator information, ≤ 70 characters. Empty means none.
    pub fn info(mut self, text: impl Into<String>) -> Self {
        self.info = Some(text.into());
        self
    }

    /// Transliterate the remittance text to ASCII (`ä`→`ae`, …). Default on.
    pub fn transliterate_remittance(mut self, on: bool) -> Self {
        self.transliterate_remittance = on;
        self
    }

    /// Transliterate the beneficiary name to ASCII. Default off.
    pub fn transliterate_name(mut self, on: bool) -> Self {
        self.transliterate_name = on;
        self
    }

    /// Checks every rule and assembles the payload. The first violation in
    /// element order is reported.
    pub fn build(&self) -> Result<GiroCode, GiroError> {
        let raw = Raw {
            version: self.version,
            charset: self.charset,
            strict_charset: self.strict_charset,
            bic: self.bic.as_deref(),
            name: self.name.as_deref(),
            iban: self.iban.as_deref(),
            amount_cents: self.amount_cents,
            purpose: self.purpose.as_deref(),
            reference: self.reference.as_deref(),
            remittance: self.remittance.as_deref(),
            info: self.info.as_deref(),
            transliterate_name: self.transliterate_name,
            transliterate_remittance: self.transliterate_remittance,
        };
        let fields = validate_fields(&raw)?;
        let payload = assemble(&fields);
        check_size(fields.charset, &payload)?;
        Ok(GiroCode::from_parts(fields, payload))
    }
}
