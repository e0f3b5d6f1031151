//! The hearing session: token and expiry in sessionStorage (never localStorage, never the URL).
//! Every authenticated call moves the inactivity deadline forward, as the server does.

use crate::storage;
use serde::{Deserialize, Serialize};

const KEY: &str = "hearing-session";
/// The case (normalised) this tab signed in to last; the login writes it before the session.
pub const CASE_SLOT: &str = "hearing-last-case";
/// A case number for the sign-in form to show, put there by a "sign in to case …" link.
pub const SIGN_IN_CASE_SLOT: &str = "hearing-sign-in-case";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// Browser time (ms) when the server will end the session if nothing happens.
    pub expires_at_ms: f64,
    /// The inactivity window the server granted, to slide the deadline.
    pub window_secs: i64,
}

impl Session {
    pub fn new(token: String, expires_in_seconds: i64) -> Session {
        Session {
            token,
            expires_at_ms: js_sys::Date::now() + expires_in_seconds as f64 * 1000.0,
            window_secs: expires_in_seconds,
        }
    }

    pub fn seconds_left(&self) -> i64 {
        ((self.expires_at_ms - js_sys::Date::now()) / 1000.0).floor() as i64
    }
}

pub fn load() -> Option<Session> {
    storage::load::<Session>(KEY)
}

pub fn save(s: &Session) {
    storage::save(KEY, s);
}

/// The case this tab's hearing session is for (normalised), while the session lasts. A fine
/// of any other case needs a sign-in of its own before it can be paid.
pub fn signed_in_case() -> Option<String> {
    load().filter(|s| s.seconds_left() > 0)?;
    storage::load::<String>(CASE_SLOT)
}

/// After a successful authenticated request: the server slid the deadline, so do we.
pub fn touch() {
    if let Some(mut s) = load() {
        s.expires_at_ms = js_sys::Date::now() + s.window_secs as f64 * 1000.0;
        save(&s);
    }
}

/// Logout and after sending: the token and everything typed for the hearing go.
pub fn clear_all() {
    storage::remove(KEY);
    storage::remove(&crate::wizard::context::answers_key(super::form::FORM_ID));
    storage::remove(super::RESPONSE_KEY_SLOT);
}
