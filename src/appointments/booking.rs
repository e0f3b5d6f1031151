//! `/termin/buchung`: the confirmation of a booked visit and the place to move or cancel it.
//! The link in the confirmation carries code and secret in the fragment
//! (`/termin/buchung#code=…&key=…`): read once, kept in this tab, scrubbed from the address bar.

use super::ctx::{day_label, href, Ctx, BOOKING_SLOT, JUST_BOOKED_SLOT, MOVED_SLOT, MOVING_SLOT};
use super::plan::Step;
use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::print_button::PrintButton;
use crate::components::reference_code::ReferenceCode;
use crate::fetched::Fetched;
use crate::i18n::{fill, use_i18n};
use crate::routes;
use crate::wizard::nav::go;
use domain::appointment::{duration_text, Booking, BookingStatus, ConcernCount};
use domain::date::format_time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn BookingPage(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let params = crate::dom::take_fragment_params();
    let from_link = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if let (Some(code), Some(key)) = (from_link("code"), from_link("key")) {
        crate::storage::save(BOOKING_SLOT, &(code, key));
    }
    let Some((code, secret)) = crate::storage::load::<(String, String)>(BOOKING_SLOT) else {
        return view! {
            <PageTitle text=move || i18n.a().booking_none_title.to_string()/>
            <h1>{move || i18n.a().booking_none_title}</h1>
            <p>{move || i18n.a().booking_none_text}</p>
            <p><A href=routes::APPOINTMENTS attr:class="button">{move || i18n.a().book_new}</A></p>
        }
        .into_any();
    };
    let just_booked = crate::storage::load::<bool>(JUST_BOOKED_SLOT).unwrap_or(false);
    let moved = crate::storage::load::<bool>(MOVED_SLOT).unwrap_or(false);
    crate::storage::remove(MOVED_SLOT);
    let (c1, s1) = (code.clone(), secret.clone());
    let fetched = Fetched::new(move || {
        let (code, secret) = (c1.clone(), s1.clone());
        async move { api::appointments::get(i18n.lang.get_untracked(), &code, &secret).await }
    });
    let not_found = Callback::new(move |e: ApiError| {
        matches!(e, ApiError::Status(404, _)).then(|| {
            view! {
                <PageTitle text=move || i18n.a().booking_not_found_title.to_string()/>
                <h1>{move || i18n.a().booking_not_found_title}</h1>
                <p role="alert">{move || i18n.a().booking_not_found_text}</p>
                <p><A href=routes::APPOINTMENTS attr:class="button">{move || i18n.a().book_new}</A></p>
            }
            .into_any()
        })
    });
    let secret = StoredValue::new(secret);
    view! {
        <Loaded fetched=fetched catch=not_found let:booking>
            <Confirmation ctx=ctx booking=booking secret=secret.get_value() just_booked=just_booked moved=moved/>
        </Loaded>
    }
    .into_any()
}

#[component]
fn Confirmation(
    ctx: Ctx,
    booking: Booking,
    secret: String,
    just_booked: bool,
    moved: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let booking = RwSignal::new(booking);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let cancelled_now = RwSignal::new(false);
    let b = booking.get_untracked();
    let code = b.code.clone();
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let link = routes::booking_link(&origin, &code, &secret);
    let secret = StoredValue::new(secret);
    let cancelled = move || booking.with(|b| b.status == BookingStatus::Cancelled);
    let heading = move || {
        let a = i18n.a();
        if cancelled() {
            a.booking_cancelled_title
        } else if moved {
            a.booking_moved_title
        } else if just_booked {
            a.booking_done_title
        } else {
            a.booking_title
        }
    };
    let cancel = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let code = booking.with_untracked(|b| b.code.clone());
        spawn_local(async move {
            let result =
                api::appointments::cancel(i18n.lang.get_untracked(), &code, &secret.get_value())
                    .await;
            let _ = busy.try_set(false);
            match result {
                Ok(b) => {
                    let _ = booking.try_set(b);
                    let _ = confirming.try_set(false);
                    let _ = cancelled_now.try_set(true);
                    crate::storage::remove(JUST_BOOKED_SLOT);
                    request_animation_frame(crate::dom::focus_main_heading);
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e.message(i18n.t())));
                    request_animation_frame(|| crate::dom::focus_id("booking-failure"));
                }
            }
        });
    };
    let move_it = move |_| {
        let b = booking.get_untracked();
        crate::storage::save(MOVING_SLOT, &b.code);
        crate::storage::remove(JUST_BOOKED_SLOT);
        ctx.plan.update(|p| {
            *p = super::plan::Plan {
                concerns: b
                    .concerns
                    .iter()
                    .map(|c| ConcernCount {
                        id: c.id.clone(),
                        count: c.count,
                    })
                    .collect(),
                location: Some(b.location.clone()),
                ..Default::default()
            }
        });
        go(&href(Step::Day));
    };
    let town = crate::town::use_town();
    let download = move |_| {
        let b = booking.get_untracked();
        let lang = i18n.lang.get_untracked();
        let host = web_sys::window()
            .and_then(|w| w.location().host().ok())
            .unwrap_or_default();
        let stamp = super::plan::ics_stamp((js_sys::Date::now() / 1000.0) as i64);
        let town = untrack(|| crate::town::full_name(town.get().as_deref(), lang));
        let ics = domain::appointment::ics::calendar(&b, lang, &stamp, &host, &town);
        crate::dom::download(
            ics.as_bytes(),
            "text/calendar;charset=utf-8",
            &format!("Termin-{}.ics", b.code),
        );
    };
    let when = move || {
        booking.with(|b| {
            let lang = i18n.lang();
            fill(
                i18n.a().when_range,
                &[
                    ("day", &day_label(b.date, lang)),
                    ("start", &format_time(&b.time, lang)),
                    ("end", &format_time(&b.end, lang)),
                    ("duration", &duration_text(b.minutes, lang)),
                ],
            )
        })
    };
    let location_name = b.location_name.clone();
    let address = b.address.clone();
    let access = b.accessibility.clone();
    let booked = StoredValue::new(b.concerns.clone());
    let bring = move || {
        booked.with_value(|list| {
            list.iter()
                .map(|c| {
                    let name = c.name.clone();
                    let count = c.count;
                    let items = c.bring.clone();
                    view! {
                        <h3>{move || format!("{count} × {}", name.get(i18n.lang()))}</h3>
                        <ul>
                            {items.into_iter().map(|t| view! { <li>{move || t.get(i18n.lang()).to_string()}</li> }).collect_view()}
                        </ul>
                    }
                })
                .collect_view()
        })
    };
    let fee = b.fee_total;
    let payment = StoredValue::new(b.payment_at_counter.clone());
    view! {
        <PageTitle text=move || heading().to_string()/>
        <div class="confirmation">
            <h1>{heading}</h1>
            {move || cancelled_now.get().then(|| view! { <p class="notice notice-success" role="status">{move || i18n.a().cancel_done}</p> })}
            {move || (just_booked && !cancelled()).then(|| view! { <p class="notice notice-success" role="status">{move || i18n.a().booking_done_text}</p> })}
            {move || failure.get().map(|m| view! { <p class="notice notice-error" id="booking-failure" tabindex="-1" role="alert">{m}</p> })}
            <p>{move || i18n.a().code_label}</p>
            <ReferenceCode code=code.clone()/>
            <dl class="summary-list">
                <div class="summary-row"><dt>{move || i18n.a().row_when}</dt><dd class="summary-value">{when}</dd></div>
                <div class="summary-row"><dt>{move || i18n.a().row_place}</dt><dd class="summary-value">{move || format!("{}, {}", location_name.get(i18n.lang()), address)}</dd></div>
                <div class="summary-row"><dt>{move || i18n.a().row_concerns}</dt><dd class="summary-value">{move || booking.with(|b| b.concerns.iter().map(|c| format!("{} × {}", c.count, c.name.get(i18n.lang()))).collect::<Vec<_>>().join(", "))}</dd></div>
                <div class="summary-row"><dt>{move || i18n.a().row_access}</dt><dd class="summary-value">{move || access.iter().map(|a| a.get(i18n.lang()).to_string()).collect::<Vec<_>>().join(". ")}</dd></div>
            </dl>
            {move || (!cancelled()).then(|| view! {
                <h2>{move || i18n.a().bring_heading}</h2>
                {bring()}
                <h2>{move || i18n.a().fees_heading}</h2>
                <p>{move || if fee.0 == 0 { i18n.a().no_fee.to_string() } else { fill(i18n.a().fee_total, &[("fee", &fee.format(i18n.lang()))]) }}</p>
                <p>{move || payment.with_value(|p| p.get(i18n.lang()).to_string())}</p>
                <div class="button-group no-print">
                    <button type="button" class="button" on:click=download>{move || i18n.a().calendar_button}</button>
                    <PrintButton/>
                </div>
                <h2>{move || i18n.a().manage_heading}</h2>
                <p>{move || i18n.a().manage_text}</p>
                <p class="manage-link"><a href=link.clone()>{move || i18n.a().manage_link}</a></p>
                <div class="button-group no-print">
                    <button type="button" class="button button-secondary" on:click=move_it>{move || i18n.a().move_button}</button>
                    <button type="button" class="button button-secondary" aria-expanded=move || confirming.get().to_string()
                        aria-controls="cancel-confirm" on:click=move |_| confirming.update(|c| *c = !*c)>{move || i18n.a().cancel_button}</button>
                </div>
                <div id="cancel-confirm">
                    {move || confirming.get().then(|| view! {
                        <div class="notice" role="group" aria-labelledby="cancel-question">
                            <p id="cancel-question">{move || i18n.a().cancel_question}</p>
                            <div class="button-group">
                                <button type="button" class="button button-warning" on:click=cancel disabled=move || busy.get()>{move || i18n.a().cancel_yes}</button>
                                <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{move || i18n.a().cancel_no}</button>
                            </div>
                        </div>
                    })}
                </div>
            })}
            {move || cancelled().then(|| view! {
                <p><A href=routes::APPOINTMENTS attr:class="button">{move || i18n.a().book_new}</A></p>
            })}
        </div>
    }
}
