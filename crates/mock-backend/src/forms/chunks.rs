//! The store of unfinished chunked uploads (see `resumable` for the endpoints): offsets,
//! expiry, and the type check of the finished file. Knows nothing of HTTP.

use super::uploads::FileType;
use crate::sync::lock;
use axum::body::Bytes;
use domain::application::UploadReceipt;
use domain::upload::{self as rules, Append, ResumableUpload};
use std::collections::HashMap;
use std::sync::Mutex;

struct Pending {
    name: String,
    kind: FileType,
    size: u64,
    bytes: Vec<u8>,
    expires_at: i64,
    /// Set once complete and checked: a client whose last answer was lost asks and gets it.
    receipt: Option<UploadReceipt>,
}

#[derive(Default)]
pub struct ResumableStore {
    pending: Mutex<HashMap<String, Pending>>,
}

/// Why a chunk was not stored.
#[derive(Debug, PartialEq, Eq)]
pub enum AppendError {
    /// Unknown or expired.
    NotFound,
    WrongOffset {
        expected: u64,
    },
    TooLarge,
    /// The finished file's first bytes are not of its declared type; the upload is dropped.
    WrongType,
}

fn upload_id() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let tail: String = (0..20)
        .map(|_| char::from(CHARS[rand::random_range(0..CHARS.len())]))
        .collect();
    format!("res_{tail}")
}

impl Pending {
    fn view(&self, id: &str) -> ResumableUpload {
        ResumableUpload {
            id: id.to_owned(),
            offset: self.bytes.len() as u64,
            size: self.size,
            expires_at: crate::clock::rfc3339(self.expires_at),
            receipt: self.receipt.clone(),
        }
    }
}

impl ResumableStore {
    fn purge(map: &mut HashMap<String, Pending>, now: i64) {
        map.retain(|_, p| p.expires_at > now);
    }

    pub fn create(&self, name: String, kind: FileType, size: u64, now: i64) -> ResumableUpload {
        let mut map = lock(&self.pending);
        Self::purge(&mut map, now);
        let id = loop {
            let candidate = upload_id();
            if !map.contains_key(&candidate) {
                break candidate;
            }
        };
        let p = Pending {
            name,
            kind,
            size,
            bytes: Vec::new(),
            expires_at: now + rules::EXPIRY_SECS,
            receipt: None,
        };
        let view = p.view(&id);
        map.insert(id, p);
        view
    }

    pub fn status(&self, id: &str, now: i64) -> Option<ResumableUpload> {
        let mut map = lock(&self.pending);
        Self::purge(&mut map, now);
        map.get(id).map(|p| p.view(id))
    }

    /// Appends `chunk` at `claimed`; on the last byte, checks the type and stores the file
    /// through `finish` (which returns the receipt of the ordinary upload store).
    pub fn append(
        &self,
        id: &str,
        claimed: u64,
        chunk: &[u8],
        now: i64,
        finish: impl FnOnce(String, FileType, Bytes) -> UploadReceipt,
    ) -> Result<ResumableUpload, AppendError> {
        let mut map = lock(&self.pending);
        Self::purge(&mut map, now);
        let p = map.get_mut(id).ok_or(AppendError::NotFound)?;
        if p.receipt.is_some() {
            // Complete already: only the repeated last chunk's question "where am I" fits.
            return if claimed == p.size && chunk.is_empty() {
                Ok(p.view(id))
            } else {
                Err(AppendError::WrongOffset { expected: p.size })
            };
        }
        match rules::check_append(p.bytes.len() as u64, p.size, claimed, chunk.len() as u64) {
            Append::WrongOffset { expected } => Err(AppendError::WrongOffset { expected }),
            Append::TooLarge => Err(AppendError::TooLarge),
            Append::Accept { complete, .. } => {
                p.bytes.extend_from_slice(chunk);
                p.expires_at = now + rules::EXPIRY_SECS;
                if complete {
                    if !p.kind.matches(&p.bytes) {
                        map.remove(id);
                        return Err(AppendError::WrongType);
                    }
                    let bytes = Bytes::from(std::mem::take(&mut p.bytes));
                    let size = bytes.len();
                    p.receipt = Some(finish(p.name.clone(), p.kind, bytes));
                    // The bytes moved to the upload store; the offset stays the full size.
                    let mut view = p.view(id);
                    view.offset = size as u64;
                    return Ok(view);
                }
                Ok(p.view(id))
            }
        }
    }
}
