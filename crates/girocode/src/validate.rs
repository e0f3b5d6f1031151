//! Field rules of EPC069-12, shared by the builder and the parser.

use crate::error::{ErrorKind, Field, GiroError};
use crate::fields::{Charset, Fields, Version};
use crate::text::{char_len, has_line_break_or_control, is_latin1};
use crate::transliterate::transliterate;

/// Largest payload in bytes of the chosen character set (= QR version 13-M capacity).
pub const MAX_PAYLOAD_BYTES: usize = 331;
/// Longest beneficiary name in characters.
pub const MAX_NAME_CHARS: usize = 70;
/// Longest unstructured remittance in characters.
pub const MAX_REMITTANCE_CHARS: usize = 140;
/// Longest beneficiary-to-originator information in characters.
pub const MAX_INFO_CHARS: usize = 70;

fn no_control(field: Field, s: &str) -> Result<(), GiroError> {
    if has_line_break_or_control(s) {
        Err(GiroError::new(field, ErrorKind::ControlCharacter))
    } else {
        Ok(())
    }
}

/// Removes the spaces people type into account numbers and uppercases.
fn compact_upper(s: &str) -> String {
    s.chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks an IBAN (ISO 13616 format per country and check digits, via
/// `iban_validate`) and returns it in electronic format. Spaces and lowercase
/// letters in the input are accepted.
///
/// ```
/// assert_eq!(girocode::check_iban("de89 3704 0044 0532 0130 00").unwrap(), "DE89370400440532013000");
/// ```
pub fn check_iban(iban: &str) -> Result<String, GiroError> {
    use iban::{Iban, IbanLike, ParseBaseIbanError, ParseIbanError};
    let err = |kind| GiroError::new(Field::Iban, kind);
    no_control(Field::Iban, iban)?;
    let compact = compact_upper(iban);
    if compact.is_empty() {
        return Err(err(ErrorKind::Missing));
    }
    match compact.parse::<Iban>() {
        Ok(parsed) => Ok(parsed.electronic_str().to_owned()),
        Err(ParseIbanError::InvalidBaseIban {
            source: ParseBaseIbanError::InvalidChecksum,
        }) => Err(err(ErrorKind::Checksum)),
        Err(_) => Err(err(ErrorKind::Invalid)),
    }
}

/// Checks a BIC (`AAAA BB CC [DDD]`: bank code letters, ISO country letters,
/// location and optional branch alphanumerics) and returns it without spaces,
/// uppercase.
///
/// ```
/// assert_eq!(girocode::check_bic("cobadeff xxx").unwrap(), "COBADEFFXXX");
/// ```
pub fn check_bic(bic: &str) -> Result<String, GiroError> {
    let err = |kind| GiroError::new(Field::Bic, kind);
    no_control(Field::Bic, bic)?;
    let compact = compact_upper(bic);
    let b = compact.as_bytes();
    if b.is_empty() {
        return Err(err(ErrorKind::Missing));
    }
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(compact)
    } else {
        Err(err(ErrorKind::Invalid))
    }
}

/// Trims, optionally transliterates and length-checks a free-text field.
fn text(field: Field, s: &str, max: usize, translit: bool) -> Result<Option<String>, GiroError> {
    no_control(field, s)?;
    let s = if translit {
        transliterate(s.trim())
    } else {
        s.trim().to_owned()
    };
    if s.is_empty() {
        return Ok(None);
    }
    if char_len(&s) > max {
        return Err(GiroError::new(field, ErrorKind::TooLong { max }));
    }
    Ok(Some(s))
}

fn purpose(s: &str) -> Result<Option<String>, GiroError> {
    no_control(Field::Purpose, s)?;
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(Some(s.to_ascii_uppercase()))
    } else {
        Err(GiroError::new(Field::Purpose, ErrorKind::Invalid))
    }
}

/// Unchecked input as handed to the builder or read from a payload.
#[derive(Debug, Clone, Default)]
pub(crate) struct Raw<'a> {
    pub version: Version,
    pub charset: Charset,
    /// Reject instead of falling back to UTF-8 when Latin-1 cannot encode the text.
    pub strict_charset: bool,
    pub bic: Option<&'a str>,
    pub name: Option<&'a str>,
    pub iban: Option<&'a str>,
    pub amount_cents: Option<u64>,
    pub purpose: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub remittance: Option<&'a str>,
    pub info: Option<&'a str>,
    pub transliterate_name: bool,
    pub transliterate_remittance: bool,
}

/// Applies all field rules in element order; returns the normalized fields.
pub(crate) fn validate_fields(raw: &Raw<'_>) -> Result<Fields, GiroError> {
    let bic = match raw.bic.map(check_bic) {
        Some(Err(GiroError {
            kind: ErrorKind::Missing,
            ..
        }))
        | None => None,
        Some(r) => Some(r?),
    };
    if raw.version == Version::V001 && bic.is_none() {
        return Err(GiroError::new(Field::Bic, ErrorKind::Missing));
    }
    let name = text(
        Field::Name,
        raw.name.unwrap_or(""),
        MAX_NAME_CHARS,
        raw.transliterate_name,
    )?
    .ok_or(GiroError::new(Field::Name, ErrorKind::Missing))?;
    let iban = check_iban(raw.iban.unwrap_or(""))?;
    if let Some(cents) = raw.amount_cents {
        crate::amount::format_amount(cents)?;
    }
    let purpose = raw.purpose.map(purpose).transpose()?.flatten();
    let reference = match raw.reference.map(crate::rf::check_rf) {
        Some(Err(GiroError {
            kind: ErrorKind::Missing,
            ..
        }))
        | None => None,
        Some(r) => Some(r?),
    };
    let remittance = raw
        .remittance
        .map(|s| {
            text(
                Field::Remittance,
                s,
                MAX_REMITTANCE_CHARS,
                raw.transliterate_remittance,
            )
        })
        .transpose()?
        .flatten();
    if reference.is_some() && remittance.is_some() {
        return Err(GiroError::new(
            Field::Remittance,
            ErrorKind::BothReferenceAndRemittance,
        ));
    }
    let info = raw
        .info
        .map(|s| text(Field::Info, s, MAX_INFO_CHARS, false))
        .transpose()?
        .flatten();

    let mut fields = Fields {
        version: raw.version,
        charset: raw.charset,
        bic,
        name,
        iban,
        amount_cents: raw.amount_cents,
        purpose,
        reference,
        remittance,
        info,
    };
    if fields.charset == Charset::Latin1 {
        // Only the free-text fields can hold non-ASCII characters.
        let not_latin1 = [
            (Field::Name, Some(&fields.name)),
            (Field::Remittance, fields.remittance.as_ref()),
            (Field::Info, fields.info.as_ref()),
        ]
        .into_iter()
        .find(|(_, v)| v.is_some_and(|v| !is_latin1(v)));
        if let Some((field, _)) = not_latin1 {
            if raw.strict_charset {
                return Err(GiroError::new(field, ErrorKind::NotEncodable));
            }
            fields.charset = Charset::Utf8;
        }
    }
    Ok(fields)
}

/// The whole payload must fit in 331 bytes of its character set.
pub(crate) fn check_size(charset: Charset, payload: &str) -> Result<(), GiroError> {
    if charset.byte_len(payload) > MAX_PAYLOAD_BYTES {
        Err(GiroError::new(
            Field::Payload,
            ErrorKind::TooLong {
                max: MAX_PAYLOAD_BYTES,
            },
        ))
    } else {
        Ok(())
    }
}

/// Joins the elements with LF, leaving off trailing empty elements.
pub(crate) fn assemble(f: &Fields) -> String {
    let amount = f
        .amount_cents
        .and_then(|c| crate::amount::format_amount(c).ok());
    let elements: [&str; 12] = [
        "BCD",
        f.version.as_str(),
        f.charset.as_str(),
        "SCT",
        f.bic.as_deref().unwrap_or(""),
        &f.name,
        &f.iban,
        amount.as_deref().unwrap_or(""),
        f.purpose.as_deref().unwrap_or(""),
        f.reference.as_deref().unwrap_or(""),
        f.remittance.as_deref().unwrap_or(""),
        f.info.as_deref().unwrap_or(""),
    ];
    let used = elements
        .iter()
        .rposition(|e| !e.is_empty())
        .map_or(0, |i| i + 1);
    elements[..used].join("\n")
}
