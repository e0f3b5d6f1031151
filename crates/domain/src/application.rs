//! Wire types of the form API: service detail, applications, drafts, uploads, slots.

use crate::catalogue::ServiceSummary;
use crate::date::Date;
#[cfg(feature = "openapi")]
use crate::form::Answer;
use crate::form::{Answers, FeeBreakdown, FormDefinition};
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// `GET /api/v1/services/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDetail {
    pub service: ServiceSummary,
    pub form: FormDefinition,
}

/// `POST /api/v1/applications` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationRequest {
    pub service_id: String,
    #[serde(deserialize_with = "crate::wire::whole_int32")]
    pub form_version: u32,
    /// Field id → answer; group items are answer maps of their own.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, Answer>))]
    pub answers: Answers,
}

/// Where to transfer a fee, for the GiroCode and the transfer text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payee {
    pub name: String,
    pub iban: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// The text to put in the transfer's remittance field (the reference).
    pub remittance: String,
}

/// The receipt: 201 on creation, 200 on an idempotent replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationReceipt {
    /// 8 characters from `ABCDEFGHJKLMNPRSTUVWXY23456789` (no I, O, Q, Z, 0, 1).
    pub reference: String,
    pub service_id: String,
    pub service_name: Text,
    /// RFC 3339.
    pub submitted_at: String,
    pub fee: FeeBreakdown,
    /// Present when a fee is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<Payee>,
    pub paid: bool,
}

/// `POST /api/v1/drafts` body and `GET /api/v1/drafts/{code}` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    pub service_id: String,
    #[serde(deserialize_with = "crate::wire::whole_int32")]
    pub form_version: u32,
    /// Field id → answer; group items are answer maps of their own.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, Answer>))]
    pub answers: Answers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftSaved {
    /// 8 characters from the unambiguous alphabet; valid 30 days.
    pub code: String,
    pub expires_on: Date,
}

/// `POST /api/v1/uploads` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadReceipt {
    pub id: String,
    pub name: String,
    pub size: u64,
    pub content_type: String,
}

/// `GET /api/v1/services/{id}/slots`: free appointment slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    pub id: String,
    pub date: Date,
    /// `HH:MM`, local time of the town.
    pub time: String,
    pub place: Text,
}

/// The alphabet of references and codes that are read out on the phone.
pub const UNAMBIGUOUS_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXY23456789";

pub fn is_unambiguous_code(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| UNAMBIGUOUS_ALPHABET.contains(&b))
}

/// Users type codes with spaces, hyphens and lower case; compare them normalised.
pub fn normalise_code(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_excludes_look_alikes() {
        for c in [b'I', b'O', b'Q', b'Z', b'0', b'1'] {
            assert!(!UNAMBIGUOUS_ALPHABET.contains(&c));
        }
        assert!(is_unambiguous_code("K7MP3XTA", 8));
        assert!(!is_unambiguous_code("K7MP3XT0", 8));
        assert_eq!(normalise_code(" k7mp-3xta "), "K7MP3XTA");
    }

    #[test]
    fn whole_numbers_in_either_spelling() {
        let draft = |v: &str| {
            serde_json::from_str::<Draft>(&format!(
                r#"{{"service_id":"x","form_version":{v},"answers":{{}}}}"#
            ))
        };
        assert_eq!(draft("3").map(|d| d.form_version).ok(), Some(3));
        assert_eq!(draft("3.0").map(|d| d.form_version).ok(), Some(3));
        assert_eq!(
            draft("2147483647").map(|d| d.form_version).ok(),
            Some(i32::MAX as u32)
        );
        assert_eq!(
            draft("2147483647.0").map(|d| d.form_version).ok(),
            Some(i32::MAX as u32)
        );
        for bad in [
            "3.5",
            "-1",
            "2147483648",
            "2147483648.0",
            "4294967296",
            "1e300",
            "\"3\"",
        ] {
            assert!(draft(bad).is_err(), "{bad}");
        }
        let file: crate::form::Answer =
            serde_json::from_str(r#"{"id":"upl_x","name":"a.pdf","size":12.0}"#).unwrap();
        assert!(
            matches!(file, crate::form::Answer::File(f) if f.size == 12),
            "also inside the untagged Answer"
        );
        let size = |v: &str| {
            serde_json::from_str::<crate::form::FileAnswer>(&format!(
                r#"{{"id":"u","name":"n","size":{v}}}"#
            ))
        };
        assert_eq!(
            size("9223372036854775807").map(|f| f.size).ok(),
            Some(i64::MAX as u64)
        );
        assert!(size("9223372036854775808").is_err(), "beyond int64");
    }
}
