//! Property tests: accepted inputs round-trip through `parse` and respect the
//! limits; invalid inputs are rejected; nothing panics on arbitrary input.

use girocode::{
    check_rf, parse, parse_amount, parse_bytes, rf_from_kassenzeichen, transliterate, Charset,
    ErrorKind, Field, GiroCode, GiroCodeBuilder, Version,
};
use proptest::prelude::*;

const IBANS: [&str; 5] = [
    "DE89370400440532013000",
    "MT84MALT011000012345MTLCAST001S",
    "AT611904300234573201",
    "NL91ABNA0417164300",
    "FR1420041010050500013M02606",
];

/// IBAN in any of the ways people type it: lowercase, grouped by spaces.
fn typed_iban() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&IBANS[..]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(iban, lower, grouped)| {
            let mut s = String::new();
            for (i, c) in iban.chars().enumerate() {
                if grouped && i > 0 && i % 4 == 0 {
                    s.push(' ');
                }
                s.push(if lower { c.to_ascii_lowercase() } else { c });
            }
            s
        })
}

/// Text with ASCII, umlauts and spaces; sometimes with letters outside
/// Latin-1 (ł, €, 中) so both character sets and the fallback are exercised.
fn text(max: usize) -> impl Strategy<Value = String> {
    let latin1 =
        proptest::string::string_regex(&format!("[a-zA-Z0-9 .,/äöüÄÖÜßéøæå-]{{0,{max}}}")).unwrap();
    let any_script =
        proptest::string::string_regex(&format!("[a-zA-Z0-9 .,/äöüßéłøæå€中-]{{0,{max}}}"))
            .unwrap();
    prop_oneof![3 => latin1, 1 => any_script]
}

#[derive(Debug, Clone)]
struct Input {
    version: Version,
    charset: Charset,
    strict: bool,
    bic: Option<String>,
    name: String,
    iban: String,
    amount: Option<u64>,
    purpose: Option<String>,
    reference: Option<String>,
    remittance: Option<String>,
    info: Option<String>,
    translit_name: bool,
    translit_remittance: bool,
}

impl Input {
    fn builder(&self) -> GiroCodeBuilder {
        let mut b = GiroCode::builder()
            .version(self.version)
            .charset(self.charset)
            .strict_charset(self.strict)
            .name(self.name.as_str())
            .iban(self.iban.as_str())
            .transliterate_name(self.translit_name)
            .transliterate_remittance(self.translit_remittance);
        if let Some(v) = &self.bic {
            b = b.bic(v.as_str());
        }
        if let Some(v) = self.amount {
            b = b.amount_cents(v);
        }
        if let Some(v) = &self.purpose {
            b = b.purpose(v.as_str());
        }
        if let Some(v) = &self.reference {
            b = b.reference(v.as_str());
        }
        if let Some(v) = &self.remittance {
            b = b.remittance(v.as_str());
        }
        if let Some(v) = &self.info {
            b = b.info(v.as_str());
        }
        b
    }
}

/// Mostly valid inputs (so the round trip is exercised), with a weighted
/// share of invalid values for every field.
fn input() -> impl Strategy<Value = Input> {
    let header = (
        prop_oneof![1 => Just(Version::V001), 3 => Just(Version::V002)],
        prop_oneof![Just(Charset::Utf8), Just(Charset::Latin1)],
        any::<bool>(),
        proptest::option::of(prop_oneof![
            9 => prop::sample::select(&["COBADEFFXXX", "cobadeff", "MARKDEF1100", "GENO DE M1 GLS"][..]),
            1 => Just("BIC1"),
        ]),
    );
    let account = (
        prop_oneof![9 => text(70), 1 => text(75)],
        typed_iban(),
        proptest::option::of(
            prop_oneof![20 => 1u64..=99_999_999_999, 1 => Just(0u64), 1 => 100_000_000_000u64..],
        ),
    );
    let rf = prop_oneof![
        9 => "[A-Z0-9]{1,21}".prop_map(|kz| rf_from_kassenzeichen(&kz).unwrap()),
        1 => "RF[0-9]{2}[A-Z0-9]{1,22}",
    ];
    // 0: neither, 1: reference, 2: remittance, 3: both (rejected).
    let reference_or_remittance = (
        prop_oneof![2 => Just(0u8), 4 => Just(1), 4 => Just(2), 1 => Just(3)],
        rf,
        text(145),
    )
        .prop_map(|(choice, rf, text)| match choice {
            0 => (None, None),
            1 => (Some(rf), None),
            2 => (None, Some(text)),
            _ => (Some(rf), Some(text)),
        });
    let references = (
        proptest::option::of(prop_oneof![9 => "[A-Za-z]{4}", 1 => "[a-z0-9]{3,5}"]),
        reference_or_remittance,
        proptest::option::of(prop_oneof![9 => text(70), 1 => text(75)]),
    );
    (header, account, references, any::<bool>(), any::<bool>()).prop_map(
        |(
            (version, charset, strict, bic),
            (name, iban, amount),
            (purpose, (reference, remittance), info),
            tn,
            tr,
        )| {
            Input {
                version,
                charset,
                strict,
                bic: bic.map(str::to_owned),
                name,
                iban,
                amount,
                purpose,
                reference,
                remittance,
                info,
                translit_name: tn,
                translit_remittance: tr,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn accepted_inputs_round_trip_and_respect_limits(input in input()) {
        let Ok(code) = input.builder().build() else { return Ok(()) };
        let f = code.fields();
        let payload = code.payload();
        prop_assert_eq!(&parse(payload).unwrap(), f);
        prop_assert_eq!(&parse_bytes(&code.payload_bytes()).unwrap(), f);
        prop_assert!(code.payload_bytes().len() <= 331);
        prop_assert!(!payload.ends_with('\n'));
        let lines: Vec<&str> = payload.split('\n').collect();
        prop_assert!((7..=12).contains(&lines.len()));
        prop_assert!(!lines.last().unwrap().is_empty());
        prop_assert_eq!(&lines[..4], &["BCD", input.version.as_str(), f.charset.as_str(), "SCT"][..]);
        prop_assert!((1..=70).contains(&f.name.chars().count()));
        prop_assert!(f.remittance.as_ref().is_none_or(|r| r.chars().count() <= 140));
        prop_assert!(f.info.as_ref().is_none_or(|r| r.chars().count() <= 70));
        prop_assert!(f.reference.is_none() || f.remittance.is_none());
        prop_assert!(f.amount_cents.is_none_or(|c| (1..=99_999_999_999).contains(&c)));
        prop_assert!(input.version == Version::V002 || f.bic.is_some());
        if input.translit_remittance {
            prop_assert!(f.remittance.as_ref().is_none_or(|r| !r.contains(['ä', 'ß', 'é', 'ł'])));
        }
        if input.strict && input.charset == Charset::Latin1 {
            prop_assert_eq!(f.charset, Charset::Latin1);
        }
        if f.charset == Charset::Latin1 {
            prop_assert!(payload.chars().all(|c| u32::from(c) <= 0xFF));
        }
    }

    #[test]
    fn out_of_range_amounts_rejected(input in input(), cents in prop_oneof![Just(0u64), 100_000_000_000u64..]) {
        let mut input = input;
        input.amount = Some(cents);
        let e = input.builder().build();
        // An earlier field may fail first; the amount never passes.
        prop_assert!(e.is_err());
        let ok_before = Input { amount: None, reference: None, remittance: None, info: None, purpose: None, ..input.clone() };
        if ok_before.builder().build().is_ok() {
            prop_assert_eq!(e.unwrap_err().field, Field::Amount);
        }
    }

    #[test]
    fn too_long_names_rejected(name in "[a-zA-Z ]{0,30}", extra in "[a-zA-Z]{71,100}") {
        let name = format!("{name}{extra}");
        let e = GiroCode::builder().name(name.as_str()).iban(IBANS[0]).build().unwrap_err();
        prop_assert_eq!((e.field, e.kind), (Field::Name, ErrorKind::TooLong { max: 70 }));
    }

    #[test]
    fn corrupted_iban_rejected(index in 0usize..5, pos in 0usize..34, digit in 0u8..10) {
        let iban = IBANS[index];
        let pos = 4 + pos % (iban.len() - 4);
        let mut bytes = iban.as_bytes().to_vec();
        let replacement = b'0' + digit;
        // Digit for digit keeps the expansion width, so the remainder must change.
        prop_assume!(bytes[pos].is_ascii_digit() && bytes[pos] != replacement);
        bytes[pos] = replacement;
        let corrupted = String::from_utf8(bytes).unwrap();
        let e = GiroCode::builder().name("X").iban(corrupted).build().unwrap_err();
        prop_assert_eq!(e.field, Field::Iban);
        prop_assert!(matches!(e.kind, ErrorKind::Checksum | ErrorKind::Invalid));
    }

    #[test]
    fn corrupted_rf_rejected(kz in "[A-Z0-9]{1,21}", pos in 0usize..25, digit in 0u32..10, letter in 0u32..26) {
        let rf = rf_from_kassenzeichen(&kz).unwrap();
        prop_assert_eq!(check_rf(&rf), Ok(rf.clone()));
        let pos = 2 + pos % (rf.len() - 2);
        let mut chars: Vec<char> = rf.chars().collect();
        // Same kind of character for the same expansion width.
        let c = if chars[pos].is_ascii_digit() {
            char::from_digit(digit, 10).unwrap()
        } else {
            char::from(b'A' + letter as u8)
        };
        prop_assume!(chars[pos] != c);
        chars[pos] = c;
        let corrupted: String = chars.into_iter().collect();
        // A single substitution always changes the MOD 97-10 remainder.
        prop_assert!(check_rf(&corrupted).is_err());
    }

    #[test]
    fn reference_with_remittance_rejected(kz in "[A-Z0-9]{1,21}", remittance in "[a-zA-Z0-9]{1,140}") {
        let e = GiroCode::builder()
            .name("X")
            .iban(IBANS[0])
            .reference(rf_from_kassenzeichen(&kz).unwrap())
            .remittance(remittance)
            .build()
            .unwrap_err();
        prop_assert_eq!((e.field, e.kind), (Field::Remittance, ErrorKind::BothReferenceAndRemittance));
    }

    #[test]
    fn control_characters_rejected(
        which in 0usize..3,
        before in "[a-z]{0,10}",
        after in "[a-z]{0,10}",
        ctl in prop::sample::select(&['\n', '\r', '\t', '\0', '\u{7f}', '\u{85}', '\u{2028}'][..]),
    ) {
        let bad = format!("{before}{ctl}{after}");
        let b = GiroCode::builder().name("X").iban(IBANS[0]);
        let (b, field) = match which {
            0 => (b.name(bad), Field::Name),
            1 => (b.remittance(bad), Field::Remittance),
            _ => (b.info(bad), Field::Info),
        };
        let e = b.build().unwrap_err();
        prop_assert_eq!((e.field, e.kind), (field, ErrorKind::ControlCharacter));
    }

    #[test]
    fn arbitrary_strings_never_panic(
        s in proptest::collection::vec(any::<String>(), 9),
        cents in proptest::option::of(any::<u64>()),
        flags in any::<(bool, bool, bool, bool)>(),
    ) {
        let mut b = GiroCode::builder()
            .version(if flags.0 { Version::V001 } else { Version::V002 })
            .charset(if flags.1 { Charset::Latin1 } else { Charset::Utf8 })
            .transliterate_name(flags.2)
            .strict_charset(flags.3)
            .bic(s[0].as_str())
            .name(s[1].as_str())
            .iban(s[2].as_str())
            .purpose(s[3].as_str())
            .reference(s[4].as_str())
            .remittance(s[5].as_str())
            .info(s[6].as_str());
        if let Some(c) = cents {
            b = b.amount_cents(c);
        }
        if let Ok(code) = b.build() {
            prop_assert_eq!(&parse(code.payload()).unwrap(), code.fields());
            let _ = code.to_svg(&s[7]);
        }
        let _ = parse(&s[8]);
        let _ = parse_bytes(s[8].as_bytes());
        let _ = parse_amount(&s[0]);
        let _ = check_rf(&s[1]);
        let _ = rf_from_kassenzeichen(&s[2]);
        let _ = transliterate(&s[3]);
        let _ = girocode::check_iban(&s[4]);
        let _ = girocode::check_bic(&s[5]);
    }

    #[test]
    fn parser_never_panics_on_mutated_payloads(
        lines in proptest::collection::vec("[A-Za-z0-9 .\r]{0,40}|BCD|00[12]|[12]|SCT|EUR[0-9.]{0,14}", 0..15),
        crlf in any::<bool>(),
    ) {
        let payload = lines.join(if crlf { "\r\n" } else { "\n" });
        let _ = parse(&payload);
        let mut bytes = payload.into_bytes();
        bytes.push(0xFF);
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn german_ibans_are_valid_ibans(blz in "[0-9]{8}", account in "[0-9]{1,10}") {
        let iban = girocode::german_iban(&blz, &account).unwrap_or_default();
        let checked = girocode::check_iban(&iban);
        prop_assert_eq!(checked.as_ref(), Ok(&iban));
        prop_assert_eq!(&iban[..2], "DE");
        prop_assert_eq!(&iban[4..12], blz.as_str());
        prop_assert_eq!(iban[12..].trim_start_matches('0'), account.trim_start_matches('0'));
    }

    #[test]
    fn amount_text_round_trips(cents in 1u64..=99_999_999_999) {
        let euros = cents / 100;
        let rest = cents % 100;
        prop_assert_eq!(parse_amount(&format!("{euros},{rest:02}")), Ok(cents));
        prop_assert_eq!(parse_amount(&format!("{euros}.{rest:02}")), Ok(cents));
        if rest % 10 == 0 {
            prop_assert_eq!(parse_amount(&format!("{euros}.{}", rest / 10)), Ok(cents));
        }
        let formatted = girocode::format_amount(cents).unwrap();
        prop_assert_eq!(parse_amount(formatted.trim_start_matches("EUR")), Ok(cents));
    }
}

/// Guards the generator: the round-trip property is only meaningful if a fair
/// share of generated inputs is accepted, covering both character sets.
#[test]
fn generator_yields_enough_accepted_inputs() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = input();
    let (mut accepted, mut latin1, mut with_reference) = (0, 0, 0);
    for _ in 0..1000 {
        let input = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok(code) = input.builder().build() {
            accepted += 1;
            latin1 += usize::from(code.charset() == Charset::Latin1);
            with_reference += usize::from(code.fields().reference.is_some());
        }
    }
    assert!(accepted >= 200, "only {accepted} of 1000 accepted");
    assert!(
        latin1 >= 20 && with_reference >= 20,
        "latin1 {latin1}, reference {with_reference}"
    );
    eprintln!("accepted {accepted}, latin1 {latin1}, reference {with_reference}");
}
