//! The citizen account (Servicekonto, BundID through an OpenID Connect provider): what the
//! portal knows about a signed-in citizen, trust levels, and where sign-in may return to.

use serde::{Deserialize, Serialize};

/// eIDAS level of assurance of the sign-in (DOMAIN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TrustLevel {
    /// User name and password.
    Basic,
    /// ELSTER certificate.
    Substantial,
    /// Online ID function of the ID card, residence permit or EU eID.
    High,
}

impl TrustLevel {
    /// The eIDAS level-of-assurance URI a provider puts into the `acr` claim.
    pub fn acr(self) -> &'static str {
        match self {
            TrustLevel::Basic => "http://eidas.europa.eu/LoA/low",
            TrustLevel::Substantial => "http://eidas.europa.eu/LoA/substantial",
            TrustLevel::High => "http://eidas.europa.eu/LoA/high",
        }
    }

    /// Reads an `acr` value: the eIDAS URIs or the plain words; anything else is basic.
    pub fn from_acr(acr: Option<&str>) -> TrustLevel {
        let acr = acr.unwrap_or("").to_ascii_lowercase();
        if acr.ends_with("high") {
            TrustLevel::High
        } else if acr.ends_with("substantial") {
            TrustLevel::Substantial
        } else {
            TrustLevel::Basic
        }
    }

    /// Attributes from substantial or high sign-ins are verified: corrected at the registry.
    pub fn verifies_attributes(self) -> bool {
        self >= TrustLevel::Substantial
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (TrustLevel::Basic, Lang::De) => "niedrig (Benutzername und Passwort)",
            (TrustLevel::Basic, Lang::En) => "basic (user name and password)",
            (TrustLevel::Substantial, Lang::De) => "substanziell (ELSTER-Zertifikat)",
            (TrustLevel::Substantial, Lang::En) => "substantial (ELSTER certificate)",
            (TrustLevel::High, Lang::De) => "hoch (Online-Ausweis)",
            (TrustLevel::High, Lang::En) => "high (online ID card)",
        }
    }
}

/// A postal address as the account delivers it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountAddress {
    pub street: String,
    pub postal_code: String,
    pub town: String,
    pub country: String,
}

/// `GET /api/v1/me`: the signed-in citizen as the account told the portal. Never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub given_name: String,
    pub family_name: String,
    /// ISO date `YYYY-MM-DD`, when the account delivered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<AccountAddress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub trust_level: TrustLevel,
    /// True when the attributes come from a substantial or high sign-in (read-only in forms).
    pub verified: bool,
    /// Seconds of inactivity after which the session ends.
    pub session_secs: i64,
    /// RFC 3339: when the session ends unless the citizen is active before.
    pub expires_at: String,
}

impl Me {
    /// The value of an account attribute a form field names as its source.
    pub fn attribute(&self, source: AccountAttribute) -> Option<String> {
        let address = self.address.as_ref();
        match source {
            AccountAttribute::GivenName => Some(self.given_name.clone()),
            AccountAttribute::FamilyName => Some(self.family_name.clone()),
            AccountAttribute::FullName => Some(format!("{} {}", self.given_name, self.family_name)),
            AccountAttribute::BirthDate => self.birth_date.clone(),
            AccountAttribute::Email => self.email.clone(),
            AccountAttribute::Street => address.map(|a| a.street.clone()),
            AccountAttribute::PostalCode => address.map(|a| a.postal_code.clone()),
            AccountAttribute::Town => address.map(|a| a.town.clone()),
        }
        .filter(|v| !v.trim().is_empty())
    }

    /// Whether a value from this attribute may not be changed in a form. The e-mail address
    /// is never verified by the ID card.
    pub fn is_verified(&self, source: AccountAttribute) -> bool {
        self.verified && source != AccountAttribute::Email
    }
}

/// An account attribute a form field can be prefilled from (`"prefill": "family_name"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountAttribute {
    GivenName,
    FamilyName,
    FullName,
    BirthDate,
    Email,
    Street,
    PostalCode,
    Town,
}

/// Longest path sign-in returns to.
pub const RETURN_PATH_MAX: usize = 512;

/// The path sign-in may return to: a same-origin absolute path (`/…`), never `//host`, a
/// backslash trick, a scheme, or control characters. Anything else returns to `/`.
pub fn safe_return_path(candidate: &str) -> &str {
    let ok = candidate.starts_with('/')
        && !candidate.starts_with("//")
        && !candidate.starts_with("/\\")
        && !candidate.contains('\\')
        && candidate.len() <= RETURN_PATH_MAX
        && !candidate
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
        && !candidate.starts_with("/api/")
        && !candidate.starts_with("/mock-idp");
    if ok {
        candidate
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_the_portal() {
        assert_eq!(
            safe_return_path("/leistungen/x?y=1#z"),
            "/leistungen/x?y=1#z"
        );
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/a\\b",
            "javascript:alert(1)",
            "",
            "leistungen",
            "/a\nb",
            "/a b",
            "/api/v1/auth/logout",
            "/mock-idp/authorize",
        ] {
            assert_eq!(safe_return_path(bad), "/", "{bad:?}");
        }
        assert_eq!(safe_return_path(&format!("/{}", "a".repeat(600))), "/");
    }

    #[test]
    fn trust_levels_read_from_acr_and_order() {
        assert_eq!(
            TrustLevel::from_acr(Some(TrustLevel::High.acr())),
            TrustLevel::High
        );
        assert_eq!(
            TrustLevel::from_acr(Some("substantial")),
            TrustLevel::Substantial
        );
        assert_eq!(TrustLevel::from_acr(None), TrustLevel::Basic);
        assert!(TrustLevel::High > TrustLevel::Substantial);
        assert!(!TrustLevel::Basic.verifies_attributes());
    }
}
