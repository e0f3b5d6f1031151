//! Appointments at the citizens' office, without an account: `/termin` (concerns and people),
//! `/termin/standort`, `/termin/tag`, `/termin/uhrzeit`, `/termin/angaben`, `/termin/pruefen`,
//! and `/termin/buchung` — the confirmation, which is also where a booking is changed or
//! cancelled (code and secret from the link's fragment, never from a logged URL).
//!
//! The rules (which page may show, what a change drops, lengths, fees, weeks) are in
//! [`plan`]; the pages only render them.

pub mod booking;
pub mod plan;
pub mod steps;

use crate::api::{self, ApiError};
use crate::fetched::Fetched;
use crate::i18n::use_i18n;
use crate::routes::param;
use domain::appointment::AppointmentOffer;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plan::{Plan, Step};

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
    fn new(offer: AppointmentOffer) -> Ctx {
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

/// `/termin/...`: the booking flow's pages and the booking page.
#[component]
pub fn AppointmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let offer =
        Fetched::new(
            move || async move { api::appointments::offer(i18n.lang.get_untracked()).await },
        );
    let not_found = Callback::new(|e: ApiError| {
        matches!(e, ApiError::Status(404, _))
            .then(|| view! { <crate::pages::not_found::NotFound/> }.into_any())
    });
    view! {
        <crate::components::loaded::Loaded fetched=offer catch=not_found let:offer>
            <Flow offer=offer/>
        </crate::components::loaded::Loaded>
    }
}

#[component]
fn Flow(offer: AppointmentOffer) -> impl IntoView {
    let ctx = Ctx::new(offer);
    let params = use_params_map();
    let step = Memo::new(move |_| params.read().get(param::STEP).unwrap_or_default());
    move || {
        let requested = step.get();
        untrack(|| {
            if requested == booking::SEGMENT {
                return view! { <booking::BookingPage ctx=ctx/> }.into_any();
            }
            match Step::from_segment(&requested) {
                None => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                Some(requested) => {
                    let moving = crate::storage::load::<String>(MOVING_SLOT).is_some();
                    let land = ctx
                        .plan
                        .with_untracked(|p| p.land(requested, ctx.person_done() || moving));
                    if land != requested {
                        request_animation_frame(move || steps::replace(land));
                        return ().into_any();
                    }
                    steps::page(ctx, land)
                }
            }
        })
    }
}
