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
    /// A URI reference naming the problem type, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field id → messages, on 422 with field errors only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
    /// On 409 `/problems/slot-taken` of an appointment: the free times of that day now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<Vec<String>>,
}

/// An API error: status, a stable problem kind, and German/English texts. Boxed, so a
/// `Result<_, ApiError>` stays as small as its success value.
#[derive(Debug)]
pub struct ApiError(Box<Details>);

#[derive(Debug)]
struct Details {
    status: StatusCode,
    kind: &'static str,
    lang: Lang,
    title: (&'static str, &'static str),
    detail: Option<(String, String)>,
    errors: Option<FieldErrors>,
    retry_after: Option<u64>,
    times: Option<Vec<String>>,
}

impl ApiError {
    fn new(
        status: StatusCode,
        kind: &'static str,
        lang: Lang,
        title: (&'static str, &'static str),
    ) -> ApiError {
        ApiError(Box::new(Details {
            status,
            kind,
            lang,
            title,
            detail: None,
            errors: None,
            retry_after: None,
            times: None,
        }))
    }

    pub fn with_detail(mut self, de: impl Into<String>, en: impl Into<String>) -> ApiError {
        self.0.detail = Some((de.into(), en.into()));
        self
    }

    /// Fresh free times for a slot-taken answer.
    pub fn with_times(mut self, times: Vec<String>) -> ApiError {
        self.0.times = Some(times);
        self
    }

    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    pub fn not_found(lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not-found",
            lang,
            ("Nicht gefunden", "Not found"),
        )
    }

    pub fn bad_request(lang: Lang, detail: impl Into<String>) -> ApiError {
        let d = detail.into();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            lang,
            ("Die Anfrage ist fehlerhaft", "The request is malformed"),
        )
        .with_detail(d.clone(), d)
    }

    pub fn validation(lang: Lang, errors: FieldErrors) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            lang,
            (
                "Es gibt ein Problem mit Ihren Angaben",
                "There is a problem with your answers",
            ),
        );
        e.0.errors = Some(errors);
        e
    }

    /// 422 without field errors: a rule of the whole request (e.g. "already paid").
    pub fn unprocessable(
        lang: Lang,
        kind: &'static str,
        de: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            kind,
            lang,
            ("Das ist so nicht möglich", "This is not possible"),
        )
        .with_detail(de, en)
    }

    pub fn unauthorized(lang: Lang, de: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            lang,
            ("Anmeldung erforderlich", "Sign-in required"),
        )
        .with_detail(de, en)
    }

    /// A service the API depends on (e.g. the identity provider) does not answer.
    pub fn service_unavailable(lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            lang,
            ("Vorübergehend nicht verfügbar", "Temporarily unavailable"),
        )
    }

    /// A request that changes data with the session cookie but from another site (CSRF).
    pub fn forbidden_cross_site(lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "cross-site",
            lang,
            (
                "Anfrage von einer anderen Website",
                "Request from another site",
            ),
        )
        .with_detail(
            "Angemeldete Änderungen sind nur aus dem Serviceportal selbst möglich.",
            "Signed-in changes are only possible from the service portal itself.",
        )
    }

    pub fn conflict(
        lang: Lang,
        kind: &'static str,
        de: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, kind, lang, ("Konflikt", "Conflict"))
            .with_detail(de, en)
    }

    pub fn too_many_requests(lang: Lang, retry_after_secs: u64) -> ApiError {
        let minutes = retry_after_secs.div_ceil(60).max(1);
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            lang,
            ("Zu viele Versuche", "Too many attempts"),
        )
        .with_detail(
            format!("Bitte versuchen Sie es in {minutes} Minuten erneut."),
            format!("Please try again in {minutes} minutes."),
        );
        e.0.retry_after = Some(retry_after_secs);
        e
    }

    pub fn method_not_allowed(lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            lang,
            ("Methode nicht erlaubt", "Method not allowed"),
        )
        .with_detail(
            "Der Header „Allow“ nennt die erlaubten Methoden.",
            "The Allow header lists the allowed methods.",
        )
    }

    pub fn payload_too_large(lang: Lang, de: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            lang,
            ("Zu groß", "Too large"),
        )
        .with_detail(de, en)
    }

    pub fn body(&self) -> Problem {
        let d = &self.0;
        let pick = |de: &str, en: &str| match d.lang {
            Lang::De => de.to_owned(),
            Lang::En => en.to_owned(),
        };
        Problem {
            type_: format!("/problems/{}", d.kind),
            title: pick(d.title.0, d.title.1),
            status: d.status.as_u16(),
            detail: d.detail.as_ref().map(|(de, en)| pick(de, en)),
            errors: d.errors.as_ref().map(|e| e.messages(d.lang)),
            times: d.times.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = problem_response(self.0.status, &self.body());
        if let Some(secs) = self.0.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res
    }
}

pub fn problem_response(status: StatusCode, body: &Problem) -> Response {
    let json = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = (status, json).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    res
}
