//! What the case page says about a case's state, worded from the shared rule
//! (`domain::case_status`, which the backend decides with): the status tag, the date rows
//! (what happened, and a deadline only while something is due), why there is no payment, and
//! whether an answer is still taken. Plain, so it is unit-tested natively.

use crate::i18n::{fill, Lang, Texts};
use domain::case_status::{CannotPay, Due, Outcome};
use domain::hearing::{HearingCase, HearingStatus};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseWording {
    pub status: &'static str,
    pub status_class: &'static str,
    /// (label, value) rows for the case's summary list.
    pub date_rows: Vec<(&'static str, String)>,
    /// Why the case cannot be paid; `None` when it can.
    pub no_payment: Option<&'static str>,
    /// The form to answer is offered (also after the deadline).
    pub can_answer: bool,
    /// An answer now comes after the deadline.
    pub late: bool,
}

pub fn case_wording(case: &HearingCase, t: &Texts, lang: Lang) -> CaseWording {
    let facts = case.facts();
    let today = case.server_today();
    let dates = facts.dates(today);
    let mut date_rows = Vec::new();
    match dates.outcome {
        Some(Outcome::PaidOn(day)) => date_rows.push((
            t.hearing_payment,
            fill(t.hearing_paid_on, &[("date", &day.format(lang))]),
        )),
        Some(Outcome::AnsweredOn(day)) => date_rows.push((
            t.hearing_answer,
            fill(t.hearing_answered_on, &[("date", &day.format(lang))]),
        )),
        None => {}
    }
    match dates.due {
        Some(Due::Answer {
            deadline,
            days_left,
        }) => date_rows.push((t.hearing_deadline, countdown(t, lang, deadline, days_left))),
        Some(Due::Payment {
            deadline,
            days_left,
        }) => date_rows.push((
            t.hearing_pay_deadline,
            countdown(t, lang, deadline, days_left),
        )),
        Some(Due::Passed(deadline)) => date_rows.push((
            t.hearing_deadline,
            fill(
                t.hearing_deadline_passed_on,
                &[("date", &deadline.format(lang))],
            ),
        )),
        None => {}
    }
    CaseWording {
        status: match case.status {
            HearingStatus::Open => t.hearing_status_open,
            HearingStatus::Answered => t.hearing_status_answered,
            HearingStatus::Paid => t.hearing_status_paid,
            HearingStatus::DeadlinePassed => t.hearing_status_deadline_passed,
        },
        status_class: match case.status {
            HearingStatus::Paid => "tag tag-green",
            HearingStatus::DeadlinePassed => "tag tag-red",
            _ => "tag",
        },
        date_rows,
        no_payment: facts.payable(today).err().map(|reason| match reason {
            CannotPay::AlreadyPaid => t.hearing_no_pay_paid,
            CannotPay::DeadlinePassed => t.hearing_no_pay_deadline,
            CannotPay::Witness => t.hearing_no_pay_witness,
        }),
        can_answer: facts.can_answer(),
        late: facts.answer_is_late(today),
    }
}

/// "bis 15.12.2026 (noch 14 Tage)", "… heute ist der letzte Tag".
fn countdown(t: &Texts, lang: Lang, deadline: domain::date::Date, days_left: i64) -> String {
    let date = deadline.format(lang);
    match days_left {
        0 => fill(t.hearing_deadline_today, &[("date", &date)]),
        1 => fill(t.hearing_deadline_one_day, &[("date", &date)]),
        d => fill(t.hearing_deadline_days, &[("date", &date), ("days", &d)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::hearing::HearingReceipt;

    /// A case as the API sends it: person concerned, warning fine, deadline 15.12.2026, today
    /// 1.12.2026, open.
    fn case() -> HearingCase {
        serde_json::from_value(serde_json::json!({
            "case_number": "OWI-2026-000101",
            "role": "person_concerned",
            "status": "open",
            "offence": {
                "date": "2026-11-26", "time": "08:14", "place": "Bahnhofstraße 14",
                "vehicle_registration": "MU-SK 482", "tbnr": "112402",
                "tbnr_text": {"de": "Parken", "en": "Parking"}, "legal_basis": "§ 12 StVO"
            },
            "kind": "warning_fine",
            "amount": 3500,
            "deadline": "2026-12-15",
            "days_left": 14,
            "evidence": [],
            "payee": {"name": "Stadt Musterstadt", "iban": "DE09123456780001234567",
                      "bic": "MUSTDEM1XXX", "kassenzeichen": "5.1234.000101.3"},
            "payment_possible": true,
            "person": {"family_name": "Mustermann", "given_names": "Erika", "street": "Lindenweg",
                       "house_number": "3", "postal_code": "12345", "town": "Musterstadt"}
        }))
        .expect("a valid case")
    }

    fn receipt(received_at: &str) -> HearingReceipt {
        serde_json::from_value(serde_json::json!({
            "reference": "HN4T7KPW",
            "received_at": received_at,
            "case_number": "OWI-2026-000101",
            "copy": {
                "personal_data": {
                    "family_name": "Mustermann", "given_names": "Erika",
                    "date_of_birth": "1980-04-12", "place_of_birth": "Musterstadt",
                    "street": "Lindenweg", "house_number": "3", "postal_code": "12345",
                    "town": "Musterstadt", "nationality": "deutsch", "occupation": "Ingenieurin"
                },
                "choice": {"kind": "no_statement"}
            }
        }))
        .expect("a valid receipt")
    }

    fn de() -> &'static Texts {
        texts(Lang::De)
    }

    fn rows(w: &CaseWording) -> Vec<(&str, &str)> {
        w.date_rows.iter().map(|(l, v)| (*l, v.as_str())).collect()
    }

    #[test]
    fn an_open_case_counts_down() {
        let w = case_wording(&case(), de(), Lang::De);
        assert_eq!(w.status, "Offen");
        assert_eq!(rows(&w), [("Frist", "bis 15.12.2026 (noch 14 Tage)")]);
        assert_eq!(w.no_payment, None);
        assert!(w.can_answer && !w.late);
        let last = HearingCase {
            days_left: 0,
            ..case()
        };
        assert_eq!(
            case_wording(&last, de(), Lang::De).date_rows[0].1,
            "bis 15.12.2026 – heute ist der letzte Tag"
        );
        let one = HearingCase {
            days_left: 1,
            ..case()
        };
        assert_eq!(
            case_wording(&one, texts(Lang::En), Lang::En).date_rows[0],
            ("Deadline", "by 15/12/2026 (1 day left)".to_string())
        );
    }

    #[test]
    fn a_paid_case_says_when_it_was_paid_and_counts_nothing_down() {
        let paid = HearingCase {
            status: HearingStatus::Paid,
            payment_possible: false,
            paid_on: domain::date::Date::new(2026, 11, 29),
            ..case()
        };
        let w = case_wording(&paid, de(), Lang::De);
        assert_eq!((w.status, w.status_class), ("Bezahlt", "tag tag-green"));
        assert_eq!(rows(&w), [("Zahlung", "bezahlt am 29.11.2026")]);
        assert_eq!(w.no_payment, Some(de().hearing_no_pay_paid));
        assert!(!w.can_answer && !w.late);
        let en = case_wording(&paid, texts(Lang::En), Lang::En);
        assert_eq!(rows(&en), [("Payment", "paid on 29/11/2026")]);
    }

    #[test]
    fn an_answered_case_says_when_and_keeps_the_payment_deadline_while_payable() {
        let answered = HearingCase {
            status: HearingStatus::Answered,
            response: Some(receipt("2026-11-30T10:15:00Z")),
            ..case()
        };
        let w = case_wording(&answered, de(), Lang::De);
        assert_eq!(w.status, "Beantwortet");
        assert_eq!(
            rows(&w),
            [
                ("Antwort", "geantwortet am 30.11.2026"),
                ("Zahlungsfrist", "bis 15.12.2026 (noch 14 Tage)"),
            ]
        );
        assert_eq!(w.no_payment, None, "a statement does not end the offer");
        assert!(!w.can_answer);
        // Past the deadline nothing is due any more.
        let late = HearingCase {
            days_left: -2,
            payment_possible: false,
            ..answered
        };
        let w = case_wording(&late, texts(Lang::En), Lang::En);
        assert_eq!(rows(&w), [("Answer", "answered on 30/11/2026")]);
        assert_eq!(w.no_payment, Some(texts(Lang::En).hearing_no_pay_deadline));
    }

    #[test]
    fn a_passed_deadline_says_so_and_still_takes_a_late_answer() {
        let passed = HearingCase {
            status: HearingStatus::DeadlinePassed,
            days_left: -3,
            payment_possible: false,
            ..case()
        };
        let w = case_wording(&passed, de(), Lang::De);
        assert_eq!(
            (w.status, w.status_class),
            ("Frist abgelaufen", "tag tag-red")
        );
        assert_eq!(
            rows(&w),
            [("Frist", "Die Frist ist am 15.12.2026 abgelaufen.")]
        );
        assert_eq!(w.no_payment, Some(de().hearing_no_pay_deadline));
        assert!(w.can_answer && w.late);
    }

    #[test]
    fn a_witness_is_told_there_is_nothing_to_pay() {
        let witness = HearingCase {
            role: domain::hearing::HearingRole::KeeperWitness,
            payment_possible: false,
            ..case()
        };
        let w = case_wording(&witness, de(), Lang::De);
        assert_eq!(w.no_payment, Some(de().hearing_no_pay_witness));
        assert_eq!(rows(&w), [("Frist", "bis 15.12.2026 (noch 14 Tage)")]);
        assert!(w.can_answer);
    }
}
