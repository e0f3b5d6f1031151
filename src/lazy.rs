//! The bundle split by route. The catalogue and the two QR landing flows (hearing, notice) are in
//! the main wasm — of the hearing only its sign-in and case page: its response and receipt are a
//! chunk; every other flow is a `#[wasm_split]` function whose code the release build
//! (scripts/build-split.sh) moves into its own chunk, loaded on first use and prefetched when the
//! browser is idle, so a click rarely waits.
//!
//! Without the split step (`trunk serve`, native tests) the same functions are plain calls.
//!
//! A chunk that cannot be loaded (offline, server gone) never panics: the split functions are
//! `fallible`, and the page says so with a retry.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::chunk::ChunkError;

type Loaded = Result<AnyView, ChunkError>;

/// The pages of the form flow: a service's start page, its steps, and resuming a saved form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WizardPage {
    Start,
    Step,
    Resume,
}

#[wasm_split(wizard, wasm_split_path = ::leptos::wasm_split, preload(preload_wizard), fallible)]
fn wizard(page: WizardPage) -> Loaded {
    Ok(match page {
        WizardPage::Start => view! { <crate::pages::service_start::ServiceStart/> }.into_any(),
        WizardPage::Step => view! { <crate::wizard::page::WizardPage/> }.into_any(),
        WizardPage::Resume => view! { <crate::wizard::resume::ResumePage/> }.into_any(),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckoutPage {
    Cart,
    Return,
}

#[wasm_split(checkout, wasm_split_path = ::leptos::wasm_split, preload(preload_checkout), fallible)]
fn checkout(page: CheckoutPage) -> Loaded {
    Ok(match page {
        CheckoutPage::Cart => view! { <crate::checkout::page::CheckoutPage/> }.into_any(),
        CheckoutPage::Return => view! { <crate::checkout::result::ReturnPage/> }.into_any(),
    })
}

#[wasm_split(appointments, wasm_split_path = ::leptos::wasm_split, preload(preload_appointments), fallible)]
fn appointments() -> Loaded {
    Ok(view! { <crate::appointments::AppointmentPage/> }.into_any())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountPage {
    Overview,
    /// "Meine Anträge", the Postfach and one message (issue 16).
    Applications,
    Postbox,
    Message,
    SignedOut,
    SignInFailed,
}

#[wasm_split(account, wasm_split_path = ::leptos::wasm_split, preload(preload_account), fallible)]
fn account(page: AccountPage) -> Loaded {
    Ok(match page {
        AccountPage::Overview => view! { <crate::account::pages::AccountPage/> }.into_any(),
        AccountPage::Applications => {
            view! { <crate::account::applications::ApplicationsPage/> }.into_any()
        }
        AccountPage::Postbox => view! { <crate::account::postbox::PostboxPage/> }.into_any(),
        AccountPage::Message => view! { <crate::account::postbox::MessagePage/> }.into_any(),
        AccountPage::SignedOut => view! { <crate::account::pages::SignedOut/> }.into_any(),
        AccountPage::SignInFailed => view! { <crate::account::pages::SignInFailed/> }.into_any(),
    })
}

#[wasm_split(girocode, wasm_split_path = ::leptos::wasm_split, preload(preload_girocode), fallible)]
fn girocode() -> Loaded {
    Ok(view! { <crate::pages::girocode_generator::GiroCodeGenerator/> }.into_any())
}

/// The statement and legal pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InfoPage {
    Accessibility,
    EasyRead,
    Imprint,
    Privacy,
}

#[wasm_split(info, wasm_split_path = ::leptos::wasm_split, preload(preload_info), fallible)]
fn info(page: InfoPage) -> Loaded {
    use crate::pages::{accessibility, static_pages};
    Ok(match page {
        InfoPage::Accessibility => view! { <accessibility::AccessibilityStatement/> }.into_any(),
        InfoPage::EasyRead => view! { <static_pages::EasyRead/> }.into_any(),
        InfoPage::Imprint => view! { <static_pages::Imprint/> }.into_any(),
        InfoPage::Privacy => view! { <static_pages::Privacy/> }.into_any(),
    })
}

/// The hearing's response (its steps, check and send) and receipt: the case page, where the QR
/// link lands, stays in the main wasm.
#[derive(Clone)]
pub enum HearingPart {
    Step(crate::hearing::answer::AnswerStep),
    Receipt,
}

#[wasm_split(hearing, wasm_split_path = ::leptos::wasm_split, preload(preload_hearing), fallible)]
fn hearing(part: HearingPart) -> Loaded {
    use crate::hearing::answer;
    Ok(match part {
        HearingPart::Step(step) => answer::answer_step(step),
        HearingPart::Receipt => view! { <answer::ReceiptPage/> }.into_any(),
    })
}

pub fn wizard_page(page: WizardPage) -> impl IntoView {
    lazy_page(move || wizard(page))
}
pub fn checkout_page(page: CheckoutPage) -> impl IntoView {
    lazy_page(move || checkout(page))
}
pub fn appointments_page() -> impl IntoView {
    lazy_page(appointments)
}
pub fn account_page(page: AccountPage) -> impl IntoView {
    lazy_page(move || account(page))
}
pub fn girocode_page() -> impl IntoView {
    lazy_page(girocode)
}
pub fn info_page(page: InfoPage) -> impl IntoView {
    lazy_page(move || info(page))
}
pub fn hearing_page(part: HearingPart) -> impl IntoView {
    lazy_page(move || hearing(part.clone()))
}

/// Set on the first client-side navigation: a page whose chunk arrives after the router's focus
/// move gets the focus on its heading itself.
static NAVIGATED: AtomicBool = AtomicBool::new(false);

pub fn note_navigation() {
    NAVIGATED.store(true, Ordering::Relaxed);
}

/// The page from its chunk: nothing while it loads (a prefetched chunk is there at once), the
/// page when it is there, a clear message with a retry when it cannot be loaded.
fn lazy_page<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Loaded> + 'static,
{
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let load = load.clone();
        Suspend::new(SendWrapper::new(async move {
            match load().await {
                Ok(view) => {
                    if NAVIGATED.load(Ordering::Relaxed) {
                        request_animation_frame(crate::dom::focus_main_heading);
                    }
                    view
                }
                Err(ChunkError) => failed_view(attempt),
            }
        }))
    }
}

fn failed_view(attempt: RwSignal<u32>) -> AnyView {
    leptos::logging::warn!("a part of the app could not be loaded");
    let i18n = use_i18n();
    view! {
        <crate::components::page_title::PageTitle text=move || i18n.t().chunk_failed_title.to_string()/>
        <h1>{move || i18n.t().chunk_failed_title}</h1>
        <p role="alert">{move || i18n.t().chunk_failed}</p>
        <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
            {move || i18n.t().retry}
        </button>
    }
    .into_any()
}

/// Loads every chunk, one after the other, once the page has loaded and the browser is idle
/// (`requestIdleCallback`; a timer where it is missing), so that a later click finds its code
/// there. A failed prefetch is forgotten: the route loads it again when needed.
pub fn prefetch_when_idle() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // On the hearing's pages its response comes first: it is what the citizen opens next.
    let hearing_first = window
        .location()
        .pathname()
        .is_ok_and(|p| p.starts_with(crate::routes::HEARING));
    let start = move || {
        leptos::task::spawn_local(async move {
            if hearing_first {
                let _ = preload_hearing().await;
            }
            let _ = preload_wizard().await;
            let _ = preload_checkout().await;
            let _ = preload_appointments().await;
            let _ = preload_account().await;
            let _ = preload_girocode().await;
            let _ = preload_info().await;
            crate::components::qr_code::prefetch().await;
            if !hearing_first {
                let _ = preload_hearing().await;
            }
        })
    };
    let when_idle = move || {
        let Some(w) = web_sys::window() else { return };
        let cb = wasm_bindgen::closure::Closure::once_into_js(start);
        let has_idle = js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false);
        let scheduled = if has_idle {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"timeout".into(), &5000.into());
            js_sys::Reflect::get(&w, &"requestIdleCallback".into())
                .ok()
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
                .and_then(|f| f.call2(&w, &cb, &opts).ok())
                .is_some()
        } else {
            false
        };
        if !scheduled {
            let f: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(cb);
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&f, 1000);
        }
    };
    let complete = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if complete {
        when_idle();
    } else {
        let cb = wasm_bindgen::closure::Closure::once_into_js(when_idle);
        let _ = window
            .add_event_listener_with_callback("load", wasm_bindgen::JsCast::unchecked_ref(&cb));
    }
}
