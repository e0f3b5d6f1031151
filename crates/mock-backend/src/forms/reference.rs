//! References, codes and ids, and the town's bank account for fees.

use domain::application::{Payee, UNAMBIGUOUS_ALPHABET};

/// Random characters from the phone-friendly alphabet (references and draft codes). The thread
/// RNG is a CSPRNG seeded by the OS, so codes cannot be predicted from earlier ones.
pub fn random_code(len: usize) -> String {
    (0..len)
        .map(|_| {
            char::from(UNAMBIGUOUS_ALPHABET[rand::random_range(0..UNAMBIGUOUS_ALPHABET.len())])
        })
        .collect()
}

/// `upl_` + 20 characters of `[a-z0-9]` (≈ 103 bits): unguessable, so an upload can only be
/// referenced by whoever sent it.
pub fn upload_id() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let tail: String = (0..20)
        .map(|_| char::from(CHARS[rand::random_range(0..CHARS.len())]))
        .collect();
    format!("upl_{tail}")
}

/// Where to transfer the fee of application `reference`.
pub fn town_payee(treasury: &crate::town::treasury::Treasury, reference: &str) -> Payee {
    Payee {
        name: treasury.name.clone(),
        iban: treasury.iban.clone(),
        bic: Some(treasury.bic.clone()),
        remittance: format!("Antrag {reference}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::application::is_unambiguous_code;

    #[test]
    fn town_payee_comes_from_the_profile() {
        let payee = town_payee(&crate::town::Town::demo().treasury(), "K7MP3XTA");
        assert_eq!(
            payee.iban, "DE09123456780001234567",
            "the README shows this IBAN"
        );
        assert!(payee.iban.parse::<iban::Iban>().is_ok());
        assert_eq!(payee.remittance, "Antrag K7MP3XTA");
        assert_eq!(payee.name, "Stadt Musterstadt");
    }

    #[test]
    fn codes_use_the_alphabet_and_differ() {
        let a = random_code(8);
        assert!(is_unambiguous_code(&a, 8), "{a}");
        let many: std::collections::HashSet<String> = (0..200).map(|_| random_code(8)).collect();
        assert_eq!(many.len(), 200);
        let id = upload_id();
        assert_eq!(id.len(), 24);
        assert!(
            id.starts_with("upl_")
                && id[4..]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        );
        assert_ne!(upload_id(), id);
    }
}
