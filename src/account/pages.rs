//! "Mein Konto" (the way on to Meine Anträge and the Postfach, signing out, what the account
//! told the portal, the trust level, unlinking with a confirmation step), the page after
//! sign-out and the page of a refused sign-in.

use super::{login_href, use_account, LOGIN};
use crate::api::{request, Method};
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n, Lang, Texts};
use domain::account::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let confirming = RwSignal::new(false);
    let unlinked = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let t = move || i18n.t();
    let town = crate::town::use_town();
    // Until the API has said who is signed in (the header's slot stays empty meanwhile).
    let pending = move || {
        town.get().is_some_and(|p| p.features.account) && account.is_some_and(|a| !a.known.get())
    };
    let sign_out = move |_| {
        let Some(a) = account else { return };
        spawn_local(async move {
            if let Err(e) = a.sign_out(i18n.lang.get_untracked()).await {
                error.set(Some(e.message(i18n.t())));
            }
        });
    };
    let postbox = move || {
        let it = i18n.inbox();
        match account.and_then(|a| a.unread.get()) {
            Some(n) if n > 0 => fill(it.nav_postbox_unread, &[("count", &n)]),
            _ => it.nav_postbox.to_string(),
        }
    };
    let unlink = move |_| {
        spawn_local(async move {
            match request::<(), ()>(
                Method::Delete,
                "/api/v1/me",
                i18n.lang.get_untracked(),
                None,
            )
            .await
            {
                Ok(()) => {
                    if let Some(a) = account {
                        a.me.set(None);
                    }
                    unlinked.set(true);
                    request_animation_frame(crate::dom::focus_main_heading);
                }
                Err(e) => error.set(Some(e.message(i18n.t()))),
            }
        });
    };
    let body = move || {
        if unlinked.get() {
            return view! {
                <p role="status">{t().account_unlinked}</p>
                <p><A href=crate::routes::HOME>{t().back_to_start}</A></p>
            }
            .into_any();
        }
        let Some(me) = account.and_then(|a| a.me.get()) else {
            if pending() {
                // As high as the screen: the overview is taller, so the footer does not move.
                return view! { <p class="loading account-pending">{t().loading}</p> }.into_any();
            }
            return view! {
                <p>{t().account_not_signed_in}</p>
                <p><a class="button" href=login_href(crate::routes::ACCOUNT) rel="external">{t().account_sign_in}</a></p>
            }
            .into_any();
        };
        view! {
            <p>{fill(t().account_signed_in_as, &[("name", &format!("{} {}", me.given_name, me.family_name))])}</p>
            <ul class="account-actions">
                <li><A href=crate::routes::APPLICATIONS attr:class="account-action">{i18n.inbox().nav_applications}</A></li>
                <li><A href=crate::routes::POSTBOX attr:class="account-action">{postbox}</A></li>
                <li><button type="button" class="button button-secondary" on:click=sign_out>{t().account_sign_out}</button></li>
            </ul>
            <h2>{t().account_details_title}</h2>
            <p>{t().account_intro}</p>
            <Attributes me=me.clone()/>
            <p class="hint">{if me.verified { t().account_verified_note } else { t().account_unverified_note }}</p>
            <h2>{t().account_unlink_title}</h2>
            <p>{t().account_unlink_text}</p>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            {move || if confirming.get() {
                view! {
                    <div class="notice" role="group" aria-labelledby="unlink-confirm">
                        <p id="unlink-confirm"><strong>{t().account_unlink_confirm}</strong></p>
                        <div class="button-row">
                            <button type="button" class="button button-warning" on:click=unlink>{t().account_unlink_yes}</button>
                            <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{t().account_unlink_cancel}</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true)>{t().account_unlink_button}</button>
                }.into_any()
            }}
        }
        .into_any()
    };
    view! {
        <PageTitle text=move || t().account_title.to_string()/>
        <h1>{move || t().account_title}</h1>
        {body}
    }
}

#[component]
fn Attributes(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    // Rebuilt on a language change: labels, the date format and the trust level's wording.
    let rows =
        move || {
            attribute_rows(&me, i18n.t(), i18n.lang())
            .into_iter()
            .map(|(k, v)| view! {
                <div class="summary-row"><dt>{k}</dt><dd class="summary-value">{v}</dd></div>
            })
            .collect_view()
        };
    view! { <dl class="summary-list">{rows}</dl> }
}

/// What the account told the portal, as label and value in `lang`.
fn attribute_rows(me: &Me, t: &Texts, lang: Lang) -> Vec<(&'static str, String)> {
    let mut rows = vec![(
        t.account_name,
        format!("{} {}", me.given_name, me.family_name),
    )];
    if let Some(b) = me.birth_date.as_deref() {
        let shown = domain::date::Date::parse_iso(b)
            .map(|d| d.format(lang))
            .unwrap_or_else(|| b.to_string());
        rows.push((t.account_birth_date, shown));
    }
    if let Some(a) = &me.address {
        rows.push((
            t.account_address,
            format!("{}, {} {}", a.street, a.postal_code, a.town),
        ));
    }
    if let Some(e) = &me.email {
        rows.push((t.account_email, e.clone()));
    }
    rows.push((
        t.account_trust_level,
        me.trust_level.label(lang).to_string(),
    ));
    rows
}

#[component]
pub fn SignedOut() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <PageTitle text=move || t().account_signed_out_title.to_string()/>
        <h1>{move || t().account_signed_out_title}</h1>
        <p>{move || t().account_signed_out_text}</p>
        <p><A href=crate::routes::HOME>{move || t().back_to_start}</A></p>
    }
}

#[component]
pub fn SignInFailed() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <PageTitle text=move || t().account_failed_title.to_string()/>
        <h1>{move || t().account_failed_title}</h1>
        <p>{move || t().account_failed_text}</p>
        <p><a class="button" href=LOGIN rel="external">{move || t().account_sign_in_again}</a></p>
        <p><A href=crate::routes::HOME>{move || t().back_to_start}</A></p>
    }
}
