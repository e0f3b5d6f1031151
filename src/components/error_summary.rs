use crate::dom;
use crate::i18n::use_i18n;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// "Es gibt ein Problem": a list linking to each field in error. The caller moves focus here
/// (see [`focus_error_summary`]) after a failed submit.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<(String, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" id=ERROR_SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{i18n.t().error_summary_title}</h2>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(field, message)| {
                                let target = field.clone();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{field}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                dom::focus_id(&target);
                                            }
                                        >
                                            {message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

pub fn focus_error_summary() {
    request_animation_frame(|| dom::focus_id(ERROR_SUMMARY_ID));
}
