//! Demo cases of the online hearing, read from the town's `demo/hearings.json`. Dates are
//! relative to the backend's today at startup, so the demo never goes stale. Musterstadt's case
//! numbers and access codes (as printed on the letter):
//!
//! | case number       | access code | what it shows                                                     |
//! |-------------------|-------------|-------------------------------------------------------------------|
//! | `OWI-2026-000101` | `K7MP-3XTA` | open warning fine 35 € (parking, no-stopping zone), 1 photo, 7 days left |
//! | `OWI-2026-000102` | `R4WD-9HNE` | open fine 115 € (speeding in town), 2 photos, 14 days left          |
//! | `OWI-2026-000103` | `P8CF-2LYU` | keeper questioned as a witness (speeding 60 €), name the driver     |
//! | `OWI-2026-000104` | `H3NS-6GAV` | deadline passed 3 days ago (warning fine 20 €), no payment          |
//! | `OWI-2026-000105` | `T9BX-4KRE` | warning fine 25 € already paid (two days ago)                       |
//! | `OWI-2026-000106` | `W2YJ-8DMP` | already answered (statement); the warning fine 30 € is still payable |
//! | `OWI-2026-000107` | `F6UA-7CTW` | open warning fine 10 €, today is the last day                       |
//! | `OWI-2026-000108` | `B5NC-4HRT` | open warning fine 15 €, 10 days left; the end-to-end suite pays it  |

use crate::hearings::evidence::{EvidenceSpec, Scene};
use crate::hearings::store::{CaseRecord, HearingStore};
use crate::town::treasury::Treasury;
use domain::date::Date;
use domain::hearing::{
    FineKind, HearingPerson, HearingReceipt, HearingResponse, HearingRole, Offence,
};
use domain::i18n::Text;
use domain::money::Cents;

/// A demo case as written in the town's `demo/hearings.json`; dates are days relative to the
/// backend's start.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// The case number is `OWI-2026-<seq, 6 digits>`.
    pub seq: u32,
    /// As printed on the letter, e.g. `K7MP-3XTA` (8 characters of the unambiguous alphabet).
    pub access_code: String,
    pub role: HearingRole,
    pub kind: FineKind,
    pub euros: i64,
    pub offence_days_ago: i64,
    pub time: String,
    pub place: String,
    pub registration: String,
    /// Tatbestandsnummer, 6 digits.
    pub tbnr: String,
    pub tbnr_text: Text,
    pub legal_basis: String,
    /// Negative: the deadline has passed.
    pub deadline_in_days: i64,
    pub scenes: Vec<Scene>,
    pub person: HearingPerson,
    /// Paid so many days before the start; absent: not paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_days_ago: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<Answered>,
}

/// A response already received before the backend started.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answered {
    pub reference: String,
    pub days_ago: i64,
    pub response: HearingResponse,
}

impl HearingStore {
    /// The town's demo cases (its `demo/hearings.json`), dated relative to `now` (Unix seconds).
    pub fn seeded(
        now: i64,
        session_secs: i64,
        cases: &[CaseSpec],
        treasury: Treasury,
    ) -> HearingStore {
        HearingStore::new(records(cases, now), session_secs, treasury)
    }
}

/// The records of `specs` for a backend started at `now` (Unix seconds).
pub fn records(specs: &[CaseSpec], now: i64) -> Vec<CaseRecord> {
    let today = Date::from_unix_seconds(now);
    specs.iter().map(|c| record_of(c, today, now)).collect()
}

fn record_of(c: &CaseSpec, today: Date, now: i64) -> CaseRecord {
    let case_number = format!("OWI-2026-{:06}", c.seq);
    let offence = Offence {
        date: today.add_days(-c.offence_days_ago),
        time: c.time.clone(),
        place: c.place.clone(),
        vehicle_registration: c.registration.clone(),
        tbnr: c.tbnr.clone(),
        tbnr_text: c.tbnr_text.clone(),
        legal_basis: c.legal_basis.clone(),
    };
    let evidence = c
        .scenes
        .iter()
        .enumerate()
        .map(|(i, scene)| EvidenceSpec::new(format!("ev-{:06}-{}", c.seq, i + 1), *scene, &offence))
        .collect();
    CaseRecord {
        kassenzeichen: format!("5.1234.{:06}.{}", c.seq, c.seq % 7),
        response: c.answered.as_ref().map(|a| HearingReceipt {
            reference: a.reference.clone(),
            received_at: crate::clock::rfc3339(now - a.days_ago * 86_400),
            case_number: case_number.clone(),
            copy: a.response.clone(),
        }),
        case_number,
        access_code: domain::application::normalise_code(&c.access_code),
        role: c.role,
        kind: c.kind,
        amount: Cents(c.euros * 100),
        offence,
        deadline: today.add_days(c.deadline_in_days),
        evidence,
        person: c.person.clone(),
        paid_on: c.paid_days_ago.map(|d| today.add_days(-d)),
    }
}

/// Every problem of the demo cases as (field path, message): codes, numbers and amounts
/// follow the rules the real system's data follows, and a seeded answer is a valid one.
pub fn check(cases: &[CaseSpec], today: Date) -> Vec<(String, String)> {
    use domain::application::{is_unambiguous_code, normalise_code};
    use domain::hearing::is_warning_fine_amount;
    let mut out = Vec::new();
    let mut seen_codes = std::collections::BTreeSet::new();
    let mut seen_seqs = std::collections::BTreeSet::new();
    for (i, c) in cases.iter().enumerate() {
        let at = |f: &str| format!("[{i}].{f}");
        let code = normalise_code(&c.access_code);
        if !is_unambiguous_code(&code, 8) {
            out.push((
                at("access_code"),
                format!(
                    "{:?} must be 8 characters of the unambiguous alphabet",
                    c.access_code
                ),
            ));
        }
        if !seen_codes.insert(code) {
            out.push((
                at("access_code"),
                format!("{:?} is used twice", c.access_code),
            ));
        }
        if !seen_seqs.insert(c.seq) || c.seq > 999_999 {
            out.push((
                at("seq"),
                format!("{} is used twice or has more than 6 digits", c.seq),
            ));
        }
        let tbnr_ok = c.tbnr.len() == 6 && c.tbnr.bytes().all(|b| b.is_ascii_digit());
        if !tbnr_ok {
            out.push((at("tbnr"), format!("{:?} must be 6 digits", c.tbnr)));
        }
        let warning_code = tbnr_ok && c.tbnr[3..].parse::<u32>().unwrap_or(999) < 500;
        match c.kind {
            FineKind::WarningFine
                if !is_warning_fine_amount(Cents(c.euros * 100)) || !warning_code =>
            {
                out.push((
                    at("euros"),
                    "a warning fine is 5–55 € with a TBNR ending 000–499".into(),
                ))
            }
            FineKind::Fine if c.euros <= 55 || (tbnr_ok && warning_code) => out.push((
                at("euros"),
                "a fine is above 55 € with a TBNR ending 500–999".into(),
            )),
            _ => {}
        }
        if c.offence_days_ago < 1 || c.offence_days_ago <= -c.deadline_in_days {
            out.push((
                at("offence_days_ago"),
                "the offence lies before today and before the deadline".into(),
            ));
        }
        if c.scenes.is_empty() {
            out.push((at("scenes"), "needs at least one evidence image".into()));
        }
        if let Some(a) = &c.answered {
            if !is_unambiguous_code(&a.reference, 8) {
                out.push((
                    at("answered.reference"),
                    format!(
                        "{:?} must be 8 characters of the unambiguous alphabet",
                        a.reference
                    ),
                ));
            }
            if a.response.validate(c.role, today).is_err() {
                out.push((
                    at("answered.response"),
                    "is not a valid response for this role".into(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::application::is_unambiguous_code;
    use domain::hearing::is_warning_fine_amount;

    const NOW: i64 = 1_795_219_200; // 2026-11-21

    fn cases(now: i64) -> Vec<CaseRecord> {
        records(&crate::town::Town::demo().demo.hearings, now)
    }

    #[test]
    fn the_shipped_cases_pass_the_check() {
        let town = crate::town::Town::demo();
        assert_eq!(town.demo.hearings.len(), 8);
        assert!(check(&town.demo.hearings, Date::from_unix_seconds(NOW)).is_empty());
        let mut broken = town.demo.hearings.clone();
        broken[0].kind = FineKind::Fine;
        broken[1].access_code = broken[2].access_code.clone();
        broken[3].tbnr = "12".into();
        let problems = check(&broken, Date::from_unix_seconds(NOW));
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["[0].euros", "[2].access_code", "[3].tbnr", "[3].euros"],
            "{problems:?}"
        );
    }

    #[test]
    fn seed_follows_the_rules() {
        let cases = cases(NOW);
        assert!(cases.len() >= 6);
        let today = Date::from_unix_seconds(NOW);
        for c in &cases {
            assert!(is_unambiguous_code(&c.access_code, 8), "{}", c.case_number);
            let tbnr = &c.offence.tbnr;
            assert!(
                tbnr.len() == 6 && tbnr.bytes().all(|b| b.is_ascii_digit()),
                "{tbnr}"
            );
            let warning_code = tbnr[3..].parse::<u32>().unwrap_or(999) < 500;
            match c.kind {
                FineKind::WarningFine => {
                    assert!(
                        is_warning_fine_amount(c.amount),
                        "{}: {:?}",
                        c.case_number,
                        c.amount
                    );
                    assert!(
                        warning_code,
                        "{}: TBNR {tbnr} ends 000–499 for warning fines",
                        c.case_number
                    );
                }
                FineKind::Fine => {
                    assert!(c.amount.0 > 5500, "{}", c.case_number);
                    assert!(
                        !warning_code,
                        "{}: TBNR {tbnr} ends 500–999 for fines",
                        c.case_number
                    );
                }
            }
            assert!(c.offence.date < today && c.offence.date < c.deadline);
            assert!(!c.evidence.is_empty());
        }
        let mut codes: Vec<_> = cases.iter().map(|c| c.access_code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), cases.len(), "access codes are unique");
        let answered = cases
            .iter()
            .find_map(|c| c.response.as_ref())
            .expect("one answered case");
        assert!(is_unambiguous_code(&answered.reference, 8));
        assert!(answered
            .copy
            .validate(HearingRole::PersonConcerned, today)
            .is_ok());
    }
}
