//! The form wizards' backend: definitions checked against the model, and the endpoints exercised
//! through the router with `oneshot`, as the app would call them.

mod common;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{get, json_request, send, state, Reply};
use domain::application::is_unambiguous_code;
use domain::catalogue::FeeSummary;
use domain::date::Date;
use domain::form::{
    validate_all, visible_answers, Answers, Condition, FeeRule, Field, FieldKind, FormDefinition,
};
use domain::money::Cents;
use mock_backend::forms::definitions;
use mock_backend::AppState;
use serde_json::{json, Value};
use std::collections::HashSet;

/// Applications sent in this test: the seed already holds the demo account's past ones.
fn sent_here(s: &mock_backend::AppState) -> usize {
    s.forms().application_count() - state().forms().application_count()
}

const SERVICES: [&str; 9] = [
    "hundeanmeldung",
    "bewohnerparkausweis",
    "urkunden",
    "melderegisterauskunft",
    "gartenwasserzaehler",
    "kita-anmeldung",
    "elternbeitraege",
    "eheschliessung",
    "veranstaltungskarten",
];

async fn submit(state: &AppState, key: &str, body: &Value) -> Reply {
    let mut req = json_request(Method::POST, "/api/v1/applications", body, "de", Some(key));
    // The resident parking permit requires sign-in (substantial): a session as the callback
    // would start it (tests/account.rs covers the flow itself).
    if body["service_id"] == "bewohnerparkausweis" {
        let cookie = format!("portal_session={}", signed_in(state));
        req.headers_mut()
            .insert(header::COOKIE, cookie.parse().expect("cookie"));
        req.headers_mut()
            .insert("x-requested-with", "test".parse().expect("header"));
    }
    send(state, req).await
}

fn signed_in(state: &AppState) -> String {
    state
        .account()
        .start_session(mock_backend::account::Session {
            subject: "s".into(),
            issuer: "i".into(),
            given_name: "Erika".into(),
            family_name: "Mustermann".into(),
            birth_date: Some("1964-08-12".into()),
            address: Some(domain::account::AccountAddress {
                street: "Lindenallee 1".into(),
                postal_code: "12345".into(),
                town: "Musterstadt".into(),
                country: "DE".into(),
            }),
            email: Some("erika@example.org".into()),
            trust_level: domain::account::TrustLevel::Substantial,
            last_seen: state.clock().now(),
        })
}

fn application(service: &str, answers: &Value) -> Value {
    json!({ "service_id": service, "form_version": 1, "answers": answers })
}

async fn upload(state: &AppState, content_type: &str, name: &str, bytes: Vec<u8>) -> Reply {
    let req = Request::post("/api/v1/uploads")
        .header(header::CONTENT_TYPE, content_type)
        .header("X-File-Name", name)
        .body(Body::from(bytes))
        .expect("request");
    send(state, req).await
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec()
}

async fn upload_pdf(state: &AppState) -> String {
    let r = upload(state, "application/pdf", "Nachweis.pdf", pdf()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().expect("id").to_owned()
}

fn address(street: &str, number: &str, postal: &str) -> Value {
    json!({ "street": street, "house_number": number, "postal_code": postal, "town": "Musterstadt" })
}

/// A realistic complete answer set per service and the fee it must cost (in cents).
fn golden(service: &str, today: Date, upload: &str, slot: &str) -> (Value, i64) {
    let file = json!({ "id": upload, "name": "Nachweis.pdf", "size": 52 });
    match service {
        "hundeanmeldung" => (
            json!({
                "vorname": "Erika", "nachname": "Mustermann", "geburtsdatum": "1985-04-12",
                "anschrift": address("Lindenallee", "4a", "12345"), "email": "erika@example.org", "telefon": "",
                "hunde": [
                    { "name": "Bello", "rasse": "Labrador Retriever", "gelistet": "no", "geburtsdatum": "2019-05-01",
                      "chip": "276098106543210", "seit": "2019-07-15" },
                    { "name": "Luna", "rasse": "Mischling", "gelistet": "no", "geburtsdatum": "2021-03-20",
                      "chip": "276 098 106 543 211", "seit": "2021-06-01" },
                    { "name": "Rocky", "rasse": "American Staffordshire-Terrier", "gelistet": "yes", "geburtsdatum": "2022-01-09",
                      "chip": "276098106543212", "seit": "2022-04-01" }
                ],
                "lastschrift": "yes", "kontoinhaber": "Erika Mustermann", "iban": "DE89 3704 0044 0532 0130 00", "mandat": ["erteilt"]
            }),
            9600 + 12000 + 60000,
        ),
        "bewohnerparkausweis" => (
            json!({
                "vorname": "Jonas", "nachname": "Becker", "email": "jonas.becker@example.org",
                "zone": "B", "anschrift": address("Bahnhofstraße", "12", "12345"),
                "kennzeichen": "mu ab 123", "fahrzeughalter": "no", "zulassung": file, "nutzungsnachweis": file
            }),
            3000,
        ),
        "urkunden" => (
            json!({
                "urkunden": [
                    { "art": "geburt", "dokument": "urkunde", "mehrsprachig": "yes", "anzahl": "3",
                      "vorname": "Lena", "nachname": "Schmidt", "jahr": "1990" },
                    { "art": "ehe", "dokument": "registerausdruck", "anzahl": "1",
                      "vorname": "Lena", "nachname": "Schmidt", "jahr": "2018" }
                ],
                "verhaeltnis": "selbst", "vorname": "Lena", "nachname": "Schmidt", "email": "lena@example.org",
                "lieferanschrift": address("Kirchgasse", "9", "01067")
            }),
            (1200 + 600 + 600) + 1200,
        ),
        "melderegisterauskunft" => (
            json!({
                "gesucht_vorname": "Klaus", "gesucht_nachname": "Weber", "gesucht_geburtsdatum": "1970-02-28",
                "gesucht_anschrift": address("Ringstraße", "7", "12345"),
                "zweck": "gewerblich", "werbung": "no",
                "vorname": "Sabine", "nachname": "Hoffmann", "firma": "Inkasso Hoffmann GmbH",
                "anschrift": address("Hauptstraße", "1", "54321"), "email": "s.hoffmann@example.org"
            }),
            700,
        ),
        "gartenwasserzaehler" => (
            json!({
                "zaehlernummer": "4711001", "stand": "150", "ablesedatum": today.iso(), "foto": file,
                "vorname": "Peter", "nachname": "Gärtner", "anschrift": address("Gartenweg", "3", "12345"), "email": "peter@example.org"
            }),
            0,
        ),
        "kita-anmeldung" => (
            json!({
                "kind_vorname": "Mia", "kind_nachname": "Yılmaz", "kind_geburtsdatum": "2024-08-15",
                "beginn": today.add_days(90).iso(), "stunden": "35", "kitas": ["sonnenschein", "waldwichtel"],
                "eltern1_vorname": "Ayşe", "eltern1_nachname": "Yılmaz", "eltern1_anschrift": address("Schlossallee", "2", "12345"),
                "eltern1_email": "ayse@example.org", "zweites_elternteil": "yes",
                "eltern2_vorname": "Deniz", "eltern2_nachname": "Yılmaz"
            }),
            0,
        ),
        "elternbeitraege" => (
            json!({
                "kinder": "2", "alleinerziehend": "no", "einkommensstufe": "bis_50000", "nachweis": file,
                "vorname": "Tobias", "nachname": "Klein", "kind_name": "Emma Klein",
                "anschrift": address("Südring", "18", "12345"), "email": "tobias.klein@example.org"
            }),
            0,
        ),
        "eheschliessung" => (
            json!({
                "termin": slot,
                "partner1_vorname": "Anna", "partner1_nachname": "Fischer", "partner1_geburtsdatum": "1992-06-30",
                "partner2_vorname": "Lukas", "partner2_nachname": "Wagner", "partner2_geburtsname": "Braun",
                "partner2_geburtsdatum": "1990-11-02", "email": "anna.fischer@example.org"
            }),
            4000,
        ),
        "veranstaltungskarten" => (
            json!({
                "veranstaltung": "kabarett", "anzahl": "4", "parken": "yes", "parkscheine": "2",
                "vorname": "Heike", "nachname": "Neumann", "email": "heike@example.org"
            }),
            4 * 1800 + 2 * 500,
        ),
        other => panic!("no golden answers for {other}"),
    }
}

fn answers(v: &Value) -> Answers {
    serde_json::from_value(v.clone()).expect("answers")
}

// ---------------------------------------------------------------- definitions against the model

fn condition_fields(c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Equals { field, .. }
        | Condition::NotEquals { field, .. }
        | Condition::OneOf { field, .. }
        | Condition::Answered { field } => out.push(field.clone()),
        Condition::All { conditions } | Condition::Any { conditions } => {
            conditions.iter().for_each(|c| condition_fields(c, out))
        }
    }
}

fn fields_of(c: &Condition) -> Vec<String> {
    let mut v = Vec::new();
    condition_fields(c, &mut v);
    v
}

/// Checks one list of fields; `known` holds the ids a condition may refer to (earlier ones).
fn check_fields(service: &str, fields: &[Field], known: &mut Vec<String>, outer: &[String]) {
    let mut ids = HashSet::new();
    for f in fields {
        assert!(
            ids.insert(f.id.clone()),
            "{service}: duplicate field id {}",
            f.id
        );
        assert!(
            !f.id.is_empty()
                && f.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{service}: field id {:?}",
            f.id
        );
        assert!(
            !f.label.de.trim().is_empty() && !f.label.en.trim().is_empty(),
            "{service}.{}: label",
            f.id
        );
        if let Some(c) = &f.condition {
            for r in fields_of(c) {
                assert!(
                    known.contains(&r) || outer.contains(&r),
                    "{service}.{}: condition on unknown or later field {r}",
                    f.id
                );
            }
        }
        match &f.kind {
            FieldKind::OneOf { options } => {
                assert!(
                    options.len() >= 2,
                    "{service}.{}: a choice needs options",
                    f.id
                );
                let values: HashSet<_> = options.iter().map(|o| &o.value).collect();
                assert_eq!(
                    values.len(),
                    options.len(),
                    "{service}.{}: duplicate option",
                    f.id
                );
            }
            FieldKind::ManyOf { options, max } => {
                assert!(!options.is_empty(), "{service}.{}: no options", f.id);
                assert!(
                    max.is_none_or(|m| m >= 1 && m as usize <= options.len()),
                    "{service}.{}: max",
                    f.id
                );
            }
            FieldKind::Group {
                fields,
                min_items,
                max_items,
                item_label,
            } => {
                assert!(
                    min_items <= max_items && *max_items >= 1,
                    "{service}.{}: item bounds",
                    f.id
                );
                assert!(!item_label.de.is_empty());
                let mut inner = Vec::new();
                let mut scope = known.clone();
                scope.extend_from_slice(outer);
                check_fields(service, fields, &mut inner, &scope);
            }
            FieldKind::Quantity { min, max } => assert!(min <= max, "{service}.{}", f.id),
            FieldKind::WholeNumber { min, max } => assert!(min <= max, "{service}.{}", f.id),
            FieldKind::Digits { min_len, max_len } => {
                assert!(min_len <= max_len && *min_len > 0, "{service}.{}", f.id)
            }
            FieldKind::ShortText { max_len, .. } | FieldKind::LongText { max_len } => {
                assert!(*max_len > 0)
            }
            _ => {}
        }
        known.push(f.id.clone());
    }
}

fn check_fee(service: &str, def: &FormDefinition, rule: &FeeRule) {
    let top = |id: &str| {
        def.field(id)
            .unwrap_or_else(|| panic!("{service}: fee reads unknown field {id}"))
    };
    let in_group = |group: &str, id: &str| match &top(group).kind {
        FieldKind::Group { fields, .. } => fields
            .iter()
            .find(|f| f.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("{service}: {group}.{id}")),
        _ => panic!("{service}: {group} is not a group"),
    };
    match rule {
        FeeRule::Free => {}
        FeeRule::Fixed { amount, .. } => assert!(amount.0 > 0),
        FeeRule::PerUnit {
            quantity_field,
            group: None,
            ..
        } => {
            assert!(
                matches!(top(quantity_field).kind, FieldKind::Quantity { .. }),
                "{service}: {quantity_field} is a quantity"
            )
        }
        FeeRule::PerUnit {
            quantity_field,
            group: Some(g),
            ..
        } => {
            assert!(matches!(
                in_group(g, quantity_field).kind,
                FieldKind::Quantity { .. }
            ))
        }
        FeeRule::PerItem {
            group,
            rates,
            special,
            ..
        } => {
            assert!(!rates.is_empty());
            if let Some(s) = special {
                in_group(group, &s.field);
            }
        }
        FeeRule::PerUnitByOption {
            quantity_field,
            option_field,
            prices,
            ..
        } => {
            assert!(matches!(
                top(quantity_field).kind,
                FieldKind::Quantity { .. }
            ));
            let FieldKind::OneOf { options } = &top(option_field).kind else {
                panic!("{service}: {option_field} is a choice")
            };
            for o in options {
                let price = prices
                    .iter()
                    .find(|p| p.value == o.value)
                    .unwrap_or_else(|| panic!("{service}: no price for {}", o.value));
                let hint = o.hint.as_ref().expect("priced options show their price");
                assert!(
                    hint.de.contains(&price.amount.format_de()),
                    "{service}: {} shows {}",
                    hint.de,
                    price.amount.format_de()
                );
            }
            assert_eq!(prices.len(), options.len());
        }
        FeeRule::Sum { rules } => rules.iter().for_each(|r| check_fee(service, def, r)),
    }
}

/// The lowest fee an application can cost (add-ons after the first rule of a sum are optional).
fn cheapest(rule: &FeeRule) -> Cents {
    match rule {
        FeeRule::Free => Cents::ZERO,
        FeeRule::Fixed { amount, .. } => *amount,
        FeeRule::PerUnit { first, .. } => *first,
        FeeRule::PerItem { rates, .. } => rates.iter().copied().min().unwrap_or(Cents::ZERO),
        FeeRule::PerUnitByOption { prices, .. } => {
            prices.iter().map(|p| p.amount).min().unwrap_or(Cents::ZERO)
        }
        FeeRule::Sum { rules } => rules.first().map(cheapest).unwrap_or(Cents::ZERO),
    }
}

#[test]
fn every_definition_is_valid_and_its_golden_answers_validate_and_cost_the_expected_fee() {
    let today = state().clock().today();
    let defs = definitions::all(today);
    assert_eq!(
        defs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        SERVICES
    );
    let catalogue = definitions::demo_town().services.catalogue.clone();
    for def in &defs {
        let id = def.id.as_str();
        assert!(def.version >= 1);
        assert!(
            !def.title.de.is_empty() && !def.intro.en.is_empty() && !def.next_steps.de.is_empty(),
            "{id}: texts"
        );
        let mut step_ids = HashSet::new();
        let mut known: Vec<String> = Vec::new();
        for step in &def.steps {
            assert!(
                step_ids.insert(step.id.clone()),
                "{id}: duplicate step {}",
                step.id
            );
            assert!(
                (2..=20).contains(&step.id.len())
                    && step
                        .id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id}: step id {:?} is not a short URL segment",
                step.id
            );
            assert!(!step.fields.is_empty(), "{id}/{}: empty step", step.id);
            if let Some(c) = &step.condition {
                for r in fields_of(c) {
                    assert!(
                        known.contains(&r),
                        "{id}/{}: step condition on unknown or later field {r}",
                        step.id
                    );
                }
            }
            check_fields(id, &step.fields, &mut known, &[]);
        }
        let unique: HashSet<_> = known.iter().collect();
        assert_eq!(
            unique.len(),
            known.len(),
            "{id}: field ids repeat across steps"
        );
        check_fee(id, def, &def.fee);

        let (golden, fee) = golden(id, today, "upl_golden", "ehe-slot");
        let given = answers(&golden);
        let visible = visible_answers(def, &given);
        assert_eq!(
            visible, given,
            "{id}: golden answers answer only visible fields"
        );
        let errors = validate_all(def, &visible, today);
        assert!(
            errors.is_empty(),
            "{id}: {:?}",
            errors.messages(domain::i18n::Lang::De)
        );
        assert_eq!(def.fee.compute(&visible).total, Cents(fee), "{id}: fee");

        let summary = &catalogue
            .iter()
            .find(|s| s.id == id)
            .expect("in catalogue")
            .fee;
        match summary {
            FeeSummary::Free => assert_eq!(def.fee, FeeRule::Free, "{id}"),
            FeeSummary::Fixed { amount } => assert!(
                matches!(&def.fee, FeeRule::Fixed { amount: a, .. } if a == amount),
                "{id}"
            ),
            FeeSummary::From { amount } | FeeSummary::PerYear { amount } => {
                assert_eq!(cheapest(&def.fee), *amount, "{id}")
            }
            FeeSummary::AsNotified => panic!("{id}: a form's fee is never \"as notified\""),
        }
    }
}

#[test]
fn many_options_are_a_select_and_conditions_hide_steps() {
    let today = state().clock().today();
    let income = definitions::find("elternbeitraege", today).expect("def");
    assert!(income
        .field("einkommensstufe")
        .expect("field")
        .kind
        .uses_select());
    let mut a = answers(&golden("elternbeitraege", today, "upl_x", "").0);
    a.insert(
        "einkommensstufe".into(),
        domain::form::Answer::Text("ueber_100000".into()),
    );
    a.remove("nachweis");
    assert!(
        validate_all(&income, &visible_answers(&income, &a), today).is_empty(),
        "highest bracket needs no proof"
    );
}

// ---------------------------------------------------------------- service detail and slots

#[tokio::test]
async fn service_detail_has_the_form_and_unknown_services_are_404_problems() {
    let s = state();
    let r = get(&s, "/api/v1/services/hundeanmeldung").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["service"]["name"]["de"], "Hundeanmeldung");
    assert_eq!(r.json["form"]["id"], "hundeanmeldung");
    let steps: Vec<&str> = r.json["form"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(steps, ["halter", "hunde", "zahlung", "lastschrift"]);
    assert_eq!(r.json["form"]["fee"]["kind"], "per_item");

    for path in [
        "/api/v1/services/nope",
        "/api/v1/services/nope/slots",
        "/api/v1/services/%FF",
    ] {
        let r = get(&s, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.ctype(), "application/problem+json");
        assert_eq!(r.json["status"], 404);
    }
    let r = get(&s, "/api/v1/services/hundeanmeldung/slots").await;
    assert_eq!((r.status, r.json.clone()), (StatusCode::OK, json!([])));
}

#[tokio::test]
async fn wedding_slots_are_free_weekdays_in_the_coming_weeks() {
    let s = state();
    let today = s.clock().today();
    let r = get(&s, "/api/v1/services/eheschliessung/slots").await;
    assert_eq!(r.status, StatusCode::OK);
    let slots = r.json.as_array().expect("list");
    assert!(slots.len() >= 8, "{slots:?}");
    for slot in slots {
        let date = Date::parse_iso(slot["date"].as_str().expect("date")).expect("iso date");
        assert!(date > today && date <= today.add_days(60));
        assert!(slot["time"].as_str().is_some_and(|t| t.len() == 5));
        assert!(slot["place"]["de"].as_str().is_some_and(|p| !p.is_empty()));
    }
}

// ---------------------------------------------------------------- applications

async fn first_slot(s: &AppState) -> String {
    get(s, "/api/v1/services/eheschliessung/slots").await.json[0]["id"]
        .as_str()
        .expect("a slot")
        .to_owned()
}

#[tokio::test]
async fn the_nine_golden_applications_are_accepted_priced_by_the_server_and_readable_again() {
    let s = state();
    let today = s.clock().today();
    let file = upload_pdf(&s).await;
    let slot = first_slot(&s).await;
    for (i, service) in SERVICES.iter().enumerate() {
        let (answers, fee) = golden(service, today, &file, &slot);
        let r = submit(&s, &format!("golden-{i}"), &application(service, &answers)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{service}: {}", r.json);
        let reference = r.json["reference"].as_str().expect("reference").to_owned();
        assert!(is_unambiguous_code(&reference, 8), "{reference}");
        assert_eq!(r.json["service_id"], *service);
        assert_eq!(r.json["fee"]["total"], fee, "{service}");
        assert_eq!(r.json["paid"], false);
        assert!(r.json["submitted_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')));
        if fee > 0 {
            let payee = &r.json["payee"];
            assert_eq!(payee["name"], "Stadt Musterstadt");
            let iban = payee["iban"].as_str().expect("iban");
            assert!(
                iban.starts_with("DE") && iban.parse::<iban::Iban>().is_ok(),
                "{iban}"
            );
            assert!(payee["bic"]
                .as_str()
                .is_some_and(|b| b.len() == 8 || b.len() == 11));
            assert_eq!(payee["remittance"], format!("Antrag {reference}"));
        } else {
            assert!(r.json.get("payee").is_none(), "{service}: nothing to pay");
        }
        // The confirmation page reloads by reference, typed any way.
        let typed = format!("{}-{}", &reference[..4], reference[4..].to_lowercase());
        let again = get(&s, &format!("/api/v1/applications/{typed}")).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.json, r.json);
    }
    assert_eq!(sent_here(&s), 9);
    let r = get(&s, "/api/v1/applications/ABCD2345").await;
    assert_eq!(
        (r.status, r.ctype()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
}

#[tokio::test]
async fn invalid_answers_are_422_with_specific_messages_under_the_validators_field_ids() {
    let s = state();
    let (mut a, _) = golden("hundeanmeldung", s.clock().today(), "", "");
    a["anschrift"]["postal_code"] = json!("1234");
    a["hunde"][0]["chip"] = json!("12345");
    a["hunde"][1]["name"] = json!("  ");
    a["hunde"][2].as_object_mut().expect("item").remove("seit");
    let r = submit(&s, "bad-1", &application("hundeanmeldung", &a)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.ctype(), "application/problem+json");
    let e = &r.json["errors"];
    assert_eq!(
        e["anschrift.postal_code"][0],
        "Die Postleitzahl hat 5 Ziffern."
    );
    assert_eq!(e["hunde.0.chip"][0], "Die Nummer hat genau 15 Ziffern.");
    assert_eq!(
        e["hunde.1.name"][0],
        "Bitte füllen Sie „Name des Hundes“ aus."
    );
    assert_eq!(
        e["hunde.2.seit"][0],
        "Bitte füllen Sie „Seit wann halten Sie den Hund?“ aus."
    );
    assert_eq!(e.as_object().map(|o| o.len()), Some(4), "{e}");
    assert_eq!(sent_here(&s), 0);

    // In English, and a failed attempt does not burn the key: the corrected body goes through.
    let en = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/applications",
            &application("hundeanmeldung", &a),
            "en",
            Some("bad-1"),
        ),
    )
    .await;
    assert_eq!(
        en.json["errors"]["anschrift.postal_code"][0],
        "The postcode has 5 digits."
    );
    let (good, _) = golden("hundeanmeldung", s.clock().today(), "", "");
    assert_eq!(
        submit(&s, "bad-1", &application("hundeanmeldung", &good))
            .await
            .status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn answers_of_hidden_steps_are_neither_stored_nor_priced_and_client_fees_are_ignored() {
    let s = state();
    let today = s.clock().today();
    let (mut dogs, _) = golden("hundeanmeldung", today, "", "");
    dogs["lastschrift"] = json!("no");
    dogs["iban"] = json!("not an IBAN at all");
    dogs["hunde"][2]["gelistet"] = json!("no");
    dogs["admin"] = json!("true");
    let r = submit(&s, "hidden-1", &application("hundeanmeldung", &dogs)).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "hidden fields are not validated: {}",
        r.json
    );
    assert_eq!(r.json["fee"]["total"], 9600 + 12000 + 15000);
    let stored = s
        .forms()
        .stored_answers(r.json["reference"].as_str().expect("ref"))
        .expect("stored");
    for hidden in ["iban", "kontoinhaber", "mandat", "admin"] {
        assert!(!stored.contains_key(hidden), "{hidden} was stored");
    }
    assert!(stored.contains_key("lastschrift") && stored.contains_key("hunde"));

    let (mut tickets, _) = golden("veranstaltungskarten", today, "", "");
    tickets["parken"] = json!("no");
    let mut body = application("veranstaltungskarten", &tickets);
    body["fee"] = json!({ "lines": [], "total": 1 });
    let r = submit(&s, "hidden-2", &body).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        r.json["fee"]["total"],
        4 * 1800,
        "parking tickets of the hidden step are not charged"
    );
    assert_eq!(r.json["fee"]["lines"].as_array().map(Vec::len), Some(1));
    let stored = s
        .forms()
        .stored_answers(r.json["reference"].as_str().expect("ref"))
        .expect("stored");
    assert!(!stored.contains_key("parkscheine"));
}

#[tokio::test]
async fn a_replay_returns_the_same_receipt_and_a_reused_key_with_another_body_is_409() {
    let s = state();
    let (a, _) = golden("melderegisterauskunft", s.clock().today(), "", "");
    let body = application("melderegisterauskunft", &a);
    let first = submit(&s, "same-key", &body).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let replay = submit(&s, "same-key", &body).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json, first.json);
    assert_eq!(sent_here(&s), 1, "never a second application");

    let mut other = a.clone();
    other["zweck"] = json!("privat");
    let r = submit(
        &s,
        "same-key",
        &application("melderegisterauskunft", &other),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/idempotency-conflict");
    assert_eq!(sent_here(&s), 1);

    let r = send(
        &s,
        json_request(Method::POST, "/api/v1/applications", &body, "de", None),
    )
    .await;
    assert_eq!(
        (r.status, r.ctype()),
        (StatusCode::BAD_REQUEST, "application/problem+json")
    );
}

#[tokio::test]
async fn an_outdated_form_version_or_unknown_service_is_refused() {
    let s = state();
    let (a, _) = golden("melderegisterauskunft", s.clock().today(), "", "");
    let mut body = application("melderegisterauskunft", &a);
    body["form_version"] = json!(0);
    let r = submit(&s, "v0", &body).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/form-changed");
    assert_eq!(
        r.json["detail"],
        "Das Formular wurde geändert. Bitte laden Sie die Seite neu."
    );
    let en = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/applications",
            &body,
            "en",
            Some("v0"),
        ),
    )
    .await;
    assert_eq!(
        en.json["detail"],
        "The form has changed. Please reload the page."
    );

    let r = submit(&s, "nope", &application("hundesteuer-abmeldung", &a)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(sent_here(&s), 0);
}

#[tokio::test]
async fn a_slot_taken_meanwhile_is_409_and_disappears_from_the_free_slots() {
    let s = state();
    let today = s.clock().today();
    let before = get(&s, "/api/v1/services/eheschliessung/slots")
        .await
        .json
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    let slot = first_slot(&s).await;
    let (a, _) = golden("eheschliessung", today, "", &slot);
    assert_eq!(
        submit(&s, "couple-1", &application("eheschliessung", &a))
            .await
            .status,
        StatusCode::CREATED
    );

    assert_eq!(
        s.appointments().held(),
        1,
        "the wedding holds its slot in the appointment engine"
    );

    let mut b = a.clone();
    b["email"] = json!("other.couple@example.org");
    let r = submit(&s, "couple-2", &application("eheschliessung", &b)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["type"], "/problems/slot-taken");
    assert_eq!(
        r.json["detail"],
        "Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie einen anderen."
    );

    let slots = get(&s, "/api/v1/services/eheschliessung/slots").await.json;
    let ids: Vec<&str> = slots
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids.len(), before - 1);
    assert!(!ids.contains(&slot.as_str()));

    b["termin"] = json!("ehe-1999-01-01-1000");
    let r = submit(&s, "couple-3", &application("eheschliessung", &b)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["errors"]["termin"][0],
        "Bitte wählen Sie eine der angebotenen Antworten."
    );
    assert_eq!(sent_here(&s), 1);
}

#[tokio::test]
async fn a_meter_reading_below_the_last_one_is_refused_on_the_reading_field() {
    let s = state();
    let (mut a, _) = golden("gartenwasserzaehler", s.clock().today(), "", "");
    a.as_object_mut().expect("object").remove("foto");
    a["zaehlernummer"] = json!("8150042");
    a["stand"] = json!("1000");
    let r = submit(&s, "m-1", &application("gartenwasserzaehler", &a)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["errors"]["stand"][0], "Der Zählerstand ist niedriger als der zuletzt gemeldete (1234 m³). Bitte prüfen Sie Ihre Ablesung.");
    let en = send(
        &s,
        json_request(
            Method::POST,
            "/api/v1/applications",
            &application("gartenwasserzaehler", &a),
            "en",
            Some("m-1"),
        ),
    )
    .await;
    assert!(en.json["errors"]["stand"][0]
        .as_str()
        .is_some_and(|m| m.contains("lower") && m.contains("(1234 m³)")));

    a["stand"] = json!("1234");
    assert_eq!(
        submit(&s, "m-2", &application("gartenwasserzaehler", &a))
            .await
            .status,
        StatusCode::CREATED,
        "equal is fine"
    );
    a["stand"] = json!("1300");
    a["zaehlernummer"] = json!("815 0042");
    assert_eq!(
        submit(&s, "m-3", &application("gartenwasserzaehler", &a))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(s.forms().last_reading("8150042"), Some(1300));
    a["stand"] = json!("1250");
    let r = submit(&s, "m-4", &application("gartenwasserzaehler", &a)).await;
    assert!(
        r.json["errors"]["stand"][0]
            .as_str()
            .is_some_and(|m| m.contains("(1300 m³)")),
        "{}",
        r.json
    );
}

#[tokio::test]
async fn an_upload_answer_must_name_an_upload_the_server_has() {
    let s = state();
    let real = upload_pdf(&s).await;
    let (a, _) = golden(
        "bewohnerparkausweis",
        s.clock().today(),
        "upl_aaaaaaaaaaaaaaaaaaaa",
        "",
    );
    let mut a = a;
    a["nutzungsnachweis"]["id"] = json!(real);
    let r = submit(&s, "park", &application("bewohnerparkausweis", &a)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["errors"]["zulassung"][0],
        "Die Datei wurde nicht gefunden. Bitte laden Sie sie erneut hoch."
    );
    assert!(r.json["errors"].get("nutzungsnachweis").is_none());
}

// ---------------------------------------------------------------- uploads

#[tokio::test]
async fn a_pdf_upload_is_stored_under_an_unguessable_id_with_a_clean_name() {
    let s = state();
    let r = upload(
        &s,
        "application/pdf",
        "C%3A%5Cscans%5CFahrzeugschein%20%C3%BCbersicht.pdf",
        pdf(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let id = r.json["id"].as_str().expect("id");
    assert!(id.starts_with("upl_") && id.len() == 24, "{id}");
    assert_eq!(r.json["name"], "Fahrzeugschein übersicht.pdf");
    assert_eq!(r.json["size"], pdf().len());
    assert_eq!(r.json["content_type"], "application/pdf");
    assert!(s.forms().upload(id).is_some());
    let png = upload(
        &s,
        "image/png",
        "foto.png",
        b"\x89PNG\r\n\x1a\n rest".to_vec(),
    )
    .await;
    assert_eq!(png.status, StatusCode::CREATED);
    assert_ne!(png.json["id"], r.json["id"]);
    // Scans are big: up to 10 MB passes axum's default 2 MB body limit.
    let mut scan = pdf();
    scan.resize(10 * 1024 * 1024, b'0');
    let big = upload(&s, "application/pdf", "scan.pdf", scan).await;
    assert_eq!(
        (big.status, big.json["size"].as_u64()),
        (StatusCode::CREATED, Some(10 * 1024 * 1024))
    );
}

#[tokio::test]
async fn uploads_of_the_wrong_type_or_content_or_size_are_422_problems() {
    let s = state();
    let type_message = "Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch.";
    let r = upload(
        &s,
        "application/pdf",
        "virus.pdf",
        b"MZ\x90\x00 not a pdf".to_vec(),
    )
    .await;
    assert_eq!(
        (r.status, r.ctype()),
        (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json")
    );
    assert_eq!(r.json["detail"], type_message, "magic bytes must match");
    let r = upload(&s, "image/gif", "bild.gif", b"GIF89a....".to_vec()).await;
    assert_eq!(
        (r.status, r.json["detail"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some(type_message))
    );
    let r = upload(&s, "image/jpeg", "foto.jpg", pdf()).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a PDF declared as JPEG"
    );
    let r = upload(&s, "application/pdf", "leer.pdf", Vec::new()).await;
    assert_eq!(
        (r.status, r.json["detail"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("Die Datei ist leer.")
        )
    );

    // Just over the limit (checked by length) and far over it (stopped by the body limit).
    for size in [10 * 1024 * 1024 + 1, 12 * 1024 * 1024] {
        let mut big = pdf();
        big.resize(size, b'0');
        let r = upload(&s, "application/pdf", "gross.pdf", big).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{size}");
        assert_eq!(
            r.ctype(),
            "application/problem+json",
            "never axum's plain-text 413"
        );
        assert_eq!(r.json["detail"], "Die Datei ist größer als 10 MB.");
    }
    let req = Request::post("/api/v1/uploads")
        .header(header::CONTENT_TYPE, "application/pdf")
        .header(header::ACCEPT_LANGUAGE, "en")
        .header("X-File-Name", "x.pdf")
        .body(Body::from(vec![b'%'; 10 * 1024 * 1024 + 1]))
        .expect("request");
    assert_eq!(
        send(&s, req).await.json["detail"],
        "The file is larger than 10 MB."
    );

    let r = send(
        &s,
        Request::post("/api/v1/uploads")
            .header(header::CONTENT_TYPE, "application/pdf")
            .body(Body::from(pdf()))
            .expect("req"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "X-File-Name is required");
    let r = upload(&s, "application/pdf", &"a".repeat(201), pdf()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

// ---------------------------------------------------------------- drafts

#[tokio::test]
async fn drafts_are_saved_restored_by_a_typed_code_and_expire_after_30_days() {
    let s = state();
    let today = s.clock().today();
    let draft = json!({ "service_id": "urkunden", "form_version": 1, "answers": { "urkunden": [{ "art": "geburt" }], "vorname": "Lena" } });
    let r = send(
        &s,
        json_request(Method::POST, "/api/v1/drafts", &draft, "de", None),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let code = r.json["code"].as_str().expect("code").to_owned();
    assert!(is_unambiguous_code(&code, 8), "{code}");
    assert_eq!(r.json["expires_on"], today.add_days(30).iso());

    let typed = format!("{}-{}", code[..4].to_lowercase(), &code[4..]);
    let back = get(&s, &format!("/api/v1/drafts/{typed}")).await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(back.json, draft);
    let spaced = get(
        &s,
        &format!("/api/v1/drafts/{}%20{}", &code[..4], &code[4..]),
    )
    .await;
    assert_eq!(spaced.status, StatusCode::OK);

    let unknown = get(&s, "/api/v1/drafts/ABCD2345").await;
    assert_eq!(
        (unknown.status, unknown.ctype()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    assert_eq!(
        unknown.json["detail"],
        "Diesen Code kennen wir nicht oder er ist abgelaufen (Codes gelten 30 Tage)."
    );

    s.clock().advance(31 * 86_400);
    let expired = get(&s, &format!("/api/v1/drafts/{code}")).await;
    assert_eq!(expired.status, StatusCode::NOT_FOUND);
    assert_eq!(
        expired.json["detail"],
        "Diesen Code kennen wir nicht oder er ist abgelaufen (Codes gelten 30 Tage)."
    );
}

#[tokio::test]
async fn drafts_need_a_known_service_and_a_bounded_size() {
    let s = state();
    let unknown = json!({ "service_id": "nope", "form_version": 1, "answers": {} });
    assert_eq!(
        send(
            &s,
            json_request(Method::POST, "/api/v1/drafts", &unknown, "de", None)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let huge = json!({ "service_id": "urkunden", "form_version": 1, "answers": { "vorname": "x".repeat(300 * 1024) } });
    let r = send(
        &s,
        json_request(Method::POST, "/api/v1/drafts", &huge, "de", None),
    )
    .await;
    assert_eq!(
        (r.status, r.ctype()),
        (StatusCode::PAYLOAD_TOO_LARGE, "application/problem+json")
    );
    let r = send(
        &s,
        Request::post("/api/v1/drafts")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{no"))
            .expect("req"),
    )
    .await;
    assert_eq!(
        (r.status, r.json["detail"].as_str()),
        (StatusCode::BAD_REQUEST, Some("The body is not valid JSON"))
    );
}
