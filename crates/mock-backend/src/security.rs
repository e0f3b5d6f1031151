//! Security headers on every response. The Content-Security-Policy allows no inline code
//! except the loader script Trunk writes into index.html, by its SHA-256 hash, computed from
//! the built file at startup (the deploy guide's `scripts/csp.sh` prints the same header).

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// Everything the portal does not use is denied; uploads use the file picker, not the camera API.
/// Only features browsers know: Chromium logs "Unrecognized feature" for any other (it did for
/// `bluetooth`, which is no policy-controlled feature there; Web Bluetooth asks the user anyway).
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()";

/// `'sha256-…'` of every inline `<script>` (one without `src`) in the HTML.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    hashes
}

/// The app's policy. `form-action 'self'` covers the mock payment provider (same origin); a
/// real provider's origin is added there in production (docs/deploy.md).
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script_src.extend(script_hashes.iter().cloned());
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", script_src.join(" ")),
        "style-src 'self'".into(),
        "img-src 'self' data: blob:".into(),
        "font-src 'self'".into(),
        "connect-src 'self'".into(),
        "object-src 'none'".into(),
        "frame-ancestors 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
    ]
    .join("; ")
}

#[derive(Clone)]
pub struct Headers {
    csp: HeaderValue,
}

impl Headers {
    pub fn for_dist(dist: &Path) -> Headers {
        let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let csp = content_security_policy(&inline_script_hashes(&html));
        Headers {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        }
    }
}

pub async fn add_headers(
    axum::extract::State(h): axum::extract::State<Arc<Headers>>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    // A response with a policy of its own (the mock provider's pages, evidence SVGs) keeps it:
    // those are stricter than the app's.
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| h.csp.clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script type="module">alert(1)</script><script src="/a.js"></script><script>x</script>"#;
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 2);
        // sha256("alert(1)") in base64
        assert_eq!(
            h[0],
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn permissions_policy_names_only_features_chromium_knows() {
        // Chromium 156's policy-controlled features among those the portal denies.
        const KNOWN: [&str; 10] = [
            "camera",
            "microphone",
            "geolocation",
            "payment",
            "usb",
            "serial",
            "magnetometer",
            "gyroscope",
            "accelerometer",
            "interest-cohort",
        ];
        for directive in PERMISSIONS_POLICY.split(", ") {
            let (feature, allow) = directive.split_once('=').unwrap();
            assert!(KNOWN.contains(&feature), "{feature}");
            assert_eq!(allow, "()", "{feature} is denied");
        }
    }

    #[test]
    fn policy_has_no_unsafe_inline_or_eval() {
        let csp = content_security_policy(&["'sha256-x'".into()]);
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-x'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("base-uri 'none'"));
    }
}
