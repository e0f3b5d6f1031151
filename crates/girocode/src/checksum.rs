//! ISO 7064 MOD 97-10 as used by IBAN and ISO 11649 (RF) references.
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

#[cfg(test)]
mod tests {
    use super::mod97;

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
}
