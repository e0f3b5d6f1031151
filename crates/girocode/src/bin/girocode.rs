//! `girocode`: prints an EPC069-12 payload and optionally writes the QR code
//! as SVG/PNG. Exit status 0 on success, 2 on invalid input or usage, 1 when
//! a file cannot be written.

use std::process::ExitCode;

use girocode::{parse_amount, Charset, GiroCode, GiroCodeBuilder, Version};

const HELP: &str = "\
girocode - build an EPC069-12 GiroCode (SEPA credit transfer QR code)

USAGE:
    girocode --name NAME --iban IBAN [--amount AMOUNT] [OPTIONS]

REQUIRED:
    --name NAME           beneficiary name (1-70 characters)
    --iban IBAN           beneficiary IBAN (spaces and lowercase accepted)

OPTIONS:
    --amount AMOUNT       euro amount: 12,50 or 12.5 or 1200 (at most 2 decimals)
    --bic BIC             BIC, 8 or 11 characters (mandatory with --version 001)
    --remittance TEXT     unstructured remittance text (<= 140 characters)
    --reference RF        ISO 11649 creditor reference (RF...); excludes --remittance
    --info TEXT           beneficiary-to-originator information (<= 70 characters)
    --purpose CODE        ISO 20022 purpose code (4 letters)
    --version 001|002     payload version (default 002)
    --charset utf8|latin1 character set (default utf8; latin1 falls back to
                          utf8 when the text does not fit it)
    --no-transliterate    keep umlauts etc. in the remittance text
                          (default: ä->ae, ß->ss, é->e, ...)
    --svg FILE            write the QR code as SVG
    --png FILE            write the QR code as PNG
    --scale N             PNG pixels per module (1-32, default 8)
    --alt TEXT            text alternative for the SVG (default: GiroCode)
    -h, --help            show this help

The payload is printed to stdout followed by one newline (the newline is not
part of the payload). Errors go to stderr; invalid input exits with status 2.
";

#[derive(Default)]
struct Args {
    name: Option<String>,
    iban: Option<String>,
    amount: Option<String>,
    bic: Option<String>,
    remittance: Option<String>,
    reference: Option<String>,
    info: Option<String>,
    purpose: Option<String>,
    version: Option<String>,
    charset: Option<String>,
    no_transliterate: bool,
    svg: Option<String>,
    png: Option<String>,
    scale: Option<String>,
    alt: Option<String>,
    help: bool,
}

/// Accepts `--flag value` and `--flag=value`; a later repetition wins.
fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args::default();
    while let Some(arg) = argv.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => args.help = true,
            "--no-transliterate" => args.no_transliterate = true,
            _ => {
                let slot = match flag.as_str() {
                    "--name" => &mut args.name,
                    "--iban" => &mut args.iban,
                    "--amount" => &mut args.amount,
                    "--bic" => &mut args.bic,
                    "--remittance" => &mut args.remittance,
                    "--reference" => &mut args.reference,
                    "--info" => &mut args.info,
                    "--purpose" => &mut args.purpose,
                    "--version" => &mut args.version,
                    "--charset" => &mut args.charset,
                    "--svg" => &mut args.svg,
                    "--png" => &mut args.png,
                    "--scale" => &mut args.scale,
                    "--alt" => &mut args.alt,
                    _ => return Err(format!("unknown argument '{arg}' (see --help)")),
                };
                let value = match inline {
                    Some(v) => v,
                    None => argv.next().ok_or(format!("{flag} needs a value"))?,
                };
                *slot = Some(value);
            }
        }
    }
    Ok(args)
}

/// Builds the code; usage and rule violations become the stderr message.
fn build(args: &Args) -> Result<GiroCode, String> {
    let mut b = GiroCode::builder().transliterate_remittance(!args.no_transliterate);
    if let Some(v) = &args.version {
        b = b.version(match v.as_str() {
            "001" => Version::V001,
            "002" => Version::V002,
            _ => return Err(format!("--version must be 001 or 002, not '{v}'")),
        });
    }
    if let Some(c) = &args.charset {
        b = b.charset(match c.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Charset::Utf8,
            "latin1" | "iso-8859-1" => Charset::Latin1,
            _ => return Err(format!("--charset must be utf8 or latin1, not '{c}'")),
        });
    }
    if let Some(a) = &args.amount {
        b = b.amount_cents(parse_amount(a).map_err(|e| e.to_string())?);
    }
    type Setter = fn(GiroCodeBuilder, &str) -> GiroCodeBuilder;
    let texts: [(&Option<String>, Setter); 7] = [
        (&args.name, |b, v| b.name(v)),
        (&args.iban, |b, v| b.iban(v)),
        (&args.bic, |b, v| b.bic(v)),
        (&args.remittance, |b, v| b.remittance(v)),
        (&args.reference, |b, v| b.reference(v)),
        (&args.info, |b, v| b.info(v)),
        (&args.purpose, |b, v| b.purpose(v)),
    ];
    for (value, set) in texts {
        if let Some(v) = value {
            b = set(b, v);
        }
    }
    b.build().map_err(|e| e.to_string())
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("girocode: error: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => return usage_error(&msg),
    };
    if args.help {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let scale = match args.scale.as_deref().map(str::parse::<u32>) {
        None => 8,
        Some(Ok(s)) if (1..=girocode::MAX_PNG_SCALE).contains(&s) => s,
        Some(_) => return usage_error("--scale must be a number from 1 to 32"),
    };
    let code = match build(&args) {
        Ok(c) => c,
        Err(msg) => return usage_error(&msg),
    };
    let qr = match code.qr() {
        Ok(q) => q,
        Err(e) => return usage_error(&e.to_string()),
    };
    if let Some(path) = &args.svg {
        let svg = qr.to_svg(args.alt.as_deref().unwrap_or("GiroCode"));
        if let Err(e) = std::fs::write(path, svg) {
            eprintln!("girocode: cannot write {path}: {e}");
            return ExitCode::from(1);
        }
    }
    if let Some(path) = &args.png {
        if let Err(e) = std::fs::write(path, qr.to_png(scale)) {
            eprintln!("girocode: cannot write {path}: {e}");
            return ExitCode::from(1);
        }
    }
    println!("{}", code.payload());
    ExitCode::SUCCESS
}
