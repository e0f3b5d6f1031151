//! Sending through the town's SMTP relay with `lettre` (async on tokio; TLS by rustls).
//! Configured by environment variables (docs/deploy.md); this module knows nothing of the
//! outbox, only how a message goes out.

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How the connection to the relay is protected (`SMTP_TLS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain SMTP (a relay on the same host or in a trusted network; tests).
    None,
    /// STARTTLS, required: the message is never sent in the clear.
    StartTls,
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
}

impl TlsMode {
    pub fn parse(s: &str) -> Option<TlsMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(TlsMode::None),
            "starttls" => Some(TlsMode::StartTls),
            "tls" => Some(TlsMode::Tls),
            _ => None,
        }
    }

    /// The usual port of the mode.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// The relay and the sender address.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// `SMTP_USER` and `SMTP_PASSWORD`, both or neither.
    pub credentials: Option<(String, String)>,
    /// `SMTP_FROM`: the envelope and header sender address.
    pub from: String,
    /// `SMTP_TIMEOUT_SECS`: how long one delivery may take.
    pub timeout_secs: u64,
}

/// The password never appears in a log line.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .field("from", &self.from)
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

pub const DEFAULT_TIMEOUT_SECS: u64 = 20;

impl SmtpConfig {
    /// `Ok(None)` without `SMTP_HOST`; `Err` names the first wrong variable.
    pub fn from_vars(
        var: &dyn Fn(&str) -> Option<String>,
        default_from: &str,
    ) -> Result<Option<SmtpConfig>, String> {
        let Some(host) = var("SMTP_HOST").map(|h| h.trim().to_owned()) else {
            return Ok(None);
        };
        let tls = match var("SMTP_TLS") {
            None => TlsMode::StartTls,
            Some(v) => TlsMode::parse(&v).ok_or_else(|| {
                format!("SMTP_TLS must be `none`, `starttls` or `tls`, got {v:?}")
            })?,
        };
        let port = match var("SMTP_PORT") {
            None => tls.default_port(),
            Some(v) => match v.trim().parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => return Err(format!("SMTP_PORT must be a port number, got {v:?}")),
            },
        };
        let credentials = match (var("SMTP_USER"), var("SMTP_PASSWORD")) {
            (None, None) => None,
            (Some(user), Some(password)) => Some((user, password)),
            _ => return Err("SMTP_USER and SMTP_PASSWORD go together".into()),
        };
        let from = var("SMTP_FROM")
            .map(|f| f.trim().to_owned())
            .unwrap_or_else(|| default_from.to_owned());
        if from.parse::<Address>().is_err() {
            return Err(format!("SMTP_FROM is not an e-mail address: {from:?}"));
        }
        let timeout_secs = match var("SMTP_TIMEOUT_SECS") {
            None => DEFAULT_TIMEOUT_SECS,
            Some(v) => match v.trim().parse::<u64>() {
                Ok(s) if s > 0 => s,
                _ => {
                    return Err(format!(
                        "SMTP_TIMEOUT_SECS must be a positive number, got {v:?}"
                    ))
                }
            },
        };
        Ok(Some(SmtpConfig {
            host,
            port,
            tls,
            credentials,
            from,
            timeout_secs,
        }))
    }
}

/// A configured connection to the relay (one connection per message; no pool to go stale).
pub struct Relay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Relay {
    /// The transport for `config`, sending as `sender_name <from>`.
    pub fn new(config: &SmtpConfig, sender_name: &str) -> Result<Relay, String> {
        type T = AsyncSmtpTransport<Tokio1Executor>;
        let builder = match config.tls {
            TlsMode::None => T::builder_dangerous(&config.host),
            TlsMode::StartTls => T::starttls_relay(&config.host)
                .map_err(|e| format!("cannot set up STARTTLS for SMTP_HOST: {e}"))?,
            TlsMode::Tls => T::relay(&config.host)
                .map_err(|e| format!("cannot set up TLS for SMTP_HOST: {e}"))?,
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(Duration::from_secs(config.timeout_secs)));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let address = config
            .from
            .parse::<Address>()
            .map_err(|_| "SMTP_FROM is not an e-mail address".to_string())?;
        Ok(Relay {
            transport: builder.build(),
            from: Mailbox::new(Some(sender_name.to_owned()), address),
        })
    }

    /// Sends one message as plain text with an HTML alternative. The error says what went
    /// wrong without any of the message's contents or addresses (it is logged).
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        text: &str,
        html: &str,
    ) -> Result<(), String> {
        let message = build(&self.from, to, subject, text, html)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }
}

/// The MIME message: `multipart/alternative` with the plain text first.
pub fn build(
    from: &Mailbox,
    to: &str,
    subject: &str,
    text: &str,
    html: &str,
) -> Result<Message, String> {
    let to = to
        .trim()
        .parse::<Mailbox>()
        .map_err(|_| "the recipient address is not accepted by the mail library".to_string())?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(MultiPart::alternative_plain_html(
            text.to_owned(),
            html.to_owned(),
        ))
        .map_err(|_| "the message could not be built".to_string())
}

/// The kind of failure and the relay's status code, nothing the relay echoed.
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_tls() {
        "TLS error"
    } else if e.is_permanent() {
        "refused permanently"
    } else if e.is_transient() {
        "refused for now"
    } else if e.is_client() {
        "client error"
    } else if e.is_response() {
        "unexpected answer"
    } else {
        "connection failed"
    };
    match e.status() {
        Some(code) => format!("{kind} (status {code})"),
        None => kind.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn no_host_no_smtp() {
        assert_eq!(SmtpConfig::from_vars(&vars(&[]), "a@b.de"), Ok(None));
    }

    #[test]
    fn defaults_and_overrides() {
        let c = SmtpConfig::from_vars(
            &vars(&[("SMTP_HOST", "mail.example")]),
            "rathaus@musterstadt.example",
        )
        .ok()
        .flatten();
        let c = c.as_ref();
        assert_eq!(c.map(|c| (c.port, c.tls)), Some((587, TlsMode::StartTls)));
        assert_eq!(
            c.map(|c| c.from.as_str()),
            Some("rathaus@musterstadt.example")
        );
        let c = SmtpConfig::from_vars(
            &vars(&[
                ("SMTP_HOST", "mail.example"),
                ("SMTP_TLS", "tls"),
                ("SMTP_USER", "portal"),
                ("SMTP_PASSWORD", "geheim"),
                ("SMTP_FROM", "noreply@musterstadt.example"),
            ]),
            "x@y.de",
        )
        .ok()
        .flatten();
        assert_eq!(c.as_ref().map(|c| c.port), Some(465));
        let debug = format!("{c:?}");
        assert!(
            debug.contains("portal") && !debug.contains("geheim"),
            "{debug}"
        );
    }

    #[test]
    fn wrong_settings_are_named() {
        for (pairs, word) in [
            (vec![("SMTP_HOST", "h"), ("SMTP_TLS", "ssl")], "SMTP_TLS"),
            (vec![("SMTP_HOST", "h"), ("SMTP_PORT", "x")], "SMTP_PORT"),
            (vec![("SMTP_HOST", "h"), ("SMTP_USER", "u")], "SMTP_USER"),
            (vec![("SMTP_HOST", "h"), ("SMTP_FROM", "nope")], "SMTP_FROM"),
        ] {
            let e = SmtpConfig::from_vars(&vars(&pairs), "a@b.de").err();
            assert!(e.as_deref().is_some_and(|e| e.contains(word)), "{e:?}");
        }
    }

    #[test]
    fn message_has_both_parts_and_the_town_as_sender() {
        let from = Mailbox::new(
            Some("Stadt Musterstadt".into()),
            "rathaus@musterstadt.example"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
        );
        let m = build(
            &from,
            "eva@example.org",
            "Eingangsbestätigung",
            "Text",
            "<p>HTML</p>",
        )
        .map(|m| String::from_utf8_lossy(&m.formatted()).into_owned())
        .unwrap_or_default();
        assert!(m.contains("multipart/alternative"), "{m}");
        assert!(m.contains("text/plain") && m.contains("text/html"), "{m}");
        assert!(m.contains("Stadt Musterstadt"), "{m}");
        assert!(build(&from, "not an address", "s", "t", "h").is_err());
    }
}
