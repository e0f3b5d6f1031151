//! Notices (Bescheide) with an amount: a citizen opens one with the Kassenzeichen and access
//! code from the letter (the hearing's sign-in rules, `crate::access`), sees its instalments,
//! charges and what was paid, and pays chosen instalments through the checkout
//! (`{kind: "notice", kassenzeichen, items}`). See `seed.rs` for the demo notices and
//! `domain::notice` for the rules.

pub mod handlers;
pub mod seed;
pub mod store;

pub use store::{NotPayable, NoticeStore};

/// The store of `town`'s demo notices for a backend started at `now` (Unix seconds).
pub fn seeded(town: &crate::town::Town, now: i64, session_secs: i64) -> NoticeStore {
    let today = domain::date::Date::from_unix_seconds(now);
    NoticeStore::new(
        seed::records(&town.demo.notices, today),
        session_secs,
        town.demo.notice_rules,
        town.treasury(),
    )
}
