//! Property tests over the backend's real data:
//! - the nine form definitions: validation, pruning, pricing and the wizard's journey never panic
//!   on arbitrary answers, and fees never overflow;
//! - everything the backend serialises decodes into the types the app decodes and back to the
//!   same JSON, and arbitrary changes to those bodies never make decoding panic.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use domain::application::{
    ApplicationReceipt, Draft, DraftSaved, ServiceDetail, Slot, UploadReceipt,
};
use domain::catalogue::ServiceSummary;
use domain::date::Date;
use domain::form::{
    validate_all, visible_answers, AddressAnswer, Answer, Answers, Field, FieldKind, FileAnswer,
    FormDefinition, Journey,
};
use domain::hearing::{HearingCase, HearingReceipt, HearingSession, HearingSignIn};
use domain::i18n::Lang;
use domain::money::Cents;
use domain::payment::{Payment, PaymentMethod};
use http_body_util::BodyExt;
use mock_backend::forms::definitions;
use mock_backend::{app, AppState};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use tower::ServiceExt;

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

fn today() -> Date {
    Date::new(2026, 11, 21).expect("date")
}

fn defs() -> &'static [FormDefinition] {
    static DEFS: OnceLock<Vec<FormDefinition>> = OnceLock::new();
    DEFS.get_or_init(|| definitions::all(today()))
}

// ---------------------------------------------------------------------------------------------
// Answers: per field a mix of plausible values (so validation and pricing get past the first
// check) and arbitrary shapes (so every mismatch is seen too).

fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[0-9 .,:/+-]{0,12}",
        2 => "[a-zA-ZäöüÄÖÜß '.-]{0,20}",
        1 => "(-1|0|4294967295|4294967296|9223372036854775807|99999999999999999999|1e3| 7 )",
        1 => "[\\s\u{0}-\u{1f}\u{85}\u{2028}a]{0,6}",
        1 => any::<String>(),
    ]
}

/// Any answer shape, nested groups included.
fn any_answer() -> BoxedStrategy<Answer> {
    let leaf =
        prop_oneof![
            messy().prop_map(Answer::Text),
            prop::collection::vec(messy(), 0..4).prop_map(Answer::Many),
            (messy(), messy(), messy(), messy()).prop_map(
                |(street, house_number, postal_code, town)| {
                    Answer::Address(AddressAnswer {
                        street,
                        house_number,
                        postal_code,
                        town,
                    })
                }
            ),
            (messy(), messy(), any::<u64>())
                .prop_map(|(id, name, size)| Answer::File(FileAnswer { id, name, size })),
        ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec(
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4),
            0..4,
        )
        .prop_map(Answer::Group)
    })
    .boxed()
}

fn text(s: impl Strategy<Value = String> + 'static) -> BoxedStrategy<Answer> {
    s.prop_map(Answer::Text).boxed()
}

/// A value of the field's kind that often passes its checks.
fn plausible(field: &Field, depth: u32, noisy: bool) -> BoxedStrategy<Answer> {
    let today = today();
    match &field.kind {
        FieldKind::ShortText { max_len, .. } | FieldKind::LongText { max_len } => text(
            prop::collection::vec(
                prop::char::range('a', 'z'),
                1..=(*max_len as usize).clamp(1, 40),
            )
            .prop_map(|c| c.into_iter().collect()),
        ),
        FieldKind::Digits { min_len, max_len } => text(
            proptest::string::string_regex(&format!("[0-9]{{{min_len},{max_len}}}"))
                .expect("regex"),
        ),
        FieldKind::WholeNumber { min, max } => text((*min..=*max).prop_map(|n| n.to_string())),
        FieldKind::Quantity { min, max } => {
            text((i64::from(*min)..=i64::from(*max)).prop_map(|n| n.to_string()))
        }
        FieldKind::Date { .. } => {
            text((-40_000i64..800).prop_map(move |d| today.add_days(d).iso()))
        }
        FieldKind::Email => text("[a-z]{1,8}@[a-z]{1,8}\\.de"),
        FieldKind::Phone => text("(\\+49 )?[0-9]{3,5} [0-9]{4,8}"),
        FieldKind::PostalCode => text("[0-9]{5}"),
        FieldKind::Iban => text(prop::sample::select(vec![
            "DE89370400440532013000".to_owned(),
            "DE02 1203 0000 0000 2020 51".to_owned(),
        ])),
        FieldKind::VehicleRegistration => text("(M|B|HH|MS)-?[A-Z]{1,2} ?[1-9][0-9]{0,3}E?"),
        FieldKind::YesNo => text(prop::sample::select(vec![
            "yes".to_owned(),
            "no".to_owned(),
        ])),
        FieldKind::OneOf { options } => {
            let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
            if values.is_empty() {
                any_answer()
            } else {
                text(prop::sample::select(values))
            }
        }
        FieldKind::ManyOf { options, .. } => {
            let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
            let n = values.len();
            prop::sample::subsequence(values, 0..=n)
                .prop_map(Answer::Many)
                .boxed()
        }
        FieldKind::Address => (
            "[A-Z][a-z]{2,12}straße",
            "[1-9][0-9]{0,2}[a-c]?",
            "[0-9]{5}",
            "[A-Z][a-z]{2,12}",
        )
            .prop_map(|(street, house_number, postal_code, town)| {
                Answer::Address(AddressAnswer {
                    street,
                    house_number,
                    postal_code,
                    town,
                })
            })
            .boxed(),
        FieldKind::AppointmentSlot => text("ehe-2026-1[12]-[0-3][0-9]-(1000|1130)"),
        FieldKind::FileUpload => ("upl_[a-z0-9]{20}", "[a-z]{1,8}\\.pdf", 1u64..10_000_000)
            .prop_map(|(id, name, size)| Answer::File(FileAnswer { id, name, size }))
            .boxed(),
        FieldKind::Group {
            fields,
            min_items,
            max_items,
            ..
        } if depth < 2 => {
            let item = answers_for(fields, depth + 1, noisy);
            let items = if noisy {
                0..=(*max_items as usize + 1).min(12)
            } else {
                (*min_items as usize).max(1)..=(*max_items as usize).min(6)
            };
            prop::collection::vec(item, items)
                .prop_map(Answer::Group)
                .boxed()
        }
        _ => any_answer(),
    }
}

/// Answers for these fields. Noisy: each field mostly answered plausibly, sometimes left out or
/// answered with any shape, plus a few unknown ids. Otherwise every field answered plausibly, so
/// that complete forms (the ones the backend prices and stores) come up often too.
fn answers_for(fields: &[Field], depth: u32, noisy: bool) -> BoxedStrategy<Answers> {
    let per_field: Vec<BoxedStrategy<Option<(String, Answer)>>> = fields
        .iter()
        .map(|f| {
            let id = f.id.clone();
            let answer = if noisy {
                prop_oneof![6 => plausible(f, depth, true), 1 => any_answer()].boxed()
            } else {
                plausible(f, depth, false)
            };
            let some = answer.prop_map(move |a| Some((id.clone(), a)));
            if noisy {
                prop_oneof![8 => some, 1 => Just(None)].boxed()
            } else {
                some.boxed()
            }
        })
        .collect();
    let extra = if noisy { 0..2 } else { 0..1 };
    (
        per_field,
        prop::collection::btree_map("[a-z_]{1,10}", any_answer(), extra),
    )
        .prop_map(|(known, extra)| {
            let mut answers: Answers = extra;
            answers.extend(known.into_iter().flatten());
            answers
        })
        .boxed()
}

fn form_answers() -> impl Strategy<Value = (usize, Answers)> {
    (0..defs().len(), any::<bool>()).prop_flat_map(|(i, noisy)| {
        let fields: Vec<Field> = defs()[i]
            .steps
            .iter()
            .flat_map(|s| s.fields.iter().cloned())
            .collect();
        (Just(i), answers_for(&fields, 0, noisy))
    })
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn forms_never_panic_and_fees_never_overflow((i, answers) in form_answers(), day_offset in -3_000i64..3_000) {
        let def = &defs()[i];
        let day = today().add_days(day_offset);

        let visible = visible_answers(def, &answers);
        let field_ids: Vec<&str> = def.steps.iter().flat_map(|s| s.fields.iter().map(|f| f.id.as_str())).collect();
        prop_assert!(visible.keys().all(|k| answers.contains_key(k) && field_ids.contains(&k.as_str())), "pruning only drops");

        let errors = validate_all(def, &visible, day);
        for lang in [Lang::De, Lang::En] {
            for (path, messages) in errors.messages(lang) {
                let top = path.split('.').next().unwrap_or("");
                prop_assert!(field_ids.contains(&top), "{}: error on unknown field {:?}", def.id, path);
                prop_assert!(messages.iter().all(|m| !m.trim().is_empty()));
            }
        }

        for a in [&answers, &visible] {
            let fee = def.fee.compute(a);
            let exact: i128 = fee.lines.iter().map(|l| i128::from(l.amount.0)).sum();
            prop_assert!(fee.lines.iter().all(|l| l.amount >= Cents::ZERO && l.quantity > 0), "{}: {:?}", def.id, fee);
            prop_assert!(fee.total >= Cents::ZERO);
            prop_assert_eq!(i128::from(fee.total.0), exact.min(i128::from(i64::MAX)), "total is the sum of the lines");
        }
        if errors.is_empty() {
            // What the backend would accept: priced exactly, far from any overflow.
            let fee = def.fee.compute(&visible);
            prop_assert!(fee.total <= Cents(100_000_000), "{}: {:?}", def.id, fee.total);
        }

        let journey = Journey::new(def, &answers, day);
        let steps = journey.visible_steps();
        prop_assert_eq!(journey.is_complete(), validate_all(def, &answers, day).is_empty(), "the wizard and the backend agree");
        for (n, step) in steps.iter().enumerate() {
            prop_assert_eq!(journey.position(&step.id), Some((n + 1, steps.len())));
            let _ = (journey.next(&step.id), journey.previous(&step.id), journey.step_is_valid(step));
            let landed = journey.resolve(&step.id);
            prop_assert!(landed.is_some_and(|l| steps.iter().any(|s| s.id == l.id)), "resolve lands on a visible step");
        }
        prop_assert!(journey.resolve("no-such-step").is_none_or(|l| steps.iter().any(|s| s.id == l.id)));
        let _ = journey.first_incomplete();
    }

    #[test]
    fn arbitrary_answer_maps_never_panic(
        i in 0..9usize,
        answers in prop::collection::btree_map("[a-z_]{1,16}", any_answer(), 0..6),
    ) {
        let def = &defs()[i % defs().len()];
        let visible = visible_answers(def, &answers);
        let _ = validate_all(def, &answers, today());
        let _ = validate_all(def, &visible, today());
        prop_assert!(def.fee.compute(&answers).total >= Cents::ZERO);
        let journey = Journey::new(def, &answers, today());
        let _ = (journey.first_incomplete(), journey.resolve("x"), journey.visible_steps());
    }
}

// ---------------------------------------------------------------------------------------------
// What the backend serialises, decoded the way the app decodes it.

/// `src/api/feedback.rs`'s `FeedbackCreated` (the app crate is wasm and cannot be a dependency).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct AppFeedbackCreated {
    id: u64,
}

/// `src/api/mod.rs`'s `Problem`: how the app reads error bodies.
#[derive(Debug, Deserialize, PartialEq, Default)]
struct AppProblem {
    #[serde(default)]
    title: String,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    errors: BTreeMap<String, Vec<String>>,
}

/// One response body, with the decoder of the type the app reads it as.
struct Sample {
    what: String,
    json: Value,
    decode: fn(&Value) -> Result<Value, String>,
}

/// Decodes as `T` and serialises again: the JSON the app would send back or keep.
fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    // The app receives bytes, not a Value: decode those too.
    let _: T = serde_json::from_slice(&serde_json::to_vec(v).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    serde_json::to_value(t).map_err(|e| e.to_string())
}

fn problem(v: &Value) -> Result<Value, String> {
    let p: AppProblem = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    if p.title.is_empty() {
        return Err("a problem without a title".into());
    }
    Ok(v.clone())
}

async fn call(
    state: &AppState,
    method: Method,
    path: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ACCEPT_LANGUAGE, "de");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .expect("request");
    let res = app(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = res.status();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn address(street: &str) -> Value {
    json!({"street": street, "house_number": "1", "postal_code": "12345", "town": "Musterstadt"})
}

/// Walks the API like the app does and keeps every JSON body, with the type the app decodes.
async fn collect_bodies() -> Vec<Sample> {
    let s = AppState::seeded(std::env::temp_dir().join("serviceportal-no-dist"));
    let mut out = Vec::new();
    // Error bodies are labelled by their status; everything else must have succeeded.
    let mut keep = |what: String,
                    (status, json): (StatusCode, Value),
                    decode: fn(&Value) -> Result<Value, String>| {
        assert!(
            status.is_success() || what == status.as_str(),
            "{what}: {status} {json}"
        );
        out.push(Sample { what, json, decode });
    };

    keep(
        "services".into(),
        call(&s, Method::GET, "/api/v1/services", None, &[]).await,
        round_trip::<Vec<ServiceSummary>>,
    );
    for def in defs() {
        let id = &def.id;
        keep(
            format!("service {id}"),
            call(
                &s,
                Method::GET,
                &format!("/api/v1/services/{id}"),
                None,
                &[],
            )
            .await,
            round_trip::<ServiceDetail>,
        );
        keep(
            format!("slots {id}"),
            call(
                &s,
                Method::GET,
                &format!("/api/v1/services/{id}/slots"),
                None,
                &[],
            )
            .await,
            round_trip::<Vec<Slot>>,
        );
    }

    // Applications with and without a fee, a draft, an upload.
    let register = json!({"service_id": "melderegisterauskunft", "form_version": 1, "answers": {
        "gesucht_vorname": "Erika", "gesucht_nachname": "Mustermann", "gesucht_anschrift": address("Lindenallee"),
        "zweck": "privat", "vorname": "Max", "nachname": "Muster", "anschrift": address("Hauptstraße"), "email": "max@example.org"}});
    let receipt = call(
        &s,
        Method::POST,
        "/api/v1/applications",
        Some(register),
        &[("Idempotency-Key", "p-1")],
    )
    .await;
    let reference = receipt.1["reference"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    keep(
        "application receipt".into(),
        receipt,
        round_trip::<ApplicationReceipt>,
    );
    keep(
        "application".into(),
        call(
            &s,
            Method::GET,
            &format!("/api/v1/applications/{reference}"),
            None,
            &[],
        )
        .await,
        round_trip::<ApplicationReceipt>,
    );
    let meter = json!({"service_id": "gartenwasserzaehler", "form_version": 1, "answers": {
        "zaehlernummer": "4711001", "stand": "130", "ablesedatum": today().add_days(-1).iso(), "vorname": "A", "nachname": "B",
        "email": "a@b.de", "anschrift": address("Gartenweg")}});
    keep(
        "free application".into(),
        call(
            &s,
            Method::POST,
            "/api/v1/applications",
            Some(meter),
            &[("Idempotency-Key", "p-2")],
        )
        .await,
        round_trip::<ApplicationReceipt>,
    );
    let draft = json!({"service_id": "hundeanmeldung", "form_version": 1, "answers": {
        "vorname": "Erika", "hunde": [{"name": "Bello", "chip": "276098100000001"}], "extras": [], "anschrift": address("Weg"),
        "nachweis": {"id": "upl_x", "name": "a.pdf", "size": 3}}});
    let saved = call(&s, Method::POST, "/api/v1/drafts", Some(draft), &[]).await;
    let code = saved.1["code"].as_str().unwrap_or_default().to_owned();
    keep("draft saved".into(), saved, round_trip::<DraftSaved>);
    keep(
        "draft".into(),
        call(
            &s,
            Method::GET,
            &format!("/api/v1/drafts/{code}"),
            None,
            &[],
        )
        .await,
        round_trip::<Draft>,
    );
    let upload = Request::post("/api/v1/uploads")
        .header(header::CONTENT_TYPE, "application/pdf")
        .header("X-File-Name", "Nachweis%20%C3%BC.pdf")
        .body(Body::from(&b"%PDF-1.7\n"[..]))
        .expect("request");
    let res = app(s.clone())
        .oneshot(upload)
        .await
        .expect("router answers");
    let status = res.status();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    keep(
        "upload".into(),
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ),
        round_trip::<UploadReceipt>,
    );

    // Every hearing case: session, case, refresh; then answers of both roles.
    let cases = [
        ("OWI-2026-000101", "K7MP-3XTA"),
        ("OWI-2026-000102", "R4WD-9HNE"),
        ("OWI-2026-000103", "P8CF-2LYU"),
        ("OWI-2026-000104", "H3NS-6GAV"),
        ("OWI-2026-000105", "T9BX-4KRE"),
        ("OWI-2026-000106", "W2YJ-8DMP"),
        ("OWI-2026-000107", "F6UA-7CTW"),
        ("OWI-2026-000108", "B5NC-4HRT"),
    ];
    let personal = json!({"family_name": "Mustermann", "given_names": "Erika", "date_of_birth": "12.04.1980",
        "place_of_birth": "Musterstadt", "street": "Lindenallee", "house_number": "5", "postal_code": "12345",
        "town": "Musterstadt", "nationality": "deutsch", "occupation": "Ingenieurin", "marital_status": "married"});
    for (case, code) in cases {
        let session = call(
            &s,
            Method::POST,
            "/api/v1/hearings/session",
            Some(json!({"case_number": case, "access_code": code})),
            &[],
        )
        .await;
        let bearer = format!("Bearer {}", session.1["token"].as_str().unwrap_or_default());
        keep(
            format!("session {case}"),
            session,
            round_trip::<HearingSignIn>,
        );
        let auth = [("Authorization", bearer.as_str())];
        keep(
            format!("case {case}"),
            call(&s, Method::GET, "/api/v1/hearings/current", None, &auth).await,
            round_trip::<HearingCase>,
        );
        keep(
            format!("refresh {case}"),
            call(
                &s,
                Method::POST,
                "/api/v1/hearings/session/refresh",
                None,
                &auth,
            )
            .await,
            round_trip::<HearingSession>,
        );
        let choice = match case {
            "OWI-2026-000101" => json!({"kind": "no_statement"}),
            "OWI-2026-000102" => {
                json!({"kind": "statement", "admits": false, "text": "Ich war es nicht.\nGruß", "attachments": []})
            }
            "OWI-2026-000103" => {
                json!({"kind": "name_driver", "family_name": "Beispiel", "given_names": "Jan", "street": "Ring",
                "house_number": "2", "postal_code": "A-1010", "town": "Wien", "date_of_birth": "1990-01-02"})
            }
            _ => continue,
        };
        let headers = [
            ("Authorization", bearer.as_str()),
            ("Idempotency-Key", case),
        ];
        let body = json!({"personal_data": personal, "choice": choice});
        keep(
            format!("response {case}"),
            call(
                &s,
                Method::POST,
                "/api/v1/hearings/current/response",
                Some(body),
                &headers,
            )
            .await,
            round_trip::<HearingReceipt>,
        );
        keep(
            format!("answered {case}"),
            call(&s, Method::GET, "/api/v1/hearings/current", None, &auth).await,
            round_trip::<HearingCase>,
        );
    }

    // Checkout: methods, a transfer that arrives, an online payment.
    keep(
        "methods".into(),
        call(&s, Method::GET, "/api/v1/payment-methods", None, &[]).await,
        round_trip::<Vec<PaymentMethod>>,
    );
    let transfer = json!({"items": [{"kind": "hearing", "case_number": "OWI-2026-000101"}], "method": "TRANSFER", "return_url": "/kasse/rueckkehr"});
    // A hearing case is paid in its own session.
    let session = call(
        &s,
        Method::POST,
        "/api/v1/hearings/session",
        Some(json!({"case_number": "OWI-2026-000101", "access_code": "K7MP-3XTA"})),
        &[],
    )
    .await;
    let bearer = format!("Bearer {}", session.1["token"].as_str().unwrap_or_default());
    let created = call(
        &s,
        Method::POST,
        "/api/v1/payments",
        Some(transfer),
        &[
            ("Idempotency-Key", "pay-1"),
            ("Authorization", bearer.as_str()),
        ],
    )
    .await;
    let transfer_ref = created.1["reference"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    keep("transfer".into(), created, round_trip::<Payment>);
    keep(
        "transfer received".into(),
        call(
            &s,
            Method::POST,
            &format!("/api/v1/dev/transfers/{transfer_ref}/received"),
            None,
            &[],
        )
        .await,
        round_trip::<Payment>,
    );
    let online = json!({"items": [{"kind": "application", "reference": reference}], "method": "CREDITCARD", "return_url": "/kasse/rueckkehr/antrag"});
    let created = call(
        &s,
        Method::POST,
        "/api/v1/payments",
        Some(online),
        &[("Idempotency-Key", "pay-2")],
    )
    .await;
    let id = created.1["id"].as_str().unwrap_or_default().to_owned();
    keep("online payment".into(), created, round_trip::<Payment>);
    keep(
        "payment".into(),
        call(
            &s,
            Method::GET,
            &format!("/api/v1/payments/{id}"),
            None,
            &[],
        )
        .await,
        round_trip::<Payment>,
    );

    // Feedback and problems, read with the app's own types.
    keep(
        "feedback".into(),
        call(
            &s,
            Method::POST,
            "/api/v1/feedback",
            Some(json!({"message": "Zu wenig Kontrast"})),
            &[],
        )
        .await,
        round_trip::<AppFeedbackCreated>,
    );
    keep(
        "422".into(),
        call(
            &s,
            Method::POST,
            "/api/v1/feedback",
            Some(json!({"message": " "})),
            &[],
        )
        .await,
        problem,
    );
    keep(
        "404".into(),
        call(&s, Method::GET, "/api/v1/payments/pay_nope", None, &[]).await,
        problem,
    );
    keep(
        "401".into(),
        call(&s, Method::GET, "/api/v1/hearings/current", None, &[]).await,
        problem,
    );
    keep(
        "400".into(),
        call(
            &s,
            Method::POST,
            "/api/v1/payments",
            Some(json!({"items": []})),
            &[],
        )
        .await,
        problem,
    );
    keep(
        "405".into(),
        call(&s, Method::DELETE, "/api/v1/services", None, &[]).await,
        problem,
    );
    out
}

fn bodies() -> &'static [Sample] {
    static BODIES: OnceLock<Vec<Sample>> = OnceLock::new();
    BODIES.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(collect_bodies())
    })
}

#[test]
fn everything_the_backend_sends_decodes_into_the_apps_types_and_back() {
    let bodies = bodies();
    assert!(bodies.len() > 50, "{} bodies", bodies.len());
    for b in bodies {
        match (b.decode)(&b.json) {
            Ok(again) => assert_eq!(
                again, b.json,
                "{}: decoding and encoding again changes the JSON",
                b.what
            ),
            Err(e) => panic!("{}: the app cannot decode it: {e}\n{}", b.what, b.json),
        }
    }
    // Responses of both roles, with and without payment, were all seen.
    let whats: Vec<&str> = bodies.iter().map(|b| b.what.as_str()).collect();
    for w in [
        "transfer received",
        "answered OWI-2026-000103",
        "draft",
        "upload",
        "free application",
    ] {
        assert!(whats.contains(&w), "{w}");
    }
}

/// Number of nodes of a JSON tree.
fn size(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(size).sum(),
        Value::Object(o) => o.values().map(size).sum(),
        _ => 0,
    }
}

/// Replaces the `n`-th node (pre-order) by `new`.
fn replace_nth(v: &mut Value, n: &mut usize, new: &Value) -> bool {
    if *n == 0 {
        *v = new.clone();
        return true;
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|c| replace_nth(c, n, new)),
        Value::Object(o) => o.values_mut().any(|c| replace_nth(c, n, new)),
        _ => false,
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-10i64..10).prop_map(|n| Value::from(n as f64 + 0.5)),
        messy().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn changed_responses_never_make_decoding_panic(
        pick in any::<prop::sample::Index>(),
        node in any::<prop::sample::Index>(),
        new in json_value(),
        cut in any::<prop::sample::Index>(),
    ) {
        let b = &bodies()[pick.index(bodies().len())];
        let mut changed = b.json.clone();
        let mut n = node.index(size(&changed));
        replace_nth(&mut changed, &mut n, &new);
        let _ = (b.decode)(&changed);
        // A body cut short (a dropped connection) must fail cleanly as well.
        let bytes = serde_json::to_vec(&b.json).unwrap_or_default();
        let cut = &bytes[..cut.index(bytes.len() + 1)];
        let _ = serde_json::from_slice::<Value>(cut).map(|v| (b.decode)(&v));
    }
}
