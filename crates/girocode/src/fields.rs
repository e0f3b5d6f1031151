//! The payload's data model: version, character set and the checked fields.

/// Payload element 2. `002` (default) makes the BIC optional; `001` requires it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Version {
    /// `001`: BIC mandatory.
    V001,
    /// `002`: BIC optional (accepted within the EEA).
    #[default]
    V002,
}

impl Version {
    /// The element as written in the payload (`"001"` / `"002"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Version::V001 => "001",
            Version::V002 => "002",
        }
    }
}

/// Payload element 3. Only the two character sets banking apps reliably read
/// are supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Charset {
    /// `1`: UTF-8 (default).
    #[default]
    Utf8,
    /// `2`: ISO 8859-1 (Latin-1). One byte per character, so umlauts cost half
    /// the space of UTF-8; only characters up to U+00FF can be encoded.
    Latin1,
}

impl Charset {
    /// The element as written in the payload (`"1"` / `"2"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "1",
            Charset::Latin1 => "2",
        }
    }

    /// Encodes text in this character set. Characters above U+00FF become `?`
    /// in Latin-1; a [`GiroCode`](crate::GiroCode) never contains such characters.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Charset::Utf8 => text.as_bytes().to_vec(),
            Charset::Latin1 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect(),
        }
    }

    /// Number of bytes `text` takes in this character set (counting
    /// non-encodable characters as one byte each).
    pub fn byte_len(self, text: &str) -> usize {
        match self {
            Charset::Utf8 => text.len(),
            Charset::Latin1 => text.chars().count(),
        }
    }
}

/// The checked content of a GiroCode, one member per payload element
/// (service tag and identification are constant and left out).
///
/// Text members hold the value as it appears in the payload: trimmed, IBAN,
/// BIC and reference without spaces and uppercase, transliterated if that was
/// asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Fields {
    /// Element 2.
    pub version: Version,
    /// Element 3.
    pub charset: Charset,
    /// Element 5, 8 or 11 characters.
    pub bic: Option<String>,
    /// Element 6, 1–70 characters.
    pub name: String,
    /// Element 7, electronic format.
    pub iban: String,
    /// Element 8 in cents (1 ..= 99 999 999 999).
    pub amount_cents: Option<u64>,
    /// Element 9, four uppercase letters.
    pub purpose: Option<String>,
    /// Element 10, ISO 11649 reference (`RF…`).
    pub reference: Option<String>,
    /// Element 11, at most 140 characters.
    pub remittance: Option<String>,
    /// Element 12, at most 70 characters.
    pub info: Option<String>,
}
