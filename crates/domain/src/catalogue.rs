//! The town's catalogue of online services, as served by `GET /api/v1/services`.

use crate::i18n::{Lang, Text};
use crate::money::Cents;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    FamilyAndCivilStatus,
    ResidenceAndDocuments,
    TrafficAndParking,
    AnimalsAndTaxes,
    WaterAndEnergy,
    CultureAndLeisure,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::FamilyAndCivilStatus,
        Category::ResidenceAndDocuments,
        Category::TrafficAndParking,
        Category::AnimalsAndTaxes,
        Category::WaterAndEnergy,
        Category::CultureAndLeisure,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Category::FamilyAndCivilStatus => {
                ("Familie und Personenstand", "Family and civil status")
            }
            Category::ResidenceAndDocuments => {
                ("Wohnen und Meldewesen", "Residence and registration")
            }
            Category::TrafficAndParking => ("Verkehr und Parken", "Traffic and parking"),
            Category::AnimalsAndTaxes => ("Tiere und Steuern", "Animals and taxes"),
            Category::WaterAndEnergy => ("Wasser und Energie", "Water and energy"),
            Category::CultureAndLeisure => ("Kultur und Freizeit", "Culture and leisure"),
        };
        match lang {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// How a service's fee is summarised in the catalogue (the exact fee comes from the form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "FeeSummaryWire")]
pub enum FeeSummary {
    Free,
    Fixed {
        amount: Cents,
    },
    From {
        amount: Cents,
    },
    PerYear {
        amount: Cents,
    },
    /// The amount is the one on the citizen's letter (a fine, a notice).
    AsNotified,
}

/// How [`FeeSummary`] is read (see `crate::wire`).
#[derive(Deserialize)]
struct FeeSummaryWire {
    kind: FeeSummaryKind,
    amount: Option<Cents>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FeeSummaryKind {
    Free,
    Fixed,
    From,
    PerYear,
    AsNotified,
}

impl TryFrom<FeeSummaryWire> for FeeSummary {
    type Error = String;
    fn try_from(w: FeeSummaryWire) -> Result<Self, String> {
        use crate::wire::need;
        Ok(match w.kind {
            FeeSummaryKind::Free => FeeSummary::Free,
            FeeSummaryKind::Fixed => FeeSummary::Fixed {
                amount: need(w.amount, "amount", "fixed")?,
            },
            FeeSummaryKind::From => FeeSummary::From {
                amount: need(w.amount, "amount", "from")?,
            },
            FeeSummaryKind::PerYear => FeeSummary::PerYear {
                amount: need(w.amount, "amount", "per_year")?,
            },
            FeeSummaryKind::AsNotified => FeeSummary::AsNotified,
        })
    }
}

impl FeeSummary {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (FeeSummary::Free, Lang::De) => "gebührenfrei".into(),
            (FeeSummary::Free, Lang::En) => "free of charge".into(),
            (FeeSummary::Fixed { amount }, l) => amount.format(l),
            (FeeSummary::From { amount }, Lang::De) => format!("ab {}", amount.format_de()),
            (FeeSummary::From { amount }, Lang::En) => format!("from {}", amount.format_en()),
            (FeeSummary::PerYear { amount }, Lang::De) => {
                format!("{} pro Jahr", amount.format_de())
            }
            (FeeSummary::PerYear { amount }, Lang::En) => {
                format!("{} per year", amount.format_en())
            }
            (FeeSummary::AsNotified, Lang::De) => "Betrag laut Ihrem Schreiben".into(),
            (FeeSummary::AsNotified, Lang::En) => "the amount on your letter".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceSummary {
    /// URL-safe id, e.g. `hundeanmeldung`.
    pub id: String,
    pub name: Text,
    pub summary: Text,
    pub category: Category,
    pub fee: FeeSummary,
    /// A page of the portal the entry leads to instead of a form: one of [`LETTER_PAGES`],
    /// for answering or paying a letter the town sent (found from the home page, not only
    /// from the letter's QR code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// More words the search finds the entry by: the words citizens use ("Knöllchen").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// The pages a catalogue entry may lead to instead of a form: the online hearing and paying a
/// notice.
pub const LETTER_PAGES: [&str; 2] = ["/anhoerung", "/zahlen"];

impl ServiceSummary {
    /// Whether the search `query` finds this entry (names, summaries, keywords).
    pub fn matches(&self, query: &str) -> bool {
        let mut hay: Vec<&str> = vec![
            &self.name.de,
            &self.name.en,
            &self.summary.de,
            &self.summary.en,
        ];
        hay.extend(self.keywords.iter().map(String::as_str));
        crate::search::matches(query, &hay)
    }

    /// The entry's letter page, if it is one of [`LETTER_PAGES`].
    pub fn letter_page(&self) -> Option<&str> {
        self.link.as_deref().filter(|l| LETTER_PAGES.contains(l))
    }
}

/// Groups services by category in the fixed category order, keeping each group's order.
pub fn group_by_category<'a>(
    services: &[&'a ServiceSummary],
) -> Vec<(Category, Vec<&'a ServiceSummary>)> {
    Category::ALL
        .iter()
        .filter_map(|c| {
            let group: Vec<_> = services
                .iter()
                .copied()
                .filter(|s| s.category == *c)
                .collect();
            (!group.is_empty()).then_some((*c, group))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(id: &str, c: Category) -> ServiceSummary {
        ServiceSummary {
            id: id.into(),
            name: Text::new(id, id),
            summary: Text::new("", ""),
            category: c,
            fee: FeeSummary::Free,
            link: None,
            keywords: Vec::new(),
        }
    }

    #[test]
    fn letter_entries_are_found_by_their_keywords_and_lead_only_to_letter_pages() {
        let mut s = svc("bescheid-bezahlen", Category::AnimalsAndTaxes);
        s.keywords = vec!["Knöllchen".into(), "Kassenzeichen".into()];
        assert!(s.matches("knoellchen"));
        assert!(s.matches("KASSENZEICHEN"));
        assert!(!s.matches("Hund"));
        s.link = Some("/zahlen".into());
        assert_eq!(s.letter_page(), Some("/zahlen"));
        s.link = Some("https://evil.example".into());
        assert_eq!(s.letter_page(), None);
        assert_eq!(
            FeeSummary::AsNotified.describe(Lang::De),
            "Betrag laut Ihrem Schreiben"
        );
        let json = serde_json::to_string(&FeeSummary::AsNotified).unwrap();
        assert_eq!(json, r#"{"kind":"as_notified"}"#);
        assert_eq!(
            serde_json::from_str::<FeeSummary>(&json).unwrap(),
            FeeSummary::AsNotified
        );
    }

    #[test]
    fn groups_in_category_order_and_skips_empty() {
        let a = svc("a", Category::CultureAndLeisure);
        let b = svc("b", Category::FamilyAndCivilStatus);
        let c = svc("c", Category::CultureAndLeisure);
        let groups = group_by_category(&[&a, &b, &c]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, Category::FamilyAndCivilStatus);
        assert_eq!(
            groups[1]
                .1
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "c"]
        );
    }

    #[test]
    fn fee_descriptions_are_german_formatted() {
        assert_eq!(
            FeeSummary::Fixed { amount: Cents(700) }.describe(Lang::De),
            "7,00\u{a0}€"
        );
        assert_eq!(
            FeeSummary::PerYear {
                amount: Cents(9600)
            }
            .describe(Lang::De),
            "96,00\u{a0}€ pro Jahr"
        );
        assert_eq!(FeeSummary::Free.describe(Lang::En), "free of charge");
    }

    #[test]
    fn fee_summary_json_shape() {
        let json = serde_json::to_string(&FeeSummary::Fixed { amount: Cents(700) }).unwrap();
        assert_eq!(json, r#"{"kind":"fixed","amount":700}"#);
    }
}
