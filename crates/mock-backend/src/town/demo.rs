//! Demo data next to the profile, every file optional: `demo/slots.json` (appointment slots,
//! generated relative to the day the backend starts), `demo/meters.json` (garden water meters
//! known to the utility with their last reading) and `demo/hearings.json` (cases of the online
//! hearing, dated relative to the start; see `crate::hearings::seed::CaseSpec`).

use super::problem::ConfigProblem;
use super::services::{read_json, Services};
use domain::date::Date;
use domain::form::FieldKind;
use serde::Deserialize;
use std::path::Path;

pub const SLOTS: &str = "demo/slots.json";
pub const METERS: &str = "demo/meters.json";
pub const HEARINGS: &str = "demo/hearings.json";

/// Slots of one service's `appointment_slot` field, planned by the appointment engine: the
/// first `count` start times of `concern` at `locations` (of `appointments.json`) from
/// `first_after_days` days after the start day on. Slot ids are `<location>-<date>-<hhmm>`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotPlan {
    pub service: String,
    pub concern: String,
    pub locations: Vec<String>,
    pub first_after_days: i64,
    pub count: usize,
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
    /// `demo/notices.json` (see `crate::notices::seed`).
    pub notices: Vec<crate::notices::seed::NoticeSpec>,
    /// `notices.toml`: reminder delay and dunning fee.
    pub notice_rules: Option<domain::notice::ChargeRules>,
    /// `demo/inbox.json`: an account's past applications and messages (needs
    /// `features.account`).
    pub inbox: Option<crate::inbox::seed::InboxSeed>,
}

pub fn load(
    dir: &Path,
    services: &Services,
    features: Option<&domain::town::Features>,
    offer: Option<&domain::appointment::AppointmentOffer>,
    today: Date,
    problems: &mut Vec<ConfigProblem>,
) -> Demo {
    let appointments = features.is_none_or(|f| f.appointments);
    let hearing = features.is_none_or(|f| f.hearing);
    let mut demo = Demo::default();
    (demo.notices, demo.notice_rules) =
        crate::notices::seed::load(dir, features.is_none_or(|f| f.notices), today, problems);
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
    let inbox = crate::inbox::seed::FILE;
    if dir.join(inbox).exists() {
        if let Some(v) = read_json(dir, inbox, problems) {
            match serde_json::from_value::<crate::inbox::seed::InboxSeed>(v) {
                Err(e) => problems.push(ConfigProblem::new(inbox, "", e.to_string())),
                Ok(seed) => {
                    if !features.is_none_or(|f| f.account) {
                        problems.push(ConfigProblem::new(
                            inbox,
                            "",
                            "an account's data is listed but features.account is off in town.toml",
                        ));
                    }
                    let ids: Vec<String> =
                        services.catalogue.iter().map(|s| s.id.clone()).collect();
                    for (at, msg) in crate::inbox::seed::check(&seed, &ids) {
                        problems.push(ConfigProblem::new(inbox, at, msg));
                    }
                    demo.inbox = Some(seed);
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
                            offer,
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
    offer: Option<&domain::appointment::AppointmentOffer>,
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
    let Some(offer) = offer else {
        return;
    };
    if offer.concern(&p.concern).is_none() {
        add(
            "concern",
            format!("{:?} is no concern of appointments.json", p.concern),
        );
    }
    if p.locations.is_empty() {
        add("locations", "needs at least one location".into());
    }
    for (i, id) in p.locations.iter().enumerate() {
        match offer.location(id) {
            None => add(
                &format!("locations[{i}]"),
                format!("{id:?} is no location of appointments.json"),
            ),
            Some(l) if !l.concerns.contains(&p.concern) => add(
                &format!("locations[{i}]"),
                format!("{id:?} does not handle the concern {:?}", p.concern),
            ),
            Some(_) => {}
        }
    }
}
