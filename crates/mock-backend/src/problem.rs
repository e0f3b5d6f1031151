//! RFC 9457 problem details. Every API error goes through here, so internals never leak.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::i18n::Lang;
use domain::validation::FieldErrors;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `application/problem+json` body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field id → messages, on 422 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

#[derive(Debug)]
pub enum ApiError {
    NotFound(Lang),
    BadRequest(Lang, String),
    Validation(Lang, FieldErrors),
}

impl ApiError {
    fn parts(self) -> (StatusCode, Problem) {
        let pick = |lang: Lang, de: &str, en: &str| match lang {
            Lang::De => de.to_owned(),
            Lang::En => en.to_owned(),
        };
        match self {
            ApiError::NotFound(l) => (
                StatusCode::NOT_FOUND,
                problem("not-found", pick(l, "Nicht gefunden", "Not found"), 404, None, None),
            ),
            ApiError::BadRequest(l, detail) => (
                StatusCode::BAD_REQUEST,
                problem(
                    "bad-request",
                    pick(l, "Die Anfrage ist fehlerhaft", "The request is malformed"),
                    400,
                    Some(detail),
                    None,
                ),
            ),
            ApiError::Validation(l, errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                problem(
                    "validation",
                    pick(l, "Es gibt ein Problem mit Ihren Angaben", "There is a problem with your answers"),
                    422,
                    None,
                    Some(errors.messages(l)),
                ),
            ),
        }
    }
}

fn problem(
    kind: &str,
    title: String,
    status: u16,
    detail: Option<String>,
    errors: Option<BTreeMap<String, Vec<String>>>,
) -> Problem {
    Problem { type_: format!("/problems/{kind}"), title, status, detail, errors }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.parts();
        problem_response(status, &body)
    }
}

pub fn problem_response(status: StatusCode, body: &Problem) -> Response {
    let json = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = (status, json).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    res
}
