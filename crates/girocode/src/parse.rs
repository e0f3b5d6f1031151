//! Reading a payload back into fields, with the same rules as the builder.
//!
//! The parser is strict: it accepts what EPC069-12 allows (LF or CRLF line
//! ends, amounts with 0–2 decimals) and rejects what a conforming generator
//! never writes (trailing empty elements or newline, untrimmed text, IBAN with
//! spaces, …), so it can double as a checker for payloads from elsewhere.

use crate::amount::parse_epc_amount;
use crate::error::{ErrorKind, Field, GiroError};
use crate::fields::{Charset, Fields, Version};
use crate::validate::{check_size, validate_fields, Raw};

const MAX_ELEMENTS: usize = 12;

fn header<T>(
    element: Option<&&str>,
    field: Field,
    read: impl Fn(&str) -> Option<T>,
) -> Result<T, GiroError> {
    match element {
        None | Some(&"") => Err(GiroError::new(field, ErrorKind::Missing)),
        Some(e) => read(e).ok_or(GiroError::new(field, ErrorKind::Invalid)),
    }
}

/// Parses a payload (text already decoded) into its checked fields.
///
/// ```
/// let f = girocode::parse("BCD\n002\n1\nSCT\n\nStadtkasse\nDE89370400440532013000\nEUR1.50").unwrap();
/// assert_eq!(f.amount_cents, Some(150));
/// ```
pub fn parse(payload: &str) -> Result<Fields, GiroError> {
    let crlf = payload.contains("\r\n");
    let elements: Vec<&str> = if crlf {
        payload.split("\r\n").collect()
    } else {
        payload.split('\n').collect()
    };
    if crlf && elements.iter().any(|e| e.contains(['\r', '\n'])) {
        // EPC069-12: LF or CRLF, never mixed.
        return Err(GiroError::new(Field::Payload, ErrorKind::Invalid));
    }

    header(elements.first(), Field::ServiceTag, |e| {
        (e == "BCD").then_some(())
    })?;
    let version = header(elements.get(1), Field::Version, |e| match e {
        "001" => Some(Version::V001),
        "002" => Some(Version::V002),
        _ => None,
    })?;
    // Character sets 3–8 exist in the standard but are not supported.
    let charset = header(elements.get(2), Field::Charset, |e| match e {
        "1" => Some(Charset::Utf8),
        "2" => Some(Charset::Latin1),
        _ => None,
    })?;
    header(elements.get(3), Field::Identification, |e| {
        (e == "SCT").then_some(())
    })?;

    let trailing_empty = elements.last().is_some_and(|e| e.is_empty());
    if elements.len() > MAX_ELEMENTS || trailing_empty {
        return Err(GiroError::new(Field::Payload, ErrorKind::Invalid));
    }

    // Absent and empty elements both mean "not given".
    let get = |i: usize| elements.get(i).copied().filter(|e| !e.is_empty());
    let amount_cents = get(7).map(parse_epc_amount).transpose()?;
    let raw = Raw {
        version,
        charset,
        strict_charset: true,
        bic: get(4),
        name: get(5),
        iban: get(6),
        amount_cents,
        purpose: get(8),
        reference: get(9),
        remittance: get(10),
        info: get(11),
        transliterate_name: false,
        transliterate_remittance: false,
    };
    let fields = validate_fields(&raw)?;

    // The rules normalize (trim, uppercase, strip spaces); a payload must
    // already be in normal form.
    let normal = [
        (Field::Bic, raw.bic, fields.bic.as_deref()),
        (Field::Name, raw.name, Some(fields.name.as_str())),
        (Field::Iban, raw.iban, Some(fields.iban.as_str())),
        (Field::Purpose, raw.purpose, fields.purpose.as_deref()),
        (Field::Reference, raw.reference, fields.reference.as_deref()),
        (
            Field::Remittance,
            raw.remittance,
            fields.remittance.as_deref(),
        ),
        (Field::Info, raw.info, fields.info.as_deref()),
    ];
    if let Some((field, ..)) = normal.iter().find(|(_, given, checked)| given != checked) {
        return Err(GiroError::new(*field, ErrorKind::Invalid));
    }
    check_size(charset, payload)?;
    Ok(fields)
}

/// Parses payload bytes as read from a QR code, decoding them with the
/// character set that element 3 names (UTF-8 or ISO 8859-1).
pub fn parse_bytes(payload: &[u8]) -> Result<Fields, GiroError> {
    // Element 3 is ASCII in every character set, so it can be found on the raw bytes.
    let charset_element = payload
        .split(|b| *b == b'\n')
        .nth(2)
        .map(|e| e.strip_suffix(b"\r").unwrap_or(e));
    let text = if charset_element == Some(b"2") {
        payload.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8(payload.to_vec())
            .map_err(|_| GiroError::new(Field::Payload, ErrorKind::NotEncodable))?
    };
    parse(&text)
}
