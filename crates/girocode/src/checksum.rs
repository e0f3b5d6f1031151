//! ISO 7064 MOD 97-10 as used by IBAN and ISO 11649 (RF) references, and German IBANs built
//! from bank code and account number (the one place the portal computes IBAN check digits).
//!
//! Letters count as two digits (A=10 … Z=35). A 34-character IBAN expands to up
//! to 68 digits, more than a u128 holds, so the remainder is computed one digit
//! at a time.

/// Remainder mod 97 of the digit string that `s` expands to, or `None` if `s`
/// contains anything but ASCII digits and uppercase letters.
pub(crate) fn mod97(s: &str) -> Option<u32> {
    let mut rem = 0u32;
    for b in s.bytes() {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        let shifted = if value < 10 { rem * 10 } else { rem * 100 };
        rem = (shifted + value) % 97;
    }
    Some(rem)
}

/// A German IBAN in electronic format from a bank code (Bankleitzahl, 8 digits) and an account
/// number (1 to 10 digits, zero-padded on the left), with MOD 97-10 check digits; `None` if
/// either is malformed.
///
/// ```
/// assert_eq!(
///     girocode::german_iban("37040044", "532013000").as_deref(),
///     Some("DE89370400440532013000")
/// );
/// ```
pub fn german_iban(bank_code: &str, account: &str) -> Option<String> {
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(bank_code, 8..=8) || !digits(account, 1..=10) {
        return None;
    }
    let bban = format!("{bank_code}{account:0>10}");
    // The check digits make BBAN + "DE" + check digits ≡ 1 (mod 97).
    let check = 98 - mod97(&format!("{bban}DE00"))?;
    Some(format!("DE{check:02}{bban}"))
}

#[cfg(test)]
mod tests {
    use super::{german_iban, mod97};

    #[test]
    fn single_values() {
        assert_eq!(mod97("0"), Some(0));
        assert_eq!(mod97("97"), Some(0));
        assert_eq!(mod97("98"), Some(1));
        // A = 10, Z = 35 → "1035" = 1035 = 97 * 10 + 65
        assert_eq!(mod97("AZ"), Some(1035 % 97));
    }

    #[test]
    fn long_input_matches_big_arithmetic() {
        // 40 nines: (10^40 - 1) mod 97; 10^40 mod 97 computed by repeated squaring.
        let mut p = 1u64;
        for _ in 0..40 {
            p = p * 10 % 97;
        }
        assert_eq!(mod97(&"9".repeat(40)), Some(((p + 96) % 97) as u32));
    }

    #[test]
    fn rejects_other_chars() {
        assert_eq!(mod97("ab"), None);
        assert_eq!(mod97("1 2"), None);
    }

    #[test]
    fn german_iban_matches_known_ibans() {
        // The Bundesbank's example, with the account number as printed and zero-padded.
        assert_eq!(
            german_iban("37040044", "532013000").as_deref(),
            Some("DE89370400440532013000")
        );
        assert_eq!(
            german_iban("37040044", "0532013000").as_deref(),
            Some("DE89370400440532013000")
        );
        // The town's demo account, as shown in the README.
        assert_eq!(
            german_iban("12345678", "0001234567").as_deref(),
            Some("DE09123456780001234567")
        );
    }

    #[test]
    fn german_ibans_pass_the_iban_check() {
        for (blz, account) in [
            ("10000000", "1"),
            ("50010517", "5407324924"),
            ("76026000", "0000000000"),
            ("12345678", "0001234567"),
        ] {
            let iban = german_iban(blz, account).unwrap_or_default();
            assert_eq!(crate::check_iban(&iban).as_deref(), Ok(iban.as_str()));
            // Validity: the first four characters moved to the end give MOD 97 = 1.
            assert_eq!(mod97(&format!("{}{}", &iban[4..], &iban[..4])), Some(1));
        }
    }

    #[test]
    fn german_iban_refuses_malformed_parts() {
        for (blz, account) in [
            ("1234567", "1"),
            ("123456789", "1"),
            ("1234567A", "1"),
            ("12345678", ""),
            ("12345678", "12345678901"),
            ("12345678", "12 34"),
            ("12345678", "-1"),
        ] {
            assert_eq!(german_iban(blz, account), None, "{blz} {account}");
        }
    }
}
