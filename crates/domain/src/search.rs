//! Filter-as-you-type that ignores case and diacritics: "hunde", "Hunde", "zahler" and
//! "Zaehler" all find what they should.

/// Lowercases and folds German and common Latin diacritics to ASCII base letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' => out.push('o'),
            'ü' | 'ù' | 'ú' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'ß' => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

/// Also accepts the spelled-out umlauts "ae", "oe", "ue" of a query typed without umlauts.
fn query_variants(query: &str) -> [String; 2] {
    let folded = fold(query.trim());
    let spelled = folded
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u");
    [folded, spelled]
}

/// True when every word of the query occurs in one of the haystacks.
pub fn matches(query: &str, haystacks: &[&str]) -> bool {
    let hay: Vec<String> = haystacks.iter().map(|h| fold(h)).collect();
    query.split_whitespace().all(|word| {
        query_variants(word)
            .iter()
            .any(|v| hay.iter().any(|h| h.contains(v.as_str())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_do_not_matter() {
        let hay = ["Hundeanmeldung", "Zählerstandsmeldung Gartenwasserzähler"];
        assert!(matches("Hunde", &hay));
        assert!(matches("hunde", &hay));
        assert!(matches("zahler", &hay));
        assert!(matches("Zaehler", &hay));
        assert!(matches("ZÄHLER", &hay));
        assert!(!matches("Katze", &hay));
    }

    #[test]
    fn every_word_must_match() {
        let hay = ["Kita-Anmeldung", "Betreuungsplatz für Ihr Kind"];
        assert!(matches("kita kind", &hay));
        assert!(!matches("kita hund", &hay));
        assert!(matches("   ", &hay), "an empty query shows everything");
    }

    #[test]
    fn sharp_s_folds_to_ss() {
        assert!(matches("strasse", &["Straße"]));
        assert!(matches("Straße", &["Strasse"]));
    }
}
