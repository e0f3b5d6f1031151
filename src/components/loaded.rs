//! A value fetched from the API, shown one way everywhere: a loading line, then the page; on
//! failure the error in words and a "try again" button. A page that treats an error itself (a
//! 404 as "not found", a 401 as "sign in again") does so through `catch`.
//!
//! ```ignore
//! <Loaded fetched=services failure=Failure::Section let:list>
//!     <ServiceList services=list/>
//! </Loaded>
//! ```

use crate::api::ApiError;
use crate::components::page_title::PageTitle;
use crate::fetched::Fetched;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Where a failure shows, and so how it looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Failure {
    /// Nothing of the page could be shown: the failure is the page (its heading and title).
    #[default]
    Page,
    /// A list under the page's own heading (the catalogue): a notice with a heading of its own.
    Section,
    /// A part of a form (payment methods, appointment slots): a notice with a secondary button.
    Inline,
}

/// The view for an error the page treats itself; `None` leaves it to the standard message.
pub type Catch = Callback<ApiError, Option<AnyView>>;

/// Loading line, then `children(value)`; an error shows as `failure` says, with a retry.
#[component]
pub fn Loaded<T, F, V>(
    fetched: Fetched<Result<T, ApiError>>,
    /// The loaded view; called untracked, once per answer.
    children: F,
    #[prop(optional)] failure: Failure,
    #[prop(optional, into)] catch: Option<Catch>,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Only what depends on `T` is generic: the views below are built by plain functions, so
    // the bundle carries them once, not once per fetched type.
    let retry = Callback::new(move |()| fetched.refetch());
    move || match fetched.get() {
        None => loading_view(),
        Some(Ok(value)) => untrack(|| children(value).into_any()),
        Some(Err(error)) => untrack(|| failed_view(failure, catch, error, retry)),
    }
}

fn loading_view() -> AnyView {
    let i18n = use_i18n();
    view! { <p role="status" class="loading">{move || i18n.t().loading}</p> }.into_any()
}

fn failed_view(
    failure: Failure,
    catch: Option<Catch>,
    error: ApiError,
    retry: Callback<()>,
) -> AnyView {
    // A landing page painted early by public/early.js that fails after all: say so at once.
    crate::dom::remove_static_shell();
    if let Some(view) = catch.and_then(|c| c.run(error.clone())) {
        return view;
    }
    leptos::logging::warn!("request failed: {error:?}");
    let i18n = use_i18n();
    let message = move || error.message(i18n.t());
    let retry = move |_| retry.run(());
    match failure {
        Failure::Page => view! {
            <PageTitle text=move || i18n.t().services_error_title.to_string()/>
            <h1>{move || i18n.t().services_error_title}</h1>
            <p role="alert">{message}</p>
            <button type="button" class="button" on:click=retry>{move || i18n.t().retry}</button>
        }
        .into_any(),
        Failure::Section => view! {
            <div class="notice notice-error" role="alert">
                <h2>{move || i18n.t().services_error_title}</h2>
                <p>{message}</p>
                <p>{move || i18n.t().services_error_text}</p>
                <button type="button" class="button" on:click=retry>{move || i18n.t().retry}</button>
            </div>
        }
        .into_any(),
        Failure::Inline => view! {
            <div class="notice notice-error" role="alert">
                <p>{message}</p>
                <button type="button" class="button button-secondary" on:click=retry>{move || i18n.t().retry}</button>
            </div>
        }
        .into_any(),
    }
}
