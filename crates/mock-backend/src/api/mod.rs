//! The REST API under `/api`. One module per resource.

pub mod feedback;
pub mod health;
pub mod services;
pub mod town;

use crate::extract::AcceptLang;
use crate::problem::ApiError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(crate::openapi::serve))
        .route("/v1/services", get(services::list))
        .route("/v1/town", get(town::profile))
        .route("/v1/town/coat-of-arms", get(town::coat_of_arms))
        .route("/v1/feedback", post(feedback::create))
        .merge(crate::hearings::handlers::router())
        .merge(crate::notices::handlers::router())
        .merge(crate::forms::handlers::routes())
        .merge(crate::payments::handlers::routes())
        .merge(crate::appointments::handlers::routes())
        .merge(crate::account::handlers::routes())
        .merge(crate::inbox::handlers::routes())
        .layer(axum::middleware::from_fn(method_not_allowed))
        // Unknown API paths answer with a problem, never with the app's index.html.
        .fallback(|AcceptLang(lang): AcceptLang| async move { ApiError::not_found(lang) })
}

/// Parts of the API a town has switched off (`features` in its profile) answer 404, like
/// paths that do not exist.
pub async fn feature_gate(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    AcceptLang(lang): AcceptLang,
    req: Request,
    next: Next,
) -> Response {
    let hearing_off = !state.town().profile.features.hearing;
    if hearing_off && req.uri().path().contains("/v1/hearings") {
        return ApiError::not_found(lang).into_response();
    }
    let appointments_off = state.town().appointments.is_none();
    if appointments_off && req.uri().path().contains("/v1/appointments") {
        return ApiError::not_found(lang).into_response();
    }
    let notices_off = !state.town().profile.features.notices;
    if notices_off && req.uri().path().contains("/v1/notices") {
        return ApiError::not_found(lang).into_response();
    }
    let path = req.uri().path();
    let account_off = !state.town().profile.features.account;
    if account_off
        && (path.contains("/v1/auth/") || path.ends_with("/v1/me") || path.contains("/v1/me/"))
    {
        return ApiError::not_found(lang).into_response();
    }
    next.run(req).await
}

/// axum answers a known path with another method by an empty 405; API clients get a problem
/// like for every other error. The `Allow` header axum sets stays.
async fn method_not_allowed(AcceptLang(lang): AcceptLang, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::METHOD_NOT_ALLOWED {
        return res;
    }
    let (parts, _) = res.into_parts();
    let mut problem = ApiError::method_not_allowed(lang).into_response();
    for (name, value) in parts
        .headers
        .iter()
        .filter(|(name, _)| *name == axum::http::header::ALLOW)
    {
        problem.headers_mut().append(name, value.clone());
    }
    problem
}

/// The per-client limit of `rate_limit` on unauthenticated POSTs: over it, a 429 problem with
/// `Retry-After`.
pub async fn rate_limit(
    State(state): State<AppState>,
    lang: AcceptLang,
    req: Request,
    next: Next,
) -> Response {
    if let Some(b) = crate::rate_limit::bucket(req.method(), req.uri().path()) {
        let client = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "local".into());
        if let Err(retry) = state.rate_limiter().check(&client, b, state.clock().now()) {
            return ApiError::too_many_requests(lang.0, retry).into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use tower::ServiceExt;

    #[tokio::test]
    async fn another_method_is_a_problem_with_allow() {
        let state = crate::AppState::seeded(std::env::temp_dir().join("serviceportal-no-dist"));
        let req = Request::patch("/api/v1/feedback")
            .body(Body::empty())
            .unwrap_or_default();
        let res = crate::app(state).oneshot(req).await.unwrap_or_default();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            res.headers()
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok()),
            Some("POST")
        );
        assert_eq!(
            res.headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
    }
}
