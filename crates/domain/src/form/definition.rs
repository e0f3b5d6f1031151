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
    /// Whether the service uses the citizen account: `none` (default), `optional` (offered,
    /// fields prefilled) or `required` (sign in before the first step).
    #[serde(default, skip_serializing_if = "SignIn::is_none")]
    pub sign_in: SignIn,
    /// The lowest trust level a `required` sign-in must have (default: any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_trust_level: Option<crate::account::TrustLevel>,
}

/// What a service needs of the citizen account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignIn {
    #[default]
    None,
    Optional,
    Required,
}

impl SignIn {
    pub fn is_none(&self) -> bool {
        *self == SignIn::None
    }
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
    /// The account attribute that fills this field for signed-in citizens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<crate::account::AccountAttribute>,
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
#[serde(tag = "rule", rename_all = "snake_case", try_from = "DateRuleWire")]
pub enum DateRule {
    /// Today or earlier.
    InPast,
    /// Later than today.
    InFuture,
    NotBefore {
        date: Date,
    },
    /// At most this many days from today (e.g. a nursery start date within a year).
    WithinDays {
        days: u32,
    },
    /// The person born on this date is at least this old today.
    AgeAtLeast {
        years: u8,
    },
}

/// What kind of input a field is, with its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", try_from = "FieldKindWire")]
pub enum FieldKind {
    /// `autocomplete` is the HTML token (`given-name`, `family-name`, ...).
    ShortText {
        max_len: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        autocomplete: Option<String>,
    },
    LongText {
        max_len: u32,
    },
    /// Only digits, e.g. a 15-digit transponder chip or a meter number.
    Digits {
        min_len: u32,
        max_len: u32,
    },
    WholeNumber {
        min: i64,
        max: i64,
    },
    Date {
        rules: Vec<DateRule>,
        /// The example the field's hint shows, where the rules alone do not say what is
        /// plausible (a child's birth date a few years ago, an adult's decades ago). Without
        /// it the client derives one from the rules (`domain::form::date_example`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        example: Option<Date>,
    },
    Email,
    Phone,
    PostalCode,
    Iban,
    VehicleRegistration,
    YesNo,
    /// Radios up to 6 options, a select above.
    OneOf {
        options: Vec<Choice>,
    },
    ManyOf {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Street, house number, postal code, town.
    Address,
    /// A count of things, e.g. copies or tickets.
    Quantity {
        min: u32,
        max: u32,
    },
    /// A slot from `GET /api/v1/services/{id}/slots`.
    AppointmentSlot,
    /// An upload id from `POST /api/v1/uploads`.
    FileUpload,
    /// Repeatable group, e.g. several dogs or several certificates.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    Group {
        fields: Vec<Field>,
        min_items: u32,
        max_items: u32,
        item_label: Text,
    },
}

/// How [`DateRule`] is read (see `crate::wire`).
#[derive(Deserialize)]
struct DateRuleWire {
    rule: DateRuleTag,
    date: Option<Date>,
    days: Option<u32>,
    years: Option<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DateRuleTag {
    InPast,
    InFuture,
    NotBefore,
    WithinDays,
    AgeAtLeast,
}

impl TryFrom<DateRuleWire> for DateRule {
    type Error = String;
    fn try_from(w: DateRuleWire) -> Result<Self, String> {
        use crate::wire::need;
        Ok(match w.rule {
            DateRuleTag::InPast => DateRule::InPast,
            DateRuleTag::InFuture => DateRule::InFuture,
            DateRuleTag::NotBefore => DateRule::NotBefore {
                date: need(w.date, "date", "not_before")?,
            },
            DateRuleTag::WithinDays => DateRule::WithinDays {
                days: need(w.days, "days", "within_days")?,
            },
            DateRuleTag::AgeAtLeast => DateRule::AgeAtLeast {
                years: need(w.years, "years", "age_at_least")?,
            },
        })
    }
}

/// How [`FieldKind`] is read (see `crate::wire`). `min` and `max` are whole numbers for
/// `whole_number` and counts for `quantity` and `many_of`.
#[derive(Deserialize)]
struct FieldKindWire {
    #[serde(rename = "type")]
    kind: FieldKindTag,
    max_len: Option<u32>,
    min_len: Option<u32>,
    autocomplete: Option<String>,
    min: Option<i64>,
    max: Option<i64>,
    rules: Option<Vec<DateRule>>,
    example: Option<Date>,
    options: Option<Vec<Choice>>,
    fields: Option<Vec<Field>>,
    min_items: Option<u32>,
    max_items: Option<u32>,
    item_label: Option<Text>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FieldKindTag {
    ShortText,
    LongText,
    Digits,
    WholeNumber,
    Date,
    Email,
    Phone,
    PostalCode,
    Iban,
    VehicleRegistration,
    YesNo,
    OneOf,
    ManyOf,
    Address,
    Quantity,
    AppointmentSlot,
    FileUpload,
    Group,
}

/// A count (`min`/`max` of a quantity or a many-of): a whole number that fits `u32`.
fn count(value: i64, field: &'static str) -> Result<u32, String> {
    u32::try_from(value).map_err(|_| format!("`{field}` must be between 0 and {}", u32::MAX))
}

impl TryFrom<FieldKindWire> for FieldKind {
    type Error = String;
    fn try_from(w: FieldKindWire) -> Result<Self, String> {
        use crate::wire::need;
        Ok(match w.kind {
            FieldKindTag::ShortText => FieldKind::ShortText {
                max_len: need(w.max_len, "max_len", "short_text")?,
                autocomplete: w.autocomplete,
            },
            FieldKindTag::LongText => FieldKind::LongText {
                max_len: need(w.max_len, "max_len", "long_text")?,
            },
            FieldKindTag::Digits => FieldKind::Digits {
                min_len: need(w.min_len, "min_len", "digits")?,
                max_len: need(w.max_len, "max_len", "digits")?,
            },
            FieldKindTag::WholeNumber => FieldKind::WholeNumber {
                min: need(w.min, "min", "whole_number")?,
                max: need(w.max, "max", "whole_number")?,
            },
            FieldKindTag::Date => FieldKind::Date {
                rules: need(w.rules, "rules", "date")?,
                example: w.example,
            },
            FieldKindTag::Email => FieldKind::Email,
            FieldKindTag::Phone => FieldKind::Phone,
            FieldKindTag::PostalCode => FieldKind::PostalCode,
            FieldKindTag::Iban => FieldKind::Iban,
            FieldKindTag::VehicleRegistration => FieldKind::VehicleRegistration,
            FieldKindTag::YesNo => FieldKind::YesNo,
            FieldKindTag::OneOf => FieldKind::OneOf {
                options: need(w.options, "options", "one_of")?,
            },
            FieldKindTag::ManyOf => FieldKind::ManyOf {
                options: need(w.options, "options", "many_of")?,
                max: w.max.map(|m| count(m, "max")).transpose()?,
            },
            FieldKindTag::Address => FieldKind::Address,
            FieldKindTag::Quantity => FieldKind::Quantity {
                min: count(need(w.min, "min", "quantity")?, "min")?,
                max: count(need(w.max, "max", "quantity")?, "max")?,
            },
            FieldKindTag::AppointmentSlot => FieldKind::AppointmentSlot,
            FieldKindTag::FileUpload => FieldKind::FileUpload,
            FieldKindTag::Group => FieldKind::Group {
                fields: need(w.fields, "fields", "group")?,
                min_items: need(w.min_items, "min_items", "group")?,
                max_items: need(w.max_items, "max_items", "group")?,
                item_label: need(w.item_label, "item_label", "group")?,
            },
        })
    }
}

impl FormDefinition {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Every field at the top level of a step, with the step it belongs to.
    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// The step that asks for the field at `path`: an error key such as `address.street` or
    /// `dogs.1.name` belongs to the step of its top-level field (`address`, `dogs`).
    pub fn step_of_field(&self, path: &str) -> Option<&Step> {
        let top = path.split('.').next().unwrap_or(path);
        self.fields().find(|(_, f)| f.id == top).map(|(s, _)| s)
    }
}

impl FieldKind {
    /// Radios for short option lists; a select beyond six.
    pub fn uses_select(&self) -> bool {
        matches!(self, FieldKind::OneOf { options } if options.len() > 6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(id: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            kind,
            label: Text::new(id, id),
            hint: None,
            required: true,
            condition: None,
            prefill: None,
        }
    }

    fn step(id: &str, fields: Vec<Field>) -> Step {
        Step {
            id: id.into(),
            title: Text::new(id, id),
            intro: None,
            fields,
            condition: None,
        }
    }

    fn form() -> FormDefinition {
        let name = field(
            "name",
            FieldKind::ShortText {
                max_len: 50,
                autocomplete: None,
            },
        );
        let dogs = field(
            "dogs",
            FieldKind::Group {
                fields: vec![name.clone()],
                min_items: 1,
                max_items: 3,
                item_label: Text::new("Hund", "Dog"),
            },
        );
        FormDefinition {
            id: "t".into(),
            version: 1,
            title: Text::new("T", "T"),
            intro: Text::new("", ""),
            next_steps: Text::new("", ""),
            steps: vec![
                step("halter", vec![name, field("address", FieldKind::Address)]),
                step("hunde", vec![dogs, field("email", FieldKind::Email)]),
            ],
            fee: FeeRule::Free,
            sign_in: Default::default(),
            min_trust_level: None,
        }
    }

    #[test]
    fn a_field_path_belongs_to_the_step_of_its_top_level_field() {
        let f = form();
        let step_of = |path: &str| f.step_of_field(path).map(|s| s.id.as_str());
        assert_eq!(step_of("name"), Some("halter"));
        assert_eq!(step_of("address"), Some("halter"));
        assert_eq!(step_of("address.postal_code"), Some("halter"));
        assert_eq!(step_of("email"), Some("hunde"));
        assert_eq!(
            step_of("dogs.1.name"),
            Some("hunde"),
            "a group item's field"
        );
        assert_eq!(step_of("dogs"), Some("hunde"));
        assert_eq!(step_of("items"), None, "a field no step asks for");
        assert_eq!(step_of(""), None);
        assert_eq!(step_of(".name"), None);
    }
}
