use super::*;
use domain::form::FeeRule;

pub fn definition(today: Date) -> FormDefinition {
    let mut kind = other_names("kind_", "des Kindes", "the child");
    kind.push(
        required(
            "kind_geburtsdatum",
            date(&[DateRule::InPast]),
            "Geburtsdatum des Kindes",
            "Child's date of birth",
        )
        .example(years_ago(today, 2)),
    );

    let mut eltern1 = own_names("eltern1_");
    eltern1.extend([
        required(
            "eltern1_anschrift",
            FieldKind::Address,
            "Anschrift",
            "Address",
        )
        .hint(
            "Die Anschrift, unter der das Kind gemeldet ist.",
            "The address where the child is registered.",
        ),
        email("eltern1_email"),
        phone_optional("eltern1_telefon"),
        required(
            "zweites_elternteil",
            FieldKind::YesNo,
            "Möchten Sie ein zweites Elternteil angeben?",
            "Do you want to add a second parent?",
        )
        .hint(
            "Zum Beispiel, wenn beide Eltern sorgeberechtigt sind.",
            "For example, if both parents have custody.",
        ),
    ]);

    let mut eltern2 = other_names("eltern2_", "des zweiten Elternteils", "the second parent");
    eltern2.extend([
        optional(
            "eltern2_email",
            FieldKind::Email,
            "E-Mail-Adresse (freiwillig)",
            "Email address (optional)",
        ),
        optional(
            "eltern2_telefon",
            FieldKind::Phone,
            "Telefonnummer (freiwillig)",
            "Phone number (optional)",
        ),
    ]);

    let kitas = vec![
        choice_hint(
            "sonnenschein",
            "Kita Sonnenschein",
            "Kita Sonnenschein",
            "Lindenallee 4, Altstadt",
            "Lindenallee 4, old town",
        ),
        choice_hint(
            "regenbogen",
            "Kita Regenbogen",
            "Kita Regenbogen",
            "Bahnhofstraße 27, Bahnhofsviertel",
            "Bahnhofstraße 27, station quarter",
        ),
        choice_hint(
            "schlosszwerge",
            "Kita Schlosszwerge",
            "Kita Schlosszwerge",
            "Am Schlosspark 2, Schlossviertel",
            "Am Schlosspark 2, castle quarter",
        ),
        choice_hint(
            "pusteblume",
            "Ev. Kita Pusteblume",
            "Protestant Kita Pusteblume",
            "Kirchgasse 9, Altstadt",
            "Kirchgasse 9, old town",
        ),
        choice_hint(
            "st-martin",
            "Kath. Kita St. Martin",
            "Catholic Kita St. Martin",
            "Martinsplatz 1, Nordstadt",
            "Martinsplatz 1, north town",
        ),
        choice_hint(
            "waldwichtel",
            "Waldkita Waldwichtel",
            "Forest Kita Waldwichtel",
            "Forsthaus am Stadtwald",
            "Forester's lodge at the town forest",
        ),
        choice_hint(
            "kleine-forscher",
            "Kita Kleine Forscher",
            "Kita Kleine Forscher",
            "Gartenstraße 15, Südstadt",
            "Gartenstraße 15, south town",
        ),
    ];

    FormDefinition {
        id: "kita-anmeldung".into(),
        version: 1,
        title: t("Kita-Anmeldung", "Nursery registration"),
        intro: t(
            "Melden Sie Ihr Kind für einen Betreuungsplatz in einer Musterstädter Kita an – am besten sechs Monate \
             vor dem gewünschten Beginn. Die Anmeldung ist kostenlos.",
            "Register your child for a place at a Musterstadt nursery – ideally six months before the start you want. \
             Registering is free.",
        ),
        next_steps: t(
            "Die Kitas vergeben die Plätze jedes Frühjahr. Sie erhalten spätestens vier Wochen vor dem gewünschten \
             Beginn eine Zusage oder ein Angebot für eine andere Kita.",
            "Nurseries allocate places every spring. At least four weeks before the start you want, you receive an \
             offer for one of your nurseries or for another one.",
        ),
        steps: vec![
            step("kind", "Ihr Kind", "Your child", kind),
            step(
                "betreuung",
                "Betreuungswunsch",
                "Care you need",
                vec![
                    required(
                        "beginn",
                        date(&[DateRule::InFuture, DateRule::WithinDays { days: 365 }]),
                        "Gewünschter Betreuungsbeginn",
                        "Start date you want",
                    )
                    .hint("Frühestens morgen, höchstens ein Jahr im Voraus.", "Tomorrow at the earliest, at most one year ahead."),
                    required(
                        "stunden",
                        one_of(vec![
                            choice("25", "25 Stunden pro Woche", "25 hours a week"),
                            choice("35", "35 Stunden pro Woche", "35 hours a week"),
                            choice("45", "45 Stunden pro Woche", "45 hours a week"),
                        ]),
                        "Betreuungsumfang",
                        "Weekly hours",
                    ),
                ],
            ),
            step(
                "kitas",
                "Wunsch-Kitas",
                "Preferred nurseries",
                vec![required("kitas", FieldKind::ManyOf { options: kitas, max: Some(3) }, "Wunsch-Kitas", "Preferred nurseries")
                    .hint("Wählen Sie bis zu drei Kitas.", "Select up to three nurseries.")],
            ),
            step("eltern", "Ihre Angaben", "Your details", eltern1),
            step("elternteil2", "Zweites Elternteil", "Second parent", eltern2).when(equals("zweites_elternteil", "yes")),
        ],
        fee: FeeRule::Free,
    }
}
