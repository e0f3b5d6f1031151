use super::*;
use domain::form::FeeRule;
use domain::money::Cents;

pub fn definition(today: Date) -> FormDefinition {
    let certificate = vec![
        required(
            "art",
            one_of(vec![
                choice("geburt", "Geburtsurkunde", "Birth certificate"),
                choice("ehe", "Eheurkunde", "Marriage certificate"),
                choice("lebenspartnerschaft", "Lebenspartnerschaftsurkunde", "Civil partnership certificate"),
                choice("sterbefall", "Sterbeurkunde", "Death certificate"),
            ]),
            "Art der Urkunde",
            "Kind of certificate",
        ),
        required(
            "dokument",
            one_of(vec![
                choice_hint(
                    "urkunde",
                    "Urkunde",
                    "Certificate",
                    "Für die meisten Zwecke, zum Beispiel Behörden, Versicherungen oder den Arbeitgeber.",
                    "For most purposes, for example authorities, insurers or your employer.",
                ),
                choice_hint(
                    "registerausdruck",
                    "Beglaubigter Registerausdruck",
                    "Certified register extract",
                    "Enthält auch spätere Änderungen, zum Beispiel des Namens; wird etwa für eine Eheschließung verlangt.",
                    "Also shows later changes, for example of the name; required for instance for a marriage.",
                ),
            ]),
            "Dokument",
            "Document",
        ),
        required("mehrsprachig", FieldKind::YesNo, "Als mehrsprachige Urkunde?", "As a multilingual certificate?")
            .hint(
                "Für Behörden im Ausland: wird in den Staaten des Wiener CIEC-Übereinkommens ohne Übersetzung anerkannt. Kostet nichts extra.",
                "For authorities abroad: accepted without translation in the states of the Vienna CIEC convention. No extra charge.",
            )
            .when(equals("dokument", "urkunde")),
        required("anzahl", FieldKind::Quantity { min: 1, max: 10 }, "Anzahl der Exemplare", "Number of copies")
            .hint("12 € für das erste Exemplar, 6 € für jedes weitere.", "€12 for the first copy, €6 for each further copy."),
        required("vorname", short_auto(100, "off"), "Vorname(n) laut Eintrag", "Given name(s) in the entry"),
        required("nachname", short_auto(100, "off"), "Nachname laut Eintrag", "Family name in the entry")
            .hint("Bei Eheurkunden der Name einer der beiden Personen.", "For marriage certificates, the name of one of the two people."),
        required(
            "jahr",
            FieldKind::WholeNumber { min: 1900, max: i64::from(today.year) },
            "Jahr des Ereignisses",
            "Year of the event",
        )
        .hint(
            "Jahr der Geburt, der Eheschließung, der Begründung der Lebenspartnerschaft oder des Todes.",
            "Year of the birth, the marriage, the civil partnership or the death.",
        ),
    ];

    let mut antragsteller = own_names("");
    antragsteller.extend([email("email"), phone_optional("telefon")]);

    FormDefinition {
        id: "urkunden".into(),
        version: 1,
        title: t("Urkunden bestellen", "Order civil-status certificates"),
        intro: t(
            "Das Standesamt Musterstadt stellt Urkunden über Geburten, Ehen, Lebenspartnerschaften und Sterbefälle aus, \
             die in Musterstadt beurkundet wurden. Sie können bis zu fünf verschiedene Urkunden auf einmal bestellen.",
            "The Musterstadt registry office issues certificates of births, marriages, civil partnerships and deaths \
             registered in Musterstadt. You can order up to five different certificates at once.",
        ),
        next_steps: t(
            "Wir prüfen Ihre Berechtigung und schicken Ihnen die Urkunden per Post, meist innerhalb einer Woche. \
             Bitte überweisen Sie die Gebühr mit der angegebenen Referenz.",
            "We check your entitlement and send you the certificates by post, usually within a week. Please \
             transfer the fee with the reference given.",
        ),
        steps: vec![
            step(
                "urkunden",
                "Welche Urkunden brauchen Sie?",
                "Which certificates do you need?",
                vec![required(
                    "urkunden",
                    FieldKind::Group { fields: certificate, min_items: 1, max_items: 5, item_label: t("Urkunde", "Certificate") },
                    "Urkunden",
                    "Certificates",
                )],
            ),
            step(
                "berechtigung",
                "Ihre Berechtigung",
                "Your entitlement",
                vec![
                    required(
                        "verhaeltnis",
                        one_of(vec![
                            choice("selbst", "Die Urkunde betrifft mich selbst", "The certificate is about me"),
                            choice("ehegatte", "Ehegattin, Ehegatte, Lebenspartnerin oder Lebenspartner", "Spouse or civil partner"),
                            choice("verwandt", "Verwandt in gerader Linie (Eltern, Kinder, Enkel)", "Direct relative (parents, children, grandchildren)"),
                            choice("bevollmaechtigt", "Ich bin bevollmächtigt", "I have a power of attorney"),
                            choice("anderes", "Anderes rechtliches Interesse", "Other legal interest"),
                        ]),
                        "In welchem Verhältnis stehen Sie zu der Person im Eintrag?",
                        "How are you related to the person in the entry?",
                    )
                    .hint(
                        "Urkunden erhalten nur die Person selbst, Ehegatten, Lebenspartner, Vorfahren und Abkömmlinge (§ 62 PStG), andere nur mit rechtlichem Interesse.",
                        "Certificates are issued only to the person, spouses, civil partners, ancestors and descendants (section 62 PStG), others only with a legal interest.",
                    ),
                    required("vollmacht", FieldKind::FileUpload, "Vollmacht", "Power of attorney")
                        .hint("PDF, JPEG oder PNG, höchstens 10 MB.", "PDF, JPEG or PNG, at most 10 MB.")
                        .when(equals("verhaeltnis", "bevollmaechtigt")),
                    required("interesse", FieldKind::LongText { max_len: 1000 }, "Ihr rechtliches Interesse", "Your legal interest")
                        .hint("Zum Beispiel Erbenermittlung mit Aktenzeichen des Nachlassgerichts.", "For example tracing heirs, with the probate court's case number.")
                        .when(equals("verhaeltnis", "anderes")),
                ],
            ),
            step("antragsteller", "Ihre Angaben", "Your details", antragsteller),
            step(
                "versand",
                "Versand",
                "Delivery",
                vec![required("lieferanschrift", FieldKind::Address, "Lieferanschrift", "Delivery address")
                    .hint("Wir versenden nur innerhalb Deutschlands.", "We only deliver within Germany.")],
            ),
        ],
        fee: FeeRule::PerUnit {
            quantity_field: "anzahl".into(),
            group: Some("urkunden".into()),
            first: Cents(1200),
            further: Cents(600),
            label: t("Urkunden (12 € je Urkunde, 6 € je weiteres Exemplar)", "Certificates (€12 each, €6 per further copy)"),
        },
    }
}
