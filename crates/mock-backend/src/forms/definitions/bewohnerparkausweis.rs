use super::*;
use domain::form::FeeRule;
use domain::money::Cents;

pub fn definition() -> FormDefinition {
    let mut antragsteller = own_names("");
    antragsteller.extend([email("email"), phone_optional("telefon")]);

    FormDefinition {
        id: "bewohnerparkausweis".into(),
        version: 1,
        title: t("Bewohnerparkausweis", "Resident parking permit"),
        intro: t(
            "Mit dem Bewohnerparkausweis parken Sie in Ihrer Bewohnerparkzone ohne Parkschein. Sie brauchen das \
             Kennzeichen und die Zulassungsbescheinigung Teil I (Fahrzeugschein) als Foto oder PDF.",
            "With a resident parking permit you park in your residents' zone without a ticket. You need the \
             registration number and the vehicle registration certificate part I as a photo or PDF.",
        ),
        next_steps: t(
            "Wir prüfen Ihren Antrag und schicken Ihnen den Parkausweis per Post, meist innerhalb einer Woche. \
             Er gilt ein Jahr.",
            "We check your application and send you the permit by post, usually within a week. It is valid for one year.",
        ),
        steps: vec![
            step("antragsteller", "Ihre Angaben", "Your details", antragsteller),
            step(
                "wohnung",
                "Ihre Wohnung in der Parkzone",
                "Your home in the parking zone",
                vec![
                    required(
                        "zone",
                        one_of(vec![
                            choice_hint("A", "Zone A – Altstadt", "Zone A – Old town", "Rund um Marktplatz und Kirchgasse", "Around the market square and Kirchgasse"),
                            choice_hint("B", "Zone B – Bahnhofsviertel", "Zone B – Station quarter", "Zwischen Bahnhof und Ringstraße", "Between the station and Ringstraße"),
                            choice_hint("C", "Zone C – Schlossviertel", "Zone C – Castle quarter", "Rund um Schlosspark und Gartenstraße", "Around the castle park and Gartenstraße"),
                        ]),
                        "Bewohnerparkzone",
                        "Residents' parking zone",
                    )
                    .hint("Die Zone steht auf den Schildern in Ihrer Straße.", "The zone is shown on the signs in your street."),
                    required("anschrift", FieldKind::Address, "Anschrift", "Address").hint(
                        "Sie müssen unter dieser Anschrift mit Hauptwohnung gemeldet sein.",
                        "You must be registered at this address as your main home.",
                    ),
                ],
            ),
            step(
                "fahrzeug",
                "Ihr Fahrzeug",
                "Your vehicle",
                vec![
                    required("kennzeichen", FieldKind::VehicleRegistration, "Kennzeichen", "Registration number")
                        .hint("Zum Beispiel MU-AB 123.", "For example MU-AB 123."),
                    required("fahrzeughalter", FieldKind::YesNo, "Ist das Fahrzeug auf Sie zugelassen?", "Is the vehicle registered in your name?")
                        .hint(
                            "Bei Firmen-, Leasing- oder Mietwagen brauchen wir einen Nachweis, dass Sie es dauerhaft nutzen.",
                            "For company, leased or hired cars we need proof that you use it permanently.",
                        ),
                ],
            ),
            step(
                "nachweise",
                "Nachweise",
                "Documents",
                vec![
                    required("zulassung", FieldKind::FileUpload, "Zulassungsbescheinigung Teil I", "Vehicle registration certificate part I").hint(
                        "Vorder- und Rückseite als PDF, JPEG oder PNG, höchstens 10 MB.",
                        "Front and back as PDF, JPEG or PNG, at most 10 MB.",
                    ),
                    required("nutzungsnachweis", FieldKind::FileUpload, "Nachweis über die dauerhafte Nutzung", "Proof of permanent use")
                        .hint(
                            "Zum Beispiel eine Bestätigung des Arbeitgebers oder der Leasingvertrag; PDF, JPEG oder PNG, höchstens 10 MB.",
                            "For example a confirmation from your employer or the lease contract; PDF, JPEG or PNG, at most 10 MB.",
                        )
                        .when(equals("fahrzeughalter", "no")),
                ],
            ),
        ],
        fee: FeeRule::Fixed { amount: Cents(3000), label: t("Bewohnerparkausweis für ein Jahr", "Resident parking permit for one year") },
    }
}
