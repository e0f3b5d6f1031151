//! Checks for uploaded files: declared type, magic bytes, size and the file name header.

/// "10 MB" as users' file managers show it.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// axum's body limit for the route: a little above the maximum, so that every oversized body
/// is either caught by the length check or by the limit — both answered with the same 422.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    /// From a `Content-Type` header (parameters and case ignored).
    pub fn from_content_type(value: &str) -> Option<FileType> {
        let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Missing, not percent-encoded UTF-8, or nothing left after removing the path.
    Invalid,
    TooLong,
}

/// The file name from `X-File-Name`: percent-decoded UTF-8, any client path removed
/// (`C:\Users\a\b.pdf` → `b.pdf`), control characters dropped, at most 200 characters.
pub fn file_name(header: Option<&str>) -> Result<String, NameProblem> {
    let raw = header.ok_or(NameProblem::Invalid)?;
    let decoded = percent_decode(raw).ok_or(NameProblem::Invalid)?;
    let base = decoded.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = base.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
    if name.is_empty() || name == "." || name == ".." {
        return Err(NameProblem::Invalid);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    Ok(name)
}

/// `%C3%A4` → `ä`. `+` stays a plus (encodeURIComponent writes spaces as `%20`).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
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
        assert_eq!(FileType::from_content_type("application/PDF; charset=binary"), Some(FileType::Pdf));
        assert_eq!(FileType::from_content_type("image/gif"), None);
        assert!(FileType::Pdf.matches(b"%PDF-1.7\n"));
        assert!(!FileType::Pdf.matches(b"MZ\x90\x00"));
        assert!(FileType::Jpeg.matches(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(FileType::Png.matches(b"\x89PNG\r\n\x1a\n"));
        assert!(!FileType::Png.matches(&[0xFF, 0xD8, 0xFF]));
    }

    #[test]
    fn file_names_are_decoded_and_stripped() {
        assert_eq!(file_name(Some("Fahrzeugschein%20%C3%A4.pdf")), Ok("Fahrzeugschein ä.pdf".into()));
        assert_eq!(file_name(Some("C%3A%5CUsers%5Ca%5Cscan.pdf")), Ok("scan.pdf".into()));
        assert_eq!(file_name(Some("..%2F..%2Fetc%2Fpasswd")), Ok("passwd".into()));
        assert_eq!(file_name(Some("a%0Ab.png")), Ok("ab.png".into()));
        assert_eq!(file_name(Some("%FF.pdf")), Err(NameProblem::Invalid), "not UTF-8");
        assert_eq!(file_name(Some("%2")), Err(NameProblem::Invalid));
        assert_eq!(file_name(Some("dir%2F")), Err(NameProblem::Invalid));
        assert_eq!(file_name(None), Err(NameProblem::Invalid));
        assert_eq!(file_name(Some(&"a".repeat(201))), Err(NameProblem::TooLong));
        assert_eq!(file_name(Some(&"%C3%A4".repeat(200))).map(|n| n.chars().count()), Ok(200));
    }
}
