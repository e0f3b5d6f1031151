//! Serves the built app. Hashed assets are immutable; index.html is always revalidated.
//! index.html is the static shell with the town's name and colours filled in from its profile
//! (see `crate::town::shell`).

use axum::extract::Request;
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::town::TownProfile;
use std::path::Path;
use std::sync::Arc;
use tower_http::services::ServeDir;

pub fn router(dist: &Path, town: &TownProfile) -> Router {
    // Read once: the build does not change while the backend runs (like the CSP hashes). One
    // shell per heading: the catalogue's, and the QR landing pages' own (town::shell).
    let template = std::fs::read_to_string(dist.join("index.html")).ok();
    let shell_for = |path: &str| {
        template
            .as_deref()
            .map(|html| crate::town::shell::fill_for(html, town, path))
    };
    let shells: Arc<Shells> = Arc::new(Shells {
        catalogue: shell_for("/"),
        landing: crate::town::shell::LANDING_SHELLS
            .iter()
            .map(|(prefix, _, _)| (*prefix, shell_for(prefix)))
            .collect(),
    });
    let index = move |uri: Uri| {
        let shells = shells.clone();
        async move {
            match shells.for_path(uri.path()) {
                Some(html) => (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    html.to_owned(),
                )
                    .into_response(),
                None => axum::http::StatusCode::NOT_FOUND.into_response(),
            }
        }
    };
    // `.br`/`.gz` written at build time (scripts/precompress.sh) are sent as they are: brotli
    // q 11 is ~20 % smaller than what a server can afford to compress per request.
    let serve = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get(index.clone()));
    Router::new()
        .route("/", get(index.clone()))
        .route("/index.html", get(index))
        .fallback_service(serve)
        .layer(middleware::from_fn(cache_headers))
}

/// The filled shells: `None` when dist/ has no index.html.
struct Shells {
    catalogue: Option<String>,
    landing: Vec<(&'static str, Option<String>)>,
}

impl Shells {
    fn for_path(&self, path: &str) -> Option<&str> {
        let prefix = crate::town::shell::landing(path).map(|(prefix, _, _)| *prefix);
        self.landing
            .iter()
            .find(|(p, _)| Some(*p) == prefix)
            .map_or(self.catalogue.as_deref(), |(_, html)| html.as_deref())
    }
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let value = if is_html {
        "no-cache"
    } else if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // The same URL has a brotli, a gzip and a plain body: caches must key on Accept-Encoding.
    // (The compression layer adds it only to what it compresses itself.)
    let varies = res
        .headers()
        .get_all(header::VARY)
        .iter()
        .any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding"));
    if !varies {
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// Trunk names built files `name-<hash>.ext` (or `name-<hash>_bg.wasm`) with a 64-bit hash in
/// hex — usually 16 digits, fewer when it has leading zeros.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => {
            (12..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed_asset("/serviceportal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(
            is_hashed_asset("/serviceportal-fdc55f236e3cd5b.js"),
            "a hash with a leading zero dropped"
        );
        assert!(!is_hashed_asset("/kita-anmeldung.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/leistungen/hunde-anmeldung"));
    }
}
