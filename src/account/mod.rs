//! Sign-in with the citizen account, as the app sees it: the API holds the session (an
//! HttpOnly cookie the app cannot read); the app only asks `GET /api/v1/me` who is signed in.
//! Nothing of the account goes to web storage.

pub mod applications;
pub mod nav;
pub mod pages;
pub mod postbox;
pub mod timer;

use crate::api::{request, ApiError, Method};
use crate::i18n::Lang;
use domain::account::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

/// Where sign-in starts (a full page load, the API redirects to the provider).
pub const LOGIN: &str = "/api/v1/auth/login";

/// The signed-in citizen, shared by header, account page and timer.
#[derive(Clone, Copy)]
pub struct Account {
    /// `None` while unknown or signed out.
    pub me: RwSignal<Option<Me>>,
    /// The API has answered whether someone is signed in (or could not be asked): until then
    /// the header keeps the account's place empty rather than showing "Anmelden" by mistake.
    pub known: RwSignal<bool>,
    /// Browser time (ms) when the server ends the session without activity.
    pub expires_at_ms: RwSignal<f64>,
    /// The session ended while the page was open.
    pub expired: RwSignal<bool>,
    /// Unread messages in the Postfach (the header's count); `None` until known.
    pub unread: RwSignal<Option<u32>>,
}

impl Account {
    pub fn provide() -> Account {
        let a = Account {
            me: RwSignal::new(None),
            known: RwSignal::new(false),
            expires_at_ms: RwSignal::new(f64::MAX),
            expired: RwSignal::new(false),
            unread: RwSignal::new(None),
        };
        provide_context(a);
        a
    }

    /// Asks the API once whether someone is signed in.
    pub fn load(self, lang: Lang) {
        spawn_local(async move {
            // Always 200 (`me` or null): an anonymous visit causes no failed request.
            if let Ok(Status { me: Some(me) }) =
                request::<(), Status>(Method::Get, "/api/v1/auth/session", lang, None).await
            {
                self.signed_in(me);
            }
            self.known.set(true);
        });
    }

    pub fn signed_in(self, me: Me) {
        self.expires_at_ms
            .set(js_sys::Date::now() + me.session_secs as f64 * 1000.0);
        self.expired.set(false);
        self.me.set(Some(me));
        self.known.set(true);
    }

    /// Asks the API for the number of unread messages (the header shows it).
    pub fn refresh_unread(self, lang: Lang) {
        spawn_local(async move {
            if let Ok(s) = crate::api::inbox::summary(lang).await {
                self.unread.try_set(Some(s.unread));
            }
        });
    }

    /// Extends the session; `false` when it had already ended.
    pub async fn extend(self, lang: Lang) -> bool {
        match request::<(), Me>(Method::Post, "/api/v1/me/session", lang, None).await {
            Ok(me) => {
                self.signed_in(me);
                true
            }
            Err(_) => false,
        }
    }

    /// Signs out at the portal, then sends the browser to the provider to end its session.
    pub async fn sign_out(self, lang: Lang) -> Result<(), ApiError> {
        let out: Logout =
            request::<(), Logout>(Method::Post, "/api/v1/auth/logout", lang, None).await?;
        self.me.set(None);
        let target = out
            .end_session_url
            .unwrap_or_else(|| crate::routes::SIGNED_OUT.to_string());
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&target);
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct Status {
    me: Option<Me>,
}

#[derive(Deserialize)]
struct Logout {
    end_session_url: Option<String>,
}

pub fn use_account() -> Option<Account> {
    use_context::<Account>()
}

/// The signed-in citizen, if any (tracked).
pub fn current_me() -> Option<Me> {
    use_account().and_then(|a| a.me.get())
}

/// The mark of a field filled from the account, when it still shows the account's value:
/// `(text, read-only)`.
pub fn prefill_mark(
    field: &domain::form::Field,
    answer: Option<&domain::form::Answer>,
    t: &crate::i18n::Texts,
) -> Option<(&'static str, bool)> {
    field.prefill?;
    let me = current_me()?;
    let value = domain::form::prefill::prefill_value(&me, field)?;
    (answer == Some(&value)).then(|| {
        let locked = domain::form::prefill::prefill_locked(&me, field);
        (
            if locked {
                t.account_prefilled_verified
            } else {
                t.account_prefilled
            },
            locked,
        )
    })
}

/// The sign-in link for the current page: back here afterwards.
pub fn login_href(return_to: &str) -> String {
    format!(
        "{LOGIN}?return_to={}",
        js_sys::encode_uri_component(return_to)
    )
}
