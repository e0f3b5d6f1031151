//! Text with its codes kept whole. Case numbers, references, dates and amounts are read and
//! compared character by character: a line break inside one ("OWI-|2026-000102") makes it
//! look like two. Words around them still wrap (and hyphenate, see style/main.css).

use leptos::prelude::*;

/// The text in runs; a run is `true` when it is a code — a word with a digit in it. Words are
/// split at plain spaces only: a no-break space (as in "7,00 €") already keeps its parts
/// together. The spaces stay in the text runs, so the line can break between words.
pub fn split_codes(text: &str) -> Vec<(&str, bool)> {
    let mut runs: Vec<(&str, bool)> = Vec::new();
    let mut plain_from = 0;
    for (i, word) in words(text) {
        if word.chars().any(|c| c.is_ascii_digit()) {
            if plain_from < i {
                runs.push((&text[plain_from..i], false));
            }
            runs.push((word, true));
            plain_from = i + word.len();
        }
    }
    if plain_from < text.len() {
        runs.push((&text[plain_from..], false));
    }
    runs
}

/// The words of `text` with their byte offsets (split at ASCII spaces).
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0usize, |offset, word| {
            let at = *offset;
            *offset += word.len() + 1;
            Some((at, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Renders `text` with each code in a `<span class="nowrap">`.
#[component]
pub fn TextWithCodes(#[prop(into)] text: String) -> impl IntoView {
    split_codes(&text)
        .into_iter()
        .map(|(run, code)| {
            if code {
                view! { <span class="nowrap">{run.to_string()}</span> }.into_any()
            } else {
                run.to_string().into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_references_and_amounts_are_codes_words_are_not() {
        assert_eq!(
            split_codes("Bußgeld OWI-2026-000102"),
            vec![("Bußgeld ", false), ("OWI-2026-000102", true)]
        );
        assert_eq!(
            split_codes("Melderegisterauskunft – Antrag K7MP3XTA bis 14.12.2026."),
            vec![
                ("Melderegisterauskunft – Antrag ", false),
                ("K7MP3XTA", true),
                (" bis ", false),
                ("14.12.2026.", true),
            ]
        );
        assert_eq!(
            split_codes("115,00\u{a0}€ offen"),
            vec![("115,00\u{a0}€", true), (" offen", false)]
        );
        assert_eq!(split_codes("Ohne Ziffern"), vec![("Ohne Ziffern", false)]);
        assert_eq!(split_codes(""), vec![]);
    }

    #[test]
    fn the_runs_give_back_the_text_unchanged() {
        for text in [
            "  two  spaces  A1 ",
            "K7MP3XTA",
            "Ä Ö Ü 1 2 ß",
            "Fall OWI-2026-000101",
        ] {
            let joined: String = split_codes(text).into_iter().map(|(r, _)| r).collect();
            assert_eq!(joined, text);
        }
    }
}
