//! Online hearing for administrative offences (Anhörung): login with case number and access
//! code, the case with evidence images, and one response per case. See `seed.rs` for the
//! demo cases and `domain::hearing` for the wire types and validation.

pub mod evidence;
pub mod handlers;
pub mod seed;
pub mod store;

pub use store::{HearingStore, NotPayable, PayableCase, DEFAULT_SESSION_SECS};

/// Inactivity timeout from `HEARING_SESSION_SECS` (e2e tests use a short one), else 20 minutes.
pub fn session_secs_from_env() -> i64 {
    match std::env::var("HEARING_SESSION_SECS") {
        Err(_) => DEFAULT_SESSION_SECS,
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(secs) if secs > 0 => secs,
            _ => {
                eprintln!("warning: HEARING_SESSION_SECS must be a positive number of seconds, got {v:?}; using {DEFAULT_SESSION_SECS}");
                DEFAULT_SESSION_SECS
            }
        },
    }
}

/// Declares the `bearer_auth` security scheme the hearing paths refer to.
pub struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer_auth",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("Session token from `POST /api/v1/hearings/session` or `POST /api/v1/notices/session`"))
                    .build(),
            ),
        );
    }
}
