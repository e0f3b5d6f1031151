use super::*;
use domain::form::{Condition, FeeRule};

/// The bracket of those who pay the highest fee anyway: they need no proof of income.
const HIGHEST: &str = "ueber_100000";

pub fn definition() -> FormDefinition {
    let brackets = vec![
        choice("bis_25000", "bis 25.000 €", "up to €25,000"),
        choice("bis_37500", "25.001 € bis 37.500 €", "€25,001 to €37,500"),
        choice("bis_50000", "37.501 € bis 50.000 €", "€37,501 to €50,000"),
        choice("bis_62500", "50.001 € bis 62.500 €", "€50,001 to €62,500"),
        choice("bis_75000", "62.501 € bis 75.000 €", "€62,501 to €75,000"),
        choice("bis_87500", "75.001 € bis 87.500 €", "€75,001 to €87,500"),
        choice(
            "bis_100000",
            "87.501 € bis 100.000 €",
            "€87,501 to €100,000",
        ),
        choice_hint(
            HIGHEST,
            "mehr als 100.000 €",
            "more than €100,000",
            "Sie zahlen den Höchstbeitrag und brauchen keinen Nachweis.",
            "You pay the highest fee and need no proof.",
        ),
    ];

    let mut antragsteller = own_names("");
    antragsteller.extend([
        required(
            "kind_name",
            short_auto(200, "off"),
            "Name des Kindes in der Kita",
            "Name of the child at the nursery",
        )
        .hint(
            "Bei mehreren Kindern alle Namen, durch Komma getrennt.",
            "For several children all names, separated by commas.",
        ),
        required("anschrift", FieldKind::Address, "Anschrift", "Address"),
        email("email"),
    ]);

    FormDefinition {
        id: "elternbeitraege".into(),
        version: 1,
        title: t("Einkommensüberprüfung Elternbeiträge", "Parental fee income check"),
        intro: t(
            "Die Elternbeiträge für Kitas richten sich nach dem Jahreseinkommen Ihres Haushalts. Geben Sie Ihre \
             Einkommensstufe an und laden Sie einen Nachweis hoch. Die Überprüfung ist kostenlos.",
            "Nursery fees depend on your household's annual income. State your income bracket and upload proof. \
             The check is free.",
        ),
        next_steps: t(
            "Sie erhalten einen Bescheid über den neuen Elternbeitrag, meist innerhalb von vier Wochen. Er gilt ab \
             dem Monat nach Ihrer Meldung.",
            "You receive a notice of the new parental fee, usually within four weeks. It applies from the month \
             after you report.",
        ),
        steps: vec![
            step(
                "haushalt",
                "Ihr Haushalt",
                "Your household",
                vec![
                    required(
                        "kinder",
                        FieldKind::WholeNumber { min: 1, max: 10 },
                        "Wie viele Kinder unter 18 Jahren leben in Ihrem Haushalt?",
                        "How many children under 18 live in your household?",
                    ),
                    required("alleinerziehend", FieldKind::YesNo, "Sind Sie alleinerziehend?", "Are you a single parent?"),
                ],
            ),
            step(
                "einkommen",
                "Einkommen",
                "Income",
                vec![required("einkommensstufe", one_of(brackets), "Jahreseinkommen des Haushalts", "Annual household income").hint(
                    "Bruttoeinkommen aller Elternteile im Haushalt im vergangenen Kalenderjahr.",
                    "Gross income of all parents in the household in the last calendar year.",
                )],
            ),
            step(
                "nachweis",
                "Einkommensnachweis",
                "Proof of income",
                vec![required("nachweis", FieldKind::FileUpload, "Einkommensnachweis", "Proof of income").hint(
                    "Zum Beispiel der Einkommensteuerbescheid des Vorjahres; PDF, JPEG oder PNG, höchstens 10 MB.",
                    "For example last year's income tax assessment; PDF, JPEG or PNG, at most 10 MB.",
                )],
            )
            .when(Condition::NotEquals { field: "einkommensstufe".into(), value: HIGHEST.into() }),
            step("antragsteller", "Ihre Angaben", "Your details", antragsteller),
        ],
        fee: FeeRule::Free,
    }
}
