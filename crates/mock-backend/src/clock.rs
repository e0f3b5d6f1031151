//! Time as the backend sees it. Tests move it forward to check expiry without sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// Unix time in seconds.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        real + self.offset_secs.load(Ordering::Relaxed)
    }

    pub fn today(&self) -> domain::date::Date {
        domain::date::Date::from_unix_seconds(self.now())
    }

    /// Moves time forward (tests and the mock-only dev endpoints).
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}

/// RFC 3339 UTC timestamp for API responses, e.g. `2026-11-21T19:04:16Z`.
pub fn rfc3339(unix: i64) -> String {
    domain::date::Timestamp::from_unix_seconds(unix).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_rfc3339() {
        assert_eq!(super::rfc3339(1_795_219_200 + 3723), "2026-11-21T01:02:03Z");
    }
}
