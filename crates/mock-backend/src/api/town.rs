use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use domain::town::TownProfile;

/// The town's profile: name, colours, contacts, legal texts, payee, features, payment methods.
/// Read from the town folder at start (`TOWN_DIR`), so it changes only with a restart.
#[utoipa::path(
    get,
    path = "/api/v1/town",
    tag = "town",
    responses((status = 200, description = "The town's profile", body = TownProfile))
)]
pub async fn profile(State(state): State<AppState>) -> Json<TownProfile> {
    Json(state.town().profile.clone())
}

/// The town's coat of arms (the SVG file named in the profile).
#[utoipa::path(
    get,
    path = "/api/v1/town/coat-of-arms",
    tag = "town",
    responses((status = 200, description = "The coat of arms", content_type = "image/svg+xml", body = String))
)]
pub async fn coat_of_arms(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            // An SVG opened directly must not run anything (validated at start as well).
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        state.town().coat_of_arms_svg.clone(),
    )
}
