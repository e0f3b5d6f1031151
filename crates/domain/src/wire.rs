//! Reading the tagged and untagged enums of the wire format without serde's buffering.
//!
//! serde's derive reads an internally tagged (`#[serde(tag = "…")]`) or untagged enum by first
//! buffering the whole object in its private `Content` type, and instantiates every variant's
//! deserializer a second time for that buffer; through `FieldKind::Group` that is the whole form
//! model again. In the app's wasm this was the largest single item of serde's code. Each such enum
//! is therefore read through a flat "wire" struct — its tag and every variant's fields, all
//! optional — and checked per tag in a `TryFrom`. The JSON is unchanged, and serialization stays
//! derived. Whole numbers are read here too, in either JSON spelling.

/// For a wire field whose enum field has a default: it may be missing, but not `null` (as
/// with the derive, where the field is a plain `String` or `Vec`).
pub(crate) fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A field the tag needs.
pub(crate) fn need<T>(value: Option<T>, field: &'static str, tag: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}` for `{tag}`"))
}

/// A whole number in either JSON spelling, at most `max`: JSON Schema's `integer` (what the API
/// description promises) admits `3.0`, which serde's integer types refuse; and the description's
/// `format` (int32 for u32, int64 for u64, as utoipa maps them) sets the upper bound.
fn whole_number<'de, D: serde::Deserializer<'de>>(d: D, max: u64) -> Result<u64, D::Error> {
    struct Whole(u64);
    impl serde::de::Visitor<'_> for Whole {
        type Value = u64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a whole number from 0 to {}", self.0)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            if v <= self.0 {
                Ok(v)
            } else {
                Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            match u64::try_from(v) {
                Ok(v) => self.visit_u64(v),
                Err(_) => Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self)),
            }
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u64, E> {
            // Every bound used is below 2^63, where whole f64 values convert without loss.
            if v.fract() == 0.0 && v >= 0.0 && v <= self.0 as f64 && (v as u64) <= self.0 {
                Ok(v as u64)
            } else {
                Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
        }
    }
    // `deserialize_any`: inside an untagged enum (FileAnswer in Answer) serde buffers the value and
    // only `any` reaches `visit_f64`.
    d.deserialize_any(Whole(max))
}

/// A u32 field described as `integer`, `format: int32`, `minimum: 0`.
pub(crate) fn whole_int32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole_number(d, i32::MAX as u64).map(|n| n as u32)
}

/// A u64 field described as `integer`, `format: int64`, `minimum: 0`.
pub(crate) fn whole_int64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole_number(d, i64::MAX as u64)
}

#[cfg(test)]
mod tests {
    use crate::catalogue::FeeSummary;
    use crate::date::Date;
    use crate::form::{
        Choice, Condition, DateRule, FeeRule, Field, FieldKind, ItemRate, OptionPrice,
    };
    use crate::hearing::HearingChoice;
    use crate::i18n::Text;
    use crate::money::Cents;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use std::fmt::Debug;

    /// What serde's derive writes is read back as the same value.
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(values: &[T]) {
        for v in values {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
        }
    }

    fn t() -> Text {
        Text::new("de", "en")
    }

    #[test]
    fn every_variant_round_trips() {
        round_trip(&[
            FeeSummary::Free,
            FeeSummary::Fixed { amount: Cents(1) },
            FeeSummary::From { amount: Cents(2) },
            FeeSummary::PerYear { amount: Cents(3) },
            FeeSummary::AsNotified,
        ]);
        let c = |f: &str| Condition::Equals {
            field: f.into(),
            value: "v".into(),
        };
        round_trip(&[
            c("a"),
            Condition::NotEquals {
                field: "a".into(),
                value: "b".into(),
            },
            Condition::OneOf {
                field: "a".into(),
                values: vec!["x".into(), "y".into()],
            },
            Condition::Answered { field: "a".into() },
            Condition::All {
                conditions: vec![
                    c("a"),
                    Condition::Any {
                        conditions: vec![c("b")],
                    },
                ],
            },
        ]);
        round_trip(&[
            DateRule::InPast,
            DateRule::InFuture,
            DateRule::NotBefore {
                date: Date::new(2026, 11, 21).unwrap(),
            },
            DateRule::WithinDays { days: 365 },
            DateRule::AgeAtLeast { years: 18 },
        ]);
        let choice = Choice {
            value: "v".into(),
            label: t(),
            hint: None,
        };
        let inner = Field {
            id: "n".into(),
            kind: FieldKind::Email,
            label: t(),
            hint: Some(t()),
            required: true,
            condition: Some(c("x")),
            prefill: None,
        };
        round_trip(&[
            FieldKind::ShortText {
                max_len: 70,
                autocomplete: Some("given-name".into()),
            },
            FieldKind::ShortText {
                max_len: 70,
                autocomplete: None,
            },
            FieldKind::LongText { max_len: 2000 },
            FieldKind::Digits {
                min_len: 15,
                max_len: 15,
            },
            FieldKind::WholeNumber {
                min: -5,
                max: i64::MAX,
            },
            FieldKind::Date {
                rules: vec![DateRule::InPast, DateRule::AgeAtLeast { years: 18 }],
                example: None,
            },
            FieldKind::Email,
            FieldKind::Phone,
            FieldKind::PostalCode,
            FieldKind::Iban,
            FieldKind::VehicleRegistration,
            FieldKind::YesNo,
            FieldKind::OneOf {
                options: vec![choice.clone()],
            },
            FieldKind::ManyOf {
                options: vec![choice.clone()],
                max: Some(2),
            },
            FieldKind::ManyOf {
                options: vec![choice],
                max: None,
            },
            FieldKind::Address,
            FieldKind::Quantity { min: 1, max: 10 },
            FieldKind::AppointmentSlot,
            FieldKind::FileUpload,
            FieldKind::Group {
                fields: vec![inner],
                min_items: 1,
                max_items: 5,
                item_label: t(),
            },
        ]);
        round_trip(&[
            FeeRule::Free,
            FeeRule::Fixed {
                amount: Cents(1250),
                label: t(),
            },
            FeeRule::PerUnit {
                quantity_field: "q".into(),
                group: Some("g".into()),
                first: Cents(12),
                further: Cents(6),
                label: t(),
            },
            FeeRule::PerItem {
                group: "dogs".into(),
                rates: vec![Cents(1), Cents(2)],
                special: Some(ItemRate {
                    field: "f".into(),
                    value: "v".into(),
                    amount: Cents(9),
                    label: t(),
                }),
                label: t(),
            },
            FeeRule::PerUnitByOption {
                quantity_field: "q".into(),
                option_field: "o".into(),
                prices: vec![OptionPrice {
                    value: "v".into(),
                    amount: Cents(5),
                }],
                label: t(),
            },
            FeeRule::Sum {
                rules: vec![
                    FeeRule::Free,
                    FeeRule::Fixed {
                        amount: Cents(1),
                        label: t(),
                    },
                ],
            },
        ]);
        round_trip(&[
            HearingChoice::Statement {
                admits: true,
                text: "x".into(),
                attachments: vec!["u".into()],
            },
            HearingChoice::NameDriver {
                family_name: "a".into(),
                given_names: "b".into(),
                street: "c".into(),
                house_number: "1".into(),
                postal_code: "12345".into(),
                town: "d".into(),
                date_of_birth: "1990-01-01".into(),
            },
            HearingChoice::RefuseAsRelative,
            HearingChoice::NoStatement,
        ]);
    }

    #[test]
    fn field_order_and_unknown_fields_do_not_matter() {
        let f: FeeRule = serde_json::from_str(
            r#"{"label":{"de":"d","en":"e"},"amount":5,"x":1,"kind":"fixed"}"#,
        )
        .unwrap();
        assert_eq!(
            f,
            FeeRule::Fixed {
                amount: Cents(5),
                label: Text::new("d", "e")
            }
        );
        let s: HearingChoice =
            serde_json::from_str(r#"{"admits":false,"kind":"statement"}"#).unwrap();
        assert!(serde_json::from_str::<HearingChoice>(
            r#"{"admits":false,"kind":"statement","text":null}"#
        )
        .is_err());
        assert_eq!(
            s,
            HearingChoice::Statement {
                admits: false,
                text: String::new(),
                attachments: vec![]
            }
        );
    }

    #[test]
    fn missing_or_wrong_fields_are_named() {
        let e = serde_json::from_str::<FeeSummary>(r#"{"kind":"fixed"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `amount` for `fixed`"), "{e}");
        let e =
            serde_json::from_str::<HearingChoice>(r#"{"kind":"name_driver","family_name":"a"}"#)
                .unwrap_err()
                .to_string();
        assert!(e.contains("`given_names`"), "{e}");
        assert!(
            serde_json::from_str::<FieldKind>(r#"{"type":"quantity","min":-1,"max":3}"#).is_err()
        );
        assert!(serde_json::from_str::<FieldKind>(
            r#"{"type":"many_of","options":[],"max":4294967296}"#
        )
        .is_err());
        assert!(serde_json::from_str::<Condition>(r#"{"op":"sometimes","field":"a"}"#).is_err());
        assert!(serde_json::from_str::<DateRule>(r#"{"days":3}"#).is_err());
    }
}
