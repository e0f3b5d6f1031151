//! In-memory state: the seeded catalogue and everything citizens send.

use crate::sync::lock;
use domain::catalogue::ServiceSummary;
use domain::feedback::FeedbackRequest;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    clock: crate::clock::Clock,
    rate_limiter: crate::rate_limit::RateLimiter,
    dist_dir: PathBuf,
    town: crate::town::Town,
    feedback: Mutex<Vec<FeedbackRequest>>,
    hearings: crate::hearings::HearingStore,
    notices: crate::notices::NoticeStore,
    forms: crate::forms::FormStore,
    payments: crate::payments::PaymentStore,
    appointments: std::sync::Arc<crate::appointments::AppointmentStore>,
    account: crate::account::Account,
    outbox: crate::mail::Outbox,
    inbox: crate::inbox::InboxStore,
}

impl AppState {
    /// State of the shipped demo town (Musterstadt); `dist_dir` holds the built app (may be
    /// missing in API tests).
    pub fn seeded(dist_dir: impl Into<PathBuf>) -> AppState {
        AppState::for_town(dist_dir, crate::town::Town::demo())
    }

    /// State of a loaded town folder with its demo data.
    pub fn for_town(dist_dir: impl Into<PathBuf>, town: crate::town::Town) -> AppState {
        // A fresh clock reads the same time as `clock` at startup.
        let start = crate::clock::Clock::default();
        // One slot engine for visits at the citizens' office and the forms' slots.
        let appointments = std::sync::Arc::new(crate::appointments::AppointmentStore::new(
            town.appointments.clone(),
        ));
        let forms =
            crate::forms::FormStore::with_appointments(&town, start.today(), appointments.clone());
        let inbox = crate::inbox::InboxStore::default();
        if let Some(seed) = &town.demo.inbox {
            for (receipt, _) in crate::inbox::seed::receipts(
                seed,
                &town.services.catalogue,
                &town.treasury(),
                start.now(),
            ) {
                forms.insert_receipt(receipt);
            }
            crate::inbox::seed::apply(seed, &inbox, start.now());
        }
        AppState {
            inner: Arc::new(Inner {
                clock: crate::clock::Clock::default(),
                rate_limiter: crate::rate_limit::RateLimiter::from_env(),
                dist_dir: dist_dir.into(),
                feedback: Mutex::new(Vec::new()),
                // A town without the online hearing has no cases (checked at start) and its
                // routes answer 404.
                hearings: crate::hearings::HearingStore::seeded(
                    start.now(),
                    crate::hearings::session_secs_from_env(),
                    &town.demo.hearings,
                    town.treasury(),
                ),
                notices: crate::notices::seeded(
                    &town,
                    start.now(),
                    crate::hearings::session_secs_from_env(),
                ),
                forms,
                payments: crate::payments::PaymentStore::new(
                    crate::payments::methods::offered(&town.profile.payment_methods),
                    town.treasury(),
                ),
                appointments,
                account: crate::account::Account::new(crate::account::OidcConfig::from_env()),
                outbox: crate::mail::Outbox::new(crate::mail::MailConfig::from_env(
                    &town.official_name(),
                    &town.profile.contact.email,
                )),
                inbox,
                town,
            }),
        }
    }

    /// The town's profile and folder.
    pub fn town(&self) -> &crate::town::Town {
        &self.inner.town
    }

    pub fn clock(&self) -> &crate::clock::Clock {
        &self.inner.clock
    }

    pub fn rate_limiter(&self) -> &crate::rate_limit::RateLimiter {
        &self.inner.rate_limiter
    }

    pub fn dist_dir(&self) -> &Path {
        &self.inner.dist_dir
    }

    /// The town's catalogue.
    pub fn services(&self) -> &[ServiceSummary] {
        &self.inner.town.services.catalogue
    }

    /// Applications, drafts, uploads, slots and meter readings of the form wizards.
    pub fn forms(&self) -> &crate::forms::FormStore {
        &self.inner.forms
    }

    /// Stores feedback and returns its number (1-based).
    pub fn add_feedback(&self, feedback: FeedbackRequest) -> usize {
        let mut all = lock(&self.inner.feedback);
        all.push(feedback);
        all.len()
    }

    pub fn feedback_count(&self) -> usize {
        lock(&self.inner.feedback).len()
    }

    pub fn hearings(&self) -> &crate::hearings::HearingStore {
        &self.inner.hearings
    }

    pub fn notices(&self) -> &crate::notices::NoticeStore {
        &self.inner.notices
    }

    /// The stores whose items the checkout prices and marks paid.
    pub fn item_stores(&self) -> crate::payments::ItemStores<'_> {
        crate::payments::ItemStores {
            forms: self.forms(),
            hearings: self.hearings(),
            notices: self.notices(),
        }
    }

    /// Appointment bookings and the slot engine.
    pub fn appointments(&self) -> &crate::appointments::AppointmentStore {
        &self.inner.appointments
    }

    /// E-mail sent to citizens (the mock's `/mock-mail` page reads it).
    pub fn outbox(&self) -> &crate::mail::Outbox {
        &self.inner.outbox
    }

    /// "Meine Anträge" and the Postfach of signed-in citizens.
    pub fn inbox(&self) -> &crate::inbox::InboxStore {
        &self.inner.inbox
    }

    /// Sign-in with the citizen account: configuration, sessions, the mock provider.
    pub fn account(&self) -> &crate::account::Account {
        &self.inner.account
    }

    /// Checkout payments and the methods the town offers.
    pub fn payments(&self) -> &crate::payments::PaymentStore {
        &self.inner.payments
    }
}
