//! sessionStorage: form answers, idempotency keys and receipts live per tab and are cleared
//! after a submit. Nothing personal goes to localStorage. Corrupt entries are ignored, never
//! unwrapped.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = session()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(s), Ok(json)) = (session(), serde_json::to_string(value)) {
        let _ = s.set_item(key, &json);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// A random UUID for idempotency keys (crypto.randomUUID; the fallback is still unique enough
/// to tell attempts apart).
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "k{}-{}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e12) as u64
            )
        })
}

/// The key of the current attempt: created once and kept until the attempt succeeds, so a
/// double click, a reload or a retry after a lost response reuses it.
pub fn attempt_key(slot: &str) -> String {
    if let Some(k) = load::<String>(slot) {
        return k;
    }
    let k = new_key();
    save(slot, &k);
    k
}
