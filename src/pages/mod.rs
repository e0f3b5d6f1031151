//! Pages reached through the route table.

pub mod accessibility;
pub mod catalogue;
pub mod girocode_generator;
pub mod not_found;
pub mod service_start;
pub mod static_pages;
