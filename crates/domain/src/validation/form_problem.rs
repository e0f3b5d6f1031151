//! The wizard form fields' own problems and their wording, German and English.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    Required {
        label_de: String,
        label_en: String,
    },
    ChooseOne {
        label_de: String,
        label_en: String,
    },
    TooLong {
        max: u32,
    },
    DigitsOnly,
    DigitsLength {
        min: u32,
        max: u32,
    },
    NotAWholeNumber,
    NumberRange {
        min: i64,
        max: i64,
    },
    DateFormat,
    DateNotInPast,
    DateNotInFuture,
    DateBefore {
        date: String,
    },
    DateTooFarAhead {
        days: u32,
    },
    AgeAtLeast {
        years: u8,
    },
    Email,
    Phone,
    PostalCode,
    Iban,
    VehicleRegistration,
    UnknownOption,
    TooManyChoices {
        max: u32,
    },
    GroupItems {
        min: u32,
        max: u32,
    },
    AddressPart {
        part_de: &'static str,
        part_en: &'static str,
    },
    ControlCharacters,
    /// The answer names an upload the server does not know (expired or never sent).
    UploadNotFound,
    /// A meter reading below the last one the server has for that meter (server-side rule).
    ReadingBelowLast {
        last: i64,
    },
}

impl FormProblem {
    pub fn message(&self, lang: Lang) -> String {
        use FormProblem::*;
        let de = lang == Lang::De;
        match self {
            Required { label_de, label_en } => {
                if de {
                    format!("Bitte füllen Sie „{label_de}“ aus.")
                } else {
                    format!("Enter “{label_en}”.")
                }
            }
            ChooseOne { label_de, label_en } => {
                if de {
                    format!("Bitte wählen Sie bei „{label_de}“ eine Antwort aus.")
                } else {
                    format!("Select an answer for “{label_en}”.")
                }
            }
            TooLong { max } => {
                if de {
                    format!("Bitte geben Sie höchstens {max} Zeichen ein.")
                } else {
                    format!("Enter {max} characters or fewer.")
                }
            }
            DigitsOnly => {
                if de {
                    "Bitte geben Sie nur Ziffern ein.".into()
                } else {
                    "Enter digits only.".into()
                }
            }
            DigitsLength { min, max } if min == max => {
                if de {
                    format!("Die Nummer hat genau {min} Ziffern.")
                } else {
                    format!("The number has exactly {min} digits.")
                }
            }
            DigitsLength { min, max } => {
                if de {
                    format!("Die Nummer hat {min} bis {max} Ziffern.")
                } else {
                    format!("The number has {min} to {max} digits.")
                }
            }
            NotAWholeNumber => {
                if de {
                    "Bitte geben Sie eine ganze Zahl ein, zum Beispiel 12.".into()
                } else {
                    "Enter a whole number, for example 12.".into()
                }
            }
            NumberRange { min, max } => {
                if de {
                    format!("Bitte geben Sie eine Zahl von {min} bis {max} ein.")
                } else {
                    format!("Enter a number from {min} to {max}.")
                }
            }
            DateFormat => {
                if de {
                    "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein.".into()
                } else {
                    "Enter a real date in the format DD.MM.YYYY.".into()
                }
            }
            DateNotInPast => {
                if de {
                    "Das Datum darf nicht in der Zukunft liegen.".into()
                } else {
                    "The date must be today or in the past.".into()
                }
            }
            DateNotInFuture => {
                if de {
                    "Das Datum muss in der Zukunft liegen.".into()
                } else {
                    "The date must be in the future.".into()
                }
            }
            DateBefore { date } => {
                if de {
                    format!("Das Datum darf nicht vor dem {date} liegen.")
                } else {
                    format!("The date must not be before {date}.")
                }
            }
            DateTooFarAhead { days } => {
                if de {
                    format!("Das Datum darf höchstens {days} Tage in der Zukunft liegen.")
                } else {
                    format!("The date must be at most {days} days ahead.")
                }
            }
            AgeAtLeast { years } => {
                if de {
                    format!("Die Person muss mindestens {years} Jahre alt sein.")
                } else {
                    format!("The person must be at least {years} years old.")
                }
            }
            Email => {
                if de {
                    "Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.".into()
                } else {
                    "Enter an email address in the format name@example.com.".into()
                }
            }
            Phone => {
                if de {
                    "Bitte geben Sie eine Telefonnummer mit 6 bis 20 Ziffern ein, zum Beispiel 030 1234567.".into()
                } else {
                    "Enter a phone number with 6 to 20 digits, for example 030 1234567.".into()
                }
            }
            PostalCode => {
                if de {
                    "Die Postleitzahl hat 5 Ziffern.".into()
                } else {
                    "The postcode has 5 digits.".into()
                }
            }
            Iban => {
                if de {
                    "Die IBAN ist nicht korrekt. Bitte prüfen Sie sie, zum Beispiel DE89 3704 0044 0532 0130 00.".into()
                } else {
                    "The IBAN is not correct. Check it, for example DE89 3704 0044 0532 0130 00."
                        .into()
                }
            }
            VehicleRegistration => {
                if de {
                    "Bitte geben Sie das Kennzeichen so ein: UN-AB 123.".into()
                } else {
                    "Enter the registration like this: UN-AB 123.".into()
                }
            }
            UnknownOption => {
                if de {
                    "Bitte wählen Sie eine der angebotenen Antworten.".into()
                } else {
                    "Select one of the answers offered.".into()
                }
            }
            TooManyChoices { max } => {
                if de {
                    format!("Bitte wählen Sie höchstens {max} aus.")
                } else {
                    format!("Select {max} or fewer.")
                }
            }
            GroupItems { min, max } => {
                if de {
                    format!("Bitte geben Sie {min} bis {max} Einträge an.")
                } else {
                    format!("Add {min} to {max} entries.")
                }
            }
            AddressPart { part_de, part_en } => {
                if de {
                    format!("Bitte geben Sie {part_de} ein.")
                } else {
                    format!("Enter {part_en}.")
                }
            }
            ControlCharacters => {
                if de {
                    "Der Text enthält unzulässige Steuerzeichen.".into()
                } else {
                    "The text contains control characters that are not allowed.".into()
                }
            }
            UploadNotFound => {
                if de {
                    "Die Datei wurde nicht gefunden. Bitte laden Sie sie erneut hoch.".into()
                } else {
                    "The file was not found. Upload it again.".into()
                }
            }
            ReadingBelowLast { last } => {
                if de {
                    format!("Der Zählerstand ist niedriger als der zuletzt gemeldete ({last} m³). Bitte prüfen Sie Ihre Ablesung.")
                } else {
                    format!("The reading is lower than the last one reported ({last} m³). Please check your reading.")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_side_problems_have_specific_texts() {
        let p = FormProblem::ReadingBelowLast { last: 1234 };
        assert_eq!(p.message(Lang::De), "Der Zählerstand ist niedriger als der zuletzt gemeldete (1234 m³). Bitte prüfen Sie Ihre Ablesung.");
        assert!(p.message(Lang::En).contains("(1234 m³)"));
        assert!(FormProblem::UploadNotFound
            .message(Lang::De)
            .contains("erneut hoch"));
    }
}
