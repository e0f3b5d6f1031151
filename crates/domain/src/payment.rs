//! Wire types of the checkout (`/api/v1/payments`), modelled on XBezahldienste: a request with
//! line items, `purpose` and `description`, and a transaction whose status goes
//! `INITIAL` → `PAYED` | `FAILED` | `CANCELED` (plus `EXPIRED` after 90 minutes, as GOV.UK Pay).
//! The client never sends an amount: the server prices every item itself.

use crate::i18n::Text;
use crate::money::Cents;
use serde::{Deserialize, Serialize};

/// An online payment not completed within this time expires (bank transfers do not).
pub const EXPIRY_SECS: i64 = 90 * 60;
/// XBezahldienste `purpose`: at most 27 letters, digits, spaces and hyphens.
pub const PURPOSE_MAX: usize = 27;
/// XBezahldienste `description`.
pub const DESCRIPTION_MAX: usize = 250;
/// The app's return page. The return URL carries no id or secret: after the redirect the app
/// fetches the status of the payment it remembered, never trusting the URL.
pub const RETURN_PATH: &str = "/kasse/rueckkehr";

/// Payment methods. giropay and paydirekt were shut down at the end of 2024 and do not exist here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethodId {
    Creditcard,
    Paypal,
    SepaDirectDebit,
    Wero,
    /// Bank transfer (with GiroCode): no provider page; stays `INITIAL` until the money arrives.
    Transfer,
}

impl PaymentMethodId {
    pub const ALL: [PaymentMethodId; 5] = [
        PaymentMethodId::Creditcard,
        PaymentMethodId::Paypal,
        PaymentMethodId::SepaDirectDebit,
        PaymentMethodId::Wero,
        PaymentMethodId::Transfer,
    ];

    /// Completed at a payment provider within the session (and therefore subject to expiry).
    pub fn is_online(self) -> bool {
        self != PaymentMethodId::Transfer
    }
}

/// `GET /api/v1/payment-methods`: one method the town offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethod {
    pub id: PaymentMethodId,
    pub label: Text,
    pub description: Text,
}

/// What to pay: an application's fee or a hearing case's (warning) fine. No amount: the server
/// prices it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum PaymentItemRequest {
    Application {
        reference: String,
    },
    Hearing {
        case_number: String,
    },
    /// Instalments of a notice (by id); none listed: everything due today.
    Notice {
        kassenzeichen: String,
        #[serde(default)]
        items: Vec<String>,
    },
}

/// Written by hand: the derive drops `deny_unknown_fields` from the variants, so the
/// description would admit an item with an `amount` that the server refuses.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PaymentItemRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, OneOfBuilder, Type};
        let variant = |kind: &str, field: &str, about: &str| {
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .property(
                    "kind",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some([kind])),
                )
                .required("kind")
                .property(
                    field,
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some(about)),
                )
                .required(field)
                .additional_properties(Some(AdditionalProperties::FreeForm(false)))
        };
        let notice = variant("notice", "kassenzeichen", "The notice's Kassenzeichen").property(
            "items",
            utoipa::openapi::schema::ArrayBuilder::new()
                .items(ObjectBuilder::new().schema_type(Type::String).max_length(Some(10)))
                .max_items(Some(40))
                .description(Some("Ids of the instalments to pay (each paid in full with its charges); empty or absent: everything due today")),
        );
        OneOfBuilder::new()
            .item(variant("application", "reference", "The application's reference from its receipt"))
            .item(variant("hearing", "case_number", "The hearing case's number (Aktenzeichen)"))
            .item(notice)
            .description(Some("What to pay: an application's fee, a hearing case's (warning) fine, or instalments of a notice. No amount: the server prices it."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PaymentItemRequest {}

/// `POST /api/v1/payments` (with an `Idempotency-Key` header). Unknown fields (such as an
/// `amount`) are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// 1–20 items (more or fewer is a 422 on `items`).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub items: Vec<PaymentItemRequest>,
    pub method: PaymentMethodId,
    /// Same-origin path `/kasse/rueckkehr` (optionally `/kasse/rueckkehr/<lower-case words>`),
    /// without query, fragment or digits (otherwise a 422 on `return_url`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^/kasse/rueckkehr(/[a-z][a-z-]*)*$", max_length = 120)
    )]
    pub return_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PaymentItemKind {
    Application,
    Hearing,
    Notice,
}

/// A priced line item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentItem {
    pub kind: PaymentItemKind,
    /// The application reference, the hearing case number or the Kassenzeichen, in canonical
    /// form.
    pub reference: String,
    pub label: Text,
    pub amount: Cents,
    /// For a notice: the instalment this line belongs to (the instalment itself or a charge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

/// XBezahldienste statuses (spelled as the standard does), plus `EXPIRED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentStatus {
    Initial,
    Payed,
    Failed,
    Canceled,
    Expired,
}

/// Bank details for a `TRANSFER` payment (also the content of the GiroCode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferDetails {
    pub name: String,
    pub iban: String,
    pub bic: String,
    /// The remittance text to use exactly: the bank statement is matched by it.
    pub remittance: String,
    pub amount: Cents,
}

/// A payment as `POST` and `GET /api/v1/payments/...` return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    /// Unguessable: `pay_` and 20 characters of `[a-z0-9]`.
    pub id: String,
    /// 8 characters from the unambiguous alphabet; the end of `purpose`.
    pub reference: String,
    pub status: PaymentStatus,
    pub method: PaymentMethodId,
    /// Sum of the items, computed by the server.
    pub amount: Cents,
    pub items: Vec<PaymentItem>,
    /// ≤ 27 letters, digits, spaces, hyphens, e.g. `Stadt Musterstadt K7MP3XTA`.
    pub purpose: String,
    /// ≤ 250 characters: the items in German.
    pub description: String,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<String>,
    /// When an `INITIAL` online payment turns `EXPIRED`; absent for `TRANSFER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The provider page to send the user to; absent for `TRANSFER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Only for `TRANSFER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferDetails>,
}

/// Reduces `text` to an XBezahldienste `purpose`: umlauts transliterated, every other character
/// outside ASCII letters, digits, space and hyphen becomes a space, runs of spaces collapse,
/// cut to 27 characters.
pub fn clean_purpose(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let repl: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'Ä' => "Ae",
            'Ö' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() || c == '-' => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        if repl == " " && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push_str(repl);
    }
    // ASCII only from here, so byte length is character count.
    out.truncate(PURPOSE_MAX);
    out.trim_end_matches([' ', '-']).to_owned()
}

pub fn is_valid_purpose(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= PURPOSE_MAX
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
}

/// At most `DESCRIPTION_MAX` characters, ending in `…` when cut.
pub fn clip_description(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_MAX {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(DESCRIPTION_MAX - 1).collect();
    out.push('…');
    out
}

/// The return URL rule: `/kasse/rueckkehr`, optionally followed by `/`-separated lower-case
/// words (letters and hyphens). No query, fragment, digits, dots or percent-escapes, so it can
/// carry neither an id nor a secret nor lead to another origin.
pub fn is_valid_return_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix(RETURN_PATH) else {
        return false;
    };
    if url.len() > 120 {
        return false;
    }
    rest.is_empty()
        || rest.strip_prefix('/').is_some_and(|tail| {
            tail.split('/').all(|seg| {
                !seg.is_empty()
                    && seg.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !seg.starts_with('-')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_is_cleaned_and_cut() {
        assert_eq!(
            clean_purpose("Stadt Musterstadt K7MP3XTA"),
            "Stadt Musterstadt K7MP3XTA"
        );
        assert_eq!(
            clean_purpose("Gebühr: Straße 5.1234.000101.3"),
            "Gebuehr Strasse 5 1234 0001"
        );
        assert_eq!(clean_purpose("  a  --  b  "), "a -- b");
        assert_eq!(
            clean_purpose("Stadt Musterstadt OWI-2026-000101"),
            "Stadt Musterstadt OWI-2026"
        );
        for s in [
            "Stadt Musterstadt K7MP3XTA",
            "x;y<z>ä€ -",
            "ÄÖÜäöüß ÄÖÜäöüß ÄÖÜäöüß ÄÖÜäöüß",
        ] {
            let p = clean_purpose(s);
            assert!(is_valid_purpose(&p), "{p:?}");
        }
        assert!(!is_valid_purpose("Stadt Musterstadt K7MP3XTA!"));
        assert!(!is_valid_purpose(&"a".repeat(28)));
    }

    #[test]
    fn description_is_clipped_by_characters() {
        let long = "ä".repeat(300);
        let d = clip_description(&long);
        assert_eq!(d.chars().count(), DESCRIPTION_MAX);
        assert!(d.ends_with('…'));
        assert_eq!(clip_description("kurz"), "kurz");
    }

    #[test]
    fn return_url_carries_no_id_or_secret() {
        assert!(is_valid_return_url("/kasse/rueckkehr"));
        assert!(is_valid_return_url("/kasse/rueckkehr/anhoerung"));
        assert!(is_valid_return_url("/kasse/rueckkehr/antrag/gebuehr"));
        for bad in [
            "",
            "/",
            "https://evil.example/kasse/rueckkehr",
            "//evil.example/kasse/rueckkehr",
            "/kasse/rueckkehr?id=pay_abc",
            "/kasse/rueckkehr#token",
            "/kasse/rueckkehr/pay_abc123",
            "/kasse/rueckkehr/K7MP3XTA",
            "/kasse/rueckkehr/../admin",
            "/kasse/rueckkehr/%2e%2e",
            "/kasse/rueckkehrx",
            "/kasse/rueckkehr/",
            "/kasse/rueckkehr//x",
            "/kasse/rueckkehr\\x",
        ] {
            assert!(!is_valid_return_url(bad), "{bad}");
        }
    }

    #[test]
    fn wire_format() {
        let req: PaymentRequest = serde_json::from_str(
            r#"{"items":[{"kind":"application","reference":"K7MP3XTA"},{"kind":"hearing","case_number":"OWI-2026-000101"}],
               "method":"SEPA_DIRECT_DEBIT","return_url":"/kasse/rueckkehr"}"#,
        )
        .unwrap();
        assert_eq!(req.method, PaymentMethodId::SepaDirectDebit);
        assert_eq!(
            req.items[1],
            PaymentItemRequest::Hearing {
                case_number: "OWI-2026-000101".into()
            }
        );
        let with_amount =
            r#"{"items":[],"method":"WERO","return_url":"/kasse/rueckkehr","amount":1}"#;
        assert!(serde_json::from_str::<PaymentRequest>(with_amount).is_err());
        let item_amount = r#"{"items":[{"kind":"application","reference":"A","amount":1}],"method":"WERO","return_url":"/x"}"#;
        assert!(serde_json::from_str::<PaymentRequest>(item_amount).is_err());
        let giropay = r#"{"items":[],"method":"GIROPAY","return_url":"/kasse/rueckkehr"}"#;
        assert!(serde_json::from_str::<PaymentRequest>(giropay).is_err());
        assert_eq!(
            serde_json::to_string(&PaymentStatus::Payed).unwrap(),
            "\"PAYED\""
        );
        assert_eq!(
            serde_json::to_string(&PaymentMethodId::Creditcard).unwrap(),
            "\"CREDITCARD\""
        );
    }
}
