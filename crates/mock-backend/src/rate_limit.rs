//! A sliding-window limit per client address for unauthenticated POSTs (feedback, drafts,
//! uploads, applications, payments). Over the limit: 429 with `Retry-After`, a problem body.
//! The hearing login has its own, stricter lockout per case number.
//!
//! The limiter and which requests it counts; the middleware that applies it is
//! `api::rate_limit`.

use crate::sync::lock;
use axum::http::Method;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

pub const WINDOW_SECS: i64 = 60;
/// Generous for people, tight for scripts; `RATE_LIMIT_PER_MINUTE` overrides it.
pub const DEFAULT_PER_MINUTE: usize = 120;

pub struct RateLimiter {
    per_window: std::sync::atomic::AtomicUsize,
    hits: Mutex<HashMap<(String, String), VecDeque<i64>>>,
}

impl RateLimiter {
    pub fn new(per_window: usize) -> RateLimiter {
        RateLimiter {
            per_window: std::sync::atomic::AtomicUsize::new(per_window),
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Tests tighten the limit on their own state instead of a process-wide variable.
    pub fn set_per_window(&self, n: usize) {
        self.per_window
            .store(n, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn from_env() -> RateLimiter {
        let n = std::env::var("RATE_LIMIT_PER_MINUTE")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n| *n > 0);
        RateLimiter::new(n.unwrap_or(DEFAULT_PER_MINUTE))
    }

    /// Records a request; `Err(seconds)` when over the limit.
    pub fn check(&self, client: &str, bucket: &str, now: i64) -> Result<(), u64> {
        let mut hits = lock(&self.hits);
        let q = hits
            .entry((client.to_owned(), bucket.to_owned()))
            .or_default();
        while q.front().is_some_and(|t| *t <= now - WINDOW_SECS) {
            q.pop_front();
        }
        if q.len() >= self.per_window.load(std::sync::atomic::Ordering::Relaxed) {
            let oldest = q.front().copied().unwrap_or(now);
            return Err((oldest + WINDOW_SECS - now).max(1) as u64);
        }
        q.push_back(now);
        Ok(())
    }
}

/// Which limit a path (relative to `/api`, where this layer sits) falls under.
pub fn bucket(method: &Method, path: &str) -> Option<&'static str> {
    if method != Method::POST {
        return None;
    }
    match path.strip_prefix("/api").unwrap_or(path) {
        "/v1/feedback" => Some("feedback"),
        "/v1/drafts" => Some("drafts"),
        "/v1/uploads" | "/v1/uploads/resumable" => Some("uploads"),
        "/v1/applications" => Some("applications"),
        "/v1/payments" => Some("payments"),
        "/v1/appointments/bookings" => Some("appointments"),
        "/v1/hearings/session" => Some("hearing-login"),
        "/v1/notices/session" => Some("notice-login"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window() {
        let r = RateLimiter::new(2);
        assert!(r.check("a", "x", 100).is_ok());
        assert!(r.check("a", "x", 110).is_ok());
        assert_eq!(r.check("a", "x", 120), Err(40));
        assert!(r.check("b", "x", 120).is_ok(), "per client");
        assert!(r.check("a", "y", 120).is_ok(), "per bucket");
        assert!(
            r.check("a", "x", 161).is_ok(),
            "the first hit left the window"
        );
    }
}
