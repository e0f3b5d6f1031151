//! What a citizen has chosen so far in the booking flow, and which page may show: plain data,
//! kept in sessionStorage (nothing personal: concerns, place, day, time). The person's name
//! and contact stay in memory only.

use domain::appointment::{AppointmentOffer, AppointmentProblem, ConcernCount, FreeDay, Location};
use domain::date::Date;
use domain::money::Cents;
use serde::{Deserialize, Serialize};

/// The pages of the flow, in order; the segment below `/termin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Concerns,
    Location,
    Day,
    Time,
    Person,
    Check,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Concerns,
        Step::Location,
        Step::Day,
        Step::Time,
        Step::Person,
        Step::Check,
    ];

    pub fn segment(self) -> &'static str {
        match self {
            Step::Concerns => "anliegen",
            Step::Location => "standort",
            Step::Day => "tag",
            Step::Time => "uhrzeit",
            Step::Person => "angaben",
            Step::Check => domain::form::CHECK_PAGE,
        }
    }

    /// `""` (the flow's start, `/termin`) is the first page.
    pub fn from_segment(s: &str) -> Option<Step> {
        if s.is_empty() {
            return Some(Step::Concerns);
        }
        Step::ALL.into_iter().find(|st| st.segment() == s)
    }

    /// 1-based, for "Schritt 2 von 6".
    pub fn number(self) -> usize {
        self as usize + 1
    }

    pub fn previous(self) -> Option<Step> {
        Step::ALL.get((self as usize).checked_sub(1)?).copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub concerns: Vec<ConcernCount>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub time: Option<String>,
    /// The time that was taken by someone else before it could be booked (the times page says
    /// so once).
    #[serde(default)]
    pub taken: Option<String>,
}

impl Plan {
    /// The first page whose answer is missing, given whether name and contact are there.
    pub fn first_missing(&self, person_done: bool) -> Option<Step> {
        if self.concerns.is_empty() {
            Some(Step::Concerns)
        } else if self.location.is_none() {
            Some(Step::Location)
        } else if self.date.is_none() {
            Some(Step::Day)
        } else if self.time.is_none() {
            Some(Step::Time)
        } else if !person_done {
            Some(Step::Person)
        } else {
            None
        }
    }

    /// The page to show for a requested one: a page after a missing answer shows that
    /// answer's page instead (deep links, reloads, another tab).
    pub fn land(&self, requested: Step, person_done: bool) -> Step {
        match self.first_missing(person_done) {
            Some(missing) if missing < requested => missing,
            _ => requested,
        }
    }

    /// New concerns: a location that does not handle them all is dropped, and so are day and
    /// time (the visit's length changed).
    pub fn set_concerns(&mut self, concerns: Vec<ConcernCount>, offer: &AppointmentOffer) {
        if concerns != self.concerns {
            self.date = None;
            self.time = None;
        }
        self.concerns = concerns;
        let handled = self
            .location
            .as_deref()
            .is_some_and(|l| offer.locations_for(&self.concerns).any(|loc| loc.id == l));
        if !handled {
            self.location = None;
        }
    }

    pub fn set_location(&mut self, id: String) {
        if self.location.as_deref() != Some(id.as_str()) {
            self.date = None;
            self.time = None;
        }
        self.location = Some(id);
    }

    pub fn set_date(&mut self, date: Date) {
        if self.date != Some(date) {
            self.time = None;
        }
        self.date = Some(date);
    }
}

/// The visit's length in minutes, or why it cannot be booked (no concern, too long).
pub fn visit_minutes(
    offer: &AppointmentOffer,
    concerns: &[ConcernCount],
) -> Result<u16, AppointmentProblem> {
    if concerns.is_empty() {
        return Err(AppointmentProblem::NoConcern);
    }
    let minutes: u32 = concerns
        .iter()
        .filter_map(|c| offer.concern(&c.id).map(|k| u32::from(k.minutes) * c.count))
        .sum();
    if minutes > u32::from(offer.max_visit_minutes) {
        return Err(AppointmentProblem::TooLong {
            minutes,
            max: offer.max_visit_minutes,
        });
    }
    Ok(minutes as u16)
}

/// The fees of the chosen concerns, paid at the counter.
pub fn fee_total(offer: &AppointmentOffer, concerns: &[ConcernCount]) -> Cents {
    Cents(
        concerns
            .iter()
            .filter_map(|c| offer.concern(&c.id).map(|k| k.fee.0 * i64::from(c.count)))
            .sum(),
    )
}

/// The locations that handle every chosen concern.
pub fn locations<'a>(
    offer: &'a AppointmentOffer,
    concerns: &'a [ConcernCount],
) -> Vec<&'a Location> {
    offer.locations_for(concerns).collect()
}

/// Free days grouped by calendar week (Monday first), in order.
pub fn weeks(days: &[FreeDay]) -> Vec<(Date, Vec<FreeDay>)> {
    let mut out: Vec<(Date, Vec<FreeDay>)> = Vec::new();
    for d in days {
        let monday = d.date.add_days(-(d.date.weekday().index() as i64));
        match out.last_mut() {
            Some((m, list)) if *m == monday => list.push(d.clone()),
            _ => out.push((monday, vec![d.clone()])),
        }
    }
    out
}

/// `DTSTAMP` of a calendar file: the UTC instant as `20261201T083000Z`.
pub fn ics_stamp(unix_seconds: i64) -> String {
    let t = domain::date::Timestamp::from_unix_seconds(unix_seconds);
    let d = t.date;
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        d.year, d.month, d.day, t.hour, t.minute, t.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::appointment::{Concern, Day, Hours};
    use domain::i18n::Text;

    fn offer() -> AppointmentOffer {
        let concern = |id: &str, minutes| Concern {
            id: id.into(),
            name: Text::new(id, id),
            minutes,
            fee: Cents(4600),
            max_count: 5,
            bring: vec![],
            public: true,
        };
        let location = |id: &str, concerns: &[&str]| Location {
            id: id.into(),
            name: Text::new(id, id),
            address: "x".into(),
            counters: 1,
            interval_minutes: 15,
            hours: vec![Hours {
                days: vec![Day::Mon],
                from: "08:00".into(),
                to: "12:00".into(),
            }],
            closed: vec![],
            accessibility: vec![],
            concerns: concerns.iter().map(|c| c.to_string()).collect(),
            public: true,
        };
        AppointmentOffer {
            title: Text::new("Termin", "Appointment"),
            max_visit_minutes: 60,
            days_ahead: 56,
            payment_at_counter: Text::new("", ""),
            concerns: vec![concern("ausweis", 15), concern("beglaubigung", 5)],
            locations: vec![
                location("rathaus", &["ausweis", "beglaubigung"]),
                location("nord", &["ausweis"]),
            ],
        }
    }

    fn cc(id: &str, count: u8) -> ConcernCount {
        ConcernCount {
            id: id.into(),
            count: u32::from(count),
        }
    }

    #[test]
    fn steps_have_segments_and_order() {
        for s in Step::ALL {
            assert_eq!(Step::from_segment(s.segment()), Some(s));
        }
        assert_eq!(Step::from_segment(""), Some(Step::Concerns));
        assert_eq!(Step::from_segment("buchung"), None);
        assert_eq!(Step::Check.number(), 6);
        assert_eq!(Step::Day.previous(), Some(Step::Location));
        assert_eq!(Step::Concerns.previous(), None);
    }

    #[test]
    fn a_deep_link_lands_on_the_first_missing_answer() {
        let mut p = Plan::default();
        assert_eq!(p.land(Step::Time, false), Step::Concerns);
        p.set_concerns(vec![cc("ausweis", 2)], &offer());
        p.set_location("nord".into());
        assert_eq!(p.land(Step::Check, false), Step::Day);
        assert_eq!(
            p.land(Step::Location, false),
            Step::Location,
            "going back is fine"
        );
        p.set_date(Date::new(2026, 12, 7).unwrap());
        p.time = Some("08:00".into());
        assert_eq!(p.land(Step::Check, false), Step::Person);
        assert_eq!(p.land(Step::Check, true), Step::Check);
    }

    #[test]
    fn a_change_drops_what_depends_on_it() {
        let o = offer();
        let mut p = Plan::default();
        p.set_concerns(vec![cc("ausweis", 1)], &o);
        p.set_location("nord".into());
        p.set_date(Date::new(2026, 12, 7).unwrap());
        p.time = Some("08:00".into());
        // The same concerns again keep everything.
        p.set_concerns(vec![cc("ausweis", 1)], &o);
        assert!(p.time.is_some());
        // Nord does not certify copies: the place goes, and day and time with the new length.
        p.set_concerns(vec![cc("ausweis", 1), cc("beglaubigung", 1)], &o);
        assert_eq!(
            (p.location.as_deref(), p.date, p.time.as_deref()),
            (None, None, None)
        );
        p.set_location("rathaus".into());
        p.set_date(Date::new(2026, 12, 7).unwrap());
        p.time = Some("08:00".into());
        p.set_date(Date::new(2026, 12, 14).unwrap());
        assert_eq!(p.time, None, "another day, another time");
    }

    #[test]
    fn lengths_fees_and_places_follow_the_concerns() {
        let o = offer();
        assert_eq!(visit_minutes(&o, &[cc("ausweis", 2)]), Ok(30));
        assert_eq!(
            visit_minutes(&o, &[cc("ausweis", 5)]),
            Err(AppointmentProblem::TooLong {
                minutes: 75,
                max: 60
            })
        );
        assert_eq!(visit_minutes(&o, &[]), Err(AppointmentProblem::NoConcern));
        assert_eq!(fee_total(&o, &[cc("ausweis", 2)]), Cents(9200));
        let ids = |c: &[ConcernCount]| {
            locations(&o, c)
                .into_iter()
                .map(|l| l.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&[cc("ausweis", 1)]), ["rathaus", "nord"]);
        assert_eq!(ids(&[cc("beglaubigung", 1)]), ["rathaus"]);
    }

    #[test]
    fn days_are_grouped_by_week() {
        let day = |d| FreeDay {
            date: Date::new(2026, 12, d).unwrap(),
            free: 3,
        };
        // 2026-12-04 is a Friday, the 7th a Monday.
        let w = weeks(&[day(3), day(4), day(7), day(11), day(14)]);
        let starts: Vec<String> = w.iter().map(|(m, _)| m.iso()).collect();
        assert_eq!(starts, ["2026-11-30", "2026-12-07", "2026-12-14"]);
        assert_eq!(w[1].1.len(), 2);
    }

    #[test]
    fn calendar_stamps_are_utc() {
        // 2026-12-01 08:30:05 UTC
        assert_eq!(ics_stamp(1_796_113_805), "20261201T083005Z");
    }
}
