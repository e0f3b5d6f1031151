//! Appointments at the citizens' office: one slot engine ([`domain::appointment::engine`])
//! behind one lock, so checking and taking a slot is one step and a slot is never given out
//! beyond its counters, however many requests arrive at once. Visits booked here and the
//! wedding slots of the marriage form share it.

pub mod handlers;

use crate::idempotency::{IdempotencyKey, IdempotencyStore, KeyReused, Outcome};
use crate::sync::lock;
use domain::appointment::engine::{Calendar, TakeError, Visit, Window};
use domain::appointment::{
    validate_person, AppointmentOffer, AppointmentProblem, BookedConcern, Booking, BookingCreated,
    BookingRequest, BookingStatus, ChangeRequest, ConcernCount, Day, FreeDay, FreeDays, FreeTimes,
};
use domain::date::Date;
use domain::i18n::Text;
use domain::money::Cents;
use domain::validation::{FieldErrors, Problem};
use std::collections::HashMap;
use std::sync::Mutex;
use subtle::ConstantTimeEq;

/// Length of a booking code (read out on the phone) and of its secret (≈ 98 bits).
pub const CODE_LEN: usize = 8;
pub const SECRET_LEN: usize = 20;

/// Why a booking request was refused; the handler words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingError {
    KeyReused,
    Invalid(FieldErrors),
    /// Every counter is busy then: the free times of that day now.
    Taken {
        times: Vec<String>,
    },
    /// Unknown code or wrong secret: one answer for both.
    NotFound,
    /// A cancelled visit cannot be moved.
    Cancelled,
}

impl From<KeyReused> for BookingError {
    fn from(_: KeyReused) -> Self {
        BookingError::KeyReused
    }
}

struct Stored {
    booking: Booking,
    secret: String,
    concerns: Vec<ConcernCount>,
}

struct Data {
    calendar: Calendar,
    bookings: HashMap<String, Stored>,
}

pub struct AppointmentStore {
    data: Mutex<Data>,
    /// Idempotency-Key → booking code and secret.
    created: IdempotencyStore<(String, String)>,
}

fn field(errors: &mut FieldErrors, at: &str, p: AppointmentProblem) {
    errors.add(at, Problem::Appointment(p));
}

impl AppointmentStore {
    /// The town's offer; a town without appointments gets an empty one (its routes are off).
    pub fn new(offer: Option<AppointmentOffer>) -> AppointmentStore {
        let offer = offer.unwrap_or_else(|| AppointmentOffer {
            title: Text::new("", ""),
            max_visit_minutes: 0,
            days_ahead: 0,
            concerns: vec![],
            locations: vec![],
            payment_at_counter: Text::new("", ""),
        });
        AppointmentStore {
            data: Mutex::new(Data {
                calendar: Calendar::new(offer),
                bookings: HashMap::new(),
            }),
            created: IdempotencyStore::default(),
        }
    }

    /// What citizens may book.
    pub fn public_offer(&self) -> AppointmentOffer {
        lock(&self.data).calendar.offer().public()
    }

    fn window(data: &Data, today: Date) -> Window {
        Window::ahead(today, data.calendar.offer().days_ahead)
    }

    /// A visit citizens may book: public location, public concerns.
    fn public_visit(
        data: &Data,
        location: &str,
        concerns: &[ConcernCount],
    ) -> Result<Visit, FieldErrors> {
        let mut errors = FieldErrors::default();
        let offer = data.calendar.offer();
        if !offer.location(location).is_some_and(|l| l.public) {
            field(&mut errors, "location", AppointmentProblem::UnknownLocation);
            return Err(errors);
        }
        if concerns
            .iter()
            .any(|c| !offer.concern(&c.id).is_some_and(|c| c.public))
        {
            field(&mut errors, "concerns", AppointmentProblem::UnknownConcern);
            return Err(errors);
        }
        data.calendar.visit(location, concerns).map_err(|e| {
            let (at, p) = e.problem();
            field(&mut errors, at, p);
            errors
        })
    }

    pub fn free_days(
        &self,
        location: &str,
        concerns: &[ConcernCount],
        today: Date,
    ) -> Result<FreeDays, FieldErrors> {
        let data = lock(&self.data);
        let visit = Self::public_visit(&data, location, concerns)?;
        let days = data
            .calendar
            .free_days(&visit, Self::window(&data, today), None)
            .into_iter()
            .map(|(date, n)| FreeDay {
                date,
                free: n as u32,
            })
            .collect();
        Ok(FreeDays {
            minutes: visit.minutes,
            days,
        })
    }

    pub fn free_times(
        &self,
        location: &str,
        concerns: &[ConcernCount],
        date: Date,
        today: Date,
    ) -> Result<FreeTimes, FieldErrors> {
        let data = lock(&self.data);
        let visit = Self::public_visit(&data, location, concerns)?;
        let times = data
            .calendar
            .free_times(&visit, date, Self::window(&data, today), None);
        Ok(FreeTimes {
            date,
            minutes: visit.minutes,
            times,
        })
    }

    /// Books a visit once per idempotency key.
    pub fn book(
        &self,
        key: &IdempotencyKey,
        req: &BookingRequest,
        today: Date,
    ) -> Result<(BookingCreated, Outcome), BookingError> {
        let fingerprint = serde_json::to_string(req).unwrap_or_default();
        let ((code, secret), outcome) = self
            .created
            .run(key, &fingerprint, || self.create(req, today))?;
        let data = lock(&self.data);
        let stored = data.bookings.get(&code).ok_or(BookingError::NotFound)?;
        Ok((
            BookingCreated {
                secret,
                booking: stored.booking.clone(),
            },
            outcome,
        ))
    }

    fn create(&self, req: &BookingRequest, today: Date) -> Result<(String, String), BookingError> {
        let mut errors = validate_person(&req.name, req.email.as_deref(), req.phone.as_deref());
        let mut data = lock(&self.data);
        let visit = match Self::public_visit(&data, &req.location, &req.concerns) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let date = Date::parse_iso(&req.date);
        if date.is_none() {
            field(&mut errors, "date", AppointmentProblem::DateNotOffered);
        }
        let (Some(visit), Some(date)) = (visit.filter(|_| errors.is_empty()), date) else {
            return Err(BookingError::Invalid(errors));
        };
        let window = Self::window(&data, today);
        let code = loop {
            let c = crate::forms::reference::random_code(CODE_LEN);
            if !data.bookings.contains_key(&c) {
                break c;
            }
        };
        let occupancy = match data.calendar.take(&code, &visit, date, &req.time, window) {
            Ok(o) => o,
            Err(TakeError::NotOffered) => {
                not_offered(&data, &visit, date, window, &mut errors);
                return Err(BookingError::Invalid(errors));
            }
            Err(TakeError::Taken) => {
                return Err(BookingError::Taken {
                    times: data.calendar.free_times(&visit, date, window, None),
                })
            }
        };
        let offer = data.calendar.offer();
        let loc = offer
            .location(&req.location)
            .ok_or(BookingError::NotFound)?;
        let concerns: Vec<BookedConcern> = req
            .concerns
            .iter()
            .filter_map(|c| {
                offer.concern(&c.id).map(|k| BookedConcern {
                    id: k.id.clone(),
                    name: k.name.clone(),
                    count: c.count,
                    fee: k.fee,
                    bring: k.bring.clone(),
                })
            })
            .collect();
        let fee_total = Cents(concerns.iter().map(|c| c.fee.0 * i64::from(c.count)).sum());
        let trimmed = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let booking = Booking {
            code: code.clone(),
            status: BookingStatus::Booked,
            location: loc.id.clone(),
            location_name: loc.name.clone(),
            address: loc.address.clone(),
            accessibility: loc.accessibility.clone(),
            date: occupancy.date,
            time: domain::appointment::format_minutes(occupancy.start),
            end: domain::appointment::format_minutes(occupancy.end),
            minutes: visit.minutes,
            counter: occupancy.counter,
            concerns,
            fee_total,
            payment_at_counter: offer.payment_at_counter.clone(),
            name: req.name.trim().to_owned(),
            email: trimmed(&req.email),
            phone: trimmed(&req.phone),
        };
        let secret = crate::forms::reference::random_code(SECRET_LEN);
        data.bookings.insert(
            code.clone(),
            Stored {
                booking,
                secret: secret.clone(),
                concerns: req.concerns.clone(),
            },
        );
        Ok((code, secret))
    }

    /// The stored booking if `secret` is its secret (compared in constant time).
    fn authorised<'a>(
        data: &'a mut Data,
        code: &str,
        secret: &str,
    ) -> Result<&'a mut Stored, BookingError> {
        let code = domain::application::normalise_code(code);
        let stored = data.bookings.get_mut(&code).ok_or(BookingError::NotFound)?;
        let given = domain::application::normalise_code(secret);
        if bool::from(given.as_bytes().ct_eq(stored.secret.as_bytes())) {
            Ok(stored)
        } else {
            Err(BookingError::NotFound)
        }
    }

    pub fn get(&self, code: &str, secret: &str) -> Result<Booking, BookingError> {
        let mut data = lock(&self.data);
        Self::authorised(&mut data, code, secret).map(|s| s.booking.clone())
    }

    /// Cancels at once: the slot is free for others immediately. Cancelling twice is fine.
    pub fn cancel(&self, code: &str, secret: &str) -> Result<Booking, BookingError> {
        let mut data = lock(&self.data);
        let stored = Self::authorised(&mut data, code, secret)?;
        stored.booking.status = BookingStatus::Cancelled;
        let booking = stored.booking.clone();
        data.calendar.release(&booking.code);
        Ok(booking)
    }

    /// Moves a visit; the old slot is kept until the new one is taken (one lock for both).
    pub fn change(
        &self,
        code: &str,
        secret: &str,
        req: &ChangeRequest,
        today: Date,
    ) -> Result<Booking, BookingError> {
        let mut data = lock(&self.data);
        let window = Self::window(&data, today);
        let stored = Self::authorised(&mut data, code, secret)?;
        if stored.booking.status == BookingStatus::Cancelled {
            return Err(BookingError::Cancelled);
        }
        let (code, location, concerns) = (
            stored.booking.code.clone(),
            stored.booking.location.clone(),
            stored.concerns.clone(),
        );
        let visit = data.calendar.visit(&location, &concerns).map_err(|e| {
            let mut errors = FieldErrors::default();
            let (at, p) = e.problem();
            field(&mut errors, at, p);
            BookingError::Invalid(errors)
        })?;
        let Some(date) = Date::parse_iso(&req.date) else {
            let mut errors = FieldErrors::default();
            field(&mut errors, "date", AppointmentProblem::DateNotOffered);
            return Err(BookingError::Invalid(errors));
        };
        let occupancy = match data.calendar.take(&code, &visit, date, &req.time, window) {
            Ok(o) => o,
            Err(TakeError::NotOffered) => {
                let mut errors = FieldErrors::default();
                not_offered(&data, &visit, date, window, &mut errors);
                return Err(BookingError::Invalid(errors));
            }
            Err(TakeError::Taken) => {
                return Err(BookingError::Taken {
                    times: data.calendar.free_times(&visit, date, window, Some(&code)),
                })
            }
        };
        let stored = data.bookings.get_mut(&code).ok_or(BookingError::NotFound)?;
        stored.booking.date = occupancy.date;
        stored.booking.time = domain::appointment::format_minutes(occupancy.start);
        stored.booking.end = domain::appointment::format_minutes(occupancy.end);
        stored.booking.counter = occupancy.counter;
        Ok(stored.booking.clone())
    }

    /// The first `count` start times of `concern` at `locations` from `first` on, earliest
    /// first, as (location, date, time): the wedding slots a form offers.
    pub fn plan_slots(
        &self,
        concern: &str,
        locations: &[String],
        first: Date,
        count: usize,
    ) -> Vec<(String, Date, String)> {
        let data = lock(&self.data);
        let window = Window {
            first,
            last: first.add_days(366),
        };
        let mut out = Vec::new();
        let mut day = first;
        while day <= window.last && out.len() < count {
            let mut today: Vec<(String, Date, String)> = Vec::new();
            for loc in locations {
                let concerns = [ConcernCount {
                    id: concern.to_owned(),
                    count: 1,
                }];
                if let Ok(visit) = data.calendar.visit(loc, &concerns) {
                    for t in data.calendar.free_times(&visit, day, window, None) {
                        today.push((loc.clone(), day, t));
                    }
                }
            }
            today.sort_by(|a, b| a.2.cmp(&b.2));
            out.extend(today.into_iter().take(count - out.len()));
            day = day.add_days(1);
        }
        out
    }

    fn single(concern: &str) -> [ConcernCount; 1] {
        [ConcernCount {
            id: concern.to_owned(),
            count: 1,
        }]
    }

    fn form_window(today: Date) -> Window {
        Window {
            first: today.add_days(1),
            last: today.add_days(400),
        }
    }

    /// Whether a form's slot can still be taken (after `today`, a counter free).
    pub fn slot_is_free(
        &self,
        location: &str,
        concern: &str,
        date: Date,
        time: &str,
        today: Date,
    ) -> bool {
        let data = lock(&self.data);
        data.calendar
            .visit(location, &Self::single(concern))
            .is_ok_and(|v| {
                data.calendar
                    .free_times(&v, date, Self::form_window(today), None)
                    .iter()
                    .any(|t| t == time)
            })
    }

    /// Takes a form's slot for `owner` (an application reference), checked and taken under
    /// one lock.
    pub fn take_slot(
        &self,
        owner: &str,
        location: &str,
        concern: &str,
        date: Date,
        time: &str,
        today: Date,
    ) -> Result<(), TakeError> {
        let mut data = lock(&self.data);
        let visit = data
            .calendar
            .visit(location, &Self::single(concern))
            .map_err(|_| TakeError::NotOffered)?;
        data.calendar
            .take(owner, &visit, date, time, Self::form_window(today))
            .map(|_| ())
    }

    /// Gives up what `owner` holds.
    pub fn release(&self, owner: &str) {
        lock(&self.data).calendar.release(owner);
    }

    /// How many visits hold a counter now (tests).
    pub fn held(&self) -> usize {
        lock(&self.data).calendar.occupancies().len()
    }

    /// Runs `f` on the engine under the store's lock (the wedding slots of the marriage form).
    pub fn with_calendar<T>(&self, f: impl FnOnce(&mut Calendar) -> T) -> T {
        f(&mut lock(&self.data).calendar)
    }
}

/// The field a slot that is not offered is reported on: the day (outside the window, closed),
/// or the time on an open day.
fn not_offered(data: &Data, visit: &Visit, date: Date, window: Window, errors: &mut FieldErrors) {
    let open = window.contains(date)
        && data
            .calendar
            .offer()
            .location(&visit.location)
            .is_some_and(|l| {
                !l.closed.contains(&date) && l.hours.iter().any(|h| h.days.contains(&Day::of(date)))
            });
    if open {
        field(errors, "time", AppointmentProblem::TimeNotOffered);
    } else {
        field(errors, "date", AppointmentProblem::DateNotOffered);
    }
}
