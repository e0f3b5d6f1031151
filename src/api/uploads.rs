//! Resumable uploads (tus shape): create, send a chunk at an offset with progress, ask the
//! offset after a failure. Chunks go by XMLHttpRequest: fetch reports no upload progress.

use super::{request, ApiError, Method, Problem};
use crate::i18n::Lang;
use domain::upload::{ResumableCreate, ResumableUpload, CHUNK_TIMEOUT_MS};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub async fn create(lang: Lang, body: &ResumableCreate) -> Result<ResumableUpload, ApiError> {
    request(Method::Post, "/api/v1/uploads/resumable", lang, Some(body)).await
}

pub async fn status(lang: Lang, id: &str) -> Result<ResumableUpload, ApiError> {
    request::<(), _>(
        Method::Get,
        &format!(
            "/api/v1/uploads/resumable/{}",
            String::from(js_sys::encode_uri_component(id))
        ),
        lang,
        None,
    )
    .await
}

/// How a chunk ended when it was not stored.
#[derive(Debug, Clone, PartialEq)]
pub enum ChunkError {
    /// Dropped, timed out or a server hiccup: ask the offset and try again.
    Retry,
    /// The server has another offset (409): ask it and continue there.
    Conflict,
    /// Aborted by the cancel button.
    Cancelled,
    /// Refused for good (too large, wrong type, expired): the server's words if it sent some.
    Refused(Option<String>),
}

/// Sends `chunk` at `offset` on `xhr` (kept by the caller so that cancel can abort it);
/// `on_progress` gets the bytes of this chunk sent so far.
pub async fn send_chunk(
    lang: Lang,
    id: &str,
    offset: u64,
    chunk: &web_sys::Blob,
    xhr: &web_sys::XmlHttpRequest,
    on_progress: impl Fn(u64) + 'static,
) -> Result<ResumableUpload, ChunkError> {
    let url = format!(
        "/api/v1/uploads/resumable/{}",
        String::from(js_sys::encode_uri_component(id))
    );
    let prepared = (|| -> Result<(), JsValue> {
        xhr.open_with_async("PATCH", &url, true)?;
        xhr.set_request_header("Content-Type", "application/octet-stream")?;
        xhr.set_request_header("Accept", "application/json")?;
        xhr.set_request_header("Accept-Language", lang.code())?;
        xhr.set_request_header("Upload-Offset", &offset.to_string())?;
        xhr.set_timeout(CHUNK_TIMEOUT_MS);
        Ok(())
    })();
    if prepared.is_err() {
        return Err(ChunkError::Retry);
    }
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            on_progress(e.loaded() as u64)
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let resolver: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let r = resolver.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        *r.borrow_mut() = Some(resolve);
    });
    let r = resolver.clone();
    let ended = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Some(f) = r.borrow_mut().take() {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&e.type_()));
        }
    });
    for set in [
        web_sys::XmlHttpRequestEventTarget::set_onload,
        web_sys::XmlHttpRequestEventTarget::set_onerror,
        web_sys::XmlHttpRequestEventTarget::set_ontimeout,
        web_sys::XmlHttpRequestEventTarget::set_onabort,
    ] {
        set(xhr, Some(ended.as_ref().unchecked_ref()));
    }
    if xhr.send_with_opt_blob(Some(chunk)).is_err() {
        return Err(ChunkError::Retry);
    }
    let how = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(progress);
    drop(ended);
    match how.as_str() {
        "load" => {}
        "abort" => return Err(ChunkError::Cancelled),
        _ => return Err(ChunkError::Retry),
    }
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        200..=299 => serde_json::from_str(&text).map_err(|_| ChunkError::Retry),
        // With `Upload-Offset`: another offset; without: refused (too large, wrong type).
        409 if xhr
            .get_response_header("Upload-Offset")
            .ok()
            .flatten()
            .is_some() =>
        {
            Err(ChunkError::Conflict)
        }
        0 | 408 | 429 | 500..=599 => Err(ChunkError::Retry),
        _ => Err(ChunkError::Refused(
            serde_json::from_str::<Problem>(&text)
                .ok()
                .and_then(|p| p.detail),
        )),
    }
}
