//! Demo data of the fictional town "Musterstadt". Fees are the town's data, not code.

use domain::catalogue::{Category, FeeSummary, ServiceSummary};
use domain::i18n::Text;
use domain::money::Cents;

/// The town's name as shown in the app and on payment data.
pub const TOWN: &str = "Stadt Musterstadt";

/// The town treasury's account (Stadtkasse) for fees and fines. Fictional: bank code 12345678
/// belongs to no bank, so a demo transfer can never reach anyone.
pub const TOWN_BANK_CODE: &str = "12345678";
pub const TOWN_ACCOUNT: &str = "0001234567";
pub const TOWN_BIC: &str = "MUSTDEM1XXX";

/// The treasury's IBAN, `DE09123456780001234567`.
pub fn town_iban() -> String {
    girocode::german_iban(TOWN_BANK_CODE, TOWN_ACCOUNT)
        .expect("the town's bank code and account number are well-formed")
}

fn service(
    id: &str,
    name: (&str, &str),
    summary: (&str, &str),
    category: Category,
    fee: FeeSummary,
) -> ServiceSummary {
    ServiceSummary {
        id: id.into(),
        name: Text::new(name.0, name.1),
        summary: Text::new(summary.0, summary.1),
        category,
        fee,
    }
}

pub fn services() -> Vec<ServiceSummary> {
    use Category::*;
    vec![
        service(
            "hundeanmeldung",
            ("Hundeanmeldung", "Dog registration"),
            (
                "Melden Sie Ihren Hund zur Hundesteuer an.",
                "Register your dog for the dog tax.",
            ),
            AnimalsAndTaxes,
            FeeSummary::PerYear {
                amount: Cents(9600),
            },
        ),
        service(
            "bewohnerparkausweis",
            ("Bewohnerparkausweis", "Resident parking permit"),
            (
                "Beantragen Sie einen Parkausweis für Ihre Bewohnerparkzone.",
                "Apply for a parking permit for your residents' parking zone.",
            ),
            TrafficAndParking,
            FeeSummary::PerYear {
                amount: Cents(3000),
            },
        ),
        service(
            "urkunden",
            ("Urkunden bestellen", "Order civil-status certificates"),
            (
                "Geburts-, Ehe-, Lebenspartnerschafts- und Sterbeurkunden bestellen.",
                "Order birth, marriage, partnership and death certificates.",
            ),
            FamilyAndCivilStatus,
            FeeSummary::From {
                amount: Cents(1200),
            },
        ),
        service(
            "melderegisterauskunft",
            ("Melderegisterauskunft", "Register information"),
            (
                "Erfahren Sie die Anschrift einer Person aus dem Melderegister.",
                "Obtain a person's address from the population register.",
            ),
            ResidenceAndDocuments,
            FeeSummary::Fixed { amount: Cents(700) },
        ),
        service(
            "gartenwasserzaehler",
            (
                "Zählerstandsmeldung Gartenwasserzähler",
                "Garden water meter reading",
            ),
            (
                "Melden Sie den Stand Ihres Gartenwasserzählers.",
                "Report the reading of your garden water meter.",
            ),
            WaterAndEnergy,
            FeeSummary::Free,
        ),
        service(
            "kita-anmeldung",
            ("Kita-Anmeldung", "Nursery registration"),
            (
                "Melden Sie Ihr Kind für einen Betreuungsplatz in einer Kita an.",
                "Register your child for a place at a nursery.",
            ),
            FamilyAndCivilStatus,
            FeeSummary::Free,
        ),
        service(
            "elternbeitraege",
            (
                "Einkommensüberprüfung Elternbeiträge",
                "Parental fee income check",
            ),
            (
                "Weisen Sie Ihr Einkommen für die Höhe der Kita-Elternbeiträge nach.",
                "Prove your income to set the nursery parental fee.",
            ),
            FamilyAndCivilStatus,
            FeeSummary::Free,
        ),
        service(
            "eheschliessung",
            (
                "Terminreservierung Eheschließung",
                "Wedding appointment reservation",
            ),
            (
                "Reservieren Sie einen Termin für Ihre Trauung im Standesamt.",
                "Reserve a date for your wedding at the registry office.",
            ),
            FamilyAndCivilStatus,
            FeeSummary::Fixed {
                amount: Cents(4000),
            },
        ),
        service(
            "veranstaltungskarten",
            (
                "Vorbestellung Veranstaltungskarten",
                "Pre-order event tickets",
            ),
            (
                "Bestellen Sie Karten für Veranstaltungen der Stadthalle vor.",
                "Pre-order tickets for events at the town hall.",
            ),
            CultureAndLeisure,
            FeeSummary::From { amount: Cents(800) },
        ),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn town_iban_is_valid() {
        let iban = super::town_iban();
        assert_eq!(iban, "DE09123456780001234567", "the README shows this IBAN");
        assert!(iban.parse::<iban::Iban>().is_ok(), "{iban}");
    }
}
