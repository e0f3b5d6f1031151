//! The town's nine form definitions, one file per service. They are data the API serves; the
//! same definition drives the app's wizard and the server's validation and pricing.
//!
//! Definitions are built for a given `today` because some rules are relative to it (a year
//! field up to the current year, meter readings not before 1 January of last year).

mod bewohnerparkausweis;
mod eheschliessung;
mod elternbeitraege;
pub(crate) mod gartenwasserzaehler;
mod hundeanmeldung;
mod kita_anmeldung;
mod melderegisterauskunft;
mod urkunden;
mod veranstaltungskarten;

use domain::date::{Date, Weekday};
use domain::form::{
    years_ago, Choice, Condition, DateRule, Field, FieldKind, FormDefinition, Step,
};
use domain::i18n::Text;

/// Every service's form, in catalogue order.
pub fn all(today: Date) -> Vec<FormDefinition> {
    vec![
        hundeanmeldung::definition(today),
        bewohnerparkausweis::definition(),
        urkunden::definition(today),
        melderegisterauskunft::definition(today),
        gartenwasserzaehler::definition(today),
        kita_anmeldung::definition(today),
        elternbeitraege::definition(),
        eheschliessung::definition(today),
        veranstaltungskarten::definition(today),
    ]
}

pub fn find(id: &str, today: Date) -> Option<FormDefinition> {
    all(today).into_iter().find(|d| d.id == id)
}

// Small builders so the definitions read like the forms they describe.

pub(crate) fn t(de: &str, en: &str) -> Text {
    Text::new(de, en)
}

pub(crate) fn required(id: &str, kind: FieldKind, de: &str, en: &str) -> Field {
    Field {
        id: id.into(),
        kind,
        label: t(de, en),
        hint: None,
        required: true,
        condition: None,
    }
}

pub(crate) fn optional(id: &str, kind: FieldKind, de: &str, en: &str) -> Field {
    Field {
        required: false,
        ..required(id, kind, de, en)
    }
}

pub(crate) trait FieldExt {
    fn hint(self, de: &str, en: &str) -> Self;
    fn when(self, condition: Condition) -> Self;
    /// The example a date field's hint shows (ignored for other kinds).
    fn example(self, date: Date) -> Self;
}

impl FieldExt for Field {
    fn hint(mut self, de: &str, en: &str) -> Field {
        self.hint = Some(t(de, en));
        self
    }

    fn when(mut self, condition: Condition) -> Field {
        self.condition = Some(condition);
        self
    }

    fn example(mut self, date: Date) -> Field {
        if let FieldKind::Date { example, .. } = &mut self.kind {
            *example = Some(date);
        }
        self
    }
}

pub(crate) fn step(id: &str, de: &str, en: &str, fields: Vec<Field>) -> Step {
    Step {
        id: id.into(),
        title: t(de, en),
        intro: None,
        fields,
        condition: None,
    }
}

pub(crate) trait StepExt {
    fn intro(self, de: &str, en: &str) -> Self;
    fn when(self, condition: Condition) -> Self;
}

impl StepExt for Step {
    fn intro(mut self, de: &str, en: &str) -> Step {
        self.intro = Some(t(de, en));
        self
    }

    fn when(mut self, condition: Condition) -> Step {
        self.condition = Some(condition);
        self
    }
}

pub(crate) fn equals(field: &str, value: &str) -> Condition {
    Condition::Equals {
        field: field.into(),
        value: value.into(),
    }
}

pub(crate) fn short(max_len: u32) -> FieldKind {
    FieldKind::ShortText {
        max_len,
        autocomplete: None,
    }
}

pub(crate) fn short_auto(max_len: u32, autocomplete: &str) -> FieldKind {
    FieldKind::ShortText {
        max_len,
        autocomplete: Some(autocomplete.into()),
    }
}

pub(crate) fn date(rules: &[DateRule]) -> FieldKind {
    FieldKind::Date {
        rules: rules.to_vec(),
        example: None,
    }
}

pub(crate) fn choice(value: &str, de: &str, en: &str) -> Choice {
    Choice {
        value: value.into(),
        label: t(de, en),
        hint: None,
    }
}

pub(crate) fn choice_hint(value: &str, de: &str, en: &str, hint_de: &str, hint_en: &str) -> Choice {
    Choice {
        hint: Some(t(hint_de, hint_en)),
        ..choice(value, de, en)
    }
}

pub(crate) fn one_of(options: Vec<Choice>) -> FieldKind {
    FieldKind::OneOf { options }
}

/// Given and family name of the person filling in the form (browser autofill applies).
pub(crate) fn own_names(prefix: &str) -> Vec<Field> {
    vec![
        required(
            &format!("{prefix}vorname"),
            short_auto(100, "given-name"),
            "Vorname",
            "Given name",
        ),
        required(
            &format!("{prefix}nachname"),
            short_auto(100, "family-name"),
            "Nachname",
            "Family name",
        ),
    ]
}

/// Names of someone else (autofill would wrongly offer the user's own name).
pub(crate) fn other_names(prefix: &str, de_whose: &str, en_whose: &str) -> Vec<Field> {
    vec![
        required(
            &format!("{prefix}vorname"),
            short_auto(100, "off"),
            &format!("Vorname {de_whose}"),
            &format!("Given name of {en_whose}"),
        ),
        required(
            &format!("{prefix}nachname"),
            short_auto(100, "off"),
            &format!("Nachname {de_whose}"),
            &format!("Family name of {en_whose}"),
        ),
    ]
}

pub(crate) fn email(id: &str) -> Field {
    required(id, FieldKind::Email, "E-Mail-Adresse", "Email address").hint(
        "Wir schicken Ihnen eine Eingangsbestätigung.",
        "We will send you a confirmation of receipt.",
    )
}

pub(crate) fn phone_optional(id: &str) -> Field {
    optional(
        id,
        FieldKind::Phone,
        "Telefonnummer (freiwillig)",
        "Phone number (optional)",
    )
    .hint(
        "Für Rückfragen, zum Beispiel 0151 23456789.",
        "For questions, for example 0151 23456789.",
    )
}

/// The first Saturday on or after `from` (events are on Saturdays).
pub(crate) fn saturday_on_or_after(from: Date) -> Date {
    let mut d = from;
    while d.weekday() != Weekday::Saturday {
        d = d.add_days(1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), Weekday::Thursday);
        assert_eq!(
            Date::new(2026, 11, 21).unwrap().weekday(),
            Weekday::Saturday,
            "a Saturday"
        );
        assert_eq!(
            saturday_on_or_after(Date::new(2026, 11, 16).unwrap()),
            Date::new(2026, 11, 21).unwrap()
        );
    }

    #[test]
    fn every_service_of_the_catalogue_has_a_form_and_no_other() {
        let today = Date::new(2026, 11, 21).unwrap();
        let mut ids: Vec<String> = all(today).into_iter().map(|d| d.id).collect();
        let mut catalogue: Vec<String> =
            crate::seed::services().into_iter().map(|s| s.id).collect();
        ids.sort();
        catalogue.sort();
        assert_eq!(ids, catalogue);
    }

    fn date_fields(fields: &[Field], out: &mut Vec<Field>) {
        for f in fields {
            match &f.kind {
                FieldKind::Date { .. } => out.push(f.clone()),
                FieldKind::Group { fields, .. } => date_fields(fields, out),
                _ => {}
            }
        }
    }

    /// The hint's example is one the field accepts, never today's date, and a birth date's
    /// example is a birth date: decades back for a person, a few years for a child or a dog.
    #[test]
    fn every_date_field_has_a_plausible_example_its_rules_accept() {
        let today = Date::new(2026, 11, 21).unwrap();
        let mut fields = Vec::new();
        for def in all(today) {
            for step in &def.steps {
                date_fields(&step.fields, &mut fields);
            }
        }
        assert!(fields.len() >= 8, "{} date fields", fields.len());
        for f in fields {
            let FieldKind::Date { rules, example } = &f.kind else {
                continue;
            };
            let ex = domain::form::date_example(rules, *example, today);
            assert!(
                domain::form::date_meets_rules(rules, ex, today),
                "{}: {ex}",
                f.id
            );
            assert_ne!(ex, today, "{}", f.id);
            if f.id.ends_with("geburtsdatum") {
                assert!(example.is_some(), "{} declares its example", f.id);
                let min_age = if f.label.de.contains("Kind") || f.label.de.contains("Hund") {
                    1
                } else {
                    18
                };
                assert!(ex.age_on(today) >= min_age, "{}: {ex}", f.id);
            }
        }
    }
}
