//! The town this portal serves, from its profile (docs/town-profile.md). Nothing town-specific
//! is compiled into the app: the backend writes the profile into index.html as a JSON data
//! block, so the first render has it; without it (`trunk serve`, a bad block) the app asks
//! `GET /api/v1/town`.

use crate::i18n::{use_i18n, Lang};
use domain::i18n::Text;
use domain::town::TownProfile;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// The profile once known; `failed` when neither the page nor the API had it.
#[derive(Clone, Copy)]
pub struct Town {
    profile: RwSignal<Option<Arc<TownProfile>>>,
    failed: RwSignal<bool>,
}

impl Town {
    /// Reads the data block (or starts the request) and shares the town through context.
    pub fn provide() -> Town {
        let town = Town {
            profile: RwSignal::new(None),
            failed: RwSignal::new(false),
        };
        match embedded() {
            Some(p) => town.set(p),
            None => town.fetch(),
        }
        provide_context(town);
        town
    }

    /// Asks the API again (after a failure, from the retry button).
    pub fn fetch(self) {
        self.failed.set(false);
        let lang = use_i18n().lang.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::api::town::profile(lang).await {
                Ok(p) => self.set(p),
                Err(_) => self.failed.set(true),
            }
        });
    }

    fn set(self, p: TownProfile) {
        remember_contact(&p);
        self.profile.set(Some(Arc::new(p)));
    }

    /// The profile, tracked: `None` while it is being fetched.
    pub fn get(self) -> Option<Arc<TownProfile>> {
        self.profile.get()
    }

    pub fn failed(self) -> bool {
        self.failed.get()
    }
}

pub fn use_town() -> Town {
    use_context::<Town>().unwrap_or(Town {
        profile: RwSignal::new(None),
        failed: RwSignal::new(true),
    })
}

fn embedded() -> Option<TownProfile> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id("town-profile")?
        .text_content()?;
    parse_embedded(&text)
}

/// The data block's profile; `None` for the unfilled template or anything that is not one.
pub fn parse_embedded(text: &str) -> Option<TownProfile> {
    serde_json::from_str(text.trim()).ok()
}

/// "Stadt Musterstadt"-like name in `lang`, or empty while unknown.
pub fn full_name(p: Option<&TownProfile>, lang: Lang) -> String {
    p.map(|p| p.full_name(lang)).unwrap_or_default()
}

/// The document title: "<page> – Serviceportal <town>" (WCAG 2.4.2).
pub fn document_title(page: &str, portal: &str, town: Option<&TownProfile>) -> String {
    match town {
        Some(t) => format!("{page} – {portal} {}", t.name),
        None => format!("{page} – {portal}"),
    }
}

/// The footer's contact lines: office, street, postal code and town, phone, e-mail.
pub fn contact_lines(p: &TownProfile, lang: Lang) -> Vec<String> {
    let c = &p.contact;
    vec![
        c.office.get(lang).to_owned(),
        c.street.clone(),
        format!("{} {}", c.postal_code, c.town),
    ]
}

/// The languages the portal offers, German first; the language switch shows only with two.
pub fn offers(p: &TownProfile, lang: Lang) -> bool {
    p.languages.contains(&lang)
}

/// `content` once the profile is known (again on a language change); a loading line before,
/// a message with a retry button when it could not be loaded.
pub fn with_town<V: IntoView + 'static>(
    content: impl Fn(&TownProfile, Lang) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let town = use_town();
    let i18n = use_i18n();
    move || {
        match town.get() {
        Some(p) => content(&p, i18n.lang()).into_any(),
        None if town.failed() => view! {
            <div class="notice notice-error" role="alert">
                <p>{i18n.t().town_error}</p>
                <button type="button" class="button" on:click=move |_| town.fetch()>{i18n.t().retry}</button>
            </div>
        }
        .into_any(),
        None => view! { <p class="loading">{i18n.t().loading}</p> }.into_any(),
    }
    }
}

/// Paragraphs of a town text (imprint, privacy, Leichte Sprache) in `lang`.
pub fn paragraphs(texts: &[Text], lang: Lang) -> impl IntoView {
    texts
        .iter()
        .map(|t| view! { <p>{t.get(lang).to_owned()}</p> })
        .collect_view()
}

thread_local! {
    /// Office and phone for the panic page, which runs outside Leptos.
    static CONTACT: RefCell<Option<(Text, String)>> = const { RefCell::new(None) };
}

fn remember_contact(p: &TownProfile) {
    CONTACT.with(|c| *c.borrow_mut() = Some((p.contact.office.clone(), p.contact.phone.clone())));
}

/// "Bürgerbüro: 01234 5678-0" for the panic page, once the profile is known.
pub fn office_and_phone(lang: Lang) -> Option<String> {
    CONTACT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|(office, phone)| format!("{}: {phone}", office.get(lang)))
    })
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A whole profile as the API serves it (a fictional third town, so tests never depend
    /// on a demo town's files).
    pub fn profile() -> TownProfile {
        let json = r##"{
          "name": "Birkenau", "kind": "Gemeinde", "coat_of_arms": "w.svg",
          "brand_colour": "#123456", "brand_text_colour": "#ffffff", "languages": ["de"],
          "contact": {"office": {"de": "Gemeindebüro", "en": "Municipal office"},
            "street": "Am Anger 2", "postal_code": "99999", "town": "Birkenau",
            "phone": "0999 1", "email": "info@birkenau.example",
            "opening_hours": [{"de": "Mo 8–12 Uhr", "en": "Mon 8–12"}]},
          "imprint": [{"de": "Impressum", "en": "Imprint"}],
          "privacy": [{"de": "Datenschutz", "en": "Privacy"}],
          "accessibility": {"statement_date": "2026-11-02", "last_test": "2026-10-30",
            "method": {"de": "Selbstbewertung", "en": "Self-assessment"},
            "feedback_email": "a11y@birkenau.example", "feedback_phone": "0999 2",
            "enforcement_body": {"name": {"de": "Stelle", "en": "Body"},
              "address": "Weg 1, 11111 Land", "email": "stelle@land.example"}},
          "easy_read": [{"de": "Leicht", "en": "Plain"}],
          "payee": {"name": "Gemeinde Birkenau", "iban": "DE02120300000000202051",
            "bic": "BYLADEM1001", "creditor_id": "DE98ZZZ09999999999"},
          "features": {"hearing": false, "notices": false, "appointments": false, "account": false},
          "payment_methods": ["TRANSFER"]
        }"##;
        match serde_json::from_str(json) {
            Ok(p) => p,
            Err(e) => panic!("test profile: {e}"),
        }
    }

    #[test]
    fn reads_the_data_block_and_ignores_the_template() {
        let json = serde_json::to_string(&profile()).unwrap_or_default();
        assert_eq!(parse_embedded(&format!("\n {json} \n")), Some(profile()));
        assert_eq!(parse_embedded("{{town.profile_json}}"), None);
        assert_eq!(parse_embedded(""), None);
        assert_eq!(parse_embedded("null"), None);
    }

    #[test]
    fn names_and_titles_come_from_the_profile() {
        let p = profile();
        assert_eq!(full_name(Some(&p), Lang::De), "Gemeinde Birkenau");
        assert_eq!(full_name(Some(&p), Lang::En), "Municipality of Birkenau");
        assert_eq!(full_name(None, Lang::De), "");
        assert_eq!(
            document_title("Impressum", "Serviceportal", Some(&p)),
            "Impressum – Serviceportal Birkenau"
        );
        assert_eq!(
            document_title("Impressum", "Serviceportal", None),
            "Impressum – Serviceportal"
        );
    }

    #[test]
    fn contact_and_languages() {
        let p = profile();
        assert_eq!(
            contact_lines(&p, Lang::En),
            ["Municipal office", "Am Anger 2", "99999 Birkenau"]
        );
        assert!(offers(&p, Lang::De) && !offers(&p, Lang::En));
        assert_eq!(office_and_phone(Lang::De), None);
        remember_contact(&p);
        assert_eq!(
            office_and_phone(Lang::De).as_deref(),
            Some("Gemeindebüro: 0999 1")
        );
    }
}
