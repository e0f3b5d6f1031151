//! The slot engine: which start times are free for a visit of some length at a location, and
//! taking one. A visit holds one counter from its start to its end; a location serves as many
//! visits at once as it has counters, and never two on the same counter at the same time.
//!
//! Plain data, no clock and no lock: the backend keeps one [`Calendar`] behind a mutex, so
//! checking and taking a slot is one step.

use super::{format_minutes, parse_time, AppointmentOffer, ConcernCount, Day, Location};
use crate::date::Date;
use crate::validation::AppointmentProblem;

/// One counter held by one visit (or a wedding) from `start` to `end` (minutes of the day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupancy {
    /// The booking code (or application reference) holding it.
    pub owner: String,
    pub location: String,
    pub date: Date,
    pub start: u16,
    pub end: u16,
    /// 1-based.
    pub counter: u8,
}

/// Why a visit cannot be planned at a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitError {
    UnknownLocation,
    /// No concern chosen.
    Empty,
    UnknownConcern(String),
    /// A concern named twice.
    Repeated(String),
    /// 0 people, or more than the concern allows.
    Count {
        id: String,
        max: u8,
    },
    /// The location does not handle this concern.
    NotHere(String),
    /// Longer than the longest visit that can be booked.
    TooLong {
        minutes: u32,
        max: u16,
    },
}

/// Why a slot was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeError {
    /// Outside the bookable days, opening hours or the grid, or on a closing day.
    NotOffered,
    /// Every counter is busy at some point of the visit.
    Taken,
}

/// A planned visit: where and how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub location: String,
    pub minutes: u16,
}

/// Which days can be booked: `first` to `last`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
}

impl Window {
    /// From tomorrow on, `days` days.
    pub fn ahead(today: Date, days: u16) -> Window {
        Window {
            first: today.add_days(1),
            last: today.add_days(i64::from(days)),
        }
    }

    pub fn contains(&self, d: Date) -> bool {
        self.first <= d && d <= self.last
    }
}

#[derive(Debug, Clone)]
pub struct Calendar {
    offer: AppointmentOffer,
    taken: Vec<Occupancy>,
}

impl Calendar {
    pub fn new(offer: AppointmentOffer) -> Calendar {
        Calendar {
            offer,
            taken: Vec::new(),
        }
    }

    pub fn offer(&self) -> &AppointmentOffer {
        &self.offer
    }

    /// Checks a concern set at a location and adds up its length.
    pub fn visit(&self, location: &str, concerns: &[ConcernCount]) -> Result<Visit, VisitError> {
        let loc = self
            .offer
            .location(location)
            .ok_or(VisitError::UnknownLocation)?;
        if concerns.is_empty() {
            return Err(VisitError::Empty);
        }
        let mut minutes: u32 = 0;
        for (i, c) in concerns.iter().enumerate() {
            let concern = self
                .offer
                .concern(&c.id)
                .ok_or_else(|| VisitError::UnknownConcern(c.id.clone()))?;
            if concerns[..i].iter().any(|o| o.id == c.id) {
                return Err(VisitError::Repeated(c.id.clone()));
            }
            if c.count == 0 || c.count > u32::from(concern.max_count) {
                return Err(VisitError::Count {
                    id: c.id.clone(),
                    max: concern.max_count,
                });
            }
            if !loc.concerns.contains(&c.id) {
                return Err(VisitError::NotHere(c.id.clone()));
            }
            minutes += u32::from(concern.minutes) * c.count.min(255);
        }
        let max = self.offer.max_visit_minutes;
        if minutes > u32::from(max) {
            return Err(VisitError::TooLong { minutes, max });
        }
        Ok(Visit {
            location: location.to_owned(),
            minutes: minutes as u16,
        })
    }

    /// Start times on `date` (minutes of the day) the location's hours and grid allow, whether
    /// free or not; none on a closing day.
    fn grid(loc: &Location, date: Date, minutes: u16) -> Vec<u16> {
        if loc.closed.contains(&date) || loc.interval_minutes == 0 {
            return Vec::new();
        }
        let day = Day::of(date);
        let mut starts = Vec::new();
        for h in loc.hours.iter().filter(|h| h.days.contains(&day)) {
            let (Some(from), Some(to)) = (parse_time(&h.from), parse_time(&h.to)) else {
                continue;
            };
            let mut t = from;
            while t + minutes <= to {
                starts.push(t);
                t += loc.interval_minutes;
            }
        }
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// A counter free for the whole of `start..start+minutes`, ignoring `owner`'s own visit.
    fn free_counter(
        &self,
        loc: &Location,
        date: Date,
        start: u16,
        minutes: u16,
        owner: Option<&str>,
    ) -> Option<u8> {
        let end = start + minutes;
        (1..=loc.counters).find(|&counter| {
            !self.taken.iter().any(|o| {
                o.location == loc.id
                    && o.date == date
                    && o.counter == counter
                    && Some(o.owner.as_str()) != owner
                    && o.start < end
                    && start < o.end
            })
        })
    }

    /// Free start times of `visit` on `date` (`HH:MM`), earliest first; `owner`'s own visit
    /// does not count as busy (for moving it).
    pub fn free_times(
        &self,
        visit: &Visit,
        date: Date,
        window: Window,
        owner: Option<&str>,
    ) -> Vec<String> {
        let Some(loc) = self.offer.location(&visit.location) else {
            return Vec::new();
        };
        if !window.contains(date) {
            return Vec::new();
        }
        Calendar::grid(loc, date, visit.minutes)
            .into_iter()
            .filter(|&t| {
                self.free_counter(loc, date, t, visit.minutes, owner)
                    .is_some()
            })
            .map(format_minutes)
            .collect()
    }

    /// Every day of the window with its number of free start times (days without any left out).
    pub fn free_days(
        &self,
        visit: &Visit,
        window: Window,
        owner: Option<&str>,
    ) -> Vec<(Date, usize)> {
        let mut out = Vec::new();
        let mut d = window.first;
        while d <= window.last {
            let n = self.free_times(visit, d, window, owner).len();
            if n > 0 {
                out.push((d, n));
            }
            d = d.add_days(1);
        }
        out
    }

    /// Takes a counter for `owner`'s visit at `date`/`time`. An earlier visit of the same
    /// owner is given up only when the new one is taken (a move never loses the old slot).
    pub fn take(
        &mut self,
        owner: &str,
        visit: &Visit,
        date: Date,
        time: &str,
        window: Window,
    ) -> Result<Occupancy, TakeError> {
        let loc = self
            .offer
            .location(&visit.location)
            .ok_or(TakeError::NotOffered)?;
        let start = parse_time(time).ok_or(TakeError::NotOffered)?;
        if !window.contains(date) || !Calendar::grid(loc, date, visit.minutes).contains(&start) {
            return Err(TakeError::NotOffered);
        }
        let counter = self
            .free_counter(loc, date, start, visit.minutes, Some(owner))
            .ok_or(TakeError::Taken)?;
        let occupancy = Occupancy {
            owner: owner.to_owned(),
            location: visit.location.clone(),
            date,
            start,
            end: start + visit.minutes,
            counter,
        };
        self.release(owner);
        self.taken.push(occupancy.clone());
        Ok(occupancy)
    }

    /// Frees `owner`'s visit at once.
    pub fn release(&mut self, owner: &str) {
        self.taken.retain(|o| o.owner != owner);
    }

    pub fn held_by(&self, owner: &str) -> Option<&Occupancy> {
        self.taken.iter().find(|o| o.owner == owner)
    }

    /// Every slot held now (for checks in tests).
    pub fn occupancies(&self) -> &[Occupancy] {
        &self.taken
    }
}

impl VisitError {
    /// The field (`location`, `concerns`) and problem a refused visit is reported as.
    pub fn problem(&self) -> (&'static str, AppointmentProblem) {
        use AppointmentProblem as P;
        use VisitError as V;
        match self {
            V::UnknownLocation => ("location", P::UnknownLocation),
            V::Empty => ("concerns", P::NoConcern),
            V::UnknownConcern(_) => ("concerns", P::UnknownConcern),
            V::Repeated(_) => ("concerns", P::RepeatedConcern),
            V::Count { max, .. } => ("concerns", P::Count { max: *max }),
            V::NotHere(_) => ("location", P::NotHere),
            V::TooLong { minutes, max } => (
                "concerns",
                P::TooLong {
                    minutes: *minutes,
                    max: *max,
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appointment::{Concern, Hours};
    use crate::i18n::Text;
    use crate::money::Cents;

    fn concern(id: &str, minutes: u16, max: u8) -> Concern {
        Concern {
            id: id.into(),
            name: Text::new(id, id),
            minutes,
            fee: Cents(1000),
            max_count: max,
            bring: vec![],
            public: true,
        }
    }

    // 2026-12-07 is a Monday.
    fn monday() -> Date {
        Date::new(2026, 12, 7).unwrap()
    }

    fn offer(counters: u8) -> AppointmentOffer {
        AppointmentOffer {
            title: Text::new("Termin", "Appointment"),
            max_visit_minutes: 60,
            days_ahead: 14,
            payment_at_counter: Text::new("Karte", "card"),
            concerns: vec![
                concern("ausweis", 15, 5),
                concern("pass", 20, 5),
                concern("melde", 10, 3),
            ],
            locations: vec![Location {
                id: "rathaus".into(),
                name: Text::new("Rathaus", "Town hall"),
                address: "Markt 1".into(),
                counters,
                interval_minutes: 15,
                hours: vec![
                    Hours {
                        days: vec![Day::Mon, Day::Tue],
                        from: "08:00".into(),
                        to: "09:00".into(),
                    },
                    Hours {
                        days: vec![Day::Tue],
                        from: "14:00".into(),
                        to: "15:00".into(),
                    },
                ],
                closed: vec![monday().add_days(7)],
                accessibility: vec![],
                concerns: vec!["ausweis".into(), "pass".into()],
                public: true,
            }],
        }
    }

    fn cc(id: &str, count: u8) -> ConcernCount {
        ConcernCount {
            id: id.into(),
            count: u32::from(count),
        }
    }

    fn window() -> Window {
        // Booked on the Sunday before: the Monday is the first day.
        Window::ahead(monday().add_days(-1), 14)
    }

    #[test]
    fn durations_add_up_per_person_and_concern() {
        let cal = Calendar::new(offer(1));
        let v = cal
            .visit("rathaus", &[cc("ausweis", 2), cc("pass", 1)])
            .unwrap();
        assert_eq!(v.minutes, 50);
        assert_eq!(
            cal.visit("rathaus", &[cc("ausweis", 2), cc("pass", 2)]),
            Err(VisitError::TooLong {
                minutes: 70,
                max: 60
            })
        );
        assert_eq!(
            cal.visit("rathaus", &[cc("melde", 1)]),
            Err(VisitError::NotHere("melde".into()))
        );
        assert_eq!(
            cal.visit("rathaus", &[cc("ausweis", 0)]),
            Err(VisitError::Count {
                id: "ausweis".into(),
                max: 5
            })
        );
        assert_eq!(
            cal.visit("rathaus", &[cc("ausweis", 1), cc("ausweis", 1)]),
            Err(VisitError::Repeated("ausweis".into()))
        );
        assert_eq!(cal.visit("rathaus", &[]), Err(VisitError::Empty));
        assert_eq!(
            cal.visit("nord", &[cc("ausweis", 1)]),
            Err(VisitError::UnknownLocation)
        );
        assert_eq!(
            cal.visit("rathaus", &[cc("x", 1)]),
            Err(VisitError::UnknownConcern("x".into()))
        );
    }

    #[test]
    fn times_follow_hours_grid_and_length() {
        let cal = Calendar::new(offer(1));
        let short = cal.visit("rathaus", &[cc("ausweis", 1)]).unwrap();
        assert_eq!(
            cal.free_times(&short, monday(), window(), None),
            ["08:00", "08:15", "08:30", "08:45"]
        );
        let long = cal
            .visit("rathaus", &[cc("ausweis", 2), cc("pass", 1)])
            .unwrap();
        // 50 minutes fit only from 08:00 in an hour's opening.
        assert_eq!(cal.free_times(&long, monday(), window(), None), ["08:00"]);
        // Tuesday has two ranges.
        assert_eq!(
            cal.free_times(&long, monday().add_days(1), window(), None),
            ["08:00", "14:00"]
        );
        // Wednesday: closed; the next Monday: a closing day; outside the window: nothing.
        assert!(cal
            .free_times(&short, monday().add_days(2), window(), None)
            .is_empty());
        assert!(cal
            .free_times(&short, monday().add_days(7), window(), None)
            .is_empty());
        assert!(cal
            .free_times(&short, monday().add_days(-7), window(), None)
            .is_empty());
        let days = cal.free_days(&short, window(), None);
        assert_eq!(
            days,
            vec![
                (monday(), 4),
                (monday().add_days(1), 8),
                (monday().add_days(8), 8)
            ]
        );
    }

    #[test]
    fn capacity_is_one_visit_per_counter_at_a_time() {
        let mut cal = Calendar::new(offer(2));
        let v = cal.visit("rathaus", &[cc("pass", 1)]).unwrap(); // 20 minutes
        let a = cal.take("A", &v, monday(), "08:00", window()).unwrap();
        let b = cal.take("B", &v, monday(), "08:00", window()).unwrap();
        assert_eq!((a.counter, b.counter), (1, 2));
        assert_eq!(
            cal.take("C", &v, monday(), "08:00", window()),
            Err(TakeError::Taken)
        );
        // 08:15 overlaps both (they end at 08:20); 08:30 is free again.
        assert_eq!(
            cal.free_times(&v, monday(), window(), None),
            ["08:30"],
            "the 20-minute visits block 08:00 and 08:15"
        );
        assert_eq!(
            cal.take("C", &v, monday(), "08:10", window()),
            Err(TakeError::NotOffered),
            "off the grid"
        );
        cal.release("A");
        assert_eq!(
            cal.free_times(&v, monday(), window(), None),
            ["08:00", "08:15", "08:30"]
        );
        let c = cal.take("C", &v, monday(), "08:15", window()).unwrap();
        assert_eq!(c.counter, 1);
        // Never two visits on one counter at once.
        let all = cal.occupancies();
        for (i, x) in all.iter().enumerate() {
            for y in &all[..i] {
                assert!(
                    !(x.counter == y.counter
                        && x.date == y.date
                        && x.start < y.end
                        && y.start < x.end),
                    "{x:?} overlaps {y:?}"
                );
            }
        }
    }

    #[test]
    fn a_move_keeps_the_old_slot_until_the_new_one_is_taken() {
        let mut cal = Calendar::new(offer(1));
        let v = cal.visit("rathaus", &[cc("ausweis", 1)]).unwrap();
        cal.take("A", &v, monday(), "08:00", window()).unwrap();
        cal.take("B", &v, monday(), "08:15", window()).unwrap();
        // A cannot move onto B's slot, and keeps its own.
        assert_eq!(
            cal.take("A", &v, monday(), "08:15", window()),
            Err(TakeError::Taken)
        );
        assert_eq!(cal.held_by("A").map(|o| o.start), Some(480));
        // Its own slot does not block a move that overlaps it.
        let longer = cal.visit("rathaus", &[cc("ausweis", 1)]).unwrap();
        assert_eq!(
            cal.free_times(&longer, monday(), window(), Some("A")),
            ["08:00", "08:30", "08:45"]
        );
        cal.take("A", &v, monday(), "08:30", window()).unwrap();
        assert_eq!(cal.held_by("A").map(|o| o.start), Some(510));
        assert_eq!(cal.occupancies().len(), 2, "the old slot was given up");
        assert_eq!(
            cal.free_times(&v, monday(), window(), None),
            ["08:00", "08:45"]
        );
    }
}
