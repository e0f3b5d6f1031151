//! The notice page's wording of an instalment: what it is, when it is due and why each charge
//! is there. Plain and tested; the view only shows it.

use crate::i18n::{fill, Lang, Texts};
use domain::notice::{ChargeKind, InstalmentStatus, NoticeCharge, NoticeInstalment};

/// What the page says about one instalment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalmentWording {
    /// "Rate 2" or, for a notice with one amount, "Betrag".
    pub what: String,
    /// "fällig am 15.05.2027", "seit 12 Tagen überfällig", "gestundet bis …", "bezahlt am …".
    pub when: String,
    /// A CSS class for the status.
    pub class: &'static str,
    /// "100,00 € bezahlt, 212,40 € offen" for a partly paid one.
    pub partly: Option<String>,
    /// One line per charge: reason and amount.
    pub charges: Vec<(String, String)>,
}

pub fn charge_reason(c: &NoticeCharge, t: &Texts, lang: Lang) -> String {
    match c.kind {
        ChargeKind::LatePayment => {
            let months = c.months.unwrap_or(1);
            let base = c.base.map(|b| b.format(lang)).unwrap_or_default();
            if months == 1 {
                fill(t.notice_charge_late_one, &[("base", &base)])
            } else {
                fill(
                    t.notice_charge_late_many,
                    &[("base", &base), ("months", &months)],
                )
            }
        }
        ChargeKind::DunningFee => fill(
            t.notice_charge_dunning,
            &[(
                "date",
                &c.reminded_on.map(|d| d.format(lang)).unwrap_or_default(),
            )],
        ),
    }
}

pub fn instalment_wording(
    i: &NoticeInstalment,
    single: bool,
    t: &Texts,
    lang: Lang,
) -> InstalmentWording {
    let what = if single {
        t.notice_amount.to_string()
    } else {
        fill(t.notice_instalment, &[("number", &i.id)])
    };
    let date = |d: domain::date::Date| d.format(lang);
    let (when, class) = match i.status {
        InstalmentStatus::Paid => (
            fill(
                t.notice_paid_on,
                &[("date", &i.paid_on.map(date).unwrap_or_default())],
            ),
            "tag tag-green",
        ),
        InstalmentStatus::Deferred => (
            fill(
                t.notice_deferred_until,
                &[("date", &i.deferred_until.map(date).unwrap_or_default())],
            ),
            "tag",
        ),
        _ if i.days_overdue == 1 => (t.notice_overdue_day.to_string(), "tag tag-red"),
        _ if i.days_overdue > 1 => (
            fill(t.notice_overdue_days, &[("days", &i.days_overdue)]),
            "tag tag-red",
        ),
        _ if i.due_now => (t.notice_due_today.to_string(), "tag"),
        _ => (
            fill(
                t.notice_due_on,
                &[("date", &date(i.deferred_until.unwrap_or(i.due_on)))],
            ),
            "tag",
        ),
    };
    let partly = (i.status == InstalmentStatus::PartlyPaid).then(|| {
        fill(
            t.notice_partly_paid,
            &[
                ("paid", &i.paid.format(lang)),
                ("open", &i.open.format(lang)),
            ],
        )
    });
    InstalmentWording {
        what,
        when,
        class,
        partly,
        charges: i
            .charges
            .iter()
            .map(|c| (charge_reason(c, t, lang), c.amount.format(lang)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::date::Date;
    use domain::money::Cents;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn inst(status: InstalmentStatus) -> NoticeInstalment {
        NoticeInstalment {
            id: "2".into(),
            amount: Cents(18_750),
            paid: Cents::ZERO,
            open: Cents(18_750),
            due_on: d(2027, 5, 15),
            deferred_until: None,
            status,
            due_now: false,
            days_overdue: 0,
            paid_on: None,
            charges: Vec::new(),
            payment_pending: false,
        }
    }

    #[test]
    fn due_overdue_deferred_paid_in_german() {
        let t = texts(Lang::De);
        let w = instalment_wording(&inst(InstalmentStatus::Open), false, t, Lang::De);
        assert_eq!(
            (w.what.as_str(), w.when.as_str()),
            ("Rate 2", "fällig am 15.05.2027")
        );
        let mut late = inst(InstalmentStatus::Open);
        late.due_now = true;
        late.days_overdue = 12;
        assert_eq!(
            instalment_wording(&late, false, t, Lang::De).when,
            "seit 12 Tagen überfällig"
        );
        late.days_overdue = 1;
        assert_eq!(
            instalment_wording(&late, false, t, Lang::De).when,
            "seit 1 Tag überfällig"
        );
        late.days_overdue = 0;
        assert_eq!(
            instalment_wording(&late, true, t, Lang::De).when,
            "heute fällig"
        );
        assert_eq!(instalment_wording(&late, true, t, Lang::De).what, "Betrag");
        let mut deferred = inst(InstalmentStatus::Deferred);
        deferred.deferred_until = Some(d(2027, 9, 30));
        assert!(instalment_wording(&deferred, false, t, Lang::De)
            .when
            .starts_with("gestundet bis 30.09.2027"));
        let mut paid = inst(InstalmentStatus::Paid);
        paid.paid_on = Some(d(2027, 5, 2));
        assert_eq!(
            instalment_wording(&paid, false, t, Lang::De).when,
            "bezahlt am 02.05.2027"
        );
        let mut partly = inst(InstalmentStatus::PartlyPaid);
        partly.paid = Cents(10_000);
        partly.open = Cents(8_750);
        assert_eq!(
            instalment_wording(&partly, false, t, Lang::De)
                .partly
                .as_deref(),
            Some("100,00\u{a0}€ bezahlt, 87,50\u{a0}€ offen")
        );
    }

    #[test]
    fn every_charge_has_a_one_line_reason() {
        let late = NoticeCharge {
            kind: ChargeKind::LatePayment,
            amount: Cents(300),
            months: Some(2),
            base: Some(Cents(15_000)),
            reminded_on: None,
        };
        assert_eq!(
            charge_reason(&late, texts(Lang::De), Lang::De),
            "Säumniszuschlag: 1 % von 150,00\u{a0}€ für 2 angefangene Monate (§ 240 AO)"
        );
        let one = NoticeCharge {
            months: Some(1),
            ..late.clone()
        };
        assert!(charge_reason(&one, texts(Lang::En), Lang::En).contains("1 month started"));
        let fee = NoticeCharge {
            kind: ChargeKind::DunningFee,
            amount: Cents(500),
            months: None,
            base: None,
            reminded_on: Some(d(2027, 5, 29)),
        };
        assert_eq!(
            charge_reason(&fee, texts(Lang::De), Lang::De),
            "Mahngebühr für die Mahnung vom 29.05.2027"
        );
    }
}
