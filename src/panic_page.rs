//! A panic kills a wasm app. Instead of a frozen page, show a plain German/English page that
//! says what was saved and offers a reload — built with DOM calls and text nodes only.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // Keep the details for developers and bug reports.
        console_error_panic_hook::hook(info);
        show_error_page();
    }));
}

fn show_error_page() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let lang = crate::dom::stored_lang().unwrap_or_default();
    let en = lang == "en";
    let contact = crate::town::office_and_phone(if en {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::De
    });
    let call = match (&contact, en) {
        (Some(c), true) => format!("If it happens again, please call {c}."),
        (Some(c), false) => format!("Wenn es wieder passiert, rufen Sie bitte an: {c}."),
        (None, true) => "If it happens again, please call the town hall.".to_owned(),
        (None, false) => "Wenn es wieder passiert, rufen Sie bitte die Verwaltung an.".to_owned(),
    };
    let texts: [&str; 4] = if en {
        [
            "Something went wrong",
            "The service portal hit an unexpected error. What you typed is still saved in this browser tab.",
            "Reload the page",
            &call,
        ]
    } else {
        [
            "Es ist ein Fehler aufgetreten",
            "Im Serviceportal ist ein unerwarteter Fehler aufgetreten. Ihre Eingaben sind in diesem Browser-Tab noch gespeichert.",
            "Seite neu laden",
            &call,
        ]
    };
    body.set_text_content(None);
    let el = |tag: &str, text: Option<&str>| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        if let Some(t) = text {
            e.set_text_content(Some(t));
        }
        Some(e)
    };
    let (Some(main), Some(h1), Some(p1), Some(p2), Some(p3), Some(a)) = (
        el("main", None),
        el("h1", Some(texts[0])),
        el("p", Some(texts[1])),
        el("p", None),
        el("p", Some(texts[3])),
        el("a", Some(texts[2])),
    ) else {
        return;
    };
    let _ = main.set_attribute("class", "wrap panic-page");
    let _ = main.set_attribute("role", "main");
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| crate::routes::HOME.into());
    let _ = a.set_attribute("href", &href);
    let _ = a.set_attribute("class", "button");
    let _ = p2.append_child(&a);
    for child in [&h1, &p1, &p2, &p3] {
        let _ = main.append_child(child);
    }
    let _ = body.append_child(&main);
    if let Some(h) = h1.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", if en { "en" } else { "de" });
    }
    doc.set_title(texts[0]);
}
