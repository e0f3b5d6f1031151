//! "Meine Anträge" and the "Postfach" (issue 16): the status of every application sent while
//! signed in (or added to the account later with its reference and e-mail address), and the
//! town's messages to the citizen — receipts, status changes, a clerk's questions (answered
//! with text and uploads) and notices with an amount due.
//!
//! Everything is kept per account subject; a reference or message id of another subject is
//! treated exactly like one that does not exist.

pub mod handlers;
pub mod seed;
mod texts;

use crate::access::{CodeGate, LoginError};
use crate::sync::lock;
use domain::application::{normalise_code, UploadReceipt};
use domain::i18n::{Lang, Text};
use domain::inbox::{
    normalise_email, AmountDue, Message, MessageKind, SentAnswer, Status, StatusChange,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

/// An application the town tracks: whose it is, where to write, and its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// The account subject; `None` for an application sent without sign-in (until claimed).
    pub owner: Option<String>,
    /// The e-mail address given in the application (normalised), if any.
    pub email: Option<String>,
    pub lang: Lang,
    pub history: Vec<StatusChange>,
    /// When it was sent (kept for ordering the list).
    pub sent_at: i64,
}

impl Tracked {
    pub fn status(&self) -> Status {
        self.history
            .last()
            .map(|c| c.status)
            .unwrap_or(Status::Received)
    }
}

struct StoredMessage {
    owner: Option<String>,
    sent_at: i64,
    message: Message,
}

#[derive(Default)]
struct Data {
    applications: HashMap<String, Tracked>,
    messages: Vec<StoredMessage>,
}

/// Why an application was not added to the account. One answer for a wrong pair, an unknown
/// reference and another citizen's application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimError {
    Wrong,
    Locked { retry_after_secs: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdvanceError {
    NotFound,
    Decided,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    NotFound,
    /// Not a question, or answered already.
    NotOpen,
}

pub struct InboxStore {
    data: Mutex<Data>,
    /// Five wrong claims of a reference within 15 minutes lock it (the letters' rules).
    claims: CodeGate,
}

impl Default for InboxStore {
    fn default() -> Self {
        InboxStore {
            data: Mutex::new(Data::default()),
            claims: CodeGate::new(1),
        }
    }
}

/// What the claim compares: a hash of the normalised address, in the alphabet `CodeGate`
/// keeps (hex), so that any address compares in constant time.
fn email_code(email: &str) -> String {
    Sha256::digest(normalise_email(email).as_bytes())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

impl InboxStore {
    /// Starts tracking a sent application: status "eingegangen" at `now`.
    pub fn track(
        &self,
        reference: &str,
        owner: Option<&str>,
        email: Option<&str>,
        lang: Lang,
        now: i64,
    ) {
        self.insert(
            reference,
            Tracked {
                owner: owner.map(str::to_owned),
                email: email.map(normalise_email),
                lang,
                history: vec![StatusChange {
                    status: Status::Received,
                    at: crate::clock::rfc3339(now),
                }],
                sent_at: now,
            },
        );
    }

    pub fn insert(&self, reference: &str, tracked: Tracked) {
        lock(&self.data)
            .applications
            .insert(normalise_code(reference), tracked);
    }

    /// The owner's applications, newest first.
    pub fn applications(&self, owner: &str) -> Vec<(String, Tracked)> {
        let data = lock(&self.data);
        let mut list: Vec<(String, Tracked)> = data
            .applications
            .iter()
            .filter(|(_, t)| t.owner.as_deref() == Some(owner))
            .map(|(r, t)| (r.clone(), t.clone()))
            .collect();
        list.sort_by(|a, b| b.1.sent_at.cmp(&a.1.sent_at).then(a.0.cmp(&b.0)));
        list
    }

    /// One of the owner's applications; `None` for another's as for an unknown one.
    pub fn application(&self, owner: &str, reference: &str) -> Option<Tracked> {
        lock(&self.data)
            .applications
            .get(&normalise_code(reference))
            .filter(|t| t.owner.as_deref() == Some(owner))
            .cloned()
    }

    /// Any tracked application (the development endpoint).
    pub fn tracked(&self, reference: &str) -> Option<Tracked> {
        lock(&self.data)
            .applications
            .get(&normalise_code(reference))
            .cloned()
    }

    /// Adds an application sent without sign-in to `owner`'s account: the reference and the
    /// e-mail address given in it must both match. Its messages come along. Claiming one's
    /// own again is fine; another citizen's is refused like a wrong pair.
    pub fn claim(
        &self,
        owner: &str,
        reference: &str,
        email: &str,
        now: i64,
    ) -> Result<String, ClaimError> {
        let expected = |key: &str| {
            lock(&self.data)
                .applications
                .get(key)
                .filter(|t| t.owner.is_none() || t.owner.as_deref() == Some(owner))
                .and_then(|t| t.email.as_deref().map(email_code))
        };
        let key = self
            .claims
            .check(reference, &email_code(email), now, expected)
            .map_err(|e| match e {
                LoginError::Wrong => ClaimError::Wrong,
                LoginError::Locked { retry_after_secs } => ClaimError::Locked { retry_after_secs },
            })?;
        let mut data = lock(&self.data);
        match data.applications.get_mut(&key) {
            Some(t) if t.owner.is_none() || t.owner.as_deref() == Some(owner) => {
                t.owner = Some(owner.to_owned())
            }
            _ => return Err(ClaimError::Wrong),
        }
        for m in data
            .messages
            .iter_mut()
            .filter(|m| m.owner.is_none() && m.message.reference.as_deref() == Some(&key))
        {
            m.owner = Some(owner.to_owned());
        }
        Ok(key)
    }

    /// Moves an application to its next status; returns the new status and the application.
    pub fn advance(&self, reference: &str, now: i64) -> Result<(Status, Tracked), AdvanceError> {
        let mut data = lock(&self.data);
        let t = data
            .applications
            .get_mut(&normalise_code(reference))
            .ok_or(AdvanceError::NotFound)?;
        let asked = t.history.iter().any(|c| c.status == Status::Question);
        let next = t.status().next(asked).ok_or(AdvanceError::Decided)?;
        t.history.push(StatusChange {
            status: next,
            at: crate::clock::rfc3339(now),
        });
        Ok((next, t.clone()))
    }

    /// Writes a message; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn write(
        &self,
        owner: Option<&str>,
        reference: Option<&str>,
        kind: MessageKind,
        subject: Text,
        body: Text,
        amount_due: Option<AmountDue>,
        read: bool,
        at: i64,
    ) -> String {
        let mut data = lock(&self.data);
        let id = loop {
            let candidate = format!(
                "msg_{}",
                crate::forms::reference::random_code(12).to_ascii_lowercase()
            );
            if !data.messages.iter().any(|m| m.message.id == candidate) {
                break candidate;
            }
        };
        data.messages.push(StoredMessage {
            owner: owner.map(str::to_owned),
            sent_at: at,
            message: Message {
                id: id.clone(),
                kind,
                subject,
                body,
                sent_at: crate::clock::rfc3339(at),
                read,
                reference: reference.map(normalise_code),
                amount_due,
                answer: None,
            },
        });
        id
    }

    /// The owner's messages, newest first.
    pub fn messages(&self, owner: &str) -> Vec<Message> {
        let data = lock(&self.data);
        // Newest written first among those of the same second (a stable sort of the reversed list).
        let mut list: Vec<&StoredMessage> = data
            .messages
            .iter()
            .rev()
            .filter(|m| m.owner.as_deref() == Some(owner))
            .collect();
        list.sort_by_key(|m| std::cmp::Reverse(m.sent_at));
        list.into_iter().map(|m| m.message.clone()).collect()
    }

    fn with_message<R>(
        &self,
        owner: &str,
        id: &str,
        f: impl FnOnce(&mut Message) -> R,
    ) -> Option<R> {
        let mut data = lock(&self.data);
        data.messages
            .iter_mut()
            .find(|m| m.owner.as_deref() == Some(owner) && m.message.id == id)
            .map(|m| f(&mut m.message))
    }

    pub fn message(&self, owner: &str, id: &str) -> Option<Message> {
        self.with_message(owner, id, |m| m.clone())
    }

    pub fn set_read(&self, owner: &str, id: &str, read: bool) -> Option<Message> {
        self.with_message(owner, id, |m| {
            m.read = read;
            m.clone()
        })
    }

    /// Keeps the answer to an open question; the application goes back to "in Bearbeitung".
    pub fn answer(
        &self,
        owner: &str,
        id: &str,
        text: &str,
        attachments: Vec<UploadReceipt>,
        now: i64,
    ) -> Result<Message, AnswerError> {
        let answered = self
            .with_message(owner, id, |m| {
                if !m.awaits_answer() {
                    return Err(AnswerError::NotOpen);
                }
                m.answer = Some(SentAnswer {
                    text: text.trim().to_owned(),
                    attachments,
                    at: crate::clock::rfc3339(now),
                });
                m.read = true;
                Ok(m.clone())
            })
            .ok_or(AnswerError::NotFound)??;
        if let Some(r) = &answered.reference {
            let mut data = lock(&self.data);
            if let Some(t) = data.applications.get_mut(r) {
                if t.status() == Status::Question {
                    t.history.push(StatusChange {
                        status: Status::InProgress,
                        at: crate::clock::rfc3339(now),
                    });
                }
            }
        }
        Ok(answered)
    }

    /// Unlinking the account: its applications become anonymous again, its messages go.
    pub fn forget(&self, owner: &str) {
        let mut data = lock(&self.data);
        data.messages.retain(|m| m.owner.as_deref() != Some(owner));
        for t in data.applications.values_mut() {
            if t.owner.as_deref() == Some(owner) {
                t.owner = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(reference: &str, owner: Option<&str>) -> InboxStore {
        let s = InboxStore::default();
        s.track(reference, owner, Some("Eva@Example.org"), Lang::De, 100);
        s
    }

    #[test]
    fn status_runs_through_question_and_answer_to_decided() {
        let s = store_with("K7MP3XTA", Some("a"));
        assert_eq!(s.advance("K7MP3XTA", 1).unwrap().0, Status::InProgress);
        assert_eq!(s.advance("k7mp-3xta", 2).unwrap().0, Status::Question);
        let id = s.write(
            Some("a"),
            Some("K7MP3XTA"),
            MessageKind::Question,
            Text::new("q", "q"),
            Text::new("q", "q"),
            None,
            false,
            3,
        );
        assert_eq!(
            s.answer("b", &id, "x", vec![], 4),
            Err(AnswerError::NotFound),
            "another subject's message is unknown"
        );
        assert!(s.answer("a", &id, " Anbei ", vec![], 4).is_ok());
        assert_eq!(
            s.answer("a", &id, "again", vec![], 5),
            Err(AnswerError::NotOpen)
        );
        assert_eq!(
            s.application("a", "K7MP3XTA").unwrap().status(),
            Status::InProgress
        );
        assert_eq!(s.advance("K7MP3XTA", 6).unwrap().0, Status::Decided);
        assert_eq!(s.advance("K7MP3XTA", 7), Err(AdvanceError::Decided));
        assert_eq!(s.advance("NOPE2345", 7), Err(AdvanceError::NotFound));
    }

    #[test]
    fn another_subjects_things_are_unknown() {
        let s = store_with("K7MP3XTA", Some("a"));
        assert!(s.application("b", "K7MP3XTA").is_none());
        assert!(s.applications("b").is_empty());
        let id = s.write(
            Some("a"),
            None,
            MessageKind::Notice,
            Text::new("n", "n"),
            Text::new("n", "n"),
            None,
            false,
            1,
        );
        assert!(s.message("b", &id).is_none());
        assert!(s.set_read("b", &id, true).is_none());
        assert_eq!(s.messages("a").len(), 1);
        assert!(s.messages("b").is_empty());
    }

    #[test]
    fn a_claim_needs_both_and_locks_after_five_wrong_tries() {
        let s = store_with("K7MP3XTA", None);
        s.write(
            None,
            Some("K7MP3XTA"),
            MessageKind::StatusChange,
            Text::new("s", "s"),
            Text::new("s", "s"),
            None,
            false,
            1,
        );
        assert_eq!(
            s.claim("a", "K7MP3XTA", "other@example.org", 10),
            Err(ClaimError::Wrong)
        );
        assert_eq!(
            s.claim("a", "NOPE2345", "eva@example.org", 10),
            Err(ClaimError::Wrong)
        );
        assert_eq!(
            s.claim("a", "k7mp 3xta", " eva@example.ORG", 10),
            Ok("K7MP3XTA".into())
        );
        assert_eq!(s.applications("a").len(), 1);
        assert_eq!(s.messages("a").len(), 1, "its messages come along");
        assert_eq!(
            s.claim("b", "K7MP3XTA", "eva@example.org", 11),
            Err(ClaimError::Wrong),
            "another citizen's application"
        );

        let s = store_with("K7MP3XTA", None);
        for _ in 0..5 {
            assert_eq!(
                s.claim("a", "K7MP3XTA", "x@example.org", 10),
                Err(ClaimError::Wrong)
            );
        }
        assert!(matches!(
            s.claim("a", "K7MP3XTA", "eva@example.org", 11),
            Err(ClaimError::Locked { .. })
        ));
        assert!(s
            .claim(
                "a",
                "K7MP3XTA",
                "eva@example.org",
                11 + crate::access::LOCKOUT_WINDOW_SECS
            )
            .is_ok());
    }
}
