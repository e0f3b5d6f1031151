//! Notices (Bescheide) and their payment: the wire types of `/api/v1/notices/...` and the rules
//! that decide what is due, what is overdue and which charges follow (DOMAIN.md §7). Shared by
//! the app and the backend; money in integer cents, never a float.
//!
//! - Late-payment charge (Säumniszuschlag, § 240 AO): 1 % of the overdue amount rounded down to
//!   a multiple of 50 €, for each month or part of a month started after the due date; nothing
//!   on amounts under 50 €, nothing when the payment arrives within three days after the due
//!   date ([`late_payment_charge`]).
//! - Dunning fee (Mahngebühr): the state's enforcement law sets it, so it is data
//!   ([`DunningFeeRule`]); it falls due once the reminder has gone out.
//! - A deferred instalment (Stundung, § 222 AO) is due on its new date; paying early is allowed.

use crate::date::Date;
use crate::hearing::LOGIN_FIELD_MAX;
use crate::i18n::Text;
use crate::money::Cents;
use crate::validation::{FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// No late-payment charge for a payment within this many days after the due date.
pub const GRACE_DAYS: i64 = 3;
/// The overdue amount is rounded down to a multiple of this before 1 % is taken.
pub const CHARGE_STEP: Cents = Cents(5_000);

/// `POST /api/v1/notices/session`: the two values printed on the notice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticeSessionRequest {
    /// Kassenzeichen, e.g. `6.0100.000201.3` (case, spaces, dots and hyphens do not matter).
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub kassenzeichen: String,
    /// Zugangscode, e.g. `N7KD-4PRA` (case, spaces and hyphens do not matter).
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub access_code: String,
}

impl NoticeSessionRequest {
    /// Only "is something there": whether the pair is right is the backend's business.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, value, what_de, what_en) in [
            (
                "kassenzeichen",
                &self.kassenzeichen,
                "das Kassenzeichen",
                "the Kassenzeichen (payment reference)",
            ),
            (
                "access_code",
                &self.access_code,
                "den Zugangscode",
                "the access code",
            ),
        ] {
            let v = value.trim();
            if v.is_empty() {
                errors.add(field, Problem::Required { what_de, what_en });
            } else if v.chars().count() > LOGIN_FIELD_MAX {
                errors.add(
                    field,
                    Problem::TooLong {
                        max: LOGIN_FIELD_MAX,
                    },
                );
            }
        }
        errors.into_result()
    }
}

/// `date` plus `months` calendar months; a day the target month lacks becomes its last day
/// (31 January + 1 month = 28 or 29 February).
pub fn add_months(date: Date, months: i64) -> Date {
    let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(date.year);
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (28..=date.day.max(28))
        .rev()
        .find_map(|d| Date::new(year, month, d.min(date.day)))
        .unwrap_or(date)
}

/// Months or parts of months of delay started between the due date and `on` (0 when `on` is
/// not after the due date). The first month runs from the day after the due date to the same
/// day of the next month.
pub fn months_started(due: Date, on: Date) -> i64 {
    if on <= due {
        return 0;
    }
    let mut k = 1;
    while add_months(due, k) < on {
        k += 1;
    }
    k
}

/// A late-payment charge as computed, with what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LateCharge {
    /// Months (or parts) of delay started.
    pub months: i64,
    /// The overdue amount rounded down to a multiple of 50 €.
    pub base: Cents,
    pub amount: Cents,
}

/// § 240 AO for `open` cents due on `due`, if paid on `on`.
pub fn late_payment_charge(open: Cents, due: Date, on: Date) -> LateCharge {
    let none = LateCharge {
        months: 0,
        base: Cents::ZERO,
        amount: Cents::ZERO,
    };
    if due.days_until(on) <= GRACE_DAYS || open < CHARGE_STEP {
        return none;
    }
    let base = Cents(open.0 - open.0 % CHARGE_STEP.0);
    let months = months_started(due, on);
    LateCharge {
        months,
        base,
        // 1 % of a multiple of 50 € is a whole number of cents.
        amount: Cents(base.0 / 100 * months),
    }
}

/// The dunning fee of the town's state: a share of the dunned amount, at least `min`, at most
/// `max` (a fixed fee has `min == max`). Data, never code: it differs by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DunningFeeRule {
    /// Share of the dunned amount in basis points (100 = 1 %), rounded down to the cent.
    pub basis_points: i64,
    pub min: Cents,
    pub max: Cents,
}

impl DunningFeeRule {
    pub fn fee(&self, dunned: Cents) -> Cents {
        if dunned <= Cents::ZERO {
            return Cents::ZERO;
        }
        let share = dunned
            .0
            .checked_mul(self.basis_points)
            .map_or(i64::MAX, |x| x / 10_000);
        Cents(share.clamp(self.min.0, self.max.0.max(self.min.0)))
    }
}

/// The finance office's rules for overdue amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeRules {
    /// The reminder (Mahnung) goes out this many days after the due date; the dunning fee is
    /// due from then on.
    pub reminder_after_days: i64,
    pub dunning_fee: DunningFeeRule,
}

/// An instalment (or the single amount) as the finance office books it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalmentFacts {
    pub amount: Cents,
    pub paid: Cents,
    pub due_on: Date,
    pub deferred_until: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstalmentStatus {
    Open,
    PartlyPaid,
    Paid,
    /// Deferred to `deferred_until`, which has not come yet.
    Deferred,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Säumniszuschlag (§ 240 AO).
    LatePayment,
    /// Mahngebühr.
    DunningFee,
}

/// A charge line of an instalment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeCharge {
    pub kind: ChargeKind,
    pub amount: Cents,
    /// Late-payment charge: months (or parts) of delay started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<i64>,
    /// Late-payment charge: the overdue amount rounded down to a multiple of 50 €.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Cents>,
    /// Dunning fee: the day the reminder went out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_on: Option<Date>,
}

impl InstalmentFacts {
    pub fn open(&self) -> Cents {
        Cents((self.amount.0 - self.paid.0).max(0))
    }

    /// The due date that counts: the deferral's, if any.
    pub fn effective_due(&self) -> Date {
        self.deferred_until.unwrap_or(self.due_on)
    }

    pub fn status(&self, today: Date) -> InstalmentStatus {
        if self.open() == Cents::ZERO {
            InstalmentStatus::Paid
        } else if self.deferred_until.is_some_and(|d| today < d) {
            InstalmentStatus::Deferred
        } else if self.paid > Cents::ZERO {
            InstalmentStatus::PartlyPaid
        } else {
            InstalmentStatus::Open
        }
    }

    /// Open and due today or earlier.
    pub fn due_now(&self, today: Date) -> bool {
        self.open() > Cents::ZERO && self.effective_due() <= today
    }

    /// Days since the due date (0 when not overdue or paid).
    pub fn days_overdue(&self, today: Date) -> i64 {
        if self.open() == Cents::ZERO {
            return 0;
        }
        self.effective_due().days_until(today).max(0)
    }

    /// The charges on the open amount if it is paid on `on`: the late-payment charge (if any)
    /// and, once the reminder has gone out, the dunning fee.
    pub fn charges(&self, on: Date, rules: &ChargeRules) -> Vec<NoticeCharge> {
        let open = self.open();
        let due = self.effective_due();
        let mut out = Vec::new();
        let late = late_payment_charge(open, due, on);
        if late.amount > Cents::ZERO {
            out.push(NoticeCharge {
                kind: ChargeKind::LatePayment,
                amount: late.amount,
                months: Some(late.months),
                base: Some(late.base),
                reminded_on: None,
            });
        }
        let reminded_on = due.add_days(rules.reminder_after_days);
        if open > Cents::ZERO && reminded_on < on {
            let fee = rules.dunning_fee.fee(open);
            if fee > Cents::ZERO {
                out.push(NoticeCharge {
                    kind: ChargeKind::DunningFee,
                    amount: fee,
                    months: None,
                    base: None,
                    reminded_on: Some(reminded_on),
                });
            }
        }
        out
    }
}

/// One instalment of a notice as `GET /api/v1/notices/current` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeInstalment {
    /// `1`, `2`, …: what a payment names (`items`).
    pub id: String,
    pub amount: Cents,
    pub paid: Cents,
    pub open: Cents,
    /// The due date on the notice.
    pub due_on: Date,
    /// Deferred (gestundet) to this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred_until: Option<Date>,
    pub status: InstalmentStatus,
    /// Open and due today or earlier (what "pay everything due now" pays).
    pub due_now: bool,
    pub days_overdue: i64,
    /// The day the last payment arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<Date>,
    /// Charges on the open amount if paid today; for a paid instalment, the charges paid with it.
    pub charges: Vec<NoticeCharge>,
    /// An online payment for this instalment is under way (at most 90 minutes).
    pub payment_pending: bool,
}

impl NoticeInstalment {
    /// The open amount and its charges: what paying this instalment now costs.
    pub fn to_pay(&self) -> Cents {
        if self.status == InstalmentStatus::Paid {
            return Cents::ZERO;
        }
        Cents(self.open.0 + self.charges.iter().map(|c| c.amount.0).sum::<i64>())
    }
}

/// The payee of a notice with its Kassenzeichen (the remittance to use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePayee {
    pub name: String,
    pub iban: String,
    pub bic: String,
}

/// `201` of `POST /api/v1/notices/session`: the session and, in the same answer, the notice —
/// one round trip from the letter's QR code to the amounts, not two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSignIn {
    /// The session's fields (`HearingSession`: the notices' sessions work alike), on the same
    /// level as `notice`.
    #[serde(flatten)]
    pub session: crate::hearing::HearingSession,
    /// What `GET /notices/current` answers at this moment.
    pub notice: Notice,
}

/// `GET /api/v1/notices/current`: the signed-in notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub kassenzeichen: String,
    /// The issuing office, e.g. "Steueramt".
    pub office: Text,
    /// e.g. "Grundsteuer B 2027".
    pub subject: Text,
    pub addressee: String,
    pub issued_on: Date,
    pub instalments: Vec<NoticeInstalment>,
    pub payee: NoticePayee,
    /// What is open, charges included.
    pub open_total: Cents,
    /// What is due today, charges included (the preselection).
    pub due_now_total: Cents,
}

/// Why a chosen set of instalments cannot be paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceProblem {
    Unknown(String),
    AlreadyPaid(String),
    Duplicate(String),
    /// Nothing chosen and nothing due today.
    NothingDue,
}

/// The instalments (indices) a payment of `requested` ids covers: an empty request means
/// everything due today. Deferred instalments may be chosen (early payment is allowed).
pub fn choose(
    instalments: &[(String, InstalmentFacts)],
    requested: &[String],
    today: Date,
) -> Result<Vec<usize>, Vec<ChoiceProblem>> {
    if requested.is_empty() {
        let due: Vec<usize> = instalments
            .iter()
            .enumerate()
            .filter(|(_, (_, f))| f.due_now(today))
            .map(|(i, _)| i)
            .collect();
        return if due.is_empty() {
            Err(vec![ChoiceProblem::NothingDue])
        } else {
            Ok(due)
        };
    }
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for id in requested {
        let wanted = id.trim();
        match instalments.iter().position(|(i, _)| i == wanted) {
            None => problems.push(ChoiceProblem::Unknown(id.clone())),
            Some(i) if chosen.contains(&i) => problems.push(ChoiceProblem::Duplicate(id.clone())),
            Some(i) if instalments[i].1.open() == Cents::ZERO => {
                problems.push(ChoiceProblem::AlreadyPaid(id.clone()))
            }
            Some(i) => chosen.push(i),
        }
    }
    if problems.is_empty() {
        chosen.sort_unstable();
        Ok(chosen)
    } else {
        Err(problems)
    }
}

/// What the notice page ticks at first: everything due now; if nothing is due, the next
/// instalment that is neither paid, deferred nor being paid.
pub fn preselect(instalments: &[NoticeInstalment]) -> Vec<String> {
    let payable = |i: &&NoticeInstalment| i.status != InstalmentStatus::Paid && !i.payment_pending;
    let due: Vec<String> = instalments
        .iter()
        .filter(payable)
        .filter(|i| i.due_now)
        .map(|i| i.id.clone())
        .collect();
    if !due.is_empty() {
        return due;
    }
    instalments
        .iter()
        .filter(payable)
        .filter(|i| i.status != InstalmentStatus::Deferred)
        .min_by_key(|i| i.deferred_until.unwrap_or(i.due_on))
        .map(|i| vec![i.id.clone()])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    const RULES: ChargeRules = ChargeRules {
        reminder_after_days: 14,
        dunning_fee: DunningFeeRule {
            basis_points: 100,
            min: Cents(500),
            max: Cents(10_000),
        },
    };

    #[test]
    fn months_are_added_by_the_calendar() {
        assert_eq!(add_months(d(2027, 2, 15), 1), d(2027, 3, 15));
        assert_eq!(add_months(d(2027, 1, 31), 1), d(2027, 2, 28));
        assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(add_months(d(2027, 11, 15), 3), d(2028, 2, 15));
        assert_eq!(add_months(d(2027, 3, 31), -1), d(2027, 2, 28));
    }

    #[test]
    fn every_started_month_counts() {
        let due = d(2027, 2, 15);
        assert_eq!(months_started(due, due), 0);
        assert_eq!(months_started(due, d(2027, 2, 16)), 1);
        assert_eq!(months_started(due, d(2027, 3, 15)), 1, "a full month");
        assert_eq!(months_started(due, d(2027, 3, 16)), 2, "the second started");
        assert_eq!(months_started(due, d(2027, 5, 16)), 4);
        assert_eq!(months_started(d(2027, 1, 31), d(2027, 2, 28)), 1);
        assert_eq!(months_started(d(2027, 1, 31), d(2027, 3, 1)), 2);
    }

    #[test]
    fn late_charge_follows_section_240() {
        let due = d(2027, 2, 15);
        // Within the three days of grace: nothing.
        for day in 15..=18 {
            assert_eq!(
                late_payment_charge(Cents(100_000), due, d(2027, 2, day)).amount,
                Cents::ZERO,
                "{day}"
            );
        }
        // The fourth day: the first month counts, from the due date.
        let c = late_payment_charge(Cents(100_000), due, d(2027, 2, 19));
        assert_eq!(
            (c.months, c.base, c.amount),
            (1, Cents(100_000), Cents(1_000))
        );
        // 1 % of the amount rounded down to 50 €: 249,99 € → 200 € → 2 € a month.
        let c = late_payment_charge(Cents(24_999), due, d(2027, 4, 1));
        assert_eq!((c.months, c.base, c.amount), (2, Cents(20_000), Cents(400)));
        // Under 50 €: nothing, however late.
        assert_eq!(
            late_payment_charge(Cents(4_999), due, d(2028, 2, 15)).amount,
            Cents::ZERO
        );
        assert_eq!(
            late_payment_charge(Cents(5_000), due, d(2027, 3, 20)).amount,
            Cents(100)
        );
    }

    #[test]
    fn dunning_fee_is_a_share_between_min_and_max() {
        let rule = RULES.dunning_fee;
        assert_eq!(
            rule.fee(Cents(10_000)),
            Cents(500),
            "1 % of 100 € is under the minimum"
        );
        assert_eq!(rule.fee(Cents(123_456)), Cents(1_234));
        assert_eq!(rule.fee(Cents(50_000_000)), Cents(10_000), "capped");
        assert_eq!(rule.fee(Cents::ZERO), Cents::ZERO);
        let fixed = DunningFeeRule {
            basis_points: 0,
            min: Cents(300),
            max: Cents(300),
        };
        assert_eq!(fixed.fee(Cents(999_999)), Cents(300));
        assert_eq!(
            DunningFeeRule {
                basis_points: i64::MAX,
                min: Cents(0),
                max: Cents(700)
            }
            .fee(Cents(i64::MAX)),
            Cents(700),
            "no overflow"
        );
    }

    fn inst(amount: i64, paid: i64, due: Date, deferred: Option<Date>) -> InstalmentFacts {
        InstalmentFacts {
            amount: Cents(amount),
            paid: Cents(paid),
            due_on: due,
            deferred_until: deferred,
        }
    }

    #[test]
    fn status_due_and_overdue() {
        let today = d(2027, 5, 20);
        let overdue = inst(30_000, 0, d(2027, 5, 15), None);
        assert_eq!(overdue.status(today), InstalmentStatus::Open);
        assert!(overdue.due_now(today));
        assert_eq!(overdue.days_overdue(today), 5);
        let partly = inst(30_000, 10_000, d(2027, 8, 15), None);
        assert_eq!(partly.status(today), InstalmentStatus::PartlyPaid);
        assert_eq!(partly.open(), Cents(20_000));
        assert!(!partly.due_now(today));
        let paid = inst(30_000, 30_000, d(2027, 2, 15), None);
        assert_eq!(paid.status(today), InstalmentStatus::Paid);
        assert_eq!(paid.days_overdue(today), 0);
        assert!(paid.charges(today, &RULES).is_empty());
        let deferred = inst(30_000, 0, d(2027, 5, 15), Some(d(2027, 9, 30)));
        assert_eq!(deferred.status(today), InstalmentStatus::Deferred);
        assert!(!deferred.due_now(today) && deferred.days_overdue(today) == 0);
        assert!(
            deferred.charges(today, &RULES).is_empty(),
            "no charge before the new date"
        );
        assert_eq!(deferred.status(d(2027, 9, 30)), InstalmentStatus::Open);
        assert!(deferred.due_now(d(2027, 9, 30)));
        let due_today = inst(4_000, 0, today, None);
        assert!(due_today.due_now(today) && due_today.days_overdue(today) == 0);
    }

    #[test]
    fn charges_of_an_overdue_instalment() {
        let i = inst(30_000, 0, d(2027, 2, 15), None);
        // Four days late: one month's charge, no reminder yet.
        let c = i.charges(d(2027, 2, 19), &RULES);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].kind, c[0].amount),
            (ChargeKind::LatePayment, Cents(300))
        );
        // After the reminder (15 + 14 = 1 March): three months started by 16 April, and the fee.
        let c = i.charges(d(2027, 4, 16), &RULES);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].months, Some(3));
        assert_eq!(c[0].amount, Cents(900));
        assert_eq!(c[1].kind, ChargeKind::DunningFee);
        assert_eq!(c[1].amount, Cents(500));
        assert_eq!(c[1].reminded_on, Some(d(2027, 3, 1)));
    }

    fn listed(facts: Vec<InstalmentFacts>) -> Vec<(String, InstalmentFacts)> {
        facts
            .into_iter()
            .enumerate()
            .map(|(i, f)| ((i + 1).to_string(), f))
            .collect()
    }

    #[test]
    fn choosing_instalments() {
        let today = d(2027, 5, 20);
        let all = listed(vec![
            inst(30_000, 30_000, d(2027, 2, 15), None),
            inst(30_000, 0, d(2027, 5, 15), None),
            inst(30_000, 0, d(2027, 8, 15), Some(d(2027, 10, 1))),
            inst(30_000, 0, d(2027, 11, 15), None),
        ]);
        assert_eq!(choose(&all, &[], today), Ok(vec![1]), "due now");
        assert_eq!(
            choose(&all, &["4".into(), "3".into()], today),
            Ok(vec![2, 3]),
            "a deferred one may be paid early"
        );
        assert_eq!(
            choose(
                &all,
                &["1".into(), "9".into(), "2".into(), "2".into()],
                today
            ),
            Err(vec![
                ChoiceProblem::AlreadyPaid("1".into()),
                ChoiceProblem::Unknown("9".into()),
                ChoiceProblem::Duplicate("2".into()),
            ])
        );
        assert_eq!(
            choose(&all, &[], d(2027, 5, 1)),
            Err(vec![ChoiceProblem::NothingDue])
        );
    }

    fn view(id: &str, status: InstalmentStatus, due_now: bool, due_on: Date) -> NoticeInstalment {
        NoticeInstalment {
            id: id.into(),
            amount: Cents(100),
            paid: Cents::ZERO,
            open: Cents(100),
            due_on,
            deferred_until: None,
            status,
            due_now,
            days_overdue: 0,
            paid_on: None,
            charges: Vec::new(),
            payment_pending: false,
        }
    }

    #[test]
    fn preselection_is_what_is_due_else_the_next_one() {
        let a = view("1", InstalmentStatus::Paid, false, d(2027, 2, 15));
        let b = view("2", InstalmentStatus::Open, true, d(2027, 5, 15));
        let c = view("3", InstalmentStatus::Deferred, false, d(2027, 8, 15));
        let e = view("4", InstalmentStatus::Open, false, d(2027, 11, 15));
        assert_eq!(
            preselect(&[a.clone(), b.clone(), c.clone(), e.clone()]),
            ["2"]
        );
        assert_eq!(
            preselect(&[a.clone(), c.clone(), e.clone()]),
            ["4"],
            "never the deferred one"
        );
        let mut pending = b.clone();
        pending.payment_pending = true;
        assert_eq!(preselect(&[pending, e.clone()]), ["4"]);
        assert!(preselect(&[a]).is_empty());
    }

    #[test]
    fn to_pay_adds_the_charges() {
        let mut i = view("2", InstalmentStatus::Open, true, d(2027, 5, 15));
        i.charges.push(NoticeCharge {
            kind: ChargeKind::DunningFee,
            amount: Cents(500),
            months: None,
            base: None,
            reminded_on: None,
        });
        assert_eq!(i.to_pay(), Cents(600));
        i.status = InstalmentStatus::Paid;
        assert_eq!(i.to_pay(), Cents::ZERO);
    }

    #[test]
    fn login_fields_are_required() {
        let empty = NoticeSessionRequest::default();
        let errors = empty.validate().unwrap_err();
        assert_eq!(errors.0.len(), 2);
        assert!(NoticeSessionRequest {
            kassenzeichen: "6.0100.000201.3".into(),
            access_code: "N7KD-4PRA".into()
        }
        .validate()
        .is_ok());
    }
}
