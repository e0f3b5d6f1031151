//! The town folder: the profile (`town.toml`), its coat of arms, and — in later files — the
//! catalogue, form definitions and demo data. Read once at start; a wrong or incomplete folder
//! stops the backend with one message per problem, never a half-configured portal.

pub mod appointments;
pub mod demo;
pub mod problem;
pub mod profile;
pub mod relative;
pub mod services;
pub mod shell;
pub mod treasury;

pub use problem::ConfigProblem;
pub use treasury::Treasury;

use domain::town::TownProfile;
use std::path::{Path, PathBuf};

/// The demo town the repository ships (and the tests use).
pub const DEFAULT_DIR: &str = "towns/musterstadt";

/// Everything read from a town folder, validated.
#[derive(Debug, Clone)]
pub struct Town {
    pub dir: PathBuf,
    pub profile: TownProfile,
    /// The coat of arms as read from its SVG file.
    pub coat_of_arms_svg: String,
    /// The catalogue and the form definitions.
    pub services: services::Services,
    /// Demo data: appointment slots, meters.
    pub demo: demo::Demo,
    /// Concerns and locations of the appointment booking (`appointments.json`); `None` when
    /// `features.appointments` is off.
    pub appointments: Option<domain::appointment::AppointmentOffer>,
}

impl Town {
    /// Reads and validates the folder; every problem found is listed.
    pub fn load(dir: &Path) -> Result<Town, Vec<ConfigProblem>> {
        Town::load_on(dir, crate::clock::Clock::default().today())
    }

    /// As [`Town::load`], with relative values checked for `today`.
    pub fn load_on(dir: &Path, today: domain::date::Date) -> Result<Town, Vec<ConfigProblem>> {
        let mut problems = Vec::new();
        let loaded = profile::load(dir, &mut problems);
        let services = services::load(dir, today, &mut problems);
        let features = loaded.as_ref().map(|(p, _)| &p.features);
        let appointments =
            appointments::load(dir, features.map(|f| f.appointments), today, &mut problems);
        let demo = demo::load(
            dir,
            &services,
            features,
            appointments.as_ref(),
            today,
            &mut problems,
        );
        if let Some(f) = features {
            // A catalogue entry may not lead to a part of the portal the town has switched off.
            for (i, s) in services.catalogue.iter().enumerate() {
                let off = match s.letter_page() {
                    Some("/anhoerung") => !f.hearing,
                    Some("/zahlen") => !f.notices,
                    _ => false,
                };
                if off {
                    problems.push(ConfigProblem::new(
                        services::CATALOGUE,
                        format!("[{i}].link"),
                        "leads to a feature that is off in town.toml (features.hearing / features.notices)",
                    ));
                }
            }
        }
        match loaded {
            Some((profile, coat_of_arms_svg)) if problems.is_empty() => Ok(Town {
                dir: dir.to_path_buf(),
                profile,
                coat_of_arms_svg,
                services,
                demo,
                appointments,
            }),
            _ => Err(problems),
        }
    }

    /// The repository's Musterstadt folder, found from this crate's location (tests, demos).
    /// Panics with the list of problems if the shipped folder is broken — a bug in the repo.
    pub fn demo() -> Town {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(DEFAULT_DIR);
        match Town::load(&dir) {
            Ok(town) => town,
            Err(problems) => {
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                panic!("the shipped demo town is invalid:\n{}", list.join("\n"))
            }
        }
    }

    /// "Stadt Musterstadt": the payee's and the remittance's town name.
    pub fn official_name(&self) -> String {
        self.profile.full_name(domain::i18n::Lang::De)
    }
}

impl Town {
    pub fn treasury(&self) -> Treasury {
        let p = &self.profile;
        Treasury {
            name: p.payee.name.clone(),
            iban: p.payee.iban.clone(),
            bic: p.payee.bic.clone(),
            creditor_id: p.payee.creditor_id.clone(),
            address: format!(
                "{}, {} {}",
                p.contact.street, p.contact.postal_code, p.contact.town
            ),
            mandate_prefix: p
                .name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(6)
                .collect::<String>()
                .to_ascii_uppercase(),
        }
    }
}
