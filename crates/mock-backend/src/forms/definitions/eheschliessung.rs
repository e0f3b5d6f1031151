use super::*;
use domain::form::FeeRule;
use domain::money::Cents;

fn partner(prefix: &str, first: bool, today: Date) -> Vec<Field> {
    let mut fields = if first {
        own_names(prefix)
    } else {
        other_names(prefix, "der Partnerin oder des Partners", "your partner")
    };
    fields.extend([
        optional(
            &format!("{prefix}geburtsname"),
            short_auto(100, "off"),
            "Geburtsname (freiwillig)",
            "Birth name (optional)",
        )
        .hint(
            "Nur wenn er vom heutigen Nachnamen abweicht.",
            "Only if it differs from the current family name.",
        ),
        required(
            &format!("{prefix}geburtsdatum"),
            date(&[DateRule::InPast, DateRule::AgeAtLeast { years: 18 }]),
            "Geburtsdatum",
            "Date of birth",
        )
        .hint("Heiraten können nur Volljährige.", "Only adults can marry.")
        .example(years_ago(today, if first { 34 } else { 36 })),
    ]);
    fields
}

pub fn definition(today: Date) -> FormDefinition {
    FormDefinition {
        id: "eheschliessung".into(),
        version: 1,
        title: t("Terminreservierung Eheschließung", "Wedding appointment reservation"),
        intro: t(
            "Reservieren Sie Ihren Wunschtermin für die Trauung im Standesamt Musterstadt, bis zu sechs Monate im Voraus. \
             Die Eheschließung melden Sie danach gemeinsam persönlich an.",
            "Reserve the date you want for your wedding at the Musterstadt registry office, up to six months ahead. \
             Afterwards you give notice of marriage together in person.",
        ),
        next_steps: t(
            "Der Termin ist für Sie reserviert. Wir melden uns per E-Mail, um einen Termin zur Anmeldung der \
             Eheschließung zu vereinbaren. Bringen Sie dazu Ihre Ausweise und Geburtsurkunden mit.",
            "The date is reserved for you. We will email you to arrange an appointment to give notice of marriage. \
             Bring your identity documents and birth certificates.",
        ),
        steps: vec![
            step(
                "termin",
                "Wunschtermin",
                "Date and time",
                vec![required("termin", FieldKind::AppointmentSlot, "Termin für die Trauung", "Wedding date and time")
                    .hint("Es werden nur freie Termine angezeigt.", "Only free slots are shown.")],
            ),
            step("partner1", "Erste Person", "First person", partner("partner1_", true, today))
                .intro("Ihre eigenen Angaben.", "Your own details."),
            step("partner2", "Zweite Person", "Second person", partner("partner2_", false, today))
                .intro("Die Angaben Ihrer Partnerin oder Ihres Partners.", "Your partner's details."),
            step("kontakt", "Kontakt", "Contact", vec![email("email"), phone_optional("telefon")]),
        ],
        fee: FeeRule::Fixed { amount: Cents(4000), label: t("Terminreservierung Eheschließung", "Wedding appointment reservation") },
    }
}
