//! The calendar file of a booked visit: iCalendar (RFC 5545), one `VEVENT` in local time of
//! `Europe/Berlin` with its `VTIMEZONE`, CRLF line endings, lines folded at 75 octets, text
//! values escaped.

use super::{Booking, BookingStatus};
use crate::i18n::Lang;

/// The whole `.ics` file. `stamp` is `DTSTAMP` in UTC (`20261201T083000Z`); `host` makes the
/// UID globally unique (e.g. `musterstadt.example`).
pub fn calendar(b: &Booking, lang: Lang, stamp: &str, host: &str, town: &str) -> String {
    let start = local(b.date, &b.time);
    let end = local(b.date, &b.end);
    let (summary, code_label, bring_label, fee_label) = match lang {
        Lang::De => (
            format!("Termin {town}: {}", b.location_name.de),
            "Buchungscode",
            "Bitte mitbringen",
            "Gebühr (vor Ort)",
        ),
        Lang::En => (
            format!("Appointment {town}: {}", b.location_name.en),
            "Booking code",
            "Please bring",
            "Fee (at the counter)",
        ),
    };
    let mut description = format!("{code_label}: {}\n", b.code);
    for c in &b.concerns {
        description.push_str(&format!("{} × {}\n", c.count, c.name.get(lang)));
    }
    let bring: Vec<&str> = b
        .concerns
        .iter()
        .flat_map(|c| c.bring.iter().map(|t| t.get(lang)))
        .collect();
    if !bring.is_empty() {
        description.push_str(&format!("{bring_label}: {}\n", bring.join("; ")));
    }
    description.push_str(&format!("{fee_label}: {}", b.fee_total.format(lang)));
    let status = match b.status {
        BookingStatus::Booked => "CONFIRMED",
        BookingStatus::Cancelled => "CANCELLED",
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".into(),
        format!("PRODID:-//{}//Serviceportal//DE", escape(town)),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Europe/Berlin".into(),
        "BEGIN:DAYLIGHT".into(),
        "TZOFFSETFROM:+0100".into(),
        "TZOFFSETTO:+0200".into(),
        "TZNAME:CEST".into(),
        "DTSTART:19700329T020000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into(),
        "END:DAYLIGHT".into(),
        "BEGIN:STANDARD".into(),
        "TZOFFSETFROM:+0200".into(),
        "TZOFFSETTO:+0100".into(),
        "TZNAME:CET".into(),
        "DTSTART:19701025T030000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@{}", b.code, escape(host)),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID=Europe/Berlin:{start}"),
        format!("DTEND;TZID=Europe/Berlin:{end}"),
        format!("SUMMARY:{}", escape(&summary)),
        format!(
            "LOCATION:{}",
            escape(&format!("{}, {}", b.location_name.get(lang), b.address))
        ),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("STATUS:{status}"),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

fn local(date: crate::date::Date, time: &str) -> String {
    format!(
        "{:04}{:02}{:02}T{}00",
        date.year,
        date.month,
        date.day,
        time.replace(':', "")
    )
}

/// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut octets = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if octets + n > 75 {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            octets = 1;
        }
        out.push(c);
        octets += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("DESCRIPTION:{}", "ä".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }
}
