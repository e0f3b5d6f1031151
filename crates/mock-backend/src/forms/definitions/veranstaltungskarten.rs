use super::*;
use domain::form::{FeeRule, OptionPrice};
use domain::i18n::Lang;
use domain::money::Cents;

/// The events on sale: value, names, weeks from now, start time, price per ticket.
const EVENTS: [(&str, &str, &str, i64, &str, &str, i64); 4] = [
    (
        "kindertheater",
        "Kindertheater „Der Grüffelo“",
        "Children's theatre “The Gruffalo”",
        2,
        "15:00",
        "3 pm",
        800,
    ),
    (
        "jazz",
        "Jazz im Foyer: Marie Sand Trio",
        "Jazz in the foyer: Marie Sand Trio",
        3,
        "20:00",
        "8 pm",
        1200,
    ),
    (
        "kabarett",
        "Kabarettabend „Amt und Würden“",
        "Cabaret evening “Amt und Würden”",
        5,
        "19:30",
        "7.30 pm",
        1800,
    ),
    (
        "neujahrskonzert",
        "Konzert des Städtischen Orchesters",
        "Concert of the Town Orchestra",
        7,
        "18:00",
        "6 pm",
        2500,
    ),
];

const PARKING: Cents = Cents(500);

pub fn definition(today: Date) -> FormDefinition {
    let options = EVENTS
        .iter()
        .map(|(value, de, en, weeks, time_de, time_en, price)| {
            let day = saturday_on_or_after(today.add_days(7 * weeks));
            let price = Cents(*price);
            choice_hint(
                value,
                de,
                en,
                &format!(
                    "Sa., {}, {time_de} Uhr, Stadthalle – {} pro Karte",
                    day.format(Lang::De),
                    price.format_de()
                ),
                &format!(
                    "Sat {}, {time_en}, town hall – {} per ticket",
                    day.format(Lang::En),
                    price.format_en()
                ),
            )
        })
        .collect();
    let prices = EVENTS
        .iter()
        .map(|(value, .., price)| OptionPrice {
            value: (*value).into(),
            amount: Cents(*price),
        })
        .collect();

    let mut kontakt = own_names("");
    kontakt.push(email("email").hint(
        "Wir schicken Ihnen die Bestellbestätigung. Die Karten liegen an der Abendkasse für Sie bereit.",
        "We send you the order confirmation. Your tickets are waiting at the box office.",
    ));

    FormDefinition {
        id: "veranstaltungskarten".into(),
        version: 1,
        title: t("Vorbestellung Veranstaltungskarten", "Pre-order event tickets"),
        intro: t(
            "Bestellen Sie Karten für Veranstaltungen der Stadthalle vor. Bezahlen Sie per Überweisung; die Karten \
             liegen dann an der Abendkasse auf Ihren Namen bereit.",
            "Pre-order tickets for events at the town hall. Pay by bank transfer; your tickets will then be waiting \
             at the box office in your name.",
        ),
        next_steps: t(
            "Bitte überweisen Sie den Betrag innerhalb von 7 Tagen mit der angegebenen Referenz. Sonst geben wir die \
             Karten wieder frei.",
            "Please transfer the amount within 7 days with the reference given. Otherwise we release the tickets.",
        ),
        steps: vec![
            step(
                "veranstaltung",
                "Veranstaltung und Karten",
                "Event and tickets",
                vec![
                    required("veranstaltung", one_of(options), "Veranstaltung", "Event"),
                    required("anzahl", FieldKind::Quantity { min: 1, max: 6 }, "Anzahl der Karten", "Number of tickets")
                        .hint("Höchstens 6 Karten pro Bestellung.", "At most 6 tickets per order."),
                ],
            ),
            step(
                "parken",
                "Parken",
                "Parking",
                vec![required(
                    "parken",
                    FieldKind::YesNo,
                    "Möchten Sie Parkscheine für das Parkhaus Stadthalle dazubestellen?",
                    "Do you want to add parking tickets for the town hall car park?",
                )
                .hint("5 € pro Fahrzeug, gültig am Veranstaltungstag.", "€5 per vehicle, valid on the day of the event.")],
            ),
            step(
                "parkscheine",
                "Parkscheine",
                "Parking tickets",
                vec![required("parkscheine", FieldKind::Quantity { min: 1, max: 3 }, "Anzahl der Parkscheine", "Number of parking tickets")
                    .hint("Einer pro Fahrzeug, höchstens 3.", "One per vehicle, at most 3.")],
            )
            .when(equals("parken", "yes")),
            step("kontakt", "Ihre Angaben", "Your details", kontakt),
        ],
        fee: FeeRule::Sum {
            rules: vec![
                FeeRule::PerUnitByOption {
                    quantity_field: "anzahl".into(),
                    option_field: "veranstaltung".into(),
                    prices,
                    label: t("Eintrittskarten", "Tickets"),
                },
                FeeRule::PerUnit {
                    quantity_field: "parkscheine".into(),
                    group: None,
                    first: PARKING,
                    further: PARKING,
                    label: t("Parkscheine Parkhaus Stadthalle", "Parking tickets, town hall car park"),
                },
            ],
        },
    }
}
