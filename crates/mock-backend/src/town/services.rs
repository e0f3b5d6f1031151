//! `catalogue.json` and `forms/<id>.json`: the town's services and their form definitions, the
//! serialised [`ServiceSummary`] and [`FormDefinition`] (plus the relative values of
//! [`super::relative`]). Every definition is checked at start: it parses, its id is its file
//! name and in the catalogue, ids are unique, every condition names a field that is answered
//! before it and can hold, every fee rule reads fields of the right kind, every step can be
//! reached.

use super::problem::ConfigProblem;
use super::relative;
use domain::catalogue::ServiceSummary;
use domain::date::Date;
use domain::form::{Condition, FeeRule, Field, FieldKind, FormDefinition};
use domain::i18n::Text;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

pub const CATALOGUE: &str = "catalogue.json";
pub const FORMS_DIR: &str = "forms";

/// The catalogue and the definitions as stored (relative values unresolved).
#[derive(Debug, Clone, Default)]
pub struct Services {
    pub catalogue: Vec<ServiceSummary>,
    /// `(id, definition)` in catalogue order.
    templates: Vec<(String, Value)>,
}

impl Services {
    /// Every definition for `today`. They were checked at start for the start day and a year
    /// later; one that fails to resolve now is left out rather than served half-built.
    pub fn definitions(&self, today: Date) -> Vec<FormDefinition> {
        self.templates
            .iter()
            .filter_map(|(_, v)| definition(v, today).ok())
            .collect()
    }

    pub fn definition(&self, id: &str, today: Date) -> Option<FormDefinition> {
        let (_, v) = self.templates.iter().find(|(i, _)| i == id)?;
        definition(v, today).ok()
    }
}

fn definition(v: &Value, today: Date) -> Result<FormDefinition, String> {
    let resolved = relative::resolve(v, today)?;
    serde_json::from_value(resolved).map_err(|e| e.to_string())
}

fn form_file(id: &str) -> String {
    format!("{FORMS_DIR}/{id}.json")
}

/// Reads and checks the catalogue and every form; problems go to `problems`.
pub fn load(dir: &Path, today: Date, problems: &mut Vec<ConfigProblem>) -> Services {
    let catalogue: Vec<ServiceSummary> = match read_json(dir, CATALOGUE, problems) {
        Some(v) => match serde_json::from_value(v) {
            Ok(c) => c,
            Err(e) => {
                problems.push(ConfigProblem::new(CATALOGUE, "", e.to_string()));
                return Services::default();
            }
        },
        None => return Services::default(),
    };
    let mut ids = BTreeSet::new();
    for (i, s) in catalogue.iter().enumerate() {
        let at = format!("[{i}]");
        if !is_slug(&s.id) {
            problems.push(ConfigProblem::new(
                CATALOGUE,
                format!("{at}.id"),
                format!("{:?} must be lower-case letters, digits and hyphens", s.id),
            ));
        }
        if !ids.insert(s.id.clone()) {
            problems.push(ConfigProblem::new(
                CATALOGUE,
                format!("{at}.id"),
                format!("{:?} appears twice", s.id),
            ));
        }
        text(problems, CATALOGUE, &format!("{at}.name"), &s.name);
        text(problems, CATALOGUE, &format!("{at}.summary"), &s.summary);
        if let Some(link) = &s.link {
            if s.letter_page().is_none() {
                problems.push(ConfigProblem::new(
                    CATALOGUE,
                    format!("{at}.link"),
                    format!(
                        "{link:?} is not a letter page ({})",
                        domain::catalogue::LETTER_PAGES.join(", ")
                    ),
                ));
            }
        }
        for (k, word) in s.keywords.iter().enumerate() {
            if word.trim().is_empty() || word.chars().count() > 60 {
                problems.push(ConfigProblem::new(
                    CATALOGUE,
                    format!("{at}.keywords[{k}]"),
                    "must be 1–60 characters",
                ));
            }
        }
    }

    let mut templates = Vec::new();
    // An entry that leads to a letter page has no form.
    for s in catalogue.iter().filter(|s| s.link.is_none()) {
        let file = form_file(&s.id);
        let Some(v) = read_json(dir, &file, problems) else {
            continue;
        };
        // Checked for the start day and a year later, so year-relative rules hold both times.
        for day in [today, today.add_days(366)] {
            let before = problems.len();
            match definition(&v, day) {
                Err(e) => problems.push(ConfigProblem::new(&file, "", e)),
                Ok(def) => {
                    if def.id != s.id {
                        problems.push(ConfigProblem::new(
                            &file,
                            "id",
                            format!("is {:?}, but the file is the form of {:?}", def.id, s.id),
                        ));
                    }
                    for (field, message) in check(&def) {
                        problems.push(ConfigProblem::new(&file, field, message));
                    }
                }
            }
            if problems.len() > before {
                break;
            }
        }
        templates.push((s.id.clone(), v));
    }
    // A form file without a catalogue entry is a mistake too (a typo in one of the names).
    if let Ok(entries) = std::fs::read_dir(dir.join(FORMS_DIR)) {
        let mut stray: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".json"))
            .filter(|n| !ids.contains(n.trim_end_matches(".json")))
            .collect();
        stray.sort();
        for n in stray {
            problems.push(ConfigProblem::new(
                &format!("{FORMS_DIR}/{n}"),
                "",
                format!("has no entry in {CATALOGUE}"),
            ));
        }
    }
    Services {
        catalogue,
        templates,
    }
}

pub(super) fn read_json(
    dir: &Path,
    file: &str,
    problems: &mut Vec<ConfigProblem>,
) -> Option<Value> {
    let text = match std::fs::read_to_string(dir.join(file)) {
        Ok(t) => t,
        Err(e) => {
            problems.push(ConfigProblem::new(file, "", format!("cannot be read: {e}")));
            return None;
        }
    };
    match serde_json::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(ConfigProblem::new(
                file,
                "",
                format!("is not valid JSON: {e}"),
            ));
            None
        }
    }
}

fn text(problems: &mut Vec<ConfigProblem>, file: &str, field: &str, t: &Text) {
    for (lang, s) in [("de", &t.de), ("en", &t.en)] {
        if s.trim().is_empty() {
            problems.push(ConfigProblem::new(
                file,
                format!("{field}.{lang}"),
                "must not be empty",
            ));
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The values a field can hold, if it is a closed set (choices, yes/no); `None` for free input.
fn possible_values(field: &Field) -> Option<Vec<String>> {
    match &field.kind {
        FieldKind::YesNo => Some(vec!["yes".into(), "no".into()]),
        FieldKind::OneOf { options } | FieldKind::ManyOf { options, .. } => {
            Some(options.iter().map(|o| o.value.clone()).collect())
        }
        _ => None,
    }
}

/// Every problem of one definition as (field path, message).
pub fn check(def: &FormDefinition) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |at: String, msg: String| out.push((at, msg));
    if def.steps.is_empty() {
        add("steps".into(), "a form needs at least one step".into());
    }
    let mut step_ids = BTreeSet::new();
    let mut field_ids = BTreeSet::new();
    // Fields answered before the current point, in order: what a condition may look at.
    let mut earlier: Vec<&Field> = Vec::new();
    for (si, step) in def.steps.iter().enumerate() {
        let at = format!("steps[{si}]");
        if !is_slug(&step.id) {
            add(
                format!("{at}.id"),
                format!(
                    "{:?} must be lower-case letters, digits and hyphens (it is a URL segment)",
                    step.id
                ),
            );
        }
        if !step_ids.insert(step.id.as_str()) {
            add(
                format!("{at}.id"),
                format!("step {:?} appears twice", step.id),
            );
        }
        if step.fields.is_empty() {
            add(
                format!("{at}.fields"),
                "a step needs at least one field".into(),
            );
        }
        if let Some(c) = &step.condition {
            condition(
                c,
                &earlier,
                &[],
                &format!("{at}.condition"),
                &mut add,
                "the step can never be shown (unreachable)",
            );
        }
        for (fi, field) in step.fields.iter().enumerate() {
            let fat = format!("{at}.fields[{fi}]");
            if !field_ids.insert(field.id.as_str()) {
                add(
                    format!("{fat}.id"),
                    format!("field {:?} appears twice in the form", field.id),
                );
            }
            if let Some(c) = &field.condition {
                condition(
                    c,
                    &earlier,
                    &[],
                    &format!("{fat}.condition"),
                    &mut add,
                    "the field can never be shown",
                );
            }
            kind(field, &fat, &earlier, &mut add);
            earlier.push(field);
        }
    }
    fee(&def.fee, def, "fee", &mut add);
    out
}

fn kind(field: &Field, at: &str, earlier: &[&Field], add: &mut impl FnMut(String, String)) {
    if field.id.is_empty() || field.id.contains('.') {
        add(
            format!("{at}.id"),
            format!("{:?} must not be empty or contain dots", field.id),
        );
    }
    match &field.kind {
        FieldKind::OneOf { options } | FieldKind::ManyOf { options, .. } => {
            if options.is_empty() {
                add(
                    format!("{at}.kind.options"),
                    "needs at least one option".into(),
                );
            }
            let mut seen = BTreeSet::new();
            for o in options {
                if !seen.insert(o.value.as_str()) {
                    add(
                        format!("{at}.kind.options"),
                        format!("option {:?} appears twice", o.value),
                    );
                }
            }
        }
        FieldKind::WholeNumber { min, max } if min > max => {
            add(
                format!("{at}.kind"),
                format!("min {min} is above max {max}"),
            );
        }
        FieldKind::Quantity { min, max } if min > max => {
            add(
                format!("{at}.kind"),
                format!("min {min} is above max {max}"),
            );
        }
        FieldKind::Digits { min_len, max_len } if min_len > max_len => {
            add(
                format!("{at}.kind"),
                format!("min_len {min_len} is above max_len {max_len}"),
            );
        }
        FieldKind::Group {
            fields,
            min_items,
            max_items,
            ..
        } => {
            if min_items > max_items || *max_items == 0 {
                add(
                    format!("{at}.kind"),
                    format!("min_items {min_items} / max_items {max_items} allow no item"),
                );
            }
            let mut seen = BTreeSet::new();
            let mut siblings: Vec<&Field> = Vec::new();
            for (i, f) in fields.iter().enumerate() {
                let fat = format!("{at}.kind.fields[{i}]");
                if !seen.insert(f.id.as_str()) {
                    add(
                        format!("{fat}.id"),
                        format!("field {:?} appears twice in the group", f.id),
                    );
                }
                if let Some(c) = &f.condition {
                    condition(
                        c,
                        earlier,
                        &siblings,
                        &format!("{fat}.condition"),
                        add,
                        "the field can never be shown",
                    );
                }
                kind(f, &fat, earlier, add);
                siblings.push(f);
            }
        }
        _ => {}
    }
}

/// Checks that every field `c` names is answered before it (a sibling in the same group item
/// first, then the form) and that each value it compares with is one the field can hold.
/// Reports `never` when the condition can never hold.
fn condition(
    c: &Condition,
    earlier: &[&Field],
    siblings: &[&Field],
    at: &str,
    add: &mut impl FnMut(String, String),
    never: &str,
) {
    if !satisfiable(c, earlier, siblings, at, add) {
        add(at.to_owned(), never.to_owned());
    }
}

/// Whether some answers make `c` true; unknown fields are reported (and count as false).
fn satisfiable(
    c: &Condition,
    earlier: &[&Field],
    siblings: &[&Field],
    at: &str,
    add: &mut impl FnMut(String, String),
) -> bool {
    let find = |id: &str| {
        siblings
            .iter()
            .chain(earlier.iter())
            .find(|f| f.id == id)
            .copied()
    };
    let known = |id: &str, add: &mut dyn FnMut(String, String)| -> Option<&Field> {
        let f = find(id);
        if f.is_none() {
            add(
                format!("{at}.field"),
                format!("names {id:?}, which is no field answered before this point"),
            );
        }
        f
    };
    match c {
        Condition::Equals { field, value } => {
            let Some(f) = known(field, add) else {
                return false;
            };
            match possible_values(f) {
                Some(vals) if !vals.contains(value) => {
                    add(
                        format!("{at}.value"),
                        format!(
                            "{value:?} is not a value of {field:?} (it has {})",
                            vals.join(", ")
                        ),
                    );
                    false
                }
                _ => true,
            }
        }
        Condition::OneOf { field, values } => {
            let Some(f) = known(field, add) else {
                return false;
            };
            match possible_values(f) {
                Some(vals) => {
                    for v in values.iter().filter(|v| !vals.contains(v)) {
                        add(
                            format!("{at}.values"),
                            format!("{v:?} is not a value of {field:?}"),
                        );
                    }
                    values.iter().any(|v| vals.contains(v))
                }
                None => !values.is_empty(),
            }
        }
        Condition::NotEquals { field, .. } | Condition::Answered { field } => {
            known(field, add).is_some()
        }
        Condition::All { conditions } => {
            let mut all = true;
            for (i, c) in conditions.iter().enumerate() {
                all &= satisfiable(c, earlier, siblings, &format!("{at}.conditions[{i}]"), add);
            }
            all
        }
        Condition::Any { conditions } => {
            let mut any = false;
            for (i, c) in conditions.iter().enumerate() {
                any |= satisfiable(c, earlier, siblings, &format!("{at}.conditions[{i}]"), add);
            }
            any
        }
    }
}

fn fee(rule: &FeeRule, def: &FormDefinition, at: &str, add: &mut impl FnMut(String, String)) {
    let top = |id: &str| def.field(id);
    let group_fields = |id: &str| match top(id).map(|f| &f.kind) {
        Some(FieldKind::Group { fields, .. }) => Some(fields),
        _ => None,
    };
    let is_count = |f: &Field| {
        matches!(
            f.kind,
            FieldKind::Quantity { .. } | FieldKind::WholeNumber { .. }
        )
    };
    match rule {
        FeeRule::Free => {}
        FeeRule::Fixed { amount, .. } => {
            if amount.0 < 0 {
                add(format!("{at}.amount"), "must not be negative".into());
            }
        }
        FeeRule::PerUnit {
            quantity_field,
            group,
            first,
            further,
            ..
        } => {
            if first.0 < 0 || further.0 < 0 {
                add(at.to_owned(), "prices must not be negative".into());
            }
            let q = match group {
                Some(g) => match group_fields(g) {
                    None => {
                        add(
                            format!("{at}.group"),
                            format!("{g:?} is no repeatable group of the form"),
                        );
                        return;
                    }
                    Some(fields) => fields.iter().find(|f| &f.id == quantity_field),
                },
                None => top(quantity_field),
            };
            match q {
                None => add(format!("{at}.quantity_field"), format!("{quantity_field:?} is no field of the form{}", group.as_ref().map(|g| format!(" (in group {g:?})")).unwrap_or_default())),
                Some(f) if !is_count(f) => add(format!("{at}.quantity_field"), format!("{quantity_field:?} is not a quantity or whole number, so no fee can be computed from it")),
                Some(_) => {}
            }
        }
        FeeRule::PerItem {
            group,
            rates,
            special,
            ..
        } => {
            if rates.is_empty() {
                add(format!("{at}.rates"), "needs at least one rate".into());
            }
            if rates.iter().any(|r| r.0 < 0) {
                add(format!("{at}.rates"), "must not be negative".into());
            }
            let Some(fields) = group_fields(group) else {
                add(
                    format!("{at}.group"),
                    format!("{group:?} is no repeatable group of the form"),
                );
                return;
            };
            if let Some(s) = special {
                match fields.iter().find(|f| f.id == s.field) {
                    None => add(
                        format!("{at}.special.field"),
                        format!("{:?} is no field of group {group:?}", s.field),
                    ),
                    Some(f) => {
                        if let Some(vals) = possible_values(f) {
                            if !vals.contains(&s.value) {
                                add(
                                    format!("{at}.special.value"),
                                    format!("{:?} is not a value of {:?}", s.value, s.field),
                                );
                            }
                        }
                    }
                }
                if s.amount.0 < 0 {
                    add(
                        format!("{at}.special.amount"),
                        "must not be negative".into(),
                    );
                }
            }
        }
        FeeRule::PerUnitByOption {
            quantity_field,
            option_field,
            prices,
            ..
        } => {
            match top(quantity_field) {
                None => add(
                    format!("{at}.quantity_field"),
                    format!("{quantity_field:?} is no field of the form"),
                ),
                Some(f) if !is_count(f) => add(
                    format!("{at}.quantity_field"),
                    format!("{quantity_field:?} is not a quantity or whole number"),
                ),
                Some(_) => {}
            }
            match top(option_field) {
                Some(Field {
                    kind: FieldKind::OneOf { options },
                    ..
                }) => {
                    for o in options {
                        if !prices.iter().any(|p| p.value == o.value) {
                            add(
                                format!("{at}.prices"),
                                format!("option {:?} of {option_field:?} has no price", o.value),
                            );
                        }
                    }
                    for p in prices {
                        if !options.iter().any(|o| o.value == p.value) {
                            add(
                                format!("{at}.prices"),
                                format!("{:?} is no option of {option_field:?}", p.value),
                            );
                        }
                        if p.amount.0 < 0 {
                            add(
                                format!("{at}.prices"),
                                format!("the price of {:?} is negative", p.value),
                            );
                        }
                    }
                }
                _ => add(
                    format!("{at}.option_field"),
                    format!("{option_field:?} is no one-of field of the form"),
                ),
            }
        }
        FeeRule::Sum { rules } => {
            if rules.is_empty() {
                add(format!("{at}.rules"), "needs at least one rule".into());
            }
            for (i, r) in rules.iter().enumerate() {
                fee(r, def, &format!("{at}.rules[{i}]"), add);
            }
        }
    }
}
