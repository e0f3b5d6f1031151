//! Validation of answers against a definition: the same rules in the browser and the backend.

use super::answers::{Answer, Answers};
use super::definition::{DateRule, Field, FieldKind, FormDefinition, Step};
use super::rules;
use crate::date::Date;
use crate::validation::{
    has_forbidden_control, looks_like_email, FieldErrors, FormProblem, Problem,
};

/// Only the answers of visible steps and fields (a hidden step's answers are not submitted).
pub fn visible_answers(def: &FormDefinition, answers: &Answers) -> Answers {
    let mut out = Answers::new();
    for step in def.steps.iter().filter(|s| step_visible(s, answers)) {
        for field in step.fields.iter().filter(|f| field_visible(f, &[answers])) {
            if let Some(a) = answers.get(&field.id) {
                out.insert(field.id.clone(), prune(field, a, answers));
            }
        }
    }
    out
}

fn prune(field: &Field, answer: &Answer, all: &Answers) -> Answer {
    match (&field.kind, answer) {
        (FieldKind::Group { fields, .. }, Answer::Group(items)) => Answer::Group(
            items
                .iter()
                .map(|item| {
                    fields
                        .iter()
                        .filter(|f| field_visible(f, &[item, all]))
                        .filter_map(|f| item.get(&f.id).map(|a| (f.id.clone(), a.clone())))
                        .collect()
                })
                .collect(),
        ),
        _ => answer.clone(),
    }
}

pub(crate) fn step_visible(step: &Step, answers: &Answers) -> bool {
    step.condition.as_ref().is_none_or(|c| c.holds(&[answers]))
}

fn field_visible(field: &Field, scopes: &[&Answers]) -> bool {
    field.condition.as_ref().is_none_or(|c| c.holds(scopes))
}

pub fn validate_step(step: &Step, answers: &Answers, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for field in step.fields.iter().filter(|f| field_visible(f, &[answers])) {
        check_field(
            field,
            answers.get(&field.id),
            &[answers],
            today,
            &field.id,
            &mut errors,
        );
    }
    errors
}

/// All visible steps; the backend calls this before accepting an application.
pub fn validate_all(def: &FormDefinition, answers: &Answers, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for step in def.steps.iter().filter(|s| step_visible(s, answers)) {
        for (k, v) in validate_step(step, answers, today).0 {
            errors.0.insert(k, v);
        }
    }
    errors
}

fn check_field(
    field: &Field,
    answer: Option<&Answer>,
    scopes: &[&Answers],
    today: Date,
    path: &str,
    errors: &mut FieldErrors,
) {
    let mut add = |id: &str, p: FormProblem| errors.add(id, Problem::Form(p));
    let blank = answer.is_none_or(Answer::is_blank);
    if blank {
        if field.required {
            let choose = matches!(
                field.kind,
                FieldKind::OneOf { .. }
                    | FieldKind::YesNo
                    | FieldKind::ManyOf { .. }
                    | FieldKind::AppointmentSlot
            );
            let (label_de, label_en) = (field.label.de.clone(), field.label.en.clone());
            match &field.kind {
                FieldKind::Address => check_address_parts(path, None, &mut add),
                FieldKind::Group {
                    min_items,
                    max_items,
                    ..
                } if *min_items > 0 => add(
                    path,
                    FormProblem::GroupItems {
                        min: *min_items,
                        max: *max_items,
                    },
                ),
                _ if choose => add(path, FormProblem::ChooseOne { label_de, label_en }),
                _ => add(path, FormProblem::Required { label_de, label_en }),
            }
        }
        return;
    }
    let Some(answer) = answer else { return };
    match (&field.kind, answer) {
        (
            FieldKind::ShortText { max_len, .. } | FieldKind::LongText { max_len },
            Answer::Text(t),
        ) => {
            let allow_newlines = matches!(field.kind, FieldKind::LongText { .. });
            if t.trim().chars().count() > *max_len as usize {
                add(path, FormProblem::TooLong { max: *max_len });
            } else if has_forbidden_control(t, allow_newlines) {
                add(path, FormProblem::ControlCharacters);
            }
        }
        (FieldKind::Digits { min_len, max_len }, Answer::Text(t)) => {
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if !t.bytes().all(|b| b.is_ascii_digit()) {
                add(path, FormProblem::DigitsOnly);
            } else if !(*min_len as usize..=*max_len as usize).contains(&t.len()) {
                add(
                    path,
                    FormProblem::DigitsLength {
                        min: *min_len,
                        max: *max_len,
                    },
                );
            }
        }
        (FieldKind::WholeNumber { min, max }, Answer::Text(t)) => match t.trim().parse::<i64>() {
            Err(_) => add(path, FormProblem::NotAWholeNumber),
            Ok(n) if n < *min || n > *max => add(
                path,
                FormProblem::NumberRange {
                    min: *min,
                    max: *max,
                },
            ),
            Ok(_) => {}
        },
        (FieldKind::Quantity { min, max }, Answer::Text(t)) => match t.trim().parse::<i64>() {
            Err(_) => add(path, FormProblem::NotAWholeNumber),
            Ok(n) if n < i64::from(*min) || n > i64::from(*max) => add(
                path,
                FormProblem::NumberRange {
                    min: i64::from(*min),
                    max: i64::from(*max),
                },
            ),
            Ok(_) => {}
        },
        (FieldKind::Date { rules, .. }, Answer::Text(t)) => match Date::parse_iso(t.trim()) {
            None => add(path, FormProblem::DateFormat),
            Some(d) => {
                if let Some(p) = rules.iter().find_map(|r| date_rule_problem(*r, d, today)) {
                    add(path, p);
                }
            }
        },
        (FieldKind::Email, Answer::Text(t)) if !looks_like_email(t.trim()) => {
            add(path, FormProblem::Email)
        }
        (FieldKind::Phone, Answer::Text(t)) if !rules::is_phone(t) => add(path, FormProblem::Phone),
        (FieldKind::PostalCode, Answer::Text(t)) if !rules::is_german_postal_code(t) => {
            add(path, FormProblem::PostalCode)
        }
        (FieldKind::Iban, Answer::Text(t)) if !rules::is_iban(t) => add(path, FormProblem::Iban),
        (FieldKind::VehicleRegistration, Answer::Text(t)) if !rules::is_vehicle_registration(t) => {
            add(path, FormProblem::VehicleRegistration)
        }
        (FieldKind::YesNo, Answer::Text(t)) if t != "yes" && t != "no" => {
            add(path, FormProblem::UnknownOption)
        }
        (FieldKind::OneOf { options }, Answer::Text(t))
            if !options.iter().any(|o| &o.value == t) =>
        {
            add(path, FormProblem::UnknownOption)
        }
        (FieldKind::ManyOf { options, max }, Answer::Many(values)) => {
            if values
                .iter()
                .any(|v| !options.iter().any(|o| &o.value == v))
            {
                add(path, FormProblem::UnknownOption);
            } else if max.is_some_and(|m| values.len() > m as usize) {
                add(
                    path,
                    FormProblem::TooManyChoices {
                        max: max.unwrap_or(0),
                    },
                );
            }
        }
        (FieldKind::Address, Answer::Address(a)) => check_address_parts(path, Some(a), &mut add),
        (FieldKind::AppointmentSlot, Answer::Text(_)) => {}
        (FieldKind::FileUpload, Answer::File(_)) => {}
        (
            FieldKind::Group {
                fields,
                min_items,
                max_items,
                ..
            },
            Answer::Group(items),
        ) => {
            if items.len() < *min_items as usize || items.len() > *max_items as usize {
                add(
                    path,
                    FormProblem::GroupItems {
                        min: *min_items,
                        max: *max_items,
                    },
                );
            }
            for (i, item) in items.iter().enumerate().take(*max_items as usize) {
                let mut item_scopes = vec![item];
                item_scopes.extend_from_slice(scopes);
                for f in fields.iter().filter(|f| field_visible(f, &item_scopes)) {
                    let sub = format!("{path}.{i}.{}", f.id);
                    check_field(f, item.get(&f.id), &item_scopes, today, &sub, errors);
                }
            }
        }
        // Text rules whose check passed above fall through here.
        (
            FieldKind::Email | FieldKind::Phone | FieldKind::PostalCode | FieldKind::Iban,
            Answer::Text(_),
        )
        | (
            FieldKind::VehicleRegistration | FieldKind::YesNo | FieldKind::OneOf { .. },
            Answer::Text(_),
        ) => {}
        // A well-formed JSON answer of the wrong shape for this field.
        _ => add(path, FormProblem::UnknownOption),
    }
}

fn check_address_parts(
    path: &str,
    a: Option<&super::answers::AddressAnswer>,
    add: &mut impl FnMut(&str, FormProblem),
) {
    let get = |f: fn(&super::answers::AddressAnswer) -> &String| {
        a.map(|a| f(a).trim().to_owned()).unwrap_or_default()
    };
    let street = get(|a| &a.street);
    let number = get(|a| &a.house_number);
    let postal = get(|a| &a.postal_code);
    let town = get(|a| &a.town);
    if street.is_empty() {
        add(
            &format!("{path}.street"),
            FormProblem::AddressPart {
                part_de: "die Straße",
                part_en: "the street",
            },
        );
    } else if street.chars().count() > 100 {
        add(&format!("{path}.street"), FormProblem::TooLong { max: 100 });
    }
    if number.is_empty() {
        add(
            &format!("{path}.house_number"),
            FormProblem::AddressPart {
                part_de: "die Hausnummer",
                part_en: "the house number",
            },
        );
    } else if number.chars().count() > 10 {
        add(
            &format!("{path}.house_number"),
            FormProblem::TooLong { max: 10 },
        );
    }
    if postal.is_empty() {
        add(
            &format!("{path}.postal_code"),
            FormProblem::AddressPart {
                part_de: "die Postleitzahl",
                part_en: "the postcode",
            },
        );
    } else if !rules::is_german_postal_code(&postal) {
        add(&format!("{path}.postal_code"), FormProblem::PostalCode);
    }
    if town.is_empty() {
        add(
            &format!("{path}.town"),
            FormProblem::AddressPart {
                part_de: "den Ort",
                part_en: "the town",
            },
        );
    } else if town.chars().count() > 100 {
        add(&format!("{path}.town"), FormProblem::TooLong { max: 100 });
    }
}

/// Whether a date passes all of a date field's rules on `today`.
pub fn date_meets_rules(rules: &[DateRule], d: Date, today: Date) -> bool {
    rules
        .iter()
        .all(|r| date_rule_problem(*r, d, today).is_none())
}

fn date_rule_problem(rule: DateRule, d: Date, today: Date) -> Option<FormProblem> {
    match rule {
        DateRule::InPast if d > today => Some(FormProblem::DateNotInPast),
        DateRule::InFuture if d <= today => Some(FormProblem::DateNotInFuture),
        DateRule::NotBefore { date } if d < date => Some(FormProblem::DateBefore {
            date: date.format_de(),
        }),
        DateRule::WithinDays { days } if today.days_until(d) > i64::from(days) => {
            Some(FormProblem::DateTooFarAhead { days })
        }
        DateRule::AgeAtLeast { years } if d.age_on(today) < i32::from(years) => {
            Some(FormProblem::AgeAtLeast { years })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{AddressAnswer, Condition};
    use crate::i18n::{Lang, Text};
    use std::collections::BTreeMap;

    fn f(id: &str, kind: FieldKind, required: bool) -> Field {
        Field {
            id: id.into(),
            kind,
            label: Text::new(id, id),
            hint: None,
            required,
            condition: None,
            prefill: None,
        }
    }

    fn today() -> Date {
        Date::new(2026, 11, 21).unwrap()
    }

    fn one(kind: FieldKind, value: Answer) -> FieldErrors {
        let step = Step {
            id: "s".into(),
            title: Text::new("", ""),
            intro: None,
            fields: vec![f("x", kind, true)],
            condition: None,
        };
        let answers: Answers = [("x".to_string(), value)].into_iter().collect();
        validate_step(&step, &answers, today())
    }

    fn t(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    #[test]
    fn messages_are_specific() {
        let e = one(FieldKind::PostalCode, t("1234"));
        assert_eq!(
            e.messages(Lang::De)["x"][0],
            "Die Postleitzahl hat 5 Ziffern."
        );
        let e = one(
            FieldKind::Digits {
                min_len: 15,
                max_len: 15,
            },
            t("12345"),
        );
        assert_eq!(
            e.messages(Lang::De)["x"][0],
            "Die Nummer hat genau 15 Ziffern."
        );
        let e = one(FieldKind::Iban, t("DE00 1234"));
        assert!(e.messages(Lang::En)["x"][0].starts_with("The IBAN is not correct"));
        assert!(one(FieldKind::VehicleRegistration, t("un ab 123")).is_empty());
        assert!(one(FieldKind::WholeNumber { min: 0, max: 10 }, t("11"))
            .first("x")
            .is_some());
        assert!(one(FieldKind::Email, t("a@b.de")).is_empty());
    }

    #[test]
    fn date_rules() {
        let born = |s: &str| {
            one(
                FieldKind::Date {
                    rules: vec![DateRule::InPast, DateRule::AgeAtLeast { years: 18 }],
                    example: None,
                },
                t(s),
            )
        };
        assert!(born("2000-01-01").is_empty());
        assert_eq!(
            born("2027-01-01").messages(Lang::De)["x"][0],
            "Das Datum darf nicht in der Zukunft liegen."
        );
        assert_eq!(
            born("2010-01-01").messages(Lang::De)["x"][0],
            "Die Person muss mindestens 18 Jahre alt sein."
        );
        assert_eq!(
            born("2026-02-30").messages(Lang::De)["x"][0],
            "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein."
        );
        let start = one(
            FieldKind::Date {
                rules: vec![DateRule::InFuture, DateRule::WithinDays { days: 365 }],
                example: None,
            },
            t("2028-01-01"),
        );
        assert!(start.first("x").is_some());
    }

    #[test]
    fn required_and_choices() {
        let e = one(FieldKind::YesNo, t(""));
        assert!(e.messages(Lang::De)["x"][0].starts_with("Bitte wählen Sie"));
        let opts = vec![crate::form::Choice {
            value: "a".into(),
            label: Text::new("A", "A"),
            hint: None,
        }];
        assert!(one(
            FieldKind::OneOf {
                options: opts.clone()
            },
            t("zzz")
        )
        .first("x")
        .is_some());
        assert!(one(
            FieldKind::ManyOf {
                options: opts.clone(),
                max: Some(1)
            },
            Answer::Many(vec!["a".into()])
        )
        .is_empty());
        assert!(one(
            FieldKind::ManyOf {
                options: opts,
                max: Some(1)
            },
            Answer::Many(vec!["a".into(), "a".into()])
        )
        .first("x")
        .is_some());
        assert!(one(
            FieldKind::ShortText {
                max_len: 5,
                autocomplete: None
            },
            t("123456")
        )
        .first("x")
        .is_some());
        assert!(one(
            FieldKind::ShortText {
                max_len: 5,
                autocomplete: None
            },
            t("ab\u{7}")
        )
        .first("x")
        .is_some());
        assert!(
            one(
                FieldKind::ShortText {
                    max_len: 5,
                    autocomplete: None
                },
                Answer::Many(vec![])
            )
            .first("x")
            .is_some(),
            "blank list is missing"
        );
        assert!(
            one(FieldKind::Email, Answer::Many(vec!["a@b.de".into()]))
                .first("x")
                .is_some(),
            "wrong shape is refused"
        );
    }

    #[test]
    fn address_parts_are_checked_one_by_one() {
        let e = one(
            FieldKind::Address,
            Answer::Address(AddressAnswer {
                street: "Hauptstraße".into(),
                house_number: "".into(),
                postal_code: "123".into(),
                town: "M".into(),
            }),
        );
        assert!(e.first("x.street").is_none());
        assert!(e.first("x.house_number").is_some());
        assert_eq!(
            e.messages(Lang::De)["x.postal_code"][0],
            "Die Postleitzahl hat 5 Ziffern."
        );
    }

    #[test]
    fn group_items_are_validated_with_indexed_ids_and_item_conditions() {
        let mut since = f(
            "since",
            FieldKind::Date {
                rules: vec![DateRule::InPast],
                example: None,
            },
            true,
        );
        since.condition = Some(Condition::Equals {
            field: "new".into(),
            value: "no".into(),
        });
        let group = FieldKind::Group {
            fields: vec![
                f(
                    "name",
                    FieldKind::ShortText {
                        max_len: 30,
                        autocomplete: None,
                    },
                    true,
                ),
                f("new", FieldKind::YesNo, true),
                since,
            ],
            min_items: 1,
            max_items: 2,
            item_label: Text::new("Hund", "Dog"),
        };
        let item = |name: &str, new: &str| -> BTreeMap<String, Answer> {
            [("name".to_string(), t(name)), ("new".to_string(), t(new))]
                .into_iter()
                .collect()
        };
        let e = one(
            group.clone(),
            Answer::Group(vec![item("Bello", "yes"), item("", "no")]),
        );
        assert!(e.first("x.0.name").is_none());
        assert!(e.first("x.1.name").is_some());
        assert!(
            e.first("x.1.since").is_some(),
            "shown by the item's own answer"
        );
        assert!(e.first("x.0.since").is_none(), "hidden in the first item");
        let e = one(
            group,
            Answer::Group(vec![item("a", "yes"), item("b", "yes"), item("c", "yes")]),
        );
        assert!(e.first("x").is_some(), "too many items");
    }

    #[test]
    fn hidden_fields_and_steps_are_not_submitted() {
        let mut extra = f(
            "extra",
            FieldKind::ShortText {
                max_len: 9,
                autocomplete: None,
            },
            true,
        );
        extra.condition = Some(Condition::Equals {
            field: "want".into(),
            value: "yes".into(),
        });
        let def = FormDefinition {
            id: "d".into(),
            version: 1,
            title: Text::new("", ""),
            intro: Text::new("", ""),
            next_steps: Text::new("", ""),
            steps: vec![
                Step {
                    id: "one".into(),
                    title: Text::new("", ""),
                    intro: None,
                    fields: vec![f("want", FieldKind::YesNo, true), extra],
                    condition: None,
                },
                Step {
                    id: "two".into(),
                    title: Text::new("", ""),
                    intro: None,
                    fields: vec![f(
                        "more",
                        FieldKind::ShortText {
                            max_len: 9,
                            autocomplete: None,
                        },
                        true,
                    )],
                    condition: Some(Condition::Equals {
                        field: "want".into(),
                        value: "yes".into(),
                    }),
                },
            ],
            fee: super::super::FeeRule::Free,
            sign_in: Default::default(),
            min_trust_level: None,
        };
        let answers: Answers = [("want", "no"), ("extra", "x"), ("more", "y"), ("junk", "z")]
            .iter()
            .map(|(k, v)| (k.to_string(), t(v)))
            .collect();
        let visible = visible_answers(&def, &answers);
        assert_eq!(visible.keys().collect::<Vec<_>>(), ["want"]);
        assert!(validate_all(&def, &visible, today()).is_empty());
        let wants: Answers = [("want".to_string(), t("yes"))].into_iter().collect();
        let e = validate_all(&def, &wants, today());
        assert!(e.first("extra").is_some() && e.first("more").is_some());
    }
}
