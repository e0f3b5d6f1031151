//! Text checks shared by the builder and the parser.

/// Characters that would break the one-element-per-line format or are
/// invisible garbage in a bank transfer: all Unicode control characters
/// (C0, DEL, C1 incl. NEL) and the Unicode line/paragraph separators.
pub(crate) fn is_line_break_or_control(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

pub(crate) fn has_line_break_or_control(s: &str) -> bool {
    s.chars().any(is_line_break_or_control)
}

/// ISO 8859-1 covers exactly U+0000..=U+00FF, byte = code point.
pub(crate) fn is_latin1(s: &str) -> bool {
    s.chars().all(|c| u32::from(c) <= 0xFF)
}

pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}
