//! `/zahlen`: open a notice with its Kassenzeichen and access code from the letter (its QR link
//! `/zahlen#kz=…&code=…`, or typed by hand), the shared letter sign-in
//! (components/letter_login.rs).

use super::session;
use crate::components::letter_login::{LetterLogin, LetterLoginPage};
use crate::early;
use crate::hearing::session::Session;
use crate::routes;
use crate::storage;
use domain::notice::NoticeSessionRequest;
use leptos::prelude::*;

#[component]
pub fn NoticeLogin() -> impl IntoView {
    let letter = LetterLogin {
        early: early::NOTICE,
        link_id: "kz",
        fields: ["notice-kassenzeichen", "notice-access_code"],
        texts: |t| {
            [
                t.notice_login_title,
                t.notice_login_intro,
                t.notice_kassenzeichen,
                t.notice_kassenzeichen_hint,
                t.hearing_access_code,
                t.notice_access_code_hint,
            ]
        },
        note: None,
        sign_in: |lang, kassenzeichen, access_code| {
            let req = NoticeSessionRequest {
                kassenzeichen,
                access_code,
            };
            req.validate()?;
            Ok(Box::pin(async move {
                crate::api::notices::login(lang, &req).await
            }))
        },
        signed_in: |kassenzeichen, s| {
            storage::save(
                session::KZ_SLOT,
                &domain::application::normalise_code(kassenzeichen),
            );
            session::save(&Session::new(s.token.clone(), s.expires_in_seconds));
            routes::NOTICE_PAGE.to_string()
        },
        resume: || session::load().map(|_| routes::NOTICE_PAGE.to_string()),
        // The checkout's "sign in for Kassenzeichen …".
        preset_slot: session::SIGN_IN_KZ_SLOT,
    };
    view! { <LetterLoginPage letter=letter/> }
}
