//! The route table and the page shell (header, skip link, main landmark, footer).

use crate::dom;
use crate::i18n::{use_i18n, I18n, Lang};
use crate::lazy::{self, AccountPage, CheckoutPage, InfoPage, WizardPage};
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
    let town = crate::town::Town::provide();
    // A language the town does not offer (stored from another visit) falls back to German.
    Effect::new(move |_| {
        if let Some(p) = town.get() {
            if !crate::town::offers(&p, i18n.lang.get_untracked()) {
                i18n.lang.set(Lang::De);
            }
        }
    });
    let cart = crate::checkout::cart::Cart::provide();
    // Who is signed in with the citizen account, where the town offers it.
    let account = crate::account::Account::provide();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let on = town.get().is_some_and(|p| p.features.account);
        if on {
            account.load(i18n.lang.get_untracked());
        }
        on
    });
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

    // The other flows' chunks, once the first page is there (see lazy.rs).
    lazy::prefetch_when_idle();

    view! {
        <Router>
            <FocusOnNavigate/>
            <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); dom::focus_id("main"); }>
                {move || i18n.t().skip_link}
            </a>
            <Header cart=cart/>
            <OfflineBanner/>
            <crate::account::timer::AccountTimer/>
            <main id="main" tabindex="-1" class="wrap">
                {move || { restores.track(); view! {
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::catalogue::Catalogue/>
                    <Route path=(StaticSegment(segment::SERVICES), ParamSegment(param::SERVICE)) view=|| lazy::wizard_page(WizardPage::Start)/>
                    <Route path=(StaticSegment(segment::SERVICES), ParamSegment(param::SERVICE), ParamSegment(param::STEP)) view=|| lazy::wizard_page(WizardPage::Step)/>
                    <Route path=StaticSegment(segment::HEARING) view=|| view! { <HearingOffered><crate::hearing::login::HearingLogin/></HearingOffered> }/>
                    <Route path=(StaticSegment(segment::HEARING), ParamSegment(param::STEP)) view=|| view! { <HearingOffered><crate::hearing::flow::HearingFlow/></HearingOffered> }/>
                    <Route path=StaticSegment(segment::NOTICE) view=|| view! { <NoticesOffered><crate::notice::login::NoticeLogin/></NoticesOffered> }/>
                    <Route path=(StaticSegment(segment::NOTICE), StaticSegment(segment::NOTICE_PAGE)) view=|| view! { <NoticesOffered><crate::notice::page::NoticePage/></NoticesOffered> }/>
                    <Route path=StaticSegment(segment::CHECKOUT) view=|| lazy::checkout_page(CheckoutPage::Cart)/>
                    <Route path=(StaticSegment(segment::CHECKOUT), StaticSegment(segment::CHECKOUT_RETURN)) view=|| lazy::checkout_page(CheckoutPage::Return)/>
                    <Route path=StaticSegment(segment::GIROCODE) view=lazy::girocode_page/>
                    <Route path=StaticSegment(segment::RESUME) view=|| lazy::wizard_page(WizardPage::Resume)/>
                    <Route path=StaticSegment(segment::ACCESSIBILITY) view=|| lazy::info_page(InfoPage::Accessibility)/>
                    <Route path=StaticSegment(segment::EASY_READ) view=|| lazy::info_page(InfoPage::EasyRead)/>
                    <Route path=StaticSegment(segment::IMPRINT) view=|| lazy::info_page(InfoPage::Imprint)/>
                    <Route path=StaticSegment(segment::PRIVACY) view=|| lazy::info_page(InfoPage::Privacy)/>
                    <Route path=StaticSegment(segment::APPOINTMENTS) view=lazy::appointments_page/>
                    <Route path=(StaticSegment(segment::APPOINTMENTS), ParamSegment(param::STEP)) view=lazy::appointments_page/>
                    <Route path=StaticSegment(segment::ACCOUNT) view=|| lazy::account_page(AccountPage::Overview)/>
                    <Route path=(StaticSegment(segment::ACCOUNT), StaticSegment(segment::APPLICATIONS)) view=|| lazy::account_page(AccountPage::Applications)/>
                    <Route path=(StaticSegment(segment::ACCOUNT), StaticSegment(segment::POSTBOX)) view=|| lazy::account_page(AccountPage::Postbox)/>
                    <Route path=(StaticSegment(segment::ACCOUNT), StaticSegment(segment::POSTBOX), ParamSegment(param::MESSAGE)) view=|| lazy::account_page(AccountPage::Message)/>
                    <Route path=StaticSegment(segment::SIGNED_OUT) view=|| lazy::account_page(AccountPage::SignedOut)/>
                    <Route path=StaticSegment(segment::SIGN_IN_FAILED) view=|| lazy::account_page(AccountPage::SignInFailed)/>
                </Routes>
                } }}
            </main>
            <Footer/>
        </Router>
    }
}

/// The online hearing, where the town offers it.
#[component]
fn HearingOffered(children: ChildrenFn) -> impl IntoView {
    view! {
        <crate::components::offered::Offered feature=|f| f.hearing title=|t| t.hearing_login_title not_offered=|t| t.hearing_not_offered>
            {children()}
        </crate::components::offered::Offered>
    }
}

/// Paying notices, where the town offers it.
#[component]
fn NoticesOffered(children: ChildrenFn) -> impl IntoView {
    view! {
        <crate::components::offered::Offered feature=|f| f.notices title=|t| t.notice_login_title not_offered=|t| t.notice_not_offered>
            {children()}
        </crate::components::offered::Offered>
    }
}

/// After a client-side navigation (not the first load) focus goes to the new page's heading.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            lazy::note_navigation();
            request_animation_frame(dom::focus_main_heading);
        }
        path
    });
}

#[component]
fn Header(cart: crate::checkout::cart::Cart) -> impl IntoView {
    let i18n = use_i18n();
    let town = crate::town::use_town();
    let bilingual = move || town.get().is_some_and(|p| p.languages.len() > 1);
    let toggle = move |_| {
        i18n.lang
            .update(|l| *l = if *l == Lang::De { Lang::En } else { Lang::De })
    };
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <A href=routes::HOME attr:class="brand">
                    // Decorative: the town's name follows as text.
                    <img class="brand-arms" src=routes::COAT_OF_ARMS alt="" width="30" height="36"/>
                    <span class="brand-name">
                        <span class="brand-town">{move || crate::town::full_name(town.get().as_deref(), i18n.lang())}</span>
                        <span class="brand-portal">{move || i18n.t().portal}</span>
                    </span>
                </A>
                <div class="header-actions">
                {move || {
                    let n = cart.items.with(Vec::len);
                    (n > 0).then(|| view! { <A href=routes::CHECKOUT attr:class="cart-link">{crate::i18n::fill(i18n.t().cart_link, &[("count", &n)])}</A> })
                }}
                <crate::account::nav::AccountNav/>
                <Show when=bilingual>
                <button
                    type="button"
                    class="lang-switch"
                    aria-label=move || i18n.t().switch_language_label
                    lang=move || if i18n.lang() == Lang::De { "en" } else { "de" }
                    on:click=toggle
                >
                    {move || i18n.t().switch_language}
                </button>
                </Show>
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
    let town = crate::town::use_town();
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
            {move || town.get().map(|p| {
                let lang = i18n.lang();
                let c = &p.contact;
                view! {
                    <div class="wrap footer-contact">
                        <h2 class="footer-heading">{t().contact_heading}</h2>
                        <address>
                            {crate::town::contact_lines(&p, lang).into_iter().map(|l| view! { {l}<br/> }).collect_view()}
                            {t().phone_label}" "<a href=format!("tel:{}", c.phone.replace(' ', ""))>{c.phone.clone()}</a><br/>
                            {t().email_label}" "<a href=format!("mailto:{}", c.email)>{c.email.clone()}</a>
                        </address>
                        <p class="footer-hours-label">{t().opening_hours}</p>
                        <ul class="footer-hours">
                            {c.opening_hours.iter().map(|h| view! { <li>{h.get(lang).to_owned()}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
        </footer>
    }
}
