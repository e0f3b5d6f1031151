//! `town.toml`: reading and validating the town profile.

use super::problem::ConfigProblem;
use domain::i18n::{Lang, Text};
use domain::town::{contrast_ratio, parse_hex_colour, TownProfile};
use std::path::Path;

pub const FILE: &str = "town.toml";

/// WCAG 2.x AA minimum for normal text (1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// Keys every profile has (dotted paths); missing ones are all reported before anything else.
const REQUIRED: &[&str] = &[
    "name",
    "kind",
    "coat_of_arms",
    "brand_colour",
    "languages",
    "contact",
    "contact.office",
    "contact.street",
    "contact.postal_code",
    "contact.town",
    "contact.phone",
    "contact.email",
    "contact.opening_hours",
    "imprint",
    "privacy",
    "accessibility",
    "accessibility.statement_date",
    "accessibility.last_test",
    "accessibility.method",
    "accessibility.feedback_email",
    "accessibility.feedback_phone",
    "accessibility.enforcement_body",
    "accessibility.enforcement_body.name",
    "accessibility.enforcement_body.address",
    "accessibility.enforcement_body.email",
    "easy_read",
    "payee",
    "payee.name",
    "payee.iban",
    "payee.bic",
    "payee.creditor_id",
    "features",
    "features.hearing",
    "features.notices",
    "features.appointments",
    "features.account",
    "payment_methods",
];

/// The profile and the coat of arms' SVG text; `None` when the file cannot be read at all
/// (the reasons are in `problems`). Semantic problems are added to `problems` too.
pub fn load(dir: &Path, problems: &mut Vec<ConfigProblem>) -> Option<(TownProfile, String)> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(ConfigProblem::new(
                FILE,
                "",
                format!("cannot be read ({}): {e}", path.display()),
            ));
            return None;
        }
    };
    let profile = parse(&text, problems)?;
    let svg = coat_of_arms(dir, &profile.coat_of_arms, problems);
    validate(&profile, problems);
    Some((profile, svg.unwrap_or_default()))
}

/// Parses `town.toml`: a syntax error, every missing key, or the first wrong type.
pub fn parse(text: &str, problems: &mut Vec<ConfigProblem>) -> Option<TownProfile> {
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            problems.push(ConfigProblem::new(FILE, "", one_line(&e.to_string())));
            return None;
        }
    };
    let before = problems.len();
    for key in REQUIRED {
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut node = Some(&table);
        for p in parts {
            node = node.and_then(|t| t.get(p)).and_then(|v| v.as_table());
        }
        // A missing parent is reported once, as the parent.
        if let Some(t) = node {
            if !t.contains_key(last) {
                problems.push(ConfigProblem::new(FILE, *key, "is missing"));
            }
        }
    }
    if problems.len() > before {
        return None;
    }
    let profile = match toml::Value::Table(table.clone()).try_into::<TownProfile>() {
        Ok(p) => p,
        Err(e) => {
            problems.push(ConfigProblem::new(FILE, "", one_line(&e.to_string())));
            return None;
        }
    };
    // Keys serde skipped: a typo, or a key written after a [table] header that it then belongs to.
    if let Ok(toml::Value::Table(known)) = toml::Value::try_from(&profile) {
        unknown_keys(&table, &known, "", problems);
    }
    Some(profile)
}

fn unknown_keys(
    file: &toml::Table,
    known: &toml::Table,
    prefix: &str,
    problems: &mut Vec<ConfigProblem>,
) {
    for (key, value) in file {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (value, known.get(key)) {
            (_, None) => problems.push(ConfigProblem::new(
                FILE,
                path,
                "unknown key (a typo, or written after a [table] header it does not belong to?)",
            )),
            (toml::Value::Table(f), Some(toml::Value::Table(k))) => {
                unknown_keys(f, k, &path, problems)
            }
            _ => {}
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn coat_of_arms(dir: &Path, name: &str, problems: &mut Vec<ConfigProblem>) -> Option<String> {
    let field = "coat_of_arms";
    if name.is_empty()
        || name.contains('/')
        || name.contains('\\')
        || !name.to_ascii_lowercase().ends_with(".svg")
    {
        problems.push(ConfigProblem::new(
            FILE,
            field,
            format!("must be the name of an .svg file in the town folder, got {name:?}"),
        ));
        return None;
    }
    let svg = match std::fs::read_to_string(dir.join(name)) {
        Ok(s) => s,
        Err(e) => {
            problems.push(ConfigProblem::new(
                FILE,
                field,
                format!("{name} cannot be read: {e}"),
            ));
            return None;
        }
    };
    let lower = svg.to_ascii_lowercase();
    if !lower.contains("<svg") {
        problems.push(ConfigProblem::new(
            FILE,
            field,
            format!("{name} is not an SVG image (no <svg> element)"),
        ));
    }
    if lower.contains("<script")
        || lower.contains("javascript:")
        || lower.contains("<foreignobject")
    {
        problems.push(ConfigProblem::new(
            FILE,
            field,
            format!("{name} must not contain scripts or foreign objects"),
        ));
    }
    Some(svg)
}

/// Every semantic problem of a parsed profile.
pub fn validate(p: &TownProfile, problems: &mut Vec<ConfigProblem>) {
    let mut v = Check { problems };
    v.not_blank("name", &p.name);
    v.colours(&p.brand_colour, &p.brand_text_colour);

    if p.languages.first() != Some(&Lang::De) {
        v.add("languages", "must list \"de\" first");
    }
    if has_duplicates(&p.languages) {
        v.add("languages", "lists a language twice");
    }

    let c = &p.contact;
    v.text("contact.office", &c.office);
    v.not_blank("contact.street", &c.street);
    if c.postal_code.len() != 5 || !c.postal_code.bytes().all(|b| b.is_ascii_digit()) {
        v.add(
            "contact.postal_code",
            format!("must be five digits, got {:?}", c.postal_code),
        );
    }
    v.not_blank("contact.town", &c.town);
    v.not_blank("contact.phone", &c.phone);
    v.email("contact.email", &c.email);
    v.texts("contact.opening_hours", &c.opening_hours);

    v.texts("imprint", &p.imprint);
    v.texts("privacy", &p.privacy);
    v.texts("easy_read", &p.easy_read);

    let a = &p.accessibility;
    v.text("accessibility.method", &a.method);
    for (i, gap) in a.known_gaps.iter().enumerate() {
        v.text(&format!("accessibility.known_gaps[{i}]"), gap);
    }
    v.email("accessibility.feedback_email", &a.feedback_email);
    v.not_blank("accessibility.feedback_phone", &a.feedback_phone);
    if a.last_test > a.statement_date {
        v.add(
            "accessibility.last_test",
            "is after statement_date; update the statement after testing",
        );
    }
    let body = &a.enforcement_body;
    v.text("accessibility.enforcement_body.name", &body.name);
    v.not_blank("accessibility.enforcement_body.address", &body.address);
    v.email("accessibility.enforcement_body.email", &body.email);

    for (i, video) in p.sign_language_videos.iter().enumerate() {
        let at = format!("sign_language_videos[{i}]");
        v.text(&format!("{at}.title"), &video.title);
        v.text(&format!("{at}.transcript"), &video.transcript);
        if !(video.url.starts_with("https://") || video.url.starts_with('/')) {
            v.add(
                &format!("{at}.url"),
                format!("must start with https:// or /, got {:?}", video.url),
            );
        }
    }

    let payee = &p.payee;
    v.not_blank("payee.name", &payee.name);
    // The GiroCode crate's checks: the payee ends up in every GiroCode the portal draws.
    match girocode::check_iban(&payee.iban) {
        Err(e) => v.add(
            "payee.iban",
            format!(
                "{:?} is not a valid IBAN ({e}: length, country or check digits wrong)",
                payee.iban
            ),
        ),
        Ok(compact) if compact != payee.iban => v.add(
            "payee.iban",
            format!("write it without spaces, in capitals: {compact:?}"),
        ),
        Ok(_) => {}
    }
    match girocode::check_bic(&payee.bic) {
        Ok(compact) if compact == payee.bic => {}
        _ => v.add(
            "payee.bic",
            format!(
                "{:?} is not a BIC (8 or 11 letters and digits, e.g. MUSTDEM1XXX)",
                payee.bic
            ),
        ),
    }
    if !is_creditor_id(&payee.creditor_id) {
        v.add(
            "payee.creditor_id",
            format!(
                "{:?} is not a valid SEPA creditor identifier (e.g. DE98ZZZ09999999999; check digits wrong?)",
                payee.creditor_id
            ),
        );
    }

    if p.payment_methods.is_empty() {
        v.add("payment_methods", "must offer at least one method");
    }
    if has_duplicates(&p.payment_methods) {
        v.add("payment_methods", "lists a method twice");
    }
}

struct Check<'a> {
    problems: &'a mut Vec<ConfigProblem>,
}

impl Check<'_> {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(ConfigProblem::new(FILE, field, message));
    }

    fn not_blank(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, "must not be empty");
        }
    }

    fn text(&mut self, field: &str, t: &Text) {
        if t.de.trim().is_empty() {
            self.add(&format!("{field}.de"), "must not be empty");
        }
        if t.en.trim().is_empty() {
            self.add(&format!("{field}.en"), "must not be empty");
        }
    }

    fn texts(&mut self, field: &str, list: &[Text]) {
        if list.is_empty() {
            self.add(field, "needs at least one paragraph");
        }
        for (i, t) in list.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), t);
        }
    }

    fn email(&mut self, field: &str, value: &str) {
        let ok = value
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !value.contains(' '));
        if !ok {
            self.add(field, format!("{value:?} is not an e-mail address"));
        }
    }

    fn colours(&mut self, brand: &str, text: &str) {
        let b = parse_hex_colour(brand);
        let t = parse_hex_colour(text);
        if b.is_none() {
            self.add("brand_colour", format!("{brand:?} is not a colour #rrggbb"));
        }
        if t.is_none() {
            self.add(
                "brand_text_colour",
                format!("{text:?} is not a colour #rrggbb"),
            );
        }
        if let (Some(b), Some(t)) = (b, t) {
            let ratio = contrast_ratio(b, t);
            if ratio < MIN_CONTRAST {
                self.add(
                    "brand_colour",
                    format!(
                        "text {text} on {brand} has a contrast of {:.2}:1, below the {MIN_CONTRAST}:1 \
                         WCAG 2.2 AA requires (1.4.3); choose a darker colour or another text colour",
                        floor2(ratio)
                    ),
                );
            }
        }
    }
}

/// Rounds down to two decimals, so 4.499 is never reported as "4.50:1, below 4.5:1".
fn floor2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

fn has_duplicates<T: PartialEq>(list: &[T]) -> bool {
    list.iter().enumerate().any(|(i, a)| list[..i].contains(a))
}

/// SEPA creditor identifier: country, 2 check digits, 3 business code characters (not part of
/// the check), national id; check digits by ISO 7064 MOD 97-10 over national id + country + 00.
pub fn is_creditor_id(s: &str) -> bool {
    let s = s.trim();
    if s.len() < 8 || s.len() > 35 || !s.is_ascii() {
        return false;
    }
    let (country, rest) = s.split_at(2);
    let (check, rest) = rest.split_at(2);
    let national = &rest[3..];
    if !country.bytes().all(|b| b.is_ascii_uppercase())
        || !check.bytes().all(|b| b.is_ascii_digit())
        || national.is_empty()
        || !national.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    let mut remainder = 0u32;
    for b in format!("{national}{country}00").bytes() {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b.to_ascii_uppercase() - b'A') + 10
        };
        for d in v.to_string().bytes() {
            remainder = (remainder * 10 + u32::from(d - b'0')) % 97;
        }
    }
    check.parse::<u32>().ok() == Some(98 - remainder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creditor_ids() {
        assert!(
            is_creditor_id("DE98ZZZ09999999999"),
            "the Bundesbank's test id"
        );
        assert!(!is_creditor_id("DE97ZZZ09999999999"));
        assert!(!is_creditor_id("DE98ZZZ"));
        assert_eq!(floor2(4.499), 4.49);
    }
}
