//! `girocode-letters`: a CSV with good and bad rows; the proof sheet's codes decode to exactly
//! each notice's payment data and portal link.
#![cfg(feature = "cli")]

use std::process::Command;

const CSV: &str = "\
name;kassenzeichen;amount;due_date;access_code;portal_base_url
Erika Mustermann;6.0100.000201.3;96,00;2027-02-15;N7KD-4PRA;https://portal.musterstadt.example
\"Müller; Hans\";6.0100.000202.4;187.50;15.05.2027;H4TP-9XKW;https://portal.musterstadt.example/
Bad Amount;6.0100.000203.5;zwölf;2027-02-15;C8RM-2VJE;https://portal.musterstadt.example
Bad Date;6.0100.000204.6;10,00;2027-02-30;V3LA-6NFB;https://portal.musterstadt.example
Bad URL;6.0100.000205.7;10,00;2027-02-15;S6EG-3YTU;ftp://x
Short;6.0100.000206.8;10,00
Twice;6.0100.000201.3;1,00;2027-02-15;N7KD-4PRA;https://portal.musterstadt.example
";

/// Rasterises one of our SVGs (a single path of `M x y h n v1 h-n z` runs) and decodes it.
fn decode_svg(svg: &str) -> String {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("viewBox");
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("path");
    let mut dark = vec![false; size * size];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let nums: Vec<usize> = run
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        let (x, y, n) = (nums[0], nums[1], nums[2]);
        for i in x..x + n {
            dark[y * size + i] = true;
        }
    }
    let scale = 4;
    let px = size * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    let mut out = Vec::new();
    grids[0].decode_to(&mut out).expect("decodes");
    String::from_utf8(out).expect("utf-8")
}

fn svgs(html: &str) -> Vec<String> {
    html.split("<svg ")
        .skip(1)
        .map(|s| format!("<svg {}", &s[..s.find("</svg>").expect("closed") + 6]))
        .collect()
}

#[test]
fn good_rows_are_written_bad_rows_reported_by_line() {
    let dir = std::env::temp_dir().join(format!("letters-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("notices.csv");
    std::fs::write(&csv, CSV).unwrap();
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_girocode-letters"))
        .args([
            "--csv",
            csv.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args([
            "--name",
            "Stadt Musterstadt",
            "--iban",
            "DE09 1234 5678 0001 2345 67",
            "--bic",
            "MUSTDEM1XXX",
            "--scale",
            "2",
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "some rows are bad: {stderr}");
    for (line, what) in [
        (4, "amount \"zwölf\""),
        (5, "due_date \"2027-02-30\""),
        (6, "portal_base_url \"ftp://x\""),
        (7, "3 fields, the header has 6"),
        (8, "appears twice"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("line {line}: ")) && l.contains(what)),
            "line {line} ({what}) in {stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), 5, "{stderr}");
    for f in [
        "601000002013-girocode.svg",
        "601000002013-girocode.png",
        "601000002013-link.svg",
        "601000002013-link.png",
        "601000002024-link.png",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    assert!(
        !out.join("601000002035-girocode.svg").exists(),
        "a bad row writes nothing"
    );

    let html = std::fs::read_to_string(out.join("proof.html")).unwrap();
    assert!(html.contains("Müller; Hans – Kassenzeichen 6.0100.000202.4"));
    assert!(html.contains("fällig am 15.05.2027"));
    let codes = svgs(&html);
    assert_eq!(codes.len(), 4, "two letters, two codes each");
    assert_eq!(
        decode_svg(&codes[0]),
        "BCD\n002\n1\nSCT\nMUSTDEM1XXX\nStadt Musterstadt\nDE09123456780001234567\nEUR96.00\n\n\n6.0100.000201.3"
    );
    assert_eq!(
        decode_svg(&codes[1]),
        "https://portal.musterstadt.example/zahlen#kz=6.0100.000201.3&code=N7KD-4PRA"
    );
    assert!(decode_svg(&codes[2]).ends_with("\nEUR187.50\n\n\n6.0100.000202.4"));
    assert_eq!(
        decode_svg(&codes[3]),
        "https://portal.musterstadt.example/zahlen#kz=6.0100.000202.4&code=H4TP-9XKW"
    );
    // The files hold the same codes as the sheet.
    assert_eq!(
        std::fs::read_to_string(out.join("601000002013-girocode.svg")).unwrap(),
        codes[0]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("601000002013-link.svg")).unwrap(),
        codes[1]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_header_without_the_columns_is_refused() {
    let payee = girocode::letters::Payee {
        name: "Stadt Musterstadt".into(),
        iban: "DE09123456780001234567".into(),
        bic: None,
    };
    let (letters, errors) = girocode::letters::read_csv("name,amount\nx,1\n", &payee);
    assert!(letters.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 1);
    assert!(errors[0]
        .reason
        .contains("kassenzeichen, due_date, access_code, portal_base_url"));
}
