//! Appointments at the citizens' office, without an account: `/termin` (concerns and people),
//! `/termin/standort`, `/termin/tag`, `/termin/uhrzeit`, `/termin/angaben`, `/termin/pruefen`,
//! and `/termin/buchung` — the confirmation, which is also where a booking is changed or
//! cancelled (code and secret from the link's fragment, never from a logged URL).
//!
//! The rules (which page may show, what a change drops, lengths, fees, weeks) are in
//! [`plan`]; the pages only render them.

pub mod booking;
pub mod ctx;
pub mod plan;
pub mod steps;

use crate::api::{self, ApiError};
use crate::fetched::Fetched;
use crate::i18n::use_i18n;
use crate::routes::param;
use ctx::Ctx;
use domain::appointment::AppointmentOffer;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use plan::Step;

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
            if requested == ctx::BOOKING_PAGE {
                return view! { <booking::BookingPage ctx=ctx/> }.into_any();
            }
            match Step::from_segment(&requested) {
                None => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                Some(requested) => {
                    let moving = crate::storage::load::<String>(ctx::MOVING_SLOT).is_some();
                    let land = ctx
                        .plan
                        .with_untracked(|p| p.land(requested, ctx.person_done() || moving));
                    if land != requested {
                        request_animation_frame(move || ctx::replace(land));
                        return ().into_any();
                    }
                    steps::page(ctx, land)
                }
            }
        })
    }
}
