//! Civil dates without a date crate: parse ISO `YYYY-MM-DD`, show German `21.11.2026`, count
//! days, name the weekday; the API's UTC timestamps shown in German time as
//! `21.11.2026, 13:05 Uhr`. Small on purpose (the wasm bundle carries it: no time-zone database
//! for the one zone a German town needs).

use crate::i18n::Lang;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1000..=9999).contains(&year);
        valid.then_some(Date { year, month, day })
    }

    /// Strict ISO 8601 calendar date: `2026-11-21`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// German input as typed: `21.11.2026` or `1.2.2026`.
    pub fn parse_german(s: &str) -> Option<Date> {
        let mut it = s.trim().split('.');
        let d: u8 = it.next()?.trim().parse().ok()?;
        let m: u8 = it.next()?.trim().parse().ok()?;
        let y_str = it.next()?.trim();
        if it.next().is_some() || y_str.len() != 4 {
            return None;
        }
        Date::new(y_str.parse().ok()?, m, d)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn format_de(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// English UI still shows an unambiguous day-first date.
    pub fn format(self, lang: Lang) -> String {
        match lang {
            Lang::De => self.format_de(),
            Lang::En => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The UTC date of a Unix timestamp in seconds.
    pub fn from_unix_seconds(secs: i64) -> Date {
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::from_monday_index((self.days_since_epoch() + 3).rem_euclid(7))
    }

    /// Completed years of age on `today` (a birthday on 29 Feb counts from 1 Mar).
    pub fn age_on(self, today: Date) -> i32 {
        let mut age = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }
}

/// The days of the week in ISO 8601 order: the week starts on Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Monday = 0 … Sunday = 6: the position in a Monday-first list of names.
    pub fn index(self) -> usize {
        self as usize
    }

    /// ISO 8601 day number: Monday = 1 … Sunday = 7.
    pub fn iso_number(self) -> u8 {
        self as u8 + 1
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    fn from_monday_index(i: i64) -> Weekday {
        match i.rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

/// A UTC instant as the API sends it (RFC 3339, `2026-11-21T12:05:33Z`), shown to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Timestamp {
    pub fn from_unix_seconds(secs: i64) -> Timestamp {
        let of_day = secs.rem_euclid(86_400);
        Timestamp {
            date: Date::from_unix_seconds(secs),
            hour: (of_day / 3600) as u8,
            minute: (of_day % 3600 / 60) as u8,
            second: (of_day % 60) as u8,
        }
    }

    /// RFC 3339 in UTC: `2026-11-21T12:05:33Z`, with optional fractions of a second and `+00:00`
    /// for `Z`. Other offsets are not read (the API sends UTC only).
    pub fn parse(s: &str) -> Option<Timestamp> {
        let (date, rest) = (s.get(..10)?, s.get(10..)?);
        let rest = rest.strip_prefix(['T', 't'])?;
        let (clock, zone) = (rest.get(..8)?, rest.get(8..)?);
        let zone = match zone.strip_prefix('.') {
            Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => zone,
        };
        if !matches!(zone, "Z" | "z" | "+00:00") {
            return None;
        }
        let b = clock.as_bytes();
        if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u8> {
            let part = clock.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (hour, minute, second) = (num(0..2)?, num(3..5)?, num(6..8)?);
        (hour < 24 && minute < 60 && second < 61).then_some(Timestamp {
            date: Date::parse_iso(date)?,
            hour,
            minute,
            second,
        })
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The wall-clock time in Germany: CET (UTC+1), and CEST (UTC+2) from the last Sunday of
    /// March to the last Sunday of October, switching at 01:00 UTC (the EU rule since 1996).
    pub fn german_local(self) -> Timestamp {
        let year = self.date.year;
        let switch = |month: u8| {
            let last = Date::new(year, month, 31).map_or(0, Date::days_since_epoch);
            let back_to_sunday = (Date::from_days_since_epoch(last).weekday().index() + 1) % 7;
            let sunday = last - back_to_sunday as i64;
            sunday * 86_400 + 3600
        };
        let secs = self.unix_seconds();
        let summer = (switch(3)..switch(10)).contains(&secs);
        Timestamp::from_unix_seconds(secs + if summer { 7200 } else { 3600 })
    }

    /// In German time (the citizen's and the town hall's clock): `21.11.2026, 13:05 Uhr`
    /// (German), `21/11/2026, 13:05` (English).
    pub fn format(self, lang: Lang) -> String {
        let local = self.german_local();
        format_date_time(
            local.date,
            &format!("{:02}:{:02}", local.hour, local.minute),
            lang,
        )
    }
}

/// RFC 3339, as the API writes it: `2026-11-21T12:05:33Z`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date.iso(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

/// An API timestamp (RFC 3339, UTC) for people, as [`Timestamp::format`]; anything else is
/// shown as it came.
pub fn format_timestamp(s: &str, lang: Lang) -> String {
    Timestamp::parse(s)
        .map(|t| t.format(lang))
        .unwrap_or_else(|| s.to_string())
}

/// A clock time (`HH:MM`) for people: `12:05 Uhr` (German), `12:05` (English).
pub fn format_time(time: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{time} Uhr"),
        Lang::En => time.to_string(),
    }
}

/// A date and a clock time (`HH:MM`): `21.11.2026, 12:05 Uhr` (German), `21/11/2026, 12:05`.
pub fn format_date_time(date: Date, time: &str, lang: Lang) -> String {
    format!("{}, {}", date.format(lang), format_time(time, lang))
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Date,
            )))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = Date::parse_iso("2026-11-21").unwrap();
        assert_eq!(d.format_de(), "21.11.2026");
        assert_eq!(Date::parse_german("1.2.2026"), Date::new(2026, 2, 1));
        assert_eq!(Date::parse_iso("2026-02-29"), None);
        assert_eq!(
            Date::parse_iso("2024-02-29").map(|d| d.iso()),
            Some("2024-02-29".into())
        );
        assert_eq!(Date::parse_iso("2026-13-01"), None);
        assert_eq!(Date::parse_iso("2026-1-01"), None);
        assert_eq!(Date::parse_iso("２０２６-11-21"), None);
        assert_eq!(Date::parse_german("32.1.2026"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::new(2026, 11, 21).unwrap();
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(d.add_days(10), Date::new(2026, 12, 1).unwrap());
        assert_eq!(d.days_until(Date::new(2026, 12, 1).unwrap()), 10);
        assert_eq!(
            Date::from_unix_seconds(1_795_219_200),
            Date::new(2026, 11, 21).unwrap()
        );
        for z in -800_000..800_000i64 {
            if z % 997 == 0 {
                assert_eq!(Date::from_days_since_epoch(z).days_since_epoch(), z);
            }
        }
    }

    #[test]
    fn age() {
        let born = Date::new(2008, 11, 22).unwrap();
        assert_eq!(born.age_on(Date::new(2026, 11, 21).unwrap()), 17);
        assert_eq!(born.age_on(Date::new(2026, 11, 22).unwrap()), 18);
    }

    #[test]
    fn weekdays_start_on_monday() {
        let day = |y, m, d| Date::new(y, m, d).unwrap().weekday();
        assert_eq!(day(1970, 1, 1), Weekday::Thursday);
        assert_eq!(day(2026, 11, 21), Weekday::Saturday, "a Saturday");
        assert_eq!(day(2026, 11, 23), Weekday::Monday);
        assert_eq!(day(2026, 11, 29), Weekday::Sunday);
        assert_eq!(day(2024, 2, 29), Weekday::Thursday);
        assert_eq!(day(1969, 12, 31), Weekday::Wednesday, "before the epoch");
        assert_eq!(Weekday::Monday.index(), 0);
        assert_eq!(Weekday::Sunday.index(), 6);
        assert_eq!(Weekday::Monday.iso_number(), 1);
        assert_eq!(Weekday::Sunday.iso_number(), 7);
        assert!(Weekday::Saturday.is_weekend() && !Weekday::Friday.is_weekend());
        // Seven days in a row are the seven weekdays, in order.
        let monday = Date::new(2026, 11, 23).unwrap();
        let week: Vec<Weekday> = (0..7).map(|i| monday.add_days(i).weekday()).collect();
        assert_eq!(week, Weekday::ALL);
    }

    #[test]
    fn timestamps_read_and_show() {
        let t = Timestamp::parse("2026-11-21T12:05:33Z").unwrap();
        assert_eq!(t.format(Lang::De), "21.11.2026, 13:05 Uhr", "CET");
        assert_eq!(t.format(Lang::En), "21/11/2026, 13:05");
        assert_eq!(t.to_string(), "2026-11-21T12:05:33Z");
        assert_eq!(
            Timestamp::parse("2026-11-21T12:05:33.250Z"),
            Some(t),
            "fractions are dropped"
        );
        assert_eq!(Timestamp::parse("2026-11-21T12:05:33+00:00"), Some(t));
        for bad in [
            "2026-11-21 12:05:33Z",
            "2026-11-21T12:05:33",
            "2026-11-21T12:05:33+01:00",
            "2026-11-21T24:00:00Z",
            "2026-11-21T12:60:00Z",
            "2026-11-31T12:05:33Z",
            "2026-11-21T1:05:33Z",
            "2026-11-21",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Timestamp::from_unix_seconds(1_795_219_200 + 3723).to_string(),
            "2026-11-21T01:02:03Z"
        );
        assert_eq!(
            format_timestamp("2026-11-21T12:05:33Z", Lang::De),
            "21.11.2026, 13:05 Uhr"
        );
        assert_eq!(format_timestamp("gestern", Lang::De), "gestern");
    }

    #[test]
    fn german_time_follows_summer_time() {
        let local = |s: &str| Timestamp::parse(s).unwrap().german_local().to_string();
        // 2026: summer time from Sunday 29 March to Sunday 25 October, at 01:00 UTC.
        assert_eq!(local("2026-03-29T00:59:59Z"), "2026-03-29T01:59:59Z");
        assert_eq!(local("2026-03-29T01:00:00Z"), "2026-03-29T03:00:00Z");
        assert_eq!(local("2026-10-25T00:59:59Z"), "2026-10-25T02:59:59Z");
        assert_eq!(local("2026-10-25T01:00:00Z"), "2026-10-25T02:00:00Z");
        // Around midnight and the year's end the date moves too.
        assert_eq!(local("2026-12-31T23:30:00Z"), "2027-01-01T00:30:00Z");
        assert_eq!(local("2026-07-01T22:15:00Z"), "2026-07-02T00:15:00Z");
        // 2027: 28 March and 31 October (October's last day is the Sunday itself).
        assert_eq!(local("2027-03-28T01:00:00Z"), "2027-03-28T03:00:00Z");
        assert_eq!(local("2027-10-31T00:30:00Z"), "2027-10-31T02:30:00Z");
        assert_eq!(local("2027-10-31T01:00:00Z"), "2027-10-31T02:00:00Z");
        let t = Timestamp::parse("2026-11-21T12:05:33Z").unwrap();
        assert_eq!(Timestamp::from_unix_seconds(t.unix_seconds()), t);
    }

    #[test]
    fn clock_times_read_the_german_way() {
        assert_eq!(format_time("10:00", Lang::De), "10:00 Uhr");
        assert_eq!(format_time("10:00", Lang::En), "10:00");
        let d = Date::new(2026, 12, 1).unwrap();
        assert_eq!(
            format_date_time(d, "10:00", Lang::De),
            "01.12.2026, 10:00 Uhr"
        );
        assert_eq!(format_date_time(d, "10:00", Lang::En), "01/12/2026, 10:00");
    }

    #[test]
    fn json_is_iso_string() {
        let d = Date::new(2026, 1, 5).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-01-05\"");
        assert!(serde_json::from_str::<Date>("\"5.1.2026\"").is_err());
    }
}
