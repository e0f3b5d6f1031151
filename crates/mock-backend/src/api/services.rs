use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use domain::catalogue::ServiceSummary;

/// The catalogue entry of the appointment booking: found by the names of its concerns.
pub fn appointment_entry(offer: &domain::appointment::AppointmentOffer) -> ServiceSummary {
    let public: Vec<_> = offer.concerns.iter().filter(|c| c.public).collect();
    let names = |lang: domain::i18n::Lang| {
        public
            .iter()
            .map(|c| c.name.get(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cheapest = public.iter().map(|c| c.fee).filter(|f| f.0 > 0).min();
    ServiceSummary {
        id: domain::appointment::CATALOGUE_ID.into(),
        name: offer.title.clone(),
        summary: domain::i18n::Text {
            de: format!(
                "Für Anliegen vor Ort, ohne Konto: {}.",
                names(domain::i18n::Lang::De)
            ),
            en: format!(
                "For things done in person, no account needed: {}.",
                names(domain::i18n::Lang::En)
            ),
        },
        category: domain::catalogue::Category::ResidenceAndDocuments,
        fee: match cheapest {
            Some(amount) => domain::catalogue::FeeSummary::From { amount },
            None => domain::catalogue::FeeSummary::Free,
        },
        link: None,
        keywords: Vec::new(),
    }
}

/// The town's online services (the catalogue on the start page).
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "services",
    responses((status = 200, description = "All online services", body = Vec<ServiceSummary>))
)]
pub async fn list(State(state): State<AppState>) -> Json<Vec<ServiceSummary>> {
    let mut list = state.services().to_vec();
    if let Some(offer) = &state.town().appointments {
        list.push(appointment_entry(offer));
    }
    Json(list)
}
