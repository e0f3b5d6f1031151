//! The back/forward cache. A phone keeps a page frozen when the user leaves it and shows it
//! again, as it was, on "back": a cart paid since, a "payment is being prepared" button that
//! never changes, a hearing page of a session that has ended meanwhile. Every page of the app
//! reads its state (cart, payment attempt, hearing session, typed answers) from sessionStorage
//! or the server when it is made. So when the browser restores the page (`pageshow` with
//! `persisted`), the app reads the tab-wide state again and makes the current page anew: one
//! listener for the whole app, installed at mount. (Reloading the page would do the same, but
//! slower, and lose the scroll position the cache kept.)

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Counts restores from the back/forward cache; what tracks it is made anew on each.
#[derive(Clone, Copy)]
pub struct Restores(RwSignal<u32>);

impl Restores {
    pub fn track(&self) {
        self.0.track();
    }
}

/// Listens for restores; `reread` refreshes app-wide state before the pages are made anew.
pub fn install(reread: impl Fn() + 'static) -> Restores {
    let count = RwSignal::new(0u32);
    let handle = window_event_listener_untyped("pageshow", move |ev| {
        let persisted = ev
            .dyn_ref::<web_sys::PageTransitionEvent>()
            .is_some_and(web_sys::PageTransitionEvent::persisted);
        if persisted {
            reread();
            count.update(|n| *n += 1);
        }
    });
    on_cleanup(move || handle.remove());
    Restores(count)
}
