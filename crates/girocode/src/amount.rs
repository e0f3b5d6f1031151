//! Amounts as integer cents: money never passes through floating point.

use crate::error::{ErrorKind, Field, GiroError};

/// Smallest amount EPC069-12 allows: EUR 0.01.
pub const MIN_AMOUNT_CENTS: u64 = 1;
/// Largest amount EPC069-12 allows: EUR 999999999.99.
pub const MAX_AMOUNT_CENTS: u64 = 99_999_999_999;

fn err(kind: ErrorKind) -> GiroError {
    GiroError::new(Field::Amount, kind)
}

fn check_range(cents: u64) -> Result<u64, GiroError> {
    if (MIN_AMOUNT_CENTS..=MAX_AMOUNT_CENTS).contains(&cents) {
        Ok(cents)
    } else {
        Err(err(ErrorKind::OutOfRange))
    }
}

/// Formats cents as payload element 8: `1250` → `"EUR12.50"`.
pub fn format_amount(cents: u64) -> Result<String, GiroError> {
    let cents = check_range(cents)?;
    Ok(format!("EUR{}.{:02}", cents / 100, cents % 100))
}

/// Parses `digits [sep 1–2 digits]` into cents; `seps` are the accepted
/// decimal separators. Range is not checked here.
fn parse_decimal(text: &str, seps: &[char]) -> Result<u64, GiroError> {
    let (int_part, frac_part) = match text.find(seps) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return Err(err(ErrorKind::Invalid));
    }
    let frac = frac_part.unwrap_or("");
    if frac.len() > 2 {
        return Err(err(ErrorKind::TooManyDecimals));
    }
    // Any integer part with more digits than u64 holds is out of range anyway.
    let euros: u64 = int_part.parse().map_err(|_| err(ErrorKind::OutOfRange))?;
    let frac_cents = match frac.len() {
        0 => 0,
        1 => u64::from(frac.as_bytes()[0] - b'0') * 10,
        _ => u64::from(frac.as_bytes()[0] - b'0') * 10 + u64::from(frac.as_bytes()[1] - b'0'),
    };
    euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac_cents))
        .ok_or(err(ErrorKind::OutOfRange))
}

/// Parses a euro amount typed by a person into cents: `"12,50"`, `"12.5"`,
/// `"1200"` (surrounding whitespace is ignored). Rejects more than two
/// decimals, negative numbers, thousands separators and anything else that is
/// not a plain decimal number, and amounts outside 0.01–999999999.99.
///
/// ```
/// assert_eq!(girocode::parse_amount("12,5"), Ok(1250));
/// ```
pub fn parse_amount(text: &str) -> Result<u64, GiroError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(err(ErrorKind::Missing));
    }
    if let Some(rest) = text.strip_prefix('-') {
        // A well-formed negative number is out of range, not garbage.
        return Err(match parse_decimal(rest.trim_start(), &['.', ',']) {
            Ok(_) => err(ErrorKind::OutOfRange),
            Err(e) => e,
        });
    }
    check_range(parse_decimal(text, &['.', ','])?)
}

/// Parses payload element 8 (`EUR` + amount with `.` as decimal point).
pub(crate) fn parse_epc_amount(element: &str) -> Result<u64, GiroError> {
    let number = element.strip_prefix("EUR").ok_or(err(ErrorKind::Invalid))?;
    check_range(parse_decimal(number, &['.'])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_boundaries() {
        assert_eq!(format_amount(1).unwrap(), "EUR0.01");
        assert_eq!(format_amount(1250).unwrap(), "EUR12.50");
        assert_eq!(format_amount(100).unwrap(), "EUR1.00");
        assert_eq!(format_amount(99_999_999_999).unwrap(), "EUR999999999.99");
        assert_eq!(format_amount(0), Err(err(ErrorKind::OutOfRange)));
        assert_eq!(
            format_amount(100_000_000_000),
            Err(err(ErrorKind::OutOfRange))
        );
        assert_eq!(format_amount(u64::MAX), Err(err(ErrorKind::OutOfRange)));
    }

    #[test]
    fn parse_human_input() {
        assert_eq!(parse_amount("12,50"), Ok(1250));
        assert_eq!(parse_amount("12.5"), Ok(1250));
        assert_eq!(parse_amount("1200"), Ok(120_000));
        assert_eq!(parse_amount(" 0,01 "), Ok(1));
        assert_eq!(parse_amount("0.10"), Ok(10));
        assert_eq!(parse_amount("007"), Ok(700));
        assert_eq!(parse_amount("999999999,99"), Ok(MAX_AMOUNT_CENTS));
    }

    #[test]
    fn parse_rejections() {
        assert_eq!(parse_amount(""), Err(err(ErrorKind::Missing)));
        assert_eq!(parse_amount("12.345"), Err(err(ErrorKind::TooManyDecimals)));
        assert_eq!(parse_amount("12,500"), Err(err(ErrorKind::TooManyDecimals)));
        assert_eq!(parse_amount("-5"), Err(err(ErrorKind::OutOfRange)));
        assert_eq!(parse_amount("-5,001"), Err(err(ErrorKind::TooManyDecimals)));
        assert_eq!(parse_amount("0"), Err(err(ErrorKind::OutOfRange)));
        assert_eq!(parse_amount("0,00"), Err(err(ErrorKind::OutOfRange)));
        assert_eq!(parse_amount("1000000000"), Err(err(ErrorKind::OutOfRange)));
        assert_eq!(
            parse_amount("99999999999999999999999"),
            Err(err(ErrorKind::OutOfRange))
        );
        for garbage in [
            "abc", "12a", "1.200,50", "12.", ".5", "+5", "1 200", "12€", "1e3", "--5", "NaN",
        ] {
            assert_eq!(
                parse_amount(garbage),
                Err(err(ErrorKind::Invalid)),
                "{garbage}"
            );
        }
    }

    #[test]
    fn parse_element() {
        assert_eq!(parse_epc_amount("EUR12.50"), Ok(1250));
        assert_eq!(parse_epc_amount("EUR12.5"), Ok(1250));
        assert_eq!(parse_epc_amount("EUR12"), Ok(1200));
        assert_eq!(parse_epc_amount("EUR12,50"), Err(err(ErrorKind::Invalid)));
        assert_eq!(parse_epc_amount("12.50"), Err(err(ErrorKind::Invalid)));
        assert_eq!(parse_epc_amount("eur12.50"), Err(err(ErrorKind::Invalid)));
        assert_eq!(parse_epc_amount("EUR0.00"), Err(err(ErrorKind::OutOfRange)));
    }
}
