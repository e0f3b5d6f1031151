//! The town's profile: everything town-specific the portal shows (name, colours, contacts,
//! legal texts, payee, features, payment methods). The backend reads it from the town folder's
//! `town.toml` at start and serves it as `GET /api/v1/town`; see docs/town-profile.md.

use crate::date::Date;
use crate::i18n::{Lang, Text};
use crate::payment::PaymentMethodId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TownProfile {
    /// The town's name without its kind, e.g. `Musterstadt`.
    pub name: String,
    pub kind: TownKind,
    /// File name of the coat of arms (SVG) in the town folder; served at
    /// `/api/v1/town/coat-of-arms`.
    pub coat_of_arms: String,
    /// Background of the header, `#rrggbb`; `brand_text_colour` on it meets WCAG AA (4.5:1).
    pub brand_colour: String,
    /// Text on the brand colour, `#rrggbb` (white unless stated).
    #[serde(default = "white")]
    pub brand_text_colour: String,
    /// Languages the portal offers; German first.
    pub languages: Vec<Lang>,
    pub contact: Contact,
    /// Paragraphs of the imprint (Impressum).
    pub imprint: Vec<Text>,
    /// Paragraphs of the privacy notice (Datenschutz).
    pub privacy: Vec<Text>,
    pub accessibility: AccessibilityDetails,
    /// Paragraphs of the Leichte Sprache page (German; `en` is the plain-English version).
    pub easy_read: Vec<Text>,
    /// Videos in German Sign Language (DGS); empty until the town has them.
    #[serde(default)]
    pub sign_language_videos: Vec<SignLanguageVideo>,
    pub payee: TownPayee,
    pub features: Features,
    /// Payment methods offered at the checkout, in this order.
    pub payment_methods: Vec<PaymentMethodId>,
}

fn white() -> String {
    "#ffffff".into()
}

/// `Stadt` or `Gemeinde` (shown before the name: "Stadt Musterstadt").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TownKind {
    Stadt,
    Gemeinde,
}

/// The citizens' office (Bürgerbüro).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// e.g. "Bürgerbüro" / "Citizens' office".
    pub office: Text,
    pub street: String,
    pub postal_code: String,
    pub town: String,
    pub phone: String,
    pub email: String,
    /// One line per day range, e.g. "Mo–Fr 8–12 Uhr".
    pub opening_hours: Vec<Text>,
}

/// Details of the accessibility statement (BITV 2.0 § 7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessibilityDetails {
    /// When the statement was written.
    pub statement_date: Date,
    /// When the portal was last tested.
    pub last_test: Date,
    /// How it was tested (self-assessment, external audit, ...).
    pub method: Text,
    /// Contents that are not yet accessible.
    #[serde(default)]
    pub known_gaps: Vec<Text>,
    pub feedback_email: String,
    pub feedback_phone: String,
    pub enforcement_body: EnforcementBody,
}

/// The state's enforcement body (Durchsetzungs- or Schlichtungsstelle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnforcementBody {
    pub name: Text,
    pub address: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A video in German Sign Language with its transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignLanguageVideo {
    pub title: Text,
    /// A link (https://…) or a path on this host.
    pub url: String,
    pub transcript: Text,
}

/// The account fees and fines are paid to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TownPayee {
    /// Account holder as on the bank statement, e.g. "Stadt Musterstadt".
    pub name: String,
    pub iban: String,
    pub bic: String,
    /// SEPA creditor identifier (Gläubiger-ID) for direct debits.
    pub creditor_id: String,
}

/// Which parts of the portal are switched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Features {
    /// Online hearing for administrative offences.
    pub hearing: bool,
    pub notices: bool,
    pub appointments: bool,
    pub account: bool,
}

impl TownKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TownKind::Stadt, Lang::De) => "Stadt",
            (TownKind::Gemeinde, Lang::De) => "Gemeinde",
            (TownKind::Stadt, Lang::En) => "Town of",
            (TownKind::Gemeinde, Lang::En) => "Municipality of",
        }
    }
}

impl TownProfile {
    /// "Stadt Musterstadt" / "Town of Musterstadt".
    pub fn full_name(&self, lang: Lang) -> String {
        format!("{} {}", self.kind.label(lang), self.name)
    }
}

/// A colour `#rrggbb` (or `#rgb`) as its three channels.
pub fn parse_hex_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize, len: usize| u8::from_str_radix(&hex[i..i + len], 16).ok();
    match hex.len() {
        6 => Some([channel(0, 2)?, channel(2, 2)?, channel(4, 2)?]),
        3 => {
            let c = |i| channel(i, 1).map(|v| v * 17);
            Some([c(0)?, c(1)?, c(2)?])
        }
        _ => None,
    }
}

/// WCAG 2.x relative luminance.
pub fn relative_luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

/// WCAG contrast ratio of two colours, 1.0 … 21.0.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A darker shade (for borders and hover states next to the brand colour): each channel × 0.65.
pub fn darker(rgb: [u8; 3]) -> String {
    let d = |c: u8| (u16::from(c) * 65 / 100) as u8;
    format!("#{:02x}{:02x}{:02x}", d(rgb[0]), d(rgb[1]), d(rgb[2]))
}

/// A lighter shade (next to a brand colour that carries dark text): 35 % of the way to white.
pub fn lighter(rgb: [u8; 3]) -> String {
    let l = |c: u8| c + ((u16::from(255 - c) * 35 / 100) as u8);
    format!("#{:02x}{:02x}{:02x}", l(rgb[0]), l(rgb[1]), l(rgb[2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        let white = [255, 255, 255];
        let black = [0, 0, 0];
        assert!((contrast_ratio(white, black) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = parse_hex_colour("#767676").unwrap_or(black);
        assert!((contrast_ratio(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(parse_hex_colour("#fff"), Some(white));
        assert_eq!(parse_hex_colour("#0B4F6C"), Some([11, 79, 108]));
        assert_eq!(parse_hex_colour("0b4f6c"), None);
        assert_eq!(parse_hex_colour("#0b4f6"), None);
        assert_eq!(parse_hex_colour("#ggg"), None);
        assert_eq!(darker([100, 200, 255]), "#4182a5");
        assert_eq!(lighter([0, 100, 255]), "#599aff");
    }

    #[test]
    fn full_name_in_both_languages() {
        assert_eq!(TownKind::Gemeinde.label(Lang::De), "Gemeinde");
        assert_eq!(TownKind::Stadt.label(Lang::En), "Town of");
    }
}
