//! The payee of fees and fines as the stores need it (kept apart from the town folder's
//! loading, so the stores do not depend on it).

/// The account fees and fines go to, with what the payment pages show about the payee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Treasury {
    /// Account holder, e.g. "Stadt Musterstadt".
    pub name: String,
    pub iban: String,
    pub bic: String,
    pub creditor_id: String,
    /// "Rathausplatz 1, 12345 Musterstadt" (the citizens' office).
    pub address: String,
    /// Start of SEPA mandate references: the town's name, upper case, at most 6 letters
    /// ("MUSTER").
    pub mandate_prefix: String,
}
