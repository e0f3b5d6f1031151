//! Fees are data: each town prices its services in the definition, never in code.

use super::answers::{Answer, Answers};
use crate::i18n::Text;
use crate::money::Cents;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "FeeRuleWire")]
pub enum FeeRule {
    Free,
    Fixed {
        amount: Cents,
        label: Text,
    },
    /// quantity × price, the first unit priced `first`, each further one `further`; with `group`
    /// the quantity field is read in every item of that repeatable group (e.g. copies per certificate).
    PerUnit {
        quantity_field: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
        first: Cents,
        further: Cents,
        label: Text,
    },
    /// One price per item of a group by its position (the last rate repeats), e.g. dog tax:
    /// first dog, second dog, each further dog; `special` overrides it for matching items.
    PerItem {
        group: String,
        rates: Vec<Cents>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        special: Option<ItemRate>,
        label: Text,
    },
    /// quantity × the price of the chosen option (e.g. tickets × the event's price).
    PerUnitByOption {
        quantity_field: String,
        option_field: String,
        prices: Vec<OptionPrice>,
        label: Text,
    },
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Sum {
        rules: Vec<FeeRule>,
    },
}

/// How [`FeeRule`] is read (see `crate::wire`).
#[derive(Deserialize)]
struct FeeRuleWire {
    kind: FeeRuleKind,
    amount: Option<Cents>,
    label: Option<Text>,
    quantity_field: Option<String>,
    group: Option<String>,
    first: Option<Cents>,
    further: Option<Cents>,
    rates: Option<Vec<Cents>>,
    special: Option<ItemRate>,
    option_field: Option<String>,
    prices: Option<Vec<OptionPrice>>,
    rules: Option<Vec<FeeRule>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FeeRuleKind {
    Free,
    Fixed,
    PerUnit,
    PerItem,
    PerUnitByOption,
    Sum,
}

impl TryFrom<FeeRuleWire> for FeeRule {
    type Error = String;
    fn try_from(w: FeeRuleWire) -> Result<Self, String> {
        use crate::wire::need;
        Ok(match w.kind {
            FeeRuleKind::Free => FeeRule::Free,
            FeeRuleKind::Fixed => FeeRule::Fixed {
                amount: need(w.amount, "amount", "fixed")?,
                label: need(w.label, "label", "fixed")?,
            },
            FeeRuleKind::PerUnit => FeeRule::PerUnit {
                quantity_field: need(w.quantity_field, "quantity_field", "per_unit")?,
                group: w.group,
                first: need(w.first, "first", "per_unit")?,
                further: need(w.further, "further", "per_unit")?,
                label: need(w.label, "label", "per_unit")?,
            },
            FeeRuleKind::PerItem => FeeRule::PerItem {
                group: need(w.group, "group", "per_item")?,
                rates: need(w.rates, "rates", "per_item")?,
                special: w.special,
                label: need(w.label, "label", "per_item")?,
            },
            FeeRuleKind::PerUnitByOption => FeeRule::PerUnitByOption {
                quantity_field: need(w.quantity_field, "quantity_field", "per_unit_by_option")?,
                option_field: need(w.option_field, "option_field", "per_unit_by_option")?,
                prices: need(w.prices, "prices", "per_unit_by_option")?,
                label: need(w.label, "label", "per_unit_by_option")?,
            },
            FeeRuleKind::Sum => FeeRule::Sum {
                rules: need(w.rules, "rules", "sum")?,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemRate {
    pub field: String,
    pub value: String,
    pub amount: Cents,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionPrice {
    pub value: String,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeLine {
    pub label: Text,
    pub quantity: u32,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeBreakdown {
    pub lines: Vec<FeeLine>,
    pub total: Cents,
}

fn quantity(answers: &Answers, field: &str) -> u32 {
    answers
        .get(field)
        .and_then(Answer::as_text)
        .and_then(|t| t.trim().parse::<u32>().ok())
        .unwrap_or(0)
}

fn units(q: u32, first: Cents, further: Cents) -> Cents {
    if q == 0 {
        return Cents::ZERO;
    }
    Cents(
        first
            .0
            .saturating_add(further.0.saturating_mul(i64::from(q - 1))),
    )
}

impl FeeRule {
    /// The fee for these (visible) answers, line by line. Saturating: validation bounds the inputs.
    pub fn compute(&self, answers: &Answers) -> FeeBreakdown {
        let mut lines = Vec::new();
        self.lines(answers, &mut lines);
        let total = Cents(
            lines
                .iter()
                .fold(0i64, |acc, l| acc.saturating_add(l.amount.0)),
        );
        FeeBreakdown { lines, total }
    }

    fn lines(&self, answers: &Answers, out: &mut Vec<FeeLine>) {
        match self {
            FeeRule::Free => {}
            FeeRule::Fixed { amount, label } => out.push(FeeLine {
                label: label.clone(),
                quantity: 1,
                amount: *amount,
            }),
            FeeRule::PerUnit {
                quantity_field,
                group,
                first,
                further,
                label,
            } => {
                let (q, amount) = match group {
                    None => {
                        let q = quantity(answers, quantity_field);
                        (q, units(q, *first, *further))
                    }
                    Some(g) => match answers.get(g) {
                        Some(Answer::Group(items)) => {
                            items.iter().fold((0u32, Cents::ZERO), |(tq, ta), item| {
                                let q = quantity(item, quantity_field);
                                (
                                    tq.saturating_add(q),
                                    Cents(ta.0.saturating_add(units(q, *first, *further).0)),
                                )
                            })
                        }
                        _ => (0, Cents::ZERO),
                    },
                };
                if q > 0 {
                    out.push(FeeLine {
                        label: label.clone(),
                        quantity: q,
                        amount,
                    });
                }
            }
            FeeRule::PerItem {
                group,
                rates,
                special,
                label,
            } => {
                let Some(Answer::Group(items)) = answers.get(group) else {
                    return;
                };
                let mut regular = (0u32, 0i64);
                let mut specials = (0u32, 0i64);
                for item in items {
                    let is_special = special.as_ref().is_some_and(|s| {
                        item.get(&s.field).and_then(Answer::as_text) == Some(s.value.as_str())
                    });
                    if let (true, Some(s)) = (is_special, special) {
                        specials = (specials.0 + 1, specials.1.saturating_add(s.amount.0));
                    } else {
                        let rate = rates
                            .get(regular.0 as usize)
                            .or(rates.last())
                            .copied()
                            .unwrap_or(Cents::ZERO);
                        regular = (regular.0 + 1, regular.1.saturating_add(rate.0));
                    }
                }
                if regular.0 > 0 {
                    out.push(FeeLine {
                        label: label.clone(),
                        quantity: regular.0,
                        amount: Cents(regular.1),
                    });
                }
                if let (Some(s), true) = (special, specials.0 > 0) {
                    out.push(FeeLine {
                        label: s.label.clone(),
                        quantity: specials.0,
                        amount: Cents(specials.1),
                    });
                }
            }
            FeeRule::PerUnitByOption {
                quantity_field,
                option_field,
                prices,
                label,
            } => {
                let q = quantity(answers, quantity_field);
                let chosen = answers.get(option_field).and_then(Answer::as_text);
                if let Some(p) = prices.iter().find(|p| Some(p.value.as_str()) == chosen) {
                    if q > 0 {
                        out.push(FeeLine {
                            label: label.clone(),
                            quantity: q,
                            amount: Cents(p.amount.0.saturating_mul(i64::from(q))),
                        });
                    }
                }
            }
            FeeRule::Sum { rules } => rules.iter().for_each(|r| r.lines(answers, out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn text(v: &str) -> Answer {
        Answer::Text(v.into())
    }

    fn dog(dangerous: bool) -> BTreeMap<String, Answer> {
        [(
            "listed".to_string(),
            text(if dangerous { "yes" } else { "no" }),
        )]
        .into_iter()
        .collect()
    }

    #[test]
    fn dog_tax_tiers_and_listed_breeds() {
        let rule = FeeRule::PerItem {
            group: "dogs".into(),
            rates: vec![Cents(9600), Cents(12000), Cents(15000)],
            special: Some(ItemRate {
                field: "listed".into(),
                value: "yes".into(),
                amount: Cents(60000),
                label: Text::new("gelistet", "listed"),
            }),
            label: Text::new("Hundesteuer", "Dog tax"),
        };
        let mut a = Answers::new();
        a.insert("dogs".into(), Answer::Group(vec![dog(false)]));
        assert_eq!(rule.compute(&a).total, Cents(9600));
        a.insert(
            "dogs".into(),
            Answer::Group(vec![dog(false), dog(false), dog(false), dog(false)]),
        );
        assert_eq!(rule.compute(&a).total, Cents(9600 + 12000 + 15000 + 15000));
        a.insert("dogs".into(), Answer::Group(vec![dog(true), dog(false)]));
        let b = rule.compute(&a);
        assert_eq!(b.total, Cents(60000 + 9600));
        assert_eq!(b.lines.len(), 2);
    }

    #[test]
    fn certificates_first_and_further_copies_per_item() {
        let rule = FeeRule::PerUnit {
            quantity_field: "copies".into(),
            group: Some("certificates".into()),
            first: Cents(1200),
            further: Cents(600),
            label: Text::new("Urkunden", "Certificates"),
        };
        let item = |q: &str| -> BTreeMap<String, Answer> {
            [("copies".to_string(), text(q))].into_iter().collect()
        };
        let mut a = Answers::new();
        a.insert(
            "certificates".into(),
            Answer::Group(vec![item("3"), item("1")]),
        );
        let b = rule.compute(&a);
        assert_eq!(b.total, Cents(1200 + 600 + 600 + 1200));
        assert_eq!(b.lines[0].quantity, 4);
    }

    #[test]
    fn tickets_by_event_and_sum() {
        let rule = FeeRule::Sum {
            rules: vec![
                FeeRule::PerUnitByOption {
                    quantity_field: "tickets".into(),
                    option_field: "event".into(),
                    prices: vec![
                        OptionPrice {
                            value: "a".into(),
                            amount: Cents(800),
                        },
                        OptionPrice {
                            value: "b".into(),
                            amount: Cents(2500),
                        },
                    ],
                    label: Text::new("Karten", "Tickets"),
                },
                FeeRule::Fixed {
                    amount: Cents(100),
                    label: Text::new("Versand", "Postage"),
                },
            ],
        };
        let mut a = Answers::new();
        a.insert("tickets".into(), text("3"));
        a.insert("event".into(), text("b"));
        assert_eq!(rule.compute(&a).total, Cents(7600));
        a.insert("event".into(), text("zzz"));
        assert_eq!(rule.compute(&a).total, Cents(100));
        assert_eq!(FeeRule::Free.compute(&a).total, Cents::ZERO);
    }

    #[test]
    fn absurd_quantities_saturate_instead_of_overflowing() {
        let rule = FeeRule::PerUnit {
            quantity_field: "q".into(),
            group: None,
            first: Cents(i64::MAX),
            further: Cents(i64::MAX),
            label: Text::new("", ""),
        };
        let mut a = Answers::new();
        a.insert("q".into(), text("4000000000"));
        assert_eq!(rule.compute(&a).total, Cents(i64::MAX));
    }
}
