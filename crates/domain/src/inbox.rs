//! "Meine Anträge" and the "Postfach" of a signed-in citizen: wire types and their rules —
//! the order of an application's status, what the timeline shows, the unread count and what a
//! claim of an anonymous application and an answer to a clerk's question must contain.

use crate::application::{is_unambiguous_code, normalise_code, UploadReceipt};
use crate::i18n::{Lang, Text};
use crate::money::Cents;
use crate::validation::{has_forbidden_control, looks_like_email, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// Where an application stands: eingegangen → in Bearbeitung → (Rückfrage) → entschieden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Received,
    InProgress,
    /// The clerk asked a question; waiting for the citizen's answer.
    Question,
    Decided,
}

impl Status {
    /// The next status a clerk moves an application to: a question is asked at most once,
    /// after it the application is decided. `None` once decided.
    pub fn next(self, asked_before: bool) -> Option<Status> {
        match self {
            Status::Received => Some(Status::InProgress),
            Status::InProgress if asked_before => Some(Status::Decided),
            Status::InProgress => Some(Status::Question),
            Status::Question => Some(Status::Decided),
            Status::Decided => None,
        }
    }

    /// Whether an application may go from `self` to `to`: forward one stage, a question at
    /// most once (`asked_before`), deciding without a question, and back to "in Bearbeitung"
    /// when the citizen answers.
    pub fn allows(self, to: Status, asked_before: bool) -> bool {
        matches!(
            (self, to),
            (Status::Received, Status::InProgress)
                | (Status::InProgress, Status::Decided)
                | (Status::Question, Status::InProgress)
                | (Status::Question, Status::Decided)
        ) || (self, to, asked_before) == (Status::InProgress, Status::Question, false)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Received, Lang::De) => "Eingegangen",
            (Status::Received, Lang::En) => "Received",
            (Status::InProgress, Lang::De) => "In Bearbeitung",
            (Status::InProgress, Lang::En) => "In progress",
            (Status::Question, Lang::De) => "Rückfrage",
            (Status::Question, Lang::En) => "Question from the office",
            (Status::Decided, Lang::De) => "Entschieden",
            (Status::Decided, Lang::En) => "Decided",
        }
    }
}

/// A status reached, with its time (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: Status,
    pub at: String,
}

/// One row of the timeline as shown: a stage, when it was reached (`None`: not yet), and
/// whether it is the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage<'a> {
    pub status: Status,
    pub at: Option<&'a str>,
    pub current: bool,
}

/// The timeline of an application: every stage in order, each with the last time it was
/// reached; the question only when one was asked.
pub fn timeline(history: &[StatusChange]) -> Vec<Stage<'_>> {
    let current = history.last().map(|c| c.status);
    let asked = history.iter().any(|c| c.status == Status::Question);
    [
        Status::Received,
        Status::InProgress,
        Status::Question,
        Status::Decided,
    ]
    .into_iter()
    .filter(|s| *s != Status::Question || asked)
    .map(|status| Stage {
        status,
        at: history
            .iter()
            .rev()
            .find(|c| c.status == status)
            .map(|c| c.at.as_str()),
        current: current == Some(status),
    })
    .collect()
}

/// `GET /api/v1/me/applications`: one application of the signed-in citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyApplication {
    pub reference: String,
    pub service_id: String,
    pub service_name: Text,
    /// RFC 3339.
    pub submitted_at: String,
    /// The fee in cents; zero when the service is free.
    pub fee: Cents,
    pub paid: bool,
    pub status: Status,
    /// Every status reached, oldest first.
    pub history: Vec<StatusChange>,
}

impl MyApplication {
    /// A fee is due and not yet paid: the page offers to pay it.
    pub fn fee_open(&self) -> bool {
        self.fee > Cents::ZERO && !self.paid
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Eingangsbestätigung of an application.
    Receipt,
    StatusChange,
    /// A clerk's question the citizen can answer.
    Question,
    /// A notice (Bescheid) with an amount due.
    Notice,
}

/// A notice's amount due, paid through the notices flow with its Kassenzeichen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmountDue {
    pub kassenzeichen: String,
    pub amount: Cents,
    /// `YYYY-MM-DD`.
    pub due: String,
}

/// The citizen's answer to a question, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentAnswer {
    pub text: String,
    pub attachments: Vec<UploadReceipt>,
    /// RFC 3339.
    pub at: String,
}

/// A message of the Postfach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: String,
    pub kind: MessageKind,
    pub subject: Text,
    pub body: Text,
    /// RFC 3339.
    pub sent_at: String,
    pub read: bool,
    /// The application it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<AmountDue>,
    /// The citizen's answer to a question, once sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<SentAnswer>,
}

impl Message {
    /// A question still waiting for the citizen's answer.
    pub fn awaits_answer(&self) -> bool {
        self.kind == MessageKind::Question && self.answer.is_none()
    }
}

/// The header's count.
pub fn unread(messages: &[Message]) -> usize {
    messages.iter().filter(|m| !m.read).count()
}

/// `GET /api/v1/me/inbox`: what the header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxSummary {
    pub unread: u32,
}

/// `POST /api/v1/me/messages/{id}/read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    pub read: bool,
}

/// `POST /api/v1/applications/claim`: an application sent without sign-in, with the e-mail
/// address given in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimRequest {
    /// The 8-character reference; case, spaces and hyphens are ignored.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
}

pub const REFERENCE_FIELD: &str = "reference";
pub const EMAIL_FIELD: &str = "email";
pub const TEXT_FIELD: &str = "text";
pub const ATTACHMENTS_FIELD: &str = "attachments";
/// An answer's text at most.
pub const ANSWER_MAX: usize = 4000;
pub const MAX_ATTACHMENTS: usize = 5;

impl ClaimRequest {
    /// Both parts are needed: a reference of 8 characters of the unambiguous alphabet and an
    /// e-mail address.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        let reference = normalise_code(&self.reference);
        if reference.is_empty() {
            e.add(
                REFERENCE_FIELD,
                Problem::Required {
                    what_de: "das Aktenzeichen",
                    what_en: "the reference",
                },
            );
        } else if !is_unambiguous_code(&reference, 8) {
            e.add(REFERENCE_FIELD, Problem::ReferenceFormat);
        }
        let email = self.email.trim();
        if email.is_empty() {
            e.add(
                EMAIL_FIELD,
                Problem::Required {
                    what_de: "die E-Mail-Adresse",
                    what_en: "the email address",
                },
            );
        } else if !looks_like_email(email) || email.len() > 254 {
            e.add(EMAIL_FIELD, Problem::EmailFormat);
        }
        e.into_result()
    }
}

/// E-mail addresses as compared: trimmed, lower case.
pub fn normalise_email(s: &str) -> String {
    s.trim().to_lowercase()
}

/// `POST /api/v1/me/messages/{id}/answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub text: String,
    /// Ids of uploads (`POST /api/v1/uploads` or the resumable uploads), at most 5.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub attachments: Vec<String>,
}

impl AnswerRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        let text = self.text.trim();
        if text.is_empty() {
            e.add(
                TEXT_FIELD,
                Problem::Required {
                    what_de: "Ihre Antwort",
                    what_en: "your answer",
                },
            );
        } else if text.chars().count() > ANSWER_MAX {
            e.add(TEXT_FIELD, Problem::TooLong { max: ANSWER_MAX });
        } else if has_forbidden_control(text, true) {
            e.add(TEXT_FIELD, Problem::ControlCharacters);
        }
        if self.attachments.len() > MAX_ATTACHMENTS {
            e.add(
                ATTACHMENTS_FIELD,
                Problem::Hearing(crate::validation::HearingProblem::TooManyAttachments {
                    max: MAX_ATTACHMENTS,
                }),
            );
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(status: Status, at: &str) -> StatusChange {
        StatusChange {
            status,
            at: at.into(),
        }
    }

    #[test]
    fn status_moves_forward_with_at_most_one_question() {
        assert_eq!(Status::Received.next(false), Some(Status::InProgress));
        assert_eq!(Status::InProgress.next(false), Some(Status::Question));
        assert_eq!(Status::Question.next(true), Some(Status::Decided));
        assert_eq!(Status::InProgress.next(true), Some(Status::Decided));
        assert_eq!(Status::Decided.next(true), None);
        assert!(Status::Received < Status::Decided);
        assert!(Status::InProgress.allows(Status::Decided, false));
        assert!(Status::InProgress.allows(Status::Question, false));
        assert!(!Status::InProgress.allows(Status::Question, true));
        assert!(Status::Question.allows(Status::InProgress, true));
        assert!(!Status::Received.allows(Status::Decided, false));
        assert!(!Status::Decided.allows(Status::InProgress, true));
        for s in [Status::Received, Status::InProgress, Status::Question] {
            for asked in [false, true] {
                if let Some(n) = s.next(asked) {
                    assert!(s.allows(n, asked), "{s:?} → {n:?}");
                }
            }
        }
    }

    #[test]
    fn timeline_shows_every_stage_in_order_and_the_question_only_when_asked() {
        let h = [
            change(Status::Received, "1"),
            change(Status::InProgress, "2"),
        ];
        let t = timeline(&h);
        let got: Vec<_> = t.iter().map(|s| (s.status, s.at, s.current)).collect();
        assert_eq!(
            got,
            [
                (Status::Received, Some("1"), false),
                (Status::InProgress, Some("2"), true),
                (Status::Decided, None, false),
            ]
        );
        let h = [
            change(Status::Received, "1"),
            change(Status::InProgress, "2"),
            change(Status::Question, "3"),
        ];
        let t = timeline(&h);
        assert_eq!(t.len(), 4);
        assert_eq!(t[2].status, Status::Question);
        assert!(t[2].current);
        assert_eq!(t[3].at, None);
        assert!(timeline(&[]).iter().all(|s| s.at.is_none() && !s.current));
    }

    #[test]
    fn unread_counts_unread_messages() {
        let m = |read| Message {
            id: "m".into(),
            kind: MessageKind::Receipt,
            subject: Text::new("a", "a"),
            body: Text::new("b", "b"),
            sent_at: "t".into(),
            read,
            reference: None,
            amount_due: None,
            answer: None,
        };
        assert_eq!(unread(&[m(true), m(false), m(false)]), 2);
        assert_eq!(unread(&[]), 0);
        let mut q = m(false);
        q.kind = MessageKind::Question;
        assert!(q.awaits_answer());
    }

    #[test]
    fn a_claim_needs_the_reference_and_the_email() {
        let c = |r: &str, e: &str| ClaimRequest {
            reference: r.into(),
            email: e.into(),
        };
        assert!(c("K7MP-3XTA", " eva@example.org ").validate().is_ok());
        let e = c("", "").validate().unwrap_err();
        assert!(e.first(REFERENCE_FIELD).is_some() && e.first(EMAIL_FIELD).is_some());
        let e = c("K7MP3XTA", "eva").validate().unwrap_err();
        assert_eq!(e.first(EMAIL_FIELD), Some(&Problem::EmailFormat));
        assert!(
            c("K7MP3XT0", "a@b.de").validate().is_err(),
            "0 is no letter"
        );
        assert_eq!(normalise_email(" Eva@Example.ORG "), "eva@example.org");
    }

    #[test]
    fn an_answer_needs_text_and_few_attachments() {
        let a = |t: &str, n: usize| AnswerRequest {
            text: t.into(),
            attachments: vec!["x".into(); n],
        };
        assert!(a("Anbei", 1).validate().is_ok());
        assert!(a("  ", 0).validate().is_err());
        assert!(a("x", 6).validate().is_err());
        assert!(a(&"x".repeat(ANSWER_MAX + 1), 0).validate().is_err());
        assert!(a("a\u{7}", 0).validate().is_err());
    }

    #[test]
    fn wire_names_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&Status::InProgress).unwrap(),
            "\"in_progress\""
        );
        assert_eq!(
            serde_json::to_string(&MessageKind::StatusChange).unwrap(),
            "\"status_change\""
        );
    }
}
