//! `/api/v1/appointments`: the offer, free days and times, bookings by code and secret.
//! The secret travels in the `X-Booking-Secret` header, never in a URL (URLs end up in logs).

use super::BookingError;
use crate::extract::{AcceptLang, ApiJson};
use crate::idempotency::{IdempotencyKey, KeyReused, Outcome};
use crate::mail::receipts::BookingEvent::{Booked, Cancelled, Moved};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use domain::appointment::{
    parse_concerns_query, AppointmentOffer, AppointmentProblem, Booking, BookingCreated,
    BookingRequest, ChangeRequest, ConcernCount, FreeDays, FreeTimes, SECRET_HEADER,
};
use domain::date::Date;
use domain::i18n::Lang;
use domain::validation::{FieldErrors, Problem as FieldProblem};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/appointments", get(offer))
        .route("/v1/appointments/days", get(days))
        .route("/v1/appointments/times", get(times))
        .route("/v1/appointments/bookings", axum::routing::post(book))
        .route(
            "/v1/appointments/bookings/{code}",
            get(booking).put(change).delete(cancel),
        )
}

/// The concerns citizens can book, the locations (hours, address, accessibility) and limits.
#[utoipa::path(
    get,
    path = "/api/v1/appointments",
    tag = "appointments",
    responses(
        (status = 200, description = "What can be booked", body = AppointmentOffer),
        (status = 404, description = "The town books no appointments", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn offer(State(state): State<AppState>) -> Json<AppointmentOffer> {
    Json(state.appointments().public_offer())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaysQuery {
    /// Location id, e.g. `rathaus`.
    #[param(example = "nord")]
    pub location: String,
    /// Concerns and people: `id:count`, comma-separated.
    #[param(
        example = "personalausweis:2",
        pattern = "^[a-z0-9-]{1,40}:[0-9]{1,3}(,[a-z0-9-]{1,40}:[0-9]{1,3}){0,19}$"
    )]
    pub concerns: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimesQuery {
    #[param(example = "nord")]
    pub location: String,
    #[param(
        example = "personalausweis:2",
        pattern = "^[a-z0-9-]{1,40}:[0-9]{1,3}(,[a-z0-9-]{1,40}:[0-9]{1,3}){0,19}$"
    )]
    pub concerns: String,
    /// The day, `YYYY-MM-DD`.
    #[param(value_type = String, format = Date, example = "2026-12-08")]
    pub date: String,
}

fn query<T>(lang: Lang, q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|e| ApiError::bad_request(lang, e.body_text()))
}

fn concern_set(lang: Lang, s: &str) -> Result<Vec<ConcernCount>, ApiError> {
    parse_concerns_query(s).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add(
            "concerns",
            FieldProblem::Appointment(AppointmentProblem::UnknownConcern),
        );
        ApiError::validation(lang, errors)
    })
}

/// Days of the coming weeks with free times for a visit with these concerns at this location.
#[utoipa::path(
    get,
    path = "/api/v1/appointments/days",
    tag = "appointments",
    params(DaysQuery),
    responses(
        (status = 200, description = "Days with the number of free start times; the visit's length", body = FreeDays),
        (status = 400, description = "A parameter is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The town books no appointments", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown location or concern, a count out of range, a concern not handled there, or a visit longer than allowed (`errors.location`, `errors.concerns`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn days(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    q: Result<Query<DaysQuery>, QueryRejection>,
) -> Result<Json<FreeDays>, ApiError> {
    let q = query(lang, q)?;
    let concerns = concern_set(lang, &q.concerns)?;
    state
        .appointments()
        .free_days(&q.location, &concerns, state.clock().today())
        .map(Json)
        .map_err(|e| ApiError::validation(lang, e))
}

/// Free start times of one day (none on a closed or fully booked day).
#[utoipa::path(
    get,
    path = "/api/v1/appointments/times",
    tag = "appointments",
    params(TimesQuery),
    responses(
        (status = 200, description = "Free start times, `HH:MM`", body = FreeTimes),
        (status = 400, description = "A parameter is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The town books no appointments", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "As for the days, or `errors.date` when it is no date", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn times(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    q: Result<Query<TimesQuery>, QueryRejection>,
) -> Result<Json<FreeTimes>, ApiError> {
    let q = query(lang, q)?;
    let concerns = concern_set(lang, &q.concerns)?;
    let date = Date::parse_iso(&q.date).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add(
            "date",
            FieldProblem::Appointment(AppointmentProblem::DateNotOffered),
        );
        ApiError::validation(lang, errors)
    })?;
    state
        .appointments()
        .free_times(&q.location, &concerns, date, state.clock().today())
        .map(Json)
        .map_err(|e| ApiError::validation(lang, e))
}

fn problem(lang: Lang, e: BookingError) -> ApiError {
    match e {
        BookingError::KeyReused => KeyReused.problem(lang),
        BookingError::Invalid(errors) => ApiError::validation(lang, errors),
        BookingError::Taken { times } => ApiError::conflict(
            lang,
            "slot-taken",
            "Diese Uhrzeit ist inzwischen vergeben. Bitte wählen Sie eine andere; Ihre übrigen Angaben bleiben erhalten.",
            "This time has been taken in the meantime. Please choose another one; everything else you entered is kept.",
        )
        .with_times(times),
        BookingError::NotFound => ApiError::not_found(lang).with_detail(
            "Zu diesem Buchungscode und Schlüssel gibt es keinen Termin. Bitte prüfen Sie den Link aus Ihrer Bestätigung.",
            "There is no appointment for this booking code and key. Please check the link from your confirmation.",
        ),
        BookingError::Cancelled => ApiError::conflict(
            lang,
            "booking-cancelled",
            "Dieser Termin wurde abgesagt und kann nicht mehr verschoben werden. Bitte buchen Sie einen neuen.",
            "This appointment was cancelled and cannot be moved. Please book a new one.",
        ),
    }
}

/// Books a visit: no account, only a name and an e-mail address or phone number. The answer
/// holds the booking code and the secret that changes or cancels it. The same
/// `Idempotency-Key` with the same body returns the first booking (200).
#[utoipa::path(
    post,
    path = "/api/v1/appointments/bookings",
    tag = "appointments",
    params(("Idempotency-Key" = String, Header, description = "1–255 visible ASCII characters, one per booking attempt", pattern = "^[!-~]{1,255}$", example = "4f1c2a9e-0b7d-4c55-9a3e-2d8f6b1e7c10")),
    request_body(content = BookingRequest, example = json!({
        "location": "nord",
        "concerns": [{"id": "personalausweis", "count": 2}],
        "date": "2026-12-08", "time": "09:00",
        "name": "Erika Mustermann", "email": "erika@example.org"
    })),
    responses(
        (status = 201, description = "Booked", body = BookingCreated),
        (status = 200, description = "Replay of an earlier request with the same key and body", body = BookingCreated),
        (status = 400, description = "Malformed body or missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The town books no appointments", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The time was taken meanwhile (`/problems/slot-taken`, with the day's free `times`), or the key was reused with another body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Problems per field: `name`, `email`, `phone`, `location`, `concerns`, `date`, `time`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client (`/problems/rate-limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is possible"))),
    )
)]
pub async fn book(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    key: IdempotencyKey,
    ApiJson(req): ApiJson<BookingRequest>,
) -> Result<(StatusCode, Json<BookingCreated>), ApiError> {
    let (created, outcome) = state
        .appointments()
        .book(&key, &req, state.clock().today())
        .map_err(|e| problem(lang, e))?;
    let status = match outcome {
        Outcome::Created => {
            crate::mail::receipts::booking_changed(&state, lang, &created.booking, Booked);
            StatusCode::CREATED
        }
        Outcome::Replayed => StatusCode::OK,
    };
    Ok((status, Json(created)))
}

fn code_and_secret(
    lang: Lang,
    code: Result<Path<String>, PathRejection>,
    headers: &HeaderMap,
) -> Result<(String, String), ApiError> {
    let code = code
        .map(|Path(c)| c)
        .map_err(|_| problem(lang, BookingError::NotFound))?;
    let secret = headers
        .get(SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_request(lang, "The X-Booking-Secret header is required"))?;
    Ok((code, secret))
}

/// A booking, with the code and its secret.
#[utoipa::path(
    get,
    path = "/api/v1/appointments/bookings/{code}",
    tag = "appointments",
    params(
        ("code" = String, Path, description = "8-character booking code; case, spaces and hyphens are ignored"),
        ("X-Booking-Secret" = String, Header, description = "The secret from the booking's answer"),
    ),
    responses(
        (status = 200, description = "The booking (also when cancelled: `status`)", body = Booking),
        (status = 400, description = "The secret header is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown code or wrong secret (one answer for both)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn booking(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    code: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<Booking>, ApiError> {
    let (code, secret) = code_and_secret(lang, code, &headers)?;
    state
        .appointments()
        .get(&code, &secret)
        .map(Json)
        .map_err(|e| problem(lang, e))
}

/// Moves a visit to another day or time at the same location. The old slot is kept until the
/// new one is taken: a refused move changes nothing.
#[utoipa::path(
    put,
    path = "/api/v1/appointments/bookings/{code}",
    tag = "appointments",
    params(
        ("code" = String, Path, description = "8-character booking code"),
        ("X-Booking-Secret" = String, Header, description = "The secret from the booking's answer"),
    ),
    request_body(content = ChangeRequest, example = json!({"date": "2026-12-09", "time": "10:30"})),
    responses(
        (status = 200, description = "Moved", body = Booking),
        (status = 400, description = "Malformed body or missing secret header", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown code or wrong secret", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The time is taken (`/problems/slot-taken`, with `times`) or the booking was cancelled (`/problems/booking-cancelled`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`errors.date` or `errors.time`: not bookable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    code: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ChangeRequest>,
) -> Result<Json<Booking>, ApiError> {
    let (code, secret) = code_and_secret(lang, code, &headers)?;
    state
        .appointments()
        .change(&code, &secret, &req, state.clock().today())
        .inspect(|b| crate::mail::receipts::booking_changed(&state, lang, b, Moved))
        .map(Json)
        .map_err(|e| problem(lang, e))
}

/// Cancels a visit; its slot is free for others at once. Cancelling again answers the same.
#[utoipa::path(
    delete,
    path = "/api/v1/appointments/bookings/{code}",
    tag = "appointments",
    params(
        ("code" = String, Path, description = "8-character booking code"),
        ("X-Booking-Secret" = String, Header, description = "The secret from the booking's answer"),
    ),
    responses(
        (status = 200, description = "Cancelled: the booking with `status` `cancelled`", body = Booking),
        (status = 400, description = "The secret header is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown code or wrong secret", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    code: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<Booking>, ApiError> {
    let (code, secret) = code_and_secret(lang, code, &headers)?;
    state
        .appointments()
        .cancel(&code, &secret)
        .inspect(|b| crate::mail::receipts::booking_changed(&state, lang, b, Cancelled))
        .map(Json)
        .map_err(|e| problem(lang, e))
}
