//! E-mail to citizens: the receipt of an application and the confirmations of a booking (in the
//! citizen's language, nothing that opens data without sign-in, escaped HTML), the outbox and
//! its mock pages `/mock-mail` (HTML and JSON, off when switched off), and delivery through
//! SMTP to a sink started inside the test.

mod common;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use common::{get, json_request, send, state, Reply};
use mock_backend::mail::smtp::{SmtpConfig, TlsMode};
use mock_backend::mail::{Delivery, MailConfig};
use mock_backend::AppState;
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

fn address(street: &str, number: &str) -> Value {
    json!({ "street": street, "house_number": number, "postal_code": "12345", "town": "Musterstadt" })
}

/// A valid Melderegisterauskunft (7 €) from someone who gave `email`.
fn application(email: &str) -> Value {
    json!({
        "service_id": "melderegisterauskunft",
        "form_version": 1,
        "answers": {
            "gesucht_vorname": "Klaus", "gesucht_nachname": "Weber", "gesucht_geburtsdatum": "1970-02-28",
            "gesucht_anschrift": address("Ringstraße", "7"),
            "zweck": "privat",
            "vorname": "Sabine", "nachname": "Hoffmann",
            "anschrift": address("Hauptstraße", "1"), "email": email
        }
    })
}

async fn submit(s: &AppState, lang: &str, key: &str, body: &Value) -> Reply {
    let version =
        get(s, "/api/v1/services/melderegisterauskunft").await.json["form"]["version"].clone();
    let mut body = body.clone();
    body["form_version"] = version;
    send(
        s,
        json_request(Method::POST, "/api/v1/applications", &body, lang, Some(key)),
    )
    .await
}

#[tokio::test]
async fn an_anonymous_application_gets_a_receipt_in_its_language_and_only_once() {
    let s = state();
    let r = submit(
        &s,
        "de-DE,de;q=0.9",
        "k-de",
        &application("sabine@example.org"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let reference = r.json["reference"].as_str().expect("reference").to_owned();
    // A replay of the same request sends nothing more.
    let again = submit(&s, "de-DE", "k-de", &application("sabine@example.org")).await;
    assert_eq!(again.status, StatusCode::OK);
    let sent = s.outbox().sent();
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    assert_eq!(m.to, "sabine@example.org");
    assert_eq!(
        m.subject,
        format!("Eingangsbestätigung: Melderegisterauskunft, Referenz {reference}")
    );
    for part in [&m.text, &m.html] {
        assert!(part.contains(&reference), "{part}");
        assert!(
            part.contains("7,00\u{a0}€") || part.contains("7,00 €"),
            "{part}"
        );
        assert!(part.contains("noch nicht bezahlt"), "{part}");
        assert!(
            part.contains("DE09 1234 5678 0001 2345 67") || part.contains("DE09123456780001234567"),
            "{part}"
        );
        assert!(part.contains("So geht es weiter:"), "{part}");
        // Nothing else the citizen typed, and no key that opens anything.
        for private in [
            "Klaus",
            "Weber",
            "Ringstraße",
            "Hoffmann",
            "Hauptstraße",
            "k-de",
        ] {
            assert!(!part.contains(private), "{private} in {part}");
        }
    }
    assert!(
        m.text
            .ends_with("Zum Serviceportal: http://127.0.0.1:8080/konto"),
        "{}",
        m.text
    );
    let link_query = m.text.rsplit(": ").next().unwrap_or("");
    assert!(!link_query.contains('?') && !link_query.contains('#'));

    // English when the app speaks English.
    let r = submit(&s, "en", "k-en", &application("sam@example.org")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let en = s.outbox().sent().pop().expect("a second message");
    assert_eq!(en.to, "sam@example.org");
    assert!(
        en.subject.starts_with("Confirmation of receipt: "),
        "{}",
        en.subject
    );
    assert!(en.text.contains("not paid yet") && en.text.contains("What happens next:"));
    assert!(en.html.starts_with("<p>Hello,</p>"), "{}", en.html);
}

#[tokio::test]
async fn a_refused_application_sends_nothing() {
    let s = state();
    let mut body = application("sabine@example.org");
    body["answers"]["vorname"] = json!("");
    let r = submit(&s, "de", "k-bad", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.outbox().sent().is_empty());
}

// ---------------------------------------------------------------- bookings

async fn first_free(s: &AppState) -> (String, Vec<String>) {
    let days = get(
        s,
        "/api/v1/appointments/days?location=nord&concerns=personalausweis:1",
    )
    .await;
    let date = days.json["days"][0]["date"]
        .as_str()
        .expect("a day")
        .to_owned();
    let times = get(
        s,
        &format!("/api/v1/appointments/times?location=nord&concerns=personalausweis:1&date={date}"),
    )
    .await;
    let times = serde_json::from_value(times.json["times"].clone()).expect("times");
    (date, times)
}

fn with_secret(method: Method, code: &str, secret: &str, body: Option<&Value>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(format!("/api/v1/appointments/bookings/{code}"))
        .header("X-Booking-Secret", secret)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "de")
        .body(body.map_or(Body::empty(), |v| Body::from(v.to_string())))
        .expect("request")
}

#[tokio::test]
async fn a_booking_is_confirmed_moved_and_cancelled_by_mail_without_its_secret() {
    let s = state();
    let (date, times) = first_free(&s).await;
    let body = json!({
        "location": "nord", "concerns": [{"id": "personalausweis", "count": 1}],
        "date": date, "time": times[0],
        "name": "Erika <b>Mustermann</b>", "email": "erika@example.org"
    });
    let r = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/appointments/bookings",
            &body,
            "de",
            Some("b1"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let code = r.json["booking"]["code"].as_str().expect("code").to_owned();
    let secret = r.json["secret"].as_str().expect("secret").to_owned();
    let replay = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/appointments/bookings",
            &body,
            "de",
            Some("b1"),
        ),
    )
    .await;
    assert_eq!(replay.status, StatusCode::OK);

    let moved = send(
        &s,
        with_secret(
            Method::PUT,
            &code,
            &secret,
            Some(&json!({"date": date, "time": times[1]})),
        ),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    for _ in 0..2 {
        let r = send(&s, with_secret(Method::DELETE, &code, &secret, None)).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let sent = s.outbox().sent();
    let subjects: Vec<&str> = sent.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(sent.len(), 3, "{subjects:?}");
    assert!(
        subjects[0].starts_with("Terminbestätigung: "),
        "{subjects:?}"
    );
    assert!(
        subjects[1].starts_with("Termin verschoben: "),
        "{subjects:?}"
    );
    assert!(subjects[2].starts_with("Termin abgesagt: "), "{subjects:?}");
    for m in &sent {
        assert_eq!(m.to, "erika@example.org");
        assert!(m.text.contains(&code), "{}", m.text);
        assert!(!m.text.contains(&secret) && !m.html.contains(&secret));
        assert!(!m.text.contains("#code=") && !m.text.contains("key="));
        // What the citizen typed is text, never markup.
        assert!(
            m.html.contains("Erika &lt;b&gt;Mustermann&lt;/b&gt;"),
            "{}",
            m.html
        );
        assert!(!m.html.contains("<b>"));
        assert!(m
            .text
            .ends_with("Termine im Serviceportal: http://127.0.0.1:8080/termin"));
    }
    assert!(
        sent[0].text.contains(&format!("{}\u{2013}", times[0])),
        "{}",
        sent[0].text
    );
    assert!(
        sent[1].text.contains(&format!("{}\u{2013}", times[1])),
        "{}",
        sent[1].text
    );
    assert!(sent[0].text.contains("Bitte mitbringen:"));
    assert!(!sent[2].text.contains("Bitte mitbringen:"));
}

#[tokio::test]
async fn a_booking_with_a_phone_number_only_sends_nothing() {
    let s = state();
    let (date, times) = first_free(&s).await;
    let body = json!({
        "location": "nord", "concerns": [{"id": "personalausweis", "count": 1}],
        "date": date, "time": times[0], "name": "Erika Mustermann", "phone": "0123 456789"
    });
    let r = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/appointments/bookings",
            &body,
            "en",
            Some("b2"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(s.outbox().sent().is_empty());
}

// ---------------------------------------------------------------- the mock pages

#[tokio::test]
async fn the_outbox_page_lists_newest_first_and_shows_each_part_escaped() {
    let s = state();
    let empty = get(&s, "/mock-mail").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.text.contains("Noch keine Nachrichten."));
    s.outbox().send(mock_backend::mail::Mail::compose(
        "first@example.org",
        domain::i18n::Lang::De,
        "Erste",
        &["Eins".into()],
        None,
    ));
    s.outbox().send(mock_backend::mail::Mail::compose(
        "second@example.org",
        domain::i18n::Lang::En,
        "Second <script>alert(1)</script>",
        &["<img src=x onerror=alert(1)>".into()],
        Some(("Portal", "http://127.0.0.1:8080/")),
    ));
    let list = get(&s, "/mock-mail").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.ctype().starts_with("text/html"));
    let csp = list.header(header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(list.header(header::CACHE_CONTROL), "no-store");
    assert!(list.text.contains("<h1>Postausgang</h1>"));
    let second = list.text.find("second@example.org").expect("second listed");
    let first = list.text.find("first@example.org").expect("first listed");
    assert!(second < first, "newest first");
    assert!(list.text.contains("Second &lt;script&gt;"));
    assert!(!list.text.contains("<script>alert"));
    assert!(list.text.contains(r#"<a href="/mock-mail/2">"#));

    let one = get(&s, "/mock-mail/2").await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(
        one.text.contains(r#"<h1 lang="en">Second &lt;script&gt;"#),
        "{}",
        one.text
    );
    assert!(one.text.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!one.text.contains("<img"));
    assert!(one.text.contains("Stadt Musterstadt"));
    assert!(one.text.contains("nur im Postausgang"));

    let part = get(&s, "/mock-mail/2/html").await;
    assert_eq!(part.status, StatusCode::OK);
    assert!(part
        .header(header::CONTENT_SECURITY_POLICY)
        .starts_with("sandbox;"));
    assert!(part.text.contains("<html lang=\"en\">"));
    assert!(part.text.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(part
        .text
        .contains(r#"<a href="http://127.0.0.1:8080/">Portal</a>"#));

    for missing in ["/mock-mail/3", "/mock-mail/x", "/mock-mail/0/html"] {
        assert_eq!(
            get(&s, missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }

    let j = get(&s, "/mock-mail/messages.json").await;
    assert_eq!(j.status, StatusCode::OK);
    assert!(j.ctype().starts_with("application/json"));
    let all = j.json.as_array().expect("a list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["id"], 2);
    assert_eq!(all[0]["to"], "second@example.org");
    assert_eq!(all[0]["lang"], "en");
    assert_eq!(all[0]["delivery"], "outbox_only");
    assert!(all[0]["sent_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(all[1]["subject"], "Erste");
    assert_eq!(all[1]["text"], "Eins");
    assert_eq!(all[1]["html"], "<p>Eins</p>\n");
}

#[tokio::test]
async fn the_outbox_pages_are_off_when_switched_off() {
    let s = state();
    let mut config = MailConfig::local("https://portal.example", "Stadt Musterstadt");
    config.page = false;
    s.outbox().configure(config);
    for path in [
        "/mock-mail",
        "/mock-mail/messages.json",
        "/mock-mail/1",
        "/mock-mail/style.css",
    ] {
        let r = get(&s, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!r.text.contains("Postausgang"), "{path}");
    }
}

#[test]
fn configuration_from_the_environment() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    let plain = MailConfig::from_vars(&vars(&[("PORT", "9000")]), "Stadt Musterstadt", "a@b.de");
    assert!(plain.smtp.is_none() && plain.page);
    assert_eq!(plain.portal_url, "http://127.0.0.1:9000");
    let real = MailConfig::from_vars(
        &vars(&[
            ("SMTP_HOST", "mail.example"),
            ("PORTAL_URL", "https://service.musterstadt.example/"),
        ]),
        "Stadt Musterstadt",
        "rathaus@musterstadt.example",
    );
    assert!(
        real.smtp.is_some() && !real.page,
        "SMTP means a real deployment: no outbox page"
    );
    assert_eq!(real.portal_url, "https://service.musterstadt.example");
    let forced = MailConfig::from_vars(
        &vars(&[("SMTP_HOST", "mail.example"), ("MOCK_MAIL", "on")]),
        "Stadt Musterstadt",
        "rathaus@musterstadt.example",
    );
    assert!(forced.page);
    let off = MailConfig::from_vars(&vars(&[("MOCK_MAIL", "off")]), "S", "a@b.de");
    assert!(!off.page);
    let wrong = MailConfig::from_vars(
        &vars(&[("SMTP_HOST", "h"), ("SMTP_TLS", "ssl")]),
        "S",
        "a@b.de",
    );
    assert!(wrong.smtp.is_none(), "a wrong setting leaves SMTP off");
}

// ---------------------------------------------------------------- SMTP

/// What the sink received: the envelope and the message as sent after DATA.
#[derive(Debug)]
struct Received {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: String,
}

/// A minimal SMTP server on 127.0.0.1 (no TLS, no auth) that accepts one message per
/// connection and hands it over.
async fn smtp_sink() -> (u16, tokio::sync::mpsc::UnboundedReceiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read);
                let _ = write.write_all(b"220 sink ESMTP test\r\n").await;
                let mut got = Received {
                    mail_from: String::new(),
                    rcpt_to: Vec::new(),
                    data: String::new(),
                };
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
                    } else if upper.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if upper.starts_with("MAIL FROM:") {
                        got.mail_from = line.trim_end().to_owned();
                        b"250 OK\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        got.rcpt_to.push(line.trim_end().to_owned());
                        b"250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).await.unwrap_or(0) == 0 || line == ".\r\n"
                            {
                                break;
                            }
                            got.data.push_str(&line);
                        }
                        let _ = tx.send(std::mem::replace(
                            &mut got,
                            Received {
                                mail_from: String::new(),
                                rcpt_to: Vec::new(),
                                data: String::new(),
                            },
                        ));
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, rx)
}

fn smtp_config(port: u16) -> MailConfig {
    let mut c = MailConfig::local("http://127.0.0.1:8080", "Stadt Musterstadt");
    c.smtp = Some(SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        credentials: None,
        from: "rathaus@musterstadt.example".into(),
        timeout_secs: 5,
    });
    c
}

/// The decoded bodies of the message's parts, by content type.
fn parts(data: &str) -> Vec<(String, String)> {
    let unfolded = data.replace("\r\n ", " ").replace("\r\n\t", " ");
    let boundary = unfolded
        .split("boundary=\"")
        .nth(1)
        .and_then(|b| b.split('"').next())
        .expect("a multipart boundary")
        .to_owned();
    unfolded
        .split(&format!("--{boundary}"))
        .skip(1)
        .filter_map(|part| {
            let (head, body) = part.split_once("\r\n\r\n")?;
            let ctype = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Type: "))?
                .to_owned();
            let body = if head.contains("Content-Transfer-Encoding: base64") {
                let raw: String = body.split_whitespace().collect();
                String::from_utf8(base64::engine::general_purpose::STANDARD.decode(raw).ok()?)
                    .ok()?
            } else if head.contains("Content-Transfer-Encoding: quoted-printable") {
                quoted_printable(body)
            } else {
                body.to_owned()
            };
            Some((ctype, body))
        })
        .collect()
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn wait_for_delivery(s: &AppState, id: u64) -> Delivery {
    for _ in 0..100 {
        let d = s.outbox().message(id).map(|m| m.delivery);
        if d != Some(Delivery::Pending) {
            return d.expect("the message");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Delivery::Pending
}

#[tokio::test]
async fn a_receipt_goes_out_through_smtp_with_both_parts() {
    let (port, mut received) = smtp_sink().await;
    let s = state();
    s.outbox().configure(smtp_config(port));
    let r = submit(&s, "en", "k-smtp", &application("sam@example.org")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let reference = r.json["reference"].as_str().expect("reference").to_owned();
    let got = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("the sink got a message in time")
        .expect("a message");
    assert!(
        got.mail_from.contains("<rathaus@musterstadt.example>"),
        "{}",
        got.mail_from
    );
    assert_eq!(got.rcpt_to.len(), 1);
    assert!(
        got.rcpt_to[0].contains("<sam@example.org>"),
        "{:?}",
        got.rcpt_to
    );
    let head = got
        .data
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .replace("\r\n ", " ");
    assert!(
        head.contains("From: \"Stadt Musterstadt\" <rathaus@musterstadt.example>")
            || head.contains("From: Stadt Musterstadt <rathaus@musterstadt.example>"),
        "{head}"
    );
    assert!(head.contains("To: sam@example.org"), "{head}");
    let subject = head
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .expect("a subject");
    assert_eq!(
        subject,
        format!("Confirmation of receipt: Register information, reference {reference}")
    );
    let parts = parts(&got.data);
    let types: Vec<&str> = parts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types.len(), 2, "{types:?}\n{}", got.data);
    assert!(types[0].starts_with("text/plain"), "{types:?}");
    assert!(types[1].starts_with("text/html"), "{types:?}");
    assert!(
        parts[0].1.contains(&reference) && parts[0].1.contains("What happens next:"),
        "{}",
        parts[0].1
    );
    assert!(
        parts[1].1.contains("<html lang=\"en\">") && parts[1].1.contains(&reference),
        "{}",
        parts[1].1
    );
    assert_eq!(wait_for_delivery(&s, 1).await, Delivery::Sent);
}

#[tokio::test]
async fn a_relay_that_is_down_fails_the_delivery_not_the_request() {
    // A port nobody listens on: bind one and let it go.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let s = state();
    s.outbox().configure(smtp_config(port));
    let r = submit(&s, "de", "k-down", &application("sabine@example.org")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(s.outbox().sent().len(), 1, "the outbox keeps it");
    assert_eq!(wait_for_delivery(&s, 1).await, Delivery::Failed);
    let j = get(&s, "/mock-mail/messages.json").await;
    assert_eq!(j.json[0]["delivery"], "failed");
}
