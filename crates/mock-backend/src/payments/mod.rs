//! The checkout: payments for application fees, hearing fines and notices, in memory.
//!
//! Rules (see also README "Test payments"):
//! - The server prices every item through the owning store (`FormStore::payable`,
//!   `HearingStore::payable`, `NoticeStore::payable`); a request cannot carry an amount. A
//!   notice item becomes one line per chosen instalment (its whole open amount) plus a line per
//!   charge; an instalment counts as an item of its own for the pending and paid rules.
//! - Creation is idempotent per `Idempotency-Key` (same body → the same payment, other body → 409).
//! - Pending-item policy: an item with a pending *online* payment (INITIAL, under 90 minutes
//!   old) cannot be put into another payment; the request is refused (422 on `items.N`) rather
//!   than answered with the pending payment, because that one may use another method or return
//!   URL, and handing its id to whoever knows an item reference would let them cancel it.
//!   A pending TRANSFER does not block: it is only an instruction until the money arrives, and
//!   blocking would lock people out of paying online for days. Whichever payment of an item is
//!   PAYED first cancels the other pending payments of that item (superseded), so an item is
//!   never marked paid twice; money arriving for a superseded transfer is refused (409) and
//!   refunded by the treasury.
//! - Online payments expire 90 minutes after creation (computed on read); transfers do not.
//! - Every state change happens under the store lock after checking INITIAL, and marking items
//!   paid happens inside the same lock, so a double submit cannot pay anything twice.

pub mod handlers;
pub mod methods;
pub mod psp;

use crate::forms::FormStore;
use crate::hearings::HearingStore;
use crate::idempotency::{IdempotencyKey, IdempotencyStore, KeyReused, Outcome};
use crate::notices::NoticeStore;
use crate::sync::lock;
use domain::application::normalise_code;
use domain::date::Date;
use domain::i18n::{Lang, Text};
use domain::money::Cents;
use domain::payment::{
    clean_purpose, clip_description, is_valid_return_url, Payment, PaymentItem, PaymentItemKind,
    PaymentItemRequest, PaymentMethod, PaymentMethodId, PaymentRequest, PaymentStatus,
    TransferDetails, EXPIRY_SECS,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

/// More items than a person plausibly pays at once is a broken or hostile client.
pub const MAX_ITEMS: usize = 20;

/// Field id → messages in the caller's language (the `errors` of a 422 problem).
pub type FieldMessages = BTreeMap<String, Vec<String>>;

/// Why a payment was not created; the handler words it for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateError {
    /// The Idempotency-Key was used before for another request.
    KeyReused,
    /// Problems per field, already worded in the caller's language.
    Fields(FieldMessages),
    /// The items' sum does not fit the amount type.
    TotalOutOfRange,
    /// The payment a key created is gone (the store never deletes one).
    Missing,
}

impl From<KeyReused> for CreateError {
    fn from(_: KeyReused) -> Self {
        CreateError::KeyReused
    }
}

impl std::fmt::Display for CreateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreateError::KeyReused => KeyReused.fmt(f),
            CreateError::Fields(fields) => write!(f, "{} fields have problems", fields.len()),
            CreateError::TotalOutOfRange => f.write_str("the total is out of range"),
            CreateError::Missing => f.write_str("the stored payment is missing"),
        }
    }
}

impl std::error::Error for CreateError {}

/// Where the mock payment provider (`psp`) shows payment `id`: the online methods'
/// `redirect_url`.
pub fn provider_page_path(id: &str) -> String {
    format!("/mock-psp/{id}")
}

/// The stores that own what can be paid: they price items and are told when they are paid.
#[derive(Clone, Copy)]
pub struct ItemStores<'a> {
    pub forms: &'a FormStore,
    pub hearings: &'a HearingStore,
    pub notices: &'a NoticeStore,
}

/// The letters the caller is signed in to (normalised numbers), from its Bearer token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SignedIn<'a> {
    pub hearing: Option<&'a str>,
    pub notice: Option<&'a str>,
}

/// How a payment ends at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    Pay,
    Fail,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinishError {
    NotFound,
    /// Not (or no longer) INITIAL, or not the kind of payment this transition applies to.
    NotOpen(Box<Payment>),
}

struct Record {
    id: String,
    reference: String,
    /// INITIAL, PAYED, FAILED or CANCELED; EXPIRED is derived from the clock on read.
    status: PaymentStatus,
    method: PaymentMethodId,
    items: Vec<PaymentItem>,
    amount: Cents,
    purpose: String,
    description: String,
    created_at: i64,
    updated_at: i64,
    paid_at: Option<i64>,
    return_url: String,
    transfer: Option<TransferDetails>,
}

impl Record {
    fn expires_at(&self) -> Option<i64> {
        self.method
            .is_online()
            .then_some(self.created_at + EXPIRY_SECS)
    }

    fn status(&self, now: i64) -> PaymentStatus {
        match (self.status, self.expires_at()) {
            (PaymentStatus::Initial, Some(at)) if now >= at => PaymentStatus::Expired,
            (s, _) => s,
        }
    }

    fn covers(&self, key: &LineKey) -> bool {
        self.items.iter().any(|i| line_key(i) == *key)
    }

    fn view(&self, now: i64) -> Payment {
        let status = self.status(now);
        let updated_at = match (status, self.expires_at()) {
            (PaymentStatus::Expired, Some(at)) => at.max(self.updated_at),
            _ => self.updated_at,
        };
        Payment {
            id: self.id.clone(),
            reference: self.reference.clone(),
            status,
            method: self.method,
            amount: self.amount,
            items: self.items.clone(),
            purpose: self.purpose.clone(),
            description: self.description.clone(),
            created_at: crate::clock::rfc3339(self.created_at),
            updated_at: crate::clock::rfc3339(updated_at),
            paid_at: self.paid_at.map(crate::clock::rfc3339),
            expires_at: self.expires_at().map(crate::clock::rfc3339),
            redirect_url: self
                .method
                .is_online()
                .then(|| provider_page_path(&self.id)),
            transfer: self.transfer.clone(),
        }
    }
}

pub struct PaymentStore {
    methods: Vec<PaymentMethod>,
    treasury: crate::town::treasury::Treasury,
    payments: Mutex<HashMap<String, Record>>,
    /// Idempotency-Key → id of the payment it created.
    creations: IdempotencyStore<String>,
}

fn pick(lang: Lang, de: &str, en: &str) -> String {
    match lang {
        Lang::De => de.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// What the pending and paid rules count as one item: an application, a case, or one
/// instalment of a notice.
type LineKey = (PaymentItemKind, String, Option<String>);

fn line_key(item: &PaymentItem) -> LineKey {
    (
        item.kind,
        normalise_code(&item.reference),
        item.part.clone(),
    )
}

fn item_key(item: &PaymentItemRequest) -> (PaymentItemKind, String) {
    match item {
        PaymentItemRequest::Application { reference } => {
            (PaymentItemKind::Application, normalise_code(reference))
        }
        PaymentItemRequest::Hearing { case_number } => {
            (PaymentItemKind::Hearing, normalise_code(case_number))
        }
        PaymentItemRequest::Notice { kassenzeichen, .. } => {
            (PaymentItemKind::Notice, normalise_code(kassenzeichen))
        }
    }
}

/// The item's lines priced by the store that owns it, or the message why it cannot be paid.
fn price(
    item: &PaymentItemRequest,
    key: &str,
    stores: ItemStores<'_>,
    today: Date,
    lang: Lang,
) -> Result<Vec<PaymentItem>, String> {
    if let PaymentItemRequest::Notice { items, .. } = item {
        return stores
            .notices
            .payable(key, items, today)
            .map(|(_, lines)| lines)
            .map_err(|reason| reason.message(lang));
    }
    price_one(item, key, stores, today, lang).map(|line| vec![line])
}

fn price_one(
    item: &PaymentItemRequest,
    key: &str,
    stores: ItemStores<'_>,
    today: Date,
    lang: Lang,
) -> Result<PaymentItem, String> {
    match item {
        PaymentItemRequest::Notice { .. } => Err(pick(
            lang,
            "Zu diesem Kassenzeichen gibt es keinen offenen Betrag.",
            "There is no amount due for this Kassenzeichen.",
        )),
        PaymentItemRequest::Application { .. } => {
            let p = stores.forms.payable(key).ok_or_else(|| {
                pick(
                    lang,
                    "Zu dieser Vorgangsnummer gibt es keinen Antrag.",
                    "There is no application with this reference.",
                )
            })?;
            if p.paid {
                return Err(pick(
                    lang,
                    "Die Gebühr für diesen Antrag wurde bereits bezahlt.",
                    "The fee for this application has already been paid.",
                ));
            }
            if p.amount <= Cents::ZERO {
                return Err(pick(
                    lang,
                    "Für diesen Antrag ist keine Gebühr zu zahlen.",
                    "There is no fee to pay for this application.",
                ));
            }
            Ok(PaymentItem {
                kind: PaymentItemKind::Application,
                label: Text {
                    de: format!("{} – Antrag {}", p.service_name.de, p.reference),
                    en: format!("{} – application {}", p.service_name.en, p.reference),
                },
                reference: p.reference,
                amount: p.amount,
                part: None,
            })
        }
        PaymentItemRequest::Hearing { .. } => {
            let c = stores
                .hearings
                .payable(key, today)
                .map_err(|reason| reason.message(lang).to_owned())?;
            Ok(PaymentItem {
                kind: PaymentItemKind::Hearing,
                label: Text {
                    de: c.description_de,
                    en: c.description_en,
                },
                reference: c.case_number,
                amount: c.amount,
                part: None,
            })
        }
    }
}

fn payment_id() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let tail: String = (0..20)
        .map(|_| char::from(CHARS[rand::random_range(0..CHARS.len())]))
        .collect();
    format!("pay_{tail}")
}

impl PaymentStore {
    /// The methods offered and the account payments go to.
    pub fn new(
        methods: Vec<PaymentMethod>,
        treasury: crate::town::treasury::Treasury,
    ) -> PaymentStore {
        PaymentStore {
            methods,
            treasury,
            payments: Mutex::new(HashMap::new()),
            creations: IdempotencyStore::default(),
        }
    }

    pub fn methods(&self) -> &[PaymentMethod] {
        &self.methods
    }

    /// The payee shown on the provider pages and in transfer details.
    pub fn treasury(&self) -> &crate::town::treasury::Treasury {
        &self.treasury
    }

    /// Creates a payment once per idempotency key. On replay the payment's current state is
    /// returned.
    pub fn create(
        &self,
        lang: Lang,
        key: &IdempotencyKey,
        req: &PaymentRequest,
        stores: ItemStores<'_>,
        signed_in: SignedIn<'_>,
        now: i64,
    ) -> Result<(Payment, Outcome), CreateError> {
        let fingerprint = serde_json::to_string(req).unwrap_or_default();
        let (id, outcome) = self.creations.run(key, &fingerprint, || {
            self.create_new(lang, req, stores, signed_in, now)
        })?;
        let payment = self.get(&id, now).ok_or(CreateError::Missing)?;
        Ok((payment, outcome))
    }

    fn create_new(
        &self,
        lang: Lang,
        req: &PaymentRequest,
        stores: ItemStores<'_>,
        signed_in: SignedIn<'_>,
        now: i64,
    ) -> Result<String, CreateError> {
        // The clock's notion of today (UTC date of `now`), for the hearings' deadlines.
        let today = Date::from_unix_seconds(now);
        let mut errors = FieldMessages::new();
        let mut add = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message)
        };
        if !self.methods.iter().any(|m| m.id == req.method) {
            add(
                "method",
                pick(
                    lang,
                    "Diese Zahlungsart bietet die Stadt nicht an. Bitte wählen Sie eine andere.",
                    "The town does not offer this payment method. Please choose another one.",
                ),
            );
        }
        if !is_valid_return_url(&req.return_url) {
            add(
                "return_url",
                pick(
                    lang,
                    "Die Rücksprungadresse muss mit /kasse/rueckkehr beginnen und darf keine Kennungen, Parameter oder Ziffern enthalten.",
                    "The return URL must start with /kasse/rueckkehr and must not contain ids, parameters or digits.",
                ),
            );
        }
        if req.items.is_empty() {
            add(
                "items",
                pick(
                    lang,
                    "Bitte wählen Sie mindestens einen Posten zum Bezahlen aus.",
                    "Choose at least one item to pay.",
                ),
            );
        } else if req.items.len() > MAX_ITEMS {
            add(
                "items",
                pick(
                    lang,
                    "Bitte bezahlen Sie höchstens 20 Posten auf einmal.",
                    "Pay at most 20 items at once.",
                ),
            );
        }

        // One lock from the pending check to the insert: two requests cannot both pass it.
        let mut payments = lock(&self.payments);
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        if req.items.len() <= MAX_ITEMS {
            for (i, item) in req.items.iter().enumerate() {
                let field = format!("items.{i}");
                let key = item_key(item);
                if !seen.insert(key.clone()) {
                    add(
                        &field,
                        pick(
                            lang,
                            "Dieser Posten ist mehrfach in der Zahlung enthalten. Bitte zahlen Sie ihn nur einmal.",
                            "This item appears more than once in the payment. Pay it only once.",
                        ),
                    );
                    continue;
                }
                // A hearing case is paid by the person signed in to it: otherwise anyone could
                // learn the kind, amount and state of a case from its (sequential) number.
                if key.0 == PaymentItemKind::Hearing && signed_in.hearing != Some(key.1.as_str()) {
                    add(
                        &field,
                        pick(
                            lang,
                            "Um diesen Fall zu bezahlen, melden Sie sich bitte mit Aktenzeichen und Zugangscode aus Ihrem Schreiben zur Anhörung an.",
                            "To pay for this case, please sign in to the hearing with the case number and access code from your letter.",
                        ),
                    );
                    continue;
                }
                // The same for a notice: only its own session learns what is open on it.
                if key.0 == PaymentItemKind::Notice && signed_in.notice != Some(key.1.as_str()) {
                    add(
                        &field,
                        pick(
                            lang,
                            "Um diesen Bescheid zu bezahlen, melden Sie sich bitte mit Kassenzeichen und Zugangscode aus dem Bescheid an.",
                            "To pay this notice, please sign in with the Kassenzeichen and access code from the notice.",
                        ),
                    );
                    continue;
                }
                match price(item, &key.1, stores, today, lang) {
                    Err(message) => add(&field, message),
                    Ok(lines) if lines.iter().any(|line| payments.values().any(|r| r.method.is_online() && r.status(now) == PaymentStatus::Initial && r.covers(&line_key(line)))) => add(
                        &field,
                        pick(
                            lang,
                            "Für diesen Posten läuft bereits eine Zahlung. Bitte schließen Sie diese ab oder warten Sie 90 Minuten.",
                            "A payment for this item is already in progress. Please complete it or wait 90 minutes.",
                        ),
                    ),
                    Ok(lines) => items.extend(lines),
                }
            }
        }
        if !errors.is_empty() {
            return Err(CreateError::Fields(errors));
        }

        let amount = items
            .iter()
            .try_fold(Cents::ZERO, |sum, i| sum.checked_add(i.amount))
            .ok_or(CreateError::TotalOutOfRange)?;
        let id = loop {
            let candidate = payment_id();
            if !payments.contains_key(&candidate) {
                break candidate;
            }
        };
        let reference = loop {
            let candidate = crate::forms::reference::random_code(8);
            if !payments.values().any(|r| r.reference == candidate) {
                break candidate;
            }
        };
        let purpose = clean_purpose(&format!("{} {reference}", self.treasury.name));
        let description = clip_description(
            &items
                .iter()
                .map(|i| i.label.de.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        );
        // A notice's Kassenzeichen goes first and unchanged into the remittance: the finance
        // office books by it (DOMAIN.md §7). At most one notice per payment (one session).
        let kassenzeichen = items
            .iter()
            .find(|i| i.kind == PaymentItemKind::Notice)
            .map(|i| i.reference.clone());
        let transfer = (req.method == PaymentMethodId::Transfer).then(|| {
            // Fees and fines go to the treasury's one account; the remittance identifies the payment.
            let t = &self.treasury;
            TransferDetails {
                name: t.name.clone(),
                iban: t.iban.clone(),
                bic: t.bic.clone(),
                remittance: match &kassenzeichen {
                    Some(kz) => format!("{kz} {reference}"),
                    None => purpose.clone(),
                },
                amount,
            }
        });
        payments.insert(
            id.clone(),
            Record {
                id: id.clone(),
                reference,
                status: PaymentStatus::Initial,
                method: req.method,
                items,
                amount,
                purpose,
                description,
                created_at: now,
                updated_at: now,
                paid_at: None,
                return_url: req.return_url.clone(),
                transfer,
            },
        );
        Ok(id)
    }

    pub fn get(&self, id: &str, now: i64) -> Option<Payment> {
        lock(&self.payments).get(id).map(|r| r.view(now))
    }

    /// The payment and where the provider sends the user back to.
    pub fn with_return_url(&self, id: &str, now: i64) -> Option<(Payment, String)> {
        lock(&self.payments)
            .get(id)
            .map(|r| (r.view(now), r.return_url.clone()))
    }

    /// The provider's outcome for an online payment. Only an INITIAL, unexpired payment changes.
    pub fn finish(
        &self,
        id: &str,
        finish: Finish,
        stores: ItemStores<'_>,
        now: i64,
    ) -> Result<Payment, FinishError> {
        let mut payments = lock(&self.payments);
        let record = payments.get(id).ok_or(FinishError::NotFound)?;
        if !record.method.is_online() || record.status(now) != PaymentStatus::Initial {
            return Err(FinishError::NotOpen(Box::new(record.view(now))));
        }
        match finish {
            Finish::Pay => pay_locked(&mut payments, id, stores, now).ok_or(FinishError::NotFound),
            Finish::Fail | Finish::Cancel => {
                let record = payments.get_mut(id).ok_or(FinishError::NotFound)?;
                record.status = if finish == Finish::Fail {
                    PaymentStatus::Failed
                } else {
                    PaymentStatus::Canceled
                };
                record.updated_at = now;
                Ok(record.view(now))
            }
        }
    }

    /// The bank statement shows a transfer with this remittance (`Stadt Musterstadt K7MP3XTA`)
    /// or just its reference (`K7MP3XTA`); case, spaces and hyphens do not matter.
    pub fn transfer_received(
        &self,
        remittance: &str,
        stores: ItemStores<'_>,
        now: i64,
    ) -> Result<Payment, FinishError> {
        let code = normalise_code(remittance);
        let code = code
            .strip_prefix(&normalise_code(&self.treasury.name))
            .unwrap_or(&code);
        let mut payments = lock(&self.payments);
        let whole = normalise_code(remittance);
        let record = payments
            .values()
            .find(|r| {
                r.reference == code
                    || r.transfer
                        .as_ref()
                        .is_some_and(|t| normalise_code(&t.remittance) == whole)
            })
            .ok_or(FinishError::NotFound)?;
        if record.method != PaymentMethodId::Transfer
            || record.status(now) != PaymentStatus::Initial
        {
            return Err(FinishError::NotOpen(Box::new(record.view(now))));
        }
        let id = record.id.clone();
        pay_locked(&mut payments, &id, stores, now).ok_or(FinishError::NotFound)
    }

    /// The parts (instalments) of `kind`/`reference` (normalised) that a pending online payment
    /// covers: they cannot be put into another payment now.
    pub fn pending_parts(&self, kind: PaymentItemKind, reference: &str, now: i64) -> Vec<String> {
        lock(&self.payments)
            .values()
            .filter(|r| r.method.is_online() && r.status(now) == PaymentStatus::Initial)
            .flat_map(|r| r.items.iter())
            .filter(|i| i.kind == kind && normalise_code(&i.reference) == reference)
            .filter_map(|i| i.part.clone())
            .collect()
    }

    pub fn count(&self) -> usize {
        lock(&self.payments).len()
    }
}

/// PAYED, the items marked paid in their stores, and every other pending payment of these
/// items cancelled. The caller holds the lock and has checked the payment is INITIAL.
fn pay_locked(
    payments: &mut HashMap<String, Record>,
    id: &str,
    stores: ItemStores<'_>,
    now: i64,
) -> Option<Payment> {
    let record = payments.get_mut(id)?;
    record.status = PaymentStatus::Payed;
    record.paid_at = Some(now);
    record.updated_at = now;
    let keys: Vec<LineKey> = record.items.iter().map(line_key).collect();
    let today = Date::from_unix_seconds(now);
    for item in &record.items {
        match item.kind {
            PaymentItemKind::Application => {
                stores.forms.mark_paid(&item.reference);
            }
            PaymentItemKind::Hearing => {
                stores.hearings.mark_paid(&item.reference, today);
            }
            // All lines of the notice at once, below.
            PaymentItemKind::Notice => {}
        };
    }
    if let Some(notice) = record
        .items
        .iter()
        .find(|i| i.kind == PaymentItemKind::Notice)
    {
        stores.notices.mark_paid(
            &notice.reference,
            &record.items,
            Date::from_unix_seconds(record.created_at),
            today,
        );
    }
    let view = record.view(now);
    for other in payments.values_mut() {
        if other.id != id
            && other.status(now) == PaymentStatus::Initial
            && keys.iter().any(|k| other.covers(k))
        {
            other.status = PaymentStatus::Canceled;
            other.updated_at = now;
        }
    }
    Some(view)
}
