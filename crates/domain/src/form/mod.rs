//! Forms are data: a service's wizard (steps, fields, conditions, validation, fees) is a
//! definition served by the API and rendered by one generic wizard. The same code validates
//! and prices in the browser (comfort) and in the backend (truth).

mod answers;
mod condition;
mod definition;
mod example;
mod fee;
mod journey;
mod rules;
mod validate;

pub mod prefill;
pub use crate::validation::FormProblem;
pub use answers::{AddressAnswer, Answer, Answers, FileAnswer};
pub use condition::Condition;
pub use definition::{Choice, DateRule, Field, FieldKind, FormDefinition, SignIn, Step};
pub use example::{date_example, years_ago};
pub use fee::{FeeBreakdown, FeeLine, FeeRule, ItemRate, OptionPrice};
pub use journey::{Journey, Landing, CHECK_PAGE};
pub use rules::{is_german_postal_code, is_vehicle_registration, normalise_vehicle_registration};
pub use validate::{date_meets_rules, validate_all, validate_step, visible_answers};
