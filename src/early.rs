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

#[cfg(test)]
mod tests {
    use crate::i18n::{texts, Lang};
    use domain::hearing::FineKind;
    use std::collections::BTreeMap;

    const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js");
    const BEGIN: &str = "  var TEXTS = ";
    const END: &str = ";\n  // END TEXTS";

    /// The catalogue's texts public/early.js paints the landing pages with, per language.
    fn catalogue() -> BTreeMap<&'static str, BTreeMap<&'static str, &'static str>> {
        macro_rules! pick {
            ($t:expr, $($key:ident),* $(,)?) => {
                BTreeMap::from([$((stringify!($key), $t.$key)),*])
            };
        }
        [Lang::De, Lang::En]
            .into_iter()
            .map(|lang| {
                let t = texts(lang);
                let mut m = pick!(
                    t,
                    loading,
                    hearing_case_caption,
                    hearing_title_witness,
                    hearing_title_person,
                    hearing_status_open,
                    hearing_status_answered,
                    hearing_status_paid,
                    hearing_status_deadline_passed,
                    hearing_what_heading,
                    hearing_accusation_witness,
                    hearing_accusation_person,
                    hearing_when,
                    hearing_where,
                    hearing_vehicle,
                    hearing_tbnr,
                    hearing_legal_basis,
                    notice_caption,
                    notice_office,
                    notice_issued_on,
                    notice_addressee,
                    notice_items_heading,
                    fee_item,
                    fee_amount,
                    notice_instalment,
                    notice_amount,
                    notice_due_on,
                    notice_due_today,
                    notice_overdue_day,
                    notice_overdue_days,
                    notice_deferred_until,
                    notice_paid_on,
                    notice_partly_paid,
                    notice_pending,
                    notice_charge_late_one,
                    notice_charge_late_many,
                    notice_charge_dunning,
                    notice_open_total,
                );
                m.insert("warning_fine", FineKind::WarningFine.label(lang));
                m.insert("fine", FineKind::Fine.label(lang));
                (lang.code(), m)
            })
            .collect()
    }

    /// early.js's copy of the texts is the catalogue's; `UPDATE_EARLY_TEXTS=1` rewrites it.
    #[test]
    fn early_texts_are_the_catalogues() {
        let expected = serde_json::to_string(&catalogue()).expect("json");
        let file = std::fs::read_to_string(FILE).expect("public/early.js");
        let start = file.find(BEGIN).expect("TEXTS block") + BEGIN.len();
        let end = start + file[start..].find(END).expect("END TEXTS");
        if std::env::var_os("UPDATE_EARLY_TEXTS").is_some() {
            let updated = format!("{}{}{}", &file[..start], expected, &file[end..]);
            std::fs::write(FILE, updated).expect("write public/early.js");
            return;
        }
        assert_eq!(
            &file[start..end],
            expected,
            "public/early.js's texts differ from src/i18n: run \
             `UPDATE_EARLY_TEXTS=1 cargo test -p serviceportal early_texts` and commit"
        );
    }
}
