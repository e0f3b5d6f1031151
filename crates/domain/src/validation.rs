//! Field-level validation results shared by the app (inline errors) and the backend (422).
//!
//! The problems of every flow and their wording live here, below the flows that report them:
//! `hearing` and `form` use this module, never the other way round.

mod appointment_problem;
mod form_problem;
mod hearing_problem;

pub use appointment_problem::{duration_text, AppointmentProblem};
pub use form_problem::FormProblem;
pub use hearing_problem::HearingProblem;

use crate::i18n::Lang;
use std::collections::BTreeMap;

/// One specific problem with one field. Each variant names what is wrong, never just "invalid".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required {
        what_de: &'static str,
        what_en: &'static str,
    },
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    ControlCharacters,
    EmailFormat,
    /// A reference (Aktenzeichen) is 8 characters without I, O, Q, Z, 0 and 1.
    ReferenceFormat,
    /// A form field's problem (wizard definitions).
    Form(FormProblem),
    /// An online-hearing field's problem.
    Hearing(HearingProblem),
    /// An appointment booking's problem.
    Appointment(AppointmentProblem),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Required { what_de, .. }, Lang::De) => {
                format!("Bitte geben Sie {what_de} ein.")
            }
            (Problem::Required { what_en, .. }, Lang::En) => format!("Enter {what_en}."),
            (Problem::TooLong { max }, Lang::De) => {
                format!("Bitte kürzen Sie den Text auf höchstens {max} Zeichen.")
            }
            (Problem::TooLong { max }, Lang::En) => {
                format!("Shorten the text to {max} characters or fewer.")
            }
            (Problem::TooShort { min }, Lang::De) => {
                format!("Bitte geben Sie mindestens {min} Zeichen ein.")
            }
            (Problem::TooShort { min }, Lang::En) => format!("Enter at least {min} characters."),
            (Problem::ControlCharacters, Lang::De) => {
                "Der Text enthält unzulässige Steuerzeichen.".into()
            }
            (Problem::ControlCharacters, Lang::En) => {
                "The text contains control characters that are not allowed.".into()
            }
            (Problem::EmailFormat, Lang::De) => {
                "Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.".into()
            }
            (Problem::EmailFormat, Lang::En) => {
                "Enter an email address in the format name@example.com.".into()
            }
            (Problem::ReferenceFormat, Lang::De) => {
                "Das Aktenzeichen hat 8 Zeichen, zum Beispiel K7MP-3XTA.".into()
            }
            (Problem::ReferenceFormat, Lang::En) => {
                "The reference has 8 characters, for example K7MP-3XTA.".into()
            }
            (Problem::Form(p), lang) => p.message(lang),
            (Problem::Hearing(p), lang) => p.message(lang),
            (Problem::Appointment(p), lang) => p.message(lang),
        }
    }
}

/// Problems keyed by field id, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, Vec<Problem>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.entry(field.to_owned()).or_default().push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn first(&self, field: &str) -> Option<&Problem> {
        self.0.get(field).and_then(|v| v.first())
    }

    /// The wire form: field → messages in one language.
    pub fn messages(&self, lang: Lang) -> BTreeMap<String, Vec<String>> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), v.iter().map(|p| p.message(lang)).collect()))
            .collect()
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Characters that would corrupt stored text; tabs and line breaks are allowed in long text.
pub fn has_forbidden_control(text: &str, allow_newlines: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

/// A deliberately loose check: something@something.tld, no spaces. The mail itself is the real test.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_check() {
        assert!(looks_like_email("a@b.de"));
        assert!(!looks_like_email("a@b"));
        assert!(!looks_like_email("a b@c.de"));
        assert!(!looks_like_email("@c.de"));
        assert!(!looks_like_email("a@@c.de"));
    }

    #[test]
    fn messages_are_specific_and_bilingual() {
        let mut e = FieldErrors::default();
        e.add("message", Problem::TooLong { max: 2000 });
        assert_eq!(
            e.messages(Lang::De)["message"][0],
            "Bitte kürzen Sie den Text auf höchstens 2000 Zeichen."
        );
        assert_eq!(
            e.messages(Lang::En)["message"][0],
            "Shorten the text to 2000 characters or fewer."
        );
    }

    #[test]
    fn control_characters() {
        assert!(has_forbidden_control("a\u{0}b", true));
        assert!(!has_forbidden_control("a\nb", true));
        assert!(has_forbidden_control("a\nb", false));
    }
}
