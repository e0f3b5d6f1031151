//! The mock payment provider at `/mock-psp/{id}`: one plain HTML page per method, each with
//! three outcomes (pay, fail, cancel), then a 303 back to the payment's stored return URL.
//! No inline script or style (the portal's CSP forbids both); the CSS is `/mock-psp/style.css`,
//! the one script `/mock-psp/restore.js` (see [`RESTORE_JS`]). Every echoed value is
//! HTML-escaped; the CVC is never echoed.

use super::{provider_page_path, Finish, FinishError};
use crate::state::AppState;
use crate::town::treasury::Treasury;
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use domain::date::Date;
use domain::payment::{Payment, PaymentMethodId, PaymentStatus};
use std::collections::HashMap;

/// Test cards (Luhn-valid). Any other Luhn-valid number is accepted like the success card.
pub const CARD_SUCCESS: &str = "4242424242424242";
pub const CARD_SUCCESS_MASTERCARD: &str = "5555555555554444";
pub const CARD_DECLINED: &str = "4000000000000002";
/// Echoed input is cut to this many characters (nobody types more into these fields).
const ECHO_MAX: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/mock-psp/style.css", get(style))
        .route("/mock-psp/restore.js", get(restore_script))
        .route("/mock-psp/{id}", get(show).post(submit))
}

const CSS: &str = include_str!("psp.css");

/// Browsers keep a left page in the back/forward cache (Chromium even with `no-store`) and
/// show it again as it was: "back" after paying would offer to pay again. Restored, the page
/// loads itself anew (a GET, also after a POST), and the server says what became of the payment
/// ("bereits abgeschlossen") at once.
pub const RESTORE_JS: &str = "addEventListener('pageshow', function (e) {\n  if (e.persisted) location.replace(location.href);\n});\n";

async fn restore_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        RESTORE_JS,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        CSS,
    )
        .into_response()
}

/// Escapes text for element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    // The URL holds the payment id: keep it out of caches and Referer headers.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

fn shell(title: &str, main: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Test-Zahlungsdienst</title>
<link rel="stylesheet" href="/mock-psp/style.css">
<script src="/mock-psp/restore.js"></script>
</head>
<body>
<header class="banner">
<p><strong>Test-Zahlungsdienst</strong> – Simulation für das Serviceportal. Es wird kein echtes Geld bewegt.</p>
<p lang="en" class="en">Mock payment provider – no real money moves.</p>
</header>
<main id="main">
{main}
</main>
</body>
</html>
"#,
        title = escape(title)
    )
}

fn message_page(
    status: StatusCode,
    title: &str,
    title_en: &str,
    text: &str,
    back: &str,
) -> Response {
    let main = format!(
        r#"<h1>{t}</h1>
<p lang="en" class="en">{te}</p>
<p>{text}</p>
<p><a href="{back}">Zurück zum Serviceportal</a> <span lang="en" class="en">Back to the service portal</span></p>"#,
        t = escape(title),
        te = escape(title_en),
        text = escape(text),
        back = escape(back),
    );
    html(status, shell(title, &main))
}

fn not_found() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Zahlung nicht gefunden",
        "Payment not found",
        "Zu dieser Adresse gibt es keine Zahlung, die hier bezahlt werden kann.",
        "/",
    )
}

/// A payment that is no longer INITIAL: say so, link back, change nothing.
fn final_page(status: StatusCode, p: &Payment, return_url: &str) -> Response {
    let (title, en, text) = match p.status {
        PaymentStatus::Payed => ("Diese Zahlung ist bereits abgeschlossen", "This payment has already been completed", "Der Betrag wurde bezahlt."),
        PaymentStatus::Failed => ("Diese Zahlung ist fehlgeschlagen", "This payment failed", "Bitte starten Sie im Serviceportal eine neue Zahlung."),
        PaymentStatus::Canceled => ("Diese Zahlung wurde abgebrochen", "This payment was cancelled", "Bitte starten Sie im Serviceportal eine neue Zahlung."),
        PaymentStatus::Expired => ("Diese Zahlung ist abgelaufen", "This payment has expired", "Zahlungen müssen innerhalb von 90 Minuten abgeschlossen werden. Bitte starten Sie im Serviceportal eine neue Zahlung."),
        // Only reached for a transfer, which has no provider page.
        PaymentStatus::Initial => ("Diese Zahlung ist offen", "This payment is pending", "Für Überweisungen gibt es keine Zahlungsseite."),
    };
    message_page(
        status,
        title,
        en,
        &format!("{text} Sie kann hier nicht mehr geändert werden."),
        return_url,
    )
}

/// What the user typed, for re-rendering (never the CVC).
#[derive(Default)]
struct Values {
    card_number: String,
    expiry: String,
    account_holder: String,
    iban: String,
    mandate: bool,
}

struct FieldError {
    field: &'static str,
    de: &'static str,
    en: &'static str,
}

fn err(field: &'static str, de: &'static str, en: &'static str) -> FieldError {
    FieldError { field, de, en }
}

fn clip(s: &str) -> String {
    s.trim().chars().take(ECHO_MAX).collect()
}

pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `MM/JJ`, `MM/JJJJ`, `MMJJ` or `MM-JJ` → (year, month).
fn parse_expiry(s: &str) -> Option<(i32, u8)> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (m, y) = match compact.split_once(['/', '-']) {
        Some((m, y)) => (m.to_owned(), y.to_owned()),
        None if compact.len() == 4 => (compact.get(..2)?.to_owned(), compact.get(2..)?.to_owned()),
        None => return None,
    };
    if !(1..=2).contains(&m.len()) || !(y.len() == 2 || y.len() == 4) {
        return None;
    }
    if !m.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let year: i32 = y.parse().ok()?;
    let year = if y.len() == 2 { 2000 + year } else { year };
    (1..=12).contains(&month).then_some((year, month))
}

/// Card outcome after validation: `Ok(true)` pay, `Ok(false)` declined by the (mock) issuer.
fn check_card(form: &HashMap<String, String>, today: Date, errors: &mut Vec<FieldError>) -> bool {
    let number = form.get("card_number").map(String::as_str).unwrap_or("");
    let digits: String = number.chars().filter(|c| *c != ' ' && *c != '-').collect();
    if digits.is_empty() {
        errors.push(err(
            "card_number",
            "Geben Sie die Kartennummer ein.",
            "Enter the card number.",
        ));
    } else if !digits.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(err(
            "card_number",
            "Die Kartennummer darf nur Ziffern und Leerzeichen enthalten.",
            "The card number may only contain digits and spaces.",
        ));
    } else if !(12..=19).contains(&digits.len()) {
        errors.push(err(
            "card_number",
            "Die Kartennummer hat 12 bis 19 Ziffern.",
            "The card number has 12 to 19 digits.",
        ));
    } else if !luhn_valid(&digits) {
        errors.push(err(
            "card_number",
            "Die Kartennummer ist nicht gültig. Bitte prüfen Sie, ob Sie alle Ziffern richtig eingegeben haben.",
            "The card number is not valid. Check that you entered every digit correctly.",
        ));
    }

    let expiry = form.get("expiry").map(|s| s.trim()).unwrap_or("");
    match parse_expiry(expiry) {
        _ if expiry.is_empty() => errors.push(err(
            "expiry",
            "Geben Sie das Ablaufdatum der Karte ein.",
            "Enter the card's expiry date.",
        )),
        None => errors.push(err(
            "expiry",
            "Geben Sie das Ablaufdatum im Format MM/JJ ein, zum Beispiel 08/29.",
            "Enter the expiry date as MM/YY, for example 08/29.",
        )),
        // A card is valid until the end of its expiry month.
        Some((y, m)) if (y, m) < (today.year, today.month) => errors.push(err(
            "expiry",
            "Die Karte ist abgelaufen. Bitte verwenden Sie eine andere Karte.",
            "The card has expired. Please use another card.",
        )),
        Some((y, _)) if y > today.year + 20 => errors.push(err(
            "expiry",
            "Bitte prüfen Sie das Ablaufdatum: Es liegt mehr als 20 Jahre in der Zukunft.",
            "Check the expiry date: it is more than 20 years ahead.",
        )),
        Some(_) => {}
    }

    let cvc = form.get("cvc").map(|s| s.trim()).unwrap_or("");
    if cvc.is_empty() {
        errors.push(err(
            "cvc",
            "Geben Sie die Prüfnummer (CVC) ein.",
            "Enter the security code (CVC).",
        ));
    } else if !(cvc.len() == 3 && cvc.bytes().all(|b| b.is_ascii_digit())) {
        errors.push(err(
            "cvc",
            "Die Prüfnummer (CVC) hat 3 Ziffern. Sie steht auf der Rückseite der Karte.",
            "The security code (CVC) has 3 digits. It is on the back of the card.",
        ));
    }
    digits != CARD_DECLINED
}

fn check_sepa(form: &HashMap<String, String>, errors: &mut Vec<FieldError>) {
    let holder = form.get("account_holder").map(|s| s.trim()).unwrap_or("");
    if holder.is_empty() {
        errors.push(err(
            "account_holder",
            "Geben Sie den Namen der Kontoinhaberin oder des Kontoinhabers ein.",
            "Enter the name of the account holder.",
        ));
    } else if holder.chars().count() > 70 {
        errors.push(err(
            "account_holder",
            "Der Name darf höchstens 70 Zeichen lang sein.",
            "The name must be 70 characters or fewer.",
        ));
    } else if holder.chars().any(char::is_control) {
        errors.push(err(
            "account_holder",
            "Der Name enthält unzulässige Steuerzeichen.",
            "The name contains control characters.",
        ));
    }
    let iban: String = form
        .get("iban")
        .map(String::as_str)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if iban.is_empty() {
        errors.push(err("iban", "Geben Sie Ihre IBAN ein.", "Enter your IBAN."));
    } else if iban.parse::<iban::Iban>().is_err() {
        errors.push(err(
            "iban",
            "Die IBAN ist nicht gültig. Bitte prüfen Sie Länge und Prüfziffer (in Deutschland 22 Zeichen, beginnend mit DE).",
            "The IBAN is not valid. Check its length and check digits (in Germany 22 characters, starting with DE).",
        ));
    }
    if form.get("mandate").map(String::as_str) != Some("yes") {
        errors.push(err(
            "mandate",
            "Bitte erteilen Sie das SEPA-Lastschriftmandat, indem Sie das Kästchen ankreuzen.",
            "Please give the SEPA direct debit mandate by ticking the box.",
        ));
    }
}

fn error_of<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

fn error_message(id: &str, e: &FieldError) -> String {
    format!(
        r#"<p class="error-message" id="{id}-error"><span class="visually-hidden">Fehler: </span>{de} <span lang="en" class="en">{en}</span></p>"#,
        de = escape(e.de),
        en = escape(e.en)
    )
}

struct Input<'a> {
    id: &'static str,
    label: &'a str,
    hint: &'a str,
    value: &'a str,
    /// Extra attributes (autocomplete, inputmode, ...), trusted constants only.
    attrs: &'a str,
}

fn text_field(input: Input<'_>, errors: &[FieldError]) -> String {
    let error = error_of(errors, input.id);
    let id = input.id;
    let described = match error {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-hint"),
    };
    format!(
        r#"<div class="field{cls}">
<label for="{id}">{label}</label>
<p class="hint" id="{id}-hint">{hint}</p>
{msg}<input id="{id}" name="{id}" type="text" value="{value}" aria-describedby="{described}"{invalid} {attrs}>
</div>
"#,
        cls = if error.is_some() { " field-error" } else { "" },
        label = escape(input.label),
        hint = escape(input.hint),
        msg = error.map(|e| error_message(id, e)).unwrap_or_default(),
        value = escape(input.value),
        invalid = if error.is_some() {
            r#" aria-invalid="true""#
        } else {
            ""
        },
        attrs = input.attrs,
    )
}

fn error_summary(errors: &[FieldError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let items: String = errors
        .iter()
        .map(|e| format!(r##"<li><a href="#{}">{}</a></li>"##, e.field, escape(e.de)))
        .collect();
    format!(
        r#"<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Es gibt ein Problem <span lang="en" class="en">There is a problem</span></h2>
<ul>{items}</ul>
</div>
"#
    )
}

fn summary(p: &Payment, treasury: &Treasury) -> String {
    let items: String = p
        .items
        .iter()
        .map(|i| {
            format!(
                "<li>{} – {}</li>",
                escape(&i.label.de),
                escape(&i.amount.format_de())
            )
        })
        .collect();
    format!(
        r#"<h2>Ihre Zahlung <span lang="en" class="en">Your payment</span></h2>
<dl class="summary">
<dt>Empfänger</dt><dd>{town}</dd>
<dt>Verwendungszweck</dt><dd>{purpose}</dd>
<dt>Posten</dt><dd><ul>{items}</ul></dd>
<dt>Betrag</dt><dd class="amount">{amount}</dd>
</dl>
"#,
        town = escape(&treasury.name),
        purpose = escape(&p.purpose),
        amount = escape(&p.amount.format_de()),
    )
}

/// The provider page of an INITIAL online payment, with errors and the values kept.
fn form_page(p: &Payment, treasury: &Treasury, values: &Values, errors: &[FieldError]) -> String {
    let (title, title_en, pay_label) = match p.method {
        PaymentMethodId::Creditcard => {
            ("Mit Kreditkarte bezahlen", "Pay by credit card", "Bezahlen")
        }
        PaymentMethodId::Paypal => (
            "Mit PayPal bezahlen – freigeben",
            "Pay with PayPal – approve",
            "Freigeben",
        ),
        PaymentMethodId::SepaDirectDebit => (
            "Per SEPA-Lastschrift bezahlen",
            "Pay by SEPA direct debit",
            "Bezahlen",
        ),
        PaymentMethodId::Wero => (
            "In der Wero-App freigeben",
            "Approve in the Wero app",
            "Freigeben",
        ),
        PaymentMethodId::Transfer => ("Überweisung", "Bank transfer", "Bezahlen"),
    };
    let fields = match p.method {
        PaymentMethodId::Creditcard => [
            text_field(
                Input {
                    id: "card_number",
                    label: "Kartennummer",
                    hint: "Die Nummer auf der Vorderseite Ihrer Karte. Testkarten: 4242 4242 4242 4242 (erfolgreich), 4000 0000 0000 0002 (wird abgelehnt).",
                    value: &values.card_number,
                    attrs: r#"inputmode="numeric" autocomplete="cc-number" spellcheck="false" maxlength="23""#,
                },
                errors,
            ),
            text_field(
                Input {
                    id: "expiry",
                    label: "Ablaufdatum (MM/JJ)",
                    hint: "Monat und Jahr, zum Beispiel 08/29",
                    value: &values.expiry,
                    attrs: r#"inputmode="numeric" autocomplete="cc-exp" spellcheck="false" maxlength="7" class="short""#,
                },
                errors,
            ),
            // The CVC is never echoed back.
            text_field(
                Input {
                    id: "cvc",
                    label: "Prüfnummer (CVC)",
                    hint: "Die 3 Ziffern auf der Rückseite der Karte",
                    value: "",
                    attrs: r#"inputmode="numeric" autocomplete="cc-csc" spellcheck="false" maxlength="3" class="short""#,
                },
                errors,
            ),
        ]
        .concat(),
        PaymentMethodId::Paypal => "<p>Sie sind mit dem PayPal-Testkonto <strong>max.mustermann@example.org</strong> angemeldet. Geben Sie die Zahlung frei, um sie abzuschließen.</p>\n".to_owned(),
        PaymentMethodId::Wero => "<p>Wir haben eine Zahlungsanfrage an Ihre Wero-App gesendet (Simulation). Geben Sie die Zahlung dort frei und bestätigen Sie hier.</p>\n".to_owned(),
        PaymentMethodId::SepaDirectDebit => sepa_fields(p, treasury, values, errors),
        PaymentMethodId::Transfer => String::new(),
    };
    let main = format!(
        r#"{summary_errors}<h1>{title}</h1>
<p lang="en" class="en">{title_en}</p>
{summary}<form method="post" action="{action}" novalidate>
{fields}<div class="actions">
<button type="submit" name="action" value="pay" class="button">{pay_label}</button>
<button type="submit" name="action" value="fail" class="button button-secondary">Zahlung fehlschlagen lassen</button>
<button type="submit" name="action" value="cancel" class="button button-secondary">Abbrechen</button>
</div>
<p class="hint">„Zahlung fehlschlagen lassen“ simuliert eine abgelehnte Zahlung (zum Testen). „Abbrechen“ bricht die Zahlung ab. In beiden Fällen kehren Sie zum Serviceportal zurück.</p>
</form>"#,
        summary_errors = error_summary(errors),
        summary = summary(p, treasury),
        action = escape(&provider_page_path(&p.id)),
    );
    let page_title = if errors.is_empty() {
        title.to_owned()
    } else {
        format!("Fehler: {title}")
    };
    shell(&page_title, &main)
}

fn sepa_fields(p: &Payment, treasury: &Treasury, values: &Values, errors: &[FieldError]) -> String {
    let holder = text_field(
        Input {
            id: "account_holder",
            label: "Kontoinhaberin oder Kontoinhaber",
            hint: "Vor- und Nachname wie bei Ihrer Bank",
            value: &values.account_holder,
            attrs: r#"autocomplete="name" maxlength="70""#,
        },
        errors,
    );
    let iban = text_field(
        Input {
            id: "iban",
            label: "IBAN",
            hint: "In Deutschland 22 Zeichen, beginnend mit DE, zum Beispiel DE89 3704 0044 0532 0130 00",
            value: &values.iban,
            attrs: r#"autocomplete="off" spellcheck="false" autocapitalize="characters" maxlength="42""#,
        },
        errors,
    );
    let error = error_of(errors, "mandate");
    format!(
        r#"{holder}{iban}<section class="mandate" aria-labelledby="mandate-title">
<h2 id="mandate-title">SEPA-Lastschriftmandat <span lang="en" class="en">SEPA direct debit mandate</span></h2>
<p>Zahlungsempfänger: {town}, {address}<br>
Gläubiger-Identifikationsnummer: {creditor}<br>
Mandatsreferenz: {mandate_ref}</p>
<p id="mandate-text">Ich ermächtige die {town}, die Zahlung von {amount} von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die von der {town} auf mein Konto gezogene Lastschrift einzulösen. Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.</p>
<div class="field{cls}">
{msg}<div class="checkbox">
<input type="checkbox" id="mandate" name="mandate" value="yes"{checked} aria-describedby="mandate-text{described}"{invalid}>
<label for="mandate">Ich erteile dieses SEPA-Lastschriftmandat.</label>
</div>
</div>
</section>
"#,
        town = escape(&treasury.name),
        address = escape(&treasury.address),
        creditor = escape(&treasury.creditor_id),
        mandate_ref = escape(&format!("{}-{}", treasury.mandate_prefix, p.reference)),
        amount = escape(&p.amount.format_de()),
        cls = if error.is_some() { " field-error" } else { "" },
        msg = error
            .map(|e| error_message("mandate", e))
            .unwrap_or_default(),
        checked = if values.mandate { " checked" } else { "" },
        described = if error.is_some() {
            " mandate-error"
        } else {
            ""
        },
        invalid = if error.is_some() {
            r#" aria-invalid="true""#
        } else {
            ""
        },
    )
}

/// Online payments only: a transfer has no provider page.
fn lookup(state: &AppState, id: Result<Path<String>, PathRejection>) -> Option<(Payment, String)> {
    let Path(id) = id.ok()?;
    state
        .payments()
        .with_return_url(&id, state.clock().now())
        .filter(|(p, _)| p.method.is_online())
}

async fn show(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Response {
    match lookup(&state, id) {
        None => not_found(),
        Some((p, back)) if p.status != PaymentStatus::Initial => {
            final_page(StatusCode::OK, &p, &back)
        }
        Some((p, _)) => html(
            StatusCode::OK,
            form_page(&p, state.payments().treasury(), &Values::default(), &[]),
        ),
    }
}

fn back_to(return_url: &str) -> Response {
    let location = HeaderValue::from_str(return_url).unwrap_or(HeaderValue::from_static("/"));
    let mut res = StatusCode::SEE_OTHER.into_response();
    res.headers_mut().insert(header::LOCATION, location);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn submit(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let Some((p, back)) = lookup(&state, id) else {
        return not_found();
    };
    if p.status != PaymentStatus::Initial {
        return final_page(StatusCode::CONFLICT, &p, &back);
    }
    let Ok(Form(form)) = form else {
        return message_page(
            StatusCode::BAD_REQUEST,
            "Die Anfrage war fehlerhaft",
            "The request was malformed",
            "Bitte laden Sie die Zahlungsseite neu und versuchen Sie es noch einmal.",
            &provider_page_path(&p.id),
        );
    };
    let finish = match form.get("action").map(String::as_str) {
        Some("fail") => Finish::Fail,
        Some("cancel") => Finish::Cancel,
        // Enter in a field submits the first button, which is "pay".
        Some("pay") | None => {
            let mut errors = Vec::new();
            let approved = match p.method {
                PaymentMethodId::Creditcard => {
                    check_card(&form, state.clock().today(), &mut errors)
                }
                PaymentMethodId::SepaDirectDebit => {
                    check_sepa(&form, &mut errors);
                    true
                }
                _ => true,
            };
            if !errors.is_empty() {
                let get = |k: &str| form.get(k).map(|v| clip(v)).unwrap_or_default();
                let values = Values {
                    card_number: get("card_number"),
                    expiry: get("expiry"),
                    account_holder: get("account_holder"),
                    iban: get("iban"),
                    mandate: form.get("mandate").map(String::as_str) == Some("yes"),
                };
                return html(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form_page(&p, state.payments().treasury(), &values, &errors),
                );
            }
            if approved {
                Finish::Pay
            } else {
                Finish::Fail
            }
        }
        Some(_) => {
            return message_page(
                StatusCode::BAD_REQUEST,
                "Unbekannte Aktion",
                "Unknown action",
                "Bitte wählen Sie eine der Schaltflächen auf der Zahlungsseite.",
                &provider_page_path(&p.id),
            )
        }
    };
    let clock = state.clock();
    match state
        .payments()
        .finish(&p.id, finish, state.item_stores(), clock.now())
    {
        Ok(_) => back_to(&back),
        // Another request finished it in the meantime: nothing changes twice.
        Err(FinishError::NotOpen(now)) => final_page(StatusCode::CONFLICT, &now, &back),
        Err(FinishError::NotFound) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        for ok in [
            CARD_SUCCESS,
            CARD_SUCCESS_MASTERCARD,
            CARD_DECLINED,
            "79927398713",
        ] {
            assert!(luhn_valid(ok), "{ok}");
        }
        for bad in ["4242424242424241", "", "42a2", "79927398710"] {
            assert!(!luhn_valid(bad), "{bad}");
        }
    }

    #[test]
    fn expiry_formats() {
        assert_eq!(parse_expiry("08/29"), Some((2029, 8)));
        assert_eq!(parse_expiry(" 8 / 2029 "), Some((2029, 8)));
        assert_eq!(parse_expiry("0829"), Some((2029, 8)));
        assert_eq!(parse_expiry("13/29"), None);
        assert_eq!(parse_expiry("00/29"), None);
        assert_eq!(parse_expiry("08/2"), None);
        assert_eq!(parse_expiry("ab/cd"), None);
        assert_eq!(parse_expiry("+8/29"), None);
        assert_eq!(
            parse_expiry("1ä1"),
            None,
            "no panic on a multi-byte character"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
