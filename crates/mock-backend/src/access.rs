//! Sign-in with a number and an access code from a letter (the hearing's case number, a
//! notice's Kassenzeichen): one rule set for every letter.
//!
//! - One answer for a wrong code and an unknown number ([`LoginError::Wrong`]).
//! - The code is compared in constant time; an unknown number is compared against a dummy, so
//!   the timing does not tell whether it exists.
//! - Five failures within 15 minutes per (normalised) number lock it until the oldest failure
//!   leaves the window — even for the right code; the caller answers 429 with `Retry-After`.
//! - Sessions are random tokens with a sliding inactivity timeout.

use crate::sync::lock;
use domain::application::normalise_code;
use std::collections::HashMap;
use std::sync::Mutex;
use subtle::ConstantTimeEq;

/// Failed logins counted per number within this window...
pub const LOCKOUT_WINDOW_SECS: i64 = 15 * 60;
/// ...before further attempts are refused.
pub const MAX_FAILURES: usize = 5;
/// Compared against when the number does not exist, so the timing is the same.
const DUMMY_CODE: &[u8] = b"XXXXXXXX";
/// Bounds the failure map an attacker can fill with invented numbers.
const MAX_TRACKED_NUMBERS: usize = 10_000;

/// An authenticated session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub token: String,
    /// The normalised number signed in to (case number or Kassenzeichen).
    pub case_key: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong pair, or a number that does not exist: the caller cannot tell which.
    Wrong,
    Locked {
        retry_after_secs: u64,
    },
}

/// Failures, lockout and sessions of one kind of letter.
pub struct CodeGate {
    /// Token → session.
    sessions: Mutex<HashMap<String, SessionInfo>>,
    /// Normalised number → times of failed logins within the window.
    failures: Mutex<HashMap<String, Vec<i64>>>,
    session_secs: i64,
}

impl CodeGate {
    pub fn new(session_secs: i64) -> CodeGate {
        CodeGate {
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            session_secs: session_secs.max(1),
        }
    }

    /// Inactivity timeout of a session.
    pub fn session_secs(&self) -> i64 {
        self.session_secs
    }

    /// Checks `access_code` against `expected(key)` (the normalised code of the letter with this
    /// normalised number, `None` if there is none) and opens a session under `token`.
    pub fn login(
        &self,
        number: &str,
        access_code: &str,
        token: String,
        now: i64,
        expected: impl FnOnce(&str) -> Option<String>,
    ) -> Result<SessionInfo, LoginError> {
        let key = self.check(number, access_code, now, expected)?;
        let session = SessionInfo {
            token: token.clone(),
            case_key: key,
            expires_at: now + self.session_secs,
        };
        let mut sessions = lock(&self.sessions);
        sessions.retain(|_, s| s.expires_at > now);
        sessions.insert(token, session.clone());
        Ok(session)
    }

    /// The check of [`CodeGate::login`] without a session (adding an application to the
    /// account with its reference and e-mail address): the same lockout, the same single
    /// answer for a wrong pair and an unknown number. Returns the normalised number.
    pub fn check(
        &self,
        number: &str,
        access_code: &str,
        now: i64,
        expected: impl FnOnce(&str) -> Option<String>,
    ) -> Result<String, LoginError> {
        let key = normalise_code(number);
        let mut failures = lock(&self.failures);
        if failures.len() > MAX_TRACKED_NUMBERS {
            failures.retain(|_, times| times.iter().any(|t| *t > now - LOCKOUT_WINDOW_SECS));
        }
        let times = failures.entry(key.clone()).or_default();
        times.retain(|t| *t > now - LOCKOUT_WINDOW_SECS);
        if times.len() >= MAX_FAILURES {
            let oldest = times.iter().copied().min().unwrap_or(now);
            let retry = (oldest + LOCKOUT_WINDOW_SECS - now).max(1);
            return Err(LoginError::Locked {
                retry_after_secs: u64::try_from(retry).unwrap_or(1),
            });
        }

        let given = normalise_code(access_code);
        let code = expected(&key);
        let exists = code.is_some();
        let expected_bytes = code.as_deref().map_or(DUMMY_CODE, str::as_bytes);
        let same = given.as_bytes().ct_eq(expected_bytes);
        let ok = bool::from(same & subtle::Choice::from(u8::from(exists)));
        if !ok {
            times.push(now);
            return Err(LoginError::Wrong);
        }
        failures.remove(&key);
        Ok(key)
    }

    /// The live session of `token`, its expiry moved forward (sliding inactivity timeout).
    pub fn authenticate(&self, token: &str, now: i64) -> Option<SessionInfo> {
        let mut sessions = lock(&self.sessions);
        let session = sessions.get_mut(token)?;
        if session.expires_at <= now {
            sessions.remove(token);
            return None;
        }
        session.expires_at = now + self.session_secs;
        Some(session.clone())
    }

    pub fn logout(&self, token: &str) -> bool {
        lock(&self.sessions).remove(token).is_some()
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
}
