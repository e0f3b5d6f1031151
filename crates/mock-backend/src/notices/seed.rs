//! Demo notices, read from the town's `demo/notices.json`, and the finance office's charge rules
//! from `notices.toml`. Dates are relative to the day the backend starts (`{"$days": -20}`, as
//! in the other town files, or `{"quarter": -1}` for the property-tax dates 15 February, 15 May,
//! 15 August and 15 November: 0 is the next one on or after today, -1 the one before, …), so
//! the demo never goes stale. Texts may use `{{year}}` and `{{date:+14}}`.

use crate::notices::store::{InstalmentRecord, NoticeRecord};
use domain::application::{is_unambiguous_code, normalise_code};
use domain::date::Date;
use domain::i18n::Text;
use domain::money::Cents;
use domain::notice::ChargeRules;
use serde::Deserialize;

pub const FILE: &str = "demo/notices.json";
pub const RULES_FILE: &str = "notices.toml";
/// The longest Kassenzeichen: it must fit a transfer's remittance with the payment reference.
pub const KASSENZEICHEN_MAX: usize = 35;

/// A notice as written in `demo/notices.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSpec {
    /// As printed, e.g. `6.0100.000201.3` (letters, digits, `.`, `-`, `/`, spaces).
    pub kassenzeichen: String,
    /// As printed, e.g. `N7KD-4PRA` (8 characters of the unambiguous alphabet).
    pub access_code: String,
    pub office: Text,
    pub subject: Text,
    /// Shown only after sign-in.
    pub addressee: String,
    pub issued_on: Date,
    pub instalments: Vec<InstalmentSpec>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstalmentSpec {
    pub amount_cents: i64,
    pub due: Due,
    /// Already paid (partly or in full).
    #[serde(default)]
    pub paid_cents: i64,
    /// The day the (last) payment arrived.
    #[serde(default)]
    pub paid_on: Option<Date>,
    /// Deferred (gestundet) to this date.
    #[serde(default)]
    pub deferred_until: Option<Date>,
}

/// A due date: a date (`{"$days": n}` in the file) or a property-tax quarter date.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Due {
    Date(Date),
    Quarter { quarter: i64 },
}

/// The quarterly due dates of § 28 GrStG: 15 Feb, 15 May, 15 Aug, 15 Nov.
const QUARTER_MONTHS: [u8; 4] = [2, 5, 8, 11];

/// `n`-th quarter date from today: 0 is the first on or after `today`, -1 the one before.
pub fn quarter_date(today: Date, n: i64) -> Date {
    let index = |d: Date| {
        i64::from(d.year) * 4
            + QUARTER_MONTHS
                .iter()
                .filter(|m| (**m, 15) < (d.month, d.day))
                .count() as i64
    };
    // Index of the first quarter date on or after today.
    let i = index(today) + n;
    let year = i32::try_from(i.div_euclid(4)).unwrap_or(today.year);
    let month = QUARTER_MONTHS[usize::try_from(i.rem_euclid(4)).unwrap_or(0)];
    Date::new(year, month, 15).unwrap_or(today)
}

impl Due {
    pub fn resolve(self, today: Date) -> Date {
        match self {
            Due::Date(d) => d,
            Due::Quarter { quarter } => quarter_date(today, quarter),
        }
    }
}

/// Every problem of the specs, as (where, what).
pub fn check(specs: &[NoticeSpec]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut seen_kz = std::collections::BTreeSet::new();
    let mut seen_codes = std::collections::BTreeSet::new();
    for (i, n) in specs.iter().enumerate() {
        let at = |f: &str| format!("[{i}].{f}");
        let kz = n.kassenzeichen.trim();
        let kz_ok = !kz.is_empty()
            && kz.chars().count() <= KASSENZEICHEN_MAX
            && kz
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ' '))
            && kz.chars().any(|c| c.is_ascii_alphanumeric());
        if !kz_ok {
            out.push((
                at("kassenzeichen"),
                format!(
                    "{:?} must be 1–{KASSENZEICHEN_MAX} letters, digits, dots, hyphens, slashes or spaces",
                    n.kassenzeichen
                ),
            ));
        }
        if !seen_kz.insert(normalise_code(kz)) {
            out.push((
                at("kassenzeichen"),
                format!(
                    "{:?} is used twice (case, dots and spaces do not count)",
                    n.kassenzeichen
                ),
            ));
        }
        let code = normalise_code(&n.access_code);
        if !is_unambiguous_code(&code, 8) {
            out.push((
                at("access_code"),
                format!(
                    "{:?} must be 8 characters of the unambiguous alphabet",
                    n.access_code
                ),
            ));
        }
        if !seen_codes.insert(code) {
            out.push((
                at("access_code"),
                format!("{:?} is used twice", n.access_code),
            ));
        }
        for (field, t) in [("office", &n.office), ("subject", &n.subject)] {
            if t.de.trim().is_empty() || t.en.trim().is_empty() {
                out.push((at(field), "needs a German and an English text".into()));
            }
        }
        if n.addressee.trim().is_empty() {
            out.push((at("addressee"), "must not be empty".into()));
        }
        if n.instalments.is_empty() {
            out.push((at("instalments"), "needs at least one amount".into()));
        }
        if n.instalments.len() > 12 {
            out.push((at("instalments"), "has more than 12 instalments".into()));
        }
        for (j, s) in n.instalments.iter().enumerate() {
            let at = |f: &str| format!("[{i}].instalments[{j}].{f}");
            if !(1..=9_999_999_999).contains(&s.amount_cents) {
                out.push((
                    at("amount_cents"),
                    format!("{} must be 1 to 9999999999 cents", s.amount_cents),
                ));
            }
            if s.paid_cents < 0 || s.paid_cents > s.amount_cents {
                out.push((
                    at("paid_cents"),
                    format!("{} must be between 0 and amount_cents", s.paid_cents),
                ));
            }
            if s.paid_cents > 0 && s.paid_on.is_none() {
                out.push((at("paid_on"), "is needed when paid_cents is above 0".into()));
            }
            if s.paid_cents == 0 && s.paid_on.is_some() {
                out.push((at("paid_on"), "is given but paid_cents is 0".into()));
            }
            if let Due::Quarter { quarter } = s.due {
                if quarter.abs() > 40 {
                    out.push((
                        at("due"),
                        format!("quarter {quarter} is more than ten years away"),
                    ));
                }
            }
        }
    }
    out
}

/// The records of `specs` for a backend started on `today`.
pub fn records(specs: &[NoticeSpec], today: Date) -> Vec<NoticeRecord> {
    specs
        .iter()
        .map(|n| NoticeRecord {
            kassenzeichen: n.kassenzeichen.trim().to_owned(),
            access_code: normalise_code(&n.access_code),
            office: n.office.clone(),
            subject: n.subject.clone(),
            addressee: n.addressee.clone(),
            issued_on: n.issued_on,
            instalments: n
                .instalments
                .iter()
                .enumerate()
                .map(|(j, s)| InstalmentRecord {
                    id: (j + 1).to_string(),
                    amount: Cents(s.amount_cents),
                    paid: Cents(s.paid_cents),
                    paid_on: s.paid_on,
                    due_on: s.due.resolve(today),
                    deferred_until: s.deferred_until,
                    settled_charges: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

/// `notices.toml`: the reminder delay and the dunning fee of the town's state.
pub fn parse_rules(text: &str) -> Result<ChargeRules, String> {
    let rules: ChargeRules = toml::from_str(text).map_err(|e| one_line(&e.to_string()))?;
    let fee = rules.dunning_fee;
    let mut problems = Vec::new();
    if !(0..=60).contains(&rules.reminder_after_days) {
        problems.push("reminder_after_days must be 0 to 60".to_owned());
    }
    if !(0..=10_000).contains(&fee.basis_points) {
        problems.push("dunning_fee.basis_points must be 0 to 10000 (100 = 1 %)".to_owned());
    }
    if fee.min.0 < 0 || fee.max.0 < fee.min.0 {
        problems.push("dunning_fee needs 0 <= min <= max (cents)".to_owned());
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems.join("; "))
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads `demo/notices.json` and `notices.toml` of the town folder `dir` (both optional while
/// `features.notices` is off; the rules are needed when it is on), adding every problem found.
pub fn load(
    dir: &std::path::Path,
    feature_on: bool,
    today: Date,
    problems: &mut Vec<crate::town::problem::ConfigProblem>,
) -> (Vec<NoticeSpec>, Option<ChargeRules>) {
    use crate::town::problem::ConfigProblem;
    let mut specs = Vec::new();
    let path = dir.join(FILE);
    if path.exists() {
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|t| {
                serde_json::from_str::<serde_json::Value>(&t)
                    .map_err(|e| format!("is not valid JSON: {e}"))
            })
            .and_then(|v| crate::town::relative::resolve(&v, today))
            .and_then(|v| serde_json::from_value::<Vec<NoticeSpec>>(v).map_err(|e| e.to_string()));
        match parsed {
            Err(e) => problems.push(ConfigProblem::new(FILE, "", e)),
            Ok(list) => {
                if !feature_on && !list.is_empty() {
                    problems.push(ConfigProblem::new(
                        FILE,
                        "",
                        "notices are listed but features.notices is off in town.toml",
                    ));
                }
                for (at, msg) in check(&list) {
                    problems.push(ConfigProblem::new(FILE, at, msg));
                }
                specs = list;
            }
        }
    }
    let rules_path = dir.join(RULES_FILE);
    let rules = if rules_path.exists() {
        match std::fs::read_to_string(&rules_path)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|t| parse_rules(&t))
        {
            Ok(r) => Some(r),
            Err(e) => {
                problems.push(ConfigProblem::new(RULES_FILE, "", e));
                None
            }
        }
    } else {
        if feature_on {
            problems.push(ConfigProblem::new(
                RULES_FILE,
                "",
                "is missing: features.notices needs the reminder delay and the dunning fee",
            ));
        }
        None
    };
    (specs, rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn quarter_dates_are_the_fifteenths() {
        let today = d(2026, 12, 1);
        assert_eq!(quarter_date(today, 0), d(2027, 2, 15));
        assert_eq!(quarter_date(today, -1), d(2026, 11, 15));
        assert_eq!(quarter_date(today, -2), d(2026, 8, 15));
        assert_eq!(quarter_date(today, 1), d(2027, 5, 15));
        assert_eq!(
            quarter_date(d(2027, 5, 15), 0),
            d(2027, 5, 15),
            "on the day"
        );
        assert_eq!(quarter_date(d(2027, 5, 15), -1), d(2027, 2, 15));
        assert_eq!(quarter_date(d(2027, 1, 10), -1), d(2026, 11, 15));
    }

    #[test]
    fn rules_are_checked() {
        let ok =
            "reminder_after_days = 14\n[dunning_fee]\nbasis_points = 100\nmin = 500\nmax = 10000\n";
        assert_eq!(parse_rules(ok).map(|r| r.reminder_after_days), Ok(14));
        let bad =
            "reminder_after_days = 99\n[dunning_fee]\nbasis_points = 100\nmin = 900\nmax = 500\n";
        let e = parse_rules(bad).unwrap_err();
        assert!(
            e.contains("reminder_after_days") && e.contains("min <= max"),
            "{e}"
        );
        assert!(
            parse_rules("reminder_after_days = 1\nfee = 2\n").is_err(),
            "unknown key"
        );
    }
}
