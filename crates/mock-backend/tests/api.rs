//! The router exercised with `oneshot`, as a client would see it.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use mock_backend::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

fn state() -> AppState {
    AppState::seeded(std::env::temp_dir().join("serviceportal-no-dist"))
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, String, Value) {
    let res = app(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, ctype, json)
}

fn post_json(path: &str, body: &str, lang: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body.to_owned()))
        .expect("request")
}

#[tokio::test]
async fn health_is_ok() {
    let (status, _, json) = send(
        &state(),
        Request::get("/api/health").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");
}

#[tokio::test]
async fn catalogue_lists_the_nine_seeded_services() {
    let (status, ctype, json) = send(
        &state(),
        Request::get("/api/v1/services")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/json"));
    let list = json.as_array().expect("array");
    let ids: Vec<&str> = list.iter().filter_map(|s| s["id"].as_str()).collect();
    for id in [
        "hundeanmeldung",
        "bewohnerparkausweis",
        "urkunden",
        "melderegisterauskunft",
        "gartenwasserzaehler",
        "kita-anmeldung",
        "elternbeitraege",
        "eheschliessung",
        "veranstaltungskarten",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let register = list
        .iter()
        .find(|s| s["id"] == "melderegisterauskunft")
        .unwrap();
    assert_eq!(register["name"]["de"], "Melderegisterauskunft");
    assert_eq!(register["name"]["en"], "Register information");
    assert_eq!(register["fee"]["kind"], "fixed");
    assert_eq!(register["fee"]["amount"], 700);
}

#[tokio::test]
async fn unknown_api_path_is_a_404_problem_not_the_app() {
    let (status, ctype, json) = send(
        &state(),
        Request::get("/api/v1/nope").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(ctype, "application/problem+json");
    assert_eq!(json["status"], 404);
    assert_eq!(json["title"], "Nicht gefunden");
}

#[tokio::test]
async fn feedback_is_stored() {
    let s = state();
    let (status, _, json) = send(
        &s,
        post_json(
            "/api/v1/feedback",
            r#"{"message":"Kontrast zu schwach","contact":"a@b.de"}"#,
            "de",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(json["id"], 1);
    assert_eq!(s.feedback_count(), 1);
}

#[tokio::test]
async fn invalid_feedback_is_422_with_messages_per_field_in_the_callers_language() {
    let s = state();
    let (status, ctype, json) = send(
        &s,
        post_json(
            "/api/v1/feedback",
            r#"{"message":"  ","contact":"nope"}"#,
            "en-GB,en",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ctype, "application/problem+json");
    assert_eq!(json["status"], 422);
    assert_eq!(json["errors"]["message"][0], "Enter your feedback.");
    assert_eq!(
        json["errors"]["contact"][0],
        "Enter an email address in the format name@example.com."
    );
    assert_eq!(
        s.feedback_count(),
        0,
        "nothing stored on a validation error"
    );

    let (_, _, json) = send(&s, post_json("/api/v1/feedback", r#"{"message":""}"#, "de")).await;
    assert_eq!(
        json["errors"]["message"][0],
        "Bitte geben Sie Ihre Rückmeldung ein."
    );
}

#[tokio::test]
async fn malformed_json_is_a_400_problem_without_internals() {
    let (status, ctype, json) =
        send(&state(), post_json("/api/v1/feedback", "{not json", "de")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(ctype, "application/problem+json");
    assert_eq!(json["detail"], "The body is not valid JSON");
}

#[tokio::test]
async fn openapi_is_served_and_matches_the_committed_file() {
    let (status, _, json) = send(
        &state(),
        Request::get("/api/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(json["openapi"].as_str().unwrap_or("").starts_with("3.1"));
    assert!(json["paths"]["/api/v1/services"].is_object());

    let generated = mock_backend::openapi::json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(path, format!("{generated}\n")).expect("write docs/openapi.json");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let first_difference = committed
        .lines()
        .zip(generated.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("line {}: committed {a:?}, generated {b:?}", i + 1));
    assert!(
        committed.trim_end() == generated.trim_end(),
        "docs/openapi.json is out of date ({}): run `make openapi` and commit it",
        first_difference.unwrap_or_else(|| "different length".into())
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for path in ["/api/health", "/api/v1/nope", "/"] {
        let res = app(state())
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let h = res.headers();
        let csp = h
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("base-uri 'none'")
                && csp.contains("style-src 'self'")
        );
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert!(h["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()"));
    }
}

#[tokio::test]
async fn unauthenticated_posts_are_rate_limited_with_retry_after() {
    let s = state();
    s.rate_limiter().set_per_window(3);
    for _ in 0..3 {
        let (status, _, _) = send(
            &s,
            post_json("/api/v1/feedback", r#"{"message":"ok"}"#, "de"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let res = app(s.clone())
        .oneshot(post_json("/api/v1/feedback", r#"{"message":"ok"}"#, "de"))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(s.feedback_count(), 3, "the limited request stored nothing");
    // Reading is never limited.
    let (status, _, _) = send(
        &s,
        Request::get("/api/v1/services")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    s.clock().advance(61);
    let (status, _, _) = send(
        &s,
        post_json("/api/v1/feedback", r#"{"message":"ok"}"#, "de"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
}
