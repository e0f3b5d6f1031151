//! A reference the citizen may read out on the phone (an application's, a hearing answer's, a
//! payment's, a resume code): shown as one word, read by screen readers character by character.

use crate::i18n::{fill, use_i18n, Texts};
use leptos::prelude::*;

/// "K 7 M P 3 X T A": the characters one by one, as a screen reader should say them.
pub fn spelled(code: &str) -> String {
    code.chars()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn ReferenceCode(
    #[prop(into)] code: String,
    /// What screen readers hear, with `{code}` for the spelled code; without it, the code alone.
    #[prop(optional)]
    label: Option<fn(&Texts) -> &'static str>,
    #[prop(default = "reference")] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let spoken = spelled(&code);
    let heard = move || match label {
        Some(label) => fill(label(i18n.t()), &[("code", &spoken)]),
        None => spoken.clone(),
    };
    view! {
        <p class=class><span aria-hidden="true">{code}</span><span class="visually-hidden">{heard}</span></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_spelled_one_character_at_a_time() {
        assert_eq!(spelled("K7MP3XTA"), "K 7 M P 3 X T A");
        assert_eq!(spelled(""), "");
    }
}
