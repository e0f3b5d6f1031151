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

/// The town treasury's account (Stadtkasse), the same fictional one the hearings' payee uses:
/// BLZ 12345678 belongs to no bank, so a demo transfer can never reach anyone.
const TOWN_BANK_CODE: &str = "12345678";
const TOWN_ACCOUNT: &str = "0001234567";
const TOWN_BIC: &str = "MUSTDEM1XXX";

/// A German IBAN from bank code (8 digits) and account number (10 digits, zero-padded), with
/// ISO 7064 MOD 97-10 check digits computed piecewise (the number has more digits than a u64).
pub fn german_iban(bank_code: &str, account: &str) -> String {
    let bban = format!("{bank_code}{account:0>10}");
    // Rearranged: BBAN, then country code as digits (D=13, E=14), then "00".
    let digits = format!("{bban}131400");
    let remainder = digits
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    format!("DE{:02}{bban}", 98 - remainder)
}

/// Where to transfer the fee of application `reference`.
pub fn town_payee(reference: &str) -> Payee {
    Payee {
        name: crate::seed::TOWN.into(),
        iban: german_iban(TOWN_BANK_CODE, TOWN_ACCOUNT),
        bic: Some(TOWN_BIC.into()),
        remittance: format!("Antrag {reference}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::application::is_unambiguous_code;

    #[test]
    fn town_iban_is_valid_and_the_check_digits_match_known_ibans() {
        assert_eq!(
            german_iban("37040044", "532013000"),
            "DE89370400440532013000",
            "the Bundesbank's example"
        );
        let payee = town_payee("K7MP3XTA");
        assert_eq!(
            payee.iban, "DE09123456780001234567",
            "the README shows this IBAN"
        );
        assert!(payee.iban.parse::<iban::Iban>().is_ok());
        assert_eq!(payee.remittance, "Antrag K7MP3XTA");
        assert_eq!(payee.name, "Stadt Musterstadt");
        for (blz, account) in [
            ("10000000", "1"),
            ("50010517", "5407324924"),
            ("76026000", "0000000000"),
        ] {
            let iban = german_iban(blz, account);
            assert!(iban.parse::<iban::Iban>().is_ok(), "{iban}");
        }
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
