//! The mock's outbox at `/mock-mail`: every message the backend sent, newest first, each with
//! its plain text and its HTML part, and `/mock-mail/messages.json` for tests. Like the mock
//! payment provider's pages it lives outside `/api` and is no part of the documented API.
//!
//! It shows citizens' messages to anyone who opens it, so it exists only in the mock: it is off
//! when SMTP is configured (real mail, a real deployment) unless `MOCK_MAIL=on` says otherwise,
//! and `MOCK_MAIL=off` switches it off anyway. Off, every path answers 404.
//!
//! No script at all; every echoed value is escaped. The HTML part is shown as its escaped
//! source and, on its own page, as a document under `Content-Security-Policy: sandbox` with
//! nothing allowed (no script, no form, no image, no style from anywhere).

use super::{escape, Delivery, Stored};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::date::Timestamp;
use domain::i18n::Lang;
use serde::Serialize;

pub const PATH: &str = "/mock-mail";

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/mock-mail", get(list))
        .route("/mock-mail/", get(list))
        .route("/mock-mail/messages.json", get(json))
        .route("/mock-mail/style.css", get(style))
        .route("/mock-mail/{id}", get(message))
        .route("/mock-mail/{id}/html", get(html_part))
        .route_layer(axum::middleware::from_fn_with_state(state, gate))
}

/// Off (a real deployment): 404, as if the pages did not exist.
pub async fn gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !state.outbox().page_enabled() {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(req).await
}

const CSS: &str = include_str!("page.css");
const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// The HTML part on its own: a sandbox (unique origin, no scripts, no forms) that may load
/// nothing at all.
const PART_CSP: &str =
    "sandbox; default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

fn respond(
    status: StatusCode,
    content_type: &'static str,
    csp: &'static str,
    body: String,
) -> Response {
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    // Messages change with every request that sends one, and hold what citizens typed.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn page(status: StatusCode, title: &str, main: &str) -> Response {
    let body = format!(
        r#"<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Test-Postausgang</title>
<link rel="stylesheet" href="/mock-mail/style.css">
</head>
<body>
<header class="banner">
<p><strong>Test-Postausgang</strong> – Simulation für das Serviceportal: diese E-Mails hat das Portal verschickt.</p>
<p lang="en" class="en">Mock outbox – the e-mails the portal sent.</p>
</header>
<main id="main">
{main}
</main>
</body>
</html>
"#,
        title = escape(title)
    );
    respond(status, "text/html; charset=utf-8", PAGE_CSP, body)
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Nachricht nicht gefunden",
        r#"<h1>Nachricht nicht gefunden</h1>
<p lang="en" class="en">Message not found</p>
<p><a href="/mock-mail">Zum Postausgang</a> <span lang="en" class="en">To the outbox</span></p>"#,
    )
}

fn sent_at(s: &Stored) -> (String, String) {
    let t = Timestamp::from_unix_seconds(s.sent_at);
    // German time, like everything the portal shows.
    (t.to_string(), t.format(Lang::De))
}

fn delivery(d: Delivery) -> &'static str {
    match d {
        Delivery::OutboxOnly => "nur im Postausgang (kein SMTP eingerichtet)",
        Delivery::Pending => "an den SMTP-Server übergeben",
        Delivery::Sent => "vom SMTP-Server angenommen",
        Delivery::Failed => "Versand über SMTP fehlgeschlagen",
    }
}

fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Deutsch",
        Lang::En => "Englisch",
    }
}

async fn list(State(state): State<AppState>) -> Response {
    let messages = state.outbox().messages();
    let mut main = String::from(
        r#"<h1>Postausgang</h1>
<p lang="en" class="en">Outbox</p>
"#,
    );
    if messages.is_empty() {
        main.push_str(
            r#"<p>Noch keine Nachrichten.</p>
<p lang="en" class="en">No messages yet.</p>"#,
        );
    } else {
        main.push_str(&format!(
            r#"<p>{n} {word}, die neueste zuerst.</p>
<p lang="en" class="en">{n} {word_en}, newest first.</p>
<ul class="messages">
"#,
            n = messages.len(),
            word = if messages.len() == 1 {
                "Nachricht"
            } else {
                "Nachrichten"
            },
            word_en = if messages.len() == 1 {
                "message"
            } else {
                "messages"
            },
        ));
        for m in &messages {
            let (iso, shown) = sent_at(m);
            main.push_str(&format!(
                r#"<li>
<h2 lang="{lang}"><a href="/mock-mail/{id}">{subject}</a></h2>
<dl class="summary">
<dt>An</dt><dd>{to}</dd>
<dt>Gesendet</dt><dd><time datetime="{iso}">{shown}</time></dd>
</dl>
</li>
"#,
                lang = m.mail.lang.code(),
                id = m.id,
                subject = escape(&m.mail.subject),
                to = escape(&m.mail.to),
            ));
        }
        main.push_str("</ul>");
    }
    main.push_str(
        r#"
<p>Für Tests: <a href="/mock-mail/messages.json">alle Nachrichten als JSON</a>.</p>"#,
    );
    page(StatusCode::OK, "Postausgang", &main)
}

fn id_of(path: Result<Path<String>, axum::extract::rejection::PathRejection>) -> Option<u64> {
    path.ok().and_then(|Path(id)| id.parse().ok())
}

async fn message(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let Some(m) = id_of(id).and_then(|id| state.outbox().message(id)) else {
        return not_found();
    };
    let (iso, shown) = sent_at(&m);
    let lang = m.mail.lang.code();
    let main = format!(
        r#"<p><a href="/mock-mail">Zurück zum Postausgang</a> <span lang="en" class="en">Back to the outbox</span></p>
<h1 lang="{lang}">{subject}</h1>
<dl class="summary">
<dt>Von</dt><dd>{from}</dd>
<dt>An</dt><dd>{to}</dd>
<dt>Gesendet</dt><dd><time datetime="{iso}">{shown}</time></dd>
<dt>Sprache</dt><dd>{language}</dd>
<dt>Zustellung</dt><dd>{delivery}</dd>
</dl>
<h2>Textteil <span lang="en" class="en">Plain text</span></h2>
<pre lang="{lang}">{text}</pre>
<h2>HTML-Teil <span lang="en" class="en">HTML part</span></h2>
<p><a href="/mock-mail/{id}/html">HTML-Teil als Seite ansehen</a> (abgeschottet: keine Skripte, keine Formulare, nichts Nachgeladenes)</p>
<p>Quelltext:</p>
<pre lang="{lang}">{html}</pre>"#,
        subject = escape(&m.mail.subject),
        from = escape(&state.outbox().sender_name()),
        to = escape(&m.mail.to),
        language = language(m.mail.lang),
        delivery = delivery(m.delivery),
        text = escape(&m.mail.text),
        html = escape(&m.mail.html),
        id = m.id,
    );
    page(StatusCode::OK, &m.mail.subject, &main)
}

async fn html_part(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let Some(m) = id_of(id).and_then(|id| state.outbox().message(id)) else {
        return not_found();
    };
    respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        PART_CSP,
        m.mail.html_document(&state.outbox().sender_name()),
    )
}

/// One message in `/mock-mail/messages.json`.
#[derive(Debug, Serialize)]
pub struct MessageJson {
    pub id: u64,
    /// RFC 3339, UTC.
    pub sent_at: String,
    pub to: String,
    /// `de` or `en`.
    pub lang: &'static str,
    pub subject: String,
    pub text: String,
    /// The composed HTML part (paragraphs and the link, escaped).
    pub html: String,
    pub delivery: Delivery,
}

async fn json(State(state): State<AppState>) -> Response {
    let list: Vec<MessageJson> = state
        .outbox()
        .messages()
        .into_iter()
        .map(|s| MessageJson {
            id: s.id,
            sent_at: Timestamp::from_unix_seconds(s.sent_at).to_string(),
            to: s.mail.to,
            lang: s.mail.lang.code(),
            subject: s.mail.subject,
            text: s.mail.text,
            html: s.mail.html,
            delivery: s.delivery,
        })
        .collect();
    respond(
        StatusCode::OK,
        "application/json",
        PAGE_CSP,
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()),
    )
}
