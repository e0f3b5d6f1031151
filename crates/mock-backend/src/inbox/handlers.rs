//! `/api/v1/me/applications`, `/api/v1/me/claims`, `/api/v1/me/inbox`, `/api/v1/me/messages`
//! and the mock-only `/api/v1/dev/applications/{reference}/advance`. Every account endpoint
//! reads the session's subject and sees only what belongs to it: another citizen's reference or
//! message id answers 404 like one that does not exist.

use super::{AdvanceError, AnswerError, ClaimError, Tracked};
use crate::account::handlers::session;
use crate::extract::{AcceptLang, ApiJson};
use crate::idempotency::Outcome;
use crate::mail::Mail;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::application::{normalise_code, ApplicationReceipt};
use domain::form::{FieldKind, FormDefinition, FormProblem};
use domain::i18n::Lang;
use domain::inbox::{
    AnswerRequest, ClaimRequest, InboxSummary, MarkRead, Message, MessageKind, MyApplication,
    Status, ATTACHMENTS_FIELD,
};
use domain::validation::{FieldErrors, Problem as FieldProblem};
use serde::Serialize;

/// The app's pages the e-mails link to (sign-in needed there).
pub const APPLICATIONS_PAGE: &str = "/konto/antraege";
pub const POSTBOX_PAGE: &str = "/konto/postfach";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me/applications", get(applications))
        .route("/v1/me/applications/{reference}", get(application))
        .route("/v1/me/claims", post(claim))
        .route("/v1/me/inbox", get(summary))
        .route("/v1/me/messages", get(messages))
        .route("/v1/me/messages/{id}", get(message))
        .route("/v1/me/messages/{id}/read", post(mark_read))
        .route("/v1/me/messages/{id}/answer", post(answer))
        .route("/v1/dev/applications/{reference}/advance", post(advance))
}

/// Private data: never cached.
fn private<T: Serialize>(value: T) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(value)).into_response()
}

fn subject(state: &AppState, headers: &HeaderMap, lang: Lang) -> Result<String, ApiError> {
    session(state, headers, lang).map(|(_, s)| s.subject)
}

fn application_not_found(lang: Lang) -> ApiError {
    ApiError::not_found(lang).with_detail(
        "Einen Antrag mit diesem Aktenzeichen gibt es in Ihrem Konto nicht.",
        "There is no application with this reference in your account.",
    )
}

fn message_not_found(lang: Lang) -> ApiError {
    ApiError::not_found(lang).with_detail(
        "Diese Nachricht gibt es in Ihrem Postfach nicht.",
        "This message does not exist in your postbox.",
    )
}

/// The list entry: the tracked status with the receipt's service, date, fee and payment.
fn entry(state: &AppState, reference: &str, t: &Tracked) -> Option<MyApplication> {
    let r = state.forms().receipt(reference)?;
    Some(MyApplication {
        reference: r.reference,
        service_id: r.service_id,
        service_name: r.service_name,
        submitted_at: r.submitted_at,
        fee: r.fee.total,
        paid: r.paid,
        status: t.status(),
        history: t.history.clone(),
    })
}

/// One of the owner's applications as the API shows it; anyone else's is the same 404 as an
/// unknown reference.
fn own_application(
    state: &AppState,
    owner: &str,
    reference: &str,
    lang: Lang,
) -> Result<Response, ApiError> {
    state
        .inbox()
        .application(owner, reference)
        .and_then(|t| entry(state, reference, &t))
        .map(private)
        .ok_or_else(|| application_not_found(lang))
}

/// The one call from `POST /api/v1/applications`: a new application is tracked (status
/// "eingegangen"), with its owner when signed in — who then gets the receipt in the Postfach.
pub fn on_submitted(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    form: &FormDefinition,
    receipt: &ApplicationReceipt,
    outcome: Outcome,
) {
    if outcome != Outcome::Created {
        return;
    }
    let owner = state
        .town()
        .profile
        .features
        .account
        .then(|| session(state, headers, lang).ok().map(|(_, s)| s))
        .flatten();
    let given = state
        .forms()
        .stored_answers(&receipt.reference)
        .and_then(|answers| {
            form.fields()
                .filter(|(_, f)| matches!(f.kind, FieldKind::Email))
                .find_map(|(_, f)| answers.get(&f.id)?.as_text().map(str::to_owned))
        })
        .filter(|e| !e.trim().is_empty());
    let email = given.or_else(|| owner.as_ref().and_then(|s| s.email.clone()));
    let now = state.clock().now();
    let subject = owner.as_ref().map(|s| s.subject.as_str());
    state
        .inbox()
        .track(&receipt.reference, subject, email.as_deref(), lang, now);
    if subject.is_some() {
        let (title, body) = super::texts::message(
            Status::Received,
            &receipt.service_name,
            &receipt.reference,
            &super::texts::default_question(),
        );
        state.inbox().write(
            subject,
            Some(&receipt.reference),
            MessageKind::Receipt,
            title,
            body,
            None,
            false,
            now,
        );
    }
}

/// The signed-in citizen's applications, newest first: status history, fee and payment.
#[utoipa::path(
    get,
    path = "/api/v1/me/applications",
    tag = "inbox",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The applications of this account", body = Vec<MyApplication>),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn applications(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let list: Vec<MyApplication> = state
        .inbox()
        .applications(&owner)
        .iter()
        .filter_map(|(r, t)| entry(&state, r, t))
        .collect();
    Ok(private(list))
}

/// One application of the signed-in citizen. Another citizen's reference is a 404, like an
/// unknown one.
#[utoipa::path(
    get,
    path = "/api/v1/me/applications/{reference}",
    tag = "inbox",
    security(("session_cookie" = [])),
    params(("reference" = String, Path, description = "8-character reference; case, spaces and hyphens are ignored")),
    responses(
        (status = 200, description = "The application", body = MyApplication),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an application of this account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn application(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    reference: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let reference = reference
        .map(|Path(r)| normalise_code(&r))
        .map_err(|_| application_not_found(lang))?;
    own_application(&state, &owner, &reference, lang)
}

/// Adds an application sent without sign-in to the account: its reference and the e-mail
/// address given in it must both match. Five wrong tries for a reference within 15 minutes
/// lock it (429), as the letters' sign-ins do; a wrong pair, an unknown reference and another
/// citizen's application get the same 404.
#[utoipa::path(
    post,
    path = "/api/v1/me/claims",
    tag = "inbox",
    security(("session_cookie" = [])),
    request_body(content = ClaimRequest, example = json!({"reference": "K7MP-3XTA", "email": "eva@example.org"})),
    responses(
        (status = 200, description = "Added (or already in this account)", body = MyApplication),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No application with this reference and e-mail address", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reference or e-mail address missing or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after five wrong tries (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn claim(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ClaimRequest>,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    req.validate().map_err(|e| ApiError::validation(lang, e))?;
    let now = state.clock().now();
    match state
        .inbox()
        .claim(&owner, &req.reference, &req.email, now)
    {
        Ok(reference) => own_application(&state, &owner, &reference, lang),
        Err(ClaimError::Wrong) => Err(ApiError::not_found(lang).with_detail(
            "Zu diesem Aktenzeichen und dieser E-Mail-Adresse finden wir keinen Antrag. Bitte prüfen Sie beide Angaben.",
            "We cannot find an application with this reference and email address. Please check both.",
        )),
        Err(ClaimError::Locked { retry_after_secs }) => {
            Err(ApiError::too_many_requests(lang, retry_after_secs))
        }
    }
}

/// The header's count of unread messages.
#[utoipa::path(
    get,
    path = "/api/v1/me/inbox",
    tag = "inbox",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Unread messages", body = InboxSummary),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn summary(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let unread = domain::inbox::unread(&state.inbox().messages(&owner));
    Ok(private(InboxSummary {
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
    }))
}

/// The Postfach, newest first. Nothing is ever deleted here.
#[utoipa::path(
    get,
    path = "/api/v1/me/messages",
    tag = "inbox",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The messages of this account", body = Vec<Message>),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn messages(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    Ok(private(state.inbox().messages(&owner)))
}

fn message_id(lang: Lang, id: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    id.map(|Path(i)| i).map_err(|_| message_not_found(lang))
}

/// One message (reading it does not mark it read; the app does that explicitly).
#[utoipa::path(
    get,
    path = "/api/v1/me/messages/{id}",
    tag = "inbox",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The message id, e.g. `msg_k7mp3xta2b4c`")),
    responses(
        (status = 200, description = "The message", body = Message),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a message of this account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn message(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let id = message_id(lang, id)?;
    state
        .inbox()
        .message(&owner, &id)
        .map(private)
        .ok_or_else(|| message_not_found(lang))
}

/// Marks a message read or unread.
#[utoipa::path(
    post,
    path = "/api/v1/me/messages/{id}/read",
    tag = "inbox",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The message id")),
    request_body(content = MarkRead, example = json!({"read": true})),
    responses(
        (status = 200, description = "The message", body = Message),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a message of this account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<MarkRead>,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let id = message_id(lang, id)?;
    state
        .inbox()
        .set_read(&owner, &id, body.read)
        .map(private)
        .ok_or_else(|| message_not_found(lang))
}

/// Answers a clerk's question with text and uploads (ids from `POST /api/v1/uploads` or the
/// resumable uploads); the answer reaches the application, which goes back to "in
/// Bearbeitung". Once only.
#[utoipa::path(
    post,
    path = "/api/v1/me/messages/{id}/answer",
    tag = "inbox",
    security(("session_cookie" = [])),
    params(("id" = String, Path, description = "The id of a question message")),
    request_body(content = AnswerRequest, example = json!({"text": "Anbei der Nachweis.", "attachments": []})),
    responses(
        (status = 200, description = "The question with its answer", body = Message),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a message of this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a question, or answered already (`/problems/not-open`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Text blank, too long or with control characters; more than 5 attachments or an unknown upload", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> Result<Response, ApiError> {
    let owner = subject(&state, &headers, lang)?;
    let id = message_id(lang, id)?;
    if state.inbox().message(&owner, &id).is_none() {
        return Err(message_not_found(lang));
    }
    req.validate().map_err(|e| ApiError::validation(lang, e))?;
    let mut files = Vec::new();
    let mut errors = FieldErrors::default();
    for (i, upload) in req.attachments.iter().enumerate() {
        match state.forms().upload(upload) {
            Some(r) => files.push(r),
            None => errors.add(
                &format!("{ATTACHMENTS_FIELD}.{i}"),
                FieldProblem::Form(FormProblem::UploadNotFound),
            ),
        }
    }
    errors
        .into_result()
        .map_err(|e| ApiError::validation(lang, e))?;
    match state
        .inbox()
        .answer(&owner, &id, &req.text, files, state.clock().now())
    {
        Ok(m) => Ok(private(m)),
        Err(AnswerError::NotFound) => Err(message_not_found(lang)),
        Err(AnswerError::NotOpen) => Err(ApiError::conflict(
            lang,
            "not-open",
            "Diese Nachricht ist keine offene Rückfrage (mehr).",
            "This message is not (or no longer) an open question.",
        )),
    }
}

/// Mock only: the clerk moves an application on.
///
/// **This endpoint does not exist in production**, where the clerks' case system does this.
/// Moves the application to its next status (eingegangen → in Bearbeitung → Rückfrage, once →
/// entschieden; after an answer in Bearbeitung → entschieden), writes the message to the
/// owner's Postfach (an application sent without sign-in keeps it until it is added to an
/// account) and sends the e-mail to the address given in the application.
#[utoipa::path(
    post,
    path = "/api/v1/dev/applications/{reference}/advance",
    tag = "mock-only",
    params(("reference" = String, Path, description = "8-character reference; case, spaces and hyphens are ignored")),
    responses(
        (status = 200, description = "The application in its new status", body = MyApplication),
        (status = 404, description = "Unknown reference", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided (`/problems/decided`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn advance(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    reference: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let reference = reference
        .map(|Path(r)| normalise_code(&r))
        .map_err(|_| ApiError::not_found(lang))?;
    let Some(receipt) = state.forms().receipt(&reference) else {
        return Err(ApiError::not_found(lang));
    };
    let now = state.clock().now();
    let (status, tracked) = match state.inbox().advance(&reference, now) {
        Ok(moved) => moved,
        Err(AdvanceError::NotFound) => return Err(ApiError::not_found(lang)),
        Err(AdvanceError::Decided) => {
            return Err(ApiError::conflict(
                lang,
                "decided",
                "Über diesen Antrag ist schon entschieden.",
                "This application has already been decided.",
            ))
        }
    };
    let question = super::texts::default_question();
    let (title, body) = super::texts::message(status, &receipt.service_name, &reference, &question);
    let kind = if status == Status::Question {
        MessageKind::Question
    } else {
        MessageKind::StatusChange
    };
    state.inbox().write(
        tracked.owner.as_deref(),
        Some(&reference),
        kind,
        title.clone(),
        body.clone(),
        None,
        false,
        now,
    );
    if let Some(to) = &tracked.email {
        let l = tracked.lang;
        let page = if status == Status::Question {
            POSTBOX_PAGE
        } else {
            APPLICATIONS_PAGE
        };
        let paragraphs = [
            body.get(l).to_owned(),
            super::texts::mail_hint(status).get(l).to_owned(),
        ];
        state.outbox().send(Mail::compose(
            to,
            l,
            title.get(l),
            &paragraphs,
            Some((
                super::texts::mail_link_label().get(l),
                &state.outbox().portal_link(page),
            )),
        ));
    }
    entry(&state, &reference, &tracked)
        .map(private)
        .ok_or_else(|| ApiError::not_found(lang))
}
