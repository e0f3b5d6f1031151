//! Parsing payloads back into fields.

use girocode::{
    parse, parse_bytes, Charset, ErrorKind, Field, Fields, GiroCode, GiroError, Version,
};

const FULL: &str = "BCD\n001\n1\nSCT\nCOBADEFFXXX\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR1234.56\nGOVT\nRF18539007547034\n\nDanke";

fn fail(payload: &str) -> (Field, ErrorKind) {
    let GiroError { field, kind } = parse(payload).unwrap_err();
    (field, kind)
}

#[test]
fn full_payload() {
    let f = parse(FULL).unwrap();
    assert_eq!(
        f,
        Fields {
            version: Version::V001,
            charset: Charset::Utf8,
            bic: Some("COBADEFFXXX".into()),
            name: "Stadtkasse Musterstadt".into(),
            iban: "DE89370400440532013000".into(),
            amount_cents: Some(123_456),
            purpose: Some("GOVT".into()),
            reference: Some("RF18539007547034".into()),
            remittance: None,
            info: Some("Danke".into()),
        }
    );
}

#[test]
fn builder_output_round_trips() {
    let code = GiroCode::builder()
        .name("Jürgen")
        .iban("DE89370400440532013000")
        .amount_cents(5)
        .remittance("Gebühr")
        .charset(Charset::Latin1)
        .build()
        .unwrap();
    assert_eq!(&parse(code.payload()).unwrap(), code.fields());
    assert_eq!(&parse_bytes(&code.payload_bytes()).unwrap(), code.fields());
}

#[test]
fn crlf_accepted_mixed_rejected() {
    assert_eq!(
        parse(&FULL.replace('\n', "\r\n")).unwrap(),
        parse(FULL).unwrap()
    );
    let mixed = FULL.replacen('\n', "\r\n", 1);
    assert_eq!(fail(&mixed), (Field::Payload, ErrorKind::Invalid));
}

#[test]
fn structure_errors() {
    assert_eq!(fail(""), (Field::ServiceTag, ErrorKind::Missing));
    assert_eq!(
        fail(&FULL.replace("BCD", "BCX")),
        (Field::ServiceTag, ErrorKind::Invalid)
    );
    assert_eq!(fail("BCD"), (Field::Version, ErrorKind::Missing));
    assert_eq!(
        fail(&FULL.replace("\n001\n", "\n003\n")),
        (Field::Version, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("\n1\nSCT", "\n3\nSCT")),
        (Field::Charset, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("SCT", "INST")),
        (Field::Identification, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&format!("{FULL}\n")),
        (Field::Payload, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&format!("{FULL}\nextra")),
        (Field::Payload, ErrorKind::Invalid)
    );
    let trailing_empty = "BCD\n002\n1\nSCT\n\nX\nDE89370400440532013000\n\n";
    assert_eq!(fail(trailing_empty), (Field::Payload, ErrorKind::Invalid));
    assert_eq!(
        fail("BCD\n002\n1\nSCT\n\nX"),
        (Field::Iban, ErrorKind::Missing)
    );
    assert_eq!(
        fail("BCD\n002\n1\nSCT\n\n\nDE89370400440532013000"),
        (Field::Name, ErrorKind::Missing)
    );
}

#[test]
fn field_rules_apply() {
    assert_eq!(
        fail(&FULL.replace("013000", "013001")),
        (Field::Iban, ErrorKind::Checksum)
    );
    assert_eq!(
        fail(&FULL.replace("COBADEFFXXX\n", "\n")),
        (Field::Bic, ErrorKind::Missing)
    );
    assert_eq!(
        fail(&FULL.replace("RF18", "RF19")),
        (Field::Reference, ErrorKind::Checksum)
    );
    assert_eq!(
        fail(&FULL.replace("\n\nDanke", "\nKassenzeichen\nDanke")),
        (Field::Remittance, ErrorKind::BothReferenceAndRemittance)
    );
    assert_eq!(
        fail(&FULL.replace("EUR1234.56", "EUR0.00")),
        (Field::Amount, ErrorKind::OutOfRange)
    );
    assert_eq!(
        fail(&FULL.replace("EUR1234.56", "EUR1.234")),
        (Field::Amount, ErrorKind::TooManyDecimals)
    );
    assert_eq!(
        fail(&FULL.replace("EUR1234.56", "1234.56")),
        (Field::Amount, ErrorKind::Invalid)
    );
    assert_eq!(
        parse(&FULL.replace("EUR1234.56", "EUR12.5"))
            .unwrap()
            .amount_cents,
        Some(1250)
    );
    assert_eq!(
        fail(&FULL.replace("Danke", &"d".repeat(71))),
        (Field::Info, ErrorKind::TooLong { max: 70 })
    );
    assert_eq!(
        fail(&FULL.replace("Danke", "Dan\tke")),
        (Field::Info, ErrorKind::ControlCharacter)
    );
}

#[test]
fn payload_must_be_in_normal_form() {
    assert_eq!(
        fail(&FULL.replace("DE89370400440532013000", "de89370400440532013000")),
        (Field::Iban, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("DE89370400440532013000", "DE89 3704 0044 0532 0130 00")),
        (Field::Iban, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("Stadtkasse Musterstadt", " Stadtkasse")),
        (Field::Name, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("GOVT", "govt")),
        (Field::Purpose, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("COBADEFFXXX", "cobadeffxxx")),
        (Field::Bic, ErrorKind::Invalid)
    );
    assert_eq!(
        fail(&FULL.replace("Danke", " ")),
        (Field::Info, ErrorKind::Invalid)
    );
}

#[test]
fn charset_and_size() {
    let latin = "BCD\n002\n2\nSCT\n\nŁukasz\nDE89370400440532013000";
    assert_eq!(fail(latin), (Field::Name, ErrorKind::NotEncodable));
    // Umlauts are kept (no transliteration when parsing).
    let f = parse("BCD\n002\n2\nSCT\n\nMüller\nDE89370400440532013000\n\n\n\nGebühr").unwrap();
    assert_eq!(
        (f.charset, f.remittance.as_deref()),
        (Charset::Latin1, Some("Gebühr"))
    );
    // parse_bytes decodes ISO 8859-1 when element 3 says so.
    let bytes = b"BCD\n002\n2\nSCT\n\nM\xfcller\nDE89370400440532013000";
    assert_eq!(parse_bytes(bytes).unwrap().name, "Müller");
    assert_eq!(
        parse_bytes(b"BCD\n002\n1\nSCT\n\nM\xfcller\nDE89370400440532013000"),
        Err(GiroError {
            field: Field::Payload,
            kind: ErrorKind::NotEncodable
        })
    );
    // 332 UTF-8 bytes is over the limit even when every field is fine.
    let long = format!(
        "BCD\n002\n1\nSCT\n\n{}\nDE89370400440532013000\n\n\n\n{}\n{}",
        "ä".repeat(70),
        "x".repeat(79),
        "y".repeat(70)
    );
    assert_eq!(long.len(), 332);
    assert_eq!(
        fail(&long),
        (Field::Payload, ErrorKind::TooLong { max: 331 })
    );
    assert!(parse(&long.replacen("\n1\n", "\n2\n", 1)).is_ok());
}
