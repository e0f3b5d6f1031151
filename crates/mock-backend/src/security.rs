//! Security headers on every response. The Content-Security-Policy allows no inline code
//! except the shell's own inline scripts (Trunk's loader, public/early.js) and styles
//! (style/main.css, the town's colours), by their SHA-256 hashes, computed at startup from the
//! shell as it is served (the deploy guide's `scripts/csp.sh` prints the same header).

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
    inline_hashes(html, "script")
}

/// `'sha256-…'` of every `<style>` element's text in the HTML.
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style")
}

fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    let open = format!("<{element}");
    let end = format!("</{element}>");
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find(&end) else {
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
        rest = &after[body_start + close + end.len()..];
    }
    hashes
}

/// The app's policy. `form-action 'self'` covers the mock payment provider (same origin); a
/// real provider's origin is added there in production (docs/deploy.md).
pub fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script_src.extend(script_hashes.iter().cloned());
    let mut style_src = vec!["'self'".to_string()];
    style_src.extend(style_hashes.iter().cloned());
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", script_src.join(" ")),
        format!("style-src {}", style_src.join(" ")),
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
    /// For the shell in `dist` as it is served for `town` (filled, if it is a template: the
    /// town's colours are part of a hashed style).
    pub fn for_shell(dist: &Path, town: &domain::town::TownProfile) -> Headers {
        let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let html = if crate::town::shell::is_template(&html) {
            crate::town::shell::fill(&html, town)
        } else {
            html
        };
        let csp =
            content_security_policy(&inline_script_hashes(&html), &inline_style_hashes(&html));
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

    /// The shell's styles are allowed by the hashes of what is served: the town's colours
    /// filled in, so a policy computed from the template would block them.
    #[test]
    fn hashes_the_shells_styles_as_served() {
        let dist = std::env::temp_dir().join(format!("csp-shell-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let template = "<head><style>body{margin:0}</style><style>{{town.css}}</style></head>";
        std::fs::write(dist.join("index.html"), template).unwrap();
        let town = crate::town::Town::demo().profile;
        let csp = Headers::for_shell(&dist, &town)
            .csp
            .to_str()
            .unwrap()
            .to_owned();
        let filled = crate::town::shell::fill(template, &town);
        let served = inline_style_hashes(&filled);
        assert_eq!(served.len(), 2);
        assert!(filled.contains("--brand: #0b4f6c;"), "{filled}");
        assert!(
            csp.contains(&format!("style-src 'self' {} {};", served[0], served[1])),
            "{csp}"
        );
        let unfilled = inline_style_hashes(template);
        assert!(
            !csp.contains(&unfilled[1]),
            "the template's placeholder is not allowed"
        );
        std::fs::remove_dir_all(&dist).unwrap();
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
        let csp = content_security_policy(&["'sha256-x'".into()], &["'sha256-y'".into()]);
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-x';"));
        assert!(csp.contains("style-src 'self' 'sha256-y';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("base-uri 'none'"));
    }
}
