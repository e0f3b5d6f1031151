use super::answers::{Answer, Answers};
use serde::{Deserialize, Serialize};

/// When a step or field is shown. A hidden step's or field's answers are not submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case", try_from = "ConditionWire")]
pub enum Condition {
    Equals {
        field: String,
        value: String,
    },
    NotEquals {
        field: String,
        value: String,
    },
    OneOf {
        field: String,
        values: Vec<String>,
    },
    Answered {
        field: String,
    },
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    All {
        conditions: Vec<Condition>,
    },
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Any {
        conditions: Vec<Condition>,
    },
}

/// How [`Condition`] is read (see `crate::wire`).
#[derive(Deserialize)]
struct ConditionWire {
    op: ConditionOp,
    field: Option<String>,
    value: Option<String>,
    values: Option<Vec<String>>,
    conditions: Option<Vec<Condition>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ConditionOp {
    Equals,
    NotEquals,
    OneOf,
    Answered,
    All,
    Any,
}

impl TryFrom<ConditionWire> for Condition {
    type Error = String;
    fn try_from(w: ConditionWire) -> Result<Self, String> {
        use crate::wire::need;
        Ok(match w.op {
            ConditionOp::Equals => Condition::Equals {
                field: need(w.field, "field", "equals")?,
                value: need(w.value, "value", "equals")?,
            },
            ConditionOp::NotEquals => Condition::NotEquals {
                field: need(w.field, "field", "not_equals")?,
                value: need(w.value, "value", "not_equals")?,
            },
            ConditionOp::OneOf => Condition::OneOf {
                field: need(w.field, "field", "one_of")?,
                values: need(w.values, "values", "one_of")?,
            },
            ConditionOp::Answered => Condition::Answered {
                field: need(w.field, "field", "answered")?,
            },
            ConditionOp::All => Condition::All {
                conditions: need(w.conditions, "conditions", "all")?,
            },
            ConditionOp::Any => Condition::Any {
                conditions: need(w.conditions, "conditions", "any")?,
            },
        })
    }
}

impl Condition {
    /// `scopes` are searched in order (a group item first, then the whole form).
    pub fn holds(&self, scopes: &[&Answers]) -> bool {
        let find = |field: &str| scopes.iter().find_map(|s| s.get(field));
        let is = |field: &str, value: &str| match find(field) {
            Some(Answer::Text(t)) => t == value,
            Some(Answer::Many(v)) => v.iter().any(|x| x == value),
            _ => false,
        };
        match self {
            Condition::Equals { field, value } => is(field, value),
            Condition::NotEquals { field, value } => !is(field, value),
            Condition::OneOf { field, values } => values.iter().any(|v| is(field, v)),
            Condition::Answered { field } => find(field).is_some_and(|a| !a.is_blank()),
            Condition::All { conditions } => conditions.iter().all(|c| c.holds(scopes)),
            Condition::Any { conditions } => conditions.iter().any(|c| c.holds(scopes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Answer::Text(v.to_string())))
            .collect()
    }

    #[test]
    fn combinators() {
        let a = answers(&[("kind", "birth"), ("copies", "2")]);
        let eq = Condition::Equals {
            field: "kind".into(),
            value: "birth".into(),
        };
        let ne = Condition::NotEquals {
            field: "kind".into(),
            value: "death".into(),
        };
        let one = Condition::OneOf {
            field: "kind".into(),
            values: vec!["death".into(), "birth".into()],
        };
        let answered = Condition::Answered {
            field: "missing".into(),
        };
        assert!(eq.holds(&[&a]) && ne.holds(&[&a]) && one.holds(&[&a]));
        assert!(!answered.holds(&[&a]));
        assert!(Condition::All {
            conditions: vec![eq.clone(), ne.clone()]
        }
        .holds(&[&a]));
        assert!(!Condition::All {
            conditions: vec![eq.clone(), answered.clone()]
        }
        .holds(&[&a]));
        assert!(Condition::Any {
            conditions: vec![answered, eq]
        }
        .holds(&[&a]));
    }

    #[test]
    fn many_of_matches_any_ticked_value_and_inner_scope_wins() {
        let mut a = Answers::new();
        a.insert("extras".into(), Answer::Many(vec!["multilingual".into()]));
        let item = answers(&[("kind", "x")]);
        let outer = answers(&[("kind", "y")]);
        assert!(Condition::Equals {
            field: "extras".into(),
            value: "multilingual".into()
        }
        .holds(&[&a]));
        assert!(Condition::Equals {
            field: "kind".into(),
            value: "x".into()
        }
        .holds(&[&item, &outer]));
    }

    #[test]
    fn json_shape() {
        let c: Condition =
            serde_json::from_str(r#"{"op":"equals","field":"a","value":"b"}"#).unwrap();
        assert_eq!(
            c,
            Condition::Equals {
                field: "a".into(),
                value: "b".into()
            }
        );
    }
}
