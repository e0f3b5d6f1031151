//! The online hearing API exercised through the router, as the app would use it.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use mock_backend::hearings::NotPayable;
use mock_backend::{app, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

const OPEN_WARNING: (&str, &str) = ("OWI-2026-000101", "K7MP-3XTA");
const OPEN_FINE: (&str, &str) = ("OWI-2026-000102", "R4WD-9HNE");
const WITNESS: (&str, &str) = ("OWI-2026-000103", "P8CF-2LYU");
const PASSED: (&str, &str) = ("OWI-2026-000104", "H3NS-6GAV");
const PAID: (&str, &str) = ("OWI-2026-000105", "T9BX-4KRE");
const ANSWERED: (&str, &str) = ("OWI-2026-000106", "W2YJ-8DMP");
const LAST_DAY: (&str, &str) = ("OWI-2026-000107", "F6UA-7CTW");
const TO_BE_PAID: (&str, &str) = ("OWI-2026-000108", "B5NC-4HRT");

fn state() -> AppState {
    AppState::seeded(std::env::temp_dir().join("serviceportal-no-dist"))
}

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    json: Value,
}

impl Res {
    fn ctype(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn send(state: &AppState, req: Request<Body>) -> Res {
    let res = app(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Res {
        status,
        headers,
        body,
        json,
    }
}

fn request(
    method: &str,
    path: &str,
    token: Option<&str>,
    lang: &str,
    body: Option<&Value>,
) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ACCEPT_LANGUAGE, lang);
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    match body {
        Some(v) => b
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(v.to_string())),
        None => b.body(Body::empty()),
    }
    .expect("request")
}

async fn login_raw(s: &AppState, case: &str, code: &str, lang: &str) -> Res {
    let body = json!({"case_number": case, "access_code": code});
    send(
        s,
        request("POST", "/api/v1/hearings/session", None, lang, Some(&body)),
    )
    .await
}

async fn login(s: &AppState, (case, code): (&str, &str)) -> String {
    let r = login_raw(s, case, code, "de").await;
    assert_eq!(r.status, StatusCode::CREATED, "login {case}: {}", r.json);
    r.json["token"].as_str().expect("token").to_owned()
}

async fn current(s: &AppState, token: &str) -> Res {
    send(
        s,
        request("GET", "/api/v1/hearings/current", Some(token), "de", None),
    )
    .await
}

async fn respond(s: &AppState, token: &str, key: &str, body: &Value, lang: &str) -> Res {
    let mut req = request(
        "POST",
        "/api/v1/hearings/current/response",
        Some(token),
        lang,
        Some(body),
    );
    req.headers_mut()
        .insert("idempotency-key", key.parse().expect("header"));
    send(s, req).await
}

fn personal_data() -> Value {
    json!({
        "family_name": "Mustermann",
        "given_names": "Erika",
        "date_of_birth": "1985-03-14",
        "place_of_birth": "Musterstadt",
        "street": "Lindenweg",
        "house_number": "3",
        "postal_code": "12345",
        "town": "Musterstadt",
        "nationality": "deutsch",
        "occupation": "Erzieherin",
        "marital_status": "single"
    })
}

fn statement(text: &str) -> Value {
    json!({"personal_data": personal_data(), "choice": {"kind": "statement", "admits": false, "text": text, "attachments": []}})
}

fn is_reference(s: &str) -> bool {
    s.len() == 8
        && s.bytes()
            .all(|b| b"ABCDEFGHJKLMNPRSTUVWXY23456789".contains(&b))
}

#[tokio::test]
async fn login_accepts_the_pair_in_any_case_and_with_separators() {
    let s = state();
    let r = login_raw(&s, " owi-2026-000101 ", "k7mp 3xta", "de").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let token = r.json["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(r.json["expires_in_seconds"], s.hearings().session_secs());
    let expected = mock_backend::clock::rfc3339(s.clock().now() + s.hearings().session_secs());
    let got = r.json["expires_at"].as_str().unwrap();
    assert_eq!(got.len(), expected.len());
    assert!(
        got.ends_with('Z') && got[..13] == expected[..13],
        "{got} vs {expected}"
    );
    assert_eq!(current(&s, token).await.status, StatusCode::OK);
    // Pasted without hyphens at all.
    assert_eq!(
        login_raw(&s, "OWI2026000101", "K7MP3XTA", "de")
            .await
            .status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn wrong_code_and_unknown_case_get_the_same_401() {
    let s = state();
    let wrong = login_raw(&s, OPEN_WARNING.0, "AAAA-BBBB", "de").await;
    let unknown = login_raw(&s, "OWI-2026-999999", OPEN_WARNING.1, "de").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.ctype(), "application/problem+json");
    assert_eq!(wrong.body, unknown.body, "identical bodies reveal nothing");
    assert_eq!(
        wrong.json["detail"],
        "Aktenzeichen oder Zugangscode stimmen nicht."
    );
    let en = login_raw(&s, OPEN_WARNING.0, "AAAA-BBBB", "en").await;
    assert_eq!(en.json["detail"], "Case number or access code is wrong.");
    // Another case's code does not open this case.
    assert_eq!(
        login_raw(&s, OPEN_WARNING.0, OPEN_FINE.1, "de")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn blank_login_fields_are_422_and_not_counted() {
    let s = state();
    for _ in 0..6 {
        let r = login_raw(&s, "  ", "", "de").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.json["errors"]["case_number"][0],
            "Bitte geben Sie das Aktenzeichen ein."
        );
        assert_eq!(
            r.json["errors"]["access_code"][0],
            "Bitte geben Sie den Zugangscode ein."
        );
    }
}

async fn assert_locked(s: &AppState, case: &str, code: &str) {
    let r = login_raw(s, case, code, "de").await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{case}: {}",
        r.json
    );
    assert_eq!(r.ctype(), "application/problem+json");
    let retry: i64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((880..=900).contains(&retry), "Retry-After {retry}");
    assert_eq!(
        r.json["detail"],
        "Bitte versuchen Sie es in 15 Minuten erneut."
    );
}

#[tokio::test]
async fn five_failures_lock_an_existing_case_number_even_for_the_right_code() {
    let s = state();
    for _ in 0..5 {
        assert_eq!(
            login_raw(&s, OPEN_WARNING.0, "WRNG-CODE", "de")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_locked(&s, OPEN_WARNING.0, "WRNG-CODE").await;
    assert_locked(&s, "owi-2026-000101", OPEN_WARNING.1).await;
    // Other cases are not affected.
    assert_eq!(
        login_raw(&s, OPEN_FINE.0, OPEN_FINE.1, "de").await.status,
        StatusCode::CREATED
    );
    s.clock().advance(14 * 60);
    assert_eq!(
        login_raw(&s, OPEN_WARNING.0, OPEN_WARNING.1, "de")
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    s.clock().advance(61);
    assert_eq!(
        login_raw(&s, OPEN_WARNING.0, OPEN_WARNING.1, "de")
            .await
            .status,
        StatusCode::CREATED
    );
    // The success cleared the counter: one failure is a plain 401 again.
    assert_eq!(
        login_raw(&s, OPEN_WARNING.0, "WRNG-CODE", "de")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn five_failures_lock_an_unknown_case_number_too() {
    let s = state();
    for _ in 0..5 {
        assert_eq!(
            login_raw(&s, "OWI-2026-555555", "K7MP-3XTA", "de")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_locked(&s, "OWI-2026-555555", "K7MP-3XTA").await;
    s.clock().advance(15 * 60 + 1);
    assert_eq!(
        login_raw(&s, "OWI-2026-555555", "K7MP-3XTA", "de")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sessions_expire_after_inactivity_slide_refresh_and_end() {
    let s = state();
    let secs = s.hearings().session_secs();
    let token = login(&s, OPEN_WARNING).await;
    s.clock().advance(secs - 5);
    assert_eq!(
        current(&s, &token).await.status,
        StatusCode::OK,
        "activity before expiry"
    );
    s.clock().advance(secs - 5);
    assert_eq!(
        current(&s, &token).await.status,
        StatusCode::OK,
        "the previous request extended it"
    );
    s.clock().advance(secs + 1);
    let r = current(&s, &token).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.json["detail"],
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."
    );

    let token = login(&s, OPEN_WARNING).await;
    s.clock().advance(secs - 5);
    let r = send(
        &s,
        request(
            "POST",
            "/api/v1/hearings/session/refresh",
            Some(&token),
            "en",
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["token"], token.as_str());
    assert_eq!(r.json["expires_in_seconds"], secs);
    s.clock().advance(secs - 5);
    assert_eq!(
        current(&s, &token).await.status,
        StatusCode::OK,
        "refresh extended it"
    );

    let r = send(
        &s,
        request(
            "DELETE",
            "/api/v1/hearings/session",
            Some(&token),
            "de",
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(current(&s, &token).await.status, StatusCode::UNAUTHORIZED);
    let r = send(
        &s,
        request(
            "DELETE",
            "/api/v1/hearings/session",
            Some(&token),
            "en",
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.json["detail"],
        "Your session has expired. Please sign in again."
    );
}

#[tokio::test]
async fn missing_or_malformed_authorization_is_401() {
    let s = state();
    let token = login(&s, OPEN_WARNING).await;
    assert_eq!(
        send(
            &s,
            request("GET", "/api/v1/hearings/current", None, "de", None)
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let mut req = request("GET", "/api/v1/hearings/current", None, "de", None);
    req.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Basic {token}").parse().unwrap(),
    );
    assert_eq!(send(&s, req).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(current(&s, "0000").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_seeded_state_is_served() {
    let s = state();
    // (case, status, payment_possible, role, kind, amount, days_left, answered)
    let expectations = [
        (
            OPEN_WARNING,
            "open",
            true,
            "person_concerned",
            "warning_fine",
            3500,
            7,
            false,
        ),
        (
            OPEN_FINE,
            "open",
            true,
            "person_concerned",
            "fine",
            11_500,
            14,
            false,
        ),
        (
            WITNESS,
            "open",
            false,
            "keeper_witness",
            "fine",
            6000,
            14,
            false,
        ),
        (
            PASSED,
            "deadline_passed",
            false,
            "person_concerned",
            "warning_fine",
            2000,
            -3,
            false,
        ),
        (
            PAID,
            "paid",
            false,
            "person_concerned",
            "warning_fine",
            2500,
            4,
            false,
        ),
        (
            ANSWERED,
            "answered",
            true,
            "person_concerned",
            "warning_fine",
            3000,
            5,
            true,
        ),
        (
            LAST_DAY,
            "open",
            true,
            "person_concerned",
            "warning_fine",
            1000,
            0,
            false,
        ),
        (
            TO_BE_PAID,
            "open",
            true,
            "person_concerned",
            "warning_fine",
            1500,
            10,
            false,
        ),
    ];
    for (pair, status, payable, role, kind, amount, days_left, answered) in expectations {
        let token = login(&s, pair).await;
        let r = current(&s, &token).await;
        assert_eq!(r.status, StatusCode::OK);
        let c = &r.json;
        assert_eq!(c["case_number"], pair.0);
        assert_eq!(c["status"], status, "{}", pair.0);
        assert_eq!(c["payment_possible"], payable, "{}", pair.0);
        assert_eq!(c["role"], role, "{}", pair.0);
        assert_eq!(c["kind"], kind, "{}", pair.0);
        assert_eq!(c["amount"], amount, "{}", pair.0);
        assert_eq!(c["days_left"], days_left, "{}", pair.0);
        assert_eq!(c["response"].is_object(), answered, "{}", pair.0);
        // Only a paid case says when: two days before startup for the seeded one.
        let deadline = domain::date::Date::parse_iso(c["deadline"].as_str().unwrap()).unwrap();
        let today = deadline.add_days(-c["days_left"].as_i64().unwrap());
        let paid_on = (status == "paid").then(|| today.add_days(-2).iso());
        assert_eq!(
            c["paid_on"].as_str().map(str::to_string),
            paid_on,
            "{}",
            pair.0
        );
        assert_eq!(c["payee"]["name"], "Stadt Musterstadt");
        assert!(c["payee"]["iban"].as_str().unwrap().starts_with("DE"));
        assert!(!c["payee"]["kassenzeichen"].as_str().unwrap().is_empty());
        assert_eq!(c["offence"]["tbnr"].as_str().unwrap().len(), 6);
        assert!(c["offence"]["tbnr_text"]["en"].is_string());
        assert!(c["offence"]["time"].as_str().unwrap().len() == 5);
        assert!(c["person"]["family_name"].is_string());
        let ev = c["evidence"].as_array().unwrap();
        assert!(!ev.is_empty());
        for e in ev {
            let id = e["id"].as_str().unwrap();
            assert_eq!(e["url"], format!("/api/v1/hearings/current/evidence/{id}"));
            assert!(e["alt"]["de"]
                .as_str()
                .unwrap()
                .contains(c["offence"]["vehicle_registration"].as_str().unwrap()));
            assert_eq!(
                (e["width"].as_u64(), e["height"].as_u64()),
                (Some(640), Some(400))
            );
        }
    }
    let token = login(&s, OPEN_FINE).await;
    assert_eq!(
        current(&s, &token).await.json["evidence"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "the speeding case has two photos"
    );
}

#[tokio::test]
async fn invalid_response_is_422_with_messages_per_field() {
    let s = state();
    let token = login(&s, OPEN_WARNING).await;
    let mut pd = personal_data();
    pd["family_name"] = json!("");
    pd["date_of_birth"] = json!("31.02.1985");
    pd["postal_code"] = json!("1234");
    let body = json!({"personal_data": pd, "choice": {"kind": "refuse_as_relative"}});
    let r = respond(&s, &token, "k-invalid", &body, "de").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.ctype(), "application/problem+json");
    let e = &r.json["errors"];
    assert_eq!(
        e["personal_data.family_name"][0],
        "Bitte geben Sie Ihren Familiennamen ein."
    );
    assert_eq!(
        e["personal_data.date_of_birth"][0],
        "Bitte geben Sie das Geburtsdatum im Format TT.MM.JJJJ ein."
    );
    assert_eq!(
        e["personal_data.postal_code"][0],
        "Die Postleitzahl hat 5 Ziffern, zum Beispiel 12345."
    );
    assert!(e["choice.kind"][0]
        .as_str()
        .unwrap()
        .starts_with("Diese Antwort ist nur für Fahrzeughalterinnen"));
    assert_eq!(e.as_object().unwrap().len(), 4);

    let long = statement(&"x".repeat(2001));
    let r = respond(&s, &token, "k-long", &long, "en").await;
    assert_eq!(
        r.json["errors"]["choice.text"][0],
        "Shorten the text to 2000 characters or fewer."
    );
    // Nothing stored: the case is still open and a valid response goes through.
    assert_eq!(current(&s, &token).await.json["status"], "open");
    assert_eq!(
        respond(&s, &token, "k-long", &statement("ok"), "de")
            .await
            .status,
        StatusCode::CREATED,
        "failed attempts are not remembered"
    );
}

#[tokio::test]
async fn a_case_is_answered_once_and_replays_are_idempotent() {
    let s = state();
    let token = login(&s, OPEN_WARNING).await;
    let body = statement("Ich war zu dieser Zeit nicht in Musterstadt.");
    let first = respond(&s, &token, "key-1", &body, "de").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    let reference = first.json["reference"].as_str().unwrap().to_owned();
    assert!(is_reference(&reference), "{reference}");
    assert_eq!(first.json["case_number"], OPEN_WARNING.0);
    assert_eq!(first.json["copy"], body, "the copy is the request as sent");
    assert!(first.json["received_at"].as_str().unwrap().ends_with('Z'));

    let replay = respond(&s, &token, "key-1", &body, "de").await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json, first.json, "same receipt");

    let other = respond(&s, &token, "key-1", &statement("anders"), "de").await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    assert_eq!(other.json["type"], "/problems/idempotency-conflict");

    let again = respond(&s, &token, "key-2", &body, "de").await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json["type"], "/problems/already-answered");
    assert_eq!(
        again.json["detail"],
        "Zu diesem Fall wurde bereits eine Antwort gesendet."
    );
    let en = respond(&s, &token, "key-3", &body, "en").await;
    assert_eq!(
        en.json["detail"],
        "A response has already been sent for this case."
    );

    let case = current(&s, &token).await.json;
    assert_eq!(case["status"], "answered");
    assert_eq!(case["response"]["reference"], reference.as_str());
    assert_eq!(
        case["payment_possible"], true,
        "a warning fine stays payable after a statement"
    );

    // A new session for the same case replays the same key too.
    let token2 = login(&s, OPEN_WARNING).await;
    assert_eq!(
        respond(&s, &token2, "key-1", &body, "de").await.json["reference"],
        reference.as_str()
    );
}

#[tokio::test]
async fn seeded_answered_case_cannot_be_answered_again() {
    let s = state();
    let token = login(&s, ANSWERED).await;
    let r = respond(&s, &token, "new-key", &statement(""), "de").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/already-answered");
}

#[tokio::test]
async fn keeper_witness_names_the_driver_but_cannot_stay_silent() {
    let s = state();
    let token = login(&s, WITNESS).await;
    let silent = json!({"personal_data": personal_data(), "choice": {"kind": "no_statement"}});
    let r = respond(&s, &token, "w-1", &silent, "en").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["errors"]["choice.kind"][0],
        "As a witness, name the person who drove, refuse as a relative, or make a statement."
    );
    let driver = json!({"personal_data": personal_data(), "choice": {
        "kind": "name_driver", "family_name": "Schmidt", "given_names": "Jana", "street": "Gartenstraße",
        "house_number": "21", "postal_code": "12345", "town": "Musterstadt", "date_of_birth": "02.09.2001"
    }});
    let r = respond(&s, &token, "w-2", &driver, "de").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["copy"]["choice"]["kind"], "name_driver");
    let case = current(&s, &token).await.json;
    assert_eq!(
        (case["status"].as_str(), case["payment_possible"].as_bool()),
        (Some("answered"), Some(false))
    );
}

#[tokio::test]
async fn person_concerned_may_stay_silent_after_the_deadline_but_not_answer_a_paid_case() {
    let s = state();
    let token = login(&s, PASSED).await;
    let silent = json!({"personal_data": personal_data(), "choice": {"kind": "no_statement"}});
    assert_eq!(
        respond(&s, &token, "p-1", &silent, "de").await.status,
        StatusCode::CREATED,
        "late answers are still heard"
    );
    let token = login(&s, PAID).await;
    let r = respond(&s, &token, "p-2", &silent, "de").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/already-paid");
}

#[tokio::test]
async fn response_needs_an_idempotency_key_and_a_session() {
    let s = state();
    let token = login(&s, OPEN_WARNING).await;
    let r = send(
        &s,
        request(
            "POST",
            "/api/v1/hearings/current/response",
            Some(&token),
            "de",
            Some(&statement("")),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.ctype(), "application/problem+json");
    let r = send(
        &s,
        request(
            "POST",
            "/api/v1/hearings/current/response",
            None,
            "de",
            Some(&statement("")),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn evidence_is_an_svg_of_this_case_only() {
    let s = state();
    let token = login(&s, OPEN_FINE).await;
    let case = current(&s, &token).await.json;
    let url = case["evidence"][0]["url"].as_str().unwrap().to_owned();
    let r = send(&s, request("GET", &url, Some(&token), "de", None)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.ctype(), "image/svg+xml");
    assert_eq!(r.headers[header::CACHE_CONTROL], "private, no-store");
    let svg = String::from_utf8(r.body).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("width=\"640\"") && svg.contains("height=\"400\"")
    );
    assert!(
        svg.contains(">MU-AB 1234</text>"),
        "the plate matches the case"
    );
    assert!(svg.contains(OPEN_FINE.0), "the data bar names the case");

    let r = send(&s, request("GET", &url, None, "de", None)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let other = login(&s, OPEN_WARNING).await;
    let r = send(&s, request("GET", &url, Some(&other), "de", None)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "another case's evidence");
    assert_eq!(r.ctype(), "application/problem+json");
    let r = send(
        &s,
        request(
            "GET",
            "/api/v1/hearings/current/evidence/nope",
            Some(&other),
            "de",
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn checkout_api_payable_and_mark_paid() {
    let s = state();
    let today = s.clock().today();
    let h = s.hearings();
    let p = h.payable(OPEN_WARNING.0, today).expect("payable");
    assert_eq!((p.case_number.as_str(), p.amount.0), (OPEN_WARNING.0, 3500));
    assert_eq!(h.payable(WITNESS.0, today), Err(NotPayable::NotPayableRole));
    assert_eq!(h.payable(PASSED.0, today), Err(NotPayable::DeadlinePassed));
    assert_eq!(h.payable(PAID.0, today), Err(NotPayable::AlreadyPaid));
    assert_eq!(
        h.payable("OWI-0000-000000", today),
        Err(NotPayable::Unknown)
    );
    assert!(h.payable(ANSWERED.0, today).is_ok());

    assert!(h.mark_paid(OPEN_WARNING.0, today));
    assert!(!h.mark_paid(OPEN_WARNING.0, today.add_days(1)));
    assert_eq!(
        h.payable(OPEN_WARNING.0, today),
        Err(NotPayable::AlreadyPaid)
    );
    let token = login(&s, OPEN_WARNING).await;
    let case = current(&s, &token).await.json;
    assert_eq!(
        (case["status"].as_str(), case["payment_possible"].as_bool()),
        (Some("paid"), Some(false))
    );
    assert_eq!(
        case["paid_on"].as_str(),
        Some(today.iso().as_str()),
        "the day of the first payment"
    );
}

#[tokio::test]
async fn openapi_documents_the_hearing_api() {
    let doc: Value = serde_json::from_str(&mock_backend::openapi::json()).unwrap();
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer_auth"]["scheme"],
        "bearer"
    );
    let resp = &doc["paths"]["/api/v1/hearings/current/response"]["post"];
    for status in ["200", "201", "400", "401", "409", "422"] {
        assert!(resp["responses"][status].is_object(), "response {status}");
    }
    assert_eq!(resp["security"][0]["bearer_auth"], json!([]));
    assert!(resp["responses"]["409"]["content"]["application/problem+json"].is_object());
    let session = &doc["paths"]["/api/v1/hearings/session"];
    assert!(session["post"]["responses"]["429"]["headers"]["Retry-After"].is_object());
    assert!(session["delete"]["responses"]["204"].is_object());
    let ev = &doc["paths"]["/api/v1/hearings/current/evidence/{id}"]["get"];
    assert!(ev["responses"]["200"]["content"]["image/svg+xml"].is_object());
    assert!(ev["responses"]["404"].is_object());
}

/// The sign-in answers with the case itself (one round trip from the QR code): the same as
/// `current` gives for that session, never stored by a cache, and only the case of that pair.
#[tokio::test]
async fn sign_in_brings_its_own_case_and_no_other() {
    let s = state();
    for pair in [OPEN_WARNING, WITNESS, PAID] {
        let r = login_raw(&s, pair.0, pair.1, "en").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        assert_eq!(
            r.headers
                .get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok()),
            Some("private, no-store")
        );
        let token = r.json["token"].as_str().expect("token");
        let now = current(&s, token).await;
        assert_eq!(now.status, StatusCode::OK);
        assert_eq!(r.json["case"], now.json, "{}", pair.0);
        assert_eq!(r.json["case"]["case_number"], pair.0);
    }
    let r = login_raw(&s, OPEN_FINE.0, OPEN_WARNING.1, "de").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json.get("case").is_none(), "{}", r.json);
    assert!(!String::from_utf8_lossy(&r.body).contains("OWI-2026-000101"));
}
