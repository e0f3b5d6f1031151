//! Rules shared by the portal app (wasm) and the mock backend: one rule set, compiled twice.
//! No web dependency lives here.

pub mod account;
pub mod application;
pub mod appointment;
pub mod case_status;
pub mod catalogue;
pub mod date;
pub mod feedback;
pub mod form;
pub mod hearing;
pub mod i18n;
pub mod inbox;
pub mod money;
pub mod notice;
pub mod payment;
pub mod search;
pub mod town;
pub mod upload;
pub mod validation;
mod wire;
