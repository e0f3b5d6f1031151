//! `/fortsetzen`: continue a saved form with its resume code (typed, or from the QR link's
//! fragment, which never reaches the server's logs).

use super::context::store_answers;
use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::page_title::PageTitle;
use crate::i18n::use_i18n;
use crate::routes;
use domain::application::normalise_code;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn ResumePage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let load = move |raw: String| {
        let lang = i18n.lang.get_untracked();
        let normalised = normalise_code(&raw);
        if normalised.len() != 8 {
            error.set(Some(i18n.t().resume_code_invalid.to_string()));
            focus_error_summary();
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::forms::load_draft(lang, &normalised).await {
                Ok(draft) => {
                    store_answers(&draft.service_id, draft.form_version, &draft.answers);
                    navigate(
                        &routes::service_step(&draft.service_id, routes::CHECK_PAGE),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) => {
                    busy.set(false);
                    error.set(Some(match e {
                        ApiError::Status(404, p) => p
                            .detail
                            .unwrap_or_else(|| i18n.t().resume_code_unknown.to_string()),
                        other => other.message(i18n.t()),
                    }));
                    focus_error_summary();
                }
            }
        });
    };

    // The QR link carries the code in the fragment: read it once, then scrub it from the address bar.
    if let Some(from_fragment) = crate::dom::take_fragment_param("code") {
        code.set(from_fragment.clone());
        let load = load.clone();
        request_animation_frame(move || load(from_fragment));
    }

    let summary = Signal::derive(move || {
        error
            .get()
            .map(|e| vec![("resume-code".to_string(), e)])
            .unwrap_or_default()
    });
    view! {
        <PageTitle text=move || i18n.t().resume_title.to_string()/>
        <h1>{move || i18n.t().resume_title}</h1>
        <ErrorSummary errors=summary/>
        <p>{move || i18n.t().resume_intro}</p>
        <form novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            load(code.get_untracked());
        }>
            <TextField
                id="resume-code"
                label=Signal::derive(move || i18n.t().resume_code_field.to_string())
                hint=Signal::derive(move || i18n.t().resume_code_hint.to_string())
                error=Signal::derive(move || error.get())
                value=code
                kind=Kind::Text
                autocomplete="off"
            />
            <button type="submit" class="button" disabled=move || busy.get()>{move || i18n.t().resume_submit}</button>
        </form>
    }
}
