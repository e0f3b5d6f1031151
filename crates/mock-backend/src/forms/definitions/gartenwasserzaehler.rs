use super::*;
use domain::form::FeeRule;

/// Field ids the server's meter rule reads (see `forms::meters`).
pub const METER_FIELD: &str = "zaehlernummer";
pub const READING_FIELD: &str = "stand";

pub fn definition(today: Date) -> FormDefinition {
    // Readings are accepted for this and last year's billing period.
    let first_of_last_year = Date::new(today.year - 1, 1, 1).unwrap_or(today);
    let mut kontakt = own_names("");
    kontakt.extend([
        required(
            "anschrift",
            FieldKind::Address,
            "Anschrift des Grundstücks",
            "Address of the property",
        ),
        email("email"),
    ]);

    FormDefinition {
        id: "gartenwasserzaehler".into(),
        version: 1,
        title: t("Zählerstandsmeldung Gartenwasserzähler", "Garden water meter reading"),
        intro: t(
            "Für Wasser, das im Garten versickert, zahlen Sie keine Abwassergebühr. Melden Sie dafür einmal im Jahr \
             den Stand Ihres Gartenwasserzählers. Die Meldung ist kostenlos.",
            "You pay no sewage charge for water that soaks away in your garden. Report the reading of your garden \
             water meter once a year for this. Reporting is free.",
        ),
        next_steps: t(
            "Wir ziehen die gemeldete Menge bei Ihrem nächsten Abwassergebührenbescheid ab.",
            "We deduct the reported amount in your next sewage charge notice.",
        ),
        steps: vec![
            step(
                "zaehler",
                "Ihr Gartenwasserzähler",
                "Your garden water meter",
                vec![
                    required(METER_FIELD, FieldKind::Digits { min_len: 6, max_len: 10 }, "Zählernummer", "Meter number")
                        .hint("6 bis 10 Ziffern, stehen auf dem Zähler, zum Beispiel 4711001.", "6 to 10 digits, shown on the meter, for example 4711001."),
                    required(READING_FIELD, FieldKind::WholeNumber { min: 0, max: 999_999 }, "Zählerstand in m³", "Reading in m³")
                        .hint("Nur die schwarzen Ziffern vor dem Komma.", "Only the black digits before the decimal point."),
                    required(
                        "ablesedatum",
                        date(&[DateRule::InPast, DateRule::NotBefore { date: first_of_last_year }]),
                        "Datum der Ablesung",
                        "Date of the reading",
                    ),
                    optional("foto", FieldKind::FileUpload, "Foto des Zählers (freiwillig)", "Photo of the meter (optional)")
                        .hint("Hilft uns bei Rückfragen. JPEG, PNG oder PDF, höchstens 10 MB.", "Helps us with questions. JPEG, PNG or PDF, at most 10 MB."),
                ],
            ),
            step("kontakt", "Ihre Angaben", "Your details", kontakt),
        ],
        fee: FeeRule::Free,
    }
}
