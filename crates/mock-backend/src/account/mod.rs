//! Sign-in with the citizen account as a backend for frontend (DOMAIN.md §6, docs/account.md):
//! the API runs the OpenID Connect authorization code flow with PKCE (S256), `state` and
//! `nonce` against a configured provider, keeps nothing but the verified claims, and gives the
//! browser only an `HttpOnly`, `SameSite=Lax` session cookie. Sessions end after
//! `ACCOUNT_SESSION_SECS` (30 minutes) without activity.
//!
//! Nothing here writes tokens or personal data to logs; none of it goes into a URL.

pub mod handlers;
pub mod idp;
pub mod provider;

use crate::sync::lock;
use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::account::{AccountAddress, Me, TrustLevel};
use openidconnect::ProviderMetadataWithLogout;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

pub const DEFAULT_SESSION_SECS: i64 = 30 * 60;
/// A started sign-in must come back within this time.
pub const LOGIN_SECS: i64 = 10 * 60;
/// The header the app sends with every request that changes data (CSRF defence besides
/// `Origin`).
pub const CSRF_HEADER: &str = "x-requested-with";

/// Where the provider is and who the portal is to it: environment variables, see README.
#[derive(Debug, Clone)]
pub struct OidcConfig {
    /// `OIDC_ISSUER`, default the bundled mock provider `http://127.0.0.1:$PORT/mock-idp`.
    pub issuer: String,
    /// `OIDC_CLIENT_ID`.
    pub client_id: String,
    /// `OIDC_CLIENT_SECRET`.
    pub client_secret: String,
    /// `OIDC_REDIRECT_URI`: the API's callback as the provider knows it.
    pub redirect_uri: String,
    /// `OIDC_POST_LOGOUT_REDIRECT_URI`: where the provider sends the citizen after sign-out.
    pub post_logout_redirect_uri: String,
    /// `OIDC_SCOPES`, space separated, besides `openid`.
    pub scopes: Vec<String>,
    /// `ACCOUNT_SESSION_SECS`: idle time after which the session ends.
    pub session_secs: i64,
}

impl OidcConfig {
    /// The configuration for a portal at `origin` (e.g. `http://127.0.0.1:8080`) with the
    /// bundled provider.
    pub fn local(origin: &str) -> OidcConfig {
        OidcConfig {
            issuer: format!("{origin}/mock-idp"),
            client_id: "serviceportal".into(),
            client_secret: "mock-idp-secret".into(),
            redirect_uri: format!("{origin}/api/v1/auth/callback"),
            post_logout_redirect_uri: format!("{origin}/abgemeldet"),
            scopes: vec!["profile".into(), "email".into(), "address".into()],
            session_secs: DEFAULT_SESSION_SECS,
        }
    }

    /// From the environment; unset variables fall back to [`OidcConfig::local`] on `PORT`.
    pub fn from_env() -> OidcConfig {
        let port = std::env::var("PORT").unwrap_or_else(|_| "8080".into());
        let mut c = OidcConfig::local(&format!("http://127.0.0.1:{port}"));
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(v) = var("OIDC_ISSUER") {
            c.issuer = v.trim_end_matches('/').to_string();
        }
        if let Some(v) = var("OIDC_CLIENT_ID") {
            c.client_id = v;
        }
        if let Some(v) = var("OIDC_CLIENT_SECRET") {
            c.client_secret = v;
        }
        if let Some(v) = var("OIDC_REDIRECT_URI") {
            c.redirect_uri = v;
        }
        if let Some(v) = var("OIDC_POST_LOGOUT_REDIRECT_URI") {
            c.post_logout_redirect_uri = v;
        }
        if let Some(v) = var("OIDC_SCOPES") {
            c.scopes = v
                .split_whitespace()
                .filter(|s| *s != "openid")
                .map(str::to_string)
                .collect();
        }
        if let Some(v) = var("ACCOUNT_SESSION_SECS") {
            match v.trim().parse::<i64>() {
                Ok(secs) if secs > 0 => c.session_secs = secs,
                _ => eprintln!("warning: ACCOUNT_SESSION_SECS must be a positive number of seconds, got {v:?}; using {DEFAULT_SESSION_SECS}"),
            }
        }
        c
    }

    /// Served over https: the cookie gets `Secure` and the `__Host-` prefix.
    pub fn secure(&self) -> bool {
        self.redirect_uri.starts_with("https://")
    }

    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure() {
            "__Host-portal_session"
        } else {
            "portal_session"
        }
    }

    pub fn login_cookie_name(&self) -> &'static str {
        if self.secure() {
            "__Host-portal_login"
        } else {
            "portal_login"
        }
    }

    /// `Set-Cookie` value; `None` clears it.
    pub fn cookie(&self, name: &str, value: Option<&str>, max_age: i64) -> String {
        let secure = if self.secure() { "; Secure" } else { "" };
        match value {
            Some(v) => {
                format!("{name}={v}; Path=/; HttpOnly; SameSite=Lax{secure}; Max-Age={max_age}")
            }
            None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax{secure}; Max-Age=0"),
        }
    }
}

/// A sign-in on its way through the provider, keyed by `state`.
pub struct PendingLogin {
    pub pkce_verifier: String,
    pub nonce: String,
    pub return_to: String,
    /// Hash of the browser-binding cookie set when the sign-in started.
    pub browser: [u8; 32],
    pub expires: i64,
}

/// A signed-in citizen: only what the ID token said, never a token.
#[derive(Clone)]
pub struct Session {
    pub subject: String,
    pub issuer: String,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub address: Option<AccountAddress>,
    pub email: Option<String>,
    pub trust_level: TrustLevel,
    pub last_seen: i64,
}

impl Session {
    pub fn me(&self, session_secs: i64) -> Me {
        Me {
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            birth_date: self.birth_date.clone(),
            address: self.address.clone(),
            email: self.email.clone(),
            trust_level: self.trust_level,
            verified: self.trust_level.verifies_attributes(),
            session_secs,
            expires_at: crate::clock::rfc3339(self.last_seen + session_secs),
        }
    }
}

/// Configuration, discovered provider, pending sign-ins, sessions and the mock provider.
pub struct Account {
    config: Mutex<OidcConfig>,
    metadata: Mutex<Option<ProviderMetadataWithLogout>>,
    pending: Mutex<HashMap<String, PendingLogin>>,
    /// Keyed by the SHA-256 of the cookie value.
    sessions: Mutex<HashMap<[u8; 32], Session>>,
    idp: provider::MockIdp,
}

impl Account {
    pub fn new(config: OidcConfig) -> Account {
        Account {
            config: Mutex::new(config),
            metadata: Mutex::new(None),
            pending: Mutex::new(HashMap::new()),
            sessions: Mutex::new(HashMap::new()),
            idp: provider::MockIdp::default(),
        }
    }

    pub fn config(&self) -> OidcConfig {
        lock(&self.config).clone()
    }

    /// Tests: point the client at another provider (e.g. the mock on an ephemeral port).
    pub fn configure(&self, config: OidcConfig) {
        *lock(&self.config) = config;
        *lock(&self.metadata) = None;
    }

    pub fn idp(&self) -> &provider::MockIdp {
        &self.idp
    }

    pub(crate) fn cached_metadata(&self) -> Option<ProviderMetadataWithLogout> {
        lock(&self.metadata).clone()
    }

    pub(crate) fn cache_metadata(&self, m: ProviderMetadataWithLogout) {
        *lock(&self.metadata) = Some(m);
    }

    pub(crate) fn add_pending(&self, state: String, login: PendingLogin, now: i64) {
        let mut pending = lock(&self.pending);
        pending.retain(|_, p| p.expires > now);
        pending.insert(state, login);
    }

    /// Takes the pending sign-in out: a `state` works once.
    pub(crate) fn take_pending(&self, state: &str, now: i64) -> Option<PendingLogin> {
        lock(&self.pending)
            .remove(state)
            .filter(|p| p.expires > now)
    }

    /// Starts a session; returns the cookie value.
    pub fn start_session(&self, session: Session) -> String {
        let id = random_token();
        lock(&self.sessions).insert(hash(&id), session);
        id
    }

    /// The session of this cookie value if it has not been idle too long; marks activity.
    pub fn touch(&self, cookie: &str, now: i64) -> Option<Session> {
        let secs = self.config().session_secs;
        let mut sessions = lock(&self.sessions);
        sessions.retain(|_, s| s.last_seen + secs > now);
        let s = sessions.get_mut(&hash(cookie))?;
        s.last_seen = now;
        Some(s.clone())
    }

    pub fn end_session(&self, cookie: &str) -> Option<Session> {
        lock(&self.sessions).remove(&hash(cookie))
    }

    /// Unlinks the account: every session of this subject ends; portal-side data goes.
    pub fn forget(&self, issuer: &str, subject: &str) {
        lock(&self.sessions).retain(|_, s| !(s.subject == subject && s.issuer == issuer));
    }

    pub fn session_count(&self) -> usize {
        lock(&self.sessions).len()
    }
}

pub fn hash(value: &str) -> [u8; 32] {
    Sha256::digest(value.as_bytes()).into()
}

/// 32 random bytes, base64url.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // Without randomness there is no safe token; a unique-but-unguessable fallback does
        // not exist, so the value is one nobody can present (sessions keyed by hash).
        return String::new();
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `name=value` pairs of the request's `Cookie` headers.
pub fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookies(headers)
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// Whether a request that changes data may use the session cookie: its `Origin` is this
/// host, or — without `Origin` — it carries the app's custom header (which a cross-site form
/// cannot send).
pub fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match headers.get(header::ORIGIN).map(|o| o.to_str().ok()) {
        Some(Some(origin)) => {
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            origin_host.is_some() && origin_host == host
        }
        Some(None) => false,
        None => headers.contains_key(CSRF_HEADER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.insert(*n, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_the_portals_own_origin_passes() {
        assert!(same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null")
        ])));
        assert!(!same_origin(&headers(&[("host", "127.0.0.1:8080")])));
        assert!(same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-requested-with", "serviceportal")
        ])));
    }

    #[test]
    fn cookies_are_httponly_lax_and_host_prefixed_over_https() {
        let mut c = OidcConfig::local("https://portal.example");
        assert_eq!(c.session_cookie_name(), "__Host-portal_session");
        let set = c.cookie(c.session_cookie_name(), Some("x"), 60);
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"));
        assert!(set.contains("Secure") && set.contains("Path=/"));
        assert!(!set.contains("Domain"));
        c = OidcConfig::local("http://127.0.0.1:8080");
        assert_eq!(c.session_cookie_name(), "portal_session");
        assert!(!c.cookie("portal_session", Some("x"), 60).contains("Secure"));
    }

    #[test]
    fn sessions_end_after_idle_time() {
        let a = Account::new(OidcConfig::local("http://x"));
        let id = a.start_session(Session {
            subject: "s".into(),
            issuer: "i".into(),
            given_name: "A".into(),
            family_name: "B".into(),
            birth_date: None,
            address: None,
            email: None,
            trust_level: TrustLevel::Basic,
            last_seen: 0,
        });
        assert!(a.touch(&id, DEFAULT_SESSION_SECS - 1).is_some());
        assert!(a.touch(&id, 2 * DEFAULT_SESSION_SECS - 2).is_some());
        assert!(a.touch(&id, 3 * DEFAULT_SESSION_SECS).is_none());
    }
}
