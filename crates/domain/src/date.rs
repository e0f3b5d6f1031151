//! Civil dates without a date crate: parse ISO `YYYY-MM-DD`, show German `21.11.2026`, count
//! days. Small on purpose (the wasm bundle carries it).

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
    pub fn format(self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::De => self.format_de(),
            crate::i18n::Lang::En => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
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

    /// Completed years of age on `today` (a birthday on 29 Feb counts from 1 Mar).
    pub fn age_on(self, today: Date) -> i32 {
        let mut age = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }
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
    fn json_is_iso_string() {
        let d = Date::new(2026, 1, 5).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-01-05\"");
        assert!(serde_json::from_str::<Date>("\"5.1.2026\"").is_err());
    }
}
