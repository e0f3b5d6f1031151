//! Demo cases of the online hearing. Dates are relative to the backend's today at startup, so
//! the demo never goes stale. Case numbers and access codes (as printed on the letter):
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
use domain::date::Date;
use domain::hearing::{
    FineKind, HearingChoice, HearingPerson, HearingReceipt, HearingResponse, HearingRole,
    MaritalStatus, Offence, PersonalData,
};
use domain::i18n::Text;
use domain::money::Cents;

fn person(family: &str, given: &str, street: &str, number: &str) -> HearingPerson {
    HearingPerson {
        family_name: family.into(),
        given_names: given.into(),
        street: street.into(),
        house_number: number.into(),
        postal_code: "12345".into(),
        town: "Musterstadt".into(),
    }
}

struct Case {
    seq: u32,
    code: &'static str,
    role: HearingRole,
    kind: FineKind,
    euros: i64,
    offence_days_ago: i64,
    time: &'static str,
    place: &'static str,
    registration: &'static str,
    tbnr: &'static str,
    tbnr_text: (&'static str, &'static str),
    legal_basis: &'static str,
    deadline_in_days: i64,
    scenes: Vec<Scene>,
    person: HearingPerson,
}

const PARKING_BASIS: &str = "§ 12 Abs. 4, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 52.1 BKat";

impl HearingStore {
    /// The demo cases, dated relative to `now` (Unix seconds).
    pub fn seeded(now: i64, session_secs: i64) -> HearingStore {
        HearingStore::new(cases(now), session_secs)
    }
}

/// All demo cases; `now` is the backend's Unix time at startup.
pub fn cases(now: i64) -> Vec<CaseRecord> {
    use HearingRole::*;
    let today = Date::from_unix_seconds(now);
    let list = vec![
        Case {
            seq: 101,
            code: "K7MP-3XTA",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 35,
            offence_days_ago: 5,
            time: "08:14",
            place: "Bahnhofstraße 14, 12345 Musterstadt",
            registration: "MU-SK 482",
            tbnr: "112402",
            tbnr_text: (
                "Sie parkten im Bereich eines absoluten Haltverbots (Zeichen 283).",
                "You parked where stopping is prohibited (sign 283).",
            ),
            legal_basis: PARKING_BASIS,
            deadline_in_days: 7,
            scenes: vec![Scene::NoStopping],
            person: person("Mustermann", "Erika", "Lindenweg", "3"),
        },
        Case {
            seq: 102,
            code: "R4WD-9HNE",
            role: PersonConcerned,
            kind: FineKind::Fine,
            euros: 115,
            offence_days_ago: 9,
            time: "17:42",
            place: "Schulstraße, Höhe Nr. 8, 12345 Musterstadt",
            registration: "MU-AB 1234",
            tbnr: "141724",
            tbnr_text: (
                "Sie überschritten die zulässige Höchstgeschwindigkeit innerhalb geschlossener Ortschaften um 23 km/h. Zulässige Geschwindigkeit: 30 km/h. Festgestellte Geschwindigkeit (nach Toleranzabzug): 53 km/h.",
                "You exceeded the speed limit in a built-up area by 23 km/h. Permitted speed: 30 km/h. Measured speed (after tolerance deduction): 53 km/h.",
            ),
            legal_basis: "§ 41 Abs. 1 i. V. m. Anlage 2, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 11.3.4 BKat",
            deadline_in_days: 14,
            scenes: vec![Scene::SpeedCamera { limit: 30, measured: 53 }, Scene::PlateCloseUp],
            person: person("Beispiel", "Jonas Maximilian", "Am Markt", "7b"),
        },
        Case {
            seq: 103,
            code: "P8CF-2LYU",
            role: KeeperWitness,
            kind: FineKind::Fine,
            euros: 60,
            offence_days_ago: 8,
            time: "22:05",
            place: "Landstraße L 123, km 4,2, Gemarkung Musterstadt",
            registration: "MU-TS 77",
            tbnr: "141706",
            tbnr_text: (
                "Sie überschritten die zulässige Höchstgeschwindigkeit außerhalb geschlossener Ortschaften um 18 km/h. Zulässige Geschwindigkeit: 70 km/h. Festgestellte Geschwindigkeit (nach Toleranzabzug): 88 km/h.",
                "You exceeded the speed limit outside a built-up area by 18 km/h. Permitted speed: 70 km/h. Measured speed (after tolerance deduction): 88 km/h.",
            ),
            legal_basis: "§ 41 Abs. 1 i. V. m. Anlage 2, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 11.3.3 BKat",
            deadline_in_days: 14,
            scenes: vec![Scene::SpeedCamera { limit: 70, measured: 88 }],
            person: person("Schmidt", "Thomas", "Gartenstraße", "21"),
        },
        Case {
            seq: 104,
            code: "H3NS-6GAV",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 20,
            offence_days_ago: 20,
            time: "11:30",
            place: "Parkplatz Rathausplatz, 12345 Musterstadt",
            registration: "MU-HK 905",
            tbnr: "163106",
            tbnr_text: (
                "Sie parkten, ohne einen gültigen Parkschein gut lesbar ausgelegt zu haben.",
                "You parked without displaying a valid parking ticket where it could be read.",
            ),
            legal_basis: "§ 13 Abs. 1, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 63.1 BKat",
            deadline_in_days: -3,
            scenes: vec![Scene::ParkingMeter],
            person: person("Kaya", "Deniz", "Mühlenstraße", "40"),
        },
        Case {
            seq: 105,
            code: "T9BX-4KRE",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 25,
            offence_days_ago: 4,
            time: "09:55",
            place: "Kirchgasse 2, 12345 Musterstadt",
            registration: "MU-LP 310",
            tbnr: "112262",
            tbnr_text: (
                "Sie parkten im Bereich eines eingeschränkten Haltverbots (Zeichen 286).",
                "You parked where waiting is restricted (sign 286).",
            ),
            legal_basis: "§ 12 Abs. 1, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 51.1 BKat",
            deadline_in_days: 4,
            scenes: vec![Scene::NoStopping],
            person: person("Nowak", "Anna", "Schillerstraße", "5"),
        },
        Case {
            seq: 106,
            code: "W2YJ-8DMP",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 30,
            offence_days_ago: 6,
            time: "14:20",
            place: "Marktstraße 9, 12345 Musterstadt",
            registration: "MU-RW 66",
            tbnr: "112412",
            tbnr_text: (
                "Sie hielten im Bereich eines absoluten Haltverbots (Zeichen 283).",
                "You stopped where stopping is prohibited (sign 283).",
            ),
            legal_basis: PARKING_BASIS,
            deadline_in_days: 5,
            scenes: vec![Scene::NoStopping],
            person: person("Weber", "Ralf", "Birkenallee", "12"),
        },
        Case {
            seq: 107,
            code: "F6UA-7CTW",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 10,
            offence_days_ago: 7,
            time: "16:02",
            place: "Parkplatz Stadthalle, 12345 Musterstadt",
            registration: "MU-FE 12E",
            tbnr: "163140",
            tbnr_text: (
                "Sie parkten, ohne die Ankunftszeit mit einer Parkscheibe anzuzeigen.",
                "You parked without showing your arrival time with a parking disc.",
            ),
            legal_basis: "§ 13 Abs. 2, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 63.3 BKat",
            deadline_in_days: 0,
            scenes: vec![Scene::ParkingMeter],
            person: person("Fischer", "Lena", "Rosenweg", "1"),
        },
        Case {
            seq: 108,
            code: "B5NC-4HRT",
            role: PersonConcerned,
            kind: FineKind::WarningFine,
            euros: 15,
            offence_days_ago: 3,
            time: "07:48",
            place: "Schulstraße 21, 12345 Musterstadt",
            registration: "MU-JB 208",
            tbnr: "112052",
            tbnr_text: (
                "Sie parkten unzulässig auf einem Gehweg.",
                "You parked on a footway where this is not allowed.",
            ),
            legal_basis: "§ 12 Abs. 4, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 52a.1 BKat",
            deadline_in_days: 10,
            scenes: vec![Scene::NoStopping],
            person: person("Becker", "Jonas", "Am Anger", "8"),
        },
    ];
    list.into_iter().map(|c| record(c, today, now)).collect()
}

fn record(c: Case, today: Date, now: i64) -> CaseRecord {
    let case_number = format!("OWI-2026-{:06}", c.seq);
    let offence = Offence {
        date: today.add_days(-c.offence_days_ago),
        time: c.time.into(),
        place: c.place.into(),
        vehicle_registration: c.registration.into(),
        tbnr: c.tbnr.into(),
        tbnr_text: Text::new(c.tbnr_text.0, c.tbnr_text.1),
        legal_basis: c.legal_basis.into(),
    };
    let evidence = c
        .scenes
        .iter()
        .enumerate()
        .map(|(i, scene)| EvidenceSpec::new(format!("ev-{:06}-{}", c.seq, i + 1), *scene, &offence))
        .collect();
    let mut rec = CaseRecord {
        kassenzeichen: format!("5.1234.{:06}.{}", c.seq, c.seq % 7),
        case_number,
        access_code: domain::application::normalise_code(c.code),
        role: c.role,
        kind: c.kind,
        amount: Cents(c.euros * 100),
        offence,
        deadline: today.add_days(c.deadline_in_days),
        evidence,
        person: c.person,
        // Case 105 was paid two days before startup.
        paid_on: (c.seq == 105).then(|| today.add_days(-2)),
        response: None,
    };
    if c.seq == 106 {
        rec.response = Some(answered_106(&rec, now));
    }
    rec
}

/// The seeded answer of case 106, received two days before startup.
fn answered_106(rec: &CaseRecord, now: i64) -> HearingReceipt {
    let p = &rec.person;
    HearingReceipt {
        reference: "HN4T7KPW".into(),
        received_at: crate::clock::rfc3339(now - 2 * 86_400),
        case_number: rec.case_number.clone(),
        copy: HearingResponse {
            personal_data: PersonalData {
                family_name: p.family_name.clone(),
                birth_name: None,
                given_names: p.given_names.clone(),
                date_of_birth: "1979-05-02".into(),
                place_of_birth: "Hannover".into(),
                street: p.street.clone(),
                house_number: p.house_number.clone(),
                postal_code: p.postal_code.clone(),
                town: p.town.clone(),
                nationality: "deutsch".into(),
                occupation: "Handwerker".into(),
                marital_status: Some(MaritalStatus::Married),
            },
            choice: HearingChoice::Statement {
                admits: false,
                text:
                    "Ich habe dort nur kurz gehalten, um schwere Kisten in das Geschäft zu tragen."
                        .into(),
                attachments: vec![],
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::application::is_unambiguous_code;
    use domain::hearing::is_warning_fine_amount;

    const NOW: i64 = 1_795_219_200; // 2026-11-21

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
