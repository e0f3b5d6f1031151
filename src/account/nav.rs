//! The header's account part: "Anmelden", or the name with "Mein Konto" and "Abmelden".

use super::{login_href, use_account};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let town = crate::town::use_town();
    let location = use_location();
    let on = move || town.get().is_some_and(|p| p.features.account);
    let account = use_account();
    // The count follows the citizen through the portal: asked again on every page change.
    Effect::new(move |_| {
        let _ = location.pathname.get();
        if let Some(a) = account.filter(|a| a.me.with(Option::is_some)) {
            a.refresh_unread(i18n.lang.get_untracked());
        }
    });
    move || {
        let account = account?;
        if !on() {
            return None;
        }
        let t = i18n.t();
        Some(match account.me.get() {
            None => {
                let href = move || {
                    let path = location.pathname.get();
                    let query = location.search.get();
                    let here = if query.is_empty() {
                        path
                    } else {
                        format!("{path}?{query}")
                    };
                    login_href(&here)
                };
                // A full page load: the API sends the browser on to the provider.
                view! { <a class="account-link" href=href rel="external">{t.account_sign_in}</a> }
                    .into_any()
            }
            Some(me) => {
                let sign_out = move |_| {
                    spawn_local(async move {
                        let _ = account.sign_out(i18n.lang.get_untracked()).await;
                    });
                };
                view! {
                    <nav class="account-nav" aria-label=t.account_nav_label>
                        <span class="account-name">{format!("{} {}", me.given_name, me.family_name)}</span>
                        <A href=crate::routes::ACCOUNT attr:class="account-link">{t.account_my}</A>
                        <A href=crate::routes::APPLICATIONS attr:class="account-link">{i18n.inbox().nav_applications}</A>
                        <A href=crate::routes::POSTBOX attr:class="account-link">{move || {
                            let it = i18n.inbox();
                            match account.unread.get() {
                                Some(n) if n > 0 => crate::i18n::fill(it.nav_postbox_unread, &[("count", &n)]),
                                _ => it.nav_postbox.to_string(),
                            }
                        }}</A>
                        <button type="button" class="account-link link-button" on:click=sign_out>{t.account_sign_out}</button>
                    </nav>
                }
                .into_any()
            }
        })
    }
}
