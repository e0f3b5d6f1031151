//! `demo/inbox.json`: one citizen account's past applications and messages, dated relative to
//! the start (`days_ago`). The account is named by its subject (the mock provider's demo
//! identity `bpk2-7f3a9c1e-erika`).

use super::{InboxStore, Tracked};
use domain::application::{is_unambiguous_code, ApplicationReceipt};
use domain::form::{FeeBreakdown, FeeLine};
use domain::i18n::{Lang, Text};
use domain::inbox::{AmountDue, MessageKind, Status, StatusChange};
use domain::money::Cents;
use serde::Deserialize;

pub const FILE: &str = "demo/inbox.json";
const DAY: i64 = 86_400;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxSeed {
    pub subject: String,
    pub email: String,
    #[serde(default)]
    pub applications: Vec<SeedApplication>,
    #[serde(default)]
    pub messages: Vec<SeedMessage>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedApplication {
    pub reference: String,
    pub service: String,
    pub fee_cents: i64,
    pub paid: bool,
    pub history: Vec<SeedChange>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedChange {
    pub status: Status,
    pub days_ago: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMessage {
    pub kind: MessageKind,
    #[serde(default)]
    pub reference: Option<String>,
    pub days_ago: i64,
    #[serde(default)]
    pub read: bool,
    pub subject: Text,
    pub body: Text,
    #[serde(default)]
    pub amount_due: Option<SeedAmount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedAmount {
    pub kassenzeichen: String,
    pub amount_cents: i64,
    pub due_in_days: i64,
}

/// Every problem as (place, message).
pub fn check(seed: &InboxSeed, services: &[String]) -> Vec<(String, String)> {
    let mut p = Vec::new();
    if seed.subject.trim().is_empty() {
        p.push(("subject".into(), "must not be empty".into()));
    }
    if !domain::validation::looks_like_email(&seed.email) {
        p.push((
            "email".into(),
            format!("{:?} is no e-mail address", seed.email),
        ));
    }
    for (i, a) in seed.applications.iter().enumerate() {
        let at = |f: &str| format!("applications[{i}].{f}");
        if !is_unambiguous_code(&a.reference, 8) {
            p.push((
                at("reference"),
                "8 characters of ABCDEFGHJKLMNPRSTUVWXY23456789".into(),
            ));
        }
        if seed.applications[..i]
            .iter()
            .any(|b| b.reference == a.reference)
        {
            p.push((at("reference"), "used twice".into()));
        }
        if !services.contains(&a.service) {
            p.push((at("service"), format!("{:?} is no service", a.service)));
        }
        if a.fee_cents < 0 {
            p.push((at("fee_cents"), "must not be negative".into()));
        }
        let ordered = a.history.first().map(|c| c.status) == Some(Status::Received)
            && (1..a.history.len()).all(|i| {
                let (before, now) = (&a.history[i - 1], &a.history[i]);
                let asked = a.history[..i].iter().any(|c| c.status == Status::Question);
                before.days_ago >= now.days_ago && before.status.allows(now.status, asked)
            });
        if !ordered {
            p.push((
                at("history"),
                "must start with received and follow the status order, oldest first".into(),
            ));
        }
    }
    for (i, m) in seed.messages.iter().enumerate() {
        let at = |f: &str| format!("messages[{i}].{f}");
        if let Some(r) = &m.reference {
            if !seed.applications.iter().any(|a| &a.reference == r) {
                p.push((at("reference"), format!("{r:?} is no application above")));
            }
        }
        if (m.kind == MessageKind::Notice) != m.amount_due.is_some() {
            p.push((at("amount_due"), "given exactly for notices".into()));
        }
        if m.amount_due.as_ref().is_some_and(|a| a.amount_cents <= 0) {
            p.push((at("amount_due.amount_cents"), "must be positive".into()));
        }
    }
    p
}

/// The seeded applications' receipts for the forms store (so their fees can be paid).
pub fn receipts(
    seed: &InboxSeed,
    catalogue: &[domain::catalogue::ServiceSummary],
    treasury: &crate::town::treasury::Treasury,
    now: i64,
) -> Vec<(ApplicationReceipt, bool)> {
    seed.applications
        .iter()
        .map(|a| {
            let name = catalogue
                .iter()
                .find(|s| s.id == a.service)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| Text::new(&a.service, &a.service));
            let sent = now - a.history.first().map_or(0, |c| c.days_ago) * DAY;
            let fee = Cents(a.fee_cents);
            let receipt = ApplicationReceipt {
                reference: a.reference.clone(),
                service_id: a.service.clone(),
                service_name: name.clone(),
                submitted_at: crate::clock::rfc3339(sent),
                fee: FeeBreakdown {
                    lines: vec![FeeLine {
                        label: name,
                        quantity: 1,
                        amount: fee,
                    }],
                    total: fee,
                },
                payee: (fee > Cents::ZERO)
                    .then(|| crate::forms::reference::town_payee(treasury, &a.reference)),
                paid: a.paid,
            };
            (receipt, a.paid)
        })
        .collect()
}

/// Fills the inbox with the seed, dated back from `now`.
pub fn apply(seed: &InboxSeed, store: &InboxStore, now: i64) {
    let owner = Some(seed.subject.as_str());
    for a in &seed.applications {
        store.insert(
            &a.reference,
            Tracked {
                owner: owner.map(str::to_owned),
                email: Some(domain::inbox::normalise_email(&seed.email)),
                lang: Lang::De,
                history: a
                    .history
                    .iter()
                    .map(|c| StatusChange {
                        status: c.status,
                        at: crate::clock::rfc3339(now - c.days_ago * DAY),
                    })
                    .collect(),
                sent_at: now - a.history.first().map_or(0, |c| c.days_ago) * DAY,
            },
        );
    }
    let today = domain::date::Date::from_unix_seconds(now);
    for m in &seed.messages {
        store.write(
            owner,
            m.reference.as_deref(),
            m.kind,
            m.subject.clone(),
            m.body.clone(),
            m.amount_due.as_ref().map(|a| AmountDue {
                kassenzeichen: a.kassenzeichen.clone(),
                amount: Cents(a.amount_cents),
                due: today.add_days(a.due_in_days).iso(),
            }),
            m.read,
            now - m.days_ago * DAY,
        );
    }
}
