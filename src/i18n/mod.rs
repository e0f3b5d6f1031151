//! All user-facing text of the app, German first, English second: one typed catalogue, so a
//! missing translation is a compile error rather than a blank on screen.

mod de;
mod en;

pub use domain::i18n::Lang;
use leptos::prelude::*;

/// Every UI string. Fields, not keys: the compiler checks both languages are complete.
pub struct Texts {
    pub town: &'static str,
    pub portal: &'static str,
    pub skip_link: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub footer_nav: &'static str,
    pub accessibility: &'static str,
    pub easy_read: &'static str,
    pub imprint: &'static str,
    pub privacy: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub back_to_start: &'static str,
    // catalogue
    pub catalogue_title: &'static str,
    pub catalogue_intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub results_one: &'static str,
    pub results_many: &'static str,
    pub no_results: &'static str,
    pub fee: &'static str,
    pub services_error_title: &'static str,
    pub services_error_text: &'static str,
    // service start page
    pub service_not_found: &'static str,
    // errors from the API client
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub error_decode: &'static str,
    pub error_summary_title: &'static str,
    // not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    // accessibility statement
    pub a11y_title: &'static str,
    pub a11y_paragraphs: &'static [&'static str],
    pub a11y_status_heading: &'static str,
    pub a11y_status: &'static str,
    pub a11y_gaps_heading: &'static str,
    pub a11y_gaps: &'static [&'static str],
    pub a11y_prepared_heading: &'static str,
    pub a11y_prepared: &'static str,
    pub a11y_feedback_heading: &'static str,
    pub a11y_feedback_intro: &'static str,
    pub feedback_message_label: &'static str,
    pub feedback_message_hint: &'static str,
    pub feedback_contact_label: &'static str,
    pub feedback_contact_hint: &'static str,
    pub feedback_submit: &'static str,
    pub feedback_sending: &'static str,
    pub feedback_thanks: &'static str,
    pub feedback_another: &'static str,
    pub a11y_enforcement_heading: &'static str,
    pub a11y_enforcement: &'static [&'static str],
    // easy-to-read
    pub easy_title: &'static str,
    pub easy_paragraphs: &'static [&'static str],
    // imprint, privacy
    pub imprint_title: &'static str,
    pub imprint_paragraphs: &'static [&'static str],
    pub privacy_title: &'static str,
    pub privacy_paragraphs: &'static [&'static str],
    pub characters_left: &'static str,
    pub error_prefix: &'static str,
    pub error_title_prefix: &'static str,
    pub characters_too_many: &'static str,
    pub date_hint: &'static str,
    pub please_choose: &'static str,
    pub no_slots: &'static str,
    pub upload_hint: &'static str,
    pub uploaded_file: &'static str,
    pub remove_file: &'static str,
    pub uploading: &'static str,
    pub remove_item: &'static str,
    pub add_item: &'static str,
    pub back: &'static str,
    pub step_of: &'static str,
    pub continue_: &'static str,
    pub fee_so_far: &'static str,
    pub save_for_later: &'static str,
    pub resume_qr_alt: &'static str,
    pub draft_saved: &'static str,
    pub resume_code_label: &'static str,
    pub draft_qr_explain: &'static str,
    pub change: &'static str,
    pub check_title: &'static str,
    pub send_heading: &'static str,
    pub send_declaration: &'static str,
    pub sending: &'static str,
    pub send_application: &'static str,
    pub fee_heading: &'static str,
    pub fee_item: &'static str,
    pub fee_quantity: &'static str,
    pub fee_amount: &'static str,
    pub fee_total: &'static str,
    pub no_receipt_title: &'static str,
    pub no_receipt_text: &'static str,
    pub start_again: &'static str,
    pub confirmation_title: &'static str,
    pub your_reference: &'static str,
    pub submitted_at: &'static str,
    pub what_next: &'static str,
    pub pay_heading: &'static str,
    pub fee_due: &'static str,
    pub print: &'static str,
    pub continue_application: &'static str,
    pub start_now: &'static str,
    pub resume_code_invalid: &'static str,
    pub resume_code_unknown: &'static str,
    pub resume_title: &'static str,
    pub resume_intro: &'static str,
    pub resume_code_field: &'static str,
    pub resume_code_hint: &'static str,
    pub resume_submit: &'static str,
    pub resume_link: &'static str,
    pub giro_missing: &'static str,
    pub giro_too_long: &'static str,
    pub giro_checksum: &'static str,
    pub giro_out_of_range: &'static str,
    pub giro_both: &'static str,
    pub giro_control: &'static str,
    pub giro_invalid: &'static str,
    pub giro_use_text: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub recipient: &'static str,
    pub amount: &'static str,
    pub remittance: &'static str,
    pub copy: &'static str,
    pub giro_alt: &'static str,
    pub giro_phone_hint: &'static str,
    pub image_saved: &'static str,
    pub save_image: &'static str,
    pub transfer_heading: &'static str,
    pub hearing_late_answer: &'static str,
    pub error_timeout: &'static str,
    pub offline_banner: &'static str,
    pub checkout_title: &'static str,
    pub checkout_choose_method: &'static str,
    pub checkout_empty: &'static str,
    pub checkout_items: &'static str,
    pub checkout_remove: &'static str,
    pub checkout_paying: &'static str,
    pub checkout_pay: &'static str,
    pub checkout_method: &'static str,
    pub checkout_checking: &'static str,
    pub checkout_checking_text: &'static str,
    pub checkout_still_checking: &'static str,
    pub checkout_check_again: &'static str,
    pub checkout_no_payment: &'static str,
    pub checkout_paid_title: &'static str,
    pub checkout_payment_reference: &'static str,
    pub checkout_method_used: &'static str,
    pub checkout_paid_at: &'static str,
    pub checkout_transfer_title: &'static str,
    pub checkout_status_open: &'static str,
    pub checkout_transfer_text: &'static str,
    pub checkout_refresh_status: &'static str,
    pub checkout_canceled_title: &'static str,
    pub checkout_canceled_text: &'static str,
    pub checkout_expired_title: &'static str,
    pub checkout_failed_title: &'static str,
    pub checkout_failed_text: &'static str,
    pub checkout_try_again: &'static str,
    pub method_card: &'static str,
    pub method_sepa: &'static str,
    pub method_transfer: &'static str,
    pub pay_online: &'static str,
    pub cart_link: &'static str,
    pub hearing_login_title: &'static str,
    pub hearing_expired_kept: &'static str,
    pub hearing_login_intro: &'static str,
    pub hearing_case_number: &'static str,
    pub hearing_case_number_hint: &'static str,
    pub hearing_access_code: &'static str,
    pub hearing_access_code_hint: &'static str,
    pub hearing_logging_in: &'static str,
    pub hearing_login_submit: &'static str,
    pub hearing_session_ended: &'static str,
    pub hearing_session_ended_title: &'static str,
    pub hearing_login_again: &'static str,
    pub hearing_session_warning: &'static str,
    pub hearing_extend: &'static str,
    pub hearing_status_open: &'static str,
    pub hearing_status_answered: &'static str,
    pub hearing_status_paid: &'static str,
    pub hearing_status_deadline_passed: &'static str,
    pub hearing_accusation_witness: &'static str,
    pub hearing_accusation_person: &'static str,
    pub hearing_deadline_passed_on: &'static str,
    pub hearing_deadline_today: &'static str,
    pub hearing_deadline_one_day: &'static str,
    pub hearing_deadline_days: &'static str,
    pub hearing_no_pay_paid: &'static str,
    pub hearing_no_pay_deadline: &'static str,
    pub hearing_no_pay_witness: &'static str,
    pub hearing_case_caption: &'static str,
    pub hearing_title_witness: &'static str,
    pub hearing_title_person: &'static str,
    pub hearing_what_heading: &'static str,
    pub hearing_when: &'static str,
    pub hearing_where: &'static str,
    pub hearing_vehicle: &'static str,
    pub hearing_tbnr: &'static str,
    pub hearing_legal_basis: &'static str,
    pub hearing_deadline: &'static str,
    pub hearing_pay_deadline: &'static str,
    pub hearing_payment: &'static str,
    pub hearing_paid_on: &'static str,
    pub hearing_answer: &'static str,
    pub hearing_answered_on: &'static str,
    pub hearing_evidence_heading: &'static str,
    pub hearing_options_heading: &'static str,
    pub hearing_already_answered: &'static str,
    pub hearing_pay_heading: &'static str,
    pub hearing_pay_warning_text: &'static str,
    pub hearing_pay_fine_text: &'static str,
    pub hearing_answer_heading_witness: &'static str,
    pub hearing_answer_heading_person: &'static str,
    pub hearing_answer_intro_witness: &'static str,
    pub hearing_answer_intro_person: &'static str,
    pub hearing_start_witness: &'static str,
    pub hearing_start_person: &'static str,
    pub hearing_end_heading: &'static str,
    pub hearing_logout: &'static str,
    pub hearing_evidence_error: &'static str,
    pub hearing_shrink: &'static str,
    pub hearing_enlarge: &'static str,
    pub hearing_send_heading: &'static str,
    pub hearing_send_text: &'static str,
    pub hearing_send: &'static str,
    pub hearing_receipt_title: &'static str,
    pub hearing_received: &'static str,
    pub hearing_name: &'static str,
    pub hearing_born: &'static str,
    pub hearing_address: &'static str,
    pub hearing_statement: &'static str,
    pub hearing_admitted: &'static str,
    pub hearing_not_admitted: &'static str,
    pub hearing_driver_named: &'static str,
    pub hearing_refused: &'static str,
    pub hearing_silent: &'static str,
    pub hearing_copy_heading: &'static str,
    pub hearing_download_copy: &'static str,
    pub hearing_back_to_case: &'static str,
    pub giro_gen_title: &'static str,
    pub giro_gen_intro: &'static str,
    pub giro_gen_name_hint: &'static str,
    pub giro_gen_iban_hint: &'static str,
    pub giro_gen_bic_label: &'static str,
    pub giro_gen_amount_label: &'static str,
    pub giro_gen_amount_hint: &'static str,
    pub giro_gen_remittance_hint: &'static str,
    pub giro_gen_submit: &'static str,
    /// 503: "… in {wait} …", `{wait}` from [`wait_seconds`], [`wait_minute`] or [`wait_minutes`].
    pub error_unavailable: &'static str,
    /// 503 without a usable `Retry-After`.
    pub error_unavailable_later: &'static str,
    pub wait_seconds: &'static str,
    pub wait_minute: &'static str,
    pub wait_minutes: &'static str,
    /// `{case}`: the case number.
    pub checkout_sign_in_for_case: &'static str,
    /// `{case}`: the case number.
    pub checkout_fine_needs_sign_in: &'static str,
    pub checkout_total_now: &'static str,
    /// A yes/no question's answers.
    pub yes: &'static str,
    pub no: &'static str,
    /// GiroCode field names (labels, copy buttons, error messages).
    pub iban: &'static str,
    pub bic: &'static str,
    pub giro_reference: &'static str,
    pub giro_info: &'static str,
    pub giro_purpose: &'static str,
    /// A GiroCode problem not tied to one field.
    pub giro_data: &'static str,
    /// Monday first, as [`domain::date::Weekday::index`].
    pub weekdays_short: [&'static str; 7],
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &de::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n {
        lang: RwSignal::new(Lang::De),
    })
}

/// Fills a catalogue text's named placeholders:
/// `fill(t.step_of, &[("step", &2), ("steps", &5)])` turns "Schritt {step} von {steps}" into
/// "Schritt 2 von 5". Every text names its placeholders in braces, the same names in both
/// languages (a test checks); a name not given stays as written.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let value = after.split_once('}').and_then(|(name, tail)| {
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, tail))
        });
        match value {
            Some((value, tail)) => {
                let _ = write!(out, "{value}");
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn named_placeholders_are_filled() {
        assert_eq!(
            fill("Schritt {step} von {steps}", &[("step", &2), ("steps", &5)]),
            "Schritt 2 von 5"
        );
        assert_eq!(
            fill("{steps}/{step}/{step}", &[("step", &1), ("steps", &"3")]),
            "3/1/1",
            "order and repetition do not matter"
        );
        assert_eq!(fill("Noch {count} Zeichen", &[]), "Noch {count} Zeichen");
        assert_eq!(fill("{a} { b} {", &[("a", &"x")]), "x { b} {");
        assert_eq!(fill("ä{x}ö", &[("x", &"ü")]), "äüö");
        assert_eq!(fill("", &[("x", &1)]), "");
    }

    /// Each catalogue field's placeholder names, read from the source of one language.
    fn placeholders(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for line in source.lines() {
            let Some((field, text)) = line.trim().split_once(": \"") else {
                continue;
            };
            let mut names = BTreeSet::new();
            let mut rest = text;
            while let Some((_, after)) = rest.split_once('{') {
                let Some((name, tail)) = after.split_once('}') else {
                    break;
                };
                names.insert(name.to_string());
                rest = tail;
            }
            out.insert(field.to_string(), names);
        }
        out
    }

    #[test]
    fn both_languages_use_the_same_named_placeholders() {
        let de = placeholders(include_str!("de.rs"));
        let en = placeholders(include_str!("en.rs"));
        assert_eq!(de.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert!(de.len() > 200, "the parser sees the catalogue");
        for (field, names) in &de {
            assert_eq!(Some(names), en.get(field), "{field}");
            for name in names {
                assert!(
                    name.len() > 1 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{field}: {{{name}}} is not a named placeholder"
                );
            }
        }
        assert_eq!(
            de["step_of"],
            BTreeSet::from(["step".to_string(), "steps".to_string()])
        );
    }

    #[test]
    fn catalogue_texts_fill_completely() {
        for lang in [Lang::De, Lang::En] {
            let t = texts(lang);
            let cases = [
                fill(t.step_of, &[("step", &2), ("steps", &5)]),
                fill(
                    t.hearing_deadline_days,
                    &[("date", &"01.12.2026"), ("days", &10)],
                ),
                fill(
                    t.hearing_already_answered,
                    &[("time", &"t"), ("reference", &"R")],
                ),
                fill(t.error_unavailable, &[("wait", &"w")]),
            ];
            for filled in cases {
                assert!(!filled.contains('{'), "{filled}");
            }
        }
        assert_eq!(
            fill(texts(Lang::De).step_of, &[("step", &2), ("steps", &5)]),
            "Schritt 2 von 5"
        );
    }
}
