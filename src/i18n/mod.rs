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
    pub giro_gen_title: &'static str,
    pub giro_gen_intro: &'static str,
    pub giro_gen_name_hint: &'static str,
    pub giro_gen_iban_hint: &'static str,
    pub giro_gen_bic_label: &'static str,
    pub giro_gen_amount_label: &'static str,
    pub giro_gen_amount_hint: &'static str,
    pub giro_gen_remittance_hint: &'static str,
    pub giro_gen_submit: &'static str,
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
    use_context::<I18n>().unwrap_or(I18n { lang: RwSignal::new(Lang::De) })
}

/// Replaces `{n}` in a catalogue string.
pub fn fill(template: &str, n: impl std::fmt::Display) -> String {
    template.replace("{n}", &n.to_string())
}
