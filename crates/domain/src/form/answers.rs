use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
    #[serde(deserialize_with = "crate::wire::whole_int64")]
    pub size: u64,
}

/// One answer. Untagged on the wire: a string, a list of strings, a list of group items, an
/// address object, or a file object. Read by hand (below): serde's untagged derive buffers
/// every value and tries each variant in turn (see `crate::wire`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Many(Vec<String>),
    Group(Vec<BTreeMap<String, Answer>>),
    Address(AddressAnswer),
    File(FileAnswer),
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a list of strings, a list of group items, an address or a file")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
        Ok(Answer::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Answer, E> {
        Ok(Answer::Text(v))
    }
    /// `[]` is an empty list of strings, as the first variant that fits.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        let (mut texts, mut items) = (Vec::new(), Vec::new());
        while let Some(element) = seq.next_element::<ListElement>()? {
            match element {
                ListElement::Text(t) if items.is_empty() => texts.push(t),
                ListElement::Item(m) if texts.is_empty() => items.push(m),
                _ => {
                    return Err(de::Error::custom(
                        "a list holds either strings or group items, not both",
                    ))
                }
            }
        }
        Ok(if items.is_empty() {
            Answer::Many(texts)
        } else {
            Answer::Group(items)
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
        AnswerObject::deserialize(de::value::MapAccessDeserializer::new(map))?
            .into_answer()
            .map_err(de::Error::custom)
    }
}

/// An element of a list answer: a chosen option, or a group item.
enum ListElement {
    Text(String),
    Item(Answers),
}

impl<'de> Deserialize<'de> for ListElement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListElement;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a group item")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListElement, E> {
                Ok(ListElement::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<ListElement, E> {
                Ok(ListElement::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListElement, A::Error> {
                Answers::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(ListElement::Item)
            }
        }
        d.deserialize_any(V)
    }
}

/// An object answer: the keys of an address and of a file, never mixed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerObject {
    #[serde(default, deserialize_with = "crate::wire::present")]
    street: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    house_number: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    postal_code: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    town: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    id: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::present")]
    name: Option<String>,
    #[serde(default, deserialize_with = "whole_size")]
    size: Option<u64>,
}

fn whole_size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    crate::wire::whole_int64(d).map(Some)
}

impl AnswerObject {
    fn into_answer(self) -> Result<Answer, &'static str> {
        let AnswerObject {
            street,
            house_number,
            postal_code,
            town,
            id,
            name,
            size,
        } = self;
        let is_file = id.is_some() || name.is_some() || size.is_some();
        let is_address =
            street.is_some() || house_number.is_some() || postal_code.is_some() || town.is_some();
        match (is_file, is_address, id, name, size) {
            (false, ..) => Ok(Answer::Address(AddressAnswer {
                street: street.unwrap_or_default(),
                house_number: house_number.unwrap_or_default(),
                postal_code: postal_code.unwrap_or_default(),
                town: town.unwrap_or_default(),
            })),
            (true, false, Some(id), Some(name), Some(size)) => {
                Ok(Answer::File(FileAnswer { id, name, size }))
            }
            (true, true, ..) => Err("an object answer is either an address or a file, not both"),
            _ => Err("a file answer needs `id`, `name` and `size`"),
        }
    }
}

/// Written by hand: the derive makes a `oneOf`, which `[]` (an empty list and an empty group at
/// once) breaks, and leaves the recursive `Answer` out of the components.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Answer {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{
            AdditionalProperties, AnyOfBuilder, ArrayBuilder, ObjectBuilder, Ref, Type,
        };
        let string = || ObjectBuilder::new().schema_type(Type::String);
        let item = ObjectBuilder::new()
            .schema_type(Type::Object)
            .additional_properties(Some(AdditionalProperties::RefOr(
                Ref::from_schema_name("Answer").into(),
            )));
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
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
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
            Answer::Address(a) => [&a.street, &a.house_number, &a.postal_code, &a.town]
                .iter()
                .all(|s| s.trim().is_empty()),
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
    fn malformed_shapes_are_refused() {
        for bad in [
            r#"["a",{"n":"x"}]"#,
            r#"[{"n":"x"},"a"]"#,
            r#"{"street":"A","id":"u1","name":"f.pdf","size":3}"#,
            r#"{"id":"u1","name":"f.pdf"}"#,
            r#"{"id":"u1","name":"f.pdf","size":-3}"#,
            r#"{"colour":"red"}"#,
            r#"{"street":"A","town":null}"#,
            r#"{"id":null,"name":"f.pdf","size":3}"#,
            "3",
            "true",
            "null",
            "[3]",
        ] {
            assert!(serde_json::from_str::<Answer>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn objects_read_as_before() {
        let a: Answer = serde_json::from_str("{}").unwrap();
        assert_eq!(
            a,
            Answer::Address(AddressAnswer {
                street: String::new(),
                house_number: String::new(),
                postal_code: String::new(),
                town: String::new()
            })
        );
        let f: Answer = serde_json::from_str(r#"{"id":"u1","name":"f.pdf","size":3.0}"#).unwrap();
        assert_eq!(
            f,
            Answer::File(FileAnswer {
                id: "u1".into(),
                name: "f.pdf".into(),
                size: 3
            })
        );
        let g: Answer =
            serde_json::from_str(r#"[{"hund":{"id":"u","name":"n","size":1},"rasse":["a"]}]"#)
                .unwrap();
        assert!(
            matches!(g, Answer::Group(ref items) if matches!(items[0]["hund"], Answer::File(_)) && matches!(items[0]["rasse"], Answer::Many(_)))
        );
    }

    #[test]
    fn empty_array_is_a_list() {
        let a: Answer = serde_json::from_str("[]").unwrap();
        assert!(a.is_blank());
    }
}
