//! The mock of the town's backend: the documented REST API over seeded demo data, plus the
//! built single-page app with a fallback to index.html so deep links and reloads work.

pub mod api;
pub mod clock;
pub mod extract;
pub mod forms;
pub mod hearings;
pub mod idempotency;
pub mod openapi;
pub mod payments;
pub mod problem;
pub mod seed;
pub mod state;
pub mod static_files;

use axum::Router;
pub use state::AppState;
use tower_http::compression::CompressionLayer;

/// The whole HTTP surface: `/api/...` and the app.
pub fn app(state: AppState) -> Router {
    let dist = state.dist_dir().to_path_buf();
    Router::new()
        .nest("/api", api::router())
        // The mock payment provider's pages (outside /api: HTML, not JSON).
        .merge(payments::psp::router())
        .with_state(state)
        .merge(static_files::router(&dist))
        .layer(CompressionLayer::new())
}
