//! The `girocode` binary: output, files and exit status.
#![cfg(feature = "cli")]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_girocode"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> &str {
    std::str::from_utf8(&o.stdout).unwrap()
}

fn stderr(o: &Output) -> &str {
    std::str::from_utf8(&o.stderr).unwrap()
}

#[test]
fn prints_payload_with_one_final_newline() {
    let o = run(&[
        "--name",
        "Stadtkasse Musterstadt",
        "--iban",
        "DE89 3704 0044 0532 0130 00",
        "--amount",
        "12,5",
        "--remittance",
        "Gebühr Kassenzeichen 123",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR12.50\n\n\nGebuehr Kassenzeichen 123\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn all_options() {
    let o = run(&[
        "--version=001",
        "--bic",
        "COBADEFFXXX",
        "--name",
        "Müller",
        "--iban",
        "DE89370400440532013000",
        "--amount",
        "1200",
        "--purpose",
        "GOVT",
        "--reference",
        "RF18 5390 0754 7034",
        "--info",
        "Danke",
        "--charset",
        "latin1",
        "--no-transliterate",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "BCD\n001\n2\nSCT\nCOBADEFFXXX\nMüller\nDE89370400440532013000\nEUR1200.00\nGOVT\nRF18539007547034\n\nDanke\n"
    );
    let kept = run(&[
        "--name",
        "X",
        "--iban",
        "DE89370400440532013000",
        "--remittance",
        "Gebühr",
        "--no-transliterate",
    ]);
    assert!(stdout(&kept).ends_with("\nGebühr\n"));
}

#[test]
fn invalid_input_exits_2_with_field_and_reason() {
    let cases: [(&[&str], &str); 9] = [
        (
            &["--name", "X", "--iban", "DE89370400440532013001"],
            "IBAN has wrong check digits",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--amount",
                "12.345",
            ],
            "amount has more than two decimal places",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--amount",
                "-5",
            ],
            "amount is out of range",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--amount",
                "zwölf",
            ],
            "amount has an invalid format",
        ),
        (
            &["--iban", "DE89370400440532013000"],
            "beneficiary name is missing",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--version",
                "001",
            ],
            "BIC is missing",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--reference",
                "RF18539007547034",
                "--remittance",
                "x",
            ],
            "remittance information cannot be combined",
        ),
        (
            &[
                "--name",
                "X",
                "--iban",
                "DE89370400440532013000",
                "--frobnicate",
            ],
            "unknown argument '--frobnicate'",
        ),
        (&["--name", "X", "--iban"], "--iban needs a value"),
    ];
    for (args, message) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with("girocode: error: "),
            "{}",
            stderr(&o)
        );
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
    }
}

#[test]
fn bad_option_values_exit_2() {
    for args in [
        &[
            "--name",
            "X",
            "--iban",
            "DE89370400440532013000",
            "--version",
            "003",
        ][..],
        &[
            "--name",
            "X",
            "--iban",
            "DE89370400440532013000",
            "--charset",
            "ebcdic",
        ][..],
        &[
            "--name",
            "X",
            "--iban",
            "DE89370400440532013000",
            "--scale",
            "0",
        ][..],
    ] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn help() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--remittance TEXT"));
    assert!(stdout(&o).contains("status 2"));
}

#[test]
fn writes_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("girocode-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (svg, png) = (dir.join("code.svg"), dir.join("code.png"));
    let o = run(&[
        "--name",
        "X",
        "--iban",
        "DE89370400440532013000",
        "--amount",
        "1",
        "--svg",
        svg.to_str().unwrap(),
        "--png",
        png.to_str().unwrap(),
        "--scale",
        "4",
        "--alt",
        "Zahlung & Co",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.starts_with("<svg") && svg_text.contains("<title>Zahlung &amp; Co</title>"));
    let png_bytes = std::fs::read(&png).unwrap();
    assert!(png_bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let unwritable = run(&[
        "--name",
        "X",
        "--iban",
        "DE89370400440532013000",
        "--svg",
        "/nonexistent-dir/x.svg",
    ]);
    assert_eq!(unwritable.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}
