//! Demo data next to the profile, every file optional: `demo/slots.json` (appointment slots,
//! generated relative to the day the backend starts), `demo/meters.json` (garden water meters
//! known to the utility with their last reading) and `demo/hearings.json` (cases of the online
//! hearing, dated relative to the start; see `crate::hearings::seed::CaseSpec`).

use super::problem::ConfigProblem;
use super::services::{read_json, Services};
use domain::application::Slot;
use domain::date::Date;
use domain::form::FieldKind;
use domain::i18n::Text;
use serde::Deserialize;
use std::path::Path;

pub const SLOTS: &str = "demo/slots.json";
pub const METERS: &str = "demo/meters.json";
pub const HEARINGS: &str = "demo/hearings.json";

/// Slots of one service: `count` slots from `first_after_days` days after the start day on,
/// at each of `times` on the listed weekdays, with the place of that weekday.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotPlan {
    pub service: String,
    /// Slot ids are `<prefix>-<date>-<hhmm>`.
    pub id_prefix: String,
    pub first_after_days: i64,
    pub count: usize,
    pub times: Vec<String>,
    pub days: Vec<SlotDays>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotDays {
    /// `mon` … `sun`.
    pub weekdays: Vec<String>,
    pub place: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meter {
    pub meter: String,
    /// Last reading in m³.
    pub last: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Demo {
    pub slots: Vec<SlotPlan>,
    pub meters: Vec<Meter>,
    pub hearings: Vec<crate::hearings::seed::CaseSpec>,
}

const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

impl SlotPlan {
    /// The slots for a backend started on `today`, earliest first.
    pub fn generate(&self, today: Date) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut day = today.add_days(self.first_after_days);
        // A year of days is plenty for any plan that passed the check (a weekday and a time).
        for _ in 0..366 {
            if slots.len() >= self.count {
                break;
            }
            let wd = WEEKDAYS[super::relative::weekday(day) as usize];
            if let Some(d) = self
                .days
                .iter()
                .find(|d| d.weekdays.iter().any(|w| w == wd))
            {
                for time in &self.times {
                    if slots.len() < self.count {
                        slots.push(Slot {
                            id: format!(
                                "{}-{}-{}",
                                self.id_prefix,
                                day.iso(),
                                time.replace(':', "")
                            ),
                            date: day,
                            time: time.clone(),
                            place: d.place.clone(),
                        });
                    }
                }
            }
            day = day.add_days(1);
        }
        slots
    }
}

fn is_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && t[3..].parse::<u8>().is_ok_and(|m| m < 60)
}

pub fn load(
    dir: &Path,
    services: &Services,
    features: Option<&domain::town::Features>,
    today: Date,
    problems: &mut Vec<ConfigProblem>,
) -> Demo {
    let appointments = features.is_none_or(|f| f.appointments);
    let hearing = features.is_none_or(|f| f.hearing);
    let mut demo = Demo::default();
    if dir.join(HEARINGS).exists() {
        if let Some(v) = read_json(dir, HEARINGS, problems) {
            match serde_json::from_value::<Vec<crate::hearings::seed::CaseSpec>>(v) {
                Err(e) => problems.push(ConfigProblem::new(HEARINGS, "", e.to_string())),
                Ok(cases) => {
                    if !hearing && !cases.is_empty() {
                        problems.push(ConfigProblem::new(
                            HEARINGS,
                            "",
                            "hearing cases are listed but features.hearing is off in town.toml",
                        ));
                    }
                    for (at, msg) in crate::hearings::seed::check(&cases, today) {
                        problems.push(ConfigProblem::new(HEARINGS, at, msg));
                    }
                    demo.hearings = cases;
                }
            }
        }
    }
    if dir.join(SLOTS).exists() {
        if let Some(v) = read_json(dir, SLOTS, problems) {
            match serde_json::from_value::<Vec<SlotPlan>>(v) {
                Err(e) => problems.push(ConfigProblem::new(SLOTS, "", e.to_string())),
                Ok(plans) => {
                    for (i, p) in plans.iter().enumerate() {
                        check_plan(
                            p,
                            &format!("[{i}]"),
                            services,
                            appointments,
                            today,
                            problems,
                        );
                    }
                    demo.slots = plans;
                }
            }
        }
    }
    if dir.join(METERS).exists() {
        if let Some(v) = read_json(dir, METERS, problems) {
            match serde_json::from_value::<Vec<Meter>>(v) {
                Err(e) => problems.push(ConfigProblem::new(METERS, "", e.to_string())),
                Ok(meters) => {
                    for (i, m) in meters.iter().enumerate() {
                        if m.meter.is_empty() || !m.meter.bytes().all(|b| b.is_ascii_digit()) {
                            problems.push(ConfigProblem::new(
                                METERS,
                                format!("[{i}].meter"),
                                format!("{:?} must be digits", m.meter),
                            ));
                        }
                        if m.last < 0 {
                            problems.push(ConfigProblem::new(
                                METERS,
                                format!("[{i}].last"),
                                "must not be negative",
                            ));
                        }
                    }
                    demo.meters = meters;
                }
            }
        }
    }
    demo
}

fn check_plan(
    p: &SlotPlan,
    at: &str,
    services: &Services,
    appointments: bool,
    today: Date,
    problems: &mut Vec<ConfigProblem>,
) {
    let mut add = |field: &str, msg: String| {
        problems.push(ConfigProblem::new(SLOTS, format!("{at}.{field}"), msg))
    };
    if !appointments {
        add(
            "service",
            "slots are listed but features.appointments is off in town.toml".into(),
        );
    }
    let has_slot_field = services.definition(&p.service, today).is_some_and(|d| {
        d.fields()
            .any(|(_, f)| matches!(f.kind, FieldKind::AppointmentSlot))
    });
    if !has_slot_field {
        add(
            "service",
            format!(
                "{:?} is no service of the catalogue with an appointment_slot field",
                p.service
            ),
        );
    }
    if p.count == 0 {
        add("count", "must be at least 1".into());
    }
    if p.first_after_days < 1 {
        add(
            "first_after_days",
            "must be at least 1 (slots lie after the day they are offered)".into(),
        );
    }
    if p.times.is_empty() {
        add("times", "needs at least one time".into());
    }
    for t in p.times.iter().filter(|t| !is_time(t)) {
        add("times", format!("{t:?} is not a time HH:MM"));
    }
    if p.days.is_empty() {
        add("days", "needs at least one weekday".into());
    }
    for (i, d) in p.days.iter().enumerate() {
        for w in d
            .weekdays
            .iter()
            .filter(|w| !WEEKDAYS.contains(&w.as_str()))
        {
            add(
                &format!("days[{i}].weekdays"),
                format!("{w:?} is not a weekday (mon … sun)"),
            );
        }
        if d.weekdays.is_empty() {
            add(
                &format!("days[{i}].weekdays"),
                "needs at least one weekday".into(),
            );
        }
        if d.place.de.trim().is_empty() || d.place.en.trim().is_empty() {
            add(&format!("days[{i}].place"), "must not be empty".into());
        }
    }
}
