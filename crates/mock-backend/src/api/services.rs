use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use domain::catalogue::ServiceSummary;

/// The town's online services (the catalogue on the start page).
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "services",
    responses((status = 200, description = "All online services", body = Vec<ServiceSummary>))
)]
pub async fn list(State(state): State<AppState>) -> Json<Vec<ServiceSummary>> {
    Json(state.services().to_vec())
}
