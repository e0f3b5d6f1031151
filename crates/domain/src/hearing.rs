//! Online hearing for administrative offences (Anhörung, §§ 55, 111 OWiG): the wire types of
//! `/api/v1/hearings/...` and the validation of a response, shared by the app and the backend.
//!
//! Personal data (§ 111 OWiG, mandatory) and the statement on the matter (optional, § 55 OWiG)
//! are separate parts of [`HearingResponse`], so the app can keep them in separate steps.

use crate::date::Date;
use crate::i18n::{Lang, Text};
use crate::money::Cents;
use crate::validation::{has_forbidden_control, FieldErrors, HearingProblem, Problem};
use serde::{Deserialize, Serialize};

pub const STATEMENT_MAX: usize = 2000;
pub const ATTACHMENTS_MAX: usize = 5;
pub const NAME_MAX: usize = 100;
pub const LINE_MAX: usize = 100;
pub const HOUSE_NUMBER_MAX: usize = 10;
/// Longest case number or access code accepted at login (real ones are shorter).
pub const LOGIN_FIELD_MAX: usize = 40;

/// `POST /api/v1/hearings/session`: the two values printed on the hearing letter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionRequest {
    /// Aktenzeichen, e.g. `OWI-2026-000101` (case, spaces and hyphens do not matter).
    pub case_number: String,
    /// Zugangscode, e.g. `K7MP-3XTA` (case, spaces and hyphens do not matter).
    pub access_code: String,
}

impl SessionRequest {
    /// Only "is something there": whether the pair is right is the backend's business.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, value, what_de, what_en) in [
            (
                "case_number",
                &self.case_number,
                "das Aktenzeichen",
                "the case number",
            ),
            (
                "access_code",
                &self.access_code,
                "den Zugangscode",
                "the access code",
            ),
        ] {
            let v = value.trim();
            if v.is_empty() {
                errors.add(field, Problem::Required { what_de, what_en });
            } else if v.chars().count() > LOGIN_FIELD_MAX {
                errors.add(
                    field,
                    Problem::TooLong {
                        max: LOGIN_FIELD_MAX,
                    },
                );
            }
        }
        errors.into_result()
    }
}

/// `201` of `POST /hearings/session` and `200` of `POST /hearings/session/refresh`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingSession {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// RFC 3339; every authenticated request moves it forward (inactivity timeout).
    pub expires_at: String,
    pub expires_in_seconds: i64,
}

/// `201` of `POST /hearings/session`: the session and, in the same answer, the case it opens —
/// a citizen from the letter's QR code waits for one round trip on a slow network, not two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingSignIn {
    /// The session's fields, on the same level as `case`.
    #[serde(flatten)]
    pub session: HearingSession,
    /// What `GET /hearings/current` answers at this moment.
    pub case: HearingCase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingRole {
    /// Betroffene(r): accused of the offence; may stay silent (§ 55 OWiG).
    PersonConcerned,
    /// Vehicle keeper questioned as a witness (the photo does not show the keeper).
    KeeperWitness,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingStatus {
    Open,
    Answered,
    Paid,
    DeadlinePassed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FineKind {
    /// Verwarnungsgeld (§ 56 OWiG): 5–55 € in 5 € steps; ends the matter if paid in time.
    WarningFine,
    /// Bußgeld: above 55 €.
    Fine,
}

impl FineKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FineKind::WarningFine, Lang::De) => "Verwarnungsgeld",
            (FineKind::WarningFine, Lang::En) => "Warning fine",
            (FineKind::Fine, Lang::De) => "Bußgeld",
            (FineKind::Fine, Lang::En) => "Fine",
        }
    }
}

/// Whether an amount is a lawful warning fine: 5–55 € in steps of 5 €.
pub fn is_warning_fine_amount(amount: Cents) -> bool {
    (500..=5500).contains(&amount.0) && amount.0 % 500 == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offence {
    pub date: Date,
    /// `HH:MM`, local time.
    pub time: String,
    pub place: String,
    pub vehicle_registration: String,
    /// Tatbestandsnummer: 6 digits; first the law (1 StVO, 4 StVG), last three 000–499
    /// warning-fine offences, 500–999 fine offences.
    pub tbnr: String,
    pub tbnr_text: Text,
    /// E.g. `§ 12 Abs. 4, § 49 StVO; § 24 Abs. 1, 3 Nr. 5 StVG; 52.1 BKat`.
    pub legal_basis: String,
}

/// An evidence image; fetch `url` with the Bearer token (an `<img>` cannot send it) and show
/// it as a blob URL with `alt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub id: String,
    /// `/api/v1/hearings/current/evidence/{id}` (`image/svg+xml`).
    pub url: String,
    pub alt: Text,
    pub width: u32,
    pub height: u32,
}

/// Where to pay, for the transfer text and the GiroCode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingPayee {
    pub name: String,
    pub iban: String,
    pub bic: String,
    /// The reference to put in the remittance field.
    pub kassenzeichen: String,
}

/// Personal data known from the vehicle register, to prefill the § 111 step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingPerson {
    pub family_name: String,
    pub given_names: String,
    pub street: String,
    pub house_number: String,
    pub postal_code: String,
    pub town: String,
}

/// `GET /api/v1/hearings/current`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingCase {
    pub case_number: String,
    pub role: HearingRole,
    pub status: HearingStatus,
    pub offence: Offence,
    pub kind: FineKind,
    pub amount: Cents,
    /// Last day to answer (and to pay a warning fine).
    pub deadline: Date,
    /// Days from today to the deadline; 0 on the last day, negative when passed.
    pub days_left: i64,
    pub evidence: Vec<Evidence>,
    pub payee: HearingPayee,
    /// Not paid, deadline not passed, role `person_concerned` (also after a statement).
    pub payment_possible: bool,
    pub person: HearingPerson,
    /// The receipt, once answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<HearingReceipt>,
    /// The day the payment arrived, once paid (status `paid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    Single,
    Married,
    CivilPartnership,
    Separated,
    Divorced,
    Widowed,
}

impl MaritalStatus {
    pub const ALL: [MaritalStatus; 6] = [
        MaritalStatus::Single,
        MaritalStatus::Married,
        MaritalStatus::CivilPartnership,
        MaritalStatus::Separated,
        MaritalStatus::Divorced,
        MaritalStatus::Widowed,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        use MaritalStatus::*;
        match (self, lang) {
            (Single, Lang::De) => "ledig",
            (Single, Lang::En) => "single",
            (Married, Lang::De) => "verheiratet",
            (Married, Lang::En) => "married",
            (CivilPartnership, Lang::De) => "in eingetragener Lebenspartnerschaft",
            (CivilPartnership, Lang::En) => "in a civil partnership",
            (Separated, Lang::De) => "dauernd getrennt lebend",
            (Separated, Lang::En) => "permanently separated",
            (Divorced, Lang::De) => "geschieden",
            (Divorced, Lang::En) => "divorced",
            (Widowed, Lang::De) => "verwitwet",
            (Widowed, Lang::En) => "widowed",
        }
    }
}

/// § 111 OWiG personal data. Dates are strings so the app can validate what was typed:
/// ISO `YYYY-MM-DD` (preferred on the wire) or German `TT.MM.JJJJ`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalData {
    pub family_name: String,
    /// Only when different from the family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_name: Option<String>,
    pub given_names: String,
    pub date_of_birth: String,
    pub place_of_birth: String,
    pub street: String,
    pub house_number: String,
    pub postal_code: String,
    pub town: String,
    pub nationality: String,
    pub occupation: String,
    /// `null` until chosen.
    #[serde(default)]
    pub marital_status: Option<MaritalStatus>,
}

/// The answer on the matter. `name_driver` and `refuse_as_relative` are for a keeper-witness
/// only; `no_statement` (silence, § 55 OWiG) is the person concerned's right only — a witness
/// names the driver, refuses as a relative, or makes a statement (e.g. "I drove myself").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "HearingChoiceWire"
)]
pub enum HearingChoice {
    Statement {
        /// Whether the offence is admitted.
        admits: bool,
        /// Up to 2000 characters; may be empty.
        #[serde(default)]
        text: String,
        /// Upload ids (`POST /api/v1/uploads`), at most 5.
        #[serde(default)]
        attachments: Vec<String>,
    },
    NameDriver {
        family_name: String,
        given_names: String,
        street: String,
        house_number: String,
        postal_code: String,
        town: String,
        /// ISO `YYYY-MM-DD` or German `TT.MM.JJJJ`.
        date_of_birth: String,
    },
    RefuseAsRelative,
    NoStatement,
}

/// How [`HearingChoice`] is read (see `crate::wire`).
#[derive(Deserialize)]
struct HearingChoiceWire {
    kind: HearingChoiceKind,
    admits: Option<bool>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    attachments: Option<Vec<String>>,
    family_name: Option<String>,
    given_names: Option<String>,
    street: Option<String>,
    house_number: Option<String>,
    postal_code: Option<String>,
    town: Option<String>,
    date_of_birth: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum HearingChoiceKind {
    Statement,
    NameDriver,
    RefuseAsRelative,
    NoStatement,
}

impl TryFrom<HearingChoiceWire> for HearingChoice {
    type Error = String;
    fn try_from(w: HearingChoiceWire) -> Result<Self, String> {
        use crate::wire::need;
        const ND: &str = "name_driver";
        Ok(match w.kind {
            HearingChoiceKind::Statement => HearingChoice::Statement {
                admits: need(w.admits, "admits", "statement")?,
                text: w.text.unwrap_or_default(),
                attachments: w.attachments.unwrap_or_default(),
            },
            HearingChoiceKind::NameDriver => HearingChoice::NameDriver {
                family_name: need(w.family_name, "family_name", ND)?,
                given_names: need(w.given_names, "given_names", ND)?,
                street: need(w.street, "street", ND)?,
                house_number: need(w.house_number, "house_number", ND)?,
                postal_code: need(w.postal_code, "postal_code", ND)?,
                town: need(w.town, "town", ND)?,
                date_of_birth: need(w.date_of_birth, "date_of_birth", ND)?,
            },
            HearingChoiceKind::RefuseAsRelative => HearingChoice::RefuseAsRelative,
            HearingChoiceKind::NoStatement => HearingChoice::NoStatement,
        })
    }
}

impl HearingChoice {
    pub fn kind(&self) -> &'static str {
        match self {
            HearingChoice::Statement { .. } => "statement",
            HearingChoice::NameDriver { .. } => "name_driver",
            HearingChoice::RefuseAsRelative => "refuse_as_relative",
            HearingChoice::NoStatement => "no_statement",
        }
    }

    /// Whether `role` may give this answer.
    pub fn allowed_for(&self, role: HearingRole) -> bool {
        match self {
            HearingChoice::Statement { .. } => true,
            HearingChoice::NameDriver { .. } | HearingChoice::RefuseAsRelative => {
                role == HearingRole::KeeperWitness
            }
            HearingChoice::NoStatement => role == HearingRole::PersonConcerned,
        }
    }
}

/// `POST /api/v1/hearings/current/response` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingResponse {
    pub personal_data: PersonalData,
    pub choice: HearingChoice,
}

/// The receipt: 201 on creation, 200 on an idempotent replay; also in `HearingCase.response`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HearingReceipt {
    /// 8 characters from `ABCDEFGHJKLMNPRSTUVWXY23456789`.
    pub reference: String,
    /// RFC 3339.
    pub received_at: String,
    pub case_number: String,
    /// The response as received, for the citizen's copy.
    pub copy: HearingResponse,
}

/// A typed date of birth: ISO `YYYY-MM-DD` or German `TT.MM.JJJJ`.
pub fn parse_date_of_birth(s: &str) -> Option<Date> {
    let s = s.trim();
    Date::parse_iso(s).or_else(|| Date::parse_german(s))
}

impl HearingResponse {
    /// All rules of a response for `role`, `today` being the backend's (or browser's) date.
    /// Field ids: `personal_data.<field>`, `choice.kind`, `choice.<field>`.
    pub fn validate(&self, role: HearingRole, today: Date) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        let p = &self.personal_data;
        let f = |name: &str| format!("personal_data.{name}");
        name(
            &mut e,
            &f("family_name"),
            &p.family_name,
            Some(("Ihren Familiennamen", "your family name")),
        );
        if let Some(birth_name) = &p.birth_name {
            name(&mut e, &f("birth_name"), birth_name, None);
        }
        name(
            &mut e,
            &f("given_names"),
            &p.given_names,
            Some(("Ihre Vornamen", "your given names")),
        );
        date_of_birth(
            &mut e,
            &f("date_of_birth"),
            &p.date_of_birth,
            ("Ihr Geburtsdatum", "your date of birth"),
            today,
        );
        line(
            &mut e,
            &f("place_of_birth"),
            &p.place_of_birth,
            ("Ihren Geburtsort", "your place of birth"),
        );
        address(
            &mut e,
            "personal_data",
            [&p.street, &p.house_number, &p.postal_code, &p.town],
        );
        line(
            &mut e,
            &f("nationality"),
            &p.nationality,
            ("Ihre Staatsangehörigkeit", "your nationality"),
        );
        line(
            &mut e,
            &f("occupation"),
            &p.occupation,
            ("Ihren Beruf", "your occupation"),
        );
        if p.marital_status.is_none() {
            e.add(
                &f("marital_status"),
                Problem::Hearing(HearingProblem::MaritalStatusMissing),
            );
        }

        if !self.choice.allowed_for(role) {
            let problem = match role {
                HearingRole::PersonConcerned => HearingProblem::OnlyForKeeperWitness,
                HearingRole::KeeperWitness => HearingProblem::NotForWitness,
            };
            e.add("choice.kind", Problem::Hearing(problem));
        }
        match &self.choice {
            HearingChoice::Statement {
                text, attachments, ..
            } => {
                if text.trim().chars().count() > STATEMENT_MAX {
                    e.add("choice.text", Problem::TooLong { max: STATEMENT_MAX });
                } else if has_forbidden_control(text, true) {
                    e.add("choice.text", Problem::ControlCharacters);
                }
                if attachments.len() > ATTACHMENTS_MAX {
                    e.add(
                        "choice.attachments",
                        Problem::Hearing(HearingProblem::TooManyAttachments {
                            max: ATTACHMENTS_MAX,
                        }),
                    );
                } else if !attachments.iter().all(|id| is_upload_id(id)) {
                    e.add(
                        "choice.attachments",
                        Problem::Hearing(HearingProblem::AttachmentId),
                    );
                }
            }
            HearingChoice::NameDriver {
                family_name,
                given_names,
                street,
                house_number,
                postal_code,
                town,
                date_of_birth: dob,
            } => {
                let what = (
                    "den Familiennamen der Fahrerin oder des Fahrers",
                    "the driver's family name",
                );
                name(&mut e, "choice.family_name", family_name, Some(what));
                let what = (
                    "die Vornamen der Fahrerin oder des Fahrers",
                    "the driver's given names",
                );
                name(&mut e, "choice.given_names", given_names, Some(what));
                address(&mut e, "choice", [street, house_number, postal_code, town]);
                date_of_birth(
                    &mut e,
                    "choice.date_of_birth",
                    dob,
                    (
                        "das Geburtsdatum der Fahrerin oder des Fahrers",
                        "the driver's date of birth",
                    ),
                    today,
                );
            }
            HearingChoice::RefuseAsRelative | HearingChoice::NoStatement => {}
        }
        e.into_result()
    }
}

/// German and English labels for "Bitte geben Sie … ein." / "Enter …."
type Label = (&'static str, &'static str);

fn required(e: &mut FieldErrors, field: &str, value: &str, (what_de, what_en): Label) -> bool {
    if value.trim().is_empty() {
        e.add(field, Problem::Required { what_de, what_en });
        return false;
    }
    true
}

fn name(e: &mut FieldErrors, field: &str, value: &str, what: Option<Label>) {
    let v = value.trim();
    match what {
        Some(what) if !required(e, field, v, what) => return,
        None if v.is_empty() => return,
        _ => {}
    }
    if v.chars().count() > NAME_MAX {
        e.add(field, Problem::TooLong { max: NAME_MAX });
    } else if !v.chars().all(|c| c.is_alphabetic() || " -'’.".contains(c)) {
        e.add(field, Problem::Hearing(HearingProblem::NameCharacters));
    }
}

fn line(e: &mut FieldErrors, field: &str, value: &str, what: Label) {
    let v = value.trim();
    if !required(e, field, v, what) {
        return;
    }
    if v.chars().count() > LINE_MAX {
        e.add(field, Problem::TooLong { max: LINE_MAX });
    } else if has_forbidden_control(v, false) {
        e.add(field, Problem::ControlCharacters);
    }
}

fn address(
    e: &mut FieldErrors,
    prefix: &str,
    [street, house_number, postal_code, town]: [&String; 4],
) {
    line(
        e,
        &format!("{prefix}.street"),
        street,
        ("die Straße", "the street"),
    );
    let field = format!("{prefix}.house_number");
    let hn = house_number.trim();
    if required(e, &field, hn, ("die Hausnummer", "the house number")) {
        if hn.chars().count() > HOUSE_NUMBER_MAX {
            e.add(
                &field,
                Problem::TooLong {
                    max: HOUSE_NUMBER_MAX,
                },
            );
        } else if !hn.starts_with(|c: char| c.is_ascii_digit()) || has_forbidden_control(hn, false)
        {
            e.add(&field, Problem::Hearing(HearingProblem::HouseNumber));
        }
    }
    let field = format!("{prefix}.postal_code");
    let pc = postal_code.trim();
    if required(e, &field, pc, ("die Postleitzahl", "the postcode")) {
        if let Some(problem) = postal_code_problem(pc) {
            e.add(&field, Problem::Hearing(problem));
        }
    }
    line(
        e,
        &format!("{prefix}.town"),
        town,
        ("den Wohnort", "the town"),
    );
}

/// German codes are 5 digits; a foreign address (a named driver from abroad) may have letters.
fn postal_code_problem(pc: &str) -> Option<HearingProblem> {
    if pc.bytes().all(|b| b.is_ascii_digit()) {
        return (pc.len() != 5).then_some(HearingProblem::PostalCodeGerman);
    }
    let ok = (2..=10).contains(&pc.len())
        && pc.bytes().any(|b| b.is_ascii_digit())
        && pc
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-');
    (!ok).then_some(HearingProblem::PostalCodeFormat)
}

fn date_of_birth(e: &mut FieldErrors, field: &str, value: &str, what: Label, today: Date) {
    if !required(e, field, value, what) {
        return;
    }
    match parse_date_of_birth(value) {
        None => e.add(field, Problem::Hearing(HearingProblem::DateOfBirthFormat)),
        Some(d) if d > today => e.add(field, Problem::Hearing(HearingProblem::DateOfBirthInFuture)),
        Some(d) if d.age_on(today) >= 120 => {
            e.add(field, Problem::Hearing(HearingProblem::DateOfBirthTooEarly))
        }
        Some(_) => {}
    }
}

/// Upload ids are opaque tokens from the upload endpoint: 1–64 of `A–Z a–z 0–9 - _`.
fn is_upload_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 21).unwrap()
    }

    fn personal() -> PersonalData {
        PersonalData {
            family_name: "Müller-Lüdenscheidt".into(),
            birth_name: None,
            given_names: "Erika Anna".into(),
            date_of_birth: "14.03.1985".into(),
            place_of_birth: "Musterstadt".into(),
            street: "Hauptstraße".into(),
            house_number: "12a".into(),
            postal_code: "01067".into(),
            town: "Musterstadt".into(),
            nationality: "deutsch".into(),
            occupation: "Erzieherin".into(),
            marital_status: Some(MaritalStatus::Married),
        }
    }

    fn statement(text: &str) -> HearingChoice {
        HearingChoice::Statement {
            admits: false,
            text: text.into(),
            attachments: vec![],
        }
    }

    fn driver() -> HearingChoice {
        HearingChoice::NameDriver {
            family_name: "O'Brien".into(),
            given_names: "Seán".into(),
            street: "Keizersgracht".into(),
            house_number: "1".into(),
            postal_code: "1015 CJ".into(),
            town: "Amsterdam".into(),
            date_of_birth: "1990-07-01".into(),
        }
    }

    fn check(p: PersonalData, c: HearingChoice, role: HearingRole) -> Result<(), FieldErrors> {
        HearingResponse {
            personal_data: p,
            choice: c,
        }
        .validate(role, today())
    }

    #[test]
    fn accepts_complete_responses() {
        use HearingRole::*;
        assert_eq!(
            check(personal(), statement(""), PersonConcerned),
            Ok(()),
            "empty statement = silent"
        );
        assert_eq!(
            check(personal(), HearingChoice::NoStatement, PersonConcerned),
            Ok(())
        );
        assert_eq!(check(personal(), driver(), KeeperWitness), Ok(()));
        assert_eq!(
            check(personal(), HearingChoice::RefuseAsRelative, KeeperWitness),
            Ok(())
        );
        assert_eq!(
            check(
                personal(),
                statement("Ich bin selbst gefahren."),
                KeeperWitness
            ),
            Ok(())
        );
        let mut p = personal();
        p.date_of_birth = "1985-03-14".into();
        p.birth_name = Some("  ".into());
        assert_eq!(
            check(p, statement(&"ä".repeat(STATEMENT_MAX)), PersonConcerned),
            Ok(())
        );
    }

    #[test]
    fn required_personal_data_has_specific_messages() {
        let e = check(
            PersonalData::default(),
            HearingChoice::NoStatement,
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        let de = e.messages(Lang::De);
        let en = e.messages(Lang::En);
        assert_eq!(
            de["personal_data.family_name"][0],
            "Bitte geben Sie Ihren Familiennamen ein."
        );
        assert_eq!(
            en["personal_data.family_name"][0],
            "Enter your family name."
        );
        assert_eq!(
            de["personal_data.date_of_birth"][0],
            "Bitte geben Sie Ihr Geburtsdatum ein."
        );
        assert_eq!(
            de["personal_data.postal_code"][0],
            "Bitte geben Sie die Postleitzahl ein."
        );
        assert_eq!(en["personal_data.occupation"][0], "Enter your occupation.");
        assert_eq!(
            de["personal_data.marital_status"][0],
            "Bitte wählen Sie Ihren Familienstand aus."
        );
        for f in [
            "given_names",
            "place_of_birth",
            "street",
            "house_number",
            "town",
            "nationality",
        ] {
            assert!(de.contains_key(&format!("personal_data.{f}")), "{f}");
        }
        assert!(
            !de.contains_key("personal_data.birth_name"),
            "birth name is optional"
        );
        assert_eq!(de.len(), 11);
    }

    #[test]
    fn dates_of_birth() {
        let mut p = personal();
        p.date_of_birth = "31.02.1985".into();
        let e = check(
            p.clone(),
            HearingChoice::NoStatement,
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert_eq!(
            e.messages(Lang::De)["personal_data.date_of_birth"][0],
            "Bitte geben Sie das Geburtsdatum im Format TT.MM.JJJJ ein."
        );
        assert_eq!(
            e.messages(Lang::En)["personal_data.date_of_birth"][0],
            "Enter the date of birth in the format DD.MM.YYYY."
        );
        p.date_of_birth = "22.11.2026".into();
        let e = check(
            p.clone(),
            HearingChoice::NoStatement,
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert_eq!(
            e.first("personal_data.date_of_birth"),
            Some(&Problem::Hearing(HearingProblem::DateOfBirthInFuture))
        );
        p.date_of_birth = "21.11.1906".into();
        let e = check(
            p.clone(),
            HearingChoice::NoStatement,
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert_eq!(
            e.first("personal_data.date_of_birth"),
            Some(&Problem::Hearing(HearingProblem::DateOfBirthTooEarly))
        );
        p.date_of_birth = "22.11.1906".into();
        assert!(check(p, HearingChoice::NoStatement, HearingRole::PersonConcerned).is_ok());
        assert_eq!(parse_date_of_birth(" 1.2.1990 "), Date::new(1990, 2, 1));
    }

    #[test]
    fn names_addresses_and_postcodes() {
        let mut p = personal();
        p.family_name = "R2D2".into();
        p.house_number = "a".into();
        p.postal_code = "1234".into();
        p.street = "x".repeat(LINE_MAX + 1);
        let e = check(p, HearingChoice::NoStatement, HearingRole::PersonConcerned).unwrap_err();
        assert_eq!(
            e.first("personal_data.family_name"),
            Some(&Problem::Hearing(HearingProblem::NameCharacters))
        );
        assert_eq!(
            e.first("personal_data.house_number"),
            Some(&Problem::Hearing(HearingProblem::HouseNumber))
        );
        assert_eq!(
            e.messages(Lang::De)["personal_data.postal_code"][0],
            "Die Postleitzahl hat 5 Ziffern, zum Beispiel 12345."
        );
        assert_eq!(
            e.first("personal_data.street"),
            Some(&Problem::TooLong { max: LINE_MAX })
        );
        for ok in ["12345", "1015 CJ", "SW1A 1AA", "A-1010"] {
            assert_eq!(postal_code_problem(ok), None, "{ok}");
        }
        for bad in ["123456", "ABC", "12#45", "12345678901"] {
            assert!(postal_code_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn choices_depend_on_the_role() {
        let e = check(personal(), driver(), HearingRole::PersonConcerned).unwrap_err();
        assert_eq!(
            e.first("choice.kind"),
            Some(&Problem::Hearing(HearingProblem::OnlyForKeeperWitness))
        );
        let e = check(
            personal(),
            HearingChoice::RefuseAsRelative,
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert!(e.messages(Lang::De)["choice.kind"][0]
            .starts_with("Diese Antwort ist nur für Fahrzeughalterinnen"));
        let e = check(
            personal(),
            HearingChoice::NoStatement,
            HearingRole::KeeperWitness,
        )
        .unwrap_err();
        assert_eq!(
            e.first("choice.kind"),
            Some(&Problem::Hearing(HearingProblem::NotForWitness))
        );
    }

    #[test]
    fn statement_limits() {
        let e = check(
            personal(),
            statement(&"x".repeat(STATEMENT_MAX + 1)),
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert_eq!(
            e.messages(Lang::De)["choice.text"][0],
            "Bitte kürzen Sie den Text auf höchstens 2000 Zeichen."
        );
        let e = check(
            personal(),
            statement("a\u{7}b"),
            HearingRole::PersonConcerned,
        )
        .unwrap_err();
        assert_eq!(e.first("choice.text"), Some(&Problem::ControlCharacters));
        let many = HearingChoice::Statement {
            admits: true,
            text: String::new(),
            attachments: vec!["u1".into(); 6],
        };
        let e = check(personal(), many, HearingRole::PersonConcerned).unwrap_err();
        assert_eq!(
            e.messages(Lang::En)["choice.attachments"][0],
            "Attach 5 files or fewer."
        );
        let bad = HearingChoice::Statement {
            admits: true,
            text: String::new(),
            attachments: vec!["../etc".into()],
        };
        let e = check(personal(), bad, HearingRole::PersonConcerned).unwrap_err();
        assert_eq!(
            e.first("choice.attachments"),
            Some(&Problem::Hearing(HearingProblem::AttachmentId))
        );
    }

    #[test]
    fn named_driver_is_checked() {
        let HearingChoice::NameDriver {
            street,
            house_number,
            postal_code,
            town,
            ..
        } = driver()
        else {
            unreachable!()
        };
        let c = HearingChoice::NameDriver {
            family_name: String::new(),
            given_names: "Max".into(),
            street,
            house_number,
            postal_code,
            town,
            date_of_birth: "2030-01-01".into(),
        };
        let e = check(personal(), c, HearingRole::KeeperWitness).unwrap_err();
        let de = e.messages(Lang::De);
        assert_eq!(
            de["choice.family_name"][0],
            "Bitte geben Sie den Familiennamen der Fahrerin oder des Fahrers ein."
        );
        assert_eq!(
            e.messages(Lang::En)["choice.family_name"][0],
            "Enter the driver's family name."
        );
        assert_eq!(
            de["choice.date_of_birth"][0],
            "Das Geburtsdatum darf nicht in der Zukunft liegen."
        );
        assert_eq!(de.len(), 2);
    }

    #[test]
    fn login_fields() {
        let e = SessionRequest {
            case_number: " ".into(),
            access_code: String::new(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            e.messages(Lang::De)["case_number"][0],
            "Bitte geben Sie das Aktenzeichen ein."
        );
        assert_eq!(
            e.messages(Lang::En)["access_code"][0],
            "Enter the access code."
        );
        let long = SessionRequest {
            case_number: "x".repeat(41),
            access_code: "K7MP-3XTA".into(),
        };
        assert_eq!(
            long.validate().unwrap_err().first("case_number"),
            Some(&Problem::TooLong { max: 40 })
        );
    }

    #[test]
    fn wire_format() {
        let json = r#"{"kind":"statement","admits":true}"#;
        let c: HearingChoice = serde_json::from_str(json).unwrap();
        assert_eq!(
            c,
            HearingChoice::Statement {
                admits: true,
                text: String::new(),
                attachments: vec![]
            }
        );
        assert_eq!(
            serde_json::to_string(&HearingChoice::RefuseAsRelative).unwrap(),
            r#"{"kind":"refuse_as_relative"}"#
        );
        assert_eq!(
            serde_json::to_string(&HearingStatus::DeadlinePassed).unwrap(),
            r#""deadline_passed""#
        );
        assert_eq!(
            serde_json::to_string(&MaritalStatus::CivilPartnership).unwrap(),
            r#""civil_partnership""#
        );
    }

    #[test]
    fn warning_fine_amounts() {
        assert!(is_warning_fine_amount(Cents(500)));
        assert!(is_warning_fine_amount(Cents(5500)));
        assert!(!is_warning_fine_amount(Cents(6000)));
        assert!(!is_warning_fine_amount(Cents(1250)));
        assert!(!is_warning_fine_amount(Cents(0)));
    }
}
