//! `Idempotency-Key` handling for POSTs that create something (applications, hearing responses,
//! payments): the same key and body return the first result; the same key with another body
//! is a 409. The lock is held while the result is created, so two racing requests with one key
//! can never create two things.

use crate::problem::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::i18n::Lang;
use std::collections::HashMap;
use std::sync::Mutex;

/// The `Idempotency-Key` header: required, 1–255 visible ASCII characters.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default();
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()))
            .ok_or_else(|| {
                ApiError::bad_request(
                    lang,
                    "An Idempotency-Key header (1-255 visible ASCII characters) is required",
                )
            })?;
        Ok(IdempotencyKey(key.to_owned()))
    }
}

/// Whether a result was created now or replayed from an earlier request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Replayed,
}

pub struct IdempotencyStore<T> {
    entries: Mutex<HashMap<String, (String, T)>>,
}

impl<T: Clone> Default for IdempotencyStore<T> {
    fn default() -> Self {
        IdempotencyStore {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> IdempotencyStore<T> {
    /// Runs `create` once per key. `fingerprint` identifies the request body (and its scope,
    /// e.g. the session); a failed `create` is not remembered, so the client may retry.
    pub fn run(
        &self,
        lang: Lang,
        key: &IdempotencyKey,
        fingerprint: &str,
        create: impl FnOnce() -> Result<T, ApiError>,
    ) -> Result<(T, Outcome), ApiError> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((stored_fp, value)) = entries.get(&key.0) {
            if stored_fp == fingerprint {
                return Ok((value.clone(), Outcome::Replayed));
            }
            return Err(ApiError::conflict(
                lang,
                "idempotency-conflict",
                "Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.",
                "This Idempotency-Key was already used for a different request.",
            ));
        }
        let value = create()?;
        entries.insert(key.0.clone(), (fingerprint.to_owned(), value.clone()));
        Ok((value, Outcome::Created))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replays_same_body_and_refuses_another() {
        let store = IdempotencyStore::<u32>::default();
        let key = IdempotencyKey("k1".into());
        let mut calls = 0;
        let (v, o) = store
            .run(Lang::De, &key, "a", || {
                calls += 1;
                Ok(7)
            })
            .unwrap();
        assert_eq!((v, o), (7, Outcome::Created));
        let (v, o) = store.run(Lang::De, &key, "a", || Ok(8)).unwrap();
        assert_eq!((v, o), (7, Outcome::Replayed));
        let err = store.run(Lang::De, &key, "b", || Ok(9)).unwrap_err();
        assert_eq!(err.status(), axum::http::StatusCode::CONFLICT);
        assert_eq!(calls, 1);
    }

    #[test]
    fn failures_are_not_remembered() {
        let store = IdempotencyStore::<u32>::default();
        let key = IdempotencyKey("k".into());
        assert!(store
            .run(Lang::De, &key, "a", || Err(ApiError::not_found(Lang::De)))
            .is_err());
        assert_eq!(
            store.run(Lang::De, &key, "a", || Ok(1)).unwrap().1,
            Outcome::Created
        );
    }
}
