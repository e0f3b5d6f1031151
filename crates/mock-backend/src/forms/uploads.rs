//! Checks for uploaded files: declared type, magic bytes, size and the file name header.

/// "10 MB" as users' file managers show it.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// axum's body limit for the route: a little above the maximum, so that every oversized body
/// is either caught by the length check or by the limit — both answered with the same 422.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;
pub const MAX_NAME_CHARS: usize = 200;

/// The request body of an upload in the API description: raw bytes.
pub struct FileBody;

impl utoipa::PartialSchema for FileBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for FileBody {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    /// From a `Content-Type` header (parameters and case ignored).
    pub fn from_content_type(value: &str) -> Option<FileType> {
        let essence = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/pdf" => Some(FileType::Pdf),
            "image/jpeg" => Some(FileType::Jpeg),
            "image/png" => Some(FileType::Png),
            _ => None,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }

    /// Whether the bytes start like a file of this type (a renamed .exe is not a PDF).
    pub fn matches(self, bytes: &[u8]) -> bool {
        let magic: &[u8] = match self {
            FileType::Pdf => b"%PDF",
            FileType::Jpeg => &[0xFF, 0xD8, 0xFF],
            FileType::Png => &[0x89, 0x50, 0x4E, 0x47],
        };
        bytes.starts_with(magic)
    }
}

/// The syntax of `X-File-Name` as the API description states it (`pattern`): printable ASCII,
/// `%` only as an escape with two hex digits, not starting with a space (HTTP would strip it).
pub const NAME_PATTERN: &str = "^(?:[!-$&-~]|%[0-9A-Fa-f]{2})(?:[ -$&-~]|%[0-9A-Fa-f]{2})*$";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Missing or not of the documented syntax (400).
    Malformed,
    /// Well-formed, but no usable name: escapes that are not UTF-8, or nothing left after
    /// removing the path and control characters (422).
    Unusable,
    TooLong,
}

/// The file name from `X-File-Name`: percent-decoded UTF-8, any client path removed
/// (`C:\Users\a\b.pdf` → `b.pdf`), control characters dropped, at most 200 characters.
pub fn file_name(header: Option<&[u8]>) -> Result<String, NameProblem> {
    let raw = header
        .filter(|h| is_well_formed(h))
        .ok_or(NameProblem::Malformed)?;
    let decoded = percent_decode(raw).ok_or(NameProblem::Unusable)?;
    clean_name(&decoded)
}

/// A decoded file name with any client path and control characters removed, at most 200
/// characters (the rule of `X-File-Name`, also used for names sent in JSON).
pub fn clean_name(decoded: &str) -> Result<String, NameProblem> {
    let base = decoded.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned();
    if name.is_empty() || name == "." || name == ".." {
        return Err(NameProblem::Unusable);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    Ok(name)
}

/// [`NAME_PATTERN`] without a regex engine.
fn is_well_formed(h: &[u8]) -> bool {
    let mut i = 0;
    while i < h.len() {
        match h[i] {
            b'%' => {
                if !(i + 2 < h.len()
                    && h[i + 1].is_ascii_hexdigit()
                    && h[i + 2].is_ascii_hexdigit())
                {
                    return false;
                }
                i += 3;
            }
            b' ' if i == 0 => return false,
            b' '..=b'~' => i += 1,
            _ => return false,
        }
    }
    !h.is_empty()
}

/// `%C3%A4` → `ä`. `+` stays a plus (encodeURIComponent writes spaces as `%20`). The input is
/// well-formed; `None` when the bytes are not UTF-8.
fn percent_decode(s: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            let hex = std::str::from_utf8(s.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_magic_bytes() {
        assert_eq!(
            FileType::from_content_type("application/PDF; charset=binary"),
            Some(FileType::Pdf)
        );
        assert_eq!(FileType::from_content_type("image/gif"), None);
        assert!(FileType::Pdf.matches(b"%PDF-1.7\n"));
        assert!(!FileType::Pdf.matches(b"MZ\x90\x00"));
        assert!(FileType::Jpeg.matches(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(FileType::Png.matches(b"\x89PNG\r\n\x1a\n"));
        assert!(!FileType::Png.matches(&[0xFF, 0xD8, 0xFF]));
    }

    #[test]
    fn the_description_states_this_syntax() {
        let quoted = serde_json::to_string(NAME_PATTERN).unwrap_or_default();
        assert!(
            crate::openapi::json().contains(&format!("\"pattern\": {quoted}")),
            "X-File-Name's pattern"
        );
    }

    #[test]
    fn file_names_are_decoded_and_stripped() {
        let name = |h: &str| file_name(Some(h.as_bytes()));
        assert_eq!(
            name("Fahrzeugschein%20%C3%A4.pdf"),
            Ok("Fahrzeugschein ä.pdf".into())
        );
        assert_eq!(name("C%3A%5CUsers%5Ca%5Cscan.pdf"), Ok("scan.pdf".into()));
        assert_eq!(name("..%2F..%2Fetc%2Fpasswd"), Ok("passwd".into()));
        assert_eq!(name("a%0Ab.png"), Ok("ab.png".into()));
        assert_eq!(name("%FF.pdf"), Err(NameProblem::Unusable), "not UTF-8");
        assert_eq!(name("dir%2F"), Err(NameProblem::Unusable));
        assert_eq!(name("%01"), Err(NameProblem::Unusable));
        assert_eq!(name("%2"), Err(NameProblem::Malformed));
        assert_eq!(name("100%.pdf"), Err(NameProblem::Malformed));
        assert_eq!(name("a\tb.pdf"), Err(NameProblem::Malformed));
        assert_eq!(name(" a.pdf"), Err(NameProblem::Malformed));
        assert_eq!(name(""), Err(NameProblem::Malformed));
        assert_eq!(
            file_name(Some("ä.pdf".as_bytes())),
            Err(NameProblem::Malformed),
            "raw UTF-8 is not the syntax"
        );
        assert_eq!(file_name(None), Err(NameProblem::Malformed));
        assert_eq!(name(&"a".repeat(201)), Err(NameProblem::TooLong));
        assert_eq!(
            name(&"%C3%A4".repeat(200)).map(|n| n.chars().count()),
            Ok(200)
        );
    }
}
