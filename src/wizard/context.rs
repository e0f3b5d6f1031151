//! The state of one service's wizard: its definition, the answers (kept in sessionStorage per
//! service and form version) and the errors of the last attempt to continue.

use domain::date::Date;
use domain::form::{visible_answers, Answers, FeeBreakdown, FormDefinition, Journey};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    answers: Answers,
}

pub fn answers_key(service: &str) -> String {
    format!("answers:{service}")
}

pub fn receipt_key(service: &str) -> String {
    format!("receipt:{service}")
}

pub fn attempt_key_slot(service: &str) -> String {
    format!("submit-key:{service}")
}

/// Stored answers of this form version; answers of an older version are dropped.
pub fn stored_answers(service: &str, version: u32) -> Answers {
    crate::storage::load::<Stored>(&answers_key(service))
        .filter(|s| s.version == version)
        .map(|s| s.answers)
        .unwrap_or_default()
}

pub fn store_answers(service: &str, version: u32, answers: &Answers) {
    crate::storage::save(
        &answers_key(service),
        &Stored {
            version,
            answers: answers.clone(),
        },
    );
}

/// The local calendar date in the browser.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64))
}

#[derive(Clone, Copy)]
pub struct WizardCtx {
    /// The form this wizard walks: a service's definition from the API, or one the app builds
    /// (the hearing).
    pub definition: StoredValue<FormDefinition>,
    /// Where the steps live (`/leistungen/{id}` or `/anhoerung`) and where "back" from the
    /// first step goes.
    pub base: StoredValue<(String, String)>,
    /// Services offer "save and continue later"; the hearing does not (it has a session).
    pub drafts: bool,
    pub answers: RwSignal<Answers>,
    /// Field path → message, shown after a failed "continue" or a 422.
    pub errors: RwSignal<BTreeMap<String, String>>,
}

impl WizardCtx {
    /// A service's wizard below `/leistungen/{id}`, with drafts.
    pub fn new(form: FormDefinition) -> WizardCtx {
        let base = crate::routes::service(&form.id);
        WizardCtx::with_base(form, base.clone(), base, true)
    }

    /// A wizard whose steps live below `base`; "back" from the first step goes to `start`.
    pub fn with_base(form: FormDefinition, base: String, start: String, drafts: bool) -> WizardCtx {
        let answers = stored_answers(&form.id, form.version);
        let ctx = WizardCtx {
            base: StoredValue::new((base, start)),
            drafts,
            definition: StoredValue::new(form),
            answers: RwSignal::new(answers),
            errors: RwSignal::new(BTreeMap::new()),
        };
        // Signed in with the citizen account: fields that name an attribute are filled (empty
        // ones; verified ones always). Runs again when the account changes.
        if let Some(account) = crate::account::use_account() {
            Effect::new(move |_| {
                let Some(me) = account.me.get() else { return };
                let mut answers = ctx.answers.get_untracked();
                if ctx.form(|f| domain::form::prefill::prefill(f, &me, &mut answers)) {
                    ctx.answers.set(answers);
                }
            });
        }
        // The one effect that mirrors answers to sessionStorage, so a reload loses nothing.
        Effect::new(move |_| {
            let (id, version) = ctx.form(|f| (f.id.clone(), f.version));
            // Nothing typed (or just sent): nothing kept.
            ctx.answers.with(|a| {
                if a.is_empty() {
                    crate::storage::remove(&answers_key(&id))
                } else {
                    store_answers(&id, version, a)
                }
            });
        });
        ctx
    }

    /// The form's id: the service id, or the flow's own (`anhoerung`).
    pub fn service_id(&self) -> String {
        self.form(|f| f.id.clone())
    }

    pub fn form<R>(&self, f: impl FnOnce(&FormDefinition) -> R) -> R {
        self.definition.with_value(f)
    }

    pub fn with_journey<R>(&self, f: impl FnOnce(&Journey) -> R) -> R {
        let today = today();
        self.form(|form| self.answers.with(|a| f(&Journey::new(form, a, today))))
    }

    pub fn fee(&self) -> FeeBreakdown {
        self.form(|form| {
            self.answers
                .with(|a| form.fee.compute(&visible_answers(form, a)))
        })
    }

    pub fn step_url(&self, step: &str) -> String {
        self.base
            .with_value(|(base, _)| crate::routes::below(base, step))
    }

    pub fn start_url(&self) -> String {
        self.base.with_value(|(_, start)| start.clone())
    }
}
