//! One renderer per field kind, with the right `type`, `inputmode` and `autocomplete`, a label,
//! hint, inline error, `aria-invalid` and `aria-describedby`. Paste is never blocked.

use super::binding::Binding;
use super::context::WizardCtx;
use crate::api;
use crate::components::loaded::{Failure, Loaded};
use crate::i18n::{fill, use_i18n, Lang, Texts};
use domain::application::Slot;
use domain::date::{format_date_time, Date};
use domain::form::{AddressAnswer, Answer, Answers, Choice, Field, FieldKind, FileAnswer};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Renders a field if its condition holds for the current answers.
#[component]
pub fn FieldInput(field: Field, path: String, binding: Binding) -> impl IntoView {
    let condition = field.condition.clone();
    let visible_binding = binding.clone();
    // A memo: the field is rebuilt only when its visibility flips, not on every keystroke
    // anywhere in the form (which would steal focus from the field being typed in).
    let visible = Memo::new(move |_| {
        condition.as_ref().is_none_or(|c| {
            let scopes = visible_binding.scopes();
            let refs: Vec<&Answers> = scopes.iter().collect();
            c.holds(&refs)
        })
    });
    move || {
        visible
            .get()
            .then(|| render(field.clone(), path.clone(), binding.clone()))
    }
}

fn render(field: Field, path: String, b: Binding) -> AnyView {
    match field.kind.clone() {
        FieldKind::YesNo => {
            let (de, en) = (crate::i18n::texts(Lang::De), crate::i18n::texts(Lang::En));
            let options = vec![
                Choice {
                    value: "yes".into(),
                    label: domain::i18n::Text::new(de.yes, en.yes),
                    hint: None,
                },
                Choice {
                    value: "no".into(),
                    label: domain::i18n::Text::new(de.no, en.no),
                    hint: None,
                },
            ];
            view! { <Radios field=field path=path binding=b options=options inline=true/> }
                .into_any()
        }
        FieldKind::OneOf { options } if options.len() > 6 => {
            view! { <Select field=field path=path binding=b options=options/> }.into_any()
        }
        FieldKind::OneOf { options } => {
            view! { <Radios field=field path=path binding=b options=options inline=false/> }
                .into_any()
        }
        FieldKind::ManyOf { options, .. } => {
            view! { <Checkboxes field=field path=path binding=b options=options/> }.into_any()
        }
        FieldKind::Address => view! { <AddressInput field=field path=path binding=b/> }.into_any(),
        FieldKind::AppointmentSlot => {
            view! { <SlotPicker field=field path=path binding=b/> }.into_any()
        }
        FieldKind::FileUpload => view! { <FileInput field=field path=path binding=b/> }.into_any(),
        FieldKind::Group { .. } => view! { <GroupInput field=field path=path/> }.into_any(),
        FieldKind::Date { .. } => view! { <DateInput field=field path=path binding=b/> }.into_any(),
        FieldKind::LongText { max_len } => {
            view! { <TextArea field=field path=path binding=b max_len=max_len/> }.into_any()
        }
        _ => view! { <TextInput field=field path=path binding=b/> }.into_any(),
    }
}

fn ctx() -> Option<WizardCtx> {
    use_context::<WizardCtx>()
}

/// The error message for this path, if the last attempt found one.
fn error_signal(path: String) -> Signal<Option<String>> {
    let errors = ctx().map(|c| c.errors);
    Signal::derive(move || errors.and_then(|e| e.with(|m| m.get(&path).cloned())))
}

fn label(field: &Field, lang: Lang) -> String {
    field.label.get(lang).to_string()
}

/// The field's hint; a field filled from the citizen account says so first.
fn hint(field: &Field, lang: Lang) -> Option<String> {
    let own = field.hint.as_ref().map(|h| h.get(lang).to_string());
    let answer = ctx().and_then(|c| c.answers.with(|a| a.get(&field.id).cloned()));
    match crate::account::prefill_mark(field, answer.as_ref(), crate::i18n::texts(lang)) {
        Some((mark, _)) => Some(match own {
            Some(h) => format!("{mark} {h}"),
            None => mark.to_string(),
        }),
        None => own,
    }
}

/// Whether a hint paragraph may be shown (its own hint, or a mark from the account).
fn may_hint(field: &Field) -> bool {
    field.hint.is_some() || field.prefill.is_some()
}

/// A value from a verified account attribute: shown, not editable.
fn locked(field: &Field) -> bool {
    let answer = ctx().and_then(|c| c.answers.with(|a| a.get(&field.id).cloned()));
    crate::account::prefill_mark(field, answer.as_ref(), crate::i18n::texts(Lang::De))
        .is_some_and(|(_, locked)| locked)
}

fn describedby(
    path: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let path = path.to_string();
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{path}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{path}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
fn HintAndError(
    path: String,
    hint: Signal<Option<String>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{path}-hint");
    let error_id = format!("{path}-error");
    view! {
        {move || hint.get().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        {move || error.get().map(|e| {
            let t = use_i18n().t();
            view! { <p class="error-message" id=error_id.clone()><span class="visually-hidden">{t.error_prefix}</span>{e}</p> }
        })}
    }
}

/// Type, inputmode, autocomplete and spellcheck per kind (mobile keyboards and autofill).
fn input_attrs(kind: &FieldKind) -> (&'static str, Option<&'static str>, Option<String>, bool) {
    match kind {
        FieldKind::ShortText { autocomplete, .. } => ("text", None, autocomplete.clone(), true),
        FieldKind::Digits { .. } | FieldKind::WholeNumber { .. } | FieldKind::Quantity { .. } => {
            ("text", Some("numeric"), Some("off".into()), false)
        }
        FieldKind::Email => ("email", Some("email"), Some("email".into()), false),
        FieldKind::Phone => ("tel", Some("tel"), Some("tel".into()), false),
        FieldKind::PostalCode => ("text", Some("numeric"), Some("postal-code".into()), false),
        FieldKind::Iban => ("text", None, Some("off".into()), false),
        FieldKind::VehicleRegistration => ("text", None, Some("off".into()), false),
        _ => ("text", None, None, true),
    }
}

#[component]
fn TextInput(field: Field, path: String, binding: Binding) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let (ty, inputmode, autocomplete, spellcheck) = input_attrs(&field.kind);
    let width_class = match field.kind {
        FieldKind::PostalCode | FieldKind::Quantity { .. } | FieldKind::WholeNumber { .. } => {
            "input-short"
        }
        FieldKind::Digits { .. } | FieldKind::VehicleRegistration => "input-medium",
        _ => "",
    };
    let f = field.clone();
    let hint_sig = Signal::derive(move || hint(&f, i18n.lang()));
    let has_hint = may_hint(&field);
    let b_get = binding.clone();
    let f2 = field.clone();
    let f_lock = field.clone();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=path.clone()>{move || label(&f2, i18n.lang())}</label>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            <input
                id=path.clone()
                name=path.clone()
                type=ty
                class=width_class
                inputmode=inputmode
                autocomplete=autocomplete
                spellcheck=(!spellcheck).then_some("false")
                autocapitalize=matches!(field.kind, FieldKind::VehicleRegistration).then_some("characters")
                aria-describedby=describedby(&path, has_hint, error)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || b_get.text()
                readonly=move || locked(&f_lock)
                on:input=move |ev| binding.set_text(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
fn TextArea(field: Field, path: String, binding: Binding, max_len: u32) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let f = field.clone();
    let hint_sig = Signal::derive(move || hint(&f, i18n.lang()));
    let has_hint = may_hint(&field);
    let (b_get, b_count) = (binding.clone(), binding.clone());
    let counter_id = format!("{path}-counter");
    let described = {
        let d = describedby(&path, has_hint, error);
        let c = counter_id.clone();
        move || Some(d().map(|d| format!("{d} {c}")).unwrap_or_else(|| c.clone()))
    };
    let f2 = field.clone();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=path.clone()>{move || label(&f2, i18n.lang())}</label>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            <textarea
                id=path.clone()
                name=path.clone()
                rows="6"
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || b_get.text()
                on:input=move |ev| binding.set_text(event_target_value(&ev))
            ></textarea>
            <p class="hint counter" id=counter_id>
                {move || {
                    let used = b_count.text().chars().count() as i64;
                    let left = i64::from(max_len) - used;
                    if left >= 0 { fill(i18n.t().characters_left, &[("count", &left)]) } else { fill(i18n.t().characters_too_many, &[("count", &-left)]) }
                }}
            </p>
        </div>
    }
}

/// A German date typed as `TT.MM.JJJJ`; stored as ISO when it is a real date, else as typed
/// (so the shared rules can name the problem).
#[component]
fn DateInput(field: Field, path: String, binding: Binding) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let f = field.clone();
    // The example fits the field (a birth date decades ago, not today); the format is typed
    // day first in either language, so both say it.
    let example = match &field.kind {
        FieldKind::Date { rules, example } => {
            domain::form::date_example(rules, *example, crate::wizard::context::today())
        }
        _ => crate::wizard::context::today(),
    };
    let hint_sig = Signal::derive(move || {
        let base = fill(i18n.t().date_hint, &[("example", &example.format_de())]);
        Some(match hint(&f, i18n.lang()) {
            Some(h) => format!("{h} {base}"),
            None => base,
        })
    });
    let shown = {
        let t = binding.text_untracked();
        Date::parse_iso(&t).map(|d| d.format_de()).unwrap_or(t)
    };
    let f2 = field.clone();
    let f_lock = field.clone();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=path.clone()>{move || label(&f2, i18n.lang())}</label>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            <input
                id=path.clone()
                name=path.clone()
                type="text"
                readonly=move || locked(&f_lock)
                class="input-medium"
                inputmode="decimal"
                autocomplete=if field.id.contains("birth") || field.id.contains("geburt") { "bday" } else { "off" }
                aria-describedby=describedby(&path, true, error)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=shown
                // On input, not change: a reload or a save right after typing keeps the date.
                on:input=move |ev| {
                    let raw = event_target_value(&ev);
                    let value = Date::parse_german(&raw).map(|d| d.iso()).unwrap_or_else(|| raw.trim().to_string());
                    binding.set_text(value);
                }
            />
        </div>
    }
}

#[component]
fn Radios(
    field: Field,
    path: String,
    binding: Binding,
    options: Vec<Choice>,
    inline: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let f = field.clone();
    let hint_sig = Signal::derive(move || hint(&f, i18n.lang()));
    let has_hint = may_hint(&field);
    let f2 = field.clone();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let id = if i == 0 { path.clone() } else { format!("{path}-{i}") };
            let (b_get, b_set) = (binding.clone(), binding.clone());
            let (v1, v2) = (o.value.clone(), o.value.clone());
            let hint_id = format!("{id}-item-hint");
            let item_hint = o.hint.clone();
            let label_text = o.label.clone();
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name=path.clone()
                        value=o.value.clone()
                        aria-describedby=item_hint.is_some().then(|| hint_id.clone())
                        prop:checked=move || b_get.text() == v1
                        on:change=move |_| b_set.set_text(v2.clone())
                    />
                    <label for=id>{move || label_text.get(i18n.lang()).to_string()}</label>
                    {item_hint.map(|h| view! { <p class="hint radio-hint" id=hint_id.clone()>{move || h.get(i18n.lang()).to_string()}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <fieldset aria-describedby=describedby(&path, has_hint, error)>
                <legend>{move || label(&f2, i18n.lang())}</legend>
                <HintAndError path=path.clone() hint=hint_sig error=error/>
                <div class="radios" class:radios-inline=inline>{items}</div>
            </fieldset>
        </div>
    }
}

#[component]
fn Select(field: Field, path: String, binding: Binding, options: Vec<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let f = field.clone();
    let hint_sig = Signal::derive(move || hint(&f, i18n.lang()));
    let has_hint = may_hint(&field);
    let f2 = field.clone();
    let b_get = binding.clone();
    // A select cannot show an option's hint (radios do): the chosen option's hint follows it.
    let b_hint = binding.clone();
    let hints: Vec<(String, domain::i18n::Text)> = options
        .iter()
        .filter_map(|o| Some((o.value.clone(), o.hint.clone()?)))
        .collect();
    let chosen_hint = move || {
        let v = b_hint.text();
        hints
            .iter()
            .find(|(value, _)| *value == v)
            .map(|(_, h)| h.get(i18n.lang()).to_string())
    };
    let option_hint_id = format!("{path}-option-hint");
    let described = {
        let d = describedby(&path, has_hint, error);
        let id = option_hint_id.clone();
        let shown = chosen_hint.clone();
        move || match (d(), shown().is_some()) {
            (Some(d), true) => Some(format!("{d} {id}")),
            (None, true) => Some(id.clone()),
            (d, false) => d,
        }
    };
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=path.clone()>{move || label(&f2, i18n.lang())}</label>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            <select
                id=path.clone()
                name=path.clone()
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| binding.set_text(event_target_value(&ev))
            >
                <option value="" selected=b_get.text_untracked().is_empty()>{move || i18n.t().please_choose}</option>
                {options
                    .into_iter()
                    .map(|o| {
                        let selected = b_get.text_untracked() == o.value;
                        let l = o.label.clone();
                        view! { <option value=o.value.clone() selected=selected>{move || l.get(i18n.lang()).to_string()}</option> }
                    })
                    .collect_view()}
            </select>
            {move || chosen_hint().map(|h| view! { <p class="hint option-hint" id=option_hint_id.clone()>{h}</p> })}
        </div>
    }
}

#[component]
fn Checkboxes(field: Field, path: String, binding: Binding, options: Vec<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let f = field.clone();
    let hint_sig = Signal::derive(move || hint(&f, i18n.lang()));
    let has_hint = may_hint(&field);
    let f2 = field.clone();
    let chosen = {
        let b = binding.clone();
        move || match b.get() {
            Some(Answer::Many(v)) => v,
            _ => Vec::new(),
        }
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let id = if i == 0 {
                path.clone()
            } else {
                format!("{path}-{i}")
            };
            let (c1, c2) = (chosen.clone(), chosen.clone());
            let b = binding.clone();
            let (v1, v2) = (o.value.clone(), o.value.clone());
            let l = o.label.clone();
            view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name=path.clone()
                        value=o.value.clone()
                        prop:checked=move || c1().contains(&v1)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut list = c2();
                            list.retain(|x| x != &v2);
                            if on {
                                list.push(v2.clone());
                            }
                            b.set(if list.is_empty() { None } else { Some(Answer::Many(list)) });
                        }
                    />
                    <label for=id>{move || l.get(i18n.lang()).to_string()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <fieldset aria-describedby=describedby(&path, has_hint, error)>
                <legend>{move || label(&f2, i18n.lang())}</legend>
                <HintAndError path=path.clone() hint=hint_sig error=error/>
                <div class="checkboxes">{items}</div>
            </fieldset>
        </div>
    }
}

#[component]
fn AddressInput(field: Field, path: String, binding: Binding) -> impl IntoView {
    let i18n = use_i18n();
    let f2 = field.clone();
    let current = {
        let b = binding.clone();
        move || match b.get() {
            Some(Answer::Address(a)) => a,
            _ => AddressAnswer {
                street: String::new(),
                house_number: String::new(),
                postal_code: String::new(),
                town: String::new(),
            },
        }
    };
    type Part = (
        &'static str,
        fn(&Texts) -> &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    );
    let parts: [Part; 4] = [
        ("street", |t| t.address_street, "address-line1", None, ""),
        (
            "house_number",
            |t| t.address_house_number,
            "off",
            None,
            "input-short",
        ),
        (
            "postal_code",
            |t| t.address_postal_code,
            "postal-code",
            Some("numeric"),
            "input-short",
        ),
        ("town", |t| t.address_town, "address-level2", None, ""),
    ];
    let inputs = parts
        .into_iter()
        .map(|(part, part_label, autocomplete, inputmode, class)| {
            let id = format!("{path}.{part}");
            let error = error_signal(id.clone());
            let (cur_get, cur_set) = (current.clone(), current.clone());
            let b = binding.clone();
            let f_lock = field.clone();
            let read = move |a: &AddressAnswer| match part {
                "street" => a.street.clone(),
                "house_number" => a.house_number.clone(),
                "postal_code" => a.postal_code.clone(),
                _ => a.town.clone(),
            };
            view! {
                <div class="field" class:field-error=move || error.with(Option::is_some)>
                    <label for=id.clone()>{move || part_label(i18n.t())}</label>
                    <HintAndError path=id.clone() hint=Signal::derive(|| None) error=error/>
                    <input
                        id=id.clone()
                        name=id.clone()
                        type="text"
                        class=class
                        autocomplete=autocomplete
                        inputmode=inputmode
                        aria-describedby=describedby(&id, false, error)
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=move || read(&cur_get())
                        readonly=move || locked(&f_lock)
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            let mut a = cur_set();
                            match part {
                                "street" => a.street = v,
                                "house_number" => a.house_number = v,
                                "postal_code" => a.postal_code = v,
                                _ => a.town = v,
                            }
                            b.set(Some(Answer::Address(a)));
                        }
                    />
                </div>
            }
        })
        .collect_view();
    let f3 = field.clone();
    let hint_sig = Signal::derive(move || hint(&f3, i18n.lang()));
    let whole_error = error_signal(path.clone());
    view! {
        <fieldset class="field address" id=path.clone() tabindex="-1" aria-describedby=describedby(&path, may_hint(&field), whole_error)>
            <legend>{move || label(&f2, i18n.lang())}</legend>
            <HintAndError path=path.clone() hint=hint_sig error=whole_error/>
            {inputs}
        </fieldset>
    }
}

#[component]
fn SlotPicker(field: Field, path: String, binding: Binding) -> impl IntoView {
    let i18n = use_i18n();
    let service = ctx().map(|c| c.service_id()).unwrap_or_default();
    let slots = crate::fetched::Fetched::new(move || {
        let service = service.clone();
        async move { api::forms::slots(i18n.lang.get_untracked(), &service).await }
    });
    let show = move |list: Vec<Slot>| {
        if list.is_empty() {
            return view! { <p class="notice">{move || i18n.t().no_slots}</p> }.into_any();
        }
        remember_slot_labels(&list);
        let options = list
            .iter()
            .map(|s| Choice {
                value: s.id.clone(),
                label: slot_label_text(s),
                hint: None,
            })
            .collect::<Vec<_>>();
        view! { <Radios field=field.clone() path=path.clone() binding=binding.clone() options=options inline=false/> }.into_any()
    };
    view! { <Loaded fetched=slots failure=Failure::Inline let:list>{show(list)}</Loaded> }
}

const SLOT_LABELS: &str = "slot-labels";

/// "Di. 01.12.2026, 10:00 Uhr – Trauzimmer im Alten Rathaus, Marktplatz 1".
pub fn slot_label_text(s: &Slot) -> domain::i18n::Text {
    let label = |lang: Lang| {
        format!(
            "{} {} – {}",
            crate::i18n::texts(lang).weekdays_short[s.date.weekday().index()],
            format_date_time(s.date, &s.time, lang),
            s.place.get(lang)
        )
    };
    domain::i18n::Text::new(&label(Lang::De), &label(Lang::En))
}

/// The answer is only the slot's id: keep the labels of slots seen in this tab, so the check
/// page can say which date was chosen (even once the slot is no longer free).
pub fn remember_slot_labels(list: &[Slot]) {
    let mut known = crate::storage::load::<BTreeMap<String, domain::i18n::Text>>(SLOT_LABELS)
        .unwrap_or_default();
    known.extend(list.iter().map(|s| (s.id.clone(), slot_label_text(s))));
    crate::storage::save(SLOT_LABELS, &known);
}

pub fn slot_label(id: &str) -> Option<domain::i18n::Text> {
    crate::storage::load::<BTreeMap<String, domain::i18n::Text>>(SLOT_LABELS)?.remove(id)
}

#[component]
fn FileInput(field: Field, path: String, binding: Binding) -> impl IntoView {
    use super::upload::{Phase, Upload};
    let i18n = use_i18n();
    let error = error_signal(path.clone());
    let up = Upload::new(&path);
    let f = field.clone();
    let hint_sig = Signal::derive(move || {
        let base = i18n.t().upload_hint.to_string();
        Some(match hint(&f, i18n.lang()) {
            Some(h) => format!("{h} {base}"),
            None => base,
        })
    });
    let errors = ctx().map(|c| c.errors);
    let (b_show, b_set, b_remove) = (binding.clone(), binding.clone(), binding);
    let b_bar = b_show.clone();
    let path_err = path.clone();
    let path_focus = path.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some((input, file)) = crate::dom::chosen_file(&ev) else {
            return;
        };
        let b = b_set.clone();
        let path = path_err.clone();
        // Only this field's answer and error change: the step's other answers stay.
        let done: super::upload::Done = std::rc::Rc::new(move |result| match result {
            Ok(r) => {
                b.set(Some(Answer::File(FileAnswer {
                    id: r.id,
                    name: r.name,
                    size: r.size,
                })));
                if let Some(e) = errors {
                    e.update(|m| {
                        m.remove(&path);
                    });
                }
            }
            Err(msg) => {
                if let Some(e) = errors {
                    e.update(|m| {
                        m.insert(path.clone(), msg);
                    });
                }
            }
        });
        up.start(file, i18n.lang.get_untracked(), done);
        // The File object stays usable; clearing lets the same file be chosen again.
        input.set_value("");
    };
    let mb = move |bytes: u64| domain::upload::format_mb(bytes, i18n.lang() == Lang::De);
    let show_bar = move || {
        let p = up.phase.get();
        matches!(p, Phase::Sending | Phase::Retrying(_) | Phase::Stalled)
            || (p == Phase::Idle
                && up.total.get() > 0
                && matches!(b_bar.get(), Some(Answer::File(_))))
    };
    let f2 = field.clone();
    let cancel_id = format!("{path}-cancel");
    let cancel_focus = cancel_id.clone();
    let input_focus = path.clone();
    view! {
        <div class="field" class:field-error=move || error.with(Option::is_some)>
            <label for=path.clone()>{move || label(&f2, i18n.lang())}</label>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            // One live region that stays in the page: the quarters of the progress, a lost
            // connection, and "uploaded" are announced; not every byte.
            <p class="uploaded" role="status">
                {move || {
                    let t = i18n.t();
                    match up.phase.get() {
                        Phase::Preparing => t.upload_preparing.to_string(),
                        Phase::Sending => match up.announced.get() {
                            Some(p) => fill(t.upload_announce, &[("percent", &p)]),
                            None => t.uploading.to_string(),
                        },
                        Phase::Retrying(n) => fill(
                            t.upload_retrying,
                            &[("attempt", &n), ("max", &domain::upload::AUTO_RETRIES)],
                        ),
                        Phase::Stalled => t.upload_stalled.to_string(),
                        Phase::Cancelled => t.upload_cancelled.to_string(),
                        Phase::Interrupted => t.upload_interrupted.to_string(),
                        Phase::Idle => match b_show.get() {
                            Some(Answer::File(file)) => fill(t.uploaded_file, &[("file", &file.name)]),
                            _ => String::new(),
                        },
                    }
                }}
            </p>
            {move || up.shrunk.get().map(|(before, after)| {
                let t = i18n.t();
                view! {
                    <p class="upload-shrunk">
                        {(after < before).then(|| format!("{} ", fill(t.upload_shrunk, &[("before", &mb(before)), ("after", &mb(after))])))}
                        {t.upload_metadata_removed}
                    </p>
                }
            })}
            {move || show_bar().then(|| {
                let (sent, total) = (up.sent.get(), up.total.get());
                let pct = domain::upload::percent(sent, total);
                view! {
                    <div class="upload-progress">
                        <progress
                            max=total.to_string()
                            value=sent.to_string()
                            aria-label=move || i18n.t().upload_progress_label
                        ></progress>
                        <p class="upload-progress-text">
                            {fill(i18n.t().upload_progress, &[("sent", &mb(sent)), ("total", &mb(total)), ("percent", &pct)])}
                        </p>
                    </div>
                }
            })}
            {move || (up.phase.get() == Phase::Stalled).then(|| {
                let focus = cancel_focus.clone();
                view! {
                    <p>
                        <button type="button" class="button" on:click=move |_| {
                            up.resume();
                            let id = focus.clone();
                            request_animation_frame(move || crate::dom::focus_id(&id));
                        }>
                            {move || i18n.t().upload_resume}
                        </button>
                    </p>
                }
            })}
            {move || matches!(up.phase.get(), Phase::Sending | Phase::Retrying(_) | Phase::Stalled).then(|| {
                let id = cancel_id.clone();
                let input_id = input_focus.clone();
                view! {
                    <p>
                        <button type="button" class="link-button" id=id on:click=move |_| {
                            up.cancel();
                            let id = input_id.clone();
                            request_animation_frame(move || crate::dom::focus_id(&id));
                        }>
                            {move || i18n.t().upload_cancel}
                        </button>
                    </p>
                }
            })}
            {move || (matches!(b_remove.get(), Some(Answer::File(_))) && !up.busy()).then(|| {
                let b = b_remove.clone();
                let input_id = path_focus.clone();
                view! {
                    <p>
                        <button type="button" class="link-button" on:click=move |_| {
                            b.set(None);
                            up.forget();
                            // The button disappears: focus the file input to choose another.
                            let id = input_id.clone();
                            request_animation_frame(move || crate::dom::focus_id(&id));
                        }>
                            {move || i18n.t().remove_file}
                        </button>
                    </p>
                }
            })}
            // Phones offer the camera and the gallery for image types; no `capture`, so the
            // gallery and the file manager stay possible.
            <input
                id=path.clone()
                name=path.clone()
                type="file"
                accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
                aria-describedby=describedby(&path, true, error)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=on_change
            />
        </div>
    }
}

/// A repeatable group (several dogs, several certificates): items with their own fields, an
/// "add another" and a "remove" per item.
#[component]
fn GroupInput(field: Field, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(ctx) = ctx() else {
        return ().into_any();
    };
    let FieldKind::Group {
        fields,
        min_items,
        max_items,
        item_label,
    } = field.kind.clone()
    else {
        return ().into_any();
    };
    let group_id = field.id.clone();
    let count = {
        let g = group_id.clone();
        Memo::new(move |_| {
            ctx.answers.with(|a| match a.get(&g) {
                Some(Answer::Group(items)) => items.len(),
                _ => 0,
            })
        })
    };
    // A required group starts with one empty item to fill in.
    if count.get_untracked() == 0 && min_items > 0 {
        let g = group_id.clone();
        ctx.answers.update(|a| {
            a.insert(g, Answer::Group(vec![Answers::new()]));
        });
    }
    let error = error_signal(path.clone());
    let f2 = field.clone();
    let add = {
        let g = group_id.clone();
        move |_| {
            ctx.answers.update(|a| match a.get_mut(&g) {
                Some(Answer::Group(items)) => items.push(Answers::new()),
                _ => {
                    a.insert(g.clone(), Answer::Group(vec![Answers::new()]));
                }
            });
            ctx.errors.set(Default::default());
            let n = count.get_untracked();
            let first = format!("{}.{}", g, n.saturating_sub(1));
            request_animation_frame(move || crate::dom::focus_first_input_in(&first));
        }
    };
    let il = item_label.clone();
    let items_path = path.clone();
    let items = move || {
        let n = count.get();
        let path = items_path.clone();
        (0..n)
            .map(|i| {
                let item_path = format!("{path}.{i}");
                let legend = format!("{} {}", il.get(i18n.lang()), i + 1);
                let remove_label = fill(i18n.t().remove_item, &[("item", &legend)]);
                let g = group_id.clone();
                let inputs = fields
                    .iter()
                    .map(|f| {
                        let binding = Binding::item(ctx.answers, g.clone(), i, f.id.clone());
                        view! { <FieldInput field=f.clone() path=format!("{item_path}.{}", f.id) binding=binding/> }
                    })
                    .collect_view();
                let can_remove = n > min_items.max(1) as usize || (n > 0 && min_items == 0);
                let g2 = g.clone();
                let heading = path.clone();
                view! {
                    <fieldset class="group-item" id=item_path.clone()>
                        <legend>{legend}</legend>
                        {inputs}
                        {can_remove.then(|| view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    ctx.answers.update(|a| {
                                        if let Some(Answer::Group(items)) = a.get_mut(&g2) {
                                            if i < items.len() {
                                                items.remove(i);
                                            }
                                        }
                                    });
                                    // Error keys carry item indices, which just shifted.
                                    ctx.errors.set(Default::default());
                                    // The button is gone: focus the group rather than losing it to the page.
                                    let heading = heading.clone();
                                    request_animation_frame(move || crate::dom::focus_id(&heading));
                                }
                            >
                                {remove_label.clone()}
                            </button>
                        })}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let il2 = item_label.clone();
    let f3 = field.clone();
    let hint_sig = Signal::derive(move || hint(&f3, i18n.lang()));
    view! {
        <div class="field group" class:field-error=move || error.with(Option::is_some)>
            <h2 class="group-heading" id=path.clone() tabindex="-1" aria-describedby=describedby(&path, field.hint.is_some(), error)>
                {move || label(&f2, i18n.lang())}
            </h2>
            <HintAndError path=path.clone() hint=hint_sig error=error/>
            {items}
            {move || (count.get() < max_items as usize).then(|| {
                let add = add.clone();
                let il = il2.clone();
                view! {
                    <button type="button" class="button button-secondary" on:click=add>
                        {move || fill(i18n.t().add_item, &[("item", &il.get(i18n.lang()))])}
                    </button>
                }
            })}
        </div>
    }
    .into_any()
}
