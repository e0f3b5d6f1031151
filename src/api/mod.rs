//! The one typed client for the portal's REST API: a single request function and one error
//! enum. Nothing from the network is unwrapped.

pub mod appointments;
pub mod feedback;
pub mod forms;
pub mod hearings;
pub mod inbox;
pub mod notices;
pub mod payments;
pub mod services;
pub mod town;
pub mod uploads;

use crate::i18n::{fill, Lang, Texts};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// RFC 9457 problem details as the backend sends them.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Problem {
    /// `/problems/slot-taken`, …
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub errors: BTreeMap<String, Vec<String>>,
    /// A taken appointment's fresh free times (409 `slot-taken`).
    #[serde(default)]
    pub times: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all (offline, refused, DNS).
    Network,
    /// No answer within [`TIMEOUT_MS`]; the request was aborted.
    Timeout,
    /// The answer was not what the API describes.
    Decode,
    /// 422: field → messages.
    Validation(Problem),
    /// 503: the service is down for a while; `Retry-After` in seconds when the server sent one.
    Unavailable(Option<u32>),
    /// Any other non-success status, with the problem if one came.
    Status(u16, Problem),
}

impl ApiError {
    /// A sentence for the user; the details stay in the console.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            ApiError::Network => t.error_network.into(),
            ApiError::Timeout => t.error_timeout.into(),
            ApiError::Decode => t.error_decode.into(),
            ApiError::Unavailable(Some(secs)) => {
                fill(t.error_unavailable, &[("wait", &wait_text(*secs, t))])
            }
            ApiError::Unavailable(None) => t.error_unavailable_later.into(),
            ApiError::Validation(p) | ApiError::Status(_, p)
                if !p.title.is_empty() && !is_server_error(self) =>
            {
                p.detail
                    .clone()
                    .map(|d| format!("{} ({d})", p.title))
                    .unwrap_or_else(|| p.title.clone())
            }
            _ => t.error_server.into(),
        }
    }
}

/// "30 Sekunden", "einer Minute", "3 Minuten": seconds up to 90, then whole minutes rounded up.
pub fn wait_text(secs: u32, t: &Texts) -> String {
    match secs {
        // Never "1 Sekunden": a wait under two seconds is shown as two.
        0..=90 => fill(t.wait_seconds, &[("seconds", &secs.max(2))]),
        _ => match secs.div_ceil(60) {
            1 => t.wait_minute.to_string(),
            m => fill(t.wait_minutes, &[("minutes", &m)]),
        },
    }
}

/// `Retry-After` as delta-seconds (the form this API sends); an HTTP date or anything above a
/// day is not shown as a wait.
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok().filter(|s| *s <= 86_400)
}

fn is_server_error(e: &ApiError) -> bool {
    matches!(e, ApiError::Status(s, _) if *s >= 500)
}

/// Long enough for a slow phone connection, short enough that nobody waits forever.
pub const TIMEOUT_MS: u32 = 20_000;

pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// The single request function: JSON in, JSON out, problems mapped to [`ApiError`].
pub async fn request<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    lang: Lang,
    body: Option<&B>,
) -> Result<T, ApiError> {
    request_with_headers(method, path, lang, body, &[]).await
}

/// Like [`request`], with extra headers (`Idempotency-Key`, `Authorization`).
pub async fn request_with_headers<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    lang: Lang,
    body: Option<&B>,
    headers: &[(&str, &str)],
) -> Result<T, ApiError> {
    let mut builder: RequestBuilder = match method {
        Method::Get => Request::get(path),
        Method::Post => Request::post(path),
        Method::Put => Request::put(path),
        Method::Delete => Request::delete(path),
    }
    .header("Accept", "application/json")
    .header("Accept-Language", lang.code())
    // The API refuses cookie-authenticated changes without it or a same-origin Origin (CSRF).
    .header("X-Requested-With", "serviceportal");
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        builder = builder.abort_signal(Some(&c.signal()));
    }
    // Aborting after the answer arrived does nothing; before, it ends the wait with a clear error.
    let timer = controller
        .clone()
        .map(|c| gloo_timers_like::Timeout::new(TIMEOUT_MS, move || c.abort()));
    let req = match body {
        Some(b) => builder.json(b).map_err(|_| ApiError::Decode)?,
        None => builder.build().map_err(|_| ApiError::Network)?,
    };
    let sent = req.send().await;
    let timed_out = controller.as_ref().is_some_and(|c| c.signal().aborted());
    let _ = timer;
    let res = sent.map_err(|_| {
        if timed_out {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    })?;
    decode(res).await
}

/// A one-shot browser timeout. Its closure is handed to JS for good (`once_into_js`), so it can
/// never run after being dropped; firing after the answer arrived aborts nothing.
mod gloo_timers_like {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    pub struct Timeout;

    impl Timeout {
        pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
            let callback = Closure::once_into_js(f);
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    ms as i32,
                );
            }
            Timeout
        }
    }
}

/// Maps a response to the typed body or an [`ApiError`]; a 204 decodes from `null`.
pub async fn decode<T: DeserializeOwned>(res: gloo_net::http::Response) -> Result<T, ApiError> {
    let status = res.status();
    if status == 204 {
        return serde_json::from_str("null").map_err(|_| ApiError::Decode);
    }
    if (200..300).contains(&status) {
        return res.json::<T>().await.map_err(|_| ApiError::Decode);
    }
    if status == 503 {
        return Err(ApiError::Unavailable(
            res.headers()
                .get("Retry-After")
                .as_deref()
                .and_then(parse_retry_after),
        ));
    }
    let problem = res.json::<Problem>().await.unwrap_or_default();
    Err(if status == 422 {
        ApiError::Validation(problem)
    } else {
        ApiError::Status(status, problem)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;

    #[test]
    fn retry_after_is_read_as_seconds_only() {
        assert_eq!(parse_retry_after("30"), Some(30));
        assert_eq!(parse_retry_after(" 120 "), Some(120));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-5"), None);
        assert_eq!(parse_retry_after("86401"), None);
    }

    #[test]
    fn waits_read_naturally() {
        let (de, en) = (texts(Lang::De), texts(Lang::En));
        assert_eq!(wait_text(0, de), "2 Sekunden");
        assert_eq!(wait_text(30, de), "30 Sekunden");
        assert_eq!(wait_text(90, de), "90 Sekunden");
        assert_eq!(wait_text(91, de), "2 Minuten");
        assert_eq!(wait_text(60 * 60, en), "60 minutes");
        assert_eq!(ApiError::Unavailable(Some(30)).message(de), "Der Dienst ist gerade überlastet oder wird gewartet. Bitte versuchen Sie es in 30 Sekunden erneut – Ihre Eingaben sind nicht verloren.");
        assert_eq!(
            ApiError::Unavailable(None).message(en),
            en.error_unavailable_later
        );
    }
}
