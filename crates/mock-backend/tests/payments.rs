//! The checkout through the router with `oneshot`: pricing, refusals, idempotency, expiry,
//! every provider outcome per method, transfers and the mock-only bank statement endpoint.

mod common;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, json_request, send, state, Reply};
use mock_backend::hearings::NotPayable;
use mock_backend::AppState;
use serde_json::{json, Value};

const OPEN_WARNING: &str = "OWI-2026-000101"; // 35 €
const OPEN_FINE: &str = "OWI-2026-000102"; // 115 €
const WITNESS: &str = "OWI-2026-000103";
const PASSED: &str = "OWI-2026-000104";
const PAID: &str = "OWI-2026-000105";
const RETURN: &str = "/kasse/rueckkehr";
const ONLINE: [&str; 4] = ["CREDITCARD", "PAYPAL", "SEPA_DIRECT_DEBIT", "WERO"];

/// Signed in to the first hearing case of the body, as the app is when it pays one.
async fn create_raw(state: &AppState, key: &str, body: &Value, lang: &str) -> Reply {
    let first_case = body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["kind"] == "hearing"))
        .and_then(|i| i["case_number"].as_str());
    let token = match first_case {
        Some(case) => sign_in(state, case).await,
        None => None,
    };
    create_as(state, key, body, lang, token.as_deref()).await
}

async fn create_as(
    state: &AppState,
    key: &str,
    body: &Value,
    lang: &str,
    token: Option<&str>,
) -> Reply {
    let mut req = json_request(Method::POST, "/api/v1/payments", body, lang, Some(key));
    if let Some(t) = token {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {t}").parse().expect("header"),
        );
    }
    send(state, req).await
}

/// The seeded access codes by normalised case number.
const CODES: [(&str, &str); 8] = [
    ("OWI2026000101", "K7MP-3XTA"),
    ("OWI2026000102", "R4WD-9HNE"),
    ("OWI2026000103", "P8CF-2LYU"),
    ("OWI2026000104", "H3NS-6GAV"),
    ("OWI2026000105", "T9BX-4KRE"),
    ("OWI2026000106", "W2YJ-8DMP"),
    ("OWI2026000107", "F6UA-7CTW"),
    ("OWI2026000108", "B5NC-4HRT"),
];

/// A hearing session token for a seeded case (`None` for any other case number).
async fn sign_in(state: &AppState, case: &str) -> Option<String> {
    let key: String = case
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let code = CODES.iter().find(|(k, _)| *k == key)?.1;
    let r = send(
        state,
        json_request(
            Method::POST,
            "/api/v1/hearings/session",
            &json!({"case_number": case, "access_code": code}),
            "de",
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["token"].as_str().map(str::to_owned)
}

fn body(items: Value, method: &str) -> Value {
    json!({ "items": items, "method": method, "return_url": RETURN })
}

fn hearing(case: &str) -> Value {
    json!({ "kind": "hearing", "case_number": case })
}

fn application(reference: &str) -> Value {
    json!({ "kind": "application", "reference": reference })
}

/// Creates a payment that must succeed; returns it.
async fn create(state: &AppState, items: Value, method: &str) -> Value {
    let key = format!("k-{}", rand_key());
    let r = create_raw(state, &key, &body(items, method), "de").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json
}

fn rand_key() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

async fn payment(state: &AppState, id: &str) -> Value {
    let r = get(state, &format!("/api/v1/payments/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    r.json
}

/// Posts the provider page's form (`application/x-www-form-urlencoded`).
async fn psp_post(state: &AppState, id: &str, fields: &[(&str, &str)]) -> Reply {
    let encoded: String = fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let req = Request::post(format!("/mock-psp/{id}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(encoded))
        .expect("request");
    send(state, req).await
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Valid input for the "pay" button of each method.
fn pay_fields(method: &str) -> Vec<(&'static str, &'static str)> {
    match method {
        "CREDITCARD" => {
            vec![
                ("action", "pay"),
                ("card_number", "4242 4242 4242 4242"),
                ("expiry", "12/39"),
                ("cvc", "123"),
            ]
        }
        "SEPA_DIRECT_DEBIT" => vec![
            ("action", "pay"),
            ("account_holder", "Erika Mustermann"),
            ("iban", "DE89 3704 0044 0532 0130 00"),
            ("mandate", "yes"),
        ],
        _ => vec![("action", "pay")],
    }
}

/// A Melderegisterauskunft (7 €) sent through the API; returns its reference.
async fn register_application(state: &AppState) -> String {
    let answers = json!({
        "gesucht_vorname": "Klaus", "gesucht_nachname": "Weber", "gesucht_geburtsdatum": "1970-02-28",
        "gesucht_anschrift": { "street": "Ringstraße", "house_number": "7", "postal_code": "12345", "town": "Musterstadt" },
        "zweck": "gewerblich", "werbung": "no",
        "vorname": "Sabine", "nachname": "Hoffmann", "firma": "Inkasso Hoffmann GmbH",
        "anschrift": { "street": "Hauptstraße", "house_number": "1", "postal_code": "54321", "town": "Musterstadt" },
        "email": "s.hoffmann@example.org"
    });
    let req =
        json!({ "service_id": "melderegisterauskunft", "form_version": 1, "answers": answers });
    let key = format!("app-{}", rand_key());
    let r = send(
        state,
        json_request(Method::POST, "/api/v1/applications", &req, "de", Some(&key)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["fee"]["total"], 700);
    r.json["reference"].as_str().expect("reference").to_owned()
}

/// A free garden water meter reading (no fee).
async fn free_application(state: &AppState) -> String {
    let answers = json!({
        "zaehlernummer": "4711001", "stand": "150", "ablesedatum": state.clock().today().iso(),
        "vorname": "Peter", "nachname": "Gärtner",
        "anschrift": { "street": "Gartenweg", "house_number": "3", "postal_code": "12345", "town": "Musterstadt" },
        "email": "peter@example.org"
    });
    let req = json!({ "service_id": "gartenwasserzaehler", "form_version": 1, "answers": answers });
    let r = send(
        state,
        json_request(
            Method::POST,
            "/api/v1/applications",
            &req,
            "de",
            Some("free"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["reference"].as_str().expect("reference").to_owned()
}

async fn application_paid(state: &AppState, reference: &str) -> bool {
    let r = get(state, &format!("/api/v1/applications/{reference}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.json["paid"].as_bool().expect("paid flag")
}

async fn hearing_status(state: &AppState, case: &str) -> String {
    let codes = [(OPEN_WARNING, "K7MP-3XTA"), (OPEN_FINE, "R4WD-9HNE")];
    let code = codes
        .iter()
        .find(|(c, _)| *c == case)
        .map(|(_, code)| *code)
        .expect("known demo case");
    let login = json!({ "case_number": case, "access_code": code });
    let r = send(
        state,
        json_request(Method::POST, "/api/v1/hearings/session", &login, "de", None),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let token = r.json["token"].as_str().expect("token").to_owned();
    let req = Request::get("/api/v1/hearings/current")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let r = send(state, req).await;
    r.json["status"].as_str().unwrap_or("").to_owned()
}

#[tokio::test]
async fn methods_are_the_five_configured_ones_and_never_giropay() {
    let r = get(&state(), "/api/v1/payment-methods").await;
    assert_eq!(r.status, StatusCode::OK);
    let ids: Vec<&str> = r
        .json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "CREDITCARD",
            "PAYPAL",
            "SEPA_DIRECT_DEBIT",
            "WERO",
            "TRANSFER"
        ]
    );
    assert_eq!(r.json[2]["label"]["de"], "SEPA-Lastschrift");
    assert_eq!(r.json[4]["label"]["en"], "Bank transfer with GiroCode");
    let lower = r.text.to_lowercase();
    assert!(!lower.contains("giropay") && !lower.contains("paydirekt"));
    let r = create_raw(
        &state(),
        "k",
        &body(json!([hearing(OPEN_WARNING)]), "GIROPAY"),
        "de",
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "a dead method is not even in the schema"
    );
}

#[tokio::test]
async fn the_server_prices_every_item_and_refuses_a_client_amount() {
    let s = state();
    let reference = register_application(&s).await;
    let p = create(
        &s,
        json!([
            application(&reference.to_lowercase()),
            hearing("owi 2026 000102")
        ]),
        "CREDITCARD",
    )
    .await;
    assert_eq!(p["amount"], 700 + 11_500);
    assert_eq!(p["status"], "INITIAL");
    assert_eq!(p["method"], "CREDITCARD");
    assert_eq!(p["items"][0]["kind"], "application");
    assert_eq!(p["items"][0]["reference"], reference.as_str());
    assert_eq!(p["items"][0]["amount"], 700);
    assert_eq!(
        p["items"][0]["label"]["de"],
        format!("Melderegisterauskunft – Antrag {reference}")
    );
    assert_eq!(p["items"][1]["reference"], OPEN_FINE);
    assert_eq!(p["items"][1]["amount"], 11_500);
    assert_eq!(
        p["items"][1]["label"]["de"],
        format!("Bußgeld, Aktenzeichen {OPEN_FINE}")
    );
    let id = p["id"].as_str().expect("id");
    assert!(
        id.starts_with("pay_")
            && id.len() == 24
            && id[4..]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
    assert_eq!(p["redirect_url"], format!("/mock-psp/{id}"));
    assert!(p.get("transfer").is_none());
    let purpose = p["purpose"].as_str().expect("purpose");
    assert_eq!(
        purpose,
        format!(
            "Stadt Musterstadt {}",
            p["reference"].as_str().unwrap_or("")
        )
    );
    assert!(
        purpose.len() <= 27
            && purpose
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
    );
    let description = p["description"].as_str().expect("description");
    assert!(
        description.chars().count() <= 250
            && description.contains(&reference)
            && description.contains(OPEN_FINE)
    );
    assert!(p["created_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert!(p["expires_at"].is_string());

    // A client-sent amount is not part of the schema, at the top or on an item.
    for b in [
        json!({ "items": [hearing(OPEN_WARNING)], "method": "CREDITCARD", "return_url": RETURN, "amount": 1 }),
        json!({ "items": [{ "kind": "hearing", "case_number": OPEN_WARNING, "amount": 1 }], "method": "CREDITCARD", "return_url": RETURN }),
    ] {
        let r = create_raw(&s, "with-amount", &b, "de").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.json);
    }
    assert_eq!(s.payments().count(), 1);
}

#[tokio::test]
async fn unknown_paid_unpayable_and_duplicate_items_are_refused_per_item() {
    let s = state();
    // Each hearing case in its own session (one payment holds one case).
    for (case, de, en) in [
        (
            PAID,
            "Der Betrag wurde bereits bezahlt.",
            "The amount has already been paid.",
        ),
        (
            PASSED,
            "Die Frist zur Zahlung ist abgelaufen.",
            "The deadline for payment has passed.",
        ),
        (
            WITNESS,
            "Als Zeugin oder Zeuge müssen Sie nichts bezahlen.",
            "",
        ),
    ] {
        let r = create_raw(
            &s,
            &format!("bad-{case}"),
            &body(json!([hearing(case)]), "CREDITCARD"),
            "de",
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(r.json["errors"]["items.0"][0], de, "{case}");
        if !en.is_empty() {
            let r = create_raw(
                &s,
                &format!("bad-en-{case}"),
                &body(json!([hearing(case)]), "CREDITCARD"),
                "en",
            )
            .await;
            assert_eq!(r.json["errors"]["items.0"][0], en, "{case}");
        }
    }

    let free = free_application(&s).await;
    let items = json!([
        application("NOPE2345"),
        hearing(OPEN_WARNING),
        hearing("owi-2026-000101"),
        application(&free),
        hearing(OPEN_FINE),
    ]);
    let r = create_raw(&s, "bad", &body(items.clone(), "CREDITCARD"), "de").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.header(header::CONTENT_TYPE), "application/problem+json");
    assert_eq!(r.json["type"], "/problems/validation");
    let e = &r.json["errors"];
    assert_eq!(
        e["items.0"][0],
        "Zu dieser Vorgangsnummer gibt es keinen Antrag."
    );
    assert!(e.get("items.1").is_none(), "the first occurrence is fine");
    assert_eq!(
        e["items.2"][0],
        "Dieser Posten ist mehrfach in der Zahlung enthalten. Bitte zahlen Sie ihn nur einmal."
    );
    assert_eq!(
        e["items.3"][0],
        "Für diesen Antrag ist keine Gebühr zu zahlen."
    );
    assert!(
        e["items.4"][0]
            .as_str()
            .is_some_and(|m| m.starts_with("Um diesen Fall zu bezahlen, melden Sie sich")),
        "a second case needs its own session"
    );
    assert_eq!(s.payments().count(), 0, "nothing is created");

    let r = create_raw(&s, "bad-en", &body(items, "CREDITCARD"), "en").await;
    assert_eq!(
        r.json["errors"]["items.2"][0],
        "This item appears more than once in the payment. Pay it only once."
    );

    let r = create_raw(&s, "empty", &body(json!([]), "WERO"), "de").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json["errors"]["items"].is_array());

    // The deadline is read from the backend's clock: tomorrow the last-day case is closed.
    s.clock().advance(86_400);
    let r = create_raw(
        &s,
        "late",
        &body(json!([hearing("OWI-2026-000107")]), "WERO"),
        "de",
    )
    .await;
    assert_eq!(
        r.json["errors"]["items.0"][0],
        NotPayable::DeadlinePassed.message(domain::i18n::Lang::De)
    );
}

#[tokio::test]
async fn only_a_return_path_without_ids_or_secrets_is_accepted() {
    let s = state();
    for bad in [
        "/kasse/rueckkehr?id=pay_123",
        "/kasse/rueckkehr?token=abc",
        "/kasse/rueckkehr/pay_abc123",
        "/kasse/rueckkehr#x",
        "https://evil.example/kasse/rueckkehr",
        "//evil.example/kasse/rueckkehr",
        "/anderswo",
    ] {
        let b =
            json!({ "items": [hearing(OPEN_WARNING)], "method": "CREDITCARD", "return_url": bad });
        let r = create_raw(&s, bad, &b, "en").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(
            r.json["errors"]["return_url"][0]
                .as_str()
                .is_some_and(|m| m.contains("/kasse/rueckkehr")),
            "{}",
            r.json
        );
    }
    let b = json!({ "items": [hearing(OPEN_WARNING)], "method": "CREDITCARD", "return_url": "/kasse/rueckkehr/anhoerung" });
    assert_eq!(
        create_raw(&s, "ok", &b, "de").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn same_key_replays_and_another_body_conflicts() {
    let s = state();
    let b = body(json!([hearing(OPEN_WARNING)]), "PAYPAL");
    let first = create_raw(&s, "pay-1", &b, "de").await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = create_raw(&s, "pay-1", &b, "de").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["id"], first.json["id"]);
    let other = create_raw(
        &s,
        "pay-1",
        &body(json!([hearing(OPEN_WARNING)]), "WERO"),
        "de",
    )
    .await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    assert_eq!(other.json["type"], "/problems/idempotency-conflict");
    let no_key = send(
        &s,
        json_request(Method::POST, "/api/v1/payments", &b, "de", None),
    )
    .await;
    assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
    assert_eq!(s.payments().count(), 1);

    // The replay shows the current state.
    let id = first.json["id"].as_str().expect("id");
    assert_eq!(
        psp_post(&s, id, &pay_fields("PAYPAL")).await.status,
        StatusCode::SEE_OTHER
    );
    let replay = create_raw(&s, "pay-1", &b, "de").await;
    assert_eq!(
        (replay.status, replay.json["status"].as_str()),
        (StatusCode::OK, Some("PAYED"))
    );
}

#[tokio::test]
async fn a_pending_item_cannot_be_paid_in_another_payment_until_it_expires() {
    let s = state();
    let first = create(&s, json!([hearing(OPEN_WARNING)]), "CREDITCARD").await;
    let reference = register_application(&s).await;
    let r = create_raw(
        &s,
        "second",
        &body(
            json!([application(&reference), hearing(OPEN_WARNING)]),
            "WERO",
        ),
        "de",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["errors"]["items.1"][0],
        "Für diesen Posten läuft bereits eine Zahlung. Bitte schließen Sie diese ab oder warten Sie 90 Minuten."
    );
    assert!(r.json["errors"].get("items.0").is_none());
    let r = create_raw(
        &s,
        "second-transfer",
        &body(json!([hearing(OPEN_WARNING)]), "TRANSFER"),
        "de",
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a transfer waits for the online payment too"
    );

    s.clock().advance(90 * 60);
    let id = first["id"].as_str().expect("id");
    let p = payment(&s, id).await;
    assert_eq!(p["status"], "EXPIRED");
    assert_eq!(p["updated_at"], p["expires_at"]);
    // Expired: the provider page says so and nothing changes, and the item is free again.
    let page = get(&s, &format!("/mock-psp/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Diese Zahlung ist abgelaufen"));
    assert!(page.text.contains(r#"href="/kasse/rueckkehr""#));
    let r = psp_post(&s, id, &pay_fields("CREDITCARD")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(payment(&s, id).await["status"], "EXPIRED");
    assert!(
        s.hearings()
            .payable(OPEN_WARNING, s.clock().today())
            .is_ok(),
        "not paid"
    );
    create(&s, json!([hearing(OPEN_WARNING)]), "WERO").await;
}

#[tokio::test]
async fn payments_expire_exactly_after_90_minutes() {
    let s = state();
    let p = create(&s, json!([hearing(OPEN_WARNING)]), "WERO").await;
    let id = p["id"].as_str().expect("id");
    s.clock().advance(90 * 60 - 1);
    assert_eq!(payment(&s, id).await["status"], "INITIAL");
    s.clock().advance(1);
    assert_eq!(payment(&s, id).await["status"], "EXPIRED");
    let r = get(&s, "/api/v1/payments/pay_doesnotexist000000").await;
    assert_eq!(
        (r.status, r.header(header::CONTENT_TYPE)),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
}

#[tokio::test]
async fn paying_marks_the_item_paid_for_every_online_method() {
    for method in ONLINE {
        let s = state();
        let reference = register_application(&s).await;
        let p = create(
            &s,
            json!([hearing(OPEN_WARNING), application(&reference)]),
            method,
        )
        .await;
        let id = p["id"].as_str().expect("id");
        let page = get(&s, &format!("/mock-psp/{id}")).await;
        assert_eq!(page.status, StatusCode::OK, "{method}");

        let r = psp_post(&s, id, &pay_fields(method)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{method}: {}", r.text);
        assert_eq!(
            r.location(),
            RETURN,
            "back to the stored return URL, without the id"
        );
        let paid = payment(&s, id).await;
        assert_eq!(paid["status"], "PAYED", "{method}");
        assert!(paid["paid_at"].is_string());
        assert_eq!(hearing_status(&s, OPEN_WARNING).await, "paid");
        assert!(application_paid(&s, &reference).await);

        // A second submit of any outcome changes nothing.
        for action in ["pay", "fail", "cancel"] {
            let r = psp_post(&s, id, &[("action", action)]).await;
            assert_eq!(r.status, StatusCode::CONFLICT, "{method} {action}");
            assert!(r.text.contains("Diese Zahlung ist bereits abgeschlossen"));
            assert!(r.text.contains(r#"href="/kasse/rueckkehr""#));
        }
        assert_eq!(payment(&s, id).await, paid);

        // The paid item cannot be paid again.
        let r = create_raw(
            &s,
            "again",
            &body(json!([hearing(OPEN_WARNING)]), method),
            "de",
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.json["errors"]["items.0"][0],
            "Der Betrag wurde bereits bezahlt."
        );
        let r = create_raw(
            &s,
            "again-app",
            &body(json!([application(&reference)]), method),
            "de",
        )
        .await;
        assert_eq!(
            r.json["errors"]["items.0"][0],
            "Die Gebühr für diesen Antrag wurde bereits bezahlt."
        );
    }
}

#[tokio::test]
async fn fail_and_cancel_end_the_payment_without_paying_for_every_online_method() {
    for method in ONLINE {
        for (action, status) in [("fail", "FAILED"), ("cancel", "CANCELED")] {
            let s = state();
            let p = create(&s, json!([hearing(OPEN_WARNING)]), method).await;
            let id = p["id"].as_str().expect("id");
            // No input needed: these buttons skip validation.
            let r = psp_post(&s, id, &[("action", action)]).await;
            assert_eq!(
                (r.status, r.location()),
                (StatusCode::SEE_OTHER, RETURN),
                "{method} {action}"
            );
            let after = payment(&s, id).await;
            assert_eq!(after["status"], status);
            assert!(after.get("paid_at").is_none());
            assert_eq!(hearing_status(&s, OPEN_WARNING).await, "open");
            let r = psp_post(&s, id, &pay_fields(method)).await;
            assert_eq!(r.status, StatusCode::CONFLICT);
            assert_eq!(
                payment(&s, id).await["status"],
                status,
                "never changes again"
            );
            // The item is free for a new attempt.
            create(&s, json!([hearing(OPEN_WARNING)]), method).await;
        }
    }
}

#[tokio::test]
async fn card_page_checks_luhn_expiry_and_cvc_and_keeps_values() {
    let s = state();
    let p = create(&s, json!([hearing(OPEN_WARNING)]), "CREDITCARD").await;
    let id = p["id"].as_str().expect("id");
    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("card_number", "4242 4242 4242 4241"),
            ("expiry", "01/20"),
            ("cvc", "12"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("<title>Fehler: "));
    assert!(r
        .text
        .contains(r##"<a href="#card_number">Die Kartennummer ist nicht gültig."##));
    assert!(r
        .text
        .contains(r##"<a href="#expiry">Die Karte ist abgelaufen."##));
    assert!(r
        .text
        .contains(r##"<a href="#cvc">Die Prüfnummer (CVC) hat 3 Ziffern."##));
    assert!(r.text.contains(r#"id="card_number" name="card_number" type="text" value="4242 4242 4242 4241" aria-describedby="card_number-hint card_number-error" aria-invalid="true""#));
    assert!(r.text.contains(r#"id="card_number-error""#));
    assert!(
        r.text
            .contains(r#"id="cvc" name="cvc" type="text" value="""#),
        "the CVC is never echoed"
    );
    assert_eq!(payment(&s, id).await["status"], "INITIAL");

    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("card_number", ""),
            ("expiry", "13/30"),
            ("cvc", ""),
        ],
    )
    .await;
    assert!(r.text.contains("Geben Sie die Kartennummer ein."));
    assert!(r
        .text
        .contains("Geben Sie das Ablaufdatum im Format MM/JJ ein"));
    assert!(r.text.contains("Geben Sie die Prüfnummer (CVC) ein."));

    // Echoed input is escaped.
    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("card_number", "<script>alert(1)</script>"),
            ("expiry", "\"><b>"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.text.contains("<script>alert") && !r.text.contains("<b>"));
    assert!(
        r.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && r.text.contains("&quot;&gt;&lt;b&gt;")
    );
    assert_eq!(payment(&s, id).await["status"], "INITIAL");

    // The declined test card ends the payment as FAILED.
    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("card_number", "4000 0000 0000 0002"),
            ("expiry", "12/39"),
            ("cvc", "123"),
        ],
    )
    .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, RETURN));
    assert_eq!(payment(&s, id).await["status"], "FAILED");
    assert_eq!(hearing_status(&s, OPEN_WARNING).await, "open");

    // The current month is still valid; Mastercard test number works.
    let p = create(&s, json!([hearing(OPEN_WARNING)]), "CREDITCARD").await;
    let today = s.clock().today();
    let expiry = format!("{:02}/{:02}", today.month, today.year % 100);
    let r = psp_post(
        &s,
        p["id"].as_str().expect("id"),
        &[
            ("action", "pay"),
            ("card_number", "5555555555554444"),
            ("expiry", &expiry),
            ("cvc", "999"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

#[tokio::test]
async fn sepa_page_checks_iban_and_requires_the_mandate() {
    let s = state();
    let p = create(&s, json!([hearing(OPEN_FINE)]), "SEPA_DIRECT_DEBIT").await;
    let id = p["id"].as_str().expect("id");
    let page = get(&s, &format!("/mock-psp/{id}")).await;
    assert!(page.text.contains("SEPA-Lastschriftmandat"));
    assert!(page.text.contains("DE98ZZZ09999999999"));
    assert!(page
        .text
        .contains(&format!("MUSTER-{}", p["reference"].as_str().unwrap_or(""))));
    assert!(page
        .text
        .contains(r#"<input type="checkbox" id="mandate" name="mandate" value="yes""#));

    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("account_holder", "Erika Mustermann"),
            ("iban", "DE89 3704 0044 0532 0130 01"),
            ("mandate", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text
        .contains(r##"<a href="#iban">Die IBAN ist nicht gültig."##));
    assert!(
        r.text.contains(r#"value="DE89 3704 0044 0532 0130 01""#),
        "value kept"
    );
    assert!(r.text.contains(r#"value="Erika Mustermann""#));
    assert!(
        r.text.contains(r#"value="yes" checked"#),
        "the ticked box stays ticked"
    );
    assert_eq!(
        payment(&s, id).await["status"],
        "INITIAL",
        "no state change"
    );

    let r = psp_post(
        &s,
        id,
        &[
            ("action", "pay"),
            ("account_holder", "Erika Mustermann"),
            ("iban", "DE89370400440532013000"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text
        .contains(r##"<a href="#mandate">Bitte erteilen Sie das SEPA-Lastschriftmandat"##));
    assert!(r
        .text
        .contains(r#"aria-describedby="mandate-text mandate-error" aria-invalid="true""#));
    assert!(!r.text.contains(r##"href="#iban""##));
    assert_eq!(payment(&s, id).await["status"], "INITIAL");

    let r = psp_post(&s, id, &pay_fields("SEPA_DIRECT_DEBIT")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(hearing_status(&s, OPEN_FINE).await, "paid");
}

#[tokio::test]
async fn provider_pages_are_plain_accessible_html_without_inline_script_or_style() {
    let s = state();
    for method in ONLINE {
        let p = create(
            &s,
            json!([if method == "WERO" {
                hearing(OPEN_FINE)
            } else {
                application(&register_application(&s).await)
            }]),
            method,
        )
        .await;
        let r = get(&s, &format!("/mock-psp/{}", p["id"].as_str().expect("id"))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"));
        assert!(r
            .header(header::CONTENT_SECURITY_POLICY)
            .contains("default-src 'none'"));
        assert_eq!(r.header(header::CACHE_CONTROL), "no-store");
        let t = &r.text;
        assert!(
            t.contains(r#"<html lang="de">"#)
                && t.contains("<title>")
                && t.contains("<main")
                && t.contains("<h1>")
        );
        // One script, from the provider's own origin (the CSP allows no other): it reloads a
        // page restored from the back/forward cache.
        assert_eq!(
            t.matches("<script").count(),
            t.matches(r#"<script src="/mock-psp/restore.js"></script>"#)
                .count(),
            "{method}"
        );
        assert!(r
            .header(header::CONTENT_SECURITY_POLICY)
            .contains("script-src 'self';"));
        assert!(!t.contains("style=") && !t.contains("<style"), "{method}");
        assert!(t.contains(r#"<link rel="stylesheet" href="/mock-psp/style.css">"#));
        for label in ["Zahlung fehlschlagen lassen", "Abbrechen"] {
            assert!(t.contains(label), "{method} {label}");
        }
        // Every input has a label.
        for id in t.match_indices("<input ").filter_map(|(i, _)| {
            let rest = &t[i..];
            let start = rest.find(" id=\"")? + 5;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_owned())
        }) {
            assert!(
                t.contains(&format!(r#"<label for="{id}">"#)),
                "{method}: {id} has no label"
            );
        }
    }
    let css = get(&s, "/mock-psp/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header(header::CONTENT_TYPE).starts_with("text/css"));
    assert!(css.text.contains(".error-summary"));
    let js = get(&s, "/mock-psp/restore.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js
        .header(header::CONTENT_TYPE)
        .starts_with("text/javascript"));
    assert!(js.text.contains("e.persisted") && js.text.contains("location.replace"));
    let r = get(&s, "/mock-psp/pay_doesnotexist000000").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text.contains("<main"));
}

#[tokio::test]
async fn transfer_has_bank_details_stays_open_and_is_paid_by_the_bank_statement() {
    let s = state();
    let reference = register_application(&s).await;
    let p = create(
        &s,
        json!([application(&reference), hearing(OPEN_WARNING)]),
        "TRANSFER",
    )
    .await;
    let id = p["id"].as_str().expect("id");
    assert!(p.get("redirect_url").is_none());
    assert!(p.get("expires_at").is_none());
    let t = &p["transfer"];
    assert_eq!(t["name"], "Stadt Musterstadt");
    let iban = t["iban"].as_str().expect("iban");
    assert!(iban.parse::<iban::Iban>().is_ok(), "{iban}");
    assert!(t["bic"]
        .as_str()
        .is_some_and(|b| b.len() == 8 || b.len() == 11));
    assert_eq!(t["remittance"], p["purpose"]);
    assert_eq!(t["amount"], 700 + 3500);
    assert_eq!(
        get(&s, &format!("/mock-psp/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "no provider page"
    );

    // A bank transfer takes days: no expiry.
    s.clock().advance(3 * 86_400);
    let open = payment(&s, id).await;
    assert_eq!(open["status"], "INITIAL");
    assert!(open["transfer"].is_object());

    let dev = |path: String| Request::post(path).body(Body::empty()).expect("request");
    assert_eq!(
        send(&s, dev("/api/v1/dev/transfers/ZZZZ2222/received".into()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The remittance as the statement shows it (any case, spaces).
    let remittance = t["remittance"]
        .as_str()
        .expect("remittance")
        .to_lowercase()
        .replace(' ', "%20");
    let r = send(
        &s,
        dev(format!("/api/v1/dev/transfers/{remittance}/received")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "PAYED");
    assert_eq!(payment(&s, id).await["status"], "PAYED");
    assert!(application_paid(&s, &reference).await);
    assert_eq!(hearing_status(&s, OPEN_WARNING).await, "paid");
    let code = p["reference"].as_str().expect("reference");
    let again = send(&s, dev(format!("/api/v1/dev/transfers/{code}/received"))).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "money for a paid transfer is refused"
    );

    // A card payment's reference is not a pending transfer either.
    let card = create(&s, json!([hearing(OPEN_FINE)]), "CREDITCARD").await;
    let r = send(
        &s,
        dev(format!(
            "/api/v1/dev/transfers/{}/received",
            card["reference"].as_str().unwrap_or("")
        )),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_online_payment_supersedes_a_pending_transfer_of_the_same_item() {
    let s = state();
    let transfer = create(&s, json!([hearing(OPEN_WARNING)]), "TRANSFER").await;
    // A pending transfer does not block switching to an online method...
    let card = create(&s, json!([hearing(OPEN_WARNING)]), "CREDITCARD").await;
    let r = psp_post(
        &s,
        card["id"].as_str().expect("id"),
        &pay_fields("CREDITCARD"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // ...and once that is paid, the transfer is cancelled so money arriving later is refused.
    let t = payment(&s, transfer["id"].as_str().expect("id")).await;
    assert_eq!(t["status"], "CANCELED");
    let path = format!(
        "/api/v1/dev/transfers/{}/received",
        transfer["reference"].as_str().unwrap_or("")
    );
    let r = send(
        &s,
        Request::post(path).body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(hearing_status(&s, OPEN_WARNING).await, "paid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_submits_pay_exactly_once() {
    let s = state();
    let reference = register_application(&s).await;
    let p = create(&s, json!([application(&reference)]), "WERO").await;
    let id = p["id"].as_str().expect("id").to_owned();
    let fields = pay_fields("WERO");
    let runs: Vec<_> = (0..8)
        .map(|i| {
            let s = s.clone();
            let id = id.clone();
            let fields = fields.clone();
            tokio::spawn(async move {
                if i % 2 == 0 {
                    psp_post(&s, &id, &fields).await.status
                } else {
                    psp_post(&s, &id, &[("action", "cancel")]).await.status
                }
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for r in runs {
        statuses.push(r.await.expect("task"));
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        7,
        "{statuses:?}"
    );
    let status = payment(&s, &id).await["status"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(status == "PAYED" || status == "CANCELED");
    assert_eq!(application_paid(&s, &reference).await, status == "PAYED");
}

#[tokio::test]
async fn the_store_checks_initial_and_pays_under_one_lock() {
    use mock_backend::payments::{Finish, FinishError};
    use std::sync::{Arc, Barrier};
    let s = state();
    let reference = register_application(&s).await;
    let p = create(
        &s,
        json!([application(&reference), hearing(OPEN_WARNING)]),
        "CREDITCARD",
    )
    .await;
    let id = p["id"].as_str().expect("id").to_owned();
    // Threads released at once straight into the store (no page pre-check in between).
    let barrier = Arc::new(Barrier::new(6));
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let (s, id, barrier) = (s.clone(), id.clone(), barrier.clone());
            std::thread::spawn(move || {
                let finish = [Finish::Pay, Finish::Fail, Finish::Cancel][i % 3];
                barrier.wait();
                s.payments()
                    .finish(&id, finish, s.item_stores(), s.clock().now())
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .filter(|r| r.is_err())
        .all(|r| matches!(r, Err(FinishError::NotOpen(_)))));
    let winner = results
        .iter()
        .find_map(|r| r.as_ref().ok())
        .expect("one winner");
    assert_eq!(
        application_paid(&s, &reference).await,
        winner.status == domain::payment::PaymentStatus::Payed
    );
    assert_eq!(
        payment(&s, &id).await["status"],
        serde_json::to_value(winner.status).expect("status")
    );
    // And once more, sequentially: a finished payment never changes.
    for finish in [Finish::Pay, Finish::Fail, Finish::Cancel] {
        let r = s
            .payments()
            .finish(&id, finish, s.item_stores(), s.clock().now());
        assert!(matches!(r, Err(FinishError::NotOpen(_))));
    }
    assert!(matches!(
        s.payments()
            .finish("pay_nope", Finish::Pay, s.item_stores(), s.clock().now()),
        Err(FinishError::NotFound)
    ));
}

#[tokio::test]
async fn dev_endpoint_is_documented_as_mock_only() {
    let doc: Value = serde_json::from_str(&mock_backend::openapi::json()).expect("openapi json");
    let op = &doc["paths"]["/api/v1/dev/transfers/{reference}/received"]["post"];
    assert_eq!(op["tags"][0], "mock-only");
    assert!(op["description"]
        .as_str()
        .unwrap_or("")
        .contains("does not exist in production"));
    assert!(doc["paths"]["/api/v1/payments"]["post"].is_object());
    assert!(doc["components"]["schemas"]["PaymentRequest"]["properties"]
        .get("amount")
        .is_none());
}

#[tokio::test]
async fn a_hearing_case_is_paid_only_in_its_own_session_and_says_nothing_otherwise() {
    let s = state();
    let sign_in_first = |r: &Reply| {
        r.json["errors"]["items.0"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // No session: an open case and a case number that does not exist read the same.
    let open = create_as(
        &s,
        "anon-1",
        &body(json!([hearing(OPEN_FINE)]), "TRANSFER"),
        "de",
        None,
    )
    .await;
    let unknown = create_as(
        &s,
        "anon-2",
        &body(json!([hearing("OWI-2026-999999")]), "TRANSFER"),
        "de",
        None,
    )
    .await;
    let paid = create_as(
        &s,
        "anon-3",
        &body(json!([hearing(PAID)]), "TRANSFER"),
        "de",
        None,
    )
    .await;
    for r in [&open, &unknown, &paid] {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
        assert!(
            r.json.get("amount").is_none()
                && !r.text.contains("115")
                && !r.text.contains("Bußgeld"),
            "{}",
            r.text
        );
    }
    assert_eq!(sign_in_first(&open), sign_in_first(&unknown));
    assert_eq!(sign_in_first(&open), sign_in_first(&paid));
    assert!(sign_in_first(&open).contains("Aktenzeichen und Zugangscode"));
    // Another case's session, or an unknown token, does not count.
    let other = sign_in(&s, OPEN_WARNING).await;
    let r = create_as(
        &s,
        "other",
        &body(json!([hearing(OPEN_FINE)]), "TRANSFER"),
        "de",
        other.as_deref(),
    )
    .await;
    assert_eq!(sign_in_first(&r), sign_in_first(&open));
    let r = create_as(
        &s,
        "forged",
        &body(json!([hearing(OPEN_FINE)]), "TRANSFER"),
        "de",
        Some("not-a-token"),
    )
    .await;
    assert_eq!(sign_in_first(&r), sign_in_first(&open));
    assert_eq!(s.payments().count(), 0);
    // Its own session: priced and created.
    let own = sign_in(&s, "owi 2026 000102").await;
    let r = create_as(
        &s,
        "own",
        &body(json!([hearing(OPEN_FINE)]), "TRANSFER"),
        "de",
        own.as_deref(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["amount"], 11_500);
}
