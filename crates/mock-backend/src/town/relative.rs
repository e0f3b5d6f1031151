//! Values in the town's data files that are relative to today, resolved when a definition is
//! served (so a form never goes stale). The files are otherwise the plain serialised domain
//! types; these are the only additions:
//!
//! | in the file | becomes |
//! |---|---|
//! | `{"$year": 0}` (where a number belongs) | the current year plus the offset, e.g. `2026` |
//! | `{"$year_start": -1}` (where a date belongs) | 1 January of that year, `"2025-01-01"` |
//! | `{"$days": 7}` (where a date belongs) | today plus so many days, `"2026-12-08"` |
//! | `{"$years_ago": 42}` (where a date belongs) | 14 March, 42 years before this year (`domain::form::years_ago`: a date field's example) |
//! | `{{date:+14:sat}}` inside a text | the first Saturday on or after today + 14 days, written as the text's language writes dates (`05.12.2026`, `05/12/2026`); the weekday (`mon` … `sun`) is optional |
//! | `{{year}}` inside a text | the current year |

use domain::date::Date;
use domain::i18n::Lang;
use serde_json::{Map, Value};

/// A copy of `v` with every relative value replaced; `Err` names the first unknown one.
pub fn resolve(v: &Value, today: Date) -> Result<Value, String> {
    walk(v, today, None)
}

fn walk(v: &Value, today: Date, lang: Option<Lang>) -> Result<Value, String> {
    Ok(match v {
        Value::Object(map) => {
            if let Some((key, arg)) = single_dollar_key(map) {
                return special(key, arg, today);
            }
            let mut out = Map::new();
            for (k, item) in map {
                if k.starts_with('$') {
                    return Err(format!("unknown relative value {k:?} (next to other keys)"));
                }
                let lang = match k.as_str() {
                    "de" => Some(Lang::De),
                    "en" => Some(Lang::En),
                    _ => lang,
                };
                out.insert(k.clone(), walk(item, today, lang)?);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| walk(i, today, lang))
                .collect::<Result<_, _>>()?,
        ),
        Value::String(s) if s.contains("{{") => {
            Value::String(placeholders(s, today, lang.unwrap_or(Lang::De))?)
        }
        other => other.clone(),
    })
}

fn single_dollar_key(map: &Map<String, Value>) -> Option<(&str, &Value)> {
    let mut it = map.iter();
    match (it.next(), it.next()) {
        (Some((k, v)), None) if k.starts_with('$') => Some((k.as_str(), v)),
        _ => None,
    }
}

fn special(key: &str, arg: &Value, today: Date) -> Result<Value, String> {
    let n = arg
        .as_i64()
        .ok_or_else(|| format!("{key} needs a whole number, got {arg}"))?;
    let year = |n: i64| i64::from(today.year) + n;
    match key {
        "$year" => Ok(Value::from(year(n))),
        "$year_start" => Ok(Value::from(format!("{:04}-01-01", year(n)))),
        "$days" => Ok(Value::from(today.add_days(n).iso())),
        "$years_ago" => {
            let years = i32::try_from(n).map_err(|_| format!("{key}: {n} is out of range"))?;
            Ok(Value::from(domain::form::years_ago(today, years).iso()))
        }
        _ => Err(format!(
            "unknown relative value {key:?} (known: $year, $year_start, $days, $years_ago)"
        )),
    }
}

const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

fn placeholders(s: &str, today: Date, lang: Lang) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("unclosed {{{{ in {s:?}"))?;
        out.push_str(&placeholder(&after[..end], today, lang)?);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn placeholder(p: &str, today: Date, lang: Lang) -> Result<String, String> {
    let parts: Vec<&str> = p.trim().split(':').collect();
    match parts.as_slice() {
        ["year"] => Ok(today.year.to_string()),
        ["date", offset, rest @ ..] if rest.len() <= 1 => {
            let days: i64 = offset
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("{{{{{p}}}}}: {offset:?} is not a number of days"))?;
            let mut day = today.add_days(days);
            if let Some(wd) = rest.first() {
                let target = WEEKDAYS.iter().position(|w| w == wd).ok_or_else(|| {
                    format!("{{{{{p}}}}}: {wd:?} is not a weekday (mon … sun)")
                })?;
                while weekday(day) != target as i64 {
                    day = day.add_days(1);
                }
            }
            Ok(day.format(lang))
        }
        _ => Err(format!(
            "unknown placeholder {{{{{p}}}}} (known: {{{{year}}}}, {{{{date:+N}}}}, {{{{date:+N:sat}}}})"
        )),
    }
}

/// 0 = Sunday … 6 = Saturday (1 January 1970 was a Thursday).
pub fn weekday(d: Date) -> i64 {
    (d.days_since_epoch() + 4).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> Date {
        Date::new(2026, 12, 1).unwrap_or(Date::from_unix_seconds(0))
    }

    #[test]
    fn numbers_dates_and_texts() {
        let v = json!({
            "max": {"$year": 0},
            "rules": [{"rule": "not_before", "date": {"$year_start": -1}}, {"d": {"$days": 7}}],
            "example": {"$years_ago": 42},
            "hint": {"de": "Sa., {{date:+14:sat}} – {{year}}", "en": "Sat {{date:+14:sat}}"},
            "plain": "no {braces}"
        });
        let r = resolve(&v, today()).unwrap_or_default();
        assert_eq!(r["max"], 2026);
        assert_eq!(r["example"], "1984-03-14");
        assert_eq!(r["rules"][0]["date"], "2025-01-01");
        assert_eq!(r["rules"][1]["d"]["$days"], Value::Null);
        assert_eq!(r["rules"][1]["d"], "2026-12-08");
        assert_eq!(r["hint"]["de"], "Sa., 19.12.2026 – 2026");
        assert_eq!(r["hint"]["en"], "Sat 19/12/2026");
        assert_eq!(r["plain"], "no {braces}");
    }

    #[test]
    fn unknown_values_are_errors() {
        for bad in [
            json!({"$month": 1}),
            json!({"$year": "x"}),
            json!({"a": {"$year": 0, "b": 1}}),
            json!("{{date:+x}}"),
            json!("{{date:+1:xyz}}"),
            json!("{{weather}}"),
            json!("{{date:+1"),
        ] {
            assert!(resolve(&bad, today()).is_err(), "{bad}");
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(Date::new(1970, 1, 1).unwrap_or(today())), 4);
        assert_eq!(weekday(Date::new(2026, 11, 21).unwrap_or(today())), 6);
    }
}
