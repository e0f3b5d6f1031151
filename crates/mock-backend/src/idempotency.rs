//! `Idempotency-Key` handling for POSTs that create something (applications, hearing responses,
//! payments): the same key and body return the first result; the same key with another body
//! is a 409. The lock is held while the result is created, so two racing requests with one key
//! can never create two things.

use crate::problem::ApiError;
use crate::sync::lock;
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
    /// e.g. the session); a failed `create` is not remembered, so the client may retry. The
    /// caller's error type says how a reused key is reported.
    pub fn run<E: From<KeyReused>>(
        &self,
        key: &IdempotencyKey,
        fingerprint: &str,
        create: impl FnOnce() -> Result<T, E>,
    ) -> Result<(T, Outcome), E> {
        let mut entries = lock(&self.entries);
        if let Some((stored_fp, value)) = entries.get(&key.0) {
            if stored_fp == fingerprint {
                return Ok((value.clone(), Outcome::Replayed));
            }
            return Err(KeyReused.into());
        }
        let value = create()?;
        entries.insert(key.0.clone(), (fingerprint.to_owned(), value.clone()));
        Ok((value, Outcome::Created))
    }
}

/// The key was used before for a different request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyReused;

impl std::fmt::Display for KeyReused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the Idempotency-Key was already used for a different request")
    }
}

impl std::error::Error for KeyReused {}

impl KeyReused {
    /// The 409 problem every handler answers a reused key with.
    pub fn problem(self, lang: Lang) -> ApiError {
        ApiError::conflict(
            lang,
            "idempotency-conflict",
            "Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.",
            "This Idempotency-Key was already used for a different request.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Eq)]
    enum TestError {
        KeyReused,
        Failed,
    }

    impl From<KeyReused> for TestError {
        fn from(_: KeyReused) -> Self {
            TestError::KeyReused
        }
    }

    #[test]
    fn replays_same_body_and_refuses_another() {
        let store = IdempotencyStore::<u32>::default();
        let key = IdempotencyKey("k1".into());
        let mut calls = 0;
        let (v, o) = store
            .run(&key, "a", || {
                calls += 1;
                Ok::<_, TestError>(7)
            })
            .unwrap();
        assert_eq!((v, o), (7, Outcome::Created));
        let (v, o) = store.run(&key, "a", || Ok::<_, TestError>(8)).unwrap();
        assert_eq!((v, o), (7, Outcome::Replayed));
        let err = store.run(&key, "b", || Ok::<_, TestError>(9)).unwrap_err();
        assert_eq!(err, TestError::KeyReused);
        assert_eq!(
            KeyReused.problem(Lang::De).status(),
            axum::http::StatusCode::CONFLICT
        );
        assert_eq!(calls, 1);
    }

    #[test]
    fn failures_are_not_remembered() {
        let store = IdempotencyStore::<u32>::default();
        let key = IdempotencyKey("k".into());
        assert_eq!(
            store.run(&key, "a", || Err(TestError::Failed)),
            Err(TestError::Failed)
        );
        assert_eq!(
            store.run(&key, "a", || Ok::<_, TestError>(1)).unwrap().1,
            Outcome::Created
        );
    }
}
