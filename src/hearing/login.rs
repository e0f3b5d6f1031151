//! `/anhoerung`: sign in with the case number and access code from the letter (its QR link or
//! typed by hand), the shared letter sign-in (components/letter_login.rs).

use super::session::{self, Session};
use crate::components::letter_login::{LetterLogin, LetterLoginPage};
use crate::early;
use crate::routes;
use crate::storage;
use domain::hearing::{HearingSession, SessionRequest};
use leptos::prelude::*;

fn signed_in(case_number: &str, s: &HearingSession) -> String {
    let case = domain::application::normalise_code(case_number);
    // Another case in this tab: what was typed for the previous one must not carry over.
    if storage::load::<String>(session::CASE_SLOT).is_some_and(|c| c != case) {
        session::clear_all();
        storage::remove(super::RECEIPT_SLOT);
    }
    storage::save(session::CASE_SLOT, &case);
    session::save(&Session::new(s.token.clone(), s.expires_in_seconds));
    let back = storage::load::<String>(super::RETURN_SLOT)
        .unwrap_or_else(|| routes::hearing_step(routes::HEARING_CASE));
    storage::remove(super::RETURN_SLOT);
    back
}

#[component]
pub fn HearingLogin() -> impl IntoView {
    // Sent back here because the session ran out: the answers typed so far are kept.
    let expired = storage::load::<String>(super::RETURN_SLOT).is_some();
    let letter = LetterLogin {
        early: early::HEARING,
        link_id: "az",
        fields: ["hearing-case_number", "hearing-access_code"],
        texts: |t| {
            [
                t.hearing_login_title,
                t.hearing_login_intro,
                t.hearing_case_number,
                t.hearing_case_number_hint,
                t.hearing_access_code,
                t.hearing_access_code_hint,
            ]
        },
        note: expired.then_some(|t| t.hearing_expired_kept),
        sign_in: |lang, case_number, access_code| {
            let req = SessionRequest {
                case_number,
                access_code,
            };
            req.validate()?;
            Ok(Box::pin(async move {
                crate::api::hearings::login(lang, &req).await
            }))
        },
        signed_in,
        resume: || {
            (session::load().is_some() && storage::load::<String>(super::RETURN_SLOT).is_none())
                .then(|| routes::hearing_step(routes::HEARING_CASE))
        },
        // The checkout's "sign in to case …": the case number is known, the code is on the letter.
        preset_slot: session::SIGN_IN_CASE_SLOT,
    };
    view! { <LetterLoginPage letter=letter/> }
}
