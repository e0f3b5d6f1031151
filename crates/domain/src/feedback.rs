//! Accessibility feedback (the feedback mechanism the accessibility statement must offer).

use crate::validation::{has_forbidden_control, looks_like_email, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

pub const MESSAGE_MAX: usize = 2000;
pub const CONTACT_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackRequest {
    /// What is hard to use, where. 1–2000 characters.
    pub message: String,
    /// Optional email address for a reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

impl FeedbackRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        let message = self.message.trim();
        if message.is_empty() {
            errors.add(
                "message",
                Problem::Required {
                    what_de: "Ihre Rückmeldung",
                    what_en: "your feedback",
                },
            );
        } else if message.chars().count() > MESSAGE_MAX {
            errors.add("message", Problem::TooLong { max: MESSAGE_MAX });
        } else if has_forbidden_control(message, true) {
            errors.add("message", Problem::ControlCharacters);
        }
        if let Some(contact) = self
            .contact
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if contact.chars().count() > CONTACT_MAX {
                errors.add("contact", Problem::TooLong { max: CONTACT_MAX });
            } else if !looks_like_email(contact) {
                errors.add("contact", Problem::EmailFormat);
            }
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(message: &str, contact: Option<&str>) -> FeedbackRequest {
        FeedbackRequest {
            message: message.into(),
            contact: contact.map(Into::into),
        }
    }

    #[test]
    fn accepts_message_without_contact() {
        assert!(req("Der Kontrast ist zu schwach.", None).validate().is_ok());
        assert!(
            req("ok", Some("  ")).validate().is_ok(),
            "blank contact counts as none"
        );
    }

    #[test]
    fn rejects_blank_and_overlong_messages() {
        let e = req("   ", None).validate().unwrap_err();
        assert!(matches!(e.first("message"), Some(Problem::Required { .. })));
        let long = "x".repeat(MESSAGE_MAX + 1);
        let e = req(&long, None).validate().unwrap_err();
        assert_eq!(
            e.first("message"),
            Some(&Problem::TooLong { max: MESSAGE_MAX })
        );
        assert!(
            req(&"ä".repeat(MESSAGE_MAX), None).validate().is_ok(),
            "limit counts characters"
        );
    }

    #[test]
    fn rejects_bad_contact() {
        let e = req("text", Some("not-an-email")).validate().unwrap_err();
        assert_eq!(e.first("contact"), Some(&Problem::EmailFormat));
        assert!(e.first("message").is_none());
    }
}
