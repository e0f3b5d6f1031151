//! Property tests of the shared rules: nothing panics on arbitrary input (the app is wasm, where a
//! panic ends the page), and the formats round-trip. The form definitions live in the backend;
//! their properties are in crates/mock-backend/tests/properties.rs.

use domain::application::{
    ApplicationReceipt, ApplicationRequest, Draft, DraftSaved, ServiceDetail, Slot, UploadReceipt,
};
use domain::catalogue::ServiceSummary;
use domain::date::Date;
use domain::feedback::FeedbackRequest;
use domain::form::{Answer, Answers};
use domain::hearing::{
    parse_date_of_birth, HearingCase, HearingChoice, HearingReceipt, HearingResponse, HearingRole,
    HearingSession, MaritalStatus, PersonalData, SessionRequest,
};
use domain::i18n::Lang;
use domain::money::Cents;
use domain::payment::{
    clean_purpose, clip_description, is_valid_purpose, is_valid_return_url, Payment, PaymentMethod,
    PaymentRequest,
};
use domain::search::{fold, matches};
use proptest::prelude::*;
use serde_json::Value;

/// `cases` per property, or `PROPTEST_CASES` for a longer run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any valid date of the supported range (years 1000–9999).
fn date() -> impl Strategy<Value = Date> {
    (1000i32..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        // Clamp the day into the month instead of filtering (keeps every case useful).
        (0..4)
            .find_map(|back| Date::new(y, m, d - back.min(d - 1)))
            .unwrap_or(Date {
                year: y,
                month: m,
                day: 1,
            })
    })
}

/// Strings people and scripts send: ASCII, German letters, digits and separators of dates and
/// amounts, whitespace of every kind, control characters, and anything else.
fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9 .,:/+-]{0,16}",
        2 => "[a-zA-ZäöüÄÖÜß '’.-]{0,24}",
        1 => "[\\s\u{0}-\u{1f}\u{7f}-\u{a0}\u{2028}\u{feff}a]{0,8}",
        2 => any::<String>(),
    ]
}

/// German amount notation back to cents (`-1.234,50 €`), as a check of `format_de`.
fn parse_de(s: &str) -> Option<i128> {
    let s = s.strip_suffix("\u{a0}€")?;
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (euros, cents) = s.split_once(',')?;
    let groups: Vec<&str> = euros.split('.').collect();
    let well_grouped = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !well_grouped || cents.len() != 2 {
        return None;
    }
    let value = groups.concat().parse::<i128>().ok()? * 100 + cents.parse::<i128>().ok()?;
    Some(if neg { -value } else { value })
}

/// English notation back to cents (`-€1,234.50`).
fn parse_en(s: &str) -> Option<i128> {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (euros, cents) = s.strip_prefix('€')?.split_once('.')?;
    let value = euros.replace(',', "").parse::<i128>().ok()? * 100 + cents.parse::<i128>().ok()?;
    Some(if neg { -value } else { value })
}

/// Arbitrary JSON, nested a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        messy().prop_map(Value::String),
        "(ok|2026-11-21|OWI-2026-000101|TRANSFER|statement|hearing|de|en|[0-9]{1,4})"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                "(id|kind|name|de|en|amount|date|status|token|code|reference|answers|fee|lines|total|items|[a-z_]{1,12})",
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Decodes `bytes` and `value` into every response type the app decodes, plus the request types
/// the backend decodes. Only "does not panic" is asserted: errors are fine.
fn decode_everything(bytes: &[u8], value: &Value) {
    macro_rules! each {
        ($($t:ty),* $(,)?) => {$(
            let _ = serde_json::from_slice::<$t>(bytes);
            let _ = serde_json::from_value::<$t>(value.clone());
        )*};
    }
    each!(
        Vec<ServiceSummary>,
        ServiceDetail,
        ApplicationReceipt,
        Draft,
        DraftSaved,
        UploadReceipt,
        Vec<Slot>,
        HearingCase,
        HearingSession,
        HearingReceipt,
        Vec<PaymentMethod>,
        Payment,
        ApplicationRequest,
        FeedbackRequest,
        SessionRequest,
        HearingResponse,
        PaymentRequest,
        Answers,
        Answer,
        Date,
        Cents,
    );
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn dates_round_trip_through_both_notations(d in date()) {
        prop_assert_eq!(Date::parse_iso(&d.iso()), Some(d));
        prop_assert_eq!(Date::parse_german(&d.format_de()), Some(d));
        prop_assert_eq!(parse_date_of_birth(&d.format_de()), Some(d));
        prop_assert_eq!(serde_json::from_str::<Date>(&serde_json::to_string(&d).unwrap_or_default()).ok(), Some(d));
        prop_assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
    }

    #[test]
    fn day_arithmetic_is_consistent(d in date(), days in -400_000i64..400_000) {
        let later = d.add_days(days);
        prop_assert_eq!(d.days_until(later), days);
        prop_assert_eq!(later.add_days(-days), d);
        let _ = d.age_on(later);
    }

    #[test]
    fn date_parsing_never_panics_and_is_strict(s in messy()) {
        if let Some(d) = Date::parse_iso(&s) {
            prop_assert_eq!(d.iso(), s.as_str(), "ISO is strict: only the canonical spelling parses");
        }
        if let Some(d) = Date::parse_german(&s) {
            prop_assert!(Date::new(d.year, d.month, d.day).is_some());
        }
        let _ = parse_date_of_birth(&s);
    }

    #[test]
    fn any_timestamp_is_a_date(secs in any::<i64>()) {
        let _ = Date::from_unix_seconds(secs);
    }

    #[test]
    fn amounts_format_without_panic_and_parse_back(c in any::<i64>()) {
        prop_assert_eq!(parse_de(&Cents(c).format_de()), Some(i128::from(c)));
        prop_assert_eq!(parse_en(&Cents(c).format_en()), Some(i128::from(c)));
        prop_assert_eq!(Cents(c).format(Lang::De), Cents(c).format_de());
    }

    #[test]
    fn search_never_panics_and_finds_what_is_there(
        query in messy(),
        hay in prop::collection::vec(messy(), 0..4),
        pick in any::<prop::sample::Index>(),
        len in 1usize..6,
    ) {
        let refs: Vec<&str> = hay.iter().map(String::as_str).collect();
        let _ = matches(&query, &refs);
        let _ = fold(&query);
        prop_assert!(matches("", &refs) && matches(" \t ", &refs), "an empty query shows everything");
        // Any run of non-blank characters taken from a haystack finds it.
        if let Some(h) = hay.first() {
            let chars: Vec<char> = h.chars().collect();
            if !chars.is_empty() {
                let start = pick.index(chars.len());
                let word: String = chars[start..].iter().take(len).take_while(|c| !c.is_whitespace()).collect();
                if !word.is_empty() {
                    prop_assert!(matches(&word, &[h.as_str()]), "{:?} in {:?}", word, h);
                }
            }
        }
    }

    #[test]
    fn request_validation_never_panics(a in messy(), b in messy(), contact in proptest::option::of(messy())) {
        let _ = FeedbackRequest { message: a.clone(), contact }.validate();
        let _ = SessionRequest { case_number: a.clone(), access_code: b.clone() }.validate();
        let _ = (clean_purpose(&a), clip_description(&a), is_valid_purpose(&a), is_valid_return_url(&a));
        let purpose = clean_purpose(&a);
        prop_assert!(purpose.is_empty() || is_valid_purpose(&purpose), "cleaning yields a valid purpose: {:?}", purpose);
        prop_assert!(clip_description(&a).chars().count() <= domain::payment::DESCRIPTION_MAX);
        let _ = Lang::from_accept_language(&b);
    }

    #[test]
    fn hearing_responses_never_panic(
        texts in prop::collection::vec(messy(), 18),
        birth_name in proptest::option::of(messy()),
        marital in proptest::option::of(prop::sample::select(MaritalStatus::ALL.to_vec())),
        choice in 0usize..4,
        admits in any::<bool>(),
        attachments in prop::collection::vec("(upl_[a-z0-9]{20}|.{0,30})", 0..8),
        today in date(),
    ) {
        let t = |i: usize| texts[i].clone();
        let personal_data = PersonalData {
            family_name: t(0), birth_name, given_names: t(1), date_of_birth: t(2), place_of_birth: t(3),
            street: t(4), house_number: t(5), postal_code: t(6), town: t(7), nationality: t(8),
            occupation: t(9), marital_status: marital,
        };
        let choice = match choice {
            0 => HearingChoice::Statement { admits, text: t(10), attachments },
            1 => HearingChoice::NameDriver {
                family_name: t(11), given_names: t(12), street: t(13), house_number: t(14),
                postal_code: t(15), town: t(16), date_of_birth: t(17),
            },
            2 => HearingChoice::RefuseAsRelative,
            _ => HearingChoice::NoStatement,
        };
        let response = HearingResponse { personal_data, choice };
        for role in [HearingRole::PersonConcerned, HearingRole::KeeperWitness] {
            if let Err(e) = response.validate(role, today) {
                prop_assert!(!e.is_empty());
                for lang in [Lang::De, Lang::En] {
                    prop_assert!(e.messages(lang).values().flatten().all(|m| !m.is_empty()));
                }
            }
        }
        let wire = serde_json::to_value(&response).unwrap_or_default();
        prop_assert_eq!(serde_json::from_value::<HearingResponse>(wire).ok(), Some(response));
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_everything(&bytes, &Value::Null);
    }

    #[test]
    fn decoding_arbitrary_json_never_panics(value in json_value()) {
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        decode_everything(&bytes, &value);
    }
}

#[test]
fn whole_numbers_in_float_spelling_are_accepted_where_the_description_says_integer() {
    // JSON Schema's `integer` admits 1.0; the backend accepts what the description promises.
    let draft: Draft = serde_json::from_str(
        r#"{"service_id":"x","form_version":1.0,"answers":{"f":{"id":"u","name":"n","size":3.0}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(draft.form_version, 1);
}
