//! "Meine Anträge" and the Postfach (issue 16): the seed, status transitions through the
//! development endpoint with messages and e-mails, answers with attachments, scoping to the
//! session's subject, and claiming an anonymous application with its lockout.

mod common;

use axum::body::{Body, Bytes};
use axum::http::{header, Method, Request, StatusCode};
use common::{json_request, send, state, Reply};
use mock_backend::AppState;
use serde_json::{json, Value};

const ERIKA: &str = "bpk2-7f3a9c1e-erika";

fn sign_in(state: &AppState, subject: &str) -> String {
    let id = state
        .account()
        .start_session(mock_backend::account::Session {
            subject: subject.into(),
            issuer: "http://127.0.0.1:8080/mock-idp".into(),
            given_name: "Erika".into(),
            family_name: "Mustermann".into(),
            birth_date: None,
            address: None,
            email: Some(format!("{subject}@example.org")),
            trust_level: domain::account::TrustLevel::Basic,
            last_seen: state.clock().now(),
        });
    format!("portal_session={id}")
}

async fn call(
    state: &AppState,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut req = match &body {
        Some(b) => json_request(method, path, b, "de", None),
        None => Request::builder()
            .method(method)
            .uri(path)
            .header(header::ACCEPT_LANGUAGE, "de")
            .body(Body::empty())
            .expect("request"),
    };
    if let Some(c) = cookie {
        req.headers_mut()
            .insert(header::COOKIE, c.parse().expect("cookie"));
        req.headers_mut()
            .insert("x-requested-with", "test".parse().expect("header"));
    }
    send(state, req).await
}

fn register_answers(email: &str) -> Value {
    let address = |street: &str| json!({"street": street, "house_number": "1", "postal_code": "12345", "town": "Musterstadt"});
    json!({
        "service_id": "melderegisterauskunft",
        "form_version": 1,
        "answers": {
            "gesucht_vorname": "Klaus", "gesucht_nachname": "Weber",
            "gesucht_anschrift": address("Ringstraße"),
            "zweck": "privat", "vorname": "Eva", "nachname": "Muster",
            "anschrift": address("Hauptstraße"), "email": email
        }
    })
}

async fn submit(state: &AppState, cookie: Option<&str>, key: &str, email: &str) -> String {
    let mut req = json_request(
        Method::POST,
        "/api/v1/applications",
        &register_answers(email),
        "de",
        Some(key),
    );
    if let Some(c) = cookie {
        req.headers_mut()
            .insert(header::COOKIE, c.parse().expect("cookie"));
        req.headers_mut()
            .insert("x-requested-with", "test".parse().expect("header"));
    }
    let r = send(state, req).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["reference"].as_str().expect("reference").to_owned()
}

async fn advance(state: &AppState, reference: &str) -> Reply {
    call(
        state,
        Method::POST,
        &format!("/api/v1/dev/applications/{reference}/advance"),
        None,
        None,
    )
    .await
}

#[tokio::test]
async fn the_demo_identity_has_two_applications_and_three_messages() {
    let s = state();
    let c = sign_in(&s, ERIKA);
    let apps = call(&s, Method::GET, "/api/v1/me/applications", Some(&c), None).await;
    assert_eq!(apps.status, StatusCode::OK);
    assert_eq!(apps.header(header::CACHE_CONTROL), "no-store");
    let list = apps.json.as_array().expect("list");
    assert_eq!(list.len(), 2);
    let statuses: Vec<&str> = list
        .iter()
        .map(|a| a["status"].as_str().unwrap_or(""))
        .collect();
    assert!(statuses.contains(&"decided") && statuses.contains(&"question"));
    let open = list
        .iter()
        .find(|a| a["status"] == "question")
        .expect("waiting");
    assert_eq!(
        (open["fee"].as_i64(), open["paid"].as_bool()),
        (Some(700), Some(false))
    );
    let msgs = call(&s, Method::GET, "/api/v1/me/messages", Some(&c), None).await;
    let msgs = msgs.json.as_array().expect("messages").clone();
    assert_eq!(msgs.len(), 3);
    assert!(msgs
        .iter()
        .any(|m| m["kind"] == "notice" && m["amount_due"]["amount"] == 9600));
    let inbox = call(&s, Method::GET, "/api/v1/me/inbox", Some(&c), None).await;
    assert_eq!(inbox.json, json!({"unread": 2}));
    // The seeded open fee can be paid at the checkout.
    let p = s.payable(open["reference"].as_str().unwrap_or(""));
    assert_eq!(p, Some((700, false)));
}

trait Payable {
    fn payable(&self, reference: &str) -> Option<(i64, bool)>;
}
impl Payable for AppState {
    fn payable(&self, reference: &str) -> Option<(i64, bool)> {
        self.forms()
            .payable(reference)
            .map(|p| (p.amount.0, p.paid))
    }
}

#[tokio::test]
async fn a_signed_in_application_moves_on_with_messages_and_emails() {
    let s = state();
    let c = sign_in(&s, "eva");
    let reference = submit(&s, Some(&c), "k1", "eva@example.org").await;
    let one = call(
        &s,
        Method::GET,
        &format!("/api/v1/me/applications/{reference}"),
        Some(&c),
        None,
    )
    .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json["status"], "received");
    assert_eq!(one.json["fee"], 700);
    let msgs = call(&s, Method::GET, "/api/v1/me/messages", Some(&c), None).await;
    assert_eq!(msgs.json[0]["kind"], "receipt");
    assert_eq!(msgs.json[0]["reference"], reference.as_str());
    let before = s.outbox().sent().len();

    let r = advance(&s, &reference).await;
    assert_eq!(
        (r.status, r.json["status"].as_str()),
        (StatusCode::OK, Some("in_progress"))
    );
    let sent = s.outbox().sent();
    assert_eq!(sent.len(), before + 1);
    let mail = &sent[before];
    assert_eq!(mail.to, "eva@example.org");
    assert!(mail.subject.starts_with("In Bearbeitung"));
    assert!(mail.text.contains("/konto/antraege"), "{}", mail.text);
    assert!(!mail.text.contains("portal_session"));

    let r = advance(&s, &reference).await;
    assert_eq!(r.json["status"], "question");
    let sent = s.outbox().sent();
    assert!(sent[sent.len() - 1].subject.starts_with("Rückfrage"));
    assert!(sent[sent.len() - 1].text.contains("/konto/postfach"));
    let msgs = call(&s, Method::GET, "/api/v1/me/messages", Some(&c), None).await;
    let question = msgs.json[0].clone();
    assert_eq!(question["kind"], "question");
    assert_eq!(question["read"], false);
    let id = question["id"].as_str().expect("id").to_owned();

    // The answer: blank text is refused, an unknown upload too; then text and a file.
    let path = format!("/api/v1/me/messages/{id}/answer");
    let r = call(
        &s,
        Method::POST,
        &path,
        Some(&c),
        Some(json!({"text": " "})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(
        &s,
        Method::POST,
        &path,
        Some(&c),
        Some(json!({"text": "Anbei", "attachments": ["upl_nope"]})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let upload = s.forms().add_upload(
        "nachweis.pdf".into(),
        "application/pdf",
        Bytes::from_static(b"%PDF-1.4 x"),
    );
    let r = call(
        &s,
        Method::POST,
        &path,
        Some(&c),
        Some(json!({"text": "Anbei der Nachweis.", "attachments": [upload.id]})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["answer"]["attachments"][0]["name"], "nachweis.pdf");
    assert_eq!(r.json["read"], true);
    let r = call(
        &s,
        Method::POST,
        &path,
        Some(&c),
        Some(json!({"text": "Nochmal"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "once only");
    let one = call(
        &s,
        Method::GET,
        &format!("/api/v1/me/applications/{reference}"),
        Some(&c),
        None,
    )
    .await;
    assert_eq!(
        one.json["status"], "in_progress",
        "back in progress after the answer"
    );

    let r = advance(&s, &reference).await;
    assert_eq!(r.json["status"], "decided");
    let history: Vec<&str> = r.json["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| h["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        history,
        [
            "received",
            "in_progress",
            "question",
            "in_progress",
            "decided"
        ]
    );
    assert_eq!(advance(&s, &reference).await.status, StatusCode::CONFLICT);
    assert_eq!(advance(&s, "NOPE2345").await.status, StatusCode::NOT_FOUND);

    // Read and unread.
    let read = format!(
        "/api/v1/me/messages/{}/read",
        msgs.json[1]["id"].as_str().unwrap_or("")
    );
    let r = call(
        &s,
        Method::POST,
        &read,
        Some(&c),
        Some(json!({"read": true})),
    )
    .await;
    assert_eq!(r.json["read"], true);
    let r = call(
        &s,
        Method::POST,
        &read,
        Some(&c),
        Some(json!({"read": false})),
    )
    .await;
    assert_eq!(r.json["read"], false);
}

#[tokio::test]
async fn english_applications_get_english_mail() {
    let s = state();
    let c = sign_in(&s, "eva");
    let mut req = json_request(
        Method::POST,
        "/api/v1/applications",
        &register_answers("eva@example.org"),
        "en",
        Some("k-en"),
    );
    req.headers_mut()
        .insert(header::COOKIE, c.parse().expect("cookie"));
    req.headers_mut()
        .insert("x-requested-with", "t".parse().expect("header"));
    let reference = send(&s, req).await.json["reference"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    advance(&s, &reference).await;
    let mail = s.outbox().sent().pop().expect("mail");
    assert_eq!(mail.lang, domain::i18n::Lang::En);
    assert!(mail.subject.starts_with("In progress"), "{}", mail.subject);
}

#[tokio::test]
async fn another_subjects_references_and_ids_answer_like_unknown_ones() {
    let s = state();
    let erika = sign_in(&s, ERIKA);
    let other = sign_in(&s, "mallory");
    let msgs = call(&s, Method::GET, "/api/v1/me/messages", Some(&erika), None).await;
    let id = msgs.json[0]["id"].as_str().expect("id").to_owned();
    let apps = call(
        &s,
        Method::GET,
        "/api/v1/me/applications",
        Some(&erika),
        None,
    )
    .await;
    let reference = apps.json[0]["reference"]
        .as_str()
        .expect("reference")
        .to_owned();

    assert_eq!(
        call(
            &s,
            Method::GET,
            "/api/v1/me/applications",
            Some(&other),
            None
        )
        .await
        .json,
        json!([])
    );
    assert_eq!(
        call(&s, Method::GET, "/api/v1/me/messages", Some(&other), None)
            .await
            .json,
        json!([])
    );
    assert_eq!(
        call(&s, Method::GET, "/api/v1/me/inbox", Some(&other), None)
            .await
            .json,
        json!({"unread": 0})
    );
    let pairs = [
        (
            Method::GET,
            format!("/api/v1/me/applications/{reference}"),
            "/api/v1/me/applications/NOPE2345".to_string(),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/me/messages/{id}"),
            "/api/v1/me/messages/msg_nope".to_string(),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/me/messages/{id}/read"),
            "/api/v1/me/messages/msg_nope/read".to_string(),
            Some(json!({"read": true})),
        ),
        (
            Method::POST,
            format!("/api/v1/me/messages/{id}/answer"),
            "/api/v1/me/messages/msg_nope/answer".to_string(),
            Some(json!({"text": "x"})),
        ),
    ];
    for (method, theirs, unknown, body) in pairs {
        let a = call(&s, method.clone(), &theirs, Some(&other), body.clone()).await;
        let b = call(&s, method, &unknown, Some(&other), body).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{theirs}");
        assert_eq!(
            (a.status, a.json.clone()),
            (b.status, b.json),
            "{theirs} answers like {unknown}"
        );
    }
    // Nothing changed for Erika.
    let m = call(
        &s,
        Method::GET,
        &format!("/api/v1/me/messages/{id}"),
        Some(&erika),
        None,
    )
    .await;
    assert_eq!(m.json, msgs.json[0]);
}

#[tokio::test]
async fn without_a_session_or_from_another_site_nothing_is_answered() {
    let s = state();
    for path in [
        "/api/v1/me/applications",
        "/api/v1/me/messages",
        "/api/v1/me/inbox",
    ] {
        assert_eq!(
            call(&s, Method::GET, path, None, None).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let c = sign_in(&s, ERIKA);
    let mut req = json_request(
        Method::POST,
        "/api/v1/me/claims",
        &json!({"reference": "K7MP3XTA", "email": "a@b.de"}),
        "de",
        None,
    );
    req.headers_mut()
        .insert(header::COOKIE, c.parse().expect("cookie"));
    req.headers_mut().insert(
        header::ORIGIN,
        "http://evil.example".parse().expect("origin"),
    );
    assert_eq!(send(&s, req).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_claim_needs_reference_and_email_and_locks_after_five_wrong_tries() {
    let s = state();
    let reference = submit(&s, None, "anon", "Anna@Example.org").await;
    // Moved on while anonymous: the message waits for the account.
    advance(&s, &reference).await;
    let c = sign_in(&s, "anna");
    let claim = |body: Value| {
        let (s, c) = (s.clone(), c.clone());
        async move { call(&s, Method::POST, "/api/v1/me/claims", Some(&c), Some(body)).await }
    };
    let r = claim(json!({"reference": reference, "email": ""})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json["errors"]["email"].is_array());
    let r = claim(json!({"reference": "", "email": "anna@example.org"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = claim(json!({"reference": reference, "email": "other@example.org"})).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    let unknown = claim(json!({"reference": "KXMW2345", "email": "anna@example.org"})).await;
    assert_eq!(
        (unknown.status, unknown.json.clone()),
        (wrong.status, wrong.json.clone()),
        "one answer for both"
    );

    let r =
        claim(json!({"reference": reference.to_lowercase(), "email": " anna@example.org "})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["status"], "in_progress");
    let msgs = call(&s, Method::GET, "/api/v1/me/messages", Some(&c), None).await;
    assert_eq!(
        msgs.json.as_array().map(Vec::len),
        Some(1),
        "its status message came along"
    );

    // Another citizen with the right pair: like a wrong one.
    let other = sign_in(&s, "mallory");
    let r = call(
        &s,
        Method::POST,
        "/api/v1/me/claims",
        Some(&other),
        Some(json!({"reference": reference, "email": "anna@example.org"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Five wrong tries lock the reference, even for the right pair.
    let second = submit(&s, None, "anon2", "bert@example.org").await;
    for _ in 0..5 {
        let r = claim(json!({"reference": second, "email": "guess@example.org"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let r = claim(json!({"reference": second, "email": "bert@example.org"})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r
        .header(header::RETRY_AFTER)
        .parse::<u64>()
        .is_ok_and(|s| s > 0));
    s.clock()
        .advance(mock_backend::access::LOCKOUT_WINDOW_SECS + 1);
    // The session idles out over that time; a fresh one claims.
    let c = sign_in(&s, "anna");
    let r = call(
        &s,
        Method::POST,
        "/api/v1/me/claims",
        Some(&c),
        Some(json!({"reference": second, "email": "bert@example.org"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn unlinking_the_account_forgets_its_messages() {
    let s = state();
    let c = sign_in(&s, ERIKA);
    assert_eq!(
        call(&s, Method::DELETE, "/api/v1/me", Some(&c), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let c = sign_in(&s, ERIKA);
    assert_eq!(
        call(&s, Method::GET, "/api/v1/me/messages", Some(&c), None)
            .await
            .json,
        json!([])
    );
    assert_eq!(
        call(&s, Method::GET, "/api/v1/me/applications", Some(&c), None)
            .await
            .json,
        json!([])
    );
}
