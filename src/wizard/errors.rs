//! The wizard's error rules, apart from the views (tested natively): the order of a step's
//! error summary, and where the server's field errors (a 422) are shown. Every flow on the
//! wizard (services, hearing, and the ones to come) uses these.

use domain::form::{Answer, Answers, Field, FieldKind, FormDefinition, Step};
use domain::i18n::Lang;
use std::collections::BTreeMap;

/// Field path → message, as `WizardCtx::errors` holds them.
pub type FieldMessages = BTreeMap<String, String>;

/// A step's error summary: its errors in the order of its fields on screen (address parts and
/// group items included), a group item's errors prefixed with the item ("Hund 2: ..."). Errors
/// of fields this step does not ask for are left out; a key the step owns but does not render
/// right now (e.g. a server error) comes last.
pub fn step_summary(
    step: &Step,
    answers: &Answers,
    errors: &FieldMessages,
    lang: Lang,
) -> Vec<(String, String)> {
    let order = field_paths(&step.fields, answers, "");
    let mut list: Vec<(usize, String, String)> = errors
        .iter()
        .filter_map(|(k, v)| {
            let rank = order.iter().position(|p| p == k).or_else(|| {
                let top = k.split('.').next()?;
                step.fields
                    .iter()
                    .any(|f| f.id == top)
                    .then_some(usize::MAX)
            })?;
            Some((
                rank,
                k.clone(),
                format!("{}{v}", item_prefix(&step.fields, k, lang)),
            ))
        })
        .collect();
    // Stable: keys of equal rank keep their (alphabetical) order.
    list.sort_by_key(|(rank, _, _)| *rank);
    list.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// Every error key these fields can have, in screen order (address parts and group items
/// included).
pub fn field_paths(fields: &[Field], answers: &Answers, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        let path = format!("{prefix}{}", f.id);
        out.push(path.clone());
        match &f.kind {
            FieldKind::Address => out.extend(
                ["street", "house_number", "postal_code", "town"].map(|p| format!("{path}.{p}")),
            ),
            FieldKind::Group { fields: sub, .. } => {
                if let Some(Answer::Group(items)) = answers.get(&f.id) {
                    for (i, item) in items.iter().enumerate() {
                        out.extend(field_paths(sub, item, &format!("{path}.{i}.")));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// "Hund 2: " for an error inside the second item of a group, else nothing.
fn item_prefix(fields: &[Field], key: &str, lang: Lang) -> String {
    let mut parts = key.split('.');
    let (Some(group), Some(index)) = (parts.next(), parts.next()) else {
        return String::new();
    };
    let Ok(index) = index.parse::<usize>() else {
        return String::new();
    };
    match fields.iter().find(|f| f.id == group).map(|f| &f.kind) {
        Some(FieldKind::Group { item_label, .. }) => {
            format!("{} {}: ", item_label.get(lang), index + 1)
        }
        _ => String::new(),
    }
}

/// A 422's field errors, placed for the wizard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerErrors {
    /// The first message per field, under the field's path on screen.
    pub messages: FieldMessages,
    /// The earliest step that asks for one of the fields; `None` when no step does (the check
    /// page then shows the messages itself).
    pub step: Option<String>,
}

/// Places the server's field errors: `local` turns the API's field name into the path on
/// screen (the identity where the form's answers are sent as they are).
pub fn place_server_errors(
    form: &FormDefinition,
    errors: BTreeMap<String, Vec<String>>,
    local: impl Fn(&str) -> String,
) -> ServerErrors {
    let messages: FieldMessages = errors
        .into_iter()
        .filter_map(|(k, v)| Some((local(&k), v.into_iter().next()?)))
        .collect();
    let step = form
        .steps
        .iter()
        .find(|s| {
            messages
                .keys()
                .any(|k| form.step_of_field(k).is_some_and(|owner| owner.id == s.id))
        })
        .map(|s| s.id.clone());
    ServerErrors { messages, step }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::form::{FeeRule, FileAnswer};
    use domain::i18n::Text;

    fn field(id: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            kind,
            label: Text::new(id, id),
            hint: None,
            required: true,
            condition: None,
            prefill: None,
        }
    }

    fn text(id: &str) -> Field {
        field(
            id,
            FieldKind::ShortText {
                max_len: 50,
                autocomplete: None,
            },
        )
    }

    fn step(id: &str, fields: Vec<Field>) -> Step {
        Step {
            id: id.into(),
            title: Text::new(id, id),
            intro: None,
            fields,
            condition: None,
        }
    }

    /// Owner: name, address; dogs: a group of (name, chip), then e-mail.
    fn form() -> FormDefinition {
        let dogs = field(
            "dogs",
            FieldKind::Group {
                fields: vec![text("name"), text("chip")],
                min_items: 1,
                max_items: 3,
                item_label: Text::new("Hund", "Dog"),
            },
        );
        FormDefinition {
            id: "hund".into(),
            version: 1,
            title: Text::new("Hund", "Dog"),
            intro: Text::new("", ""),
            next_steps: Text::new("", ""),
            steps: vec![
                step(
                    "halter",
                    vec![text("name"), field("address", FieldKind::Address)],
                ),
                step("hunde", vec![dogs, text("email")]),
            ],
            fee: FeeRule::Free,
            sign_in: Default::default(),
            min_trust_level: None,
        }
    }

    fn messages(pairs: &[(&str, &str)]) -> FieldMessages {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn two_dogs() -> Answers {
        let dog = || Answers::new();
        [("dogs".to_string(), Answer::Group(vec![dog(), dog()]))]
            .into_iter()
            .collect()
    }

    #[test]
    fn the_summary_follows_the_fields_on_screen_not_the_alphabet() {
        let f = form();
        let owner = &f.steps[0];
        let errors = messages(&[
            ("address.town", "Ort fehlt"),
            ("address.street", "Straße fehlt"),
            ("name", "Name fehlt"),
            ("email", "not this step"),
        ]);
        assert_eq!(
            step_summary(owner, &Answers::new(), &errors, Lang::De),
            vec![
                ("name".to_string(), "Name fehlt".to_string()),
                ("address.street".to_string(), "Straße fehlt".to_string()),
                ("address.town".to_string(), "Ort fehlt".to_string()),
            ]
        );
    }

    #[test]
    fn group_items_are_named_and_ordered_item_by_item() {
        let f = form();
        let dogs = &f.steps[1];
        let errors = messages(&[
            ("email", "E-Mail fehlt"),
            ("dogs.1.name", "Name fehlt"),
            ("dogs.0.chip", "Chip fehlt"),
            ("dogs.0.name", "Name fehlt"),
        ]);
        assert_eq!(
            step_summary(dogs, &two_dogs(), &errors, Lang::De),
            vec![
                ("dogs.0.name".to_string(), "Hund 1: Name fehlt".to_string()),
                ("dogs.0.chip".to_string(), "Hund 1: Chip fehlt".to_string()),
                ("dogs.1.name".to_string(), "Hund 2: Name fehlt".to_string()),
                ("email".to_string(), "E-Mail fehlt".to_string()),
            ]
        );
        assert_eq!(
            step_summary(dogs, &two_dogs(), &errors, Lang::En)[2].1,
            "Dog 2: Name fehlt"
        );
    }

    #[test]
    fn an_owned_key_not_on_screen_comes_last() {
        let f = form();
        let dogs = &f.steps[1];
        // A server error about a third dog the answers do not hold (yet).
        let errors = messages(&[("dogs.2.chip", "Chip vergeben"), ("email", "E-Mail fehlt")]);
        assert_eq!(
            step_summary(dogs, &two_dogs(), &errors, Lang::De),
            vec![
                ("email".to_string(), "E-Mail fehlt".to_string()),
                (
                    "dogs.2.chip".to_string(),
                    "Hund 3: Chip vergeben".to_string()
                ),
            ]
        );
    }

    #[test]
    fn field_paths_list_address_parts_and_each_items_fields() {
        let f = form();
        assert_eq!(
            field_paths(&f.steps[0].fields, &Answers::new(), ""),
            [
                "name",
                "address",
                "address.street",
                "address.house_number",
                "address.postal_code",
                "address.town"
            ]
        );
        assert_eq!(
            field_paths(&f.steps[1].fields, &two_dogs(), ""),
            [
                "dogs",
                "dogs.0.name",
                "dogs.0.chip",
                "dogs.1.name",
                "dogs.1.chip",
                "email"
            ]
        );
        // A group answered with something else has no items.
        let odd: Answers = [(
            "dogs".to_string(),
            Answer::File(FileAnswer {
                id: "u".into(),
                name: "x".into(),
                size: 1,
            }),
        )]
        .into_iter()
        .collect();
        assert_eq!(field_paths(&f.steps[1].fields, &odd, "").len(), 2);
    }

    #[test]
    fn server_errors_go_to_the_earliest_step_that_asks_for_one() {
        let f = form();
        let errors: BTreeMap<String, Vec<String>> = [
            ("email".to_string(), vec!["vergeben".to_string()]),
            (
                "address.town".to_string(),
                vec!["unbekannt".to_string(), "second".to_string()],
            ),
            ("empty".to_string(), vec![]),
        ]
        .into_iter()
        .collect();
        let placed = place_server_errors(&f, errors, str::to_string);
        assert_eq!(placed.step.as_deref(), Some("halter"));
        assert_eq!(
            placed.messages,
            messages(&[("address.town", "unbekannt"), ("email", "vergeben")]),
            "the first message per field; a field without one is dropped"
        );
        // `email` sorts before `name`, but the order of the steps decides.
        let errors = [
            ("email".to_string(), vec!["x".to_string()]),
            ("name".to_string(), vec!["y".to_string()]),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            place_server_errors(&f, errors, str::to_string)
                .step
                .as_deref(),
            Some("halter")
        );
    }

    #[test]
    fn server_field_names_are_mapped_before_placing() {
        let f = form();
        let errors = [("owner_email".to_string(), vec!["vergeben".to_string()])]
            .into_iter()
            .collect();
        let placed = place_server_errors(&f, errors, |k| k.trim_start_matches("owner_").into());
        assert_eq!(placed.step.as_deref(), Some("hunde"));
        assert_eq!(placed.messages, messages(&[("email", "vergeben")]));
        // A field no step asks for stays on the check page.
        let errors = [("form_version".to_string(), vec!["alt".to_string()])]
            .into_iter()
            .collect();
        let placed = place_server_errors(&f, errors, str::to_string);
        assert_eq!(placed.step, None);
        assert_eq!(placed.messages, messages(&[("form_version", "alt")]));
    }
}
