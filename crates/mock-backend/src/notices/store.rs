//! The notices, their sessions and what was paid, in memory.

use crate::access::{CodeGate, LoginError, SessionInfo};
use crate::sync::lock;
use crate::town::treasury::Treasury;
use domain::application::normalise_code;
use domain::date::Date;
use domain::i18n::{Lang, Text};
use domain::money::Cents;
use domain::notice::{
    choose, ChargeKind, ChargeRules, ChoiceProblem, InstalmentFacts, InstalmentStatus, Notice,
    NoticeCharge, NoticeInstalment, NoticePayee,
};
use domain::payment::{PaymentItem, PaymentItemKind};
use std::sync::Mutex;

#[derive(Debug, Clone)]
pub struct InstalmentRecord {
    pub id: String,
    pub amount: Cents,
    pub paid: Cents,
    pub paid_on: Option<Date>,
    pub due_on: Date,
    pub deferred_until: Option<Date>,
    /// The charges paid with this instalment (computed on the day of payment).
    pub settled_charges: Vec<NoticeCharge>,
}

impl InstalmentRecord {
    fn facts(&self) -> InstalmentFacts {
        InstalmentFacts {
            amount: self.amount,
            paid: self.paid,
            due_on: self.due_on,
            deferred_until: self.deferred_until,
        }
    }
}

/// One notice as the finance office knows it.
#[derive(Debug, Clone)]
pub struct NoticeRecord {
    /// As printed.
    pub kassenzeichen: String,
    /// Normalised (upper case, no separators).
    pub access_code: String,
    pub office: Text,
    pub subject: Text,
    pub addressee: String,
    pub issued_on: Date,
    pub instalments: Vec<InstalmentRecord>,
}

impl NoticeRecord {
    fn key(&self) -> String {
        normalise_code(&self.kassenzeichen)
    }
}

/// Why (part of) a notice cannot be paid; worded for the checkout's `items.N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotPayable {
    /// The notice does not exist (only reachable with its own session, so never a lookup).
    Unknown,
    Choice(Vec<ChoiceProblem>),
}

impl NotPayable {
    pub fn message(&self, lang: Lang) -> String {
        let one = |p: &ChoiceProblem| match (p, lang) {
            (ChoiceProblem::Unknown(id), Lang::De) => {
                format!("Eine Rate „{id}“ gibt es in diesem Bescheid nicht.")
            }
            (ChoiceProblem::Unknown(id), Lang::En) => {
                format!("This notice has no instalment “{id}”.")
            }
            (ChoiceProblem::AlreadyPaid(id), Lang::De) => format!("Rate {id} ist bereits bezahlt."),
            (ChoiceProblem::AlreadyPaid(id), Lang::En) => {
                format!("Instalment {id} has already been paid.")
            }
            (ChoiceProblem::Duplicate(id), Lang::De) => format!("Rate {id} ist mehrfach gewählt."),
            (ChoiceProblem::Duplicate(id), Lang::En) => {
                format!("Instalment {id} is chosen more than once.")
            }
            (ChoiceProblem::NothingDue, Lang::De) => {
                "Heute ist nichts fällig. Bitte wählen Sie die Raten, die Sie bezahlen möchten."
                    .to_owned()
            }
            (ChoiceProblem::NothingDue, Lang::En) => {
                "Nothing is due today. Please choose the instalments you want to pay.".to_owned()
            }
        };
        match self {
            NotPayable::Unknown => match lang {
                Lang::De => "Zu diesem Kassenzeichen gibt es keinen offenen Betrag.".to_owned(),
                Lang::En => "There is no amount due for this Kassenzeichen.".to_owned(),
            },
            NotPayable::Choice(problems) => problems.iter().map(one).collect::<Vec<_>>().join(" "),
        }
    }
}

pub struct NoticeStore {
    notices: Mutex<Vec<NoticeRecord>>,
    gate: CodeGate,
    rules: Option<ChargeRules>,
    treasury: Treasury,
}

fn charge_label(c: &NoticeCharge, instalment: &str, lang: Lang) -> String {
    match (c.kind, lang) {
        (ChargeKind::LatePayment, Lang::De) => format!("Säumniszuschlag zu Rate {instalment}"),
        (ChargeKind::LatePayment, Lang::En) => {
            format!("Late-payment charge on instalment {instalment}")
        }
        (ChargeKind::DunningFee, Lang::De) => format!("Mahngebühr zu Rate {instalment}"),
        (ChargeKind::DunningFee, Lang::En) => format!("Dunning fee on instalment {instalment}"),
    }
}

impl NoticeStore {
    /// `rules`: the town's charge rules (`notices.toml`); without them no charges are computed.
    pub fn new(
        notices: Vec<NoticeRecord>,
        session_secs: i64,
        rules: Option<ChargeRules>,
        treasury: Treasury,
    ) -> NoticeStore {
        NoticeStore {
            notices: Mutex::new(notices),
            gate: CodeGate::new(session_secs),
            rules,
            treasury,
        }
    }

    pub fn session_secs(&self) -> i64 {
        self.gate.session_secs()
    }

    /// Kassenzeichen and access code from the notice: the hearing's rules (`crate::access`).
    pub fn login(
        &self,
        kassenzeichen: &str,
        access_code: &str,
        token: String,
        now: i64,
    ) -> Result<SessionInfo, LoginError> {
        self.gate
            .login(kassenzeichen, access_code, token, now, |key| {
                lock(&self.notices)
                    .iter()
                    .find(|n| n.key() == key)
                    .map(|n| n.access_code.clone())
            })
    }

    pub fn authenticate(&self, token: &str, now: i64) -> Option<SessionInfo> {
        self.gate.authenticate(token, now)
    }

    pub fn logout(&self, token: &str) -> bool {
        self.gate.logout(token)
    }

    fn charges(&self, facts: &InstalmentFacts, today: Date) -> Vec<NoticeCharge> {
        self.rules
            .as_ref()
            .map(|r| facts.charges(today, r))
            .unwrap_or_default()
    }

    /// The notice of a session. `pending(id)`: whether an online payment for that instalment
    /// is under way.
    pub fn view(&self, key: &str, today: Date, pending: impl Fn(&str) -> bool) -> Option<Notice> {
        let notices = lock(&self.notices);
        let n = notices.iter().find(|n| n.key() == key)?;
        let instalments: Vec<NoticeInstalment> = n
            .instalments
            .iter()
            .map(|i| {
                let facts = i.facts();
                let status = facts.status(today);
                let charges = if status == InstalmentStatus::Paid {
                    i.settled_charges.clone()
                } else {
                    self.charges(&facts, today)
                };
                NoticeInstalment {
                    id: i.id.clone(),
                    amount: i.amount,
                    paid: i.paid,
                    open: facts.open(),
                    due_on: i.due_on,
                    deferred_until: i.deferred_until,
                    status,
                    due_now: facts.due_now(today),
                    days_overdue: facts.days_overdue(today),
                    paid_on: i.paid_on,
                    charges,
                    payment_pending: status != InstalmentStatus::Paid && pending(&i.id),
                }
            })
            .collect();
        let sum = |f: &dyn Fn(&NoticeInstalment) -> bool| {
            Cents(
                instalments
                    .iter()
                    .filter(|i| f(i))
                    .map(|i| i.to_pay().0)
                    .sum(),
            )
        };
        Some(Notice {
            kassenzeichen: n.kassenzeichen.clone(),
            office: n.office.clone(),
            subject: n.subject.clone(),
            addressee: n.addressee.clone(),
            issued_on: n.issued_on,
            open_total: sum(&|_| true),
            due_now_total: sum(&|i| i.due_now),
            instalments,
            payee: NoticePayee {
                name: self.treasury.name.clone(),
                iban: self.treasury.iban.clone(),
                bic: self.treasury.bic.clone(),
            },
        })
    }

    /// For the checkout: the lines of the chosen instalments (each open amount in full, then
    /// its charges as of `today`), or why they cannot be paid.
    pub fn payable(
        &self,
        kassenzeichen: &str,
        requested: &[String],
        today: Date,
    ) -> Result<(String, Vec<PaymentItem>), NotPayable> {
        let key = normalise_code(kassenzeichen);
        let notices = lock(&self.notices);
        let n = notices
            .iter()
            .find(|n| n.key() == key)
            .ok_or(NotPayable::Unknown)?;
        let listed: Vec<(String, InstalmentFacts)> = n
            .instalments
            .iter()
            .map(|i| (i.id.clone(), i.facts()))
            .collect();
        let chosen = choose(&listed, requested, today).map_err(NotPayable::Choice)?;
        let mut lines = Vec::new();
        for index in chosen {
            let (id, facts) = &listed[index];
            let due = facts.effective_due();
            lines.push(PaymentItem {
                kind: PaymentItemKind::Notice,
                reference: n.kassenzeichen.clone(),
                label: Text {
                    de: format!(
                        "{}, Kassenzeichen {}, Rate {id} fällig am {}",
                        n.subject.de,
                        n.kassenzeichen,
                        due.format_de()
                    ),
                    en: format!(
                        "{}, Kassenzeichen {}, instalment {id} due on {}",
                        n.subject.en,
                        n.kassenzeichen,
                        due.format(Lang::En)
                    ),
                },
                amount: facts.open(),
                part: Some(id.clone()),
            });
            for c in self.charges(facts, today) {
                lines.push(PaymentItem {
                    kind: PaymentItemKind::Notice,
                    reference: n.kassenzeichen.clone(),
                    label: Text {
                        de: charge_label(&c, id, Lang::De),
                        en: charge_label(&c, id, Lang::En),
                    },
                    amount: c.amount,
                    part: Some(id.clone()),
                });
            }
        }
        Ok((n.kassenzeichen.clone(), lines))
    }

    /// A payment of these lines, priced on `priced_on`, arrived on `today`: each instalment
    /// line pays its instalment, and the charges it was priced with are kept as paid with it.
    /// An instalment already paid is left alone (the checkout never lets that happen).
    pub fn mark_paid(
        &self,
        kassenzeichen: &str,
        lines: &[PaymentItem],
        priced_on: Date,
        today: Date,
    ) {
        let key = normalise_code(kassenzeichen);
        let mut notices = lock(&self.notices);
        let Some(n) = notices.iter_mut().find(|n| n.key() == key) else {
            return;
        };
        for inst in n.instalments.iter_mut() {
            // The first line of an instalment is the instalment itself, then its charges.
            let Some(first) = lines
                .iter()
                .find(|l| l.part.as_deref() == Some(inst.id.as_str()))
            else {
                continue;
            };
            let facts = inst.facts();
            if facts.open() == Cents::ZERO {
                continue;
            }
            let charges = self.charges(&facts, priced_on);
            inst.paid = Cents(inst.paid.0 + first.amount.0).min(inst.amount);
            inst.paid_on = Some(today);
            inst.settled_charges = charges;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_219_200; // 2026-11-21 00:00 UTC

    fn store() -> NoticeStore {
        let town = crate::town::Town::demo();
        crate::notices::seeded(&town, NOW, 1200)
    }

    #[test]
    fn the_login_rules_are_the_hearings() {
        let s = store();
        for _ in 0..crate::access::MAX_FAILURES {
            assert_eq!(
                s.login("6.0100.000201.3", "WRONGONE", "t".into(), NOW),
                Err(LoginError::Wrong)
            );
        }
        assert!(matches!(
            s.login("6.0100.000201.3", "N7KD-4PRA", "t".into(), NOW),
            Err(LoginError::Locked {
                retry_after_secs: 900
            })
        ));
        assert_eq!(
            s.login("9.9999.999999.9", "N7KD-4PRA", "t".into(), NOW),
            Err(LoginError::Wrong),
            "an unknown Kassenzeichen gets the same answer"
        );
        let session = s
            .login("6 0100 000202 4", "h4tp-9xkw", "t2".into(), NOW)
            .expect("any separators and case");
        assert_eq!(session.case_key, "60100000202 4".replace(' ', ""));
    }
}
