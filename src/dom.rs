//! Small, failure-tolerant DOM helpers. A missing element is never a panic.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn static_shell() -> Option<web_sys::Element> {
    document()?.get_element_by_id("static-shell")
}

/// index.html paints a static header and heading before the wasm arrives; the app replaces it
/// at once — unless public/early.js painted a landing page's case / notice into it
/// (`data-early`, which also hides the app's nodes). Then that page removes it when it shows
/// its own (`remove_static_shell`), in the same frame, so the citizen sees no loading line in
/// between; should that not happen within a few seconds, the app shows whatever it has.
pub fn take_over_static_shell() {
    let Some(shell) = static_shell() else { return };
    if shell.has_attribute("data-early") {
        let _ = leptos::prelude::set_timeout_with_handle(
            remove_static_shell,
            std::time::Duration::from_secs(5),
        );
    } else {
        shell.remove();
    }
}

/// Removes the static shell (a no-op once it is gone).
pub fn remove_static_shell() {
    if let Some(el) = static_shell() {
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
        .query_selector("#main h1")
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
        Some(el) => {
            el.tag_name() == "BODY"
                || el.closest("main").ok().flatten().is_none()
                    && el
                        .closest("input, textarea, select")
                        .ok()
                        .flatten()
                        .is_none()
        }
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

/// Focuses the first input, select or textarea inside the element with this id.
pub fn focus_first_input_in(id: &str) {
    let selector = "input, select, textarea";
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|c| c.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Reads `name` from the address's fragment (`#a=1&name=value`) and removes the whole fragment
/// from the address bar and the history entry (`replaceState`), so secrets do not linger.
pub fn take_fragment_param(name: &str) -> Option<String> {
    take_fragment_params()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

pub fn take_fragment_params() -> Vec<(String, String)> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let hash = window.location().hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    if fragment.is_empty() {
        return Vec::new();
    }
    let params: Vec<(String, String)> = fragment
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            let v = js_sys::decode_uri_component(v).ok()?.as_string()?;
            Some((k.to_string(), v))
        })
        .collect();
    let location = window.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    params
}

/// Copies text; resolves to whether it worked (the caller announces the result).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers bytes as a file download (e.g. the GiroCode PNG for the banking app's gallery import).
pub fn download(bytes: &[u8], mime: &str, file_name: &str) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array.buffer());
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &props)
    else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(doc) = document() else { return false };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}

/// A User Timing mark (`performance.mark`), read by the benchmark; cheap, and a no-op where the
/// API is missing.
pub fn perf_mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A User Timing measure from the mark `start` to now, named `name`.
pub fn perf_measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// The file just chosen in a file input (its `change` event), with the input so the caller can
/// clear it for the next choice; `None` when the choice was cancelled.
pub fn chosen_file(ev: &web_sys::Event) -> Option<(web_sys::HtmlInputElement, web_sys::File)> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    Some((input, file))
}
