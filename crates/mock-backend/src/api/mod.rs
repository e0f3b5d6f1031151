//! The REST API under `/api`. One module per resource.

pub mod feedback;
pub mod health;
pub mod services;

use crate::extract::AcceptLang;
use crate::problem::ApiError;
use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(crate::openapi::serve))
        .route("/v1/services", get(services::list))
        .route("/v1/feedback", post(feedback::create))
        .merge(crate::hearings::handlers::router())
        .merge(crate::forms::handlers::routes())
        .merge(crate::payments::handlers::routes())
        // Unknown API paths answer with a problem, never with the app's index.html.
        .fallback(|AcceptLang(lang): AcceptLang| async move { ApiError::not_found(lang) })
}
