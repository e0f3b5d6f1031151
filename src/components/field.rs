//! A labelled text input or text area with hint, inline error, `aria-invalid` and
//! `aria-describedby`. Paste is never blocked.

use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Text,
    Email,
    /// A text area, with a live character counter when `max_chars` is set.
    LongText,
}

#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<String>>,
    value: RwSignal<String>,
    #[prop(optional)] kind: Kind,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] max_chars: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let counter_id = format!("{id}-counter");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id, counter_id) =
            (hint_id.clone(), error_id.clone(), counter_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if max_chars.is_some() {
                ids.push(counter_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = match kind {
        Kind::LongText => view! {
            <textarea
                id=id
                name=id
                rows="6"
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        Kind::Text | Kind::Email => view! {
            <input
                id=id
                name=id
                type=if kind == Kind::Email { "email" } else { "text" }
                inputmode=(kind == Kind::Email).then_some("email")
                spellcheck=(kind == Kind::Email).then_some("false")
                autocomplete=autocomplete
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || h.get()}</p> })}
            {move || error.get().map(|e| view! { <p class="error-message" id=error_id.clone()>{e}</p> })}
            {input}
            {max_chars.map(|max| {
                view! {
                    <p class="hint counter" id=counter_id.clone()>
                        {move || {
                            let used = value.with(|v| v.chars().count());
                            fill(i18n.t().characters_left, &[("count", &max.saturating_sub(used))])
                        }}
                    </p>
                }
            })}
        </div>
    }
}
