//! `appointments.json`: the concerns (Anliegen) citizens book visits for and the locations
//! that serve them (opening hours, counters, closing days, address, accessibility). Needed when
//! `features.appointments` is on, refused when it is off. Closing days may be relative
//! (`{"$days": 9}`, see [`super::relative`]); they are resolved on the start day.

use super::problem::ConfigProblem;
use super::relative;
use super::services::read_json;
use domain::appointment::{parse_time, AppointmentOffer};
use domain::date::Date;
use domain::i18n::Text;
use std::collections::BTreeSet;
use std::path::Path;

pub const FILE: &str = "appointments.json";

/// The offer, if the town books appointments; problems go to `problems`.
pub fn load(
    dir: &Path,
    appointments_on: Option<bool>,
    today: Date,
    problems: &mut Vec<ConfigProblem>,
) -> Option<AppointmentOffer> {
    let exists = dir.join(FILE).exists();
    match (appointments_on, exists) {
        (Some(false), true) => {
            problems.push(ConfigProblem::new(
                FILE,
                "",
                "exists but features.appointments is off in town.toml (delete it or switch the feature on)",
            ));
            return None;
        }
        (Some(true), false) => {
            problems.push(ConfigProblem::new(
                FILE,
                "",
                "is missing: features.appointments is on in town.toml, so the concerns and locations must be listed",
            ));
            return None;
        }
        (_, false) => return None,
        _ => {}
    }
    let raw = read_json(dir, FILE, problems)?;
    let resolved = match relative::resolve(&raw, today) {
        Ok(v) => v,
        Err(e) => {
            problems.push(ConfigProblem::new(FILE, "", e));
            return None;
        }
    };
    let offer: AppointmentOffer = match serde_json::from_value(resolved) {
        Ok(o) => o,
        Err(e) => {
            problems.push(ConfigProblem::new(FILE, "", e.to_string()));
            return None;
        }
    };
    let before = problems.len();
    for (field, message) in check(&offer) {
        problems.push(ConfigProblem::new(FILE, field, message));
    }
    (problems.len() == before).then_some(offer)
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Every problem of an offer as (field path, message).
pub fn check(o: &AppointmentOffer) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |at: String, msg: String| out.push((at, msg));
    let text = |at: &str, t: &Text, add: &mut dyn FnMut(String, String)| {
        if t.de.trim().is_empty() {
            add(format!("{at}.de"), "must not be empty".into());
        }
        if t.en.trim().is_empty() {
            add(format!("{at}.en"), "must not be empty".into());
        }
    };
    if o.max_visit_minutes == 0 {
        add("max_visit_minutes".into(), "must be at least 1".into());
    }
    if !(1..=366).contains(&o.days_ahead) {
        add(
            "days_ahead".into(),
            format!("must be 1 to 366, got {}", o.days_ahead),
        );
    }
    text("payment_at_counter", &o.payment_at_counter, &mut add);
    text("title", &o.title, &mut add);
    if !o.concerns.iter().any(|c| c.public) {
        add(
            "concerns".into(),
            "needs at least one concern citizens can book (\"public\" not false)".into(),
        );
    }
    let mut ids = BTreeSet::new();
    for (i, c) in o.concerns.iter().enumerate() {
        let at = format!("concerns[{i}]");
        if !is_id(&c.id) {
            add(
                format!("{at}.id"),
                format!("{:?} must be lower-case letters, digits and hyphens", c.id),
            );
        }
        if !ids.insert(c.id.as_str()) {
            add(format!("{at}.id"), format!("{:?} appears twice", c.id));
        }
        text(&format!("{at}.name"), &c.name, &mut add);
        for (j, b) in c.bring.iter().enumerate() {
            text(&format!("{at}.bring[{j}]"), b, &mut add);
        }
        if c.minutes == 0 {
            add(format!("{at}.minutes"), "must be at least 1".into());
        } else if c.minutes > o.max_visit_minutes {
            add(
                format!("{at}.minutes"),
                format!(
                    "{} minutes for one person is longer than max_visit_minutes ({}): it could never be booked",
                    c.minutes, o.max_visit_minutes
                ),
            );
        }
        if c.max_count == 0 {
            add(format!("{at}.max_count"), "must be at least 1".into());
        }
        if c.fee.0 < 0 {
            add(format!("{at}.fee"), "must not be negative".into());
        }
        if !o
            .locations
            .iter()
            .any(|l| l.concerns.contains(&c.id) && l.public == c.public)
        {
            add(
                format!("{at}.id"),
                format!(
                    "{:?} is handled at no location{}",
                    c.id,
                    if c.public { " citizens can book" } else { "" }
                ),
            );
        }
    }
    if !o.locations.iter().any(|l| l.public) {
        add(
            "locations".into(),
            "needs at least one location citizens can book (\"public\" not false)".into(),
        );
    }
    let mut loc_ids = BTreeSet::new();
    for (i, l) in o.locations.iter().enumerate() {
        let at = format!("locations[{i}]");
        if !is_id(&l.id) {
            add(
                format!("{at}.id"),
                format!("{:?} must be lower-case letters, digits and hyphens", l.id),
            );
        }
        if !loc_ids.insert(l.id.as_str()) {
            add(format!("{at}.id"), format!("{:?} appears twice", l.id));
        }
        text(&format!("{at}.name"), &l.name, &mut add);
        if l.address.trim().is_empty() {
            add(format!("{at}.address"), "must not be empty".into());
        }
        if l.counters == 0 {
            add(format!("{at}.counters"), "must be at least 1".into());
        }
        if l.interval_minutes == 0 || l.interval_minutes > 240 {
            add(
                format!("{at}.interval_minutes"),
                format!("must be 1 to 240, got {}", l.interval_minutes),
            );
        }
        if l.hours.is_empty() {
            add(
                format!("{at}.hours"),
                "needs at least one opening range".into(),
            );
        }
        for (j, h) in l.hours.iter().enumerate() {
            let hat = format!("{at}.hours[{j}]");
            if h.days.is_empty() {
                add(format!("{hat}.days"), "needs at least one weekday".into());
            }
            let from = parse_time(&h.from);
            let to = parse_time(&h.to);
            if from.is_none() {
                add(
                    format!("{hat}.from"),
                    format!("{:?} is not a time HH:MM", h.from),
                );
            }
            if to.is_none() {
                add(
                    format!("{hat}.to"),
                    format!("{:?} is not a time HH:MM", h.to),
                );
            }
            if let (Some(f), Some(t)) = (from, to) {
                if f >= t {
                    add(
                        format!("{hat}.to"),
                        format!("{} is not after {}", h.to, h.from),
                    );
                }
            }
        }
        if l.accessibility.is_empty() {
            add(
                format!("{at}.accessibility"),
                "describe the access (step-free or not, hearing loop, …): at least one line".into(),
            );
        }
        for (j, a) in l.accessibility.iter().enumerate() {
            text(&format!("{at}.accessibility[{j}]"), a, &mut add);
        }
        if l.concerns.is_empty() {
            add(
                format!("{at}.concerns"),
                "needs at least one concern".into(),
            );
        }
        for (j, id) in l.concerns.iter().enumerate() {
            match o.concern(id) {
                None => add(
                    format!("{at}.concerns[{j}]"),
                    format!("{id:?} is no concern of this file"),
                ),
                Some(c) if c.public != l.public => add(
                    format!("{at}.concerns[{j}]"),
                    format!(
                        "{id:?} is {} but the location is {}",
                        if c.public { "public" } else { "not public" },
                        if l.public { "public" } else { "not public" }
                    ),
                ),
                _ => {}
            }
            if l.concerns[..j].contains(id) {
                add(
                    format!("{at}.concerns[{j}]"),
                    format!("{id:?} appears twice"),
                );
            }
        }
    }
    out
}
