//! The messages a citizen gets without asking: the receipt of every application sent through
//! a form (to the e-mail address given in it) and the confirmation of every appointment booked,
//! moved or cancelled (if an address was given). Each handler calls one function here.
//!
//! What a message holds: the reference or booking code, the service or visit, dates, fees and
//! what happens next, the town's contact and a link into the portal — never a token, secret or
//! code that opens data without sign-in, and nothing personal the citizen did not type.

use super::Mail;
use crate::state::AppState;
use domain::application::ApplicationReceipt;
use domain::appointment::Booking;
use domain::date::Timestamp;
use domain::form::{Answer, Answers, FieldKind, FormDefinition};
use domain::i18n::Lang;
use domain::money::Cents;
use domain::town::TownProfile;

/// What happened to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingEvent {
    Booked,
    Moved,
    Cancelled,
}

/// After `POST /api/v1/applications` stored a new application (not on a replay): the receipt
/// to the form's first e-mail address, if it has one.
pub fn application_received(
    state: &AppState,
    lang: Lang,
    form: &FormDefinition,
    receipt: &ApplicationReceipt,
) {
    let Some(answers) = state.forms().stored_answers(&receipt.reference) else {
        return;
    };
    let Some(to) = recipient(form, &answers) else {
        return;
    };
    let outbox = state.outbox();
    let link = account_or_home(state);
    let mail = application_mail(
        &to,
        lang,
        &state.town().profile,
        receipt,
        form.next_steps.get(lang),
        &outbox.portal_link(link),
    );
    outbox.send(mail);
}

/// After a booking was made, moved or cancelled (a repeated cancel sends nothing): the
/// confirmation to the address given, if any.
pub fn booking_changed(state: &AppState, lang: Lang, booking: &Booking, event: BookingEvent) {
    let Some(to) = booking
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    else {
        return;
    };
    let outbox = state.outbox();
    if event == BookingEvent::Cancelled && !outbox.first_cancellation(&booking.code) {
        return;
    }
    let mail = booking_mail(
        to,
        lang,
        &state.town().profile,
        booking,
        event,
        &outbox.portal_link("/termin"),
    );
    outbox.send(mail);
}

/// The account's page where the town has the citizen account, else the portal's start.
fn account_or_home(state: &AppState) -> &'static str {
    if state.town().profile.features.account {
        "/konto"
    } else {
        "/"
    }
}

/// The first e-mail address the form asked for (in the order of its steps) that was answered.
pub fn recipient(form: &FormDefinition, answers: &Answers) -> Option<String> {
    form.fields()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Email))
        .find_map(|(_, f)| match answers.get(&f.id) {
            Some(Answer::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_owned()),
            _ => None,
        })
}

fn pick<'a>(lang: Lang, de: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// The town's contact, and that replies go nowhere.
fn contact(lang: Lang, town: &TownProfile) -> String {
    let c = &town.contact;
    match lang {
        Lang::De => format!(
            "Bitte antworten Sie nicht auf diese E-Mail. Fragen beantwortet Ihnen: {}, Telefon {}, E-Mail {}.",
            c.office.get(lang),
            c.phone,
            c.email
        ),
        Lang::En => format!(
            "Please do not reply to this e-mail. For questions: {}, phone {}, e-mail {}.",
            c.office.get(lang),
            c.phone,
            c.email
        ),
    }
}

/// An IBAN in groups of four, as printed on letters: `DE09 1234 5678 0001 2345 67`.
pub fn grouped_iban(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The receipt of an application.
pub fn application_mail(
    to: &str,
    lang: Lang,
    town: &TownProfile,
    receipt: &ApplicationReceipt,
    next_steps: &str,
    link: &str,
) -> Mail {
    let service = receipt.service_name.get(lang);
    let reference = &receipt.reference;
    // German time, as the confirmation page shows it.
    let date = Timestamp::parse(&receipt.submitted_at)
        .map(|t| t.format(lang))
        .unwrap_or_else(|| receipt.submitted_at.clone());
    let subject = match lang {
        Lang::De => format!("Eingangsbestätigung: {service}, Referenz {reference}"),
        Lang::En => format!("Confirmation of receipt: {service}, reference {reference}"),
    };
    let total = receipt.fee.total;
    let fee = if total <= Cents::ZERO {
        pick(lang, "Gebühr: keine.", "Fee: none.").to_owned()
    } else if receipt.paid {
        match lang {
            Lang::De => format!("Gebühr: {} – bezahlt.", total.format(lang)),
            Lang::En => format!("Fee: {} – paid.", total.format(lang)),
        }
    } else {
        let amount = total.format(lang);
        let transfer = receipt
            .payee
            .as_ref()
            .map(|p| {
                let bic = p.bic.as_deref().map(|b| format!(", BIC {b}")).unwrap_or_default();
                match lang {
                    Lang::De => format!(
                        " Sie können im Serviceportal online bezahlen oder überweisen an {}, IBAN {}{bic}, Verwendungszweck „{}“.",
                        p.name,
                        grouped_iban(&p.iban),
                        p.remittance
                    ),
                    Lang::En => format!(
                        " You can pay online in the service portal or by bank transfer to {}, IBAN {}{bic}, reference \"{}\".",
                        p.name,
                        grouped_iban(&p.iban),
                        p.remittance
                    ),
                }
            })
            .unwrap_or_default();
        match lang {
            Lang::De => format!("Gebühr: {amount} – noch nicht bezahlt.{transfer}"),
            Lang::En => format!("Fee: {amount} – not paid yet.{transfer}"),
        }
    };
    let town_name = town.full_name(lang);
    let paragraphs = vec![
        pick(lang, "Guten Tag,", "Hello,").to_owned(),
        match lang {
            Lang::De => format!(
                "{town_name} hat Ihren Antrag „{service}“ am {date} erhalten. Ihre Referenz: {reference}. Bitte geben Sie sie bei Fragen an."
            ),
            Lang::En => format!(
                "{town_name} received your application \"{service}\" on {date}. Your reference: {reference}. Please quote it if you have questions."
            ),
        },
        fee,
        match lang {
            Lang::De => format!("So geht es weiter: {next_steps}"),
            Lang::En => format!("What happens next: {next_steps}"),
        },
        contact(lang, town),
    ];
    let label = pick(lang, "Zum Serviceportal", "To the service portal");
    Mail::compose(to, lang, &subject, &paragraphs, Some((label, link)))
}

/// The confirmation of a booked, moved or cancelled visit.
pub fn booking_mail(
    to: &str,
    lang: Lang,
    town: &TownProfile,
    booking: &Booking,
    event: BookingEvent,
    link: &str,
) -> Mail {
    let when = format!(
        "{}, {}–{}",
        booking.date.format(lang),
        booking.time,
        domain::date::format_time(&booking.end, lang)
    );
    let place = booking.location_name.get(lang);
    let subject = match (event, lang) {
        (BookingEvent::Booked, Lang::De) => format!("Terminbestätigung: {when}"),
        (BookingEvent::Booked, Lang::En) => format!("Appointment confirmed: {when}"),
        (BookingEvent::Moved, Lang::De) => format!("Termin verschoben: {when}"),
        (BookingEvent::Moved, Lang::En) => format!("Appointment moved: {when}"),
        (BookingEvent::Cancelled, Lang::De) => format!("Termin abgesagt: {when}"),
        (BookingEvent::Cancelled, Lang::En) => format!("Appointment cancelled: {when}"),
    };
    let what = match (event, lang) {
        (BookingEvent::Booked, Lang::De) => format!("Ihr Termin im {place} ist gebucht."),
        (BookingEvent::Booked, Lang::En) => format!("Your appointment at the {place} is booked."),
        (BookingEvent::Moved, Lang::De) => format!("Ihr Termin im {place} ist verschoben. Der neue Termin gilt, der alte ist frei."),
        (BookingEvent::Moved, Lang::En) => format!("Your appointment at the {place} has been moved. The new time applies; the old one is free again."),
        (BookingEvent::Cancelled, Lang::De) => format!("Ihr Termin im {place} ist abgesagt."),
        (BookingEvent::Cancelled, Lang::En) => format!("Your appointment at the {place} has been cancelled."),
    };
    let greeting = match lang {
        Lang::De => format!("Guten Tag {},", booking.name.trim()),
        Lang::En => format!("Hello {},", booking.name.trim()),
    };
    let concerns = booking
        .concerns
        .iter()
        .map(|c| format!("{} × {}", c.count, c.name.get(lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut paragraphs = vec![
        greeting,
        what,
        match lang {
            Lang::De => format!("Wann: {when}"),
            Lang::En => format!("When: {when}"),
        },
        match lang {
            Lang::De => format!("Wo: {place}, {}", booking.address),
            Lang::En => format!("Where: {place}, {}", booking.address),
        },
        match lang {
            Lang::De => format!("Anliegen: {concerns}"),
            Lang::En => format!("Concerns: {concerns}"),
        },
        match lang {
            Lang::De => format!("Buchungscode: {}", booking.code),
            Lang::En => format!("Booking code: {}", booking.code),
        },
    ];
    if event != BookingEvent::Cancelled {
        let mut bring: Vec<&str> = Vec::new();
        for c in &booking.concerns {
            for b in &c.bring {
                let b = b.get(lang);
                if !bring.contains(&b) {
                    bring.push(b);
                }
            }
        }
        if !bring.is_empty() {
            paragraphs.push(match lang {
                Lang::De => format!("Bitte mitbringen: {}", bring.join("; ")),
                Lang::En => format!("Please bring: {}", bring.join("; ")),
            });
        }
        if booking.fee_total > Cents::ZERO {
            paragraphs.push(match lang {
                Lang::De => format!(
                    "Gebühren: {} – {}",
                    booking.fee_total.format(lang),
                    booking.payment_at_counter.get(lang)
                ),
                Lang::En => format!(
                    "Fees: {} – {}",
                    booking.fee_total.format(lang),
                    booking.payment_at_counter.get(lang)
                ),
            });
        }
        paragraphs.push(
            pick(
                lang,
                "Verschieben oder absagen können Sie den Termin über den Link auf Ihrer Bestätigungsseite im Serviceportal (aus Sicherheitsgründen steht er nicht in dieser E-Mail) oder telefonisch.",
                "To move or cancel the appointment, use the link on your confirmation page in the service portal (for your security it is not in this e-mail) or call us.",
            )
            .to_owned(),
        );
    }
    paragraphs.push(contact(lang, town));
    let label = pick(
        lang,
        "Termine im Serviceportal",
        "Appointments in the service portal",
    );
    Mail::compose(to, lang, &subject, &paragraphs, Some((label, link)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::application::Payee;
    use domain::form::FeeBreakdown;
    use domain::i18n::Text;

    fn receipt(total: i64, paid: bool) -> ApplicationReceipt {
        ApplicationReceipt {
            reference: "K7MP3XTA".into(),
            service_id: "urkunden".into(),
            service_name: Text::new("Urkunden <bestellen> & mehr", "Order certificates"),
            submitted_at: "2026-12-01T09:30:00Z".into(),
            fee: FeeBreakdown {
                lines: Vec::new(),
                total: Cents(total),
            },
            payee: (total > 0).then(|| Payee {
                name: "Stadt Musterstadt".into(),
                iban: "DE09 1234 5678 0001 2345 67".into(),
                bic: Some("MUSTDEM1XXX".into()),
                remittance: "Antrag K7MP3XTA".into(),
            }),
            paid,
        }
    }

    fn town() -> TownProfile {
        crate::town::Town::demo().profile
    }

    #[test]
    fn receipt_in_german_with_open_fee_and_bank_details() {
        let m = application_mail(
            "eva@example.org",
            Lang::De,
            &town(),
            &receipt(1200, false),
            "Wir schicken die Urkunden per Post.",
            "https://portal.example/konto",
        );
        assert_eq!(
            m.subject,
            "Eingangsbestätigung: Urkunden <bestellen> & mehr, Referenz K7MP3XTA"
        );
        assert!(m
            .text
            .contains("am 01.12.2026, 10:30 Uhr erhalten. Ihre Referenz: K7MP3XTA."));
        assert!(m.text.contains("Gebühr: 12,00"));
        assert!(m.text.contains("noch nicht bezahlt"));
        assert!(m.text.contains("Verwendungszweck „Antrag K7MP3XTA“"));
        assert!(m
            .text
            .contains("So geht es weiter: Wir schicken die Urkunden per Post."));
        assert!(m
            .text
            .contains("Bitte antworten Sie nicht auf diese E-Mail."));
        assert!(m
            .text
            .ends_with("Zum Serviceportal: https://portal.example/konto"));
        // The service name is text in the HTML part, never markup.
        assert!(
            m.html.contains("„Urkunden &lt;bestellen&gt; &amp; mehr“"),
            "{}",
            m.html
        );
        assert!(!m.html.contains("<bestellen>"));
    }

    #[test]
    fn receipt_in_english_paid_or_free() {
        let paid = application_mail(
            "a@b.de",
            Lang::En,
            &town(),
            &receipt(1200, true),
            "Next.",
            "/",
        );
        assert!(paid
            .subject
            .starts_with("Confirmation of receipt: Order certificates"));
        assert!(paid.text.contains("on 01/12/2026, 10:30."), "{}", paid.text);
        assert!(paid.text.contains("– paid."), "{}", paid.text);
        assert!(!paid.text.contains("IBAN"));
        let free = application_mail(
            "a@b.de",
            Lang::En,
            &town(),
            &receipt(0, false),
            "Next.",
            "/",
        );
        assert!(free.text.contains("Fee: none."));
        assert!(free.text.contains("What happens next: Next."));
    }

    #[test]
    fn ibans_are_grouped_as_on_letters() {
        assert_eq!(
            grouped_iban("DE09123456780001234567"),
            "DE09 1234 5678 0001 2345 67"
        );
        assert_eq!(
            grouped_iban("DE09 1234 5678 0001 2345 67"),
            "DE09 1234 5678 0001 2345 67"
        );
    }

    #[test]
    fn the_first_answered_address_in_step_order_gets_it() {
        let form = crate::town::Town::demo()
            .services
            .definition(
                "kita-anmeldung",
                domain::date::Date::from_unix_seconds(1_795_219_200),
            )
            .expect("kita form");
        let mut answers = Answers::new();
        assert_eq!(recipient(&form, &answers), None);
        answers.insert(
            "eltern2_email".into(),
            Answer::Text("zwei@example.org".into()),
        );
        assert_eq!(
            recipient(&form, &answers).as_deref(),
            Some("zwei@example.org")
        );
        answers.insert(
            "eltern1_email".into(),
            Answer::Text(" eins@example.org ".into()),
        );
        assert_eq!(
            recipient(&form, &answers).as_deref(),
            Some("eins@example.org")
        );
    }
}
