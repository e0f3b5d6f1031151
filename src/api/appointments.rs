//! `/api/v1/appointments`: the offer, free days and times, bookings. The booking's secret goes
//! in the `X-Booking-Secret` header, never into a URL.

use super::{request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::appointment::{
    concerns_query, AppointmentOffer, Booking, BookingCreated, BookingRequest, ChangeRequest,
    ConcernCount, FreeDays, FreeTimes,
};
use domain::date::Date;

pub async fn offer(lang: Lang) -> Result<AppointmentOffer, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/appointments", lang, None).await
}

fn query(location: &str, concerns: &[ConcernCount]) -> String {
    format!(
        "location={}&concerns={}",
        encode(location),
        encode(&concerns_query(concerns))
    )
}

pub async fn days(
    lang: Lang,
    location: &str,
    concerns: &[ConcernCount],
) -> Result<FreeDays, ApiError> {
    let path = format!("/api/v1/appointments/days?{}", query(location, concerns));
    request::<(), _>(Method::Get, &path, lang, None).await
}

pub async fn times(
    lang: Lang,
    location: &str,
    concerns: &[ConcernCount],
    date: Date,
) -> Result<FreeTimes, ApiError> {
    let path = format!(
        "/api/v1/appointments/times?{}&date={}",
        query(location, concerns),
        date.iso()
    );
    request::<(), _>(Method::Get, &path, lang, None).await
}

pub async fn book(
    lang: Lang,
    body: &BookingRequest,
    idempotency_key: &str,
) -> Result<BookingCreated, ApiError> {
    request_with_headers(
        Method::Post,
        "/api/v1/appointments/bookings",
        lang,
        Some(body),
        &[("Idempotency-Key", idempotency_key)],
    )
    .await
}

fn booking_path(code: &str) -> String {
    format!("/api/v1/appointments/bookings/{}", encode(code))
}

pub async fn get(lang: Lang, code: &str, secret: &str) -> Result<Booking, ApiError> {
    request_with_headers::<(), _>(
        Method::Get,
        &booking_path(code),
        lang,
        None,
        &[("X-Booking-Secret", secret)],
    )
    .await
}

pub async fn change(
    lang: Lang,
    code: &str,
    secret: &str,
    body: &ChangeRequest,
) -> Result<Booking, ApiError> {
    request_with_headers(
        Method::Put,
        &booking_path(code),
        lang,
        Some(body),
        &[("X-Booking-Secret", secret)],
    )
    .await
}

pub async fn cancel(lang: Lang, code: &str, secret: &str) -> Result<Booking, ApiError> {
    request_with_headers::<(), _>(
        Method::Delete,
        &booking_path(code),
        lang,
        None,
        &[("X-Booking-Secret", secret)],
    )
    .await
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}
