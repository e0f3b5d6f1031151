//! German-style transliteration of Latin letters with diacritics to ASCII.
//!
//! Many banking apps mangle umlauts in remittance text, so the portal offers
//! `ä`→`ae`, `ß`→`ss` etc. A table over U+00C0..=U+017F (Latin-1 Supplement
//! and Latin Extended-A) covers European names without a Unicode crate.

/// Replacement for U+00C0 + index; "" keeps the character (× and ÷ are not letters).
const TABLE: [&str; 192] = [
    "A", "A", "A", "A", "Ae", "A", "Ae", "C", "E", "E", "E", "E", "I", "I", "I",
    "I", // U+00C0
    "D", "N", "O", "O", "O", "O", "Oe", "", "O", "U", "U", "U", "Ue", "Y", "Th",
    "ss", // U+00D0
    "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
    "i", // U+00E0
    "d", "n", "o", "o", "o", "o", "oe", "", "o", "u", "u", "u", "ue", "y", "th",
    "y", // U+00F0
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", // U+0100
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", // U+0110
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i", // U+0120
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l",
    "L", // U+0130
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o", // U+0140
    "O", "o", "Oe", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S",
    "s", // U+0150
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", // U+0160
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s", // U+0170
];

fn replacement(c: char) -> Option<&'static str> {
    match c {
        '\u{C0}'..='\u{17F}' => {
            let r = TABLE[(u32::from(c) - 0xC0) as usize];
            (!r.is_empty()).then_some(r)
        }
        // Romanian comma-below letters and the capital sharp s are common
        // enough in names to be worth a few extra entries.
        'Ș' => Some("S"),
        'ș' => Some("s"),
        'Ț' => Some("T"),
        'ț' => Some("t"),
        'ẞ' => Some("SS"),
        _ => None,
    }
}

/// Replaces Latin letters with diacritics by ASCII: `ä`→`ae`, `Ö`→`Oe`,
/// `ß`→`ss`, `é`→`e`, `ł`→`l`, `ø`→`o`, `æ`→`ae`, `å`→`a`, …
/// Every other character is kept as it is.
///
/// ```
/// assert_eq!(girocode::transliterate("Größe Ærø Łódź"), "Groesse Aero Lodz");
/// ```
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replacement(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::transliterate;

    #[test]
    fn german() {
        assert_eq!(transliterate("äöüÄÖÜß"), "aeoeueAeOeUess");
        assert_eq!(
            transliterate("Straßenreinigungsgebühr Müller"),
            "Strassenreinigungsgebuehr Mueller"
        );
    }

    #[test]
    fn other_latin() {
        assert_eq!(transliterate("éèêëÉ"), "eeeeE");
        assert_eq!(transliterate("łŁøØæÆåÅœŒ"), "lLoOaeAeaAoeOe");
        assert_eq!(transliterate("çñšžčřőűğış"), "cnszcrougis");
        assert_eq!(transliterate("ȘțẞÿŸ"), "StSSyY");
    }

    #[test]
    fn keeps_everything_else() {
        let s = "Kassenzeichen 12-34/5 × ÷ € ¼ Ωλ 中 \u{301}";
        assert_eq!(transliterate(s), s);
        assert_eq!(transliterate(""), "");
    }

    #[test]
    fn table_is_ascii() {
        for cp in 0xC0u32..=0x17F {
            let c = char::from_u32(cp).unwrap();
            let t = transliterate(&c.to_string());
            assert!(t.is_ascii() || t == c.to_string(), "{c} -> {t}");
        }
    }
}
