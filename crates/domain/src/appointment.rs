//! Appointments at the citizens' office: the town's concerns (Anliegen) and locations as read
//! from `appointments.json`, the wire types of `/api/v1/appointments`, and the rules a visit
//! follows. The slot engine is [`engine::Calendar`]; the calendar file is [`ics`].

pub mod engine;
pub mod ics;

use crate::date::Date;
use crate::i18n::Text;
use crate::money::Cents;
pub use crate::validation::{duration_text, AppointmentProblem};
use crate::validation::{has_forbidden_control, looks_like_email, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// A day of the week as the town folder writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub fn of(date: Date) -> Day {
        use crate::date::Weekday as W;
        match date.weekday() {
            W::Monday => Day::Mon,
            W::Tuesday => Day::Tue,
            W::Wednesday => Day::Wed,
            W::Thursday => Day::Thu,
            W::Friday => Day::Fri,
            W::Saturday => Day::Sat,
            W::Sunday => Day::Sun,
        }
    }
}

/// One thing to do at the office ("Personalausweis beantragen"), per person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Concern {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    pub name: Text,
    /// Minutes per person; a visit's concerns add up.
    pub minutes: u16,
    /// Fee per person in cents, paid at the counter; 0 is free.
    pub fee: Cents,
    /// How many people may come for it in one visit.
    pub max_count: u8,
    /// What to bring, per person (photo, old document, …).
    #[serde(default)]
    pub bring: Vec<Text>,
    /// Offered in the booking flow; `false` for concerns other services book (the wedding).
    #[serde(default = "yes")]
    pub public: bool,
}

fn yes() -> bool {
    true
}

/// Opening hours on some weekdays: `from`–`to` (`HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub days: Vec<Day>,
    pub from: String,
    pub to: String,
}

/// A place with counters where visits happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub id: String,
    pub name: Text,
    /// Street, postal code and town, one line.
    pub address: String,
    /// Counters serving in parallel: how many visits may overlap.
    pub counters: u8,
    /// Visits start on this grid from the opening time (minutes).
    pub interval_minutes: u16,
    pub hours: Vec<Hours>,
    /// Days the location is closed although the hours say open (holidays, training days).
    #[serde(default)]
    pub closed: Vec<Date>,
    /// Accessibility of the building: step-free access, hearing loop, …
    pub accessibility: Vec<Text>,
    /// Ids of the concerns handled here.
    pub concerns: Vec<String>,
    /// Offered in the booking flow; `false` for places only other services book.
    #[serde(default = "yes")]
    pub public: bool,
}

/// `appointments.json` of a town folder; the public part is `GET /api/v1/appointments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentOffer {
    /// The catalogue entry's name ("Termin im Bürgerbüro vereinbaren").
    pub title: Text,
    /// The longest visit that can be booked, in minutes.
    pub max_visit_minutes: u16,
    /// How many days ahead visits can be booked (from tomorrow on).
    pub days_ahead: u16,
    pub concerns: Vec<Concern>,
    pub locations: Vec<Location>,
    /// Payment at the counter, e.g. "girocard or cash".
    pub payment_at_counter: Text,
}

impl AppointmentOffer {
    pub fn concern(&self, id: &str) -> Option<&Concern> {
        self.concerns.iter().find(|c| c.id == id)
    }

    pub fn location(&self, id: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.id == id)
    }

    /// What citizens may book themselves (the public concerns and locations).
    pub fn public(&self) -> AppointmentOffer {
        let concerns: Vec<Concern> = self.concerns.iter().filter(|c| c.public).cloned().collect();
        AppointmentOffer {
            concerns,
            locations: self
                .locations
                .iter()
                .filter(|l| l.public)
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// Public locations that handle every concern of the set.
    pub fn locations_for<'a>(
        &'a self,
        concerns: &'a [ConcernCount],
    ) -> impl Iterator<Item = &'a Location> + 'a {
        self.locations
            .iter()
            .filter(|l| l.public && concerns.iter().all(|c| l.concerns.contains(&c.id)))
    }
}

/// One concern of a visit and for how many people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConcernCount {
    pub id: String,
    #[serde(deserialize_with = "crate::wire::whole_int32")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    pub count: u32,
}

/// The query form of a concern set: `personalausweis:2,meldebescheinigung:1`.
pub fn concerns_query(concerns: &[ConcernCount]) -> String {
    concerns
        .iter()
        .map(|c| format!("{}:{}", c.id, c.count))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`concerns_query`]; `None` if it is not of that form.
pub fn parse_concerns_query(s: &str) -> Option<Vec<ConcernCount>> {
    s.split(',')
        .map(|part| {
            let (id, count) = part.split_once(':')?;
            let count: u8 = count.parse().ok()?;
            (!id.is_empty()).then(|| ConcernCount {
                id: id.to_owned(),
                count: u32::from(count),
            })
        })
        .collect()
}

/// `GET /api/v1/appointments/days`: days with free times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeDays {
    /// Length of the visit in minutes.
    pub minutes: u16,
    /// Days with at least one free time, earliest first.
    pub days: Vec<FreeDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeDay {
    pub date: Date,
    /// Number of free start times that day.
    pub free: u32,
}

/// `GET /api/v1/appointments/times`: free start times of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTimes {
    pub date: Date,
    pub minutes: u16,
    /// `HH:MM`, local time, earliest first.
    pub times: Vec<String>,
}

/// `POST /api/v1/appointments/bookings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    pub location: String,
    pub concerns: Vec<ConcernCount>,
    /// `YYYY-MM-DD` (a day that is no date is a 422 on `date`).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    pub name: String,
    /// An e-mail address or a phone number is needed (or both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `PUT /api/v1/appointments/bookings/{code}`: move the visit to another day or time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    pub time: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BookingStatus {
    Booked,
    Cancelled,
}

/// One concern of a booked visit, priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookedConcern {
    pub id: String,
    pub name: Text,
    pub count: u32,
    /// Fee per person.
    pub fee: Cents,
    pub bring: Vec<Text>,
}

/// A booked visit as the citizen sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    /// 8 characters read out on the phone.
    pub code: String,
    pub status: BookingStatus,
    pub location: String,
    pub location_name: Text,
    pub address: String,
    pub accessibility: Vec<Text>,
    pub date: Date,
    /// Start, `HH:MM`.
    pub time: String,
    /// End, `HH:MM`.
    pub end: String,
    pub minutes: u16,
    /// Counter number at the location, 1-based.
    pub counter: u8,
    pub concerns: Vec<BookedConcern>,
    /// Sum of all fees, paid at the counter.
    pub fee_total: Cents,
    pub payment_at_counter: Text,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The answer to a new booking: the visit and the secret that changes or cancels it (shown
/// once; keep it with the code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingCreated {
    pub secret: String,
    pub booking: Booking,
}

/// The catalogue entry of the appointment booking (`GET /api/v1/services` lists it when the
/// town books appointments; the app links it to the booking, not to a form).
pub const CATALOGUE_ID: &str = "termin";

/// The header that carries a booking's secret (never the URL: URLs end up in logs).
pub const SECRET_HEADER: &str = "x-booking-secret";

pub const NAME_MAX: usize = 100;
pub const CONTACT_MAX: usize = 100;

/// The person's details: a name and an e-mail address or a phone number.
pub fn validate_person(name: &str, email: Option<&str>, phone: Option<&str>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let name = name.trim();
    if name.is_empty() {
        errors.add(
            "name",
            Problem::Required {
                what_de: "Ihren Namen",
                what_en: "your name",
            },
        );
    } else if name.chars().count() > NAME_MAX {
        errors.add("name", Problem::TooLong { max: NAME_MAX });
    } else if has_forbidden_control(name, false) {
        errors.add("name", Problem::ControlCharacters);
    }
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    let phone = phone.map(str::trim).filter(|p| !p.is_empty());
    if email.is_none() && phone.is_none() {
        errors.add(
            "email",
            Problem::Required {
                what_de: "eine E-Mail-Adresse oder eine Telefonnummer",
                what_en: "an email address or a phone number",
            },
        );
    }
    if let Some(e) = email {
        if e.chars().count() > CONTACT_MAX {
            errors.add("email", Problem::TooLong { max: CONTACT_MAX });
        } else if !looks_like_email(e) {
            errors.add("email", Problem::EmailFormat);
        }
    }
    if let Some(p) = phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let allowed = p
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/()".contains(c));
        if p.chars().count() > CONTACT_MAX {
            errors.add("phone", Problem::TooLong { max: CONTACT_MAX });
        } else if !allowed || !(6..=20).contains(&digits) {
            errors.add(
                "phone",
                Problem::Required {
                    what_de: "eine Telefonnummer mit 6 bis 20 Ziffern (z. B. 01234 56789)",
                    what_en: "a phone number with 6 to 20 digits (e.g. 01234 56789)",
                },
            );
        }
    }
    errors
}

/// `HH:MM` → minutes after midnight.
pub fn parse_time(t: &str) -> Option<u16> {
    let b = t.as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    let h: u16 = t.get(..2)?.parse().ok()?;
    let m: u16 = t.get(3..)?.parse().ok()?;
    (h < 24 && m < 60 && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit)).then_some(h * 60 + m)
}

/// Minutes after midnight → `HH:MM`.
pub fn format_minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn times_parse_and_format() {
        assert_eq!(parse_time("08:15"), Some(495));
        assert_eq!(parse_time("23:59"), Some(1439));
        for bad in ["24:00", "8:15", "08:60", "08-15", "+8:15", "0815", "08:1x"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(format_minutes(495), "08:15");
    }

    #[test]
    fn concern_sets_travel_as_a_query() {
        let set = vec![
            ConcernCount {
                id: "personalausweis".into(),
                count: 2,
            },
            ConcernCount {
                id: "meldebescheinigung".into(),
                count: 1,
            },
        ];
        let q = concerns_query(&set);
        assert_eq!(q, "personalausweis:2,meldebescheinigung:1");
        assert_eq!(parse_concerns_query(&q), Some(set));
        assert_eq!(parse_concerns_query("x"), None);
        assert_eq!(parse_concerns_query(":1"), None);
        assert_eq!(parse_concerns_query("a:300"), None);
    }

    #[test]
    fn a_person_needs_a_name_and_a_way_to_reach_them() {
        assert!(validate_person("Erika Muster", Some("e@x.de"), None).is_empty());
        assert!(validate_person("Erika Muster", None, Some("+49 1234 567890")).is_empty());
        let e = validate_person(" ", Some(" "), Some(""));
        assert!(e.first("name").is_some());
        assert!(e.first("email").is_some());
        let e = validate_person("A", Some("nope"), Some("12"));
        assert_eq!(e.first("email"), Some(&Problem::EmailFormat));
        assert!(e.first("phone").is_some());
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_text(45, Lang::De), "45 Minuten");
        assert_eq!(duration_text(90, Lang::De), "1 Stunde 30 Minuten");
        assert_eq!(duration_text(120, Lang::En), "2 hours");
    }
}
