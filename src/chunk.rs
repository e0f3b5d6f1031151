//! The error of a code-split part (src/lazy.rs, src/components/qr_code.rs) that could not be
//! loaded, shared by every split point.

use leptos::wasm_split::SplitLoaderError;

/// A chunk that could not be loaded; the loader is not cached, so a retry loads anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}
