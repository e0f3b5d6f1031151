//! Notices through the router: sign-in (the hearing's rules), the seeded states, charges,
//! pricing per instalment, the checkout's refusals and a paid instalment shown at once.

mod common;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, json_request, send, state, Reply};
use mock_backend::AppState;
use serde_json::{json, Value};

const DOG_TAX: (&str, &str) = ("6.0100.000201.3", "N7KD-4PRA");
const PROPERTY_TAX: (&str, &str) = ("6.0100.000202.4", "H4TP-9XKW");
const PARTLY: (&str, &str) = ("6.0300.000203.5", "C8RM-2VJE");
const PAID: (&str, &str) = ("6.0400.000204.6", "V3LA-6NFB");
const DEFERRED: (&str, &str) = ("6.0100.000205.7", "S6EG-3YTU");
const DUE_TODAY: (&str, &str) = ("6.0500.000206.8", "M9WH-5KDR");
const OVERDUE: (&str, &str) = ("6.0100.000207.9", "X2RF-7PLC");
const WASTE: (&str, &str) = ("6.0600.000208.1", "E5BU-8GTA");

async fn login_raw(s: &AppState, kz: &str, code: &str) -> Reply {
    send(
        s,
        json_request(
            Method::POST,
            "/api/v1/notices/session",
            &json!({"kassenzeichen": kz, "access_code": code}),
            "de",
            None,
        ),
    )
    .await
}

async fn sign_in(s: &AppState, (kz, code): (&str, &str)) -> String {
    let r = login_raw(s, kz, code).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["token"].as_str().unwrap_or_default().to_owned()
}

fn with_token(mut req: Request<Body>, token: &str) -> Request<Body> {
    req.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().expect("header"),
    );
    req
}

async fn notice(s: &AppState, token: &str) -> Reply {
    let req = Request::get("/api/v1/notices/current")
        .body(Body::empty())
        .expect("request");
    send(s, with_token(req, token)).await
}

async fn pay(s: &AppState, token: &str, key: &str, item: Value, method: &str) -> Reply {
    let body = json!({"items": [item], "method": method, "return_url": "/kasse/rueckkehr"});
    let req = json_request(Method::POST, "/api/v1/payments", &body, "de", Some(key));
    send(s, with_token(req, token)).await
}

async fn approve(s: &AppState, id: &str) {
    let req = Request::post(format!("/mock-psp/{id}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("action=pay"))
        .expect("request");
    let r = send(s, req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

fn instalment<'a>(n: &'a Value, id: &str) -> &'a Value {
    n["instalments"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == id))
        .expect("instalment")
}

#[tokio::test]
async fn sign_in_follows_the_hearing_rules() {
    let s = state();
    // Wrong code and unknown Kassenzeichen: the same 401.
    let wrong = login_raw(&s, DOG_TAX.0, "AAAA-AAAA").await;
    let unknown = login_raw(&s, "9.9999.999999.9", DOG_TAX.1).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json["detail"], unknown.json["detail"]);
    assert_eq!(
        wrong.json["detail"],
        "Kassenzeichen oder Zugangscode stimmen nicht."
    );
    // Five failures lock the Kassenzeichen, even for the right code, with Retry-After.
    for _ in 0..4 {
        assert_eq!(
            login_raw(&s, DOG_TAX.0, "AAAA-AAAA").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = login_raw(&s, "6 0100 000201 3", DOG_TAX.1).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.header(header::RETRY_AFTER), "900");
    assert_eq!(
        locked.json["detail"],
        "Bitte versuchen Sie es in 15 Minuten erneut."
    );
    // Other notices are not affected; the lock ends after 15 minutes.
    sign_in(&s, PAID).await;
    s.clock().advance(15 * 60);
    sign_in(&s, DOG_TAX).await;
    // Empty fields: 422 per field.
    let empty = login_raw(&s, " ", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.json["errors"]["kassenzeichen"].is_array());
    assert!(empty.json["errors"]["access_code"].is_array());
}

#[tokio::test]
async fn a_session_shows_only_its_own_notice() {
    let s = state();
    let none = get(&s, "/api/v1/notices/current").await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    let token = sign_in(&s, DOG_TAX).await;
    let n = notice(&s, &token).await;
    assert_eq!(n.status, StatusCode::OK);
    assert_eq!(n.json["kassenzeichen"], DOG_TAX.0);
    assert_eq!(n.json["addressee"], "Erika Mustermann");
    assert_eq!(n.header(header::CACHE_CONTROL), "private, no-store");
    assert_eq!(n.json["payee"]["iban"], "DE09123456780001234567");
    // A hearing token does not open a notice.
    let hearing = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/hearings/session",
            &json!({"case_number": "OWI-2026-000101", "access_code": "K7MP-3XTA"}),
            "de",
            None,
        ),
    )
    .await;
    let hearing_token = hearing.json["token"].as_str().unwrap_or_default();
    assert_eq!(
        notice(&s, hearing_token).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Signing out ends it.
    let out = send(
        &s,
        with_token(
            Request::delete("/api/v1/notices/session")
                .body(Body::empty())
                .expect("request"),
            &token,
        ),
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(notice(&s, &token).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_seeded_state() {
    let s = state();
    let today = s.clock().today();
    let n = notice(&s, &sign_in(&s, DOG_TAX).await).await.json;
    let i = instalment(&n, "1");
    assert_eq!(
        (
            i["status"].as_str(),
            i["open"].as_i64(),
            i["due_now"].as_bool()
        ),
        (Some("open"), Some(9600), Some(false))
    );
    assert_eq!(i["due_on"], today.add_days(14).iso());
    assert_eq!(n["subject"]["de"], format!("Hundesteuer {}", today.year));

    let n = notice(&s, &sign_in(&s, PROPERTY_TAX).await).await.json;
    let dates: Vec<&str> = n["instalments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due_on"].as_str().unwrap())
        .collect();
    for d in &dates {
        assert!(
            d.ends_with("-02-15")
                || d.ends_with("-05-15")
                || d.ends_with("-08-15")
                || d.ends_with("-11-15"),
            "{d}"
        );
    }
    assert_eq!(instalment(&n, "1")["status"], "paid");
    let overdue = instalment(&n, "2");
    assert_eq!(overdue["due_now"], true);
    assert!(overdue["days_overdue"].as_i64().unwrap() > 0);

    let n = notice(&s, &sign_in(&s, PARTLY).await).await.json;
    let i = instalment(&n, "1");
    assert_eq!(
        (i["status"].as_str(), i["paid"].as_i64(), i["open"].as_i64()),
        (Some("partly_paid"), Some(10_000), Some(21_240))
    );

    let n = notice(&s, &sign_in(&s, PAID).await).await.json;
    assert_eq!(instalment(&n, "1")["status"], "paid");
    assert_eq!(n["open_total"], 0);

    let n = notice(&s, &sign_in(&s, DEFERRED).await).await.json;
    let i = instalment(&n, "2");
    assert_eq!(i["status"], "deferred");
    assert_eq!(i["deferred_until"], today.add_days(45).iso());
    assert_eq!(
        (i["due_now"].as_bool(), i["days_overdue"].as_i64()),
        (Some(false), Some(0))
    );
    assert_eq!(i["charges"], json!([]), "no charges before the new date");

    let n = notice(&s, &sign_in(&s, DUE_TODAY).await).await.json;
    let i = instalment(&n, "1");
    assert_eq!(
        (i["due_now"].as_bool(), i["days_overdue"].as_i64()),
        (Some(true), Some(0))
    );
    assert_eq!(n["due_now_total"], 4500);

    // 650 € fifty days overdue: 1 % of 650 € for two months started, and the dunning fee.
    let n = notice(&s, &sign_in(&s, OVERDUE).await).await.json;
    let i = instalment(&n, "1");
    assert_eq!(i["days_overdue"], 50);
    assert_eq!(
        i["charges"][0],
        json!({"kind": "late_payment", "amount": 1300, "months": 2, "base": 65000})
    );
    assert_eq!(i["charges"][1]["kind"], "dunning_fee");
    assert_eq!(i["charges"][1]["amount"], 650);
    assert_eq!(i["charges"][1]["reminded_on"], today.add_days(-36).iso());
    assert_eq!(n["due_now_total"], 65000 + 1300 + 650);
}

#[tokio::test]
async fn paying_one_instalment_by_card_shows_it_paid_at_once() {
    let s = state();
    let token = sign_in(&s, WASTE).await;
    let r = pay(
        &s,
        &token,
        "k1",
        json!({"kind": "notice", "kassenzeichen": "6 0600 000208 1", "items": ["2"]}),
        "PAYPAL",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["amount"], 8000);
    assert_eq!(r.json["items"][0]["kind"], "notice");
    assert_eq!(r.json["items"][0]["part"], "2");
    assert_eq!(r.json["items"][0]["reference"], WASTE.0);
    let id = r.json["id"].as_str().unwrap().to_owned();
    // While it is pending, the instalment says so and cannot be paid again.
    let n = notice(&s, &token).await.json;
    assert_eq!(instalment(&n, "2")["payment_pending"], true);
    let again = pay(
        &s,
        &token,
        "k2",
        json!({"kind": "notice", "kassenzeichen": WASTE.0, "items": ["2", "3"]}),
        "WERO",
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.json["errors"]["items.0"][0]
        .as_str()
        .unwrap()
        .contains("läuft bereits"));
    approve(&s, &id).await;
    let n = notice(&s, &token).await.json;
    let i = instalment(&n, "2");
    assert_eq!(
        (i["status"].as_str(), i["open"].as_i64()),
        (Some("paid"), Some(0))
    );
    assert_eq!(i["paid_on"], s.clock().today().iso());
    assert_eq!(instalment(&n, "1")["status"], "open");
    // Paying it twice is refused.
    let twice = pay(
        &s,
        &token,
        "k3",
        json!({"kind": "notice", "kassenzeichen": WASTE.0, "items": ["2"]}),
        "WERO",
    )
    .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        twice.json["errors"]["items.0"][0],
        "Rate 2 ist bereits bezahlt."
    );
}

#[tokio::test]
async fn everything_due_now_with_charges_by_transfer() {
    let s = state();
    let token = sign_in(&s, OVERDUE).await;
    let r = pay(
        &s,
        &token,
        "t1",
        json!({"kind": "notice", "kassenzeichen": OVERDUE.0}),
        "TRANSFER",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["amount"], 65000 + 1300 + 650);
    let labels: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"]["de"].as_str().unwrap())
        .collect();
    assert_eq!(labels.len(), 3);
    assert!(
        labels[1].starts_with("Säumniszuschlag") && labels[2].starts_with("Mahngebühr"),
        "{labels:?}"
    );
    let transfer = &r.json["transfer"];
    let remittance = transfer["remittance"].as_str().unwrap();
    assert!(
        remittance.starts_with("6.0100.000207.9 "),
        "the Kassenzeichen first, unchanged: {remittance}"
    );
    assert_eq!(transfer["amount"], 66950);
    // The bank statement with that remittance pays it; the charges stay as paid with it.
    let path = format!(
        "/api/v1/dev/transfers/{}/received",
        remittance.replace(' ', "%20")
    );
    let got = send(
        &s,
        Request::post(path).body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.json);
    let n = notice(&s, &token).await.json;
    let i = instalment(&n, "1");
    assert_eq!(i["status"], "paid");
    assert_eq!(i["charges"][0]["amount"], 1300);
    assert_eq!(n["open_total"], 0);
    // Nothing is due any more: "everything due" is refused with a reason.
    let none = pay(
        &s,
        &token,
        "t2",
        json!({"kind": "notice", "kassenzeichen": OVERDUE.0}),
        "TRANSFER",
    )
    .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.json["errors"]["items.0"][0]
        .as_str()
        .unwrap()
        .starts_with("Heute ist nichts fällig"));
}

#[tokio::test]
async fn a_deferred_instalment_may_be_paid_early_without_charges() {
    let s = state();
    let token = sign_in(&s, DEFERRED).await;
    let r = pay(
        &s,
        &token,
        "d1",
        json!({"kind": "notice", "kassenzeichen": DEFERRED.0, "items": ["2"]}),
        "TRANSFER",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["amount"], 42000, "whole open amount, no charges");
    // "Everything due now" of this notice: nothing is due (the deferred one is not).
    let none = pay(
        &s,
        &token,
        "d2",
        json!({"kind": "notice", "kassenzeichen": DEFERRED.0, "items": []}),
        "TRANSFER",
    )
    .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn partly_paid_is_priced_at_what_is_open() {
    let s = state();
    let token = sign_in(&s, PARTLY).await;
    let r = pay(
        &s,
        &token,
        "p1",
        json!({"kind": "notice", "kassenzeichen": PARTLY.0, "items": ["1"]}),
        "TRANSFER",
    )
    .await;
    assert_eq!(r.json["amount"], 21_240, "never more than is open");
}

#[tokio::test]
async fn refusals_of_the_checkout() {
    let s = state();
    let dog = sign_in(&s, DOG_TAX).await;
    // Another notice's Kassenzeichen with this session: the sign-in message, nothing learned.
    let other = pay(
        &s,
        &dog,
        "r1",
        json!({"kind": "notice", "kassenzeichen": WASTE.0}),
        "TRANSFER",
    )
    .await;
    let unknown = pay(
        &s,
        &dog,
        "r2",
        json!({"kind": "notice", "kassenzeichen": "9.9999.999999.9"}),
        "TRANSFER",
    )
    .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.json["errors"], unknown.json["errors"]);
    assert!(other.json["errors"]["items.0"][0]
        .as_str()
        .unwrap()
        .contains("melden Sie sich bitte"));
    // Without any session.
    let body = json!({"items": [{"kind": "notice", "kassenzeichen": DOG_TAX.0}], "method": "TRANSFER", "return_url": "/kasse/rueckkehr"});
    let anon = send(
        &s,
        json_request(Method::POST, "/api/v1/payments", &body, "de", Some("r3")),
    )
    .await;
    assert_eq!(anon.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Unknown and duplicate instalments; an amount is never accepted.
    let bad = pay(
        &s,
        &dog,
        "r4",
        json!({"kind": "notice", "kassenzeichen": DOG_TAX.0, "items": ["1", "1", "7"]}),
        "TRANSFER",
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let msg = bad.json["errors"]["items.0"][0].as_str().unwrap();
    assert!(msg.contains("mehrfach") && msg.contains("„7“"), "{msg}");
    let amount = pay(
        &s,
        &dog,
        "r5",
        json!({"kind": "notice", "kassenzeichen": DOG_TAX.0, "amount": 1}),
        "TRANSFER",
    )
    .await;
    assert_eq!(amount.status, StatusCode::BAD_REQUEST);
    // The dog tax is not due yet: "everything due" is refused, the instalment by id is fine.
    let nothing = pay(
        &s,
        &dog,
        "r6",
        json!({"kind": "notice", "kassenzeichen": DOG_TAX.0}),
        "TRANSFER",
    )
    .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let early = pay(
        &s,
        &dog,
        "r7",
        json!({"kind": "notice", "kassenzeichen": DOG_TAX.0, "items": ["1"]}),
        "TRANSFER",
    )
    .await;
    assert_eq!(early.status, StatusCode::CREATED);
    // A hearing session does not pay a notice.
    let hearing = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/hearings/session",
            &json!({"case_number": "OWI-2026-000101", "access_code": "K7MP-3XTA"}),
            "de",
            None,
        ),
    )
    .await;
    let hearing_token = hearing.json["token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let wrong_session = pay(
        &s,
        &hearing_token,
        "r8",
        json!({"kind": "notice", "kassenzeichen": DOG_TAX.0, "items": ["1"]}),
        "TRANSFER",
    )
    .await;
    assert_eq!(wrong_session.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_town_without_notices_answers_404() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../towns/lindenbach");
    let town = mock_backend::town::Town::load(&dir).expect("lindenbach loads");
    let s = AppState::for_town(std::env::temp_dir().join("serviceportal-no-dist"), town);
    let r = login_raw(&s, DOG_TAX.0, DOG_TAX.1).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// The sign-in answers with the notice itself (one round trip from the QR code): the same as
/// `current` gives for that session, never stored by a cache, and only the notice of that pair.
#[tokio::test]
async fn sign_in_brings_its_own_notice_and_no_other() {
    let s = state();
    for pair in [DOG_TAX, PROPERTY_TAX, OVERDUE] {
        let r = login_raw(&s, pair.0, pair.1).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        assert_eq!(r.header(header::CACHE_CONTROL), "private, no-store");
        let token = r.json["token"].as_str().expect("token");
        let current = notice(&s, token).await;
        assert_eq!(current.status, StatusCode::OK);
        assert_eq!(r.json["notice"], current.json, "{}", pair.0);
        assert_eq!(r.json["notice"]["kassenzeichen"], pair.0);
        // The app's type reads it whole and writes it back unchanged.
        let typed: domain::notice::NoticeSignIn =
            serde_json::from_value(r.json.clone()).expect("NoticeSignIn");
        assert_eq!(serde_json::to_value(&typed).expect("json"), r.json);
    }
    // A wrong code: a problem, no notice in it.
    let r = login_raw(&s, PROPERTY_TAX.0, DOG_TAX.1).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json.get("notice").is_none(), "{}", r.json);
    assert!(!r.text.contains("Grundsteuer"), "{}", r.text);
}
