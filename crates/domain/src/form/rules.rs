//! Format rules for German inputs, without a regex engine (kept out of the wasm bundle).

/// Exactly five digits (German postal codes; 01067 Dresden starts with a zero).
pub fn is_german_postal_code(s: &str) -> bool {
    let s = s.trim();
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Upper-cases and normalises separators: `un ab 123` → `UN-AB 123`.
pub fn normalise_vehicle_registration(s: &str) -> String {
    let upper = s.trim().to_uppercase();
    let parts: Vec<&str> = upper
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [district, letters, number] => format!("{district}-{letters} {number}"),
        _ => upper,
    }
}

/// German registration: district 1–3 letters (umlauts allowed), 1–2 letters, 1–4 digits with
/// an optional `E` (electric) or `H` (historic) suffix; at most 8 characters without
/// separators. Examples: `UN-AB 123`, `B-XY 1234E`, `M-A 1`.
pub fn is_vehicle_registration(s: &str) -> bool {
    let norm = normalise_vehicle_registration(s);
    let Some((district, rest)) = norm.split_once('-') else {
        return false;
    };
    let Some((letters, number)) = rest.split_once(' ') else {
        return false;
    };
    let is_letter = |c: char| c.is_ascii_uppercase() || "ÄÖÜ".contains(c);
    let district_ok =
        (1..=3).contains(&district.chars().count()) && district.chars().all(is_letter);
    let letters_ok = (1..=2).contains(&letters.chars().count())
        && letters.chars().all(|c| c.is_ascii_uppercase());
    let digits = number.strip_suffix(['E', 'H']).unwrap_or(number);
    let number_ok = (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    let total = district.chars().count() + letters.len() + number.len();
    district_ok && letters_ok && number_ok && total <= 8
}

/// Digits, spaces and the usual separators; 6 to 20 digits; an optional leading `+`.
pub fn is_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || " /-()".contains(c))
        && (6..=20).contains(&digits)
}

pub fn is_iban(s: &str) -> bool {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    compact.parse::<iban::Iban>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert!(is_german_postal_code("01067"));
        assert!(!is_german_postal_code("1067"));
        assert!(!is_german_postal_code("123456"));
        assert!(!is_german_postal_code("1234a"));
    }

    #[test]
    fn registrations() {
        for ok in [
            "UN-AB 123",
            "B-XY 1234E",
            "M-A 1",
            "un ab 123",
            "HH-AB 12H",
            "LÖ-AB 12",
        ] {
            assert!(is_vehicle_registration(ok), "{ok}");
        }
        for bad in [
            "UNAB123",
            "UN-ABC 123",
            "ABCD-A 1",
            "UN-AB 12345",
            "UN-AB 0123",
            "UN-1 123",
            "B-XY 1234EE",
            "HHH-AB 1234",
        ] {
            assert!(!is_vehicle_registration(bad), "{bad}");
        }
        assert_eq!(normalise_vehicle_registration(" un ab  123 "), "UN-AB 123");
    }

    #[test]
    fn phones_and_ibans() {
        assert!(is_phone("+49 30 1234567"));
        assert!(is_phone("030/123 456-7"));
        assert!(!is_phone("12345"));
        assert!(!is_phone("call me"));
        assert!(is_iban("DE89 3704 0044 0532 0130 00"));
        assert!(is_iban("de89370400440532013000"));
        assert!(!is_iban("DE89370400440532013001"));
    }
}
