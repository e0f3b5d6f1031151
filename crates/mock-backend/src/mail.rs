//! Outgoing e-mail to citizens: receipts, status changes, clerk questions, bookings.
//!
//! Every message is written to the outbox (the mock shows it at `/mock-mail`, so demos and tests
//! can read it); when SMTP is configured it is also sent there. The contents come from
//! [`Mail::compose`], so every message has the same shape: plain text plus simple HTML, in the
//! citizen's language, with nothing beyond what the citizen typed and a link into the portal
//! (never a token or code in it that opens data without sign-in).

use crate::sync::lock;
use domain::i18n::Lang;
use std::sync::Mutex;

/// One message as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub lang: Lang,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// A message from paragraphs and an optional link into the portal (label, absolute URL).
    /// The HTML escapes everything it is given.
    pub fn compose(
        to: &str,
        lang: Lang,
        subject: &str,
        paragraphs: &[String],
        link: Option<(&str, &str)>,
    ) -> Mail {
        let mut text = paragraphs.join("\n\n");
        let mut html = String::new();
        for p in paragraphs {
            html.push_str(&format!("<p>{}</p>\n", escape(p)));
        }
        if let Some((label, url)) = link {
            text.push_str(&format!("\n\n{label}: {url}"));
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                escape(url),
                escape(label)
            ));
        }
        Mail {
            to: to.to_owned(),
            lang,
            subject: subject.to_owned(),
            text,
            html,
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every message sent since start, oldest first.
#[derive(Debug, Default)]
pub struct Outbox {
    sent: Mutex<Vec<Mail>>,
}

impl Outbox {
    /// Records the message (and, once SMTP exists, hands it to the relay).
    pub fn send(&self, mail: Mail) {
        lock(&self.sent).push(mail);
    }

    /// A copy of every message sent, oldest first.
    pub fn sent(&self) -> Vec<Mail> {
        lock(&self.sent).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_escapes_html_and_keeps_text_plain() {
        let m = Mail::compose(
            "a@example.org",
            Lang::De,
            "Eingangsbestätigung",
            &["Name: <b>Eva</b> & Co".to_owned()],
            Some(("Zum Antrag", "https://portal.example/konto?x=1&y=2")),
        );
        assert!(m.html.contains("&lt;b&gt;Eva&lt;/b&gt; &amp; Co"));
        assert!(m.text.starts_with("Name: <b>Eva</b> & Co"));
        assert!(m
            .text
            .ends_with("Zum Antrag: https://portal.example/konto?x=1&y=2"));
        assert!(m
            .html
            .contains("href=\"https://portal.example/konto?x=1&amp;y=2\""));
    }

    #[test]
    fn outbox_keeps_order() {
        let o = Outbox::default();
        for to in ["a@x.de", "b@x.de"] {
            o.send(Mail::compose(to, Lang::En, "s", &[], None));
        }
        let sent: Vec<_> = o.sent().into_iter().map(|m| m.to).collect();
        assert_eq!(sent, ["a@x.de", "b@x.de"]);
    }
}
