//! One step of a form: progress, back link, error summary, fields, live fee, continue.

use super::binding::Binding;
use super::context::{today, WizardCtx};
use super::errors::step_summary;
use super::inputs::FieldInput;
use super::nav::WizardLink;
use crate::api;
use crate::components::error_summary::{focus_error_summary, ErrorSummary};
use crate::components::page_title::PageTitle;
use crate::components::reference_code::ReferenceCode;
use crate::i18n::{fill, use_i18n, Lang};
use crate::routes;
use domain::application::Draft;
use domain::form::{validate_step, FeeRule, Step};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StepPage(ctx: WizardCtx, step: Step, return_to_check: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (pos, total) = ctx.with_journey(|j| j.position(&step.id)).unwrap_or((1, 1));
    let back_href = ctx
        .with_journey(|j| j.back_from(&step.id, return_to_check))
        .map_or_else(|| ctx.start_url(), |id| ctx.step_url(&id));
    let title = step.title.clone();
    let service_title = ctx.form(|f| f.title.clone());
    // The title may be read after this page is disposed (see `PageTitle`): it reads an Arc
    // signal mirroring "has errors", not `ctx.errors`.
    let errors_shown = ArcRwSignal::new(false);
    {
        let shown = errors_shown.clone();
        Effect::new(move |_| shown.set(ctx.errors.with(|e| !e.is_empty())));
    }
    let page_title = {
        let (title, service_title) = (title.clone(), service_title.clone());
        move || {
            let lang = i18n.lang();
            let prefix = if errors_shown.get() {
                i18n.t().error_title_prefix
            } else {
                ""
            };
            format!("{prefix}{} – {}", title.get(lang), service_title.get(lang))
        }
    };
    let step_for_submit = step.clone();
    let step_for_lang = step.clone();
    let step_for_summary = step.clone();
    let step_id = step.id.clone();
    // This step's errors in the order of its fields on screen (see `errors::step_summary`).
    let summary = Signal::derive(move || {
        let lang = i18n.lang();
        ctx.answers.with(|a| {
            ctx.errors
                .with(|e| step_summary(&step_for_summary, a, e, lang))
        })
    });
    // Messages already shown follow a language switch (client-side rules are re-run; a server's
    // message that the rules cannot reproduce stays as sent).
    Effect::new(move |prev: Option<Lang>| {
        let lang = i18n.lang.get();
        if prev.is_some_and(|p| p != lang) && ctx.errors.with_untracked(|e| !e.is_empty()) {
            let fresh = ctx
                .answers
                .with_untracked(|a| validate_step(&step_for_lang, a, today()))
                .messages(lang);
            ctx.errors.update(|e| {
                for (k, v) in e.iter_mut() {
                    if let Some(m) = fresh.get(k).and_then(|m| m.first()) {
                        v.clone_from(m);
                    }
                }
            });
        }
        lang
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let errors = ctx
            .answers
            .with_untracked(|a| validate_step(&step_for_submit, a, today()));
        if !errors.is_empty() {
            ctx.errors.set(
                errors
                    .messages(lang)
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, v.into_iter().next()?)))
                    .collect(),
            );
            focus_error_summary();
            return;
        }
        ctx.errors.set(Default::default());
        let target = ctx.with_journey(|j| j.continue_from(&step_id, return_to_check));
        super::nav::go(&ctx.step_url(&target));
    };

    let fields = step
        .fields
        .iter()
        .map(|f| view! { <FieldInput field=f.clone() path=f.id.clone() binding=Binding::top(ctx.answers, f.id.clone())/> })
        .collect_view();
    let intro = step.intro.clone();
    let charges = ctx.form(|f| !matches!(f.fee, FeeRule::Free));
    view! {
        <PageTitle text=page_title/>
        <WizardLink href=back_href class="back-link">{move || i18n.t().back}</WizardLink>
        <p class="step-progress">
            <span class="caption">{move || service_title.get(i18n.lang()).to_string()}</span>
            <span>{move || fill(i18n.t().step_of, &[("step", &pos), ("steps", &total)])}</span>
        </p>
        <form class="wizard-step" novalidate on:submit=submit>
            <ErrorSummary errors=summary/>
            <h1>{move || title.get(i18n.lang()).to_string()}</h1>
            {intro.map(|t| view! { <p class="lead">{move || t.get(i18n.lang()).to_string()}</p> })}
            {fields}
            {charges.then(|| view! { <FeeBox ctx=ctx/> })}
            <div class="button-group">
                <button type="submit" class="button">{move || i18n.t().continue_}</button>
                {ctx.drafts.then(|| view! { <SaveDraft ctx=ctx/> })}
            </div>
        </form>
    }
}

/// The fee so far, recomputed from the answers with the same rules as the server.
#[component]
pub fn FeeBox(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fee-box">
            // Polite: the amount changes as dogs are added or answers change the price.
            <p aria-live="polite">
                <span class="fee-label">{move || i18n.t().fee_so_far}</span>" "
                <strong>{move || ctx.fee().total.format(i18n.lang())}</strong>
            </p>
        </div>
    }
}

#[derive(Clone, PartialEq)]
enum DraftState {
    Idle,
    Saving,
    /// Resume code, keep-until date, the resume link's QR code as SVG markup (empty when its
    /// chunk could not be loaded: the code and the link are shown anyway).
    Saved(String, String, String),
    Failed(String),
}

/// "Save and continue later": a server draft with a resume code and a QR code of the resume
/// link, so a desktop user can continue on the phone.
#[component]
fn SaveDraft(ctx: WizardCtx) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(DraftState::Idle);
    let save = move |_| {
        if state.get_untracked() == DraftState::Saving {
            return;
        }
        state.set(DraftState::Saving);
        let draft = Draft {
            service_id: ctx.service_id(),
            form_version: ctx.form(|f| f.version),
            answers: ctx.answers.get_untracked(),
        };
        spawn_local(async move {
            let t = i18n.t();
            match api::forms::save_draft(i18n.lang.get_untracked(), &draft).await {
                Ok(saved) => {
                    let link = resume_link(&saved.code);
                    let alt = i18n.t().resume_qr_alt.to_string();
                    let qr = crate::components::qr_code::qr_svg(link.into_bytes(), alt).await;
                    state.set(DraftState::Saved(
                        saved.code,
                        saved.expires_on.format(i18n.lang.get_untracked()),
                        qr.ok().flatten().unwrap_or_default(),
                    ));
                    request_animation_frame(|| crate::dom::focus_id("draft-saved"));
                }
                Err(e) => state.set(DraftState::Failed(e.message(t))),
            }
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=save disabled=move || state.get() == DraftState::Saving>
            {move || i18n.t().save_for_later}
        </button>
        {move || match state.get() {
            DraftState::Saved(code, until, qr) => {
                let link = resume_link(&code);
                view! {
                    <div class="notice notice-success draft-saved" id="draft-saved" tabindex="-1" role="status">
                        <p>{fill(i18n.t().draft_saved, &[("date", &until)])}</p>
                        <ReferenceCode code=code.clone() class="resume-code" label=|t| t.resume_code_label/>
                        <p>{i18n.t().draft_qr_explain}</p>
                        <div class="qr" inner_html=qr></div>
                        <p><a href=link.clone()>{link.clone()}</a></p>
                    </div>
                }
                .into_any()
            }
            DraftState::Failed(msg) => view! { <p class="notice notice-error" role="alert">{msg}</p> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// The code sits in the fragment, so it never reaches a server log or a Referer.
fn resume_link(code: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    routes::resume_link(&origin, code)
}
