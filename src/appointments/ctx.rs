//! What the flow's pages share: the state, the storage slots, the paths of the pages.

use super::plan::{Plan, Step};
use crate::i18n::Lang;
use crate::routes;
use domain::appointment::AppointmentOffer;
use domain::date::Date;
use leptos::prelude::*;

/// The booking page below `/termin`.
pub const BOOKING_PAGE: &str = "buchung";
/// sessionStorage: show "booked" (once) instead of "your appointment".
pub const JUST_BOOKED_SLOT: &str = "appt-just-booked";
/// sessionStorage: show "moved" (once).
pub const MOVED_SLOT: &str = "appt-moved";

/// sessionStorage: the choices so far (no personal data).
pub const PLAN_SLOT: &str = "appt-plan";
/// sessionStorage: code and secret of the booking shown on `/termin/buchung` in this tab.
pub const BOOKING_SLOT: &str = "appt-booking";
/// sessionStorage: the idempotency key of the current booking attempt.
pub const ATTEMPT_SLOT: &str = "appt-attempt";
/// sessionStorage: the booking being moved (its code), while day and time are chosen anew.
pub const MOVING_SLOT: &str = "appt-moving";

/// The flow's state for its pages: the plan (stored in this tab) and the person's details
/// (memory only: a reload asks for them again).
#[derive(Clone, Copy)]
pub struct Ctx {
    pub plan: RwSignal<Plan>,
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    offer: StoredValue<AppointmentOffer>,
}

impl Ctx {
    pub fn new(offer: AppointmentOffer) -> Ctx {
        let plan = RwSignal::new(crate::storage::load::<Plan>(PLAN_SLOT).unwrap_or_default());
        // The one effect that writes the plan to storage.
        Effect::new(move |_| plan.with(|p| crate::storage::save(PLAN_SLOT, p)));
        Ctx {
            plan,
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            offer: StoredValue::new(offer),
        }
    }

    pub fn with_offer<T>(&self, f: impl FnOnce(&AppointmentOffer) -> T) -> T {
        self.offer.with_value(f)
    }

    pub fn person_done(&self) -> bool {
        domain::appointment::validate_person(
            &self.name.get_untracked(),
            Some(&self.email.get_untracked()),
            Some(&self.phone.get_untracked()),
        )
        .is_empty()
    }
}

/// The path of a step.
pub fn href(step: Step) -> String {
    routes::appointment_step(step.segment())
}

/// Goes to `step` without a new history entry (a deep link that cannot show yet).
pub fn replace(step: Step) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href(step)));
            if let Ok(ev) = web_sys::Event::new("popstate") {
                let _ = w.dispatch_event(&ev);
            }
        }
    }
}

/// "Mo., 07.12.2026" / "Mon, 07/12/2026".
pub fn day_label(date: Date, lang: Lang) -> String {
    let t = crate::i18n::texts(lang);
    format!(
        "{} {}",
        t.weekdays_short[date.weekday().index()],
        date.format(lang)
    )
}
