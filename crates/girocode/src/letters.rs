//! The town's two QR codes per letter: from a CSV of notices (name, Kassenzeichen, amount, due
//! date, access code, portal base URL) a GiroCode with the Kassenzeichen as remittance and a
//! QR code of the portal link (`<base>/zahlen#kz=…&code=…`: the code travels in the fragment,
//! which never reaches a server log), as SVG and PNG, plus one HTML proof sheet for the print
//! shop. Bad rows are reported with their line number and reason; good rows are still made.

use crate::{parse_amount, xml_escape, GiroCode, GiroError, QrMatrix};

/// The columns, in any order, named in the header row (`;` or `,` separated).
pub const COLUMNS: [&str; 6] = [
    "name",
    "kassenzeichen",
    "amount",
    "due_date",
    "access_code",
    "portal_base_url",
];

/// The payee of every notice: the town's treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub name: String,
    pub iban: String,
    pub bic: Option<String>,
}

/// One good row: both codes and what the proof sheet says about them.
#[derive(Debug, Clone)]
pub struct Letter {
    /// 1-based line number in the CSV.
    pub line: usize,
    pub name: String,
    pub kassenzeichen: String,
    pub amount_cents: u64,
    /// `DD.MM.YYYY`.
    pub due_date: String,
    pub link: String,
    pub girocode: GiroCode,
    pub link_qr: QrMatrix,
    /// File name stem: the Kassenzeichen's letters and digits.
    pub stem: String,
}

/// A bad row: its line number and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Splits one CSV line (RFC 4180 quotes, `""` inside quotes) at `sep`.
fn split_line(line: &str, sep: char) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.trim().is_empty() => {
                cur.clear();
                quoted = true;
            }
            (c, false) if c == sep => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    fields.push(cur);
    Ok(fields.into_iter().map(|f| f.trim().to_owned()).collect())
}

/// `2027-05-15` or `15.05.2027` → `15.05.2027`, if it is a real date.
pub fn german_date(s: &str) -> Option<String> {
    let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut it = s.split('.');
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let num = |t: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?);
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{d:02}.{m:02}.{y:04}"))
}

/// Percent-encodes a fragment parameter value (unreserved characters stay).
fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The portal link of a notice: `<base>/zahlen#kz=…&code=…`.
pub fn portal_link(base: &str, kassenzeichen: &str, code: &str) -> String {
    format!(
        "{}/zahlen#kz={}&code={}",
        base.trim_end_matches('/'),
        encode_component(kassenzeichen),
        encode_component(code)
    )
}

fn giro_reason(e: &GiroError) -> String {
    format!("GiroCode: {e}")
}

fn row(line: usize, get: &dyn Fn(&str) -> String, payee: &Payee) -> Result<Letter, String> {
    let mut problems = Vec::new();
    let name = get("name");
    if name.is_empty() {
        problems.push("name is empty".to_owned());
    }
    let kz = get("kassenzeichen");
    let kz_ok = !kz.is_empty()
        && kz.chars().count() <= 35
        && kz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ' '));
    if !kz_ok {
        problems.push(format!(
            "kassenzeichen {kz:?} must be 1-35 letters, digits, dots, hyphens, slashes or spaces"
        ));
    }
    let amount = parse_amount(&get("amount"));
    if let Err(e) = &amount {
        problems.push(format!("amount {:?}: {e}", get("amount")));
    }
    let due = german_date(&get("due_date"));
    if due.is_none() {
        problems.push(format!(
            "due_date {:?} is not a date (YYYY-MM-DD or DD.MM.YYYY)",
            get("due_date")
        ));
    }
    let code = get("access_code");
    if code.is_empty()
        || code.chars().count() > 40
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        problems.push(format!(
            "access_code {code:?} must be 1-40 letters, digits or hyphens"
        ));
    }
    let base = get("portal_base_url");
    let base_ok = (base.starts_with("https://") || base.starts_with("http://"))
        && !base.contains(['#', '?', ' ', '"', '<', '>']);
    if !base_ok {
        problems.push(format!(
            "portal_base_url {base:?} must be an http(s) address without query or fragment"
        ));
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let amount_cents = amount.map_err(|e| e.to_string())?;
    let mut builder = GiroCode::builder()
        .name(payee.name.clone())
        .iban(payee.iban.clone())
        .amount_cents(amount_cents)
        // The Kassenzeichen alone, unchanged: the finance office books by it.
        .remittance(kz.clone());
    if let Some(bic) = &payee.bic {
        builder = builder.bic(bic.clone());
    }
    let girocode = builder.build().map_err(|e| giro_reason(&e))?;
    let link = portal_link(&base, &kz, &code);
    let link_qr = QrMatrix::encode(link.as_bytes())
        .map_err(|e| format!("portal link does not fit a QR code: {e}"))?;
    Ok(Letter {
        line,
        name,
        stem: kz.chars().filter(char::is_ascii_alphanumeric).collect(),
        kassenzeichen: kz,
        amount_cents,
        due_date: due.unwrap_or_default(),
        link,
        girocode,
        link_qr,
    })
}

/// Reads the CSV: the good rows' letters and the bad rows' errors. A missing column in the
/// header is an error of line 1 and no row is read.
pub fn read_csv(text: &str, payee: &Payee) -> (Vec<Letter>, Vec<RowError>) {
    let mut lines = text
        .trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let Some((_, header)) = lines.next() else {
        return (
            Vec::new(),
            vec![RowError {
                line: 1,
                reason: "the file is empty; the first line names the columns".into(),
            }],
        );
    };
    let sep = if header.contains(';') { ';' } else { ',' };
    let names: Vec<String> = split_line(header, sep)
        .unwrap_or_default()
        .into_iter()
        .map(|n| n.to_ascii_lowercase())
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| !names.iter().any(|n| n == *c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return (
            Vec::new(),
            vec![RowError {
                line: 1,
                reason: format!("the header lacks the column(s) {}", missing.join(", ")),
            }],
        );
    }
    let mut letters = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (line, text) in lines {
        if text.trim().is_empty() {
            continue;
        }
        let result = split_line(text, sep).and_then(|fields| {
            if fields.len() != names.len() {
                return Err(format!(
                    "{} fields, the header has {}",
                    fields.len(),
                    names.len()
                ));
            }
            let get = |col: &str| {
                names
                    .iter()
                    .position(|n| n == col)
                    .and_then(|i| fields.get(i))
                    .cloned()
                    .unwrap_or_default()
            };
            row(line, &get, payee)
        });
        match result {
            Ok(letter) if !seen.insert(letter.stem.clone()) => errors.push(RowError {
                line,
                reason: format!("kassenzeichen {:?} appears twice", letter.kassenzeichen),
            }),
            Ok(letter) => letters.push(letter),
            Err(reason) => errors.push(RowError { line, reason }),
        }
    }
    (letters, errors)
}

/// German amount: `1.234,50 €`.
pub fn euro_de(cents: u64) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02}\u{a0}€", cents % 100)
}

/// Alt text of the GiroCode of a letter.
pub fn girocode_alt(l: &Letter) -> String {
    format!(
        "GiroCode: Überweisung von {} mit Kassenzeichen {}",
        euro_de(l.amount_cents),
        l.kassenzeichen
    )
}

/// Alt text of the link QR code of a letter.
pub fn link_alt(l: &Letter) -> String {
    format!(
        "QR-Code: Bescheid {} online öffnen und bezahlen",
        l.kassenzeichen
    )
}

/// The proof sheet: per letter the two codes side by side with their text.
pub fn proof_sheet(letters: &[Letter], payee: &Payee) -> Result<String, GiroError> {
    let mut rows = String::new();
    for l in letters {
        let giro_svg = l.girocode.to_svg(&girocode_alt(l))?;
        let link_svg = l.link_qr.to_svg(&link_alt(l));
        rows.push_str(&format!(
            concat!(
                "<section class=\"letter\" id=\"kz-{stem}\">\n",
                "<h2>{name} – Kassenzeichen {kz}</h2>\n",
                "<p>Zeile {line} · Betrag {amount} · fällig am {due}</p>\n",
                "<div class=\"codes\">\n",
                "<figure class=\"girocode\">{giro}<figcaption>GiroCode: {payee}, {iban}, {amount}, Verwendungszweck „{kz}“</figcaption></figure>\n",
                "<figure class=\"link\">{link_svg}<figcaption>Online bezahlen: {link}</figcaption></figure>\n",
                "</div>\n</section>\n"
            ),
            stem = xml_escape(&l.stem),
            name = xml_escape(&l.name),
            kz = xml_escape(&l.kassenzeichen),
            line = l.line,
            amount = euro_de(l.amount_cents),
            due = xml_escape(&l.due_date),
            giro = giro_svg,
            payee = xml_escape(&payee.name),
            iban = xml_escape(&payee.iban),
            link_svg = link_svg,
            link = xml_escape(&l.link),
        ));
    }
    Ok(format!(
        concat!(
            "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<title>Druckvorlage: QR-Codes für Bescheide</title>\n<style>\n",
            "body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}}\n",
            ".letter{{break-inside:avoid;border-bottom:1px solid #999;padding:1rem 0}}\n",
            ".codes{{display:flex;flex-wrap:wrap;gap:2rem}}\n",
            "figure{{margin:0;max-width:16rem}}\nfigure svg{{width:12rem;height:12rem;display:block}}\n",
            "figcaption{{font-size:.85rem;word-break:break-all}}\n",
            "</style>\n</head>\n<body>\n<main>\n<h1>Druckvorlage: QR-Codes für Bescheide ({count})</h1>\n{rows}</main>\n</body>\n</html>\n"
        ),
        count = letters.len(),
        rows = rows
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_split_with_quotes() {
        assert_eq!(
            split_line(r#"a;"b;c";"d ""e""""#, ';').unwrap(),
            ["a", "b;c", r#"d "e""#]
        );
        assert!(split_line(r#"a,"b"#, ',').is_err());
    }

    #[test]
    fn dates_and_links() {
        assert_eq!(german_date("2027-02-28").as_deref(), Some("28.02.2027"));
        assert_eq!(german_date("29.2.2028").as_deref(), Some("29.02.2028"));
        assert_eq!(german_date("2027-02-29"), None);
        assert_eq!(german_date("15.13.2027"), None);
        assert_eq!(
            portal_link("https://portal.example/", "6.0100.000201.3", "N7KD-4PRA"),
            "https://portal.example/zahlen#kz=6.0100.000201.3&code=N7KD-4PRA"
        );
        assert_eq!(
            portal_link("https://p.example", "A/B 1", "X"),
            "https://p.example/zahlen#kz=A%2FB%201&code=X"
        );
        assert_eq!(euro_de(123_456), "1.234,56\u{a0}€");
        assert_eq!(euro_de(5), "0,05\u{a0}€");
    }
}
