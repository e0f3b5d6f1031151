//! The town's wording of receipts, status changes and questions, German and English — for the
//! Postfach and the e-mail alike. Nothing personal beyond the service and the reference.

use domain::i18n::Text;
use domain::inbox::Status;

/// The question the development endpoint has the clerk ask.
pub fn default_question() -> Text {
    Text::new(
        "Für die Bearbeitung fehlt uns noch ein Nachweis. Bitte schicken Sie uns eine Kopie \
         (Foto oder PDF) und ergänzen Sie kurz, worum es sich handelt.",
        "To process your application we still need a document. Please send us a copy (photo \
         or PDF) with a short note on what it is.",
    )
}

/// Subject and body of a Postfach message about `status`.
pub fn message(status: Status, service: &Text, reference: &str, question: &Text) -> (Text, Text) {
    let (s, r) = (service, reference);
    match status {
        Status::Received => (
            Text {
                de: format!("Eingangsbestätigung: {}", s.de),
                en: format!("Receipt: {}", s.en),
            },
            Text {
                de: format!(
                    "Ihr Antrag „{}“ ist bei uns eingegangen (Aktenzeichen {r}). Wir melden uns, sobald sich der Stand ändert.",
                    s.de
                ),
                en: format!(
                    "We have received your application “{}” (reference {r}). We will write when its status changes.",
                    s.en
                ),
            },
        ),
        Status::InProgress => (
            Text {
                de: format!("In Bearbeitung: {}", s.de),
                en: format!("In progress: {}", s.en),
            },
            Text {
                de: format!("Ihr Antrag „{}“ (Aktenzeichen {r}) wird jetzt bearbeitet.", s.de),
                en: format!(
                    "Your application “{}” (reference {r}) is now being processed.",
                    s.en
                ),
            },
        ),
        Status::Question => (
            Text {
                de: format!("Rückfrage zu Ihrem Antrag: {}", s.de),
                en: format!("A question about your application: {}", s.en),
            },
            Text {
                de: format!("Zu Ihrem Antrag „{}“ (Aktenzeichen {r}): {}", s.de, question.de),
                en: format!(
                    "About your application “{}” (reference {r}): {}",
                    s.en, question.en
                ),
            },
        ),
        Status::Decided => (
            Text {
                de: format!("Entschieden: {}", s.de),
                en: format!("Decided: {}", s.en),
            },
            Text {
                de: format!(
                    "Über Ihren Antrag „{}“ (Aktenzeichen {r}) ist entschieden. Den Bescheid erhalten Sie mit der Post.",
                    s.de
                ),
                en: format!(
                    "A decision has been made on your application “{}” (reference {r}). The notice comes by post.",
                    s.en
                ),
            },
        ),
    }
}

/// The e-mail's extra paragraph: where to read and answer.
pub fn mail_hint(status: Status) -> Text {
    match status {
        Status::Question => Text::new(
            "Bitte antworten Sie im Postfach Ihres Servicekontos im Serviceportal (Anmeldung erforderlich).",
            "Please answer in the postbox of your citizen account on the service portal (sign-in required).",
        ),
        _ => Text::new(
            "Den Stand sehen Sie unter „Meine Anträge“ im Serviceportal (Anmeldung erforderlich).",
            "You can follow the status under “My applications” on the service portal (sign-in required).",
        ),
    }
}

pub fn mail_link_label() -> Text {
    Text::new("Zum Serviceportal", "To the service portal")
}
