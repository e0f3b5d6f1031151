//! ISO 11649 structured creditor references (`RFkk` + up to 21 alphanumerics).

use crate::checksum::mod97;
use crate::error::{ErrorKind, Field, GiroError};
use crate::text::has_line_break_or_control;

/// Longest reference body (the part after `RFkk`) ISO 11649 allows.
pub const RF_MAX_BODY: usize = 21;
/// Longest complete reference: `RF` + 2 check digits + 21 characters. Stricter
/// than the 35 characters EPC069-12 reserves for element 10, because a longer
/// string cannot be a valid ISO 11649 reference anyway.
pub const RF_MAX_LEN: usize = 4 + RF_MAX_BODY;

fn err(kind: ErrorKind) -> GiroError {
    GiroError::new(Field::Reference, kind)
}

/// Builds an RF reference from a Kassenzeichen (or any alphanumeric case number).
///
/// Spaces and ASCII separators (`.`, `-`, `/`, …) are dropped, letters are
/// uppercased; the remaining body must be 1–21 ASCII letters or digits.
///
/// ```
/// assert_eq!(girocode::rf_from_kassenzeichen("5390 0754-7034").unwrap(), "RF18539007547034");
/// ```
pub fn rf_from_kassenzeichen(kassenzeichen: &str) -> Result<String, GiroError> {
    if has_line_break_or_control(kassenzeichen) {
        return Err(err(ErrorKind::ControlCharacter));
    }
    let mut body = String::with_capacity(kassenzeichen.len());
    for c in kassenzeichen.chars() {
        if c.is_ascii_alphanumeric() {
            body.push(c.to_ascii_uppercase());
        } else if !(c.is_ascii_punctuation() || c.is_whitespace()) {
            return Err(err(ErrorKind::Invalid));
        }
    }
    if body.is_empty() {
        return Err(err(ErrorKind::Missing));
    }
    if body.chars().count() > RF_MAX_BODY {
        return Err(err(ErrorKind::TooLong { max: RF_MAX_BODY }));
    }
    let rem = mod97(&format!("{body}RF00")).ok_or(err(ErrorKind::Invalid))?;
    Ok(format!("RF{:02}{body}", 98 - rem))
}

/// Checks an RF reference and returns it in electronic format (no spaces,
/// uppercase). Accepts input with spaces and lowercase letters.
///
/// ```
/// assert_eq!(girocode::check_rf("rf18 5390 0754 7034").unwrap(), "RF18539007547034");
/// assert!(girocode::check_rf("RF19539007547034").is_err());
/// ```
pub fn check_rf(reference: &str) -> Result<String, GiroError> {
    if has_line_break_or_control(reference) {
        return Err(err(ErrorKind::ControlCharacter));
    }
    let rf: String = reference
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if rf.is_empty() {
        return Err(err(ErrorKind::Missing));
    }
    if rf.chars().count() > RF_MAX_LEN {
        return Err(err(ErrorKind::TooLong { max: RF_MAX_LEN }));
    }
    let bytes = rf.as_bytes();
    let well_formed = bytes.len() >= 5
        && bytes.starts_with(b"RF")
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
    if !well_formed {
        return Err(err(ErrorKind::Invalid));
    }
    // 02..=98 are the only check digits the algorithm produces; 00, 01 and 99
    // would alias valid values (x and x + 97 leave the same remainder).
    let check = &rf[2..4];
    let rearranged = format!("{}{}", &rf[4..], &rf[..4]);
    if matches!(check, "00" | "01" | "99") || mod97(&rearranged) != Some(1) {
        return Err(err(ErrorKind::Checksum));
    }
    Ok(rf)
}

/// `true` if [`check_rf`] accepts the reference.
pub fn is_valid_rf(reference: &str) -> bool {
    check_rf(reference).is_ok()
}

/// Groups an electronic-format reference in blocks of four for display
/// ("RF18 5390 0754 7034").
pub fn rf_print_format(reference: &str) -> String {
    let mut out = String::with_capacity(reference.len() + reference.len() / 4);
    for (i, c) in reference.chars().filter(|c| *c != ' ').enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(check_rf("RF18539007547034"), Ok("RF18539007547034".into()));
        assert_eq!(check_rf("RF19539007547034"), Err(err(ErrorKind::Checksum)));
        assert_eq!(
            check_rf("RF18 5390 0754 7034"),
            Ok("RF18539007547034".into())
        );
        assert_eq!(check_rf("RF712348231"), Ok("RF712348231".into()));
        assert!(is_valid_rf("rf18539007547034"));
        assert!(!is_valid_rf("RF19539007547034"));
    }

    #[test]
    fn check_digit_aliases_rejected() {
        // "RF02" + body valid ⇒ "RF99" + body has the same remainder but is not ISO 11649.
        let rf = rf_from_kassenzeichen("ZZZZ").unwrap();
        let kk: u32 = rf[2..4].parse().unwrap();
        if kk == 2 {
            assert_eq!(
                check_rf(&format!("RF99{}", &rf[4..])),
                Err(err(ErrorKind::Checksum))
            );
        }
        assert_eq!(check_rf("RF00A"), Err(err(ErrorKind::Checksum)));
        assert_eq!(check_rf("RF01A"), Err(err(ErrorKind::Checksum)));
        assert_eq!(check_rf("RF99A"), Err(err(ErrorKind::Checksum)));
    }

    #[test]
    fn malformed() {
        assert_eq!(check_rf(""), Err(err(ErrorKind::Missing)));
        assert_eq!(check_rf("   "), Err(err(ErrorKind::Missing)));
        assert_eq!(check_rf("RF18"), Err(err(ErrorKind::Invalid)));
        assert_eq!(check_rf("XX18539007547034"), Err(err(ErrorKind::Invalid)));
        assert_eq!(check_rf("RFAB539007547034"), Err(err(ErrorKind::Invalid)));
        assert_eq!(check_rf("RF18-539007547034"), Err(err(ErrorKind::Invalid)));
        assert_eq!(check_rf("RF18ä39007547034"), Err(err(ErrorKind::Invalid)));
        assert_eq!(
            check_rf("RF18\n539007547034"),
            Err(err(ErrorKind::ControlCharacter))
        );
    }

    #[test]
    fn length_boundary() {
        let max = rf_from_kassenzeichen(&"7".repeat(RF_MAX_BODY)).unwrap();
        assert_eq!(max.len(), RF_MAX_LEN);
        assert_eq!(check_rf(&max), Ok(max.clone()));
        let over = format!("{max}1");
        assert_eq!(
            check_rf(&over),
            Err(err(ErrorKind::TooLong { max: RF_MAX_LEN }))
        );
    }

    #[test]
    fn from_kassenzeichen() {
        assert_eq!(
            rf_from_kassenzeichen("539007547034").unwrap(),
            "RF18539007547034"
        );
        assert_eq!(
            rf_from_kassenzeichen("5.390.075-4703/4").unwrap(),
            "RF18539007547034"
        );
        assert_eq!(rf_from_kassenzeichen("2348231").unwrap(), "RF712348231");
        let lower = rf_from_kassenzeichen("ab-12").unwrap();
        assert_eq!(&lower[4..], "AB12");
        assert!(is_valid_rf(&lower));
        assert_eq!(rf_from_kassenzeichen(" - "), Err(err(ErrorKind::Missing)));
        assert_eq!(rf_from_kassenzeichen("Größe"), Err(err(ErrorKind::Invalid)));
        assert_eq!(
            rf_from_kassenzeichen("12\t34"),
            Err(err(ErrorKind::ControlCharacter))
        );
        assert!(rf_from_kassenzeichen(&"1".repeat(21)).is_ok());
        assert_eq!(
            rf_from_kassenzeichen(&"1".repeat(22)),
            Err(err(ErrorKind::TooLong { max: RF_MAX_BODY }))
        );
    }

    #[test]
    fn print_format() {
        assert_eq!(rf_print_format("RF18539007547034"), "RF18 5390 0754 7034");
        assert_eq!(rf_print_format("RF712348231"), "RF71 2348 231");
    }
}
