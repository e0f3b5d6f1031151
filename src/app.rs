//! The route table and the page shell (header, skip link, main landmark, footer).

use crate::dom;
use crate::i18n::{use_i18n, I18n, Lang};
use crate::pages;
use crate::routes::{self, param, segment};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::{path, ParamSegment, StaticSegment};

#[component]
pub fn App() -> impl IntoView {
    let initial = dom::stored_lang()
        .map(|t| Lang::from_tag(&t))
        .unwrap_or_default();
    let i18n = I18n {
        lang: RwSignal::new(initial),
    };
    provide_context(i18n);
    let cart = crate::checkout::cart::Cart::provide();
    // Back from the back/forward cache: the cart and the language again from storage, then the
    // current page anew (see restore.rs).
    let restores = crate::restore::install(move || {
        cart.reload();
        if let Some(lang) = dom::stored_lang().map(|t| Lang::from_tag(&t)) {
            if i18n.lang.get_untracked() != lang {
                i18n.lang.set(lang);
            }
        }
    });
    // The one effect that writes outside the app: language → <html lang> and storage.
    Effect::new(move |_| {
        let code = i18n.lang.get().code();
        dom::set_document_lang(code);
        dom::store_lang(code);
    });

    view! {
        <Router>
            <FocusOnNavigate/>
            <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); dom::focus_id("main"); }>
                {move || i18n.t().skip_link}
            </a>
            <Header cart=cart/>
            <OfflineBanner/>
            <main id="main" tabindex="-1" class="wrap">
                {move || { restores.track(); view! {
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::catalogue::Catalogue/>
                    <Route path=(StaticSegment(segment::SERVICES), ParamSegment(param::SERVICE)) view=pages::service_start::ServiceStart/>
                    <Route path=(StaticSegment(segment::SERVICES), ParamSegment(param::SERVICE), ParamSegment(param::STEP)) view=crate::wizard::page::WizardPage/>
                    <Route path=StaticSegment(segment::HEARING) view=crate::hearing::login::HearingLogin/>
                    <Route path=(StaticSegment(segment::HEARING), ParamSegment(param::STEP)) view=crate::hearing::flow::HearingFlow/>
                    <Route path=StaticSegment(segment::CHECKOUT) view=crate::checkout::page::CheckoutPage/>
                    <Route path=(StaticSegment(segment::CHECKOUT), StaticSegment(segment::CHECKOUT_RETURN)) view=crate::checkout::result::ReturnPage/>
                    <Route path=StaticSegment(segment::GIROCODE) view=pages::girocode_generator::GiroCodeGenerator/>
                    <Route path=StaticSegment(segment::RESUME) view=crate::wizard::resume::ResumePage/>
                    <Route path=StaticSegment(segment::ACCESSIBILITY) view=pages::accessibility::AccessibilityStatement/>
                    <Route path=StaticSegment(segment::EASY_READ) view=pages::static_pages::EasyRead/>
                    <Route path=StaticSegment(segment::IMPRINT) view=pages::static_pages::Imprint/>
                    <Route path=StaticSegment(segment::PRIVACY) view=pages::static_pages::Privacy/>
                </Routes>
                } }}
            </main>
            <Footer/>
        </Router>
    }
}

/// After a client-side navigation (not the first load) focus goes to the new page's heading.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            request_animation_frame(dom::focus_main_heading);
        }
        path
    });
}

#[component]
fn Header(cart: crate::checkout::cart::Cart) -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |_| {
        i18n.lang
            .update(|l| *l = if *l == Lang::De { Lang::En } else { Lang::De })
    };
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <A href=routes::HOME attr:class="brand">
                    <span class="brand-town">{move || i18n.t().town}</span>
                    <span class="brand-portal">{move || i18n.t().portal}</span>
                </A>
                <div class="header-actions">
                {move || {
                    let n = cart.items.with(Vec::len);
                    (n > 0).then(|| view! { <A href=routes::CHECKOUT attr:class="cart-link">{crate::i18n::fill(i18n.t().cart_link, &[("count", &n)])}</A> })
                }}
                <button
                    type="button"
                    class="lang-switch"
                    aria-label=move || i18n.t().switch_language_label
                    lang=move || if i18n.lang() == Lang::De { "en" } else { "de" }
                    on:click=toggle
                >
                    {move || i18n.t().switch_language}
                </button>
                </div>
            </div>
        </header>
    }
}

/// Says so while the browser is offline; typed answers stay, requests fail with a clear message.
#[component]
fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true),
    );
    let go_offline = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let go_online = window_event_listener(leptos::ev::online, move |_| online.set(true));
    on_cleanup(move || {
        go_offline.remove();
        go_online.remove();
    });
    view! {
        <div class="offline-region" aria-live="polite">
            {move || (!online.get()).then(|| view! { <p class="offline-banner wrap">{i18n.t().offline_banner}</p> })}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <footer class="site-footer">
            <nav class="wrap" aria-label=move || t().footer_nav>
                <ul class="footer-links">
                    <li><A href=routes::ACCESSIBILITY>{move || t().accessibility}</A></li>
                    <li><A href=routes::EASY_READ>{move || t().easy_read}</A></li>
                    <li><A href=routes::IMPRINT>{move || t().imprint}</A></li>
                    <li><A href=routes::PRIVACY>{move || t().privacy}</A></li>
                    <li><A href=routes::GIROCODE>{move || t().giro_gen_title}</A></li>
                </ul>
            </nav>
        </footer>
    }
}
