//! Every path of the app, built in one place. The route table in `app.rs` is made of the same
//! segments; links and navigation use the constants and builders below, never a literal.

use std::fmt::Display;

/// The check-your-answers page below a form's steps (the wizard's and the hearing's).
pub use domain::form::CHECK_PAGE;
/// The checkout's return page (the payment provider sends the citizen back here).
pub use domain::payment::RETURN_PATH as CHECKOUT_RETURN;

/// The static segments of the route table.
pub mod segment {
    pub const SERVICES: &str = "leistungen";
    pub const HEARING: &str = "anhoerung";
    pub const CHECKOUT: &str = "kasse";
    /// Below [`CHECKOUT`]; together they are [`super::CHECKOUT_RETURN`].
    pub const CHECKOUT_RETURN: &str = "rueckkehr";
    pub const GIROCODE: &str = "girocode";
    pub const RESUME: &str = "fortsetzen";
    pub const ACCESSIBILITY: &str = "barrierefreiheit";
    pub const EASY_READ: &str = "leichte-sprache";
    pub const IMPRINT: &str = "impressum";
    pub const PRIVACY: &str = "datenschutz";
    pub const APPOINTMENTS: &str = "termin";
    /// Paying a notice (Bescheid): the letter's QR link opens `/zahlen#kz=…&code=…`.
    pub const NOTICE: &str = "zahlen";
    /// Below [`NOTICE`]: the signed-in notice.
    pub const NOTICE_PAGE: &str = "bescheid";
    pub const ACCOUNT: &str = "konto";
    /// Below [`ACCOUNT`]: "Meine Anträge".
    pub const APPLICATIONS: &str = "antraege";
    /// Below [`ACCOUNT`]: the Postfach, and a message below it.
    pub const POSTBOX: &str = "postfach";
    pub const SIGNED_OUT: &str = "abgemeldet";
    /// Where the API sends a refused sign-in (`account::handlers::FAILED_PATH` there).
    pub const SIGN_IN_FAILED: &str = "anmeldung-fehlgeschlagen";
}

/// The route table's parameters, read with `use_params_map`.
pub mod param {
    /// The service of `/leistungen/:id` and `/leistungen/:id/:step`.
    pub const SERVICE: &str = "id";
    /// The page below a service or the hearing.
    pub const STEP: &str = "step";
    /// The message of `/konto/postfach/:message`.
    pub const MESSAGE: &str = "message";
}

/// The query parameter of a "change" link from a check page: "continue" returns there.
pub const CHANGE_PARAM: &str = "aendern";

pub const HOME: &str = "/";
pub const HEARING: &str = "/anhoerung";
pub const CHECKOUT: &str = "/kasse";
pub const GIROCODE: &str = "/girocode";
pub const RESUME: &str = "/fortsetzen";
pub const ACCESSIBILITY: &str = "/barrierefreiheit";
pub const EASY_READ: &str = "/leichte-sprache";
pub const IMPRINT: &str = "/impressum";
pub const PRIVACY: &str = "/datenschutz";
/// "Mein Konto": what the citizen account told the portal.
pub const ACCOUNT: &str = "/konto";
/// "Meine Anträge" (the e-mails link here: `inbox::handlers::APPLICATIONS_PAGE` there).
pub const APPLICATIONS: &str = "/konto/antraege";
/// The Postfach (`inbox::handlers::POSTBOX_PAGE` there).
pub const POSTBOX: &str = "/konto/postfach";

/// A message of the Postfach: `/konto/postfach/{id}`.
pub fn message(id: &str) -> String {
    below(POSTBOX, id)
}

/// Where the provider returns after sign-out (`OIDC_POST_LOGOUT_REDIRECT_URI`).
pub const SIGNED_OUT: &str = "/abgemeldet";

/// The town's coat of arms (an SVG from its profile), served by the API.
pub const COAT_OF_ARMS: &str = "/api/v1/town/coat-of-arms";
/// The appointment booking's start (concerns and people).
pub const APPOINTMENTS: &str = "/termin";
pub const NOTICE: &str = "/zahlen";
/// The signed-in notice, `/zahlen/bescheid`.
pub const NOTICE_PAGE: &str = "/zahlen/bescheid";

/// The confirmation below a service, shown after sending.
pub const CONFIRMATION_PAGE: &str = "bestaetigung";
/// The hearing's case page, `/anhoerung/fall`.
pub const HEARING_CASE: &str = "fall";
/// The hearing's first step (personal data), a step of `hearing::form::definition`.
pub const HEARING_PERSONAL: &str = "angaben";
/// The hearing's second step (what the person says), a step of `hearing::form::definition`.
pub const HEARING_MATTER: &str = "aeusserung";
/// The hearing's receipt after sending.
pub const HEARING_RECEIPT: &str = "quittung";

/// Where the mock payment provider's pages live: the only address the checkout follows.
pub const PROVIDER_PREFIX: &str = "/mock-psp/";

/// A service's start page: `/leistungen/{id}`.
pub fn service(id: &str) -> String {
    format!("/{}/{id}", segment::SERVICES)
}

/// A page below a service: a step, [`CHECK_PAGE`] or [`CONFIRMATION_PAGE`].
pub fn service_step(id: &str, step: &str) -> String {
    below(&service(id), step)
}

/// A page below the hearing: [`HEARING_CASE`], a step, [`CHECK_PAGE`] or [`HEARING_RECEIPT`].
pub fn hearing_step(step: &str) -> String {
    below(HEARING, step)
}

/// `{base}/{page}`: a page below a base path (a service's or the hearing's).
pub fn below(base: &str, page: impl Display) -> String {
    format!("{base}/{page}")
}

/// A step reached through a check page's "change" link.
pub fn change(step_path: &str) -> String {
    format!("{step_path}?{CHANGE_PARAM}=1")
}

/// The link to continue a saved form. The code sits in the fragment, so it never reaches a
/// server log or a Referer.
pub fn resume_link(origin: &str, code: &str) -> String {
    format!("{origin}{RESUME}#code={code}")
}

/// Where a catalogue entry leads: a service's start page, or the appointment booking.
pub fn catalogue_entry(id: &str) -> String {
    if id == domain::appointment::CATALOGUE_ID {
        APPOINTMENTS.to_string()
    } else {
        service(id)
    }
}

/// A page of the appointment booking: `/termin/{page}`.
pub fn appointment_step(page: &str) -> String {
    below(APPOINTMENTS, page)
}

/// The link to a booked appointment. Code and secret sit in the fragment, so they never reach
/// a server log or a Referer.
pub fn booking_link(origin: &str, code: &str, secret: &str) -> String {
    format!("{origin}{APPOINTMENTS}/buchung#code={code}&key={secret}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_paths() {
        assert_eq!(service("hunde-anmeldung"), "/leistungen/hunde-anmeldung");
        assert_eq!(
            service_step("hunde-anmeldung", "halter"),
            "/leistungen/hunde-anmeldung/halter"
        );
        assert_eq!(
            service_step("hunde-anmeldung", CHECK_PAGE),
            "/leistungen/hunde-anmeldung/pruefen"
        );
        assert_eq!(
            service_step("eheschliessung", CONFIRMATION_PAGE),
            "/leistungen/eheschliessung/bestaetigung"
        );
    }

    #[test]
    fn hearing_paths() {
        assert_eq!(hearing_step(HEARING_CASE), "/anhoerung/fall");
        assert_eq!(hearing_step(HEARING_PERSONAL), "/anhoerung/angaben");
        assert_eq!(hearing_step(HEARING_MATTER), "/anhoerung/aeusserung");
        assert_eq!(hearing_step(CHECK_PAGE), "/anhoerung/pruefen");
        assert_eq!(hearing_step(HEARING_RECEIPT), "/anhoerung/quittung");
    }

    #[test]
    fn appointment_paths_keep_the_secret_in_the_fragment() {
        assert_eq!(appointment_step("tag"), "/termin/tag");
        assert_eq!(
            booking_link("https://portal.example", "K7MP3XTA", "SECRET"),
            "https://portal.example/termin/buchung#code=K7MP3XTA&key=SECRET"
        );
    }

    #[test]
    fn change_links_and_resume_links() {
        assert_eq!(
            change(&hearing_step(HEARING_PERSONAL)),
            "/anhoerung/angaben?aendern=1"
        );
        assert_eq!(
            resume_link("https://portal.example", "K7MP3XTA"),
            "https://portal.example/fortsetzen#code=K7MP3XTA"
        );
    }

    #[test]
    fn every_path_is_its_route_table_segment() {
        let top = [
            (HEARING, segment::HEARING),
            (CHECKOUT, segment::CHECKOUT),
            (GIROCODE, segment::GIROCODE),
            (RESUME, segment::RESUME),
            (ACCESSIBILITY, segment::ACCESSIBILITY),
            (EASY_READ, segment::EASY_READ),
            (IMPRINT, segment::IMPRINT),
            (PRIVACY, segment::PRIVACY),
            (APPOINTMENTS, segment::APPOINTMENTS),
            (NOTICE, segment::NOTICE),
        ];
        for (path, segment) in top {
            assert_eq!(path, format!("/{segment}"));
        }
        assert_eq!(
            CHECKOUT_RETURN,
            below(CHECKOUT, segment::CHECKOUT_RETURN),
            "the payment rules' return path is the route table's"
        );
        assert_eq!(NOTICE_PAGE, below(NOTICE, segment::NOTICE_PAGE));
        assert_eq!(APPLICATIONS, below(ACCOUNT, segment::APPLICATIONS));
        assert_eq!(POSTBOX, below(ACCOUNT, segment::POSTBOX));
        assert_eq!(message("msg_ab"), "/konto/postfach/msg_ab");
        assert_eq!(
            domain::catalogue::LETTER_PAGES,
            [HEARING, NOTICE],
            "catalogue entries for letters lead to these pages"
        );
        assert!(service("x").starts_with(&format!("/{}/", segment::SERVICES)));
    }

    #[test]
    fn the_hearing_steps_are_the_hearing_form_steps() {
        let today = domain::date::Date::new(2026, 11, 21).unwrap();
        for role in [
            domain::hearing::HearingRole::KeeperWitness,
            domain::hearing::HearingRole::PersonConcerned,
        ] {
            let steps: Vec<String> = crate::hearing::form::definition(role, today)
                .steps
                .into_iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(steps, [HEARING_PERSONAL, HEARING_MATTER]);
            for page in [HEARING_CASE, HEARING_RECEIPT, CHECK_PAGE] {
                assert!(!steps.iter().any(|s| s == page), "{page} is not a step");
            }
        }
    }
}
