//! The upload component's engine, used by every file field: photos made small (and stripped of
//! their metadata) in the browser, chunks sent with progress, automatic resume after a dropped
//! connection, a button after that, and an offer to resume after a reload. The rules (chunks,
//! offsets, sizes, announcement steps, retries) live in `domain::upload`.

use crate::api;
use crate::api::uploads::ChunkError;
use crate::i18n::{Lang, Texts};
use domain::application::UploadReceipt;
use domain::upload::{self as rules, ResumableCreate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// sessionStorage: field path → unfinished upload. Only the server's random id and the size:
/// nothing personal (no file name). The file itself cannot be kept; it is chosen again.
const PENDING: &str = "upload-pending";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Pending {
    id: String,
    size: u64,
}

fn pending(path: &str) -> Option<Pending> {
    crate::storage::load::<BTreeMap<String, Pending>>(PENDING)?.remove(path)
}

fn set_pending(path: &str, p: Option<Pending>) {
    let mut all = crate::storage::load::<BTreeMap<String, Pending>>(PENDING).unwrap_or_default();
    match p {
        Some(p) => all.insert(path.to_owned(), p),
        None => all.remove(path),
    };
    if all.is_empty() {
        crate::storage::remove(PENDING);
    } else {
        crate::storage::save(PENDING, &all);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Idle,
    /// A photo is being scaled down.
    Preparing,
    Sending,
    /// Connection lost; automatic attempt n of [`rules::AUTO_RETRIES`] is coming.
    Retrying(u32),
    /// Automatic attempts are used up: the resume button.
    Stalled,
    Cancelled,
    /// After a reload: an unfinished upload of this field waits for its file.
    Interrupted,
}

/// What the finished upload or a refusal hands back to the field.
pub type Done = Rc<dyn Fn(Result<UploadReceipt, String>)>;

struct Job {
    id: String,
    blob: web_sys::Blob,
    offset: u64,
    attempts: u32,
    lang: Lang,
    done: Done,
}

/// The state one file field shows: phase, bytes sent of total, the last announced step, and
/// how much a photo shrank.
#[derive(Clone, Copy)]
pub struct Upload {
    pub phase: RwSignal<Phase>,
    pub sent: RwSignal<u64>,
    pub total: RwSignal<u64>,
    /// The last quarter read out to screen readers (25, 50, 75, 100).
    pub announced: RwSignal<Option<u8>>,
    /// Original and re-encoded size of a photo that was made smaller.
    pub shrunk: RwSignal<Option<(u64, u64)>>,
    path: StoredValue<String>,
    job: StoredValue<Option<Job>, LocalStorage>,
    xhr: StoredValue<Option<web_sys::XmlHttpRequest>, LocalStorage>,
}

impl Upload {
    pub fn new(path: &str) -> Upload {
        let interrupted = pending(path).is_some();
        Upload {
            phase: RwSignal::new(if interrupted {
                Phase::Interrupted
            } else {
                Phase::Idle
            }),
            sent: RwSignal::new(0),
            total: RwSignal::new(0),
            announced: RwSignal::new(None),
            shrunk: RwSignal::new(None),
            path: StoredValue::new(path.to_owned()),
            job: StoredValue::new_local(None),
            xhr: StoredValue::new_local(None),
        }
    }

    pub fn busy(self) -> bool {
        matches!(
            self.phase.get(),
            Phase::Preparing | Phase::Sending | Phase::Retrying(_) | Phase::Stalled
        )
    }

    /// Prepares and sends `file`; `done` gets the receipt or the message to show.
    pub fn start(self, file: web_sys::File, lang: Lang, done: Done) {
        // Read before the reset below forgets it: the upload interrupted by a reload.
        let interrupted = self.path.try_get_value().and_then(|p| pending(&p));
        self.cancel_quietly();
        self.shrunk.set(None);
        if rules::is_photo(&file.type_()) {
            self.phase.set(Phase::Preparing);
        }
        spawn_local(async move {
            let t = crate::i18n::texts(lang);
            let prepared = prepare(&file).await;
            let size = prepared.blob.size() as u64;
            if prepared.shrunk {
                self.shrunk.set(Some((file.size() as u64, size)));
            }
            if size > rules::MAX_BYTES {
                self.phase.set(Phase::Idle);
                done(Err(t.upload_too_large.into()));
                return;
            }
            self.sent.set(0);
            self.total.set(size);
            self.announced.set(None);
            self.phase.set(Phase::Sending);
            let Some(path) = self.path.try_get_value() else {
                return;
            };
            // After a reload: the same (prepared) file continues where the server stopped.
            let mut resumed = None;
            if let Some(p) = interrupted.filter(|p| p.size == size) {
                if let Ok(s) = api::uploads::status(lang, &p.id).await {
                    resumed = Some(s);
                }
            }
            let state = match resumed {
                Some(s) => s,
                None => {
                    let body = ResumableCreate {
                        name: prepared.name.clone(),
                        size,
                        content_type: prepared.content_type.clone(),
                    };
                    match api::uploads::create(lang, &body).await {
                        Ok(s) => s,
                        Err(e) => {
                            self.phase.set(Phase::Idle);
                            done(Err(refusal(&e, t)));
                            return;
                        }
                    }
                }
            };
            if let Some(r) = state.receipt {
                self.finish(r, &done);
                return;
            }
            set_pending(
                &path,
                Some(Pending {
                    id: state.id.clone(),
                    size,
                }),
            );
            self.progress(state.offset);
            self.job.set_value(Some(Job {
                id: state.id,
                blob: prepared.blob,
                offset: state.offset,
                attempts: 0,
                lang,
                done,
            }));
            self.drive().await;
        });
    }

    /// The resume button: three more automatic attempts.
    pub fn resume(self) {
        self.job.update_value(|j| {
            if let Some(j) = j {
                j.attempts = 0;
            }
        });
        spawn_local(async move { self.drive().await });
    }

    /// The cancel button: stops the transfer; the server forgets the rest after a day.
    pub fn cancel(self) {
        self.cancel_quietly();
        self.phase.set(Phase::Cancelled);
    }

    /// Forgets an interrupted upload (e.g. when the user removes the file).
    pub fn forget(self) {
        self.cancel_quietly();
        self.phase.set(Phase::Idle);
    }

    fn cancel_quietly(self) {
        self.job.set_value(None);
        if let Some(x) = self.xhr.try_update_value(Option::take).flatten() {
            let _ = x.abort();
        }
        if let Some(path) = self.path.try_get_value() {
            set_pending(&path, None);
        }
        self.sent.set(0);
        self.announced.set(None);
    }

    fn progress(self, sent: u64) {
        self.sent.set(sent);
        let before = self.announced.try_get_untracked().flatten().unwrap_or(0);
        let total = self.total.try_get_untracked().unwrap_or(0);
        if let Some(step) = rules::announcement(before, rules::percent(sent, total)) {
            self.announced.set(Some(step));
        }
    }

    fn finish(self, receipt: UploadReceipt, done: &Done) {
        self.job.set_value(None);
        if let Some(path) = self.path.try_get_value() {
            set_pending(&path, None);
        }
        self.progress(self.total.try_get_untracked().unwrap_or(0));
        self.phase.set(Phase::Idle);
        done(Ok(receipt));
    }

    fn fail(self, message: String, done: &Done) {
        self.cancel_quietly();
        self.phase.set(Phase::Idle);
        done(Err(message));
    }

    /// Sends chunk after chunk from the acknowledged offset until the receipt comes back.
    async fn drive(self) {
        self.phase.set(Phase::Sending);
        loop {
            // `try_`: the field may have left the page meanwhile; then this simply stops.
            let Some((id, blob, offset, lang, done)) = self
                .job
                .try_with_value(|j| {
                    j.as_ref().map(|j| {
                        (
                            j.id.clone(),
                            j.blob.clone(),
                            j.offset,
                            j.lang,
                            j.done.clone(),
                        )
                    })
                })
                .flatten()
            else {
                return;
            };
            let t = crate::i18n::texts(lang);
            let total = self.total.try_get_untracked().unwrap_or(0);
            let outcome = match rules::next_chunk(offset, total, rules::CHUNK_BYTES) {
                // Everything was sent but the answer got lost: ask below.
                None => Err(ChunkError::Retry),
                Some(c) => {
                    let end = c.offset + c.len;
                    match (
                        blob.slice_with_f64_and_f64(c.offset as f64, end as f64),
                        web_sys::XmlHttpRequest::new(),
                    ) {
                        (Ok(slice), Ok(xhr)) => {
                            self.xhr.set_value(Some(xhr.clone()));
                            let me = self;
                            api::uploads::send_chunk(lang, &id, c.offset, &slice, &xhr, move |n| {
                                me.progress(c.offset + n.min(c.len))
                            })
                            .await
                        }
                        _ => Err(ChunkError::Refused(None)),
                    }
                }
            };
            // Cancelled or replaced by another file meanwhile.
            if self
                .job
                .try_with_value(|j| j.as_ref().map(|j| j.id != id).unwrap_or(true))
                .unwrap_or(true)
            {
                return;
            }
            match outcome {
                Ok(s) => {
                    self.job.update_value(|j| {
                        if let Some(j) = j {
                            j.offset = s.offset;
                            j.attempts = 0;
                        }
                    });
                    self.phase.set(Phase::Sending);
                    self.progress(s.offset);
                    if let Some(r) = s.receipt {
                        self.finish(r, &done);
                        return;
                    }
                }
                Err(ChunkError::Cancelled) => return,
                Err(ChunkError::Refused(msg)) => {
                    self.fail(msg.unwrap_or_else(|| t.upload_failed.into()), &done);
                    return;
                }
                Err(ChunkError::Retry | ChunkError::Conflict) => {
                    let attempt = self
                        .job
                        .try_update_value(|j| {
                            j.as_mut().map(|j| {
                                j.attempts += 1;
                                j.attempts
                            })
                        })
                        .flatten()
                        .unwrap_or(u32::MAX);
                    let Some(wait) = rules::retry_delay_ms(attempt) else {
                        self.phase.set(Phase::Stalled);
                        return;
                    };
                    self.phase.set(Phase::Retrying(attempt));
                    sleep(wait).await;
                    if self.phase.try_get_untracked() != Some(Phase::Retrying(attempt)) {
                        return;
                    }
                    match api::uploads::status(lang, &id).await {
                        Ok(s) => {
                            if let Some(r) = s.receipt {
                                self.finish(r, &done);
                                return;
                            }
                            self.job.update_value(|j| {
                                if let Some(j) = j {
                                    j.offset = s.offset;
                                }
                            });
                            self.sent.set(s.offset);
                        }
                        Err(api::ApiError::Status(404, p)) => {
                            self.fail(p.detail.unwrap_or_else(|| t.upload_failed.into()), &done);
                            return;
                        }
                        // Still offline: the next chunk attempt counts as the next try.
                        Err(_) => {}
                    }
                }
            }
        }
    }
}

/// The server's words for a refused upload, else ours.
fn refusal(e: &api::ApiError, t: &Texts) -> String {
    match e {
        api::ApiError::Validation(p) | api::ApiError::Status(_, p) if p.detail.is_some() => {
            p.detail.clone().unwrap_or_default()
        }
        api::ApiError::Network | api::ApiError::Timeout => t.upload_failed.into(),
        other => other.message(t),
    }
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A file as it will be sent.
pub struct Prepared {
    pub blob: web_sys::Blob,
    pub name: String,
    pub content_type: String,
    pub shrunk: bool,
}

/// JPEG and PNG photos are drawn upright (EXIF orientation applied) onto a canvas — smaller
/// when above the pixel limit — and re-encoded as JPEG, which keeps no metadata (GPS, camera,
/// time): a small photo carries the location just as well as a large one. PDFs, and anything
/// the browser cannot decode, are sent as they are.
pub async fn prepare(file: &web_sys::File) -> Prepared {
    if rules::is_photo(&file.type_()) {
        if let Ok(p) = reencode(file).await {
            return p;
        }
    }
    Prepared {
        blob: file.clone().into(),
        name: file.name(),
        content_type: file.type_(),
        shrunk: false,
    }
}

async fn reencode(file: &web_sys::File) -> Result<Prepared, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let opts = web_sys::ImageBitmapOptions::new();
    opts.set_image_orientation(web_sys::ImageOrientation::FromImage);
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob_and_image_bitmap_options(file, &opts)?)
            .await?
            .dyn_into()?;
    // Redrawn even when small enough: re-encoding is what removes the GPS position.
    let (w, h) = rules::target_size(bitmap.width(), bitmap.height(), rules::MAX_LONG_SIDE_PX)
        .unwrap_or((bitmap.width(), bitmap.height()));
    let canvas = web_sys::OffscreenCanvas::new(w, h)?;
    let ctx: web_sys::OffscreenCanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    // A transparent PNG gets a white page, not black.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(w), f64::from(h))?;
    bitmap.close();
    let enc = web_sys::ImageEncodeOptions::new();
    enc.set_type("image/jpeg");
    enc.set_quality(rules::JPEG_QUALITY);
    let blob: web_sys::Blob = JsFuture::from(canvas.convert_to_blob_with_options(&enc)?)
        .await?
        .dyn_into()?;
    let name = file.name();
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name);
    Ok(Prepared {
        blob,
        name: format!("{stem}.jpg"),
        content_type: "image/jpeg".into(),
        shrunk: true,
    })
}
