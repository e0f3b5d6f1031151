//! The notice session: token and expiry in sessionStorage (never localStorage, never the URL),
//! the same shape as the hearing's.

use crate::hearing::session::Session;
use crate::storage;

const KEY: &str = "notice-session";
/// The Kassenzeichen (normalised) this tab signed in to last.
pub const KZ_SLOT: &str = "notice-last-kz";
/// A Kassenzeichen for the sign-in form to show, put there by the checkout's "sign in" link.
pub const SIGN_IN_KZ_SLOT: &str = "notice-sign-in-kz";

pub fn load() -> Option<Session> {
    storage::load::<Session>(KEY).filter(|s| s.seconds_left() > 0)
}

pub fn save(s: &Session) {
    storage::save(KEY, s);
}

/// The Kassenzeichen this tab's notice session is for (normalised), while it lasts.
pub fn signed_in_notice() -> Option<String> {
    load()?;
    storage::load::<String>(KZ_SLOT)
}

pub fn clear() {
    storage::remove(KEY);
    storage::remove(KZ_SLOT);
}
