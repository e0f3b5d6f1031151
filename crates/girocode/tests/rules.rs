//! One test per EPC069-12 rule, at the boundary and one over.

use girocode::{Charset, ErrorKind, Field, GiroCode, GiroCodeBuilder, GiroError, Version};

const IBAN: &str = "DE89370400440532013000";

fn base() -> GiroCodeBuilder {
    GiroCode::builder()
        .name("Stadtkasse Musterstadt")
        .iban(IBAN)
}

fn err(field: Field, kind: ErrorKind) -> Result<GiroCode, GiroError> {
    Err(GiroError { field, kind })
}

#[test]
fn complete_example_exact_payload() {
    let code = GiroCode::builder()
        .version(Version::V001)
        .bic("coba de ff xxx")
        .name("Stadtkasse Musterstadt")
        .iban("de89 3704 0044 0532 0130 00")
        .amount_cents(123_456)
        .purpose("GOVT")
        .reference("RF18 5390 0754 7034")
        .info("Danke für Ihre Zahlung")
        .build()
        .unwrap();
    assert_eq!(
        code.payload(),
        "BCD\n001\n1\nSCT\nCOBADEFFXXX\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR1234.56\nGOVT\nRF18539007547034\n\nDanke für Ihre Zahlung"
    );
    assert_eq!(code.to_string(), code.payload());
}

#[test]
fn remittance_example_exact_payload() {
    let code = base()
        .amount_cents(2500)
        .remittance("  Kassenzeichen 5.123.456.789 Straßenreinigung Müller ")
        .build()
        .unwrap();
    assert_eq!(
        code.payload(),
        "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR25.00\n\n\nKassenzeichen 5.123.456.789 Strassenreinigung Mueller"
    );
}

#[test]
fn minimal_payload_has_no_trailing_elements_or_newline() {
    let code = base().build().unwrap();
    assert_eq!(
        code.payload(),
        "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000"
    );
    let info_only = base().info("x").build().unwrap();
    assert!(info_only
        .payload()
        .ends_with("DE89370400440532013000\n\n\n\n\nx"));
    assert_eq!(info_only.payload().split('\n').count(), 12);
}

#[test]
fn version_and_bic() {
    assert_eq!(
        base().version(Version::V001).build(),
        err(Field::Bic, ErrorKind::Missing)
    );
    assert_eq!(
        base().version(Version::V001).bic("  ").build(),
        err(Field::Bic, ErrorKind::Missing)
    );
    let v1 = base()
        .version(Version::V001)
        .bic("COBADEFF")
        .build()
        .unwrap();
    assert!(v1.payload().starts_with("BCD\n001\n1\nSCT\nCOBADEFF\n"));
    assert_eq!(base().bic("").build().unwrap().fields().bic, None);
    assert_eq!(
        base()
            .bic("cobadeffxxx")
            .build()
            .unwrap()
            .fields()
            .bic
            .as_deref(),
        Some("COBADEFFXXX")
    );
    for bad in [
        "COBADEF",
        "COBADEFFX",
        "COBADEFFXX",
        "COBADEFFXXXX",
        "C0BADEFF",
        "COBAD3FF",
        "COBADEF_",
        "COBADEFFXX-",
    ] {
        assert_eq!(
            base().bic(bad).build(),
            err(Field::Bic, ErrorKind::Invalid),
            "{bad}"
        );
    }
    assert_eq!(
        base().bic("COBA\nDEFF").build(),
        err(Field::Bic, ErrorKind::ControlCharacter)
    );
}

#[test]
fn name_limits() {
    assert_eq!(
        GiroCode::builder().iban(IBAN).build(),
        err(Field::Name, ErrorKind::Missing)
    );
    assert_eq!(
        base().name("   ").build(),
        err(Field::Name, ErrorKind::Missing)
    );
    assert!(base().name("A").build().is_ok());
    assert!(base().name("n".repeat(70)).build().is_ok());
    assert_eq!(
        base().name("n".repeat(71)).build(),
        err(Field::Name, ErrorKind::TooLong { max: 70 })
    );
    // Characters, not bytes: 70 umlauts are 140 bytes but fine.
    assert!(base().name("ä".repeat(70)).build().is_ok());
    // Measured after transliteration: 36 × "ae" = 72 characters.
    assert_eq!(
        base().name("ä".repeat(36)).transliterate_name(true).build(),
        err(Field::Name, ErrorKind::TooLong { max: 70 })
    );
    assert_eq!(
        base().name("Stadt\nkasse").build(),
        err(Field::Name, ErrorKind::ControlCharacter)
    );
}

#[test]
fn name_transliteration_is_opt_in() {
    assert_eq!(
        base().name("Jürgen Weiß").build().unwrap().fields().name,
        "Jürgen Weiß"
    );
    let t = base()
        .name("Jürgen Weiß")
        .transliterate_name(true)
        .build()
        .unwrap();
    assert_eq!(t.fields().name, "Juergen Weiss");
}

#[test]
fn iban_rules() {
    assert!(base().iban("DE89370400440532013000").build().is_ok());
    assert_eq!(
        base().iban("DE89370400440532013001").build(),
        err(Field::Iban, ErrorKind::Checksum)
    );
    let mt = base()
        .iban("MT84MALT011000012345MTLCAST001S")
        .build()
        .unwrap();
    // 31 characters with 14 letters: 45 digits when expanded, beyond u128.
    assert_eq!(mt.fields().iban.len(), 31);
    assert_eq!(
        base()
            .iban("mt84 malt 0110 0001 2345 mtlc ast0 01s")
            .build()
            .unwrap()
            .fields()
            .iban,
        mt.fields().iban
    );
    assert_eq!(
        GiroCode::builder().name("X").build(),
        err(Field::Iban, ErrorKind::Missing)
    );
    assert_eq!(
        base().iban(" ").build(),
        err(Field::Iban, ErrorKind::Missing)
    );
    assert_eq!(
        base().iban("DE89-3704").build(),
        err(Field::Iban, ErrorKind::Invalid)
    );
    // Right check digits, but a German BBAN is 18 digits.
    assert_eq!(
        base().iban("DE0537040044053201300A").build(),
        err(Field::Iban, ErrorKind::Invalid)
    );
    assert_eq!(
        base().iban("XX89370400440532013000").build(),
        err(Field::Iban, ErrorKind::Checksum)
    );
    assert_eq!(
        base().iban("DE8937040044053201300").build(),
        err(Field::Iban, ErrorKind::Checksum)
    );
    assert_eq!(
        base().iban("DE89\t370400440532013000").build(),
        err(Field::Iban, ErrorKind::ControlCharacter)
    );
}

#[test]
fn amount_limits() {
    assert!(base()
        .amount_cents(1)
        .build()
        .unwrap()
        .payload()
        .ends_with("\nEUR0.01"));
    assert!(base()
        .amount_cents(99_999_999_999)
        .build()
        .unwrap()
        .payload()
        .ends_with("\nEUR999999999.99"));
    assert_eq!(
        base().amount_cents(0).build(),
        err(Field::Amount, ErrorKind::OutOfRange)
    );
    assert_eq!(
        base().amount_cents(100_000_000_000).build(),
        err(Field::Amount, ErrorKind::OutOfRange)
    );
    assert_eq!(base().build().unwrap().fields().amount_cents, None);
}

#[test]
fn purpose_code() {
    assert_eq!(
        base()
            .purpose("GOVT")
            .build()
            .unwrap()
            .fields()
            .purpose
            .as_deref(),
        Some("GOVT")
    );
    assert_eq!(
        base()
            .purpose("govt")
            .build()
            .unwrap()
            .fields()
            .purpose
            .as_deref(),
        Some("GOVT")
    );
    assert_eq!(base().purpose("").build().unwrap().fields().purpose, None);
    for bad in ["GOV", "GOVTX", "GO1T", "GÖVT", "GO T"] {
        assert_eq!(
            base().purpose(bad).build(),
            err(Field::Purpose, ErrorKind::Invalid),
            "{bad}"
        );
    }
    assert_eq!(
        base().purpose("GO\u{7f}T").build(),
        err(Field::Purpose, ErrorKind::ControlCharacter)
    );
}

#[test]
fn reference_rules() {
    let ok = base().reference("RF18539007547034").build().unwrap();
    assert!(ok.payload().ends_with("\n\nRF18539007547034"));
    assert_eq!(
        base().reference("RF19539007547034").build(),
        err(Field::Reference, ErrorKind::Checksum)
    );
    let longest = girocode::rf_from_kassenzeichen(&"9".repeat(21)).unwrap();
    assert_eq!(longest.len(), 25);
    assert!(base().reference(longest.as_str()).build().is_ok());
    assert_eq!(
        base().reference(format!("{longest}9")).build(),
        err(Field::Reference, ErrorKind::TooLong { max: 25 })
    );
    assert_eq!(
        base().reference("12345").build(),
        err(Field::Reference, ErrorKind::Invalid)
    );
    assert_eq!(
        base().reference("RF18\r539007547034").build(),
        err(Field::Reference, ErrorKind::ControlCharacter)
    );
}

#[test]
fn reference_and_remittance_are_exclusive() {
    assert_eq!(
        base()
            .reference("RF18539007547034")
            .remittance("Kassenzeichen 1")
            .build(),
        err(Field::Remittance, ErrorKind::BothReferenceAndRemittance)
    );
    // An empty remittance is no remittance.
    assert!(base()
        .reference("RF18539007547034")
        .remittance(" ")
        .build()
        .is_ok());
}

#[test]
fn remittance_limits_and_transliteration() {
    assert!(base().remittance("r".repeat(140)).build().is_ok());
    assert_eq!(
        base().remittance("r".repeat(141)).build(),
        err(Field::Remittance, ErrorKind::TooLong { max: 140 })
    );
    // Default transliteration doubles umlauts: 70 → 140 ok, 71 → 142 too long.
    assert!(base().remittance("ü".repeat(70)).build().is_ok());
    assert_eq!(
        base().remittance("ü".repeat(71)).build(),
        err(Field::Remittance, ErrorKind::TooLong { max: 140 })
    );
    let kept = base()
        .remittance("Gebühr")
        .transliterate_remittance(false)
        .build()
        .unwrap();
    assert_eq!(kept.fields().remittance.as_deref(), Some("Gebühr"));
    let default = base().remittance("Gebühr").build().unwrap();
    assert_eq!(default.fields().remittance.as_deref(), Some("Gebuehr"));
    for bad in ["a\nb", "a\r\nb", "a\u{2028}b", "a\u{85}b", "a\0b"] {
        assert_eq!(
            base().remittance(bad).build(),
            err(Field::Remittance, ErrorKind::ControlCharacter),
            "{bad:?}"
        );
    }
}

#[test]
fn info_limits() {
    assert!(base().info("i".repeat(70)).build().is_ok());
    assert_eq!(
        base().info("i".repeat(71)).build(),
        err(Field::Info, ErrorKind::TooLong { max: 70 })
    );
    assert_eq!(
        base().info("Tab\there").build(),
        err(Field::Info, ErrorKind::ControlCharacter)
    );
    // Info is never transliterated.
    assert_eq!(
        base()
            .info("Grüße")
            .build()
            .unwrap()
            .fields()
            .info
            .as_deref(),
        Some("Grüße")
    );
}

#[test]
fn latin1_charset_and_fallback() {
    let l1 = base()
        .name("Müller")
        .charset(Charset::Latin1)
        .build()
        .unwrap();
    assert_eq!(l1.charset(), Charset::Latin1);
    assert!(l1.payload().starts_with("BCD\n002\n2\nSCT\n"));
    let bytes = l1.payload_bytes();
    assert_eq!(bytes.len(), l1.payload().chars().count());
    assert!(bytes.windows(6).any(|w| w == b"M\xfcller"));

    // Ł is not in ISO 8859-1: fall back to UTF-8 …
    let fallback = base()
        .name("Łukasz")
        .charset(Charset::Latin1)
        .build()
        .unwrap();
    assert_eq!(fallback.charset(), Charset::Utf8);
    assert!(fallback.payload().starts_with("BCD\n002\n1\n"));
    assert_eq!(fallback.payload_bytes(), fallback.payload().as_bytes());
    // … or reject when asked to be strict.
    assert_eq!(
        base()
            .name("Łukasz")
            .charset(Charset::Latin1)
            .strict_charset(true)
            .build(),
        err(Field::Name, ErrorKind::NotEncodable)
    );
    assert_eq!(
        base()
            .info("€")
            .charset(Charset::Latin1)
            .strict_charset(true)
            .build(),
        err(Field::Info, ErrorKind::NotEncodable)
    );
    // The remittance is transliterated first, so it fits Latin-1 (ł → l).
    let r = base()
        .remittance("Łódź")
        .charset(Charset::Latin1)
        .strict_charset(true)
        .build()
        .unwrap();
    assert_eq!(r.fields().remittance.as_deref(), Some("Lodz"));
}

/// name = 70 × "ä" (140 UTF-8 bytes), remittance = k × "x", info = 70 × "y":
/// UTF-8 payload = 253 + k bytes, Latin-1 = 183 + k bytes.
fn umlaut_payload(k: usize) -> GiroCodeBuilder {
    base()
        .name("ä".repeat(70))
        .remittance("x".repeat(k))
        .info("y".repeat(70))
}

#[test]
fn payload_limit_counts_utf8_bytes() {
    let at = umlaut_payload(78).build().unwrap();
    assert_eq!(at.payload().len(), 331);
    assert!(at.payload().chars().count() < 331);
    assert_eq!(
        umlaut_payload(79).build(),
        err(Field::Payload, ErrorKind::TooLong { max: 331 })
    );
}

#[test]
fn payload_limit_counts_latin1_bytes() {
    let l1 = umlaut_payload(79).charset(Charset::Latin1).build().unwrap();
    assert_eq!(l1.payload_bytes().len(), 262);
    // 183 + 140 + 8 (BIC) = 331 Latin-1 bytes: fits; an 11-character BIC does not.
    let at = umlaut_payload(140)
        .bic("COBADEFF")
        .charset(Charset::Latin1)
        .build()
        .unwrap();
    assert_eq!(at.payload_bytes().len(), 331);
    assert_eq!(at.qr().unwrap().version(), 13);
    assert_eq!(
        umlaut_payload(140)
            .bic("COBADEFFXXX")
            .charset(Charset::Latin1)
            .build(),
        err(Field::Payload, ErrorKind::TooLong { max: 331 })
    );
}

#[test]
fn ascii_payload_limit() {
    // 14 + 12 (BIC) + 71 + 32 (31-char IBAN) + 16 (amount) + 5 + 1 + 141 + 70 = 362 bytes possible.
    let full = |info: usize| {
        base()
            .bic("COBADEFFXXX")
            .name("n".repeat(70))
            .iban("MT84MALT011000012345MTLCAST001S")
            .amount_cents(99_999_999_999)
            .purpose("GOVT")
            .remittance("r".repeat(140))
            .info("i".repeat(info))
    };
    assert_eq!(full(39).build().unwrap().payload().len(), 331);
    assert_eq!(
        full(40).build(),
        err(Field::Payload, ErrorKind::TooLong { max: 331 })
    );
}

#[test]
fn errors_display_in_english() {
    let e = base().iban("DE89370400440532013001").build().unwrap_err();
    assert_eq!(e.to_string(), "IBAN has wrong check digits");
    let e = base().name("n".repeat(71)).build().unwrap_err();
    assert_eq!(e.to_string(), "beneficiary name is too long (at most 70)");
    let e = umlaut_payload(79).build().unwrap_err();
    assert_eq!(e.to_string(), "payload is too long (at most 331 bytes)");
    let e = base()
        .reference("RF18539007547034")
        .remittance("x")
        .build()
        .unwrap_err();
    assert!(e
        .to_string()
        .starts_with("remittance information cannot be combined"));
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(!boxed.to_string().is_empty());
}

#[test]
fn qr_is_level_m_smallest_version() {
    let small = base().build().unwrap().qr().unwrap();
    // 60 bytes fit version 4-M (62 bytes), not 3-M (42 bytes).
    assert_eq!(base().build().unwrap().payload().len(), 60);
    assert_eq!(small.version(), 4);
    assert_eq!(small.width(), 33);
}
