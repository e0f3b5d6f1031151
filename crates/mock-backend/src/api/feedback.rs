use crate::extract::{AcceptLang, ApiJson};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::feedback::FeedbackRequest;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct FeedbackCreated {
    /// Number of the feedback, for reference in a reply.
    pub id: usize,
}

/// Accessibility feedback from the accessibility statement's form.
#[utoipa::path(
    post,
    path = "/api/v1/feedback",
    tag = "feedback",
    request_body(content = FeedbackRequest, example = json!({"message": "Der Kontrast der Schaltflächen ist zu schwach.", "contact": "erika@example.org"})),
    responses(
        (status = 201, description = "Stored", body = FeedbackCreated),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Validation errors per field", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    ApiJson(body): ApiJson<FeedbackRequest>,
) -> Result<(StatusCode, Json<FeedbackCreated>), ApiError> {
    body.validate().map_err(|e| ApiError::validation(lang, e))?;
    let id = state.add_feedback(body);
    Ok((StatusCode::CREATED, Json(FeedbackCreated { id })))
}
