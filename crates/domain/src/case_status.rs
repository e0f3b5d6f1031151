//! What a hearing case's state means: its status, whether it can still be paid (the checkout
//! refuses a payment for the same reason the case page gives), whether it takes an answer, and
//! which dates the case page shows. One rule for the backend, which decides, and the app, which
//! explains.

use crate::date::Date;
use crate::hearing::{HearingCase, HearingReceipt, HearingRole, HearingStatus};

/// The facts of a case the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub role: HearingRole,
    /// Last day to answer, and to pay a warning fine with effect.
    pub deadline: Date,
    /// The day the payment arrived.
    pub paid_on: Option<Date>,
    /// The day the response arrived.
    pub answered_on: Option<Date>,
}

/// Why a case cannot be paid. An answer is NOT a reason: until the deadline the person
/// concerned may still pay a warning fine (or fine) after making a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannotPay {
    AlreadyPaid,
    /// A keeper questioned as a witness is not the one to pay.
    Witness,
    DeadlinePassed,
}

/// What has already happened to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    PaidOn(Date),
    AnsweredOn(Date),
}

/// The deadline as far as something is still due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// An answer (and, for the person concerned, a payment) by `deadline`.
    Answer { deadline: Date, days_left: i64 },
    /// Answered, but the fine may still be paid by `deadline`.
    Payment { deadline: Date, days_left: i64 },
    /// Neither answered nor paid in time (a late answer is still considered).
    Passed(Date),
}

/// What the case page shows about the case's dates: what happened, and a deadline only while
/// something is still due — a paid case shows no countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDates {
    pub outcome: Option<Outcome>,
    pub due: Option<Due>,
}

impl CaseFacts {
    /// Paid wins (the matter is closed), then answered, then the deadline.
    pub fn status(&self, today: Date) -> HearingStatus {
        if self.paid_on.is_some() {
            HearingStatus::Paid
        } else if self.answered_on.is_some() {
            HearingStatus::Answered
        } else if today > self.deadline {
            HearingStatus::DeadlinePassed
        } else {
            HearingStatus::Open
        }
    }

    /// A statement does not end the offer: a warning fine paid in time still closes the case.
    pub fn payable(&self, today: Date) -> Result<(), CannotPay> {
        if self.paid_on.is_some() {
            Err(CannotPay::AlreadyPaid)
        } else if self.role != HearingRole::PersonConcerned {
            Err(CannotPay::Witness)
        } else if today > self.deadline {
            Err(CannotPay::DeadlinePassed)
        } else {
            Ok(())
        }
    }

    /// One answer per case, and none once paid. A late answer is still considered.
    pub fn can_answer(&self) -> bool {
        self.answered_on.is_none() && self.paid_on.is_none()
    }

    /// Answering now is after the deadline.
    pub fn answer_is_late(&self, today: Date) -> bool {
        self.can_answer() && today > self.deadline
    }

    pub fn dates(&self, today: Date) -> CaseDates {
        let days_left = today.days_until(self.deadline);
        let deadline = self.deadline;
        match (self.paid_on, self.answered_on) {
            (Some(day), _) => CaseDates {
                outcome: Some(Outcome::PaidOn(day)),
                due: None,
            },
            (None, Some(day)) => CaseDates {
                outcome: Some(Outcome::AnsweredOn(day)),
                due: self.payable(today).is_ok().then_some(Due::Payment {
                    deadline,
                    days_left,
                }),
            },
            (None, None) => CaseDates {
                outcome: None,
                due: Some(if days_left < 0 {
                    Due::Passed(deadline)
                } else {
                    Due::Answer {
                        deadline,
                        days_left,
                    }
                }),
            },
        }
    }
}

impl HearingReceipt {
    /// The (UTC) day the response arrived, from `received_at`.
    pub fn received_on(&self) -> Option<Date> {
        Date::parse_iso(self.received_at.get(..10)?)
    }
}

impl HearingCase {
    /// The case as the rules see it.
    pub fn facts(&self) -> CaseFacts {
        CaseFacts {
            role: self.role,
            deadline: self.deadline,
            paid_on: self.paid_on,
            answered_on: self.response.as_ref().and_then(HearingReceipt::received_on),
        }
    }

    /// The server's today when it sent the case (from `days_left`), so the app explains the
    /// case with the day the server decided on.
    pub fn server_today(&self) -> Date {
        self.deadline.add_days(-self.days_left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u8) -> Date {
        Date::new(2026, 12, d).unwrap()
    }

    /// A person concerned with a deadline of 15 December.
    fn open() -> CaseFacts {
        CaseFacts {
            role: HearingRole::PersonConcerned,
            deadline: day(15),
            paid_on: None,
            answered_on: None,
        }
    }

    #[test]
    fn an_open_case_counts_down_to_its_deadline_and_can_be_paid() {
        let c = open();
        assert_eq!(c.status(day(1)), HearingStatus::Open);
        assert_eq!(c.payable(day(1)), Ok(()));
        assert!(c.can_answer() && !c.answer_is_late(day(1)));
        assert_eq!(
            c.dates(day(1)),
            CaseDates {
                outcome: None,
                due: Some(Due::Answer {
                    deadline: day(15),
                    days_left: 14
                }),
            }
        );
        // The last day still counts.
        assert_eq!(c.payable(day(15)), Ok(()));
        assert_eq!(
            c.dates(day(15)).due,
            Some(Due::Answer {
                deadline: day(15),
                days_left: 0
            })
        );
    }

    #[test]
    fn a_paid_case_shows_when_it_was_paid_and_no_deadline() {
        let c = CaseFacts {
            paid_on: Some(day(2)),
            ..open()
        };
        assert_eq!(c.status(day(3)), HearingStatus::Paid);
        assert_eq!(c.payable(day(3)), Err(CannotPay::AlreadyPaid));
        assert!(!c.can_answer() && !c.answer_is_late(day(20)));
        assert_eq!(
            c.dates(day(3)),
            CaseDates {
                outcome: Some(Outcome::PaidOn(day(2))),
                due: None,
            }
        );
        // Paid wins over an answer and over the deadline.
        let both = CaseFacts {
            answered_on: Some(day(1)),
            ..c
        };
        assert_eq!(both.status(day(20)), HearingStatus::Paid);
        assert_eq!(both.dates(day(20)).outcome, Some(Outcome::PaidOn(day(2))));
        assert_eq!(both.dates(day(20)).due, None);
    }

    #[test]
    fn an_answered_case_shows_the_answer_and_a_payment_deadline_only_while_payable() {
        let c = CaseFacts {
            answered_on: Some(day(1)),
            ..open()
        };
        assert_eq!(c.status(day(5)), HearingStatus::Answered);
        assert_eq!(
            c.payable(day(5)),
            Ok(()),
            "an answer does not end the offer"
        );
        assert!(!c.can_answer());
        assert_eq!(
            c.dates(day(5)),
            CaseDates {
                outcome: Some(Outcome::AnsweredOn(day(1))),
                due: Some(Due::Payment {
                    deadline: day(15),
                    days_left: 10
                }),
            }
        );
        // After the deadline: still answered, nothing due.
        assert_eq!(c.status(day(16)), HearingStatus::Answered);
        assert_eq!(c.payable(day(16)), Err(CannotPay::DeadlinePassed));
        assert_eq!(
            c.dates(day(16)),
            CaseDates {
                outcome: Some(Outcome::AnsweredOn(day(1))),
                due: None,
            }
        );
        // A witness who answered has nothing left to do.
        let witness = CaseFacts {
            role: HearingRole::KeeperWitness,
            ..c
        };
        assert_eq!(witness.payable(day(5)), Err(CannotPay::Witness));
        assert_eq!(witness.dates(day(5)).due, None);
    }

    #[test]
    fn a_passed_deadline_ends_payment_but_not_a_late_answer() {
        let c = open();
        assert_eq!(c.status(day(16)), HearingStatus::DeadlinePassed);
        assert_eq!(c.payable(day(16)), Err(CannotPay::DeadlinePassed));
        assert!(c.can_answer() && c.answer_is_late(day(16)));
        assert_eq!(
            c.dates(day(16)),
            CaseDates {
                outcome: None,
                due: Some(Due::Passed(day(15))),
            }
        );
    }

    #[test]
    fn a_witness_never_pays_and_the_role_is_named_before_the_deadline() {
        let c = CaseFacts {
            role: HearingRole::KeeperWitness,
            ..open()
        };
        assert_eq!(c.payable(day(1)), Err(CannotPay::Witness));
        assert_eq!(c.payable(day(16)), Err(CannotPay::Witness));
        assert_eq!(c.status(day(1)), HearingStatus::Open);
        assert!(c.can_answer());
    }

    #[test]
    fn the_answer_day_is_read_from_the_receipt() {
        let receipt = |at: &str| HearingReceipt {
            reference: "HN4T7KPW".into(),
            received_at: at.into(),
            case_number: "OWI-2026-000106".into(),
            copy: crate::hearing::HearingResponse {
                personal_data: crate::hearing::PersonalData {
                    family_name: String::new(),
                    birth_name: None,
                    given_names: String::new(),
                    date_of_birth: String::new(),
                    place_of_birth: String::new(),
                    street: String::new(),
                    house_number: String::new(),
                    postal_code: String::new(),
                    town: String::new(),
                    nationality: String::new(),
                    occupation: String::new(),
                    marital_status: None,
                },
                choice: crate::hearing::HearingChoice::NoStatement,
            },
        };
        assert_eq!(receipt("2026-12-01T09:30:00Z").received_on(), Some(day(1)));
        assert_eq!(receipt("yesterday").received_on(), None);
        assert_eq!(receipt("").received_on(), None);
    }
}
