//! The app is served with a fallback to index.html, the right MIME types and cache headers.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use mock_backend::{app, AppState};
use tower::ServiceExt;

/// Written once per test process: the tests run in parallel and must not rewrite it mid-read.
fn dist() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("sp-dist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>shell</title>",
        )
        .unwrap();
        std::fs::write(
            dir.join("serviceportal-0123456789abcdef_bg.wasm"),
            b"\0asm\x01\0\0\0",
        )
        .unwrap();
        // Stand-ins for what scripts/precompress.sh writes: distinct bodies show which is sent.
        let js = "serviceportal-0123456789abcdef.js";
        std::fs::write(dir.join(js), "/* plain */".repeat(20)).unwrap();
        std::fs::write(dir.join(format!("{js}.br")), "BROTLI-BODY").unwrap();
        std::fs::write(dir.join(format!("{js}.gz")), "GZIP-BODY").unwrap();
        dir
    })
    .clone()
}

async fn get(path: &str, accept_encoding: Option<&str>) -> axum::response::Response {
    let mut req = Request::get(path);
    if let Some(enc) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, enc);
    }
    app(AppState::seeded(dist()))
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn deep_links_fall_back_to_index_html_without_caching() {
    let res = get("/barrierefreiheit", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("<title>shell</title>"));
}

#[tokio::test]
async fn hashed_wasm_is_immutable_with_wasm_mime() {
    let res = get("/serviceportal-0123456789abcdef_bg.wasm", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let res = get("/api/v1/services", Some("br")).await;
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    let res = get("/api/v1/services", Some("gzip")).await;
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
}

async fn body_of(res: axum::response::Response) -> String {
    String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned()
}

#[tokio::test]
async fn assets_compressed_at_build_time_are_sent_as_they_are() {
    let path = "/serviceportal-0123456789abcdef.js";
    let res = get(path, Some("gzip, deflate, br")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/javascript");
    assert!(res.headers()[header::VARY]
        .to_str()
        .unwrap()
        .eq_ignore_ascii_case("accept-encoding"));
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body_of(res).await, "BROTLI-BODY");

    let res = get(path, Some("gzip")).await;
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body_of(res).await, "GZIP-BODY");

    let res = get(path, None).await;
    assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
    let vary: Vec<_> = res.headers().get_all(header::VARY).iter().collect();
    assert_eq!(vary.len(), 1, "one Vary: {vary:?}");
    assert_eq!(body_of(res).await, "/* plain */".repeat(20));
}
