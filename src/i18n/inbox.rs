//! Texts of "Meine Anträge" and the Postfach, German and English: one typed struct, so a
//! missing translation is a compile error (as for [`super::Texts`]). Kept apart so the pages
//! can become a route of their own.

pub struct InboxTexts {
    pub nav_applications: &'static str,
    pub nav_postbox: &'static str,
    pub nav_postbox_unread: &'static str,
    pub applications_title: &'static str,
    pub applications_intro: &'static str,
    pub applications_none: &'static str,
    pub reference: &'static str,
    pub submitted: &'static str,
    pub fee: &'static str,
    pub fee_paid: &'static str,
    pub fee_open: &'static str,
    pub fee_none: &'static str,
    pub status: &'static str,
    pub history: &'static str,
    pub stage_current: &'static str,
    pub stage_pending: &'static str,
    pub to_postbox: &'static str,
    pub claim_title: &'static str,
    pub claim_intro: &'static str,
    pub claim_reference: &'static str,
    pub claim_reference_hint: &'static str,
    pub claim_email: &'static str,
    pub claim_email_hint: &'static str,
    pub claim_button: &'static str,
    pub claim_done: &'static str,
    pub postbox_title: &'static str,
    pub postbox_intro: &'static str,
    pub postbox_none: &'static str,
    pub unread_none: &'static str,
    pub unread_one: &'static str,
    pub unread_many: &'static str,
    pub unread: &'static str,
    pub read: &'static str,
    pub kind_receipt: &'static str,
    pub kind_status: &'static str,
    pub kind_question: &'static str,
    pub kind_question_answered: &'static str,
    pub kind_notice: &'static str,
    pub sent_on: &'static str,
    pub back_to_postbox: &'static str,
    pub mark_unread: &'static str,
    pub mark_read: &'static str,
    pub marked_unread: &'static str,
    pub amount_due: &'static str,
    pub kassenzeichen: &'static str,
    pub due_on: &'static str,
    pub pay_notice: &'static str,
    pub pay_notice_hint: &'static str,
    pub application_link: &'static str,
    pub answer_title: &'static str,
    pub answer_text: &'static str,
    pub answer_text_hint: &'static str,
    pub answer_files: &'static str,
    pub answer_files_hint: &'static str,
    pub answer_remove: &'static str,
    pub answer_send: &'static str,
    pub answer_sent: &'static str,
    pub answer_yours: &'static str,
    pub answer_attachments: &'static str,
    pub answer_busy: &'static str,
    pub sign_in_needed: &'static str,
    pub not_found: &'static str,
}

pub const DE: InboxTexts = InboxTexts {
    nav_applications: "Meine Anträge",
    nav_postbox: "Postfach",
    nav_postbox_unread: "Postfach ({count} ungelesen)",
    applications_title: "Meine Anträge",
    applications_intro: "Hier sehen Sie jeden Antrag, den Sie angemeldet gestellt oder Ihrem Konto hinzugefügt haben, mit seinem Stand.",
    applications_none: "Sie haben noch keine Anträge in Ihrem Konto.",
    reference: "Aktenzeichen",
    submitted: "Gestellt am",
    fee: "Gebühr",
    fee_paid: "{amount} – bezahlt",
    fee_open: "{amount} – noch offen",
    fee_none: "keine",
    status: "Stand",
    history: "Verlauf",
    stage_current: "aktueller Stand",
    stage_pending: "noch nicht erreicht",
    to_postbox: "Nachrichten im Postfach",
    claim_title: "Antrag ohne Anmeldung hinzufügen",
    claim_intro: "Haben Sie einen Antrag ohne Anmeldung gestellt? Mit dem Aktenzeichen und der E-Mail-Adresse, die Sie im Antrag angegeben haben, nehmen Sie ihn in Ihr Konto auf.",
    claim_reference: "Aktenzeichen",
    claim_reference_hint: "8 Zeichen, zum Beispiel K7MP-3XTA. Es steht in der Eingangsbestätigung.",
    claim_email: "E-Mail-Adresse aus dem Antrag",
    claim_email_hint: "Die Adresse, die Sie im Antrag angegeben haben.",
    claim_button: "Antrag hinzufügen",
    claim_done: "Der Antrag {reference} ist jetzt in Ihrem Konto.",
    postbox_title: "Postfach",
    postbox_intro: "Nachrichten der Stadt an Sie: Eingangsbestätigungen, Änderungen am Stand Ihrer Anträge, Rückfragen und Bescheide. Nichts wird hier gelöscht.",
    postbox_none: "Ihr Postfach ist leer.",
    unread_none: "Keine ungelesenen Nachrichten.",
    unread_one: "1 ungelesene Nachricht.",
    unread_many: "{count} ungelesene Nachrichten.",
    unread: "Ungelesen",
    read: "Gelesen",
    kind_receipt: "Eingangsbestätigung",
    kind_status: "Stand geändert",
    kind_question: "Rückfrage – bitte antworten",
    kind_question_answered: "Rückfrage – beantwortet",
    kind_notice: "Bescheid",
    sent_on: "Erhalten am {time}",
    back_to_postbox: "Zurück zum Postfach",
    mark_unread: "Als ungelesen markieren",
    mark_read: "Als gelesen markieren",
    marked_unread: "Die Nachricht ist als ungelesen markiert.",
    amount_due: "Zu zahlen",
    kassenzeichen: "Kassenzeichen",
    due_on: "Fällig am",
    pay_notice: "Bescheid bezahlen",
    pay_notice_hint: "Sie melden sich dort mit dem Kassenzeichen und dem Zugangscode aus dem Brief an.",
    application_link: "Zum Antrag in „Meine Anträge“",
    answer_title: "Ihre Antwort",
    answer_text: "Antwort",
    answer_text_hint: "Höchstens 4000 Zeichen.",
    answer_files: "Anhänge (freiwillig)",
    answer_files_hint: "PDF, JPEG oder PNG, bis zu 5 Dateien, je höchstens 10 MB.",
    answer_remove: "{file} entfernen",
    answer_send: "Antwort senden",
    answer_sent: "Ihre Antwort ist gesendet. Sie erreicht den Antrag {reference}.",
    answer_yours: "Ihre Antwort vom {time}",
    answer_attachments: "Anhänge",
    answer_busy: "Bitte warten Sie, bis die Datei hochgeladen ist.",
    sign_in_needed: "Bitte melden Sie sich mit Ihrem Servicekonto an, um Ihre Anträge und Nachrichten zu sehen.",
    not_found: "Diese Nachricht gibt es in Ihrem Postfach nicht.",
};

pub const EN: InboxTexts = InboxTexts {
    nav_applications: "My applications",
    nav_postbox: "Postbox",
    nav_postbox_unread: "Postbox ({count} unread)",
    applications_title: "My applications",
    applications_intro: "Every application you sent while signed in, or added to your account, with its status.",
    applications_none: "There are no applications in your account yet.",
    reference: "Reference",
    submitted: "Sent on",
    fee: "Fee",
    fee_paid: "{amount} – paid",
    fee_open: "{amount} – still open",
    fee_none: "none",
    status: "Status",
    history: "History",
    stage_current: "current status",
    stage_pending: "not reached yet",
    to_postbox: "Messages in the postbox",
    claim_title: "Add an application sent without signing in",
    claim_intro: "Did you send an application without signing in? With its reference and the email address you gave in it, you add it to your account.",
    claim_reference: "Reference",
    claim_reference_hint: "8 characters, for example K7MP-3XTA. It is on the receipt.",
    claim_email: "Email address given in the application",
    claim_email_hint: "The address you gave in the application.",
    claim_button: "Add application",
    claim_done: "The application {reference} is now in your account.",
    postbox_title: "Postbox",
    postbox_intro: "Messages from the town: receipts, status changes of your applications, questions and notices. Nothing is deleted here.",
    postbox_none: "Your postbox is empty.",
    unread_none: "No unread messages.",
    unread_one: "1 unread message.",
    unread_many: "{count} unread messages.",
    unread: "Unread",
    read: "Read",
    kind_receipt: "Receipt",
    kind_status: "Status changed",
    kind_question: "Question – please answer",
    kind_question_answered: "Question – answered",
    kind_notice: "Notice",
    sent_on: "Received on {time}",
    back_to_postbox: "Back to the postbox",
    mark_unread: "Mark as unread",
    mark_read: "Mark as read",
    marked_unread: "The message is marked as unread.",
    amount_due: "Amount due",
    kassenzeichen: "Kassenzeichen (payment reference)",
    due_on: "Due on",
    pay_notice: "Pay the notice",
    pay_notice_hint: "There you sign in with the Kassenzeichen and the access code from the letter.",
    application_link: "To the application in “My applications”",
    answer_title: "Your answer",
    answer_text: "Answer",
    answer_text_hint: "4000 characters at most.",
    answer_files: "Attachments (optional)",
    answer_files_hint: "PDF, JPEG or PNG, up to 5 files, 10 MB each at most.",
    answer_remove: "Remove {file}",
    answer_send: "Send answer",
    answer_sent: "Your answer has been sent. It reaches the application {reference}.",
    answer_yours: "Your answer of {time}",
    answer_attachments: "Attachments",
    answer_busy: "Please wait until the file is uploaded.",
    sign_in_needed: "Please sign in with your citizen account to see your applications and messages.",
    not_found: "This message does not exist in your postbox.",
};

pub fn texts(lang: domain::i18n::Lang) -> &'static InboxTexts {
    match lang {
        domain::i18n::Lang::De => &DE,
        domain::i18n::Lang::En => &EN,
    }
}

/// "2 ungelesene Nachrichten."
pub fn unread_line(t: &InboxTexts, n: usize) -> String {
    match n {
        0 => t.unread_none.to_owned(),
        1 => t.unread_one.to_owned(),
        n => t.unread_many.replace("{count}", &n.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_line_counts() {
        assert_eq!(unread_line(&DE, 0), "Keine ungelesenen Nachrichten.");
        assert_eq!(unread_line(&DE, 1), "1 ungelesene Nachricht.");
        assert_eq!(unread_line(&EN, 3), "3 unread messages.");
    }

    #[test]
    fn placeholders_agree() {
        let pairs = [
            (DE.nav_postbox_unread, EN.nav_postbox_unread),
            (DE.fee_paid, EN.fee_paid),
            (DE.fee_open, EN.fee_open),
            (DE.claim_done, EN.claim_done),
            (DE.unread_many, EN.unread_many),
            (DE.sent_on, EN.sent_on),
            (DE.answer_remove, EN.answer_remove),
            (DE.answer_sent, EN.answer_sent),
            (DE.answer_yours, EN.answer_yours),
        ];
        let names = |s: &str| {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                .collect::<Vec<_>>()
        };
        for (de, en) in pairs {
            assert_eq!(names(de), names(en), "{de} / {en}");
        }
    }
}
