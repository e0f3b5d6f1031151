use super::*;
use domain::form::{FeeRule, ItemRate};
use domain::money::Cents;

pub fn definition(today: Date) -> FormDefinition {
    let mut halter = own_names("");
    halter.extend([
        required(
            "geburtsdatum",
            date(&[DateRule::InPast, DateRule::AgeAtLeast { years: 18 }]),
            "Geburtsdatum",
            "Date of birth",
        )
        .hint(
            "Einen Hund anmelden können nur volljährige Personen.",
            "Only adults can register a dog.",
        )
        .example(years_ago(today, 42)),
        required("anschrift", FieldKind::Address, "Anschrift", "Address").hint(
            "Ihre Hauptwohnung in Musterstadt, an der der Hund lebt.",
            "Your main home in Musterstadt, where the dog lives.",
        ),
        email("email"),
        phone_optional("telefon"),
    ]);

    let dog = vec![
        required("name", short(50), "Name des Hundes", "Dog's name"),
        required("rasse", short(100), "Rasse", "Breed").hint(
            "Bei Mischlingen „Mischling“ und, wenn bekannt, die Rassen der Eltern.",
            "For mixed breeds “mixed breed” and, if known, the parents' breeds.",
        ),
        required("gelistet", FieldKind::YesNo, "Gehört der Hund zu einer gelisteten Rasse?", "Is the dog of a listed breed?").hint(
            "Gelistet sind nach dem Landeshundegesetz Pitbull-Terrier, American Staffordshire-Terrier, \
             Staffordshire-Bullterrier, Bullterrier und Kreuzungen mit ihnen. Für sie beträgt die Steuer 600 € im Jahr.",
            "The state dog act lists Pit Bull Terriers, American Staffordshire Terriers, Staffordshire Bull Terriers, \
             Bull Terriers and crosses with them. For them the tax is €600 a year.",
        ),
        required("geburtsdatum", date(&[DateRule::InPast]), "Geburtsdatum des Hundes", "Dog's date of birth")
            .hint("Wenn Sie es nicht genau wissen, schätzen Sie.", "If you do not know it exactly, estimate.")
            .example(years_ago(today, 3)),
        required("chip", FieldKind::Digits { min_len: 15, max_len: 15 }, "Chipnummer (Transpondernummer)", "Microchip number").hint(
            "15 Ziffern, zu finden im Heimtierausweis oder im Impfpass.",
            "15 digits, shown in the pet passport or the vaccination record.",
        ),
        required("seit", date(&[DateRule::InPast]), "Seit wann halten Sie den Hund?", "Since when have you kept the dog?")
            .hint("Zum Beispiel der Tag, an dem er bei Ihnen eingezogen ist.", "For example the day it moved in with you."),
    ];

    FormDefinition {
        id: "hundeanmeldung".into(),
        version: 1,
        title: t("Hundeanmeldung", "Dog registration"),
        intro: t(
            "Wer in Musterstadt einen Hund hält, meldet ihn innerhalb von zwei Wochen zur Hundesteuer an. \
             Sie brauchen die Chipnummer jedes Hundes. Die Anmeldung dauert etwa 10 Minuten.",
            "If you keep a dog in Musterstadt, register it for the dog tax within two weeks. You need each dog's \
             microchip number. Registering takes about 10 minutes.",
        ),
        next_steps: t(
            "Sie erhalten den Steuerbescheid und für jeden Hund eine Steuermarke per Post, meist innerhalb von drei Wochen. \
             Die Steuer wird jedes Jahr zum 1. Juli fällig.",
            "You will receive the tax notice and a tax tag for each dog by post, usually within three weeks. \
             The tax is due every year on 1 July.",
        ),
        steps: vec![
            step("halter", "Angaben zur Halterin oder zum Halter", "About the dog's owner", halter),
            step(
                "hunde",
                "Ihre Hunde",
                "Your dogs",
                vec![required(
                    "hunde",
                    FieldKind::Group { fields: dog, min_items: 1, max_items: 5, item_label: t("Hund", "Dog") },
                    "Hunde",
                    "Dogs",
                )
                .hint("Melden Sie alle Hunde Ihres Haushalts an, höchstens fünf auf einmal.", "Register every dog of your household, up to five at once.")],
            )
            .intro(
                "Die Steuer beträgt im Jahr 96 € für den ersten Hund, 120 € für den zweiten und 150 € für jeden weiteren.",
                "The tax is €96 a year for the first dog, €120 for the second and €150 for each further dog.",
            ),
            step(
                "zahlung",
                "Zahlung",
                "Payment",
                vec![required(
                    "lastschrift",
                    FieldKind::YesNo,
                    "Möchten Sie die Hundesteuer per SEPA-Lastschrift bezahlen?",
                    "Do you want to pay the dog tax by SEPA direct debit?",
                )
                .hint(
                    "Dann buchen wir die Steuer jedes Jahr zum Fälligkeitstag ab. Sonst überweisen Sie sie selbst.",
                    "Then we collect the tax every year on the due date. Otherwise you transfer it yourself.",
                )],
            ),
            step(
                "lastschrift",
                "SEPA-Lastschriftmandat",
                "SEPA direct debit mandate",
                vec![
                    required("kontoinhaber", short_auto(70, "name"), "Kontoinhaberin oder Kontoinhaber", "Account holder"),
                    required("iban", FieldKind::Iban, "IBAN", "IBAN").hint("Zum Beispiel DE89 3704 0044 0532 0130 00.", "For example DE89 3704 0044 0532 0130 00."),
                    required(
                        "mandat",
                        FieldKind::ManyOf {
                            options: vec![choice(
                                "erteilt",
                                "Ich ermächtige die Stadt Musterstadt, die Hundesteuer von meinem Konto mittels Lastschrift einzuziehen.",
                                "I authorise the town of Musterstadt to collect the dog tax from my account by direct debit.",
                            )],
                            max: Some(1),
                        },
                        "Mandat",
                        "Mandate",
                    ),
                ],
            )
            .when(equals("lastschrift", "yes")),
        ],
        fee: FeeRule::PerItem {
            group: "hunde".into(),
            rates: vec![Cents(9600), Cents(12000), Cents(15000)],
            special: Some(ItemRate {
                field: "gelistet".into(),
                value: "yes".into(),
                amount: Cents(60000),
                label: t("Hundesteuer für gelistete Hunde (pro Jahr)", "Dog tax for listed dogs (per year)"),
            }),
            label: t("Hundesteuer (pro Jahr)", "Dog tax (per year)"),
        },
    }
}
