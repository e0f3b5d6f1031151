//! All user-facing text of the app, German first, English second: one typed catalogue, so a
//! missing translation is a compile error rather than a blank on screen.

pub mod appointments;
mod de;
mod en;
pub mod inbox;
mod texts;

pub use domain::i18n::Lang;
use leptos::prelude::*;
pub use texts::Texts;

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &de::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The texts of "Meine Anträge" and the Postfach.
    pub fn inbox(&self) -> &'static inbox::InboxTexts {
        inbox::texts(self.lang.get())
    }

    /// The appointment booking's texts.
    pub fn a(&self) -> &'static appointments::AppointmentTexts {
        appointments::texts(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n {
        lang: RwSignal::new(Lang::De),
    })
}

/// Fills a catalogue text's named placeholders:
/// `fill(t.step_of, &[("step", &2), ("steps", &5)])` turns "Schritt {step} von {steps}" into
/// "Schritt 2 von 5". Every text names its placeholders in braces, the same names in both
/// languages (a test checks); a name not given stays as written.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let value = after.split_once('}').and_then(|(name, tail)| {
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, tail))
        });
        match value {
            Some((value, tail)) => {
                let _ = write!(out, "{value}");
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn named_placeholders_are_filled() {
        assert_eq!(
            fill("Schritt {step} von {steps}", &[("step", &2), ("steps", &5)]),
            "Schritt 2 von 5"
        );
        assert_eq!(
            fill("{steps}/{step}/{step}", &[("step", &1), ("steps", &"3")]),
            "3/1/1",
            "order and repetition do not matter"
        );
        assert_eq!(fill("Noch {count} Zeichen", &[]), "Noch {count} Zeichen");
        assert_eq!(fill("{a} { b} {", &[("a", &"x")]), "x { b} {");
        assert_eq!(fill("ä{x}ö", &[("x", &"ü")]), "äüö");
        assert_eq!(fill("", &[("x", &1)]), "");
    }

    /// Each catalogue field's placeholder names, read from the source of one language.
    fn placeholders(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for line in source.lines() {
            let Some((field, text)) = line.trim().split_once(": \"") else {
                continue;
            };
            let mut names = BTreeSet::new();
            let mut rest = text;
            while let Some((_, after)) = rest.split_once('{') {
                let Some((name, tail)) = after.split_once('}') else {
                    break;
                };
                names.insert(name.to_string());
                rest = tail;
            }
            out.insert(field.to_string(), names);
        }
        out
    }

    #[test]
    fn both_languages_use_the_same_named_placeholders() {
        let de = placeholders(include_str!("de.rs"));
        let en = placeholders(include_str!("en.rs"));
        assert_eq!(de.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert!(de.len() > 200, "the parser sees the catalogue");
        for (field, names) in &de {
            assert_eq!(Some(names), en.get(field), "{field}");
            for name in names {
                assert!(
                    name.len() > 1 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{field}: {{{name}}} is not a named placeholder"
                );
            }
        }
        assert_eq!(
            de["step_of"],
            BTreeSet::from(["step".to_string(), "steps".to_string()])
        );
    }

    #[test]
    fn catalogue_texts_fill_completely() {
        for lang in [Lang::De, Lang::En] {
            let t = texts(lang);
            let cases = [
                fill(t.step_of, &[("step", &2), ("steps", &5)]),
                fill(
                    t.hearing_deadline_days,
                    &[("date", &"01.12.2026"), ("days", &10)],
                ),
                fill(
                    t.hearing_already_answered,
                    &[("time", &"t"), ("reference", &"R")],
                ),
                fill(t.error_unavailable, &[("wait", &"w")]),
            ];
            for filled in cases {
                assert!(!filled.contains('{'), "{filled}");
            }
        }
        assert_eq!(
            fill(texts(Lang::De).step_of, &[("step", &2), ("steps", &5)]),
            "Schritt 2 von 5"
        );
    }
}
