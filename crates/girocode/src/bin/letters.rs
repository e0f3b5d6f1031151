//! `girocode-letters`: the two QR codes of every notice in a CSV — the GiroCode and the portal
//! link — as SVG and PNG, plus `proof.html` for the print shop. Bad rows are reported on
//! stderr with their line number and reason; good rows are still written. Exit status 0 when
//! every row is good, 2 when some row (or the usage) is bad, 1 when a file cannot be written.

use girocode::letters::{proof_sheet, read_csv, Payee, COLUMNS};
use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
girocode-letters - the two QR codes per notice letter (GiroCode and portal link)

USAGE:
    girocode-letters --csv FILE --out DIR --name PAYEE --iban IBAN [--bic BIC] [--scale N]

    --csv FILE     notices, one per line after a header row naming the columns
                   name, kassenzeichen, amount, due_date, access_code, portal_base_url
                   (any order; ';' or ',' separated; amount 12,50 or 12.50;
                   due_date YYYY-MM-DD or DD.MM.YYYY)
    --out DIR      where to write <Kassenzeichen>-girocode.svg/.png,
                   <Kassenzeichen>-link.svg/.png and proof.html
    --name PAYEE   the payee (the town's treasury), e.g. \"Stadt Musterstadt\"
    --iban IBAN    the payee's IBAN
    --bic BIC      the payee's BIC (optional)
    --scale N      PNG pixels per module (1-32, default 8)
    -h, --help     show this help

The GiroCode carries the Kassenzeichen alone as remittance, so the finance office can book
the payment automatically. The link is <portal_base_url>/zahlen#kz=<Kassenzeichen>&code=<code>:
the access code travels in the fragment, which browsers never send to a server.
";

fn main() -> ExitCode {
    let mut csv = None;
    let mut out = None;
    let mut name = None;
    let mut iban = None;
    let mut bic = None;
    let mut scale = 8u32;
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        let Some(value) = inline.or_else(|| argv.next()) else {
            eprintln!("error: {flag} needs a value\n\n{HELP}");
            return ExitCode::from(2);
        };
        match flag.as_str() {
            "--csv" => csv = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            "--name" => name = Some(value),
            "--iban" => iban = Some(value),
            "--bic" => bic = Some(value),
            "--scale" => match value.parse::<u32>() {
                Ok(n) if (1..=girocode::MAX_PNG_SCALE).contains(&n) => scale = n,
                _ => {
                    eprintln!("error: --scale must be 1 to {}", girocode::MAX_PNG_SCALE);
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!("error: unknown option {other}\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(csv), Some(out), Some(name), Some(iban)) = (csv, out, name, iban) else {
        eprintln!("error: --csv, --out, --name and --iban are required\n\n{HELP}");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&csv) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {} cannot be read: {e}", csv.display());
            return ExitCode::from(2);
        }
    };
    let payee = Payee {
        name,
        iban: iban.chars().filter(|c| !c.is_whitespace()).collect(),
        bic,
    };
    let (letters, errors) = read_csv(&text, &payee);
    for e in &errors {
        eprintln!("{}: {e}", csv.display());
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: {} cannot be created: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let write = |file: String, bytes: &[u8]| -> bool {
        let path = out.join(file);
        match std::fs::write(&path, bytes) {
            Ok(()) => true,
            Err(e) => {
                eprintln!("error: {} cannot be written: {e}", path.display());
                false
            }
        }
    };
    for l in &letters {
        let giro_svg = match l.girocode.to_svg(&girocode::letters::girocode_alt(l)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("line {}: {e}", l.line);
                return ExitCode::FAILURE;
            }
        };
        let giro_png = match l.girocode.to_png(scale) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("line {}: {e}", l.line);
                return ExitCode::FAILURE;
            }
        };
        let ok = write(format!("{}-girocode.svg", l.stem), giro_svg.as_bytes())
            && write(format!("{}-girocode.png", l.stem), &giro_png)
            && write(
                format!("{}-link.svg", l.stem),
                l.link_qr.to_svg(&girocode::letters::link_alt(l)).as_bytes(),
            )
            && write(format!("{}-link.png", l.stem), &l.link_qr.to_png(scale));
        if !ok {
            return ExitCode::FAILURE;
        }
    }
    match proof_sheet(&letters, &payee) {
        Ok(html) if write("proof.html".into(), html.as_bytes()) => {}
        Ok(_) => return ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{} letter(s) written to {}, {} bad row(s); columns: {}",
        letters.len(),
        out.display(),
        errors.len(),
        COLUMNS.join(", ")
    );
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
