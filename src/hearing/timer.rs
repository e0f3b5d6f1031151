//! Warns two minutes before the hearing session ends and lets the user extend it (WCAG 2.2.1).
//! After expiry the typed answers stay in this tab; logging in again returns to the same page.

use super::session::{self, Session};
use crate::api;
use crate::i18n::{fill, use_i18n};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};

const WARN_AT_SECS: i64 = 120;

#[component]
pub fn SessionTimer() -> impl IntoView {
    let i18n = use_i18n();
    let left = RwSignal::new(
        session::load()
            .map(|s| s.seconds_left())
            .unwrap_or(i64::MAX),
    );
    let handle = set_interval_with_handle(
        move || {
            left.set(
                session::load()
                    .map(|s| s.seconds_left())
                    .unwrap_or(i64::MAX),
            )
        },
        std::time::Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
    let location = use_location();
    let navigate = use_navigate();
    let extend = move |_| {
        let Some(s) = session::load() else { return };
        spawn_local(async move {
            if let Ok(fresh) = api::hearings::refresh(i18n.lang.get_untracked(), &s.token).await {
                session::save(&Session::new(fresh.token, fresh.expires_in_seconds));
                left.set(fresh.expires_in_seconds);
                request_animation_frame(crate::dom::focus_main_heading);
            }
        });
    };
    let relogin = move |_| {
        storage::save(super::RETURN_SLOT, &location.pathname.get_untracked());
        storage::remove("hearing-session");
        navigate(crate::routes::HEARING, Default::default());
    };
    // Only a change of state (or of the whole minute) re-renders: the alert must not repeat every second.
    let phase = Memo::new(move |_| {
        let secs = left.get();
        if secs <= 0 {
            Some(0)
        } else if secs <= WARN_AT_SECS {
            Some((secs + 59) / 60)
        } else {
            None
        }
    });
    move || {
        let t = i18n.t();
        let minutes = phase.get()?;
        if minutes == 0 {
            let relogin = relogin.clone();
            Some(
                view! {
                    <div class="session-warning notice notice-error" role="alert">
                        <p>{t.hearing_session_ended}</p>
                        <button type="button" class="button" on:click=relogin>{t.hearing_login_again}</button>
                    </div>
                }
                .into_any(),
            )
        } else {
            Some(
                view! {
                    <div class="session-warning notice" role="alert">
                        <p id="session-warning-text">{fill(t.hearing_session_warning, &[("minutes", &minutes)])}</p>
                        <button type="button" class="button" on:click=extend>{t.hearing_extend}</button>
                    </div>
                }
                .into_any(),
            )
        }
    }
}
