//! The OpenAPI 3.1 description, generated from the handlers' annotations. The committed copy
//! in docs/openapi.json is checked against this in tests.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Serviceportal API",
        version = "1.0.0",
        description = "REST API of the town's service portal: catalogue, forms, hearings and payments. \
                       Errors are RFC 9457 problem details; texts follow Accept-Language (de, en)."
    ),
    paths(
        crate::api::health::health,
        crate::api::services::list,
        crate::api::feedback::create,
    ),
    tags(
        (name = "system", description = "Health and description"),
        (name = "services", description = "The service catalogue"),
        (name = "feedback", description = "Accessibility feedback"),
    )
)]
pub struct ApiDoc;

pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}
