//! Typed errors: every rule violation names the field and the reason, so the
//! app can translate by matching the enums instead of parsing English text.

use core::fmt;

/// The payload element (or input) an error refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Element 1, the service tag `BCD` (only checked by [`parse`](crate::parse)).
    ServiceTag,
    /// Element 2, the version `001` or `002`.
    Version,
    /// Element 3, the character set.
    Charset,
    /// Element 4, the identification `SCT` (only checked by [`parse`](crate::parse)).
    Identification,
    /// Element 5, the BIC of the beneficiary's bank.
    Bic,
    /// Element 6, the beneficiary name.
    Name,
    /// Element 7, the beneficiary IBAN.
    Iban,
    /// Element 8, the amount.
    Amount,
    /// Element 9, the purpose code.
    Purpose,
    /// Element 10, the structured ISO 11649 creditor reference (or a Kassenzeichen
    /// being turned into one).
    Reference,
    /// Element 11, the unstructured remittance text.
    Remittance,
    /// Element 12, the beneficiary-to-originator information.
    Info,
    /// The payload as a whole (size, line structure, QR capacity).
    Payload,
}

/// Why a field was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A mandatory value is absent or empty.
    Missing,
    /// The value is longer than `max` (characters for fields, bytes of the chosen
    /// encoding for [`Field::Payload`]).
    TooLong {
        /// The largest allowed length.
        max: usize,
    },
    /// The value does not have the required format or contains characters that
    /// are not allowed.
    Invalid,
    /// The format is right but the check digits do not match (IBAN, RF reference).
    Checksum,
    /// A number is outside its allowed range (amount below 0.01 or above 999999999.99).
    OutOfRange,
    /// An amount has more than two decimal places.
    TooManyDecimals,
    /// A structured reference and an unstructured remittance were both given;
    /// EPC069-12 allows only one of them.
    BothReferenceAndRemittance,
    /// The value contains a control character or line break, which would break
    /// the line-based payload format.
    ControlCharacter,
    /// The value contains a character the required character set cannot encode.
    NotEncodable,
    /// The payload needs a QR code larger than version 13 (EPC limit).
    QrTooLarge,
}

/// A rule violation: which field and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GiroError {
    /// The field the error refers to.
    pub field: Field,
    /// What is wrong with it.
    pub kind: ErrorKind,
}

impl GiroError {
    /// Shorthand constructor.
    pub const fn new(field: Field, kind: ErrorKind) -> Self {
        Self { field, kind }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::ServiceTag => "service tag",
            Field::Version => "version",
            Field::Charset => "character set",
            Field::Identification => "identification",
            Field::Bic => "BIC",
            Field::Name => "beneficiary name",
            Field::Iban => "IBAN",
            Field::Amount => "amount",
            Field::Purpose => "purpose code",
            Field::Reference => "creditor reference",
            Field::Remittance => "remittance information",
            Field::Info => "beneficiary-to-originator information",
            Field::Payload => "payload",
        })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Missing => f.write_str("is missing"),
            ErrorKind::TooLong { max } => write!(f, "is too long (at most {max})"),
            ErrorKind::Invalid => f.write_str("has an invalid format"),
            ErrorKind::Checksum => f.write_str("has wrong check digits"),
            ErrorKind::OutOfRange => f.write_str("is out of range (0.01 to 999999999.99)"),
            ErrorKind::TooManyDecimals => f.write_str("has more than two decimal places"),
            ErrorKind::BothReferenceAndRemittance => {
                f.write_str("cannot be combined with a structured reference (use one of them)")
            }
            ErrorKind::ControlCharacter => {
                f.write_str("contains a control character or line break")
            }
            ErrorKind::NotEncodable => {
                f.write_str("contains a character the character set cannot encode")
            }
            ErrorKind::QrTooLarge => f.write_str("does not fit a QR code of version 13 or lower"),
        }
    }
}

impl fmt::Display for GiroError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.field, self.kind) {
            (Field::Payload, ErrorKind::TooLong { max }) => {
                write!(f, "payload is too long (at most {max} bytes)")
            }
            (field, kind) => write!(f, "{field} {kind}"),
        }
    }
}

impl std::error::Error for GiroError {}
