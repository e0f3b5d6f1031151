//! The QR landing pages' requests that `public/early.js` started while the wasm downloaded
//! (`/anhoerung#az=…&code=…`, `/zahlen#kz=…&code=…`): the sign-in's and the case's / notice's
//! answers, decoded here exactly as the app's own requests would be (`api::decode`). Taken once;
//! without them (no script, another route, a fragment opened while the page shows) the pages
//! sign in themselves, as before.

use crate::api::{self, ApiError};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// The `kind` the script writes for each landing page.
pub const HEARING: &str = "hearing";
pub const NOTICE: &str = "notice";

/// `window.__early`, in the shape of version 1 (public/early.js).
const PROPERTY: &str = "__early";
const VERSION: f64 = 1.0;

/// What the script started for one landing page.
pub struct Early {
    /// The case number or Kassenzeichen from the link (as written there).
    pub id: String,
    session: js_sys::Promise,
    current: js_sys::Promise,
    code: js_sys::Promise,
}

thread_local! {
    /// The case / notice request of a successful early sign-in, for the page that shows it:
    /// (kind, token, the promise of its response).
    static CURRENT: RefCell<Option<(&'static str, String, js_sys::Promise)>> = const { RefCell::new(None) };
}

/// Takes what the script started for `kind` (the property is removed, whatever it held).
pub fn take(kind: &str) -> Option<Early> {
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str(PROPERTY);
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    if early.is_undefined() || early.is_null() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let get = |k: &str| js_sys::Reflect::get(&early, &JsValue::from_str(k)).ok();
    let promise = |k: &str| get(k)?.dyn_into::<js_sys::Promise>().ok();
    if get("v")?.as_f64()? != VERSION || get("kind")?.as_string()? != kind {
        return None;
    }
    Some(Early {
        id: get("id")?.as_string()?,
        session: promise("session")?,
        current: promise("current")?,
        code: promise("code")?,
    })
}

impl Early {
    /// The sign-in's answer; `None` when the script got none (network, its timeout).
    pub async fn session<T: DeserializeOwned>(&self) -> Option<Result<T, ApiError>> {
        answer(self.session.clone()).await
    }

    /// The access code from the link, handed back only when the sign-in did not succeed.
    pub async fn code(&self) -> Option<String> {
        wasm_bindgen_futures::JsFuture::from(self.code.clone())
            .await
            .ok()?
            .as_string()
    }

    /// Keeps the case / notice request (signed in with `token`) for the page that shows it.
    pub fn keep_current(self, kind: &'static str, token: &str) {
        CURRENT.with(|c| *c.borrow_mut() = Some((kind, token.to_owned(), self.current)));
    }
}

/// The case / notice the script fetched for this session, decoded; `None` if there is none
/// (then the page fetches it itself). Taken once: a "try again" fetches afresh.
pub async fn current<T: DeserializeOwned>(
    kind: &'static str,
    token: &str,
) -> Option<Result<T, ApiError>> {
    let promise = CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        match c.take() {
            Some((k, t, p)) if k == kind && t == token => Some(p),
            _ => None,
        }
    })?;
    answer(promise).await
}

/// A promise of a `Response` (or `null` for no answer), decoded like the app's own requests.
async fn answer<T: DeserializeOwned>(promise: js_sys::Promise) -> Option<Result<T, ApiError>> {
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let res = value.dyn_into::<web_sys::Response>().ok()?;
    Some(api::decode(gloo_net::http::Response::from(res)).await)
}
