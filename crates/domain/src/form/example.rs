//! The example a date field's hint shows. "Zum Beispiel" followed by today's date reads oddly
//! under a birth date; the example should be a date someone would really type there, and one
//! the field's own rules accept.

use super::definition::DateRule;
use crate::date::Date;

/// 14 March, `years` before `today`'s year: a real day in every year, and far enough from
/// any "today" never to read as one.
pub fn years_ago(today: Date, years: i32) -> Date {
    Date {
        year: today.year - years,
        month: 3,
        day: 14,
    }
}

/// The field's declared example, or one derived from its rules: a birth date decades ago when
/// a minimum age is asked for, a day a few weeks ahead for a date in the future, a day a few
/// weeks back otherwise (never before a `NotBefore` date).
pub fn date_example(rules: &[DateRule], declared: Option<Date>, today: Date) -> Date {
    if let Some(d) = declared {
        return d;
    }
    let min_age = rules
        .iter()
        .filter_map(|r| match r {
            DateRule::AgeAtLeast { years } => Some(i32::from(*years)),
            _ => None,
        })
        .max();
    if let Some(years) = min_age {
        // Someone in the middle of adult life, not just of age.
        return years_ago(today, years + 22);
    }
    let within = rules
        .iter()
        .filter_map(|r| match r {
            DateRule::WithinDays { days } => Some(i64::from(*days)),
            _ => None,
        })
        .min();
    if within.is_some() || rules.contains(&DateRule::InFuture) {
        return today.add_days(within.map_or(28, |d| d.clamp(1, 28)));
    }
    let back = today.add_days(-28);
    let not_before = rules
        .iter()
        .filter_map(|r| match r {
            DateRule::NotBefore { date } => Some(*date),
            _ => None,
        })
        .max();
    match not_before {
        Some(first) if back < first => first,
        _ => back,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::date_meets_rules;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn an_adults_birth_date_is_decades_ago_not_today() {
        let today = d(2026, 11, 21);
        let rules = [DateRule::InPast, DateRule::AgeAtLeast { years: 18 }];
        let ex = date_example(&rules, None, today);
        assert_eq!(ex, d(1986, 3, 14));
        assert!(ex.age_on(today) >= 30);
        assert!(date_meets_rules(&rules, ex, today));
    }

    #[test]
    fn a_declared_example_wins() {
        let today = d(2026, 11, 21);
        let child = d(2023, 6, 21);
        assert_eq!(date_example(&[DateRule::InPast], Some(child), today), child);
    }

    #[test]
    fn future_and_past_dates_stay_near_today_and_within_the_rules() {
        let today = d(2026, 11, 21);
        let start = [DateRule::InFuture, DateRule::WithinDays { days: 365 }];
        assert_eq!(date_example(&start, None, today), d(2026, 12, 19));
        let soon = [DateRule::InFuture, DateRule::WithinDays { days: 5 }];
        assert_eq!(date_example(&soon, None, today), d(2026, 11, 26));
        assert_eq!(
            date_example(&[DateRule::InPast], None, today),
            d(2026, 10, 24)
        );
        let reading = [
            DateRule::InPast,
            DateRule::NotBefore {
                date: d(2026, 11, 1),
            },
        ];
        assert_eq!(date_example(&reading, None, today), d(2026, 11, 1));
    }

    #[test]
    fn every_rule_set_the_forms_use_accepts_its_example_on_every_day_of_a_leap_year() {
        let rule_sets: Vec<Vec<DateRule>> = vec![
            vec![],
            vec![DateRule::InPast],
            vec![DateRule::InPast, DateRule::AgeAtLeast { years: 18 }],
            vec![DateRule::InFuture, DateRule::WithinDays { days: 365 }],
            vec![DateRule::InFuture],
        ];
        let first = d(2028, 1, 1);
        for offset in 0..366 {
            let today = first.add_days(offset);
            let last_year = d(today.year - 1, 1, 1);
            let mut sets = rule_sets.clone();
            sets.push(vec![
                DateRule::InPast,
                DateRule::NotBefore { date: last_year },
            ]);
            for rules in &sets {
                let ex = date_example(rules, None, today);
                assert!(
                    date_meets_rules(rules, ex, today),
                    "{rules:?} on {today}: {ex}"
                );
                assert_ne!(ex, today, "{rules:?}: never today's date");
            }
        }
    }
}
