use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answers keyed by field id. A group's items are answer maps of their own.
pub type Answers = BTreeMap<String, Answer>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddressAnswer {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub house_number: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub town: String,
}

/// An uploaded file: the id the upload endpoint returned, and what to show the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FileAnswer {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "crate::application::whole_int64")]
    pub size: u64,
}

/// One answer. Untagged on the wire: a string, a list of strings, a list of group items, an
/// address object, or a file object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Many(Vec<String>),
    Group(Vec<BTreeMap<String, Answer>>),
    Address(AddressAnswer),
    File(FileAnswer),
}

/// Written by hand: the derive makes a `oneOf`, which `[]` (an empty list and an empty group at
/// once) breaks, and leaves the recursive `Answer` out of the components.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Answer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, AnyOfBuilder, ArrayBuilder, ObjectBuilder, Ref, Type};
        let string = || ObjectBuilder::new().schema_type(Type::String);
        let item = ObjectBuilder::new()
            .schema_type(Type::Object)
            .additional_properties(Some(AdditionalProperties::RefOr(Ref::from_schema_name("Answer").into())));
        AnyOfBuilder::new()
            .item(string())
            .item(ArrayBuilder::new().items(string()))
            .item(ArrayBuilder::new().items(item))
            .item(Ref::from_schema_name("AddressAnswer"))
            .item(Ref::from_schema_name("FileAnswer"))
            .description(Some(
                "One answer, untagged: a string, a list of strings, a list of group items (answer \
                 maps of their own), an address object, or a file object.",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Answer {
    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        use utoipa::PartialSchema;
        schemas.push(("AddressAnswer".into(), AddressAnswer::schema()));
        schemas.push(("FileAnswer".into(), FileAnswer::schema()));
    }
}

impl Answer {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Empty answers count as not given (an emptied text field, no box ticked).
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Text(t) => t.trim().is_empty(),
            Answer::Many(v) => v.is_empty(),
            Answer::Group(v) => v.is_empty(),
            Answer::Address(a) => {
                [&a.street, &a.house_number, &a.postal_code, &a.town].iter().all(|s| s.trim().is_empty())
            }
            Answer::File(f) => f.id.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_json_round_trips_each_shape() {
        let json = r#"{"a":"x","b":["1","2"],"c":[{"n":"Bello"}],"d":{"street":"Hauptstr.","house_number":"1","postal_code":"12345","town":"M"},"e":{"id":"u1","name":"f.pdf","size":3}}"#;
        let answers: Answers = serde_json::from_str(json).unwrap();
        assert!(matches!(answers["a"], Answer::Text(_)));
        assert!(matches!(answers["b"], Answer::Many(_)));
        assert!(matches!(answers["c"], Answer::Group(_)));
        assert!(matches!(answers["d"], Answer::Address(_)));
        assert!(matches!(answers["e"], Answer::File(_)));
        assert_eq!(serde_json::to_string(&answers).unwrap(), json);
    }

    #[test]
    fn empty_array_is_a_list() {
        let a: Answer = serde_json::from_str("[]").unwrap();
        assert!(a.is_blank());
    }
}
