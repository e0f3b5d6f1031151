//! Filling form fields from the citizen account (a field's `prefill` names the attribute).

use super::{AddressAnswer, Answer, Answers, Field, FieldKind, FormDefinition};
use crate::account::Me;

/// The value a prefilled field gets from the account, as the form stores it (an address
/// object for address fields, text otherwise); `None` when the account has no such value.
pub fn prefill_value(me: &Me, field: &Field) -> Option<crate::form::Answer> {
    let source = field.prefill?;
    if matches!(field.kind, FieldKind::Address) {
        let a = me.address.as_ref()?;
        // "Heidestraße 17" → street and house number; a street without a number keeps all.
        let (street, number) = match a.street.rsplit_once(' ') {
            Some((s, n)) if n.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                (s.to_string(), n.to_string())
            }
            _ => (a.street.clone(), String::new()),
        };
        return Some(Answer::Address(AddressAnswer {
            street,
            house_number: number,
            postal_code: a.postal_code.clone(),
            town: a.town.clone(),
        }));
    }
    me.attribute(source).map(Answer::Text)
}

/// Whether the field shows a value from the account that may not be changed here.
pub fn prefill_locked(me: &Me, field: &Field) -> bool {
    field.prefill.is_some_and(|s| {
        me.is_verified(s) || (matches!(field.kind, FieldKind::Address) && me.verified)
    })
}

/// Fills the top-level fields of every step that name an account attribute: empty ones
/// always, verified ones also over what was typed. Returns whether anything changed.
pub fn prefill(form: &FormDefinition, me: &Me, answers: &mut Answers) -> bool {
    let mut changed = false;
    for field in form.steps.iter().flat_map(|s| s.fields.iter()) {
        let Some(value) = prefill_value(me, field) else {
            continue;
        };
        let empty = match answers.get(&field.id) {
            None => true,
            Some(Answer::Text(t)) => t.trim().is_empty(),
            Some(_) => false,
        };
        if (empty || prefill_locked(me, field)) && answers.get(&field.id) != Some(&value) {
            answers.insert(field.id.clone(), value);
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{AccountAddress, TrustLevel};

    fn me(level: TrustLevel) -> Me {
        Me {
            given_name: "Erika".into(),
            family_name: "Mustermann".into(),
            birth_date: Some("1964-08-12".into()),
            address: Some(AccountAddress {
                street: "Heidestraße 17".into(),
                postal_code: "12345".into(),
                town: "Musterstadt".into(),
                country: "DE".into(),
            }),
            email: Some("erika@example.org".into()),
            trust_level: level,
            verified: level.verifies_attributes(),
            session_secs: 1800,
            expires_at: String::new(),
        }
    }

    fn form() -> crate::form::FormDefinition {
        serde_json::from_value(serde_json::json!({
            "id": "x", "version": 1,
            "title": {"de": "x", "en": "x"}, "intro": {"de": "", "en": ""},
            "next_steps": {"de": "", "en": ""}, "fee": {"kind": "free"},
            "sign_in": "optional",
            "steps": [{"id": "a", "title": {"de": "a", "en": "a"}, "fields": [
                {"id": "nachname", "kind": {"type": "short_text", "max_len": 100},
                 "label": {"de": "Nachname", "en": "Family name"}, "prefill": "family_name"},
                {"id": "mail", "kind": {"type": "email"},
                 "label": {"de": "E-Mail", "en": "Email"}, "prefill": "email"},
                {"id": "anschrift", "kind": {"type": "address"},
                 "label": {"de": "Anschrift", "en": "Address"}, "prefill": "street"},
                {"id": "frei", "kind": {"type": "short_text", "max_len": 10},
                 "label": {"de": "Frei", "en": "Free"}}
            ]}]
        }))
        .expect("form")
    }

    #[test]
    fn prefill_fills_empty_fields_and_keeps_what_was_typed_unless_verified() {
        use crate::form::{Answer, Answers};
        let form = form();
        assert_eq!(form.sign_in, crate::form::SignIn::Optional);
        let mut answers = Answers::new();
        answers.insert("mail".into(), Answer::Text("other@example.org".into()));
        answers.insert("nachname".into(), Answer::Text("Typed".into()));
        assert!(prefill(&form, &me(TrustLevel::Basic), &mut answers));
        assert_eq!(answers["nachname"], Answer::Text("Typed".into()));
        assert_eq!(answers["mail"], Answer::Text("other@example.org".into()));
        let Answer::Address(a) = &answers["anschrift"] else {
            panic!("address")
        };
        assert_eq!(
            (a.street.as_str(), a.house_number.as_str()),
            ("Heidestraße", "17")
        );
        assert!(!answers.contains_key("frei"));
        // Verified: the name comes from the registry; the e-mail address stays the citizen's.
        assert!(prefill(&form, &me(TrustLevel::High), &mut answers));
        assert_eq!(answers["nachname"], Answer::Text("Mustermann".into()));
        assert_eq!(answers["mail"], Answer::Text("other@example.org".into()));
        assert!(
            !prefill(&form, &me(TrustLevel::High), &mut answers),
            "idempotent"
        );
    }
}
