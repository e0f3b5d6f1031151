//! Moving forward between wizard pages.
//!
//! leptos_router 0.8 keeps its own stack of visited paths and skips `pushState` when the target
//! equals the last path on that stack. After the browser's back and then forward buttons that
//! stack is stale (forward is not recorded), and its last path is the page before: the wizard's
//! "Zurück" link then showed the previous step while the address bar stayed on the current one.
//! So wizard links push the history entry themselves and let the router follow, as it does for
//! the browser's own buttons (a `popstate`).

use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// Navigates to `href` (same origin) with a new history entry.
pub fn go(href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    if history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        .is_err()
    {
        return;
    }
    if let Ok(ev) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&ev);
    }
    // A new page starts at the top, as after a router navigation.
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

/// A link within the wizard. Clicks with a modifier (new tab, new window) stay the browser's.
#[component]
pub fn WizardLink(
    #[prop(into)] href: Signal<String>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    // Leptos attaches this to the element (no event delegation here), so it runs before the
    // router's window-level click handler, which then sees the click handled.
    view! {
        <a
            href=move || href.get()
            class=class
            on:click=move |ev: MouseEvent| {
                if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
                    return;
                }
                ev.prevent_default();
                go(&href.get_untracked());
            }
        >
            {children()}
        </a>
    }
}
