//! Small, failure-tolerant DOM helpers. A missing element is never a panic.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// index.html paints a static header and heading before the wasm arrives; the app replaces it.
pub fn remove_static_shell() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("static-shell")) {
        el.remove();
    }
}

/// Moves focus to the element with this id (it needs a tabindex if not focusable itself).
pub fn focus_id(id: &str) {
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// Focuses the page's main heading after a client-side navigation, so screen readers announce it.
/// A page that loads its data first shows its heading a little later: wait for it (up to ~3 s),
/// unless the user has moved focus somewhere meanwhile.
pub fn focus_main_heading() {
    focus_main_heading_within(60);
}

fn focus_main_heading_within(tries_left: u32) {
    let Some(doc) = document() else { return };
    let heading = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match heading {
        Some(el) => {
            let _ = el.set_attribute("tabindex", "-1");
            let _ = el.focus();
        }
        None if tries_left > 0 && user_has_not_moved_focus(&doc) => {
            leptos::prelude::set_timeout(
                move || focus_main_heading_within(tries_left - 1),
                std::time::Duration::from_millis(50),
            );
        }
        None => {}
    }
}

fn user_has_not_moved_focus(doc: &web_sys::Document) -> bool {
    match doc.active_element() {
        None => true,
        Some(el) => el.tag_name() == "BODY" || el.closest("main").ok().flatten().is_none() && el.closest("input, textarea, select").ok().flatten().is_none(),
    }
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The only thing the portal keeps in localStorage is the language preference.
pub fn stored_lang() -> Option<String> {
    local_storage()?.get_item("lang").ok().flatten()
}

pub fn store_lang(code: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item("lang", code);
    }
}
