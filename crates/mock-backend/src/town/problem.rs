//! A problem found in a town folder.

use std::fmt;

/// One problem in the town folder: which file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: String,
    /// Dotted path of the field (`payee.iban`, `steps[2].fields[0].condition`); empty for the
    /// whole file.
    pub field: String,
    pub message: String,
}

impl ConfigProblem {
    pub fn new(file: &str, field: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigProblem {
            file: file.into(),
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}
