use super::condition::Condition;
use super::fee::FeeRule;
use crate::date::Date;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefinition {
    /// The service id, e.g. `hundeanmeldung`.
    pub id: String,
    /// Bumped when the form changes; stored answers of another version are discarded.
    pub version: u32,
    pub title: Text,
    pub intro: Text,
    /// What happens after sending (shown on the confirmation page).
    pub next_steps: Text,
    pub steps: Vec<Step>,
    pub fee: FeeRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    /// URL segment, e.g. `halter`.
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub value: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DateRule {
    /// Today or earlier.
    InPast,
    /// Later than today.
    InFuture,
    NotBefore { date: Date },
    /// At most this many days from today (e.g. a nursery start date within a year).
    WithinDays { days: u32 },
    /// The person born on this date is at least this old today.
    AgeAtLeast { years: u8 },
}

/// What kind of input a field is, with its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// `autocomplete` is the HTML token (`given-name`, `family-name`, ...).
    ShortText {
        max_len: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        autocomplete: Option<String>,
    },
    LongText { max_len: u32 },
    /// Only digits, e.g. a 15-digit transponder chip or a meter number.
    Digits { min_len: u32, max_len: u32 },
    WholeNumber { min: i64, max: i64 },
    Date { rules: Vec<DateRule> },
    Email,
    Phone,
    PostalCode,
    Iban,
    VehicleRegistration,
    YesNo,
    /// Radios up to 6 options, a select above.
    OneOf { options: Vec<Choice> },
    ManyOf {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Street, house number, postal code, town.
    Address,
    /// A count of things, e.g. copies or tickets.
    Quantity { min: u32, max: u32 },
    /// A slot from `GET /api/v1/services/{id}/slots`.
    AppointmentSlot,
    /// An upload id from `POST /api/v1/uploads`.
    FileUpload,
    /// Repeatable group, e.g. several dogs or several certificates.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Group { fields: Vec<Field>, min_items: u32, max_items: u32, item_label: Text },
}

impl FormDefinition {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Every field at the top level of a step, with the step it belongs to.
    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps.iter().flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }
}

impl FieldKind {
    /// Radios for short option lists; a select beyond six.
    pub fn uses_select(&self) -> bool {
        matches!(self, FieldKind::OneOf { options } if options.len() > 6)
    }
}
