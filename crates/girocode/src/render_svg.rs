//! Compact SVG: one white background rect and a single `<path>` for all dark
//! modules, horizontal runs merged, coordinates in modules.

use core::fmt::Write;

use crate::qr::{QrMatrix, QUIET_ZONE};

/// Escapes text for XML content and attribute values. Control characters are
/// not allowed in XML 1.0 and become spaces.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl QrMatrix {
    /// Renders the code as an SVG string sized by CSS (no width/height),
    /// with a 4-module quiet zone, `role="img"`, and `alt` as `aria-label`
    /// and `<title>` (XML-escaped).
    pub fn to_svg(&self, alt: &str) -> String {
        let size = self.width() + 2 * QUIET_ZONE;
        let alt = xml_escape(alt);
        let mut d = String::with_capacity(self.width() * self.width());
        for y in 0..self.width() {
            let mut x = 0;
            while x < self.width() {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width() && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                // Writing to a String cannot fail.
                let _ = write!(
                    d,
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            }
        }
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" "#,
                r#"role="img" aria-label="{alt}" shape-rendering="crispEdges">"#,
                r#"<title>{alt}</title>"#,
                r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
                r##"<path fill="#000" d="{d}"/></svg>"##
            ),
            size = size,
            alt = alt,
            d = d
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape() {
        assert_eq!(
            xml_escape(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
        );
        assert_eq!(xml_escape("x\ny"), "x y");
    }

    #[test]
    fn structure() {
        let m = QrMatrix::encode(b"BCD\n002").unwrap();
        let svg = m.to_svg("GiroCode <Stadtkasse>");
        assert!(svg.starts_with(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" role="img""#
        ));
        assert!(svg.contains(r#"aria-label="GiroCode &lt;Stadtkasse&gt;""#));
        assert!(svg.contains("<title>GiroCode &lt;Stadtkasse&gt;</title>"));
        assert!(svg.contains(r#"shape-rendering="crispEdges""#));
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(svg.ends_with("</svg>"));
        // First row of a version-1 code: finder (7), light, timing-area modules, finder (7).
        assert!(svg.contains(r#"d="M4 4h7v1h-7z"#), "{svg}");
    }

    #[test]
    fn path_covers_exactly_the_dark_modules() {
        let m =
            QrMatrix::encode(b"BCD\n002\n1\nSCT\n\nStadtkasse\nDE89370400440532013000").unwrap();
        let svg = m.to_svg("x");
        let d = svg
            .split(r#" d=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut painted = vec![false; m.width() * m.width()];
        for seg in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = seg.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for i in 0..run {
                let cell = &mut painted[(y - QUIET_ZONE) * m.width() + x - QUIET_ZONE + i];
                assert!(!*cell, "runs overlap");
                *cell = true;
            }
        }
        assert_eq!(painted, m.modules());
    }
}
