//! "Meine Anträge": every application of the account with reference, service, date, fee (paid,
//! or open with "Online bezahlen") and its status timeline; below, adding an application sent
//! without sign-in. The rules (timeline, fee open, claim validation) are in `domain::inbox`.

use crate::api::{self, ApiError};
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::field::{Kind, TextField};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, use_i18n, Lang};
use domain::date::format_timestamp;
use domain::inbox::{timeline, ClaimRequest, MyApplication, EMAIL_FIELD, REFERENCE_FIELD};
use domain::payment::PaymentItemRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// A 401 shows the sign-in offer instead of an error (shared by the Postfach pages).
pub fn sign_in_instead() -> Callback<ApiError, Option<AnyView>> {
    Callback::new(move |e: ApiError| {
        let ApiError::Status(401, _) = e else {
            return None;
        };
        let i18n = use_i18n();
        let here = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_else(|| crate::routes::ACCOUNT.to_string());
        Some(
            view! {
                <p>{move || i18n.inbox().sign_in_needed}</p>
                <p><a class="button" href=super::login_href(&here) rel="external">{move || i18n.t().account_sign_in}</a></p>
            }
            .into_any(),
        )
    })
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let list =
        crate::fetched::Fetched::new(move || api::inbox::applications(i18n.lang.get_untracked()));
    view! {
        <PageTitle text=move || t().applications_title.to_string()/>
        <h1>{move || t().applications_title}</h1>
        <p>{move || t().applications_intro}</p>
        <Loaded fetched=list catch=sign_in_instead() let:apps>
            {if apps.is_empty() {
                view! { <p>{move || t().applications_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="inbox-list">
                        {apps.into_iter().map(|a| view! { <li><Application app=a/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><A href=crate::routes::POSTBOX>{move || t().to_postbox}</A></p>
        </Loaded>
        // Outside the list: its refetch after a claim must not reset the form and its message.
        <Show when=move || super::current_me().is_some()>
            <Claim on_added=Callback::new(move |()| list.refetch())/>
        </Show>
    }
}

#[component]
fn Application(app: MyApplication) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let heading = format!("app-{}", app.reference);
    let fee_line = {
        let app = app.clone();
        move || {
            let amount = app.fee.format(i18n.lang());
            if app.fee.0 == 0 {
                t().fee_none.to_string()
            } else if app.paid {
                fill(t().fee_paid, &[("amount", &amount)])
            } else {
                fill(t().fee_open, &[("amount", &amount)])
            }
        }
    };
    let pay = app.fee_open().then(|| {
        view! {
            <crate::checkout::pay_button::PayOnlineButton
                item=PaymentItemRequest::Application { reference: app.reference.clone() }
                label=app.service_name.clone()
                amount=app.fee
            />
        }
    });
    let (history, submitted, status) = (app.history.clone(), app.submitted_at.clone(), app.status);
    view! {
        <article class="inbox-item" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || app.service_name.get(i18n.lang()).to_string()}</h2>
            <dl class="summary-list">
                <div class="summary-row"><dt>{move || t().reference}</dt><dd class="summary-value reference-inline">{app.reference.clone()}</dd></div>
                <div class="summary-row"><dt>{move || t().submitted}</dt><dd class="summary-value">{move || format_timestamp(&submitted, i18n.lang())}</dd></div>
                <div class="summary-row"><dt>{move || t().fee}</dt><dd class="summary-value">{fee_line}</dd></div>
                <div class="summary-row"><dt>{move || t().status}</dt><dd class="summary-value"><strong>{move || status.label(i18n.lang())}</strong></dd></div>
            </dl>
            {pay}
            <h3>{move || t().history}</h3>
            <Timeline history=history/>
        </article>
    }
}

/// The stages in order, each with its date; the current one said in words, not only shown.
#[component]
fn Timeline(history: Vec<domain::inbox::StatusChange>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let t = i18n.inbox();
        let rows = timeline(&history)
            .into_iter()
            .map(|s| {
                let class = match (s.current, s.at.is_some()) {
                    (true, _) => "stage stage-current",
                    (false, true) => "stage stage-done",
                    (false, false) => "stage stage-pending",
                };
                let when = match s.at {
                    Some(at) => format_timestamp(at, lang),
                    None => t.stage_pending.to_string(),
                };
                let current = s.current.then(|| format!(" ({})", t.stage_current));
                view! {
                    <li class=class>
                        <span class="stage-name">{s.status.label(lang)}{current}</span>
                        " "<span class="stage-date">{when}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="timeline">{rows}</ol> }
    }
}

/// Adding an application sent without sign-in: reference and e-mail address.
#[component]
fn Claim(on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.inbox();
    let reference = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error_of = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let body = ClaimRequest {
            reference: reference.get_untracked(),
            email: email.get_untracked(),
        };
        failure.set(None);
        done.set(None);
        if let Err(e) = body.validate() {
            errors.set(field_errors(&e, lang));
            focus_error_summary();
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            let result = api::inbox::claim(lang, &body).await;
            busy.set(false);
            match result {
                Ok(app) => {
                    reference.set(String::new());
                    email.set(String::new());
                    done.set(Some(fill(
                        i18n.inbox().claim_done,
                        &[("reference", &app.reference)],
                    )));
                    on_added.run(());
                }
                Err(ApiError::Validation(p)) => {
                    errors.set(
                        p.errors
                            .into_iter()
                            .filter_map(|(f, m)| Some((f, m.into_iter().next()?)))
                            .collect(),
                    );
                    focus_error_summary();
                }
                Err(e) => {
                    failure.set(Some(e.message(i18n.t())));
                    request_animation_frame(|| crate::dom::focus_id("claim-failure"));
                }
            }
        });
    };
    view! {
        <section aria-labelledby="claim-title" class="claim">
            <h2 id="claim-title">{move || t().claim_title}</h2>
            <p>{move || t().claim_intro}</p>
            <p role="status" class="claim-done">{move || done.get()}</p>
            {move || failure.get().map(|m| view! { <p id="claim-failure" tabindex="-1" class="notice notice-error" role="alert">{m}</p> })}
            <ErrorSummary errors=errors/>
            <form novalidate on:submit=submit>
                <TextField id=REFERENCE_FIELD label=Signal::derive(move || t().claim_reference.to_string())
                    hint=Signal::derive(move || t().claim_reference_hint.to_string())
                    error=error_of(REFERENCE_FIELD) value=reference autocomplete="off"/>
                <TextField id=EMAIL_FIELD label=Signal::derive(move || t().claim_email.to_string())
                    hint=Signal::derive(move || t().claim_email_hint.to_string())
                    error=error_of(EMAIL_FIELD) value=email kind=Kind::Email autocomplete="email"/>
                <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>{move || t().claim_button}</button>
            </form>
        </section>
    }
}

/// Field → first message, in the order the form shows them.
pub fn field_errors(e: &domain::validation::FieldErrors, lang: Lang) -> Vec<(String, String)> {
    e.0.iter()
        .filter_map(|(f, ps)| Some((f.clone(), ps.first()?.message(lang))))
        .collect()
}
