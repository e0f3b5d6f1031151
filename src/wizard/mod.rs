//! The one generic wizard: renders any form definition served by the API, step by step, with
//! the shared domain rules for validation and fees.

pub mod binding;
pub mod check;
pub mod confirmation;
pub mod context;
pub mod errors;
pub mod inputs;
pub mod nav;
pub mod page;
pub mod resume;
pub mod step;
pub mod upload;
