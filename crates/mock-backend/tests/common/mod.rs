//! The router driven with `oneshot`, shared by the integration tests that speak JSON.
#![allow(dead_code)] // each test crate uses its own part

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use mock_backend::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

/// The seeded state; no built app (these tests only call the API and the provider pages).
pub fn state() -> AppState {
    AppState::seeded(std::env::temp_dir().join("serviceportal-no-dist"))
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    /// `Null` when the body is not JSON.
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    pub fn ctype(&self) -> &str {
        self.header(header::CONTENT_TYPE)
    }
    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }
}

pub async fn send(state: &AppState, req: Request<Body>) -> Reply {
    let res = app(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Reply {
        status,
        headers,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        text,
    }
}

pub async fn get(state: &AppState, path: &str) -> Reply {
    send(
        state,
        Request::get(path).body(Body::empty()).expect("request"),
    )
    .await
}

pub fn json_request(
    method: Method,
    path: &str,
    body: &Value,
    lang: &str,
    key: Option<&str>,
) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang);
    if let Some(k) = key {
        b = b.header("Idempotency-Key", k);
    }
    b.body(Body::from(body.to_string())).expect("request")
}
