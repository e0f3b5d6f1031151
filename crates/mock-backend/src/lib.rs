//! The mock of the town's backend: the documented REST API over seeded demo data, plus the
//! built single-page app with a fallback to index.html so deep links and reloads work.

pub mod access;
pub mod account;
pub mod api;
pub mod appointments;
pub mod clock;
pub mod extract;
pub mod forms;
pub mod hearings;
pub mod idempotency;
pub mod inbox;
pub mod mail;
pub mod notices;
pub mod openapi;
pub mod payments;
pub mod problem;
pub mod rate_limit;
pub mod security;
pub mod state;
pub mod static_files;
pub mod sync;
pub mod town;

use axum::Router;
pub use state::AppState;
use tower_http::compression::CompressionLayer;

/// The whole HTTP surface: `/api/...` and the app.
pub fn app(state: AppState) -> Router {
    let dist = state.dist_dir().to_path_buf();
    let statics = static_files::router(&dist, &state.town().profile);
    let headers = std::sync::Arc::new(security::Headers::for_shell(&dist, &state.town().profile));
    let api = api::router()
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::rate_limit,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::feature_gate,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            account::handlers::csrf,
        ));
    let idp = account::idp::router().route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        account::idp::gate,
    ));
    Router::new()
        .nest("/api", api)
        .merge(payments::psp::router())
        .merge(idp)
        .merge(mail::page::router(state.clone()))
        .with_state(state)
        .merge(statics)
        .layer(axum::middleware::from_fn_with_state(
            headers,
            security::add_headers,
        ))
        .layer(CompressionLayer::new())
}
