//! The wizard's route: `/leistungen/{service}/{step}`, plus `pruefen` (check your answers) and
//! `bestaetigung` (confirmation). A deep link to a step whose earlier steps are unanswered
//! goes to the first unanswered step.

use super::check::CheckPage;
use super::confirmation::Confirmation;
use super::context::WizardCtx;
use super::step::StepPage;
use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::i18n::use_i18n;
use crate::routes::{self, param, CHANGE_PARAM, CHECK_PAGE, CONFIRMATION_PAGE};
use domain::application::ServiceDetail;
use domain::form::Landing;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn WizardPage() -> impl IntoView {
    let not_found = Callback::new(|e: ApiError| {
        matches!(e, ApiError::Status(404, _))
            .then(|| view! { <crate::pages::not_found::NotFound/> }.into_any())
    });
    view! {
        <Loaded fetched=service_of_route() catch=not_found let:detail>
            <WizardLoaded detail=detail/>
        </Loaded>
    }
}

/// The service named by the route's `:id` (start page and wizard), fetched again when it changes.
pub fn service_of_route() -> crate::fetched::Fetched<Result<ServiceDetail, ApiError>> {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get(param::SERVICE).unwrap_or_default());
    crate::fetched::Fetched::new(move || {
        let id = id.get();
        async move { api::forms::service(i18n.lang.get_untracked(), &id).await }
    })
}

#[component]
fn WizardLoaded(detail: ServiceDetail) -> impl IntoView {
    let ctx = WizardCtx::new(detail.form);
    provide_context(ctx);
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let step_param = Memo::new(move |_| params.read().get(param::STEP).unwrap_or_default());
    let change = Memo::new(move |_| query.read().get(CHANGE_PARAM).is_some());
    let redirect = move |to: String| {
        let navigate = navigate.clone();
        request_animation_frame(move || {
            navigate(
                &to,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
    };
    move || {
        let step = step_param.get();
        let change = change.get();
        // Routing reads the answers untracked: typing must not re-render the page.
        untrack(|| match step.as_str() {
            // Leaving the wizard for its start page: the old route still sees the new params for a
            // moment. Resolving "" would redirect back into the wizard from a disposed page.
            "" => ().into_any(),
            CONFIRMATION_PAGE => {
                let next = ctx.form(|f| f.next_steps.clone());
                view! { <Confirmation service_id=ctx.service_id() next_steps=next/> }.into_any()
            }
            CHECK_PAGE
                if !ctx.with_journey(|j| j.is_complete()) && has_receipt_and_no_answers(ctx) =>
            {
                redirect(ctx.step_url(CONFIRMATION_PAGE));
                ().into_any()
            }
            requested => landing_view(ctx, requested, change, &redirect, || {
                view! { <CheckPage ctx=ctx/> }.into_any()
            }),
        })
    }
}

/// The page for `requested` below the wizard's base — a step, the check page (`check`), a
/// redirect (through `redirect`) or "not found" — as [`Journey::land`](domain::form::Journey::land)
/// decides; shared by the services and the hearing.
pub fn landing_view(
    ctx: WizardCtx,
    requested: &str,
    return_to_check: bool,
    redirect: impl Fn(String),
    check: impl FnOnce() -> AnyView,
) -> AnyView {
    match ctx.with_journey(|j| j.land(requested)) {
        Landing::Check => check(),
        Landing::Step(step) => {
            view! { <StepPage ctx=ctx step=step return_to_check=return_to_check/> }.into_any()
        }
        Landing::Redirect(id) => {
            redirect(ctx.step_url(&id));
            ().into_any()
        }
        Landing::NotFound => view! { <crate::pages::not_found::NotFound/> }.into_any(),
    }
}

/// After a submit the answers are gone; "back" to the check page shows the confirmation.
fn has_receipt_and_no_answers(ctx: WizardCtx) -> bool {
    ctx.answers.with_untracked(|a| a.is_empty())
        && crate::storage::load::<domain::application::ApplicationReceipt>(
            &super::context::receipt_key(&ctx.service_id()),
        )
        .is_some()
}

/// Link to a service's first step (used by the start page). With answers kept in this tab it
/// continues at the first unanswered step (the check page redirects there, or shows itself).
/// A link, not role=button: it navigates, and links do not react to the space key.
#[component]
pub fn StartLink(service_id: String, first_step: String, has_answers: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = if has_answers {
        routes::service_step(&service_id, CHECK_PAGE)
    } else {
        routes::service_step(&service_id, &first_step)
    };
    view! {
        <A href=href attr:class="button button-start">
            {move || if has_answers { i18n.t().continue_application } else { i18n.t().start_now }}
        </A>
    }
}
