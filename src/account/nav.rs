//! The header's account part: one entry, "Anmelden" or "Mein Konto" with the number of unread
//! messages. Meine Anträge, the Postfach and "Abmelden" are on the account overview (/konto),
//! one step away from every page.
//!
//! Why one entry of one size: the former row (name, Mein Konto, Meine Anträge, Postfach,
//! Abmelden) wrapped to four rows on a phone and pushed the page down when the session arrived
//! (CLS 0.19 on /konto). The slot holds every state's text invisibly, so it is as wide and as
//! high as the widest of them in each state — also while the session is being asked for, and
//! when the count arrives — and nothing around it moves.

use super::{login_href, use_account};
use crate::i18n::{fill, use_i18n, Texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Counts above this show as "99+" in the badge (the link's name says the number).
const BADGE_MAX: u32 = 99;

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
    let entry = move || {
        let account = account?;
        let t = i18n.t();
        if account.me.with(Option::is_some) {
            let label = move || {
                let t = i18n.t();
                match account.unread.get().filter(|n| *n > 0) {
                    Some(n) => format!("{}, {}", t.account_my, unread_words(t, n)),
                    None => t.account_my.to_string(),
                }
            };
            let badge = move || {
                let n = account.unread.get().filter(|n| *n > 0)?;
                let shown = if n > BADGE_MAX {
                    format!("{BADGE_MAX}+")
                } else {
                    n.to_string()
                };
                Some(view! { <span class="account-badge" aria-hidden="true">{shown}</span> })
            };
            Some(
                view! {
                    <nav class="account-nav" aria-label=t.account_nav_label>
                        <A href=crate::routes::ACCOUNT attr:class="account-link" attr:aria-label=label>
                            // The space keeps the visible text "Mein Konto 2" part of the name.
                            <span>{t.account_my}</span>" "{badge}
                        </A>
                    </nav>
                }
                .into_any(),
            )
        } else if account.known.get() {
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
            Some(
                view! { <a class="account-link" href=href rel="external">{t.account_sign_in}</a> }
                    .into_any(),
            )
        } else {
            // No answer yet: the place stays empty (the sizers keep its size).
            None
        }
    };
    move || {
        account?;
        if !on() {
            return None;
        }
        let t = i18n.t();
        Some(view! {
            <div class="account-slot">
                <span class="account-sizer" aria-hidden="true">{t.account_sign_in}</span>
                <span class="account-sizer" aria-hidden="true">
                    <span>{t.account_my}</span>" "
                    <span class="account-badge">{format!("{BADGE_MAX}+")}</span>
                </span>
                {entry}
            </div>
        })
    }
}

/// "2 ungelesene Nachrichten" (n ≥ 1).
fn unread_words(t: &Texts, n: u32) -> String {
    if n == 1 {
        t.account_unread_one.to_string()
    } else {
        fill(t.account_unread_many, &[("count", &n)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_in_words() {
        let de = crate::i18n::texts(crate::i18n::Lang::De);
        assert_eq!(unread_words(de, 1), "1 ungelesene Nachricht");
        assert_eq!(unread_words(de, 12), "12 ungelesene Nachrichten");
        let en = crate::i18n::texts(crate::i18n::Lang::En);
        assert_eq!(unread_words(en, 2), "2 unread messages");
    }
}
