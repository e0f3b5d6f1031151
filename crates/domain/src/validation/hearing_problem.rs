//! The online hearing's own field problems and their wording, German and English.

use crate::i18n::Lang;

/// Hearing-specific problems; generic ones (required, too long) use
/// [`Problem`](super::Problem)'s variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingProblem {
    DateOfBirthFormat,
    DateOfBirthInFuture,
    DateOfBirthTooEarly,
    NameCharacters,
    PostalCodeGerman,
    PostalCodeFormat,
    HouseNumber,
    MaritalStatusMissing,
    OnlyForKeeperWitness,
    NotForWitness,
    TooManyAttachments { max: usize },
    AttachmentId,
}

impl HearingProblem {
    pub fn message(&self, lang: Lang) -> String {
        use HearingProblem::*;
        let de = lang == Lang::De;
        let s = match self {
            DateOfBirthFormat if de => "Bitte geben Sie das Geburtsdatum im Format TT.MM.JJJJ ein.",
            DateOfBirthFormat => "Enter the date of birth in the format DD.MM.YYYY.",
            DateOfBirthInFuture if de => "Das Geburtsdatum darf nicht in der Zukunft liegen.",
            DateOfBirthInFuture => "The date of birth must not be in the future.",
            DateOfBirthTooEarly if de => "Bitte prüfen Sie das Geburtsdatum: Es liegt mehr als 120 Jahre zurück.",
            DateOfBirthTooEarly => "Check the date of birth: it is more than 120 years ago.",
            NameCharacters if de => {
                "Bitte verwenden Sie im Namen nur Buchstaben, Leerzeichen, Bindestriche, Apostrophe und Punkte."
            }
            NameCharacters => "Use only letters, spaces, hyphens, apostrophes and full stops in the name.",
            PostalCodeGerman if de => "Die Postleitzahl hat 5 Ziffern, zum Beispiel 12345.",
            PostalCodeGerman => "The postcode has 5 digits, for example 12345.",
            PostalCodeFormat if de => {
                "Die Postleitzahl darf nur Buchstaben, Ziffern, Leerzeichen und Bindestriche enthalten (höchstens 10 Zeichen)."
            }
            PostalCodeFormat => "The postcode may contain only letters, digits, spaces and hyphens (10 characters or fewer).",
            HouseNumber if de => "Bitte geben Sie die Hausnummer mit einer Ziffer an, zum Beispiel 12 oder 12a.",
            HouseNumber => "Enter the house number with a digit, for example 12 or 12a.",
            MaritalStatusMissing if de => "Bitte wählen Sie Ihren Familienstand aus.",
            MaritalStatusMissing => "Select your marital status.",
            OnlyForKeeperWitness if de => {
                "Diese Antwort ist nur für Fahrzeughalterinnen und Fahrzeughalter möglich, die als Zeugin oder Zeuge befragt werden."
            }
            OnlyForKeeperWitness => "This answer is only for vehicle keepers questioned as a witness.",
            NotForWitness if de => {
                "Als Zeugin oder Zeuge nennen Sie bitte die Person, die gefahren ist, berufen sich als Angehörige oder Angehöriger auf Ihr Zeugnisverweigerungsrecht oder geben eine Stellungnahme ab."
            }
            NotForWitness => "As a witness, name the person who drove, refuse as a relative, or make a statement.",
            TooManyAttachments { max } => {
                return if de { format!("Bitte hängen Sie höchstens {max} Dateien an.") } else { format!("Attach {max} files or fewer.") };
            }
            AttachmentId if de => "Eine angehängte Datei ist unbekannt. Bitte laden Sie sie erneut hoch.",
            AttachmentId => "An attached file is unknown. Upload it again.",
        };
        s.to_owned()
    }
}
