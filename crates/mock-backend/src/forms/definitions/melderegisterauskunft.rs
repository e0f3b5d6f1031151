use super::*;
use domain::form::FeeRule;
use domain::money::Cents;

pub fn definition(today: Date) -> FormDefinition {
    let mut gesucht = other_names("gesucht_", "der gesuchten Person", "the person sought");
    gesucht.extend([
        optional(
            "gesucht_geburtsdatum",
            date(&[DateRule::InPast]),
            "Geburtsdatum (freiwillig)",
            "Date of birth (optional)",
        )
        .hint(
            "Wenn bekannt – so finden wir die Person eindeutig.",
            "If known – it helps us find the right person.",
        )
        .example(years_ago(today, 56)),
        required(
            "gesucht_anschrift",
            FieldKind::Address,
            "Letzte bekannte Anschrift",
            "Last known address",
        ),
    ]);

    let mut antragsteller = own_names("");
    antragsteller.extend([
        optional(
            "firma",
            short_auto(100, "organization"),
            "Firma oder Kanzlei (freiwillig)",
            "Company or law firm (optional)",
        ),
        required(
            "anschrift",
            FieldKind::Address,
            "Ihre Anschrift",
            "Your address",
        ),
        email("email"),
    ]);

    FormDefinition {
        id: "melderegisterauskunft".into(),
        version: 1,
        title: t("Melderegisterauskunft", "Register information"),
        intro: t(
            "Mit einer einfachen Melderegisterauskunft erfahren Sie Namen, Doktorgrad und die aktuelle Anschrift einer \
             Person, die in Musterstadt gemeldet ist oder war (§ 44 Bundesmeldegesetz).",
            "A simple register information gives you the name, doctoral degree and current address of a person who \
             is or was registered in Musterstadt (section 44 Federal Registration Act).",
        ),
        next_steps: t(
            "Sobald die Gebühr eingegangen ist, schicken wir Ihnen die Auskunft per Post. Ist die Person nicht eindeutig \
             zu finden oder besteht eine Auskunftssperre, erhalten Sie einen Bescheid.",
            "Once the fee has arrived we send you the information by post. If the person cannot be identified or \
             their data is blocked, you receive a notice.",
        ),
        steps: vec![
            step("person", "Gesuchte Person", "Person you are looking for", gesucht),
            step(
                "zweck",
                "Zweck der Auskunft",
                "Purpose of the request",
                vec![
                    required(
                        "zweck",
                        one_of(vec![
                            choice("privat", "Private Gründe, zum Beispiel Kontakt zu früheren Bekannten", "Private reasons, for example contacting old friends"),
                            choice("forderung", "Durchsetzung einer Forderung", "Enforcing a claim"),
                            choice("erbschaft", "Erbschaftsangelegenheit", "Inheritance matter"),
                            choice("gewerblich", "Gewerbliche Zwecke", "Commercial purposes"),
                        ]),
                        "Wofür brauchen Sie die Auskunft?",
                        "What do you need the information for?",
                    ),
                    required(
                        "werbung",
                        FieldKind::YesNo,
                        "Verwenden Sie die Daten für Werbung oder Adresshandel?",
                        "Will you use the data for advertising or address trading?",
                    )
                    .hint(
                        "Dann geben wir nur Auskunft, wenn die Person eingewilligt hat. Sie dürfen die Daten nur für den angegebenen Zweck verwenden.",
                        "Then we only give information if the person has consented. You may use the data only for the purpose given.",
                    )
                    .when(equals("zweck", "gewerblich")),
                ],
            ),
            step("antragsteller", "Ihre Angaben", "Your details", antragsteller),
        ],
        fee: FeeRule::Fixed { amount: Cents(700), label: t("Einfache Melderegisterauskunft", "Simple register information") },
    }
}
