//! The bundled mock identity provider's state: test identities, ES256 keys made at start,
//! authorization codes, provider sessions and the faults tests switch on. The HTTP side is
//! `idp.rs`.

use crate::sync::lock;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::account::TrustLevel;
use openidconnect::core::{CoreJsonCurveType, CoreJsonWebKey, CoreJwsSigningAlgorithm};
use openidconnect::{JsonWebKeyId, PrivateSigningKey, SigningError};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

/// A test person. Attribute names follow OpenID Connect's standard claims.
pub struct Identity {
    pub id: &'static str,
    pub subject: &'static str,
    pub given_name: &'static str,
    pub family_name: &'static str,
    pub birth_date: &'static str,
    pub street: &'static str,
    pub postal_code: &'static str,
    pub town: &'static str,
    pub email: &'static str,
    pub level: TrustLevel,
    pub note: &'static str,
}

pub const IDENTITIES: [Identity; 3] = [
    Identity {
        id: "erika",
        subject: "bpk2-7f3a9c1e-erika",
        given_name: "Erika",
        family_name: "Mustermann",
        birth_date: "1964-08-12",
        street: "Heidestraße 17",
        postal_code: "12345",
        town: "Musterstadt",
        email: "erika.mustermann@example.org",
        level: TrustLevel::Basic,
        note: "Benutzername und Passwort",
    },
    Identity {
        id: "marie",
        subject: "bpk2-c02d55b8-marie",
        given_name: "Marie-Luise Şükriye",
        family_name: "Müller-Lüdenscheidt-Großkopf",
        birth_date: "1987-02-28",
        street: "Rathausplatz 3",
        postal_code: "12345",
        town: "Musterstadt",
        email: "m.mueller-luedenscheidt@example.org",
        level: TrustLevel::Substantial,
        note: "ELSTER-Zertifikat",
    },
    Identity {
        id: "jonas",
        subject: "bpk2-91be0f44-jonas",
        given_name: "Jonas",
        family_name: "Weißgerber",
        birth_date: "1999-11-03",
        street: "Am Mühlbach 8",
        postal_code: "54321",
        town: "Beispielhausen",
        email: "jonas.weissgerber@example.org",
        level: TrustLevel::High,
        note: "Online-Ausweis, wohnt außerhalb",
    },
];

pub fn identity(id: &str) -> Option<&'static Identity> {
    IDENTITIES.iter().find(|i| i.id == id)
}

/// What a test makes the provider do wrong, to check the portal refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    OtherAudience,
    Expired,
    Tampered,
    UnknownKid,
    WrongIssuer,
    WrongNonce,
}

pub struct Grant {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub nonce: Option<String>,
    pub identity: &'static str,
    pub issuer: String,
    pub expires: i64,
}

/// An ES256 key with its id.
pub struct EcKey {
    key: SigningKey,
    kid: String,
}

impl EcKey {
    pub fn generate() -> EcKey {
        loop {
            let mut bytes = [0u8; 32];
            if getrandom::fill(&mut bytes).is_err() {
                continue;
            }
            if let Ok(key) = SigningKey::from_slice(&bytes) {
                let point = key.verifying_key().to_encoded_point(false);
                let kid = URL_SAFE_NO_PAD.encode(&Sha256::digest(point.as_bytes())[..12]);
                return EcKey { key, kid };
            }
        }
    }
}

impl PrivateSigningKey for EcKey {
    type VerificationKey = CoreJsonWebKey;

    fn sign(&self, alg: &CoreJwsSigningAlgorithm, message: &[u8]) -> Result<Vec<u8>, SigningError> {
        if *alg != CoreJwsSigningAlgorithm::EcdsaP256Sha256 {
            return Err(SigningError::UnsupportedAlg(format!("{alg:?}")));
        }
        let sig: Signature = self.key.sign(message);
        Ok(sig.to_bytes().to_vec())
    }

    fn as_verification_key(&self) -> CoreJsonWebKey {
        let point = self.key.verifying_key().to_encoded_point(false);
        CoreJsonWebKey::new_ec(
            point.x().map(|x| x.to_vec()).unwrap_or_default(),
            point.y().map(|y| y.to_vec()).unwrap_or_default(),
            CoreJsonCurveType::P256,
            Some(JsonWebKeyId::new(self.kid.clone())),
        )
    }
}

/// Keys, codes and sessions of the mock provider.
pub struct MockIdp {
    pub key: EcKey,
    /// Signs tokens under a `kid` the JWKS does not list (fault `UnknownKid`).
    pub stray_key: EcKey,
    pub grants: Mutex<HashMap<String, Grant>>,
    pub sessions: Mutex<HashMap<String, &'static str>>,
    pub fault: Mutex<Option<Fault>>,
}

impl Default for MockIdp {
    fn default() -> Self {
        MockIdp {
            key: EcKey::generate(),
            stray_key: EcKey::generate(),
            grants: Mutex::new(HashMap::new()),
            sessions: Mutex::new(HashMap::new()),
            fault: Mutex::new(None),
        }
    }
}

impl MockIdp {
    /// Tests: the next tokens are wrong in this way (`None`: correct again).
    pub fn set_fault(&self, fault: Option<Fault>) {
        *lock(&self.fault) = fault;
    }

    /// Number of open provider sessions (tests check sign-out ends them).
    pub fn session_count(&self) -> usize {
        lock(&self.sessions).len()
    }
}
