//! Warns two minutes before the account session ends and lets the citizen extend it, like the
//! hearing's timer (WCAG 2.2.1). After expiry what was typed stays in this tab; signing in
//! again returns to the same page.

use super::{login_href, use_account};
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

const WARN_AT_SECS: i64 = 120;

#[component]
pub fn AccountTimer() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let now = RwSignal::new(js_sys::Date::now());
    let handle = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
    let location = use_location();
    // Only a change of state (or of the whole minute) re-renders.
    let phase = Memo::new(move |_| {
        let a = account?;
        if a.me.with(Option::is_none) {
            return a.expired.get().then_some(0);
        }
        let left = ((a.expires_at_ms.get() - now.get()) / 1000.0).floor() as i64;
        if left <= 0 {
            a.me.set(None);
            a.expired.set(true);
            Some(0)
        } else if left <= WARN_AT_SECS {
            Some((left + 59) / 60)
        } else {
            None
        }
    });
    move || {
        let t = i18n.t();
        let minutes = phase.get()?;
        let account = account?;
        if minutes == 0 {
            let here = login_href(&location.pathname.get_untracked());
            Some(
                view! {
                    <div class="session-warning notice notice-error wrap" role="alert">
                        <p>{t.account_session_ended}</p>
                        <a class="button" href=here rel="external">{t.account_sign_in_again}</a>
                    </div>
                }
                .into_any(),
            )
        } else {
            let extend = move |_| {
                spawn_local(async move {
                    if !account.extend(i18n.lang.get_untracked()).await {
                        account.me.set(None);
                        account.expired.set(true);
                    }
                });
            };
            Some(
                view! {
                    <div class="session-warning notice wrap" role="alert">
                        <p>{fill(t.account_session_warning, &[("minutes", &minutes)])}</p>
                        <button type="button" class="button" on:click=extend>{t.hearing_extend}</button>
                    </div>
                }
                .into_any(),
            )
        }
    }
}
