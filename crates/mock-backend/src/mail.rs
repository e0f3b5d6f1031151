//! Outgoing e-mail to citizens: receipts, status changes, clerk questions, bookings.
//!
//! Every message is written to the outbox (the mock shows it at `/mock-mail`, so demos and tests
//! can read it); when SMTP is configured it is also sent there. The contents come from
//! [`Mail::compose`], so every message has the same shape: plain text plus simple HTML, in the
//! citizen's language, with nothing beyond what the citizen typed and a link into the portal
//! (never a token or code in it that opens data without sign-in).

pub mod page;
pub mod receipts;
pub mod smtp;

use crate::sync::lock;
use domain::i18n::Lang;
use serde::Serialize;
use std::sync::{Arc, Mutex};

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

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Mail {
    /// The HTML part as a whole document (what the SMTP message and the mock's HTML view
    /// carry): the composed paragraphs under the town's name.
    pub fn html_document(&self, sender_name: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{subject}</title>\n</head>\n<body>\n<p><strong>{sender}</strong></p>\n{body}</body>\n</html>\n",
            lang = self.lang.code(),
            subject = escape(&self.subject),
            sender = escape(sender_name),
            body = self.html,
        )
    }
}

/// What became of a message on its way to the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// No SMTP relay is configured: the outbox is all there is.
    OutboxOnly,
    /// Handed to the relay, no answer yet.
    Pending,
    /// The relay accepted it.
    Sent,
    /// The relay refused it or could not be reached (logged without personal data).
    Failed,
}

/// One message in the outbox with its number and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// 1-based, in the order sent.
    pub id: u64,
    /// Unix seconds.
    pub sent_at: i64,
    pub mail: Mail,
    pub delivery: Delivery,
}

/// How mail leaves the backend: environment variables, see docs/deploy.md.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `SMTP_*`: the relay; `None` keeps every message in the outbox only.
    pub smtp: Option<smtp::SmtpConfig>,
    /// `MOCK_MAIL`: whether `/mock-mail` shows the outbox (default: on without SMTP, off with).
    pub page: bool,
    /// `PORTAL_URL`: the portal's public address for links in messages, without a trailing
    /// slash (default `http://127.0.0.1:$PORT`).
    pub portal_url: String,
    /// The display name of the sender: the town (`Stadt Musterstadt`).
    pub sender_name: String,
}

impl MailConfig {
    /// Outbox only, page on, links to `portal_url`.
    pub fn local(portal_url: &str, sender_name: &str) -> MailConfig {
        MailConfig {
            smtp: None,
            page: true,
            portal_url: portal_url.trim_end_matches('/').to_owned(),
            sender_name: sender_name.to_owned(),
        }
    }

    /// From the environment; `default_from` is the sender address when `SMTP_FROM` is unset
    /// (the town's contact address). A wrong setting is reported on stderr and leaves SMTP off.
    pub fn from_env(sender_name: &str, default_from: &str) -> MailConfig {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        MailConfig::from_vars(&var, sender_name, default_from)
    }

    /// [`MailConfig::from_env`] over any lookup (tests).
    pub fn from_vars(
        var: &dyn Fn(&str) -> Option<String>,
        sender_name: &str,
        default_from: &str,
    ) -> MailConfig {
        let port = var("PORT").unwrap_or_else(|| "8080".into());
        let portal = var("PORTAL_URL").unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
        let mut c = MailConfig::local(&portal, sender_name);
        c.smtp = match smtp::SmtpConfig::from_vars(var, default_from) {
            Ok(smtp) => smtp,
            Err(problem) => {
                eprintln!("warning: {problem}; e-mail stays in the outbox only");
                None
            }
        };
        c.page = match var("MOCK_MAIL").as_deref().map(str::trim) {
            Some("on") => true,
            Some("off") => false,
            Some(other) => {
                eprintln!("warning: MOCK_MAIL must be `on` or `off`, got {other:?}");
                c.smtp.is_none()
            }
            None => c.smtp.is_none(),
        };
        c
    }
}

type Messages = Arc<Mutex<Vec<Stored>>>;

/// The outbox keeps this many messages (the oldest go first): memory stays bounded when the
/// backend runs for long with SMTP.
pub const KEPT: usize = 5_000;

/// The relay and the settings messages are sent with.
struct Settings {
    relay: Option<Arc<smtp::Relay>>,
    page: bool,
    portal_url: String,
    sender_name: String,
}

impl Settings {
    fn new(config: MailConfig) -> Settings {
        let relay = config.smtp.as_ref().and_then(|smtp| {
            match smtp::Relay::new(smtp, &config.sender_name) {
                Ok(relay) => Some(Arc::new(relay)),
                Err(problem) => {
                    eprintln!("warning: SMTP: {problem}; e-mail stays in the outbox only");
                    None
                }
            }
        });
        Settings {
            relay,
            page: config.page,
            portal_url: config.portal_url,
            sender_name: config.sender_name,
        }
    }
}

/// Every message sent since start, and the relay that carries them on when SMTP is configured.
pub struct Outbox {
    sent: Messages,
    /// Numbers messages across the whole run (also past [`KEPT`]).
    next_id: std::sync::atomic::AtomicU64,
    settings: Mutex<Settings>,
    /// Bookings whose cancellation was already mailed (cancelling again answers the same).
    cancelled: Mutex<std::collections::HashSet<String>>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("messages", &lock(&self.sent).len())
            .field("smtp", &self.smtp_enabled())
            .field("page", &self.page_enabled())
            .finish()
    }
}

impl Default for Outbox {
    fn default() -> Outbox {
        Outbox::new(MailConfig::local("http://127.0.0.1:8080", "Serviceportal"))
    }
}

impl Outbox {
    pub fn new(config: MailConfig) -> Outbox {
        Outbox {
            sent: Arc::default(),
            next_id: std::sync::atomic::AtomicU64::new(1),
            settings: Mutex::new(Settings::new(config)),
            cancelled: Mutex::default(),
        }
    }

    /// Replaces relay and settings; messages sent so far stay (tests, e.g. with an SMTP sink).
    pub fn configure(&self, config: MailConfig) {
        *lock(&self.settings) = Settings::new(config);
    }

    /// Records the message and, when SMTP is configured, hands it to the relay in the
    /// background: a slow relay never holds up the request that caused the message.
    pub fn send(&self, mail: Mail) {
        let sent_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let (relay, sender_name) = {
            let settings = lock(&self.settings);
            (settings.relay.clone(), settings.sender_name.clone())
        };
        let delivery = if relay.is_some() {
            Delivery::Pending
        } else {
            Delivery::OutboxOnly
        };
        let id = {
            let mut all = lock(&self.sent);
            let id = self
                .next_id
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if all.len() >= KEPT {
                all.remove(0);
            }
            all.push(Stored {
                id,
                sent_at,
                mail: mail.clone(),
                delivery,
            });
            id
        };
        let Some(relay) = relay else {
            return;
        };
        let sent = self.sent.clone();
        let html = mail.html_document(&sender_name);
        let job = async move {
            let outcome = relay.send(&mail.to, &mail.subject, &mail.text, &html).await;
            let delivery = match outcome {
                Ok(()) => Delivery::Sent,
                Err(problem) => {
                    // No address, subject or text: only what went wrong.
                    eprintln!("mail: message {id} not delivered by SMTP: {problem}");
                    Delivery::Failed
                }
            };
            set_delivery(&sent, id, delivery);
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(job);
            }
            Err(_) => {
                eprintln!("mail: message {id} not delivered by SMTP: no async runtime");
                set_delivery(&self.sent, id, Delivery::Failed);
            }
        }
    }

    /// A copy of every message sent (the last [`KEPT`]), oldest first.
    pub fn sent(&self) -> Vec<Mail> {
        lock(&self.sent).iter().map(|s| s.mail.clone()).collect()
    }

    /// Every message with its number, time and delivery, newest first.
    pub fn messages(&self) -> Vec<Stored> {
        lock(&self.sent).iter().rev().cloned().collect()
    }

    /// One message by its number.
    pub fn message(&self, id: u64) -> Option<Stored> {
        lock(&self.sent).iter().find(|s| s.id == id).cloned()
    }

    /// Whether the mock's `/mock-mail` pages show the outbox.
    pub fn page_enabled(&self) -> bool {
        lock(&self.settings).page
    }

    /// Whether messages also go out through SMTP.
    pub fn smtp_enabled(&self) -> bool {
        lock(&self.settings).relay.is_some()
    }

    /// The sender's display name (the town).
    pub fn sender_name(&self) -> String {
        lock(&self.settings).sender_name.clone()
    }

    /// An absolute link into the portal: `path` starts with `/`.
    pub fn portal_link(&self, path: &str) -> String {
        format!("{}{path}", lock(&self.settings).portal_url)
    }

    /// `true` the first time a booking's cancellation is noted, `false` after.
    pub fn first_cancellation(&self, code: &str) -> bool {
        lock(&self.cancelled).insert(code.to_owned())
    }
}

fn set_delivery(sent: &Messages, id: u64, delivery: Delivery) {
    if let Some(s) = lock(sent).iter_mut().find(|s| s.id == id) {
        s.delivery = delivery;
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
