//! The demo town's form definitions (towns/musterstadt/forms/*.json) for tests and tools. The
//! backend itself serves the definitions of the town it was started with
//! (`AppState::town().services`); they are data, read and checked at start.

use crate::town::Town;
use domain::date::Date;
use domain::form::FormDefinition;
use std::sync::OnceLock;

/// The shipped demo town, read once per process.
pub fn demo_town() -> &'static Town {
    static TOWN: OnceLock<Town> = OnceLock::new();
    TOWN.get_or_init(Town::demo)
}

/// Every service's form of the demo town for `today`, in catalogue order.
pub fn all(today: Date) -> Vec<FormDefinition> {
    demo_town().services.definitions(today)
}

pub fn find(id: &str, today: Date) -> Option<FormDefinition> {
    demo_town().services.definition(id, today)
}

/// 0 = Sunday … 6 = Saturday.
pub fn weekday(d: Date) -> i64 {
    crate::town::relative::weekday(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday(Date::new(1970, 1, 1).unwrap()), 4);
        assert_eq!(weekday(Date::new(2026, 11, 21).unwrap()), 6, "a Saturday");
    }

    #[test]
    fn every_service_of_the_catalogue_has_a_form_and_no_other() {
        let today = Date::new(2026, 11, 21).unwrap();
        let mut ids: Vec<String> = all(today).into_iter().map(|d| d.id).collect();
        let mut catalogue: Vec<String> = demo_town()
            .services
            .catalogue
            .iter()
            .filter(|s| s.link.is_none())
            .map(|s| s.id.clone())
            .collect();
        ids.sort();
        catalogue.sort();
        assert_eq!(ids, catalogue);
        assert_eq!(ids.len(), 9);
    }

    fn date_fields(fields: &[domain::form::Field], out: &mut Vec<domain::form::Field>) {
        use domain::form::FieldKind;
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
        use domain::form::FieldKind;
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

    #[test]
    fn rules_relative_to_today_move_with_it() {
        use domain::form::{DateRule, FieldKind};
        for (today, year) in [
            (Date::new(2026, 11, 21).unwrap(), 2026),
            (Date::new(2031, 1, 2).unwrap(), 2031),
        ] {
            let urkunden = find("urkunden", today).unwrap();
            let max_year = urkunden.fields().find_map(|(_, f)| match &f.kind {
                FieldKind::Group { fields, .. } => fields.iter().find_map(|g| match g.kind {
                    FieldKind::WholeNumber { max, .. } => Some(max),
                    _ => None,
                }),
                _ => None,
            });
            assert_eq!(
                max_year,
                Some(i64::from(year)),
                "a year up to the current one"
            );
            let meter = find("gartenwasserzaehler", today).unwrap();
            let rules = match &meter.field("ablesedatum").unwrap().kind {
                FieldKind::Date { rules, .. } => rules.clone(),
                _ => vec![],
            };
            assert!(
                rules.contains(&DateRule::NotBefore {
                    date: Date::new(year - 1, 1, 1).unwrap()
                }),
                "{rules:?}"
            );
        }
    }
}
