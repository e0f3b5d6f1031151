//! Guided form wizards: what citizens send through the town's forms
//! (applications, drafts, uploads, appointment slots, meter readings), all in memory.

pub mod chunks;
pub mod definitions;
pub mod handlers;
pub mod reference;
pub mod resumable;
pub mod uploads;

use crate::idempotency::{IdempotencyKey, IdempotencyStore, KeyReused, Outcome};
use crate::sync::lock;
use axum::body::Bytes;
use domain::application::{
    ApplicationReceipt, ApplicationRequest, Draft, DraftSaved, Payee, Slot, UploadReceipt,
};
use domain::date::Date;
use domain::form::{
    validate_all, visible_answers, Answer, Answers, Field, FieldKind, FormDefinition, FormProblem,
};
use domain::i18n::Text;
use domain::money::Cents;
use domain::validation::{FieldErrors, Problem};
use std::collections::HashMap;
use std::sync::Mutex;

/// The service whose form reports garden water meter readings, and the field ids the server's
/// meter rule reads (a reading may not be below the last one known for the meter).
pub const METER_SERVICE: &str = "gartenwasserzaehler";
pub const METER_FIELD: &str = "zaehlernummer";
pub const READING_FIELD: &str = "stand";

/// Drafts are kept this many days (the code's validity shown to the user).
pub const DRAFT_DAYS: i64 = 30;

/// What the checkout needs to know about an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payable {
    pub reference: String,
    pub service_id: String,
    pub service_name: Text,
    /// The server-computed total; zero for free services (nothing to pay).
    pub amount: Cents,
    pub paid: bool,
    pub payee: Option<Payee>,
}

/// Why an application was not stored; the handler words it for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    /// The Idempotency-Key was used before for another request.
    KeyReused,
    /// Problems with the answers, per field.
    Invalid(FieldErrors),
    /// A chosen appointment slot was taken, or has passed, in the meantime.
    SlotTaken,
    /// The application a key created is gone (the store never deletes one).
    Missing,
}

impl From<KeyReused> for SubmitError {
    fn from(_: KeyReused) -> Self {
        SubmitError::KeyReused
    }
}

impl std::fmt::Display for SubmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SubmitError::KeyReused => KeyReused.fmt(f),
            SubmitError::Invalid(errors) => {
                write!(f, "{} fields have problems", errors.0.len())
            }
            SubmitError::SlotTaken => f.write_str("the appointment slot is no longer free"),
            SubmitError::Missing => f.write_str("the stored application is missing"),
        }
    }
}

impl std::error::Error for SubmitError {}

struct StoredApplication {
    receipt: ApplicationReceipt,
    /// Only the answers of visible steps and fields, as validated.
    answers: Answers,
}

struct StoredDraft {
    draft: Draft,
    expires_on: Date,
}

struct StoredUpload {
    receipt: UploadReceipt,
    bytes: Bytes,
}

/// A slot a form offers, planned by the appointment engine, which also knows whether it is
/// still free (one engine for visits and wedding slots).
struct StoredSlot {
    service_id: String,
    slot: Slot,
    location: String,
    concern: String,
}

#[derive(Default)]
struct Data {
    applications: HashMap<String, StoredApplication>,
    drafts: HashMap<String, StoredDraft>,
    uploads: HashMap<String, StoredUpload>,
    slots: Vec<StoredSlot>,
    meters: HashMap<String, i64>,
}

pub struct FormStore {
    data: Mutex<Data>,
    /// Where fees are paid to.
    treasury: crate::town::treasury::Treasury,
    /// Idempotency-Key → reference of the application it created.
    submissions: IdempotencyStore<String>,
    /// The slot engine the forms' slots are taken in.
    appointments: std::sync::Arc<crate::appointments::AppointmentStore>,
    /// Unfinished chunked uploads; finished ones move into `uploads`.
    resumable: chunks::ResumableStore,
}

impl FormStore {
    /// The town's demo data: appointment slots generated from `today` and the known meters.
    pub fn for_town(town: &crate::town::Town, today: Date) -> FormStore {
        let appointments = std::sync::Arc::new(crate::appointments::AppointmentStore::new(
            town.appointments.clone(),
        ));
        FormStore::with_appointments(town, today, appointments)
    }

    /// As [`FormStore::for_town`], taking slots in the given appointment store.
    pub fn with_appointments(
        town: &crate::town::Town,
        today: Date,
        appointments: std::sync::Arc<crate::appointments::AppointmentStore>,
    ) -> FormStore {
        let names = |id: &str| {
            town.appointments
                .as_ref()
                .and_then(|o| o.location(id))
                .map(|l| Text {
                    de: format!("{}, {}", l.name.de, l.address),
                    en: format!("{}, {}", l.name.en, l.address),
                })
                .unwrap_or_else(|| Text::new(id, id))
        };
        let slots = town
            .demo
            .slots
            .iter()
            .flat_map(|plan| {
                appointments
                    .plan_slots(
                        &plan.concern,
                        &plan.locations,
                        today.add_days(plan.first_after_days),
                        plan.count,
                    )
                    .into_iter()
                    .map(|(location, date, time)| StoredSlot {
                        service_id: plan.service.clone(),
                        slot: Slot {
                            id: format!("{location}-{}-{}", date.iso(), time.replace(':', "")),
                            date,
                            time,
                            place: names(&location),
                        },
                        location,
                        concern: plan.concern.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let data = Data {
            slots,
            meters: town
                .demo
                .meters
                .iter()
                .map(|m| (m.meter.clone(), m.last))
                .collect(),
            ..Data::default()
        };
        FormStore {
            data: Mutex::new(data),
            treasury: town.treasury(),
            submissions: IdempotencyStore::default(),
            appointments,
            resumable: chunks::ResumableStore::default(),
        }
    }

    /// Free slots of a service after `today`, earliest first.
    pub fn free_slots(&self, service_id: &str, today: Date) -> Vec<Slot> {
        let data = lock(&self.data);
        let mut slots: Vec<Slot> = data
            .slots
            .iter()
            .filter(|s| {
                s.service_id == service_id
                    && self.appointments.slot_is_free(
                        &s.location,
                        &s.concern,
                        s.slot.date,
                        &s.slot.time,
                        today,
                    )
            })
            .map(|s| s.slot.clone())
            .collect();
        slots.sort_by(|a, b| (a.date, &a.time).cmp(&(b.date, &b.time)));
        slots
    }

    /// Validates, prices and stores an application once per idempotency key. The caller has
    /// checked that `def` is the service's current form and `req.form_version` matches it.
    pub fn submit(
        &self,
        key: &IdempotencyKey,
        req: &ApplicationRequest,
        def: &FormDefinition,
        service_name: &Text,
        now: i64,
    ) -> Result<(ApplicationReceipt, Outcome), SubmitError> {
        // The clock's notion of today (UTC date of `now`), for the date rules.
        let today = Date::from_unix_seconds(now);
        // serde_json writes maps in key order (Answers is a BTreeMap): a canonical fingerprint.
        let fingerprint = serde_json::to_string(req).unwrap_or_default();
        let (reference, outcome) = self.submissions.run(key, &fingerprint, || {
            self.create(req, def, service_name, today, now)
        })?;
        // The current receipt: `paid` may have changed since the first request.
        let receipt = self.receipt(&reference).ok_or(SubmitError::Missing)?;
        Ok((receipt, outcome))
    }

    fn create(
        &self,
        req: &ApplicationRequest,
        def: &FormDefinition,
        service_name: &Text,
        today: Date,
        now: i64,
    ) -> Result<String, SubmitError> {
        // Answers of hidden steps and fields are dropped before anything is checked, priced or kept.
        let answers = visible_answers(def, &req.answers);
        let mut errors = validate_all(def, &answers, today);
        // One lock for checking and taking: a slot or a meter reading cannot change in between.
        let mut data = lock(&self.data);

        let mut slot_answers = Vec::new();
        let top: Vec<&Field> = def.fields().map(|(_, f)| f).collect();
        walk(
            &top,
            &answers,
            "",
            &mut |field, answer, path| match (&field.kind, answer) {
                (FieldKind::FileUpload, Answer::File(f)) if !data.uploads.contains_key(&f.id) => {
                    errors.add(&path, Problem::Form(FormProblem::UploadNotFound))
                }
                (FieldKind::AppointmentSlot, Answer::Text(id)) => {
                    slot_answers.push((path, id.clone()))
                }
                _ => {}
            },
        );

        let mut slots_to_take = Vec::new();
        for (path, id) in &slot_answers {
            match data
                .slots
                .iter()
                .position(|s| s.service_id == def.id && &s.slot.id == id)
            {
                None => errors.add(path, Problem::Form(FormProblem::UnknownOption)),
                Some(i) => slots_to_take.push(i),
            }
        }

        let reading = meter_reading(def, &answers);
        if let Some((meter, value)) = &reading {
            if errors.first(READING_FIELD).is_none() && errors.first(METER_FIELD).is_none() {
                if let Some(&last) = data.meters.get(meter) {
                    if *value < last {
                        errors.add(
                            READING_FIELD,
                            Problem::Form(FormProblem::ReadingBelowLast { last }),
                        );
                    }
                }
            }
        }

        if !errors.is_empty() {
            return Err(SubmitError::Invalid(errors));
        }
        let reference = loop {
            let candidate = reference::random_code(8);
            if !data.applications.contains_key(&candidate) {
                break candidate;
            }
        };
        // Taken in the engine (checked and taken in one step there); all or none.
        let mut held: Vec<String> = Vec::new();
        for (n, &i) in slots_to_take.iter().enumerate() {
            let s = &data.slots[i];
            let owner = format!("{reference}#{n}");
            let taken = self.appointments.take_slot(
                &owner,
                &s.location,
                &s.concern,
                s.slot.date,
                &s.slot.time,
                today,
            );
            if taken.is_err() {
                for o in &held {
                    self.appointments.release(o);
                }
                return Err(SubmitError::SlotTaken);
            }
            held.push(owner);
        }
        if let Some((meter, value)) = reading {
            data.meters.insert(meter, value);
        }
        let fee = def.fee.compute(&answers);
        let payee =
            (fee.total > Cents::ZERO).then(|| reference::town_payee(&self.treasury, &reference));
        let receipt = ApplicationReceipt {
            reference: reference.clone(),
            service_id: def.id.clone(),
            service_name: service_name.clone(),
            submitted_at: crate::clock::rfc3339(now),
            fee,
            payee,
            paid: false,
        };
        data.applications
            .insert(reference.clone(), StoredApplication { receipt, answers });
        Ok(reference)
    }

    /// A past application of the demo data (no answers kept).
    pub fn insert_receipt(&self, receipt: ApplicationReceipt) {
        lock(&self.data).applications.insert(
            receipt.reference.clone(),
            StoredApplication {
                receipt,
                answers: Answers::new(),
            },
        );
    }

    pub fn receipt(&self, reference: &str) -> Option<ApplicationReceipt> {
        lock(&self.data)
            .applications
            .get(reference)
            .map(|a| a.receipt.clone())
    }

    /// For the checkout: amount, state and payee of an application; `None` if unknown.
    pub fn payable(&self, reference: &str) -> Option<Payable> {
        lock(&self.data)
            .applications
            .get(reference)
            .map(|a| Payable {
                reference: a.receipt.reference.clone(),
                service_id: a.receipt.service_id.clone(),
                service_name: a.receipt.service_name.clone(),
                amount: a.receipt.fee.total,
                paid: a.receipt.paid,
                payee: a.receipt.payee.clone(),
            })
    }

    /// Marks the fee as paid. `false` if the application is unknown or has nothing to pay;
    /// marking an already paid application again is `true` (payment callbacks repeat).
    pub fn mark_paid(&self, reference: &str) -> bool {
        match lock(&self.data).applications.get_mut(reference) {
            Some(a) if a.receipt.fee.total > Cents::ZERO => {
                a.receipt.paid = true;
                true
            }
            _ => false,
        }
    }

    pub fn application_count(&self) -> usize {
        lock(&self.data).applications.len()
    }

    /// The answers kept for an application (visible ones only).
    pub fn stored_answers(&self, reference: &str) -> Option<Answers> {
        lock(&self.data)
            .applications
            .get(reference)
            .map(|a| a.answers.clone())
    }

    pub fn last_reading(&self, meter: &str) -> Option<i64> {
        lock(&self.data).meters.get(meter).copied()
    }

    /// Stores a checked upload under a fresh unguessable id.
    pub fn add_upload(&self, name: String, content_type: &str, bytes: Bytes) -> UploadReceipt {
        let mut data = lock(&self.data);
        let id = loop {
            let candidate = reference::upload_id();
            if !data.uploads.contains_key(&candidate) {
                break candidate;
            }
        };
        let receipt = UploadReceipt {
            id: id.clone(),
            name,
            size: bytes.len() as u64,
            content_type: content_type.into(),
        };
        data.uploads.insert(
            id,
            StoredUpload {
                receipt: receipt.clone(),
                bytes,
            },
        );
        receipt
    }

    pub fn resumable(&self) -> &chunks::ResumableStore {
        &self.resumable
    }

    /// The stored type and bytes of an upload (the mock's dev endpoint).
    pub fn upload_content(&self, id: &str) -> Option<(String, Bytes)> {
        lock(&self.data)
            .uploads
            .get(id)
            .map(|u| (u.receipt.content_type.clone(), u.bytes.clone()))
    }

    pub fn upload(&self, id: &str) -> Option<UploadReceipt> {
        lock(&self.data).uploads.get(id).map(|u| u.receipt.clone())
    }

    pub fn save_draft(&self, draft: Draft, today: Date) -> DraftSaved {
        let mut data = lock(&self.data);
        // Expired drafts are dropped here, so memory stays bounded by 30 days of drafts.
        data.drafts.retain(|_, d| d.expires_on >= today);
        let code = loop {
            let candidate = reference::random_code(8);
            if !data.drafts.contains_key(&candidate) {
                break candidate;
            }
        };
        let expires_on = today.add_days(DRAFT_DAYS);
        data.drafts
            .insert(code.clone(), StoredDraft { draft, expires_on });
        DraftSaved { code, expires_on }
    }

    /// A saved draft by its code as the user typed it (any case, spaces and hyphens);
    /// `None` if unknown or expired (valid up to and including `expires_on`).
    pub fn draft(&self, code: &str, today: Date) -> Option<Draft> {
        let code = domain::application::normalise_code(code);
        lock(&self.data)
            .drafts
            .get(&code)
            .filter(|d| d.expires_on >= today)
            .map(|d| d.draft.clone())
    }
}

/// Calls `f` for every answered field, descending into group items (`hunde.0.chip`).
fn walk(
    fields: &[&Field],
    answers: &Answers,
    prefix: &str,
    f: &mut impl FnMut(&Field, &Answer, String),
) {
    for field in fields {
        let Some(answer) = answers.get(&field.id) else {
            continue;
        };
        let path = if prefix.is_empty() {
            field.id.clone()
        } else {
            format!("{prefix}.{}", field.id)
        };
        match (&field.kind, answer) {
            (FieldKind::Group { fields: sub, .. }, Answer::Group(items)) => {
                let sub: Vec<&Field> = sub.iter().collect();
                for (i, item) in items.iter().enumerate() {
                    walk(&sub, item, &format!("{path}.{i}"), f);
                }
            }
            _ => f(field, answer, path),
        }
    }
}

/// Meter number (without spaces, as the digits rule reads it) and reading of a garden water
/// meter report; `None` for other services or unparsable input (validation reports that).
fn meter_reading(def: &FormDefinition, answers: &Answers) -> Option<(String, i64)> {
    if def.id != METER_SERVICE {
        return None;
    }
    let meter: String = answers
        .get(METER_FIELD)?
        .as_text()?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let value = answers.get(READING_FIELD)?.as_text()?.trim().parse().ok()?;
    Some((meter, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::form::AddressAnswer;

    /// 2026-11-21 12:00 UTC.
    const NOW: i64 = 1_795_219_200 + 12 * 3600;

    fn today() -> Date {
        Date::new(2026, 11, 21).unwrap()
    }

    fn text(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    fn register_answers() -> Answers {
        let address = |street: &str| {
            Answer::Address(AddressAnswer {
                street: street.into(),
                house_number: "1".into(),
                postal_code: "12345".into(),
                town: "Musterstadt".into(),
            })
        };
        [
            ("gesucht_vorname", text("Erika")),
            ("gesucht_nachname", text("Mustermann")),
            ("gesucht_anschrift", address("Lindenallee")),
            ("zweck", text("privat")),
            ("vorname", text("Max")),
            ("nachname", text("Muster")),
            ("anschrift", address("Hauptstraße")),
            ("email", text("max@example.org")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    fn submit_register(store: &FormStore, key: &str) -> ApplicationReceipt {
        let def = definitions::find("melderegisterauskunft", today()).unwrap();
        let req = ApplicationRequest {
            service_id: def.id.clone(),
            form_version: def.version,
            answers: register_answers(),
        };
        store
            .submit(&IdempotencyKey(key.into()), &req, &def, &def.title, NOW)
            .unwrap()
            .0
    }

    #[test]
    fn payable_and_mark_paid() {
        let store = FormStore::for_town(&crate::town::Town::demo(), today());
        let receipt = submit_register(&store, "k1");
        let p = store.payable(&receipt.reference).unwrap();
        assert_eq!((p.amount, p.paid), (Cents(700), false));
        assert_eq!(p.service_name.de, "Melderegisterauskunft");
        assert_eq!(
            p.payee.as_ref().map(|p| p.remittance.clone()),
            Some(format!("Antrag {}", receipt.reference))
        );
        assert!(store.mark_paid(&receipt.reference));
        assert!(
            store.mark_paid(&receipt.reference),
            "repeated callbacks are fine"
        );
        assert!(store.payable(&receipt.reference).unwrap().paid);
        assert!(
            store.receipt(&receipt.reference).unwrap().paid,
            "the receipt shows it too"
        );
        assert!(!store.mark_paid("NOPE2345"));
        assert!(store.payable("NOPE2345").is_none());
    }

    #[test]
    fn free_applications_have_nothing_to_pay() {
        let store = FormStore::for_town(&crate::town::Town::demo(), today());
        let def = definitions::find("gartenwasserzaehler", today()).unwrap();
        let mut answers: Answers = [
            ("zaehlernummer", "4711001"),
            ("stand", "130"),
            ("ablesedatum", "2026-11-20"),
            ("vorname", "A"),
            ("nachname", "B"),
            ("email", "a@b.de"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), text(v)))
        .collect();
        answers.insert(
            "anschrift".into(),
            Answer::Address(AddressAnswer {
                street: "Gartenweg".into(),
                house_number: "2".into(),
                postal_code: "12345".into(),
                town: "M".into(),
            }),
        );
        let req = ApplicationRequest {
            service_id: def.id.clone(),
            form_version: 1,
            answers,
        };
        let (receipt, _) = store
            .submit(&IdempotencyKey("w".into()), &req, &def, &def.title, NOW)
            .unwrap();
        assert!(receipt.payee.is_none());
        assert_eq!(
            store.payable(&receipt.reference).map(|p| p.amount),
            Some(Cents::ZERO)
        );
        assert!(!store.mark_paid(&receipt.reference));
        assert_eq!(store.last_reading("4711001"), Some(130));
    }

    #[test]
    fn replay_returns_the_current_receipt() {
        let store = FormStore::for_town(&crate::town::Town::demo(), today());
        let first = submit_register(&store, "k");
        store.mark_paid(&first.reference);
        let again = submit_register(&store, "k");
        assert_eq!(again.reference, first.reference);
        assert!(again.paid);
        assert_eq!(store.application_count(), 1);
    }

    #[test]
    fn wedding_slots_are_on_weekdays_after_today() {
        let store = FormStore::for_town(&crate::town::Town::demo(), today());
        let slots = store.free_slots("eheschliessung", today());
        assert_eq!(slots.len(), 10);
        assert!(slots
            .iter()
            .all(|s| s.date > today() && !s.date.weekday().is_weekend()));
        assert!(store.free_slots("hundeanmeldung", today()).is_empty());
        assert!(
            store
                .free_slots("eheschliessung", today().add_days(365))
                .is_empty(),
            "past slots are not offered"
        );
    }

    #[test]
    fn drafts_expire_after_thirty_days() {
        let store = FormStore::for_town(&crate::town::Town::demo(), today());
        let saved = store.save_draft(
            Draft {
                service_id: "urkunden".into(),
                form_version: 1,
                answers: Answers::new(),
            },
            today(),
        );
        assert_eq!(saved.expires_on, Date::new(2026, 12, 21).unwrap());
        let typed = format!("{}-{} ", &saved.code[..4], saved.code[4..].to_lowercase());
        assert!(store.draft(&typed, today().add_days(30)).is_some());
        assert!(store.draft(&saved.code, today().add_days(31)).is_none());
    }
}
