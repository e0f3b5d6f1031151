//! The booking flow's pages: concerns and people, location, day, time, name and contact, check.

use super::ctx::{
    day_label, href, Ctx, ATTEMPT_SLOT, BOOKING_PAGE, BOOKING_SLOT, JUST_BOOKED_SLOT, MOVED_SLOT,
    MOVING_SLOT,
};
use super::plan::{self, Step};
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::loaded::{Failure, Loaded};
use crate::components::page_title::PageTitle;
use crate::fetched::Fetched;
use crate::i18n::{fill, use_i18n, Lang};
use crate::routes;
use crate::wizard::nav::{go, WizardLink};
use domain::appointment::{
    duration_text, validate_person, BookingRequest, ChangeRequest, ConcernCount, Day, Location,
};
use domain::date::{format_time, Date};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

pub fn page(ctx: Ctx, step: Step) -> AnyView {
    match step {
        Step::Concerns => view! { <Concerns ctx=ctx/> }.into_any(),
        Step::Location => view! { <Locations ctx=ctx/> }.into_any(),
        Step::Day => view! { <Days ctx=ctx/> }.into_any(),
        Step::Time => view! { <Times ctx=ctx/> }.into_any(),
        Step::Person => view! { <Person ctx=ctx/> }.into_any(),
        Step::Check => view! { <Check ctx=ctx/> }.into_any(),
    }
}

fn day_index(d: Day) -> usize {
    d as usize
}

/// "Mo., Di. 08:00–16:00" per opening range.
pub fn hours_lines(loc: &Location, lang: Lang) -> Vec<String> {
    let t = crate::i18n::texts(lang);
    loc.hours
        .iter()
        .map(|h| {
            let days: Vec<&str> = h
                .days
                .iter()
                .map(|d| t.weekdays_short[day_index(*d)])
                .collect();
            format!("{} {}–{}", days.join(", "), h.from, h.to)
        })
        .collect()
}

/// Back link, flow name and "Schritt n von 6", the document title.
#[component]
fn Progress(
    step: Step,
    title: fn(&crate::i18n::appointments::AppointmentTexts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let back = step
        .previous()
        .map(href)
        .unwrap_or_else(|| routes::HOME.to_string());
    view! {
        <PageTitle text=move || title(i18n.a()).to_string()/>
        <WizardLink href=Signal::derive(move || back.clone()) class="back-link">{move || i18n.t().back}</WizardLink>
        <p class="step-progress">
            <span class="caption">{move || i18n.a().flow_title}</span>
            <span>{move || fill(i18n.t().step_of, &[("step", &step.number()), ("steps", &Step::ALL.len())])}</span>
        </p>
    }
}

type Errors = RwSignal<BTreeMap<String, String>>;

fn summary_of(errors: Errors) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || errors.with(|e| e.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
}

fn error_of(errors: Errors, id: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.get(id).cloned()))
}

// ------------------------------------------------------------------------------- concerns

#[component]
fn Concerns(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let counts: RwSignal<BTreeMap<String, u8>> = RwSignal::new(ctx.plan.with_untracked(|p| {
        p.concerns
            .iter()
            .map(|c| (c.id.clone(), u8::try_from(c.count).unwrap_or(0)))
            .collect()
    }));
    let chosen = move || -> Vec<ConcernCount> {
        let counts = counts.get();
        ctx.with_offer(|o| {
            o.concerns
                .iter()
                .filter_map(|c| {
                    let n = counts.get(&c.id).copied().unwrap_or(0);
                    (n > 0).then(|| ConcernCount {
                        id: c.id.clone(),
                        count: u32::from(n),
                    })
                })
                .collect()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = chosen();
        match ctx.with_offer(|o| plan::visit_minutes(o, &list)) {
            Err(p) => {
                errors.set(BTreeMap::from([(
                    "concerns".to_string(),
                    p.message(i18n.lang.get_untracked()),
                )]));
                focus_error_summary();
            }
            Ok(_) => {
                ctx.with_offer(|o| ctx.plan.update(|p| p.set_concerns(list, o)));
                go(&href(Step::Location));
            }
        }
    };
    let rows = ctx.with_offer(|o| {
        o.concerns
            .iter()
            .map(|c| {
                let id = format!("concern-{}", c.id);
                let hint_id = format!("{id}-hint");
                let key = c.id.clone();
                let key2 = c.id.clone();
                let name = c.name.clone();
                let (minutes, fee, max) = (c.minutes, c.fee, c.max_count);
                let options = (0..=max)
                    .map(|n| {
                        let key = key.clone();
                        view! {
                            <option value=n.to_string() selected=move || counts.with(|m| m.get(&key).copied().unwrap_or(0) == n)>
                                {move || if n == 0 { i18n.a().count_none.to_string() } else { fill(if n == 1 { i18n.a().count_one } else { i18n.a().count_many }, &[("count", &n)]) }}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="field concern">
                        <label for=id.clone()>{move || name.get(i18n.lang()).to_string()}</label>
                        <p class="hint" id=hint_id.clone()>{move || {
                            let lang = i18n.lang();
                            let fee_text = if fee.0 == 0 { i18n.a().free.to_string() } else { fill(i18n.a().fee_per_person, &[("fee", &fee.format(lang))]) };
                            fill(i18n.a().concern_hint, &[("duration", &duration_text(minutes, lang)), ("fee", &fee_text)])
                        }}</p>
                        <select id=id name=key2.clone() aria-describedby=hint_id on:change=move |ev| {
                            let n = event_target_value(&ev).parse::<u8>().unwrap_or(0);
                            counts.update(|m| { m.insert(key2.clone(), n); });
                        }>
                            {options}
                        </select>
                    </div>
                }
            })
            .collect_view()
    });
    let total = move || {
        let list = chosen();
        let lang = i18n.lang();
        ctx.with_offer(|o| match plan::visit_minutes(o, &list) {
            Ok(m) => fill(
                i18n.a().visit_so_far,
                &[
                    ("duration", &duration_text(m, lang)),
                    ("fee", &plan::fee_total(o, &list).format(lang)),
                ],
            ),
            Err(p) => p.message(lang),
        })
    };
    view! {
        <Progress step=Step::Concerns title=|a| a.concerns_title/>
        <form class="wizard-step" novalidate on:submit=submit>
            <ErrorSummary errors=summary_of(errors)/>
            <h1>{move || i18n.a().concerns_title}</h1>
            <p class="lead">{move || i18n.a().concerns_intro}</p>
            <fieldset id="concerns" tabindex="-1" class="field" class:field-error=move || errors.with(|e| e.contains_key("concerns"))>
                <legend>{move || i18n.a().concerns_legend}</legend>
                {move || errors.with(|e| e.get("concerns").cloned()).map(|m| view! { <p class="error-message">{m}</p> })}
                {rows}
            </fieldset>
            <p class="notice" role="status">{total}</p>
            <div class="button-group">
                <button type="submit" class="button">{move || i18n.t().continue_}</button>
            </div>
        </form>
    }
}

// ------------------------------------------------------------------------------- location

#[component]
fn Locations(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let chosen = RwSignal::new(ctx.plan.with_untracked(|p| p.location.clone()));
    let concerns = ctx.plan.with_untracked(|p| p.concerns.clone());
    let places: Vec<Location> =
        ctx.with_offer(|o| plan::locations(o, &concerns).into_iter().cloned().collect());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked() {
            None => {
                errors.set(BTreeMap::from([(
                    "location".to_string(),
                    i18n.a().location_missing.to_string(),
                )]));
                focus_error_summary();
            }
            Some(id) => {
                ctx.plan.update(|p| p.set_location(id));
                go(&href(Step::Day));
            }
        }
    };
    let none_here = places.is_empty();
    let items = places
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let id = if i == 0 { "location".to_string() } else { format!("location-{}", l.id) };
            let hint_id = format!("{id}-details");
            let (v1, v2) = (l.id.clone(), l.id.clone());
            let name = l.name.clone();
            let loc = l.clone();
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name="location" value=l.id.clone() aria-describedby=hint_id.clone()
                        prop:checked=move || chosen.with(|c| c.as_deref() == Some(v1.as_str()))
                        on:change=move |_| chosen.set(Some(v2.clone()))/>
                    <label for=id>{move || name.get(i18n.lang()).to_string()}</label>
                    <div class="hint radio-hint" id=hint_id>
                        <LocationDetails location=loc/>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <Progress step=Step::Location title=|a| a.location_title/>
        <form class="wizard-step" novalidate on:submit=submit>
            <ErrorSummary errors=summary_of(errors)/>
            <h1>{move || i18n.a().location_title}</h1>
            {none_here.then(|| view! { <p class="notice notice-error" role="alert">{move || i18n.a().location_none}</p> })}
            <div class="field" class:field-error=move || errors.with(|e| e.contains_key("location"))>
                <fieldset>
                    <legend class="visually-hidden">{move || i18n.a().location_title}</legend>
                    {move || errors.with(|e| e.get("location").cloned()).map(|m| view! { <p class="error-message">{m}</p> })}
                    <div class="radios">{items}</div>
                </fieldset>
            </div>
            <div class="button-group">
                <button type="submit" class="button">{move || i18n.t().continue_}</button>
            </div>
        </form>
    }
}

/// Address, opening hours and accessibility of a location.
#[component]
pub fn LocationDetails(location: Location) -> impl IntoView {
    let i18n = use_i18n();
    let l = location;
    let address = l.address.clone();
    let l2 = l.clone();
    view! {
        <span class="location-address">{address}</span>
        <span class="location-hours">{move || fill(i18n.a().opening_hours, &[("hours", &hours_lines(&l2, i18n.lang()).join("; "))])}</span>
        <span class="location-access">{move || {
            let lang = i18n.lang();
            let lines: Vec<&str> = l.accessibility.iter().map(|a| a.get(lang)).collect();
            fill(i18n.a().accessibility_line, &[("details", &lines.join(". "))])
        }}</span>
    }
}

// ------------------------------------------------------------------------------- day

#[component]
fn Days(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let (location, concerns, chosen) = ctx.plan.with_untracked(|p| {
        (
            p.location.clone().unwrap_or_default(),
            p.concerns.clone(),
            p.date,
        )
    });
    let days = Fetched::new(move || {
        let (location, concerns) = (location.clone(), concerns.clone());
        async move { api::appointments::days(i18n.lang.get_untracked(), &location, &concerns).await }
    });
    let show = move |free: domain::appointment::FreeDays| {
        if free.days.is_empty() {
            return view! { <p class="notice" role="status">{move || i18n.a().no_days}</p> }
                .into_any();
        }
        let minutes = free.minutes;
        let weeks = plan::weeks(&free.days)
            .into_iter()
            .map(|(monday, list)| {
                let heading = move || fill(i18n.a().week_of, &[("date", &monday.format(i18n.lang()))]);
                let items = list
                    .into_iter()
                    .map(|d| {
                        let date = d.date;
                        let n = d.free;
                        let pick = move |_| {
                            ctx.plan.update(|p| p.set_date(date));
                            go(&href(Step::Time));
                        };
                        view! {
                            <li>
                                <button type="button" class="day-button" aria-pressed=(chosen == Some(date)).to_string() on:click=pick>
                                    <span class="day-date">{move || day_label(date, i18n.lang())}</span>
                                    <span class="day-free">{move || fill(if n == 1 { i18n.a().free_one } else { i18n.a().free_many }, &[("count", &n)])}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h2>{heading}</h2>
                    <ul class="day-list">{items}</ul>
                }
            })
            .collect_view();
        view! {
            <p class="lead">{move || fill(i18n.a().day_intro, &[("duration", &duration_text(minutes, i18n.lang()))])}</p>
            {weeks}
        }
        .into_any()
    };
    view! {
        <Progress step=Step::Day title=|a| a.day_title/>
        <h1>{move || i18n.a().day_title}</h1>
        <Loaded fetched=days failure=Failure::Section let:free>{show(free)}</Loaded>
    }
}

// ------------------------------------------------------------------------------- time

fn time_id(t: &str) -> String {
    format!("time-{}", t.replace(':', ""))
}

#[component]
fn Times(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let (location, concerns, date, taken) = ctx.plan.with_untracked(|p| {
        (
            p.location.clone().unwrap_or_default(),
            p.concerns.clone(),
            p.date.unwrap_or(Date::from_unix_seconds(0)),
            p.taken.clone(),
        )
    });
    let chosen = RwSignal::new(ctx.plan.with_untracked(|p| p.time.clone()));
    let taken_note = RwSignal::new(taken);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let moving = crate::storage::load::<String>(MOVING_SLOT);
    let is_moving = moving.is_some();
    let times = Fetched::new(move || {
        let (location, concerns) = (location.clone(), concerns.clone());
        async move {
            api::appointments::times(i18n.lang.get_untracked(), &location, &concerns, date).await
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(time) = chosen.get_untracked() else {
            errors.set(BTreeMap::from([(
                "time".to_string(),
                i18n.a().time_missing.to_string(),
            )]));
            focus_error_summary();
            return;
        };
        errors.set(BTreeMap::new());
        ctx.plan.update(|p| {
            p.time = Some(time.clone());
            p.taken = None;
        });
        let Some(code) = crate::storage::load::<String>(MOVING_SLOT) else {
            go(&href(Step::Person));
            return;
        };
        // Moving a booking: the new time is taken right here; the old one is kept until then.
        let Some((_, secret)) = crate::storage::load::<(String, String)>(BOOKING_SLOT) else {
            go(&routes::appointment_step(BOOKING_PAGE));
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let result = api::appointments::change(
                lang,
                &code,
                &secret,
                &ChangeRequest {
                    date: date.iso(),
                    time: time.clone(),
                },
            )
            .await;
            let _ = busy.try_set(false);
            match result {
                Ok(_) => {
                    crate::storage::remove(MOVING_SLOT);
                    crate::storage::save(MOVED_SLOT, &true);
                    go(&routes::appointment_step(BOOKING_PAGE));
                }
                Err(ApiError::Status(409, p)) if p.kind.ends_with("slot-taken") => {
                    let _ = taken_note.try_set(Some(time));
                    let _ = chosen.try_set(None);
                    times.refetch();
                    request_animation_frame(|| crate::dom::focus_id("time-taken"));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e.message(i18n.t())));
                    request_animation_frame(|| crate::dom::focus_id("time-failure"));
                }
            }
        });
    };
    let show = move |free: domain::appointment::FreeTimes| {
        if free.times.is_empty() {
            return view! {
                <p class="notice" role="status">{move || i18n.a().no_times}</p>
                <p><WizardLink href=Signal::derive(|| href(Step::Day))>{move || i18n.a().other_day}</WizardLink></p>
            }
            .into_any();
        }
        let items = free
            .times
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let id = if i == 0 {
                    "time".to_string()
                } else {
                    time_id(&t)
                };
                let (v1, v2, label) = (t.clone(), t.clone(), t.clone());
                view! {
                    <div class="radio">
                        <input type="radio" id=id.clone() name="time" value=t.clone()
                            prop:checked=move || chosen.with(|c| c.as_deref() == Some(v1.as_str()))
                            on:change=move |_| chosen.set(Some(v2.clone()))/>
                        <label for=id>{move || format_time(&label, i18n.lang())}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <div class="field" class:field-error=move || errors.with(|e| e.contains_key("time"))>
                <fieldset>
                    <legend>{move || fill(i18n.a().times_legend, &[("day", &day_label(date, i18n.lang()))])}</legend>
                    {move || errors.with(|e| e.get("time").cloned()).map(|m| view! { <p class="error-message">{m}</p> })}
                    <div class="radios radios-times">{items}</div>
                </fieldset>
            </div>
            <div class="button-group">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if is_moving { i18n.a().move_confirm } else { i18n.t().continue_ }}
                </button>
            </div>
        }
        .into_any()
    };
    view! {
        <Progress step=Step::Time title=|a| a.time_title/>
        <form class="wizard-step" novalidate on:submit=submit>
            <ErrorSummary errors=summary_of(errors)/>
            <h1>{move || i18n.a().time_title}</h1>
            {move || taken_note.get().map(|t| view! {
                <p class="notice notice-error" id="time-taken" tabindex="-1" role="alert">
                    {move || fill(i18n.a().time_taken, &[("time", &format_time(&t, i18n.lang()))])}
                </p>
            })}
            {move || failure.get().map(|m| view! { <p class="notice notice-error" id="time-failure" tabindex="-1" role="alert">{m}</p> })}
            <Loaded fetched=times failure=Failure::Inline let:free>{show(free)}</Loaded>
        </form>
    }
}

// ------------------------------------------------------------------------------- person

#[component]
fn Person(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = validate_person(
            &ctx.name.get_untracked(),
            Some(&ctx.email.get_untracked()),
            Some(&ctx.phone.get_untracked()),
        );
        if !e.is_empty() {
            let lang = i18n.lang.get_untracked();
            errors.set(
                e.messages(lang)
                    .into_iter()
                    .filter_map(|(k, v)| Some((format!("appt-{k}"), v.into_iter().next()?)))
                    .collect(),
            );
            focus_error_summary();
            return;
        }
        errors.set(BTreeMap::new());
        go(&href(Step::Check));
    };
    view! {
        <Progress step=Step::Person title=|a| a.person_title/>
        <form class="wizard-step" novalidate on:submit=submit>
            <ErrorSummary errors=summary_of(errors)/>
            <h1>{move || i18n.a().person_title}</h1>
            <p class="lead">{move || i18n.a().person_intro}</p>
            <TextField id="appt-name" label=Signal::derive(move || i18n.a().name_label.to_string())
                error=error_of(errors, "appt-name") value=ctx.name autocomplete="name"/>
            <TextField id="appt-email" label=Signal::derive(move || i18n.a().email_label.to_string())
                hint=Signal::derive(move || i18n.a().contact_hint.to_string())
                error=error_of(errors, "appt-email") value=ctx.email kind=Kind::Email autocomplete="email"/>
            <TextField id="appt-phone" label=Signal::derive(move || i18n.a().phone_label.to_string())
                hint=Signal::derive(move || i18n.a().contact_hint.to_string())
                error=error_of(errors, "appt-phone") value=ctx.phone autocomplete="tel"/>
            <div class="button-group">
                <button type="submit" class="button">{move || i18n.t().continue_}</button>
            </div>
        </form>
    }
}

// ------------------------------------------------------------------------------- check

#[component]
fn Check(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let p = ctx.plan.get_untracked();
    let date = p.date.unwrap_or(Date::from_unix_seconds(0));
    let time = p.time.clone().unwrap_or_default();
    let location = ctx.with_offer(|o| {
        o.location(p.location.as_deref().unwrap_or_default())
            .cloned()
    });
    let concerns: Vec<(domain::i18n::Text, u32)> = ctx.with_offer(|o| {
        p.concerns
            .iter()
            .filter_map(|c| o.concern(&c.id).map(|k| (k.name.clone(), c.count)))
            .collect()
    });
    let minutes = ctx.with_offer(|o| plan::visit_minutes(o, &p.concerns).unwrap_or(0));
    let fee = ctx.with_offer(|o| plan::fee_total(o, &p.concerns));
    let payment = ctx.with_offer(|o| o.payment_at_counter.clone());
    let book = move |_| {
        if busy.get_untracked() {
            return;
        }
        let plan = ctx.plan.get_untracked();
        let opt = |s: RwSignal<String>| {
            Some(s.get_untracked())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let req = BookingRequest {
            location: plan.location.clone().unwrap_or_default(),
            concerns: plan.concerns.clone(),
            date: plan.date.map(Date::iso).unwrap_or_default(),
            time: plan.time.clone().unwrap_or_default(),
            name: ctx.name.get_untracked().trim().to_string(),
            email: opt(ctx.email),
            phone: opt(ctx.phone),
        };
        let key = crate::storage::attempt_key(ATTEMPT_SLOT);
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let result = api::appointments::book(lang, &req, &key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(created) => {
                    crate::storage::remove(ATTEMPT_SLOT);
                    crate::storage::save(
                        BOOKING_SLOT,
                        &(created.booking.code.clone(), created.secret.clone()),
                    );
                    crate::storage::save(JUST_BOOKED_SLOT, &true);
                    let _ = ctx.plan.try_set(Default::default());
                    for s in [ctx.name, ctx.email, ctx.phone] {
                        let _ = s.try_set(String::new());
                    }
                    go(&routes::appointment_step(BOOKING_PAGE));
                }
                Err(ApiError::Status(409, p)) if p.kind.ends_with("slot-taken") => {
                    // A new attempt for the new time; everything else stays.
                    crate::storage::remove(ATTEMPT_SLOT);
                    let _ = ctx.plan.try_update(|pl| {
                        pl.taken = pl.time.take();
                    });
                    go(&href(Step::Time));
                }
                Err(ApiError::Validation(p)) => {
                    crate::storage::remove(ATTEMPT_SLOT);
                    let msgs: Vec<String> = p.errors.values().flatten().cloned().collect();
                    let _ = failure.try_set(Some(if msgs.is_empty() {
                        p.title
                    } else {
                        msgs.join(" ")
                    }));
                    request_animation_frame(|| crate::dom::focus_id("book-failure"));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e.message(i18n.t())));
                    request_animation_frame(|| crate::dom::focus_id("book-failure"));
                }
            }
        });
    };
    let row = move |label: fn(&crate::i18n::appointments::AppointmentTexts) -> &'static str,
                    value: Signal<String>,
                    step: Step| {
        view! {
            <div class="summary-row">
                <dt>{move || label(i18n.a())}</dt>
                <dd class="summary-value">{move || value.get()}</dd>
                <dd class="summary-action">
                    <WizardLink href=Signal::derive(move || href(step))>{move || i18n.t().change}<span class="visually-hidden">{move || format!(" {}", label(i18n.a()))}</span></WizardLink>
                </dd>
            </div>
        }
    };
    let loc2 = location.clone();
    let concern_text = Signal::derive(move || {
        let lang = i18n.lang();
        concerns
            .iter()
            .map(|(n, c)| format!("{c} × {}", n.get(lang)))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let place_text = Signal::derive(move || {
        loc2.as_ref()
            .map(|l| format!("{}, {}", l.name.get(i18n.lang()), l.address))
            .unwrap_or_default()
    });
    let t2 = time.clone();
    let when_text = Signal::derive(move || {
        let lang = i18n.lang();
        fill(
            i18n.a().when_value,
            &[
                ("day", &day_label(date, lang)),
                ("time", &format_time(&t2, lang)),
                ("duration", &duration_text(minutes, lang)),
            ],
        )
    });
    let name_text = Signal::derive(move || ctx.name.get());
    let contact_text = Signal::derive(move || {
        [ctx.email.get(), ctx.phone.get()]
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    });
    view! {
        <Progress step=Step::Check title=|a| a.check_title/>
        <h1>{move || i18n.a().check_title}</h1>
        {move || failure.get().map(|m| view! { <p class="notice notice-error" id="book-failure" tabindex="-1" role="alert">{m}</p> })}
        <dl class="summary-list">
            {row(|a| a.row_concerns, concern_text, Step::Concerns)}
            {row(|a| a.row_place, place_text, Step::Location)}
            {row(|a| a.row_when, when_text, Step::Day)}
            {row(|a| a.row_name, name_text, Step::Person)}
            {row(|a| a.row_contact, contact_text, Step::Person)}
        </dl>
        <h2>{move || i18n.a().fees_heading}</h2>
        <p>{move || if fee.0 == 0 { i18n.a().no_fee.to_string() } else { fill(i18n.a().fee_total, &[("fee", &fee.format(i18n.lang()))]) }}</p>
        <p>{move || payment.get(i18n.lang()).to_string()}</p>
        <div class="button-group">
            <button type="button" class="button" on:click=book disabled=move || busy.get()>
                {move || if busy.get() { i18n.t().sending } else { i18n.a().book_button }}
            </button>
        </div>
    }
}
