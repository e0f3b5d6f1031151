//! The hearing cases, sessions, login throttling and responses, in memory.

use crate::access::CodeGate;
use crate::hearings::evidence::{self, EvidenceSpec};
use crate::idempotency::{IdempotencyKey, IdempotencyStore, KeyReused, Outcome};
use crate::sync::lock;
use crate::town::treasury::Treasury;
use domain::application::normalise_code;
use domain::case_status::{CannotPay, CaseFacts};
use domain::date::Date;
use domain::hearing::{
    Evidence, FineKind, HearingCase, HearingPayee, HearingPerson, HearingReceipt, HearingResponse,
    HearingRole, HearingStatus, Offence,
};
use domain::i18n::Lang;
use domain::money::Cents;
use domain::validation::FieldErrors;
use std::sync::Mutex;

pub use crate::access::{LoginError, SessionInfo, LOCKOUT_WINDOW_SECS, MAX_FAILURES};
pub const DEFAULT_SESSION_SECS: i64 = 20 * 60;
/// One case as the town's system knows it.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    pub case_number: String,
    /// Normalised (upper case, no separators).
    pub access_code: String,
    pub role: HearingRole,
    pub kind: FineKind,
    pub amount: Cents,
    pub offence: Offence,
    pub deadline: Date,
    pub evidence: Vec<EvidenceSpec>,
    pub person: HearingPerson,
    pub kassenzeichen: String,
    /// The day the payment arrived.
    pub paid_on: Option<Date>,
    pub response: Option<HearingReceipt>,
}

impl CaseRecord {
    fn key(&self) -> String {
        normalise_code(&self.case_number)
    }

    /// The facts the shared case rules (`domain::case_status`) read.
    fn facts(&self) -> CaseFacts {
        CaseFacts {
            role: self.role,
            deadline: self.deadline,
            paid_on: self.paid_on,
            answered_on: self.response.as_ref().and_then(HearingReceipt::received_on),
        }
    }

    pub fn status(&self, today: Date) -> HearingStatus {
        self.facts().status(today)
    }

    fn payable(&self, today: Date) -> Result<(), NotPayable> {
        self.facts().payable(today).map_err(NotPayable::from)
    }

    fn view(&self, today: Date, treasury: &Treasury) -> HearingCase {
        HearingCase {
            case_number: self.case_number.clone(),
            role: self.role,
            status: self.status(today),
            offence: self.offence.clone(),
            kind: self.kind,
            amount: self.amount,
            deadline: self.deadline,
            days_left: today.days_until(self.deadline),
            evidence: self
                .evidence
                .iter()
                .map(|e| Evidence {
                    id: e.id.clone(),
                    url: format!("/api/v1/hearings/current/evidence/{}", e.id),
                    alt: e.alt.clone(),
                    width: e.width,
                    height: e.height,
                })
                .collect(),
            payee: HearingPayee {
                name: treasury.name.clone(),
                iban: treasury.iban.clone(),
                bic: treasury.bic.clone(),
                kassenzeichen: self.kassenzeichen.clone(),
            },
            payment_possible: self.payable(today).is_ok(),
            person: self.person.clone(),
            response: self.response.clone(),
            paid_on: self.paid_on,
        }
    }
}

/// What the checkout needs to take a payment for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayableCase {
    pub case_number: String,
    pub amount: Cents,
    pub kassenzeichen: String,
    pub description_de: String,
    pub description_en: String,
}

/// Why a case cannot be paid. An answered case is NOT a reason: until the deadline the
/// person concerned may still pay a warning fine (or fine) after making a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPayable {
    Unknown,
    AlreadyPaid,
    DeadlinePassed,
    /// A keeper questioned as a witness is not the one to pay.
    NotPayableRole,
}

impl From<CannotPay> for NotPayable {
    fn from(reason: CannotPay) -> NotPayable {
        match reason {
            CannotPay::AlreadyPaid => NotPayable::AlreadyPaid,
            CannotPay::Witness => NotPayable::NotPayableRole,
            CannotPay::DeadlinePassed => NotPayable::DeadlinePassed,
        }
    }
}

impl NotPayable {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NotPayable::Unknown, Lang::De) => {
                "Zu diesem Aktenzeichen gibt es keinen offenen Betrag."
            }
            (NotPayable::Unknown, Lang::En) => "There is no amount due for this case number.",
            (NotPayable::AlreadyPaid, Lang::De) => "Der Betrag wurde bereits bezahlt.",
            (NotPayable::AlreadyPaid, Lang::En) => "The amount has already been paid.",
            (NotPayable::DeadlinePassed, Lang::De) => "Die Frist zur Zahlung ist abgelaufen.",
            (NotPayable::DeadlinePassed, Lang::En) => "The deadline for payment has passed.",
            (NotPayable::NotPayableRole, Lang::De) => {
                "Als Zeugin oder Zeuge müssen Sie nichts bezahlen."
            }
            (NotPayable::NotPayableRole, Lang::En) => {
                "As a witness you do not have to pay anything."
            }
        }
    }
}

/// Why a response was not stored; the handler words it for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RespondError {
    /// The Idempotency-Key was used before for another response to this case.
    KeyReused,
    /// The session's case is gone (the store never deletes one).
    UnknownCase,
    AlreadyAnswered,
    /// Paying closed the case.
    AlreadyPaid,
    /// Problems with the response, per field.
    Invalid(FieldErrors),
    /// Every candidate reference is taken already; sending again draws new ones.
    NoFreeReference,
}

impl From<KeyReused> for RespondError {
    fn from(_: KeyReused) -> Self {
        RespondError::KeyReused
    }
}

impl std::fmt::Display for RespondError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RespondError::KeyReused => KeyReused.fmt(f),
            RespondError::UnknownCase => f.write_str("the case does not exist"),
            RespondError::AlreadyAnswered => f.write_str("the case has been answered already"),
            RespondError::AlreadyPaid => f.write_str("the case has been paid already"),
            RespondError::Invalid(errors) => {
                write!(f, "{} fields have problems", errors.0.len())
            }
            RespondError::NoFreeReference => f.write_str("every candidate reference is taken"),
        }
    }
}

impl std::error::Error for RespondError {}

pub struct HearingStore {
    cases: Mutex<Vec<CaseRecord>>,
    /// Sign-in rules, failures and sessions (shared with the notices).
    gate: CodeGate,
    responses: IdempotencyStore<HearingReceipt>,
    /// The payee of every fine.
    treasury: Treasury,
}

impl HearingStore {
    pub fn new(cases: Vec<CaseRecord>, session_secs: i64, treasury: Treasury) -> HearingStore {
        HearingStore {
            cases: Mutex::new(cases),
            gate: CodeGate::new(session_secs),
            responses: IdempotencyStore::default(),
            treasury,
        }
    }

    /// Inactivity timeout of a session.
    pub fn session_secs(&self) -> i64 {
        self.gate.session_secs()
    }

    /// Checks the pair and opens a session under `token`. Failures are counted per normalised
    /// case number whether or not it exists; the sixth attempt within the window is refused
    /// even with the right code.
    pub fn login(
        &self,
        case_number: &str,
        access_code: &str,
        token: String,
        now: i64,
    ) -> Result<SessionInfo, LoginError> {
        self.gate
            .login(case_number, access_code, token, now, |key| {
                lock(&self.cases)
                    .iter()
                    .find(|c| c.key() == key)
                    .map(|c| c.access_code.clone())
            })
    }

    /// The live session of `token`, its expiry moved forward (sliding inactivity timeout).
    pub fn authenticate(&self, token: &str, now: i64) -> Option<SessionInfo> {
        self.gate.authenticate(token, now)
    }

    pub fn logout(&self, token: &str) -> bool {
        self.gate.logout(token)
    }

    pub fn case_view(&self, case_key: &str, today: Date) -> Option<HearingCase> {
        lock(&self.cases)
            .iter()
            .find(|c| c.key() == case_key)
            .map(|c| c.view(today, &self.treasury))
    }

    /// The SVG of an evidence image of this case only.
    pub fn evidence_svg(&self, case_key: &str, id: &str) -> Option<String> {
        let cases = lock(&self.cases);
        let case = cases.iter().find(|c| c.key() == case_key)?;
        let spec = case.evidence.iter().find(|e| e.id == id)?;
        Some(evidence::svg(spec, &case.offence, &case.case_number))
    }

    /// Stores the one response of a case. `references` are random candidates (the first one
    /// not yet used is taken). Idempotent per case and key.
    pub fn respond(
        &self,
        key: &IdempotencyKey,
        case_key: &str,
        body: HearingResponse,
        references: &[String],
        now: i64,
    ) -> Result<(HearingReceipt, Outcome), RespondError> {
        // The copy in the receipt is the canonical form of what was sent, so it fingerprints it.
        let canonical = serde_json::to_string(&body).unwrap_or_default();
        let fingerprint = format!("{case_key}\n{canonical}");
        let scoped = IdempotencyKey(format!("{case_key}\n{}", key.0));
        self.responses.run(&scoped, &fingerprint, || {
            let today = Date::from_unix_seconds(now);
            let mut cases = lock(&self.cases);
            let used: Vec<String> = cases
                .iter()
                .filter_map(|c| c.response.as_ref().map(|r| r.reference.clone()))
                .collect();
            let case = cases
                .iter_mut()
                .find(|c| c.key() == case_key)
                .ok_or(RespondError::UnknownCase)?;
            if case.response.is_some() {
                return Err(RespondError::AlreadyAnswered);
            }
            if case.paid_on.is_some() {
                return Err(RespondError::AlreadyPaid);
            }
            body.validate(case.role, today)
                .map_err(RespondError::Invalid)?;
            let reference = references
                .iter()
                .find(|r| !used.contains(r))
                .cloned()
                .ok_or(RespondError::NoFreeReference)?;
            let receipt = HearingReceipt {
                reference,
                received_at: crate::clock::rfc3339(now),
                case_number: case.case_number.clone(),
                copy: body.clone(),
            };
            case.response = Some(receipt.clone());
            Ok(receipt)
        })
    }

    /// For the checkout: the amount due for a case, or why it cannot be paid.
    pub fn payable(&self, case_number: &str, today: Date) -> Result<PayableCase, NotPayable> {
        let key = normalise_code(case_number);
        let cases = lock(&self.cases);
        let case = cases
            .iter()
            .find(|c| c.key() == key)
            .ok_or(NotPayable::Unknown)?;
        case.payable(today)?;
        Ok(PayableCase {
            case_number: case.case_number.clone(),
            amount: case.amount,
            kassenzeichen: case.kassenzeichen.clone(),
            description_de: format!(
                "{}, Aktenzeichen {}",
                case.kind.label(Lang::De),
                case.case_number
            ),
            description_en: format!(
                "{}, case number {}",
                case.kind.label(Lang::En),
                case.case_number
            ),
        })
    }

    /// Records a payment that arrived on `today`. `true` if the case existed and was not paid yet.
    pub fn mark_paid(&self, case_number: &str, today: Date) -> bool {
        let key = normalise_code(case_number);
        let mut cases = lock(&self.cases);
        match cases.iter_mut().find(|c| c.key() == key) {
            Some(c) if c.paid_on.is_none() => {
                c.paid_on = Some(today);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_219_200; // 2026-11-21 00:00 UTC

    fn store() -> HearingStore {
        {
            let town = crate::town::Town::demo();
            HearingStore::seeded(
                NOW,
                DEFAULT_SESSION_SECS,
                &town.demo.hearings,
                town.treasury(),
            )
        }
    }

    fn today() -> Date {
        Date::from_unix_seconds(NOW)
    }

    #[test]
    fn payable_covers_every_reason() {
        let s = store();
        let p = s
            .payable("owi-2026-000101", today())
            .expect("open warning fine");
        assert_eq!(p.case_number, "OWI-2026-000101");
        assert_eq!(p.amount, Cents(3500));
        assert_eq!(
            p.description_de,
            "Verwarnungsgeld, Aktenzeichen OWI-2026-000101"
        );
        assert_eq!(
            p.description_en,
            "Warning fine, case number OWI-2026-000101"
        );
        assert!(!p.kassenzeichen.is_empty());
        assert_eq!(
            s.payable("OWI-2026-000102", today()).map(|p| p.amount),
            Ok(Cents(11_500))
        );
        assert_eq!(
            s.payable("OWI-2026-000103", today()),
            Err(NotPayable::NotPayableRole)
        );
        assert_eq!(
            s.payable("OWI-2026-000104", today()),
            Err(NotPayable::DeadlinePassed)
        );
        assert_eq!(
            s.payable("OWI-2026-000105", today()),
            Err(NotPayable::AlreadyPaid)
        );
        assert!(
            s.payable("OWI-2026-000106", today()).is_ok(),
            "answered but still payable"
        );
        assert!(s.payable("OWI-2026-000107", today()).is_ok(), "last day");
        assert_eq!(
            s.payable("OWI-2026-000107", today().add_days(1)),
            Err(NotPayable::DeadlinePassed)
        );
        assert_eq!(
            s.payable("OWI-2026-999999", today()),
            Err(NotPayable::Unknown)
        );
    }

    #[test]
    fn mark_paid_once() {
        let s = store();
        assert!(s.mark_paid("OWI-2026-000101", today()));
        assert!(
            !s.mark_paid("OWI-2026-000101", today().add_days(1)),
            "second time changes nothing"
        );
        assert_eq!(
            s.payable("OWI-2026-000101", today()),
            Err(NotPayable::AlreadyPaid)
        );
        assert!(!s.mark_paid("OWI-2026-999999", today()));
        let key = normalise_code("OWI-2026-000101");
        let view = s.case_view(&key, today()).unwrap();
        assert_eq!(
            (view.status, view.payment_possible, view.paid_on),
            (HearingStatus::Paid, false, Some(today()))
        );
    }

    #[test]
    fn fines_go_to_the_treasury_account() {
        let view = store()
            .case_view(&normalise_code("OWI-2026-000101"), today())
            .unwrap();
        assert_eq!(
            view.payee.iban, "DE09123456780001234567",
            "the README shows this IBAN"
        );
        assert_eq!(view.payee.bic, "MUSTDEM1XXX");
        assert_eq!(view.payee.name, "Stadt Musterstadt");
    }

    #[test]
    fn lockout_counts_per_case_number_and_expires() {
        let s = store();
        for i in 0..MAX_FAILURES as i64 {
            assert_eq!(
                s.login("OWI-2026-000101", "WRONGCODE", "t".into(), NOW + i * 60),
                Err(LoginError::Wrong)
            );
        }
        // Oldest failure at NOW; at NOW + 300 it leaves the window in 600 s.
        assert_eq!(
            s.login("owi 2026 000101", "K7MP-3XTA", "t".into(), NOW + 300),
            Err(LoginError::Locked {
                retry_after_secs: 600
            })
        );
        // At NOW + 15 min the oldest failure has left the window: one more try is allowed.
        assert!(s
            .login(
                "OWI-2026-000101",
                "k7mp3xta",
                "t".into(),
                NOW + LOCKOUT_WINDOW_SECS
            )
            .is_ok());
        // A success clears the counter.
        assert_eq!(
            s.login("OWI-2026-000101", "WRONGCODE", "t".into(), NOW + 901),
            Err(LoginError::Wrong)
        );
        assert!(s
            .login("OWI-2026-000101", "K7MP3XTA", "t".into(), NOW + 902)
            .is_ok());
        // Unknown case numbers are counted the same way.
        for _ in 0..MAX_FAILURES {
            assert_eq!(
                s.login("OWI-2026-424242", "K7MP3XTA", "t".into(), NOW),
                Err(LoginError::Wrong)
            );
        }
        assert!(matches!(
            s.login("OWI-2026-424242", "K7MP3XTA", "t".into(), NOW),
            Err(LoginError::Locked { .. })
        ));
    }

    #[test]
    fn sessions_slide_and_end() {
        let s = store();
        let sess = s
            .login("OWI-2026-000101", " k7mp 3xta ", "tok".into(), NOW)
            .unwrap();
        assert_eq!(sess.expires_at, NOW + DEFAULT_SESSION_SECS);
        let again = s.authenticate("tok", NOW + 1000).unwrap();
        assert_eq!(again.expires_at, NOW + 1000 + DEFAULT_SESSION_SECS);
        assert!(s
            .authenticate("tok", NOW + 1000 + DEFAULT_SESSION_SECS)
            .is_none());
        assert!(
            s.authenticate("tok", NOW).is_none(),
            "an expired session is gone"
        );
        s.login("OWI-2026-000101", "K7MP3XTA", "tok2".into(), NOW)
            .unwrap();
        assert!(s.logout("tok2"));
        assert!(s.authenticate("tok2", NOW).is_none());
    }
}
