use super::{request, request_with_headers, ApiError, Method};
use crate::i18n::Lang;
use domain::payment::{Payment, PaymentMethod, PaymentRequest};

pub async fn methods(lang: Lang) -> Result<Vec<PaymentMethod>, ApiError> {
    request::<(), _>(Method::Get, "/api/v1/payment-methods", lang, None).await
}

/// `hearing_token`: the hearing session, needed for a hearing case among the items.
pub async fn create(
    lang: Lang,
    body: &PaymentRequest,
    idempotency_key: &str,
    hearing_token: Option<&str>,
) -> Result<Payment, ApiError> {
    let bearer = hearing_token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Idempotency-Key", idempotency_key)];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b.as_str()));
    }
    request_with_headers(Method::Post, "/api/v1/payments", lang, Some(body), &headers).await
}

pub async fn get(lang: Lang, id: &str) -> Result<Payment, ApiError> {
    request::<(), _>(
        Method::Get,
        &format!(
            "/api/v1/payments/{}",
            String::from(js_sys::encode_uri_component(id))
        ),
        lang,
        None,
    )
    .await
}
