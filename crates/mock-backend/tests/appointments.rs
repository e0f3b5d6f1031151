//! Appointments: the offer, free days and times, booking (idempotent, never beyond capacity,
//! also under parallel requests), change and cancel by code and secret, the calendar file read
//! back by an independent iCalendar parser, and the town folder's `appointments.json` checks.

mod common;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{get, json_request, send, state, Reply};
use domain::date::Date;
use mock_backend::town::{ConfigProblem, Town};
use mock_backend::AppState;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

async fn book(s: &AppState, key: &str, body: &Value) -> Reply {
    send(
        s,
        json_request(
            Method::POST,
            "/api/v1/appointments/bookings",
            body,
            "de",
            Some(key),
        ),
    )
    .await
}

fn with_secret(method: Method, code: &str, secret: &str, body: Option<&Value>) -> Request<Body> {
    let b = Request::builder()
        .method(method)
        .uri(format!("/api/v1/appointments/bookings/{code}"))
        .header("X-Booking-Secret", secret)
        .header("Content-Type", "application/json");
    b.body(body.map_or(Body::empty(), |v| Body::from(v.to_string())))
        .expect("request")
}

fn request(location: &str, concerns: Value, date: &str, time: &str) -> Value {
    json!({
        "location": location, "concerns": concerns, "date": date, "time": time,
        "name": "Erika Mustermann", "email": "erika@example.org"
    })
}

async fn days(s: &AppState, location: &str, concerns: &str) -> Reply {
    get(
        s,
        &format!("/api/v1/appointments/days?location={location}&concerns={concerns}"),
    )
    .await
}

async fn times(s: &AppState, location: &str, concerns: &str, date: &str) -> Vec<String> {
    let r = get(
        s,
        &format!("/api/v1/appointments/times?location={location}&concerns={concerns}&date={date}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    serde_json::from_value(r.json["times"].clone()).expect("times")
}

/// The first bookable day at a location for a concern set.
async fn first_day(s: &AppState, location: &str, concerns: &str) -> String {
    let r = days(s, location, concerns).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["days"][0]["date"]
        .as_str()
        .expect("a free day")
        .to_owned()
}

fn today(s: &AppState) -> Date {
    s.clock().today()
}

#[tokio::test]
async fn the_offer_lists_concerns_and_locations_citizens_can_book() {
    let s = state();
    let r = get(&s, "/api/v1/appointments").await;
    assert_eq!(r.status, StatusCode::OK);
    let concerns = r.json["concerns"].as_array().expect("concerns");
    assert!(concerns.len() >= 8, "{concerns:?}");
    let ids: Vec<&str> = concerns.iter().filter_map(|c| c["id"].as_str()).collect();
    for id in [
        "personalausweis",
        "reisepass",
        "wohnsitz-anmelden",
        "fuehrungszeugnis",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(
        !ids.contains(&"trauung"),
        "the wedding is booked through its form"
    );
    let locations = r.json["locations"].as_array().expect("locations");
    assert_eq!(locations.len(), 2);
    for l in locations {
        assert!(!l["address"].as_str().unwrap_or("").is_empty());
        assert!(!l["accessibility"].as_array().expect("a11y").is_empty());
        assert!(l["counters"].as_u64().unwrap_or(0) >= 1);
    }
}

#[tokio::test]
async fn days_follow_hours_and_closing_days_and_durations_add_up() {
    let s = state();
    let r = days(&s, "nord", "personalausweis:2,meldebescheinigung:1").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["minutes"], 40, "2 × 15 + 10");
    let list = r.json["days"].as_array().expect("days");
    assert!(
        list.len() > 20,
        "about eight weeks of weekdays: {}",
        list.len()
    );
    for d in list {
        let date = Date::parse_iso(d["date"].as_str().unwrap_or("")).expect("date");
        assert!(!date.weekday().is_weekend(), "{date}");
        assert!(date > today(&s) && date <= today(&s).add_days(56));
        assert!(d["free"].as_u64().unwrap_or(0) > 0);
    }
    // The town hall's demo closing day (9 days after the start) is never offered.
    let closed = today(&s).add_days(9).iso();
    let r = days(&s, "rathaus", "personalausweis:1").await;
    assert!(!r.text.contains(&closed), "{closed} is a closing day");
    let date = first_day(&s, "nord", "personalausweis:2").await;
    let list = times(&s, "nord", "personalausweis:2", &date).await;
    assert_eq!(list.first().map(String::as_str), Some("08:00"));
    // 30 minutes must end by 12:00 (or 18:00 on Thursdays).
    let last = list.last().cloned().unwrap_or_default();
    assert!(last == "11:30" || last == "17:30", "{list:?}");
    assert!(times(&s, "rathaus", "personalausweis:1", &closed)
        .await
        .is_empty());
}

#[tokio::test]
async fn refused_visits_name_the_field() {
    let s = state();
    for (location, concerns, field) in [
        ("nord", "reisepass:5", "concerns"), // 100 minutes > 90
        ("nord", "nope:1", "concerns"),
        ("nord", "personalausweis:0", "concerns"),
        ("nord", "personalausweis:9", "concerns"),
        ("nord", "beglaubigung:1", "location"), // not handled there
        ("nowhere", "personalausweis:1", "location"),
        ("trauzimmer", "trauung:1", "location"), // not public
        ("nord", "personalausweis", "concerns"),
    ] {
        let r = days(&s, location, concerns).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{location} {concerns}: {}",
            r.text
        );
        assert!(
            r.json["errors"][field].is_array(),
            "{location} {concerns}: {}",
            r.text
        );
    }
    let r = get(&s, "/api/v1/appointments/days?location=nord").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_booking_gives_code_secret_and_confirmation_and_replays_once() {
    let s = state();
    let date = first_day(&s, "nord", "personalausweis:2").await;
    let body = request(
        "nord",
        json!([{"id": "personalausweis", "count": 2}]),
        &date,
        "09:00",
    );
    let r = book(&s, "k-1", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let code = r.json["booking"]["code"].as_str().expect("code").to_owned();
    let secret = r.json["secret"].as_str().expect("secret").to_owned();
    assert!(domain::application::is_unambiguous_code(&code, 8));
    assert_eq!(secret.len(), 20);
    let b = &r.json["booking"];
    assert_eq!(b["status"], "booked");
    assert_eq!(
        (b["time"].as_str(), b["end"].as_str()),
        (Some("09:00"), Some("09:30"))
    );
    assert_eq!(b["fee_total"], 9200);
    assert_eq!(b["address"], "Nordring 12, 12347 Musterstadt");
    assert!(b["concerns"][0]["bring"]
        .as_array()
        .is_some_and(|l| !l.is_empty()));

    let again = book(&s, "k-1", &body).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["booking"]["code"], code.as_str());
    assert_eq!(s.appointments().held(), 1, "a replay books nothing");
    let mut other = body.clone();
    other["time"] = json!("09:15");
    assert_eq!(book(&s, "k-1", &other).await.status, StatusCode::CONFLICT);

    let got = send(
        &s,
        with_secret(Method::GET, &code.to_lowercase(), &secret, None),
    )
    .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.json["code"], code.as_str());
}

#[tokio::test]
async fn person_date_and_time_are_checked() {
    let s = state();
    let date = first_day(&s, "nord", "personalausweis:1").await;
    let mut body = request(
        "nord",
        json!([{"id": "personalausweis", "count": 1}]),
        &date,
        "09:00",
    );
    body["name"] = json!(" ");
    body["email"] = json!("nope");
    let r = book(&s, "p-1", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.json["errors"]["name"].is_array() && r.json["errors"]["email"].is_array(),
        "{}",
        r.text
    );

    let mut body = request(
        "nord",
        json!([{"id": "personalausweis", "count": 1}]),
        &date,
        "09:00",
    );
    body.as_object_mut().map(|o| o.remove("email"));
    let r = book(&s, "p-2", &body).await;
    assert!(
        r.json["errors"]["email"].is_array(),
        "e-mail or phone: {}",
        r.text
    );
    body["phone"] = json!("01234 567890");
    body["time"] = json!("09:05");
    let r = book(&s, "p-3", &body).await;
    assert!(
        r.json["errors"]["time"].is_array(),
        "off the grid: {}",
        r.text
    );
    body["date"] = json!(today(&s).iso());
    let r = book(&s, "p-4", &body).await;
    assert!(r.json["errors"]["date"].is_array(), "not today: {}", r.text);
    body["date"] = json!(today(&s).add_days(80).iso());
    let r = book(&s, "p-5", &body).await;
    assert!(
        r.json["errors"]["date"].is_array(),
        "beyond the window: {}",
        r.text
    );
    body["date"] = json!("0420-01-25");
    let r = book(&s, "p-6", &body).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no date: {}",
        r.text
    );
    assert!(r.json["errors"]["date"].is_array(), "{}", r.text);
    assert_eq!(s.appointments().held(), 0);
    // JSON Schema's integer admits 1.0.
    body["date"] = json!(date);
    body["time"] = json!("09:00");
    body["concerns"] = json!([{"id": "personalausweis", "count": 1.0}]);
    assert_eq!(book(&s, "p-7", &body).await.status, StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_bookings_of_the_last_free_slot_exactly_one_wins() {
    let s = state();
    let date = first_day(&s, "nord", "reisepass:1").await;
    let body = request(
        "nord",
        json!([{"id": "reisepass", "count": 1}]),
        &date,
        "10:00",
    );
    // Bürgerbüro Nord has two counters: one taken, one left.
    assert_eq!(book(&s, "first", &body).await.status, StatusCode::CREATED);
    let mut tasks = Vec::new();
    for i in 0..12 {
        let s = s.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            book(&s, &format!("race-{i}"), &body).await
        }));
    }
    let mut created = 0;
    for t in tasks {
        let r = t.await.expect("task");
        match r.status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(r.json["type"], "/problems/slot-taken");
                let fresh: Vec<String> =
                    serde_json::from_value(r.json["times"].clone()).expect("fresh times");
                assert!(!fresh.contains(&"10:00".to_owned()), "{fresh:?}");
                assert!(!fresh.is_empty());
            }
            other => panic!("unexpected {other}: {}", r.text),
        }
    }
    assert_eq!(created, 1, "exactly one wins the last counter");
    assert_eq!(
        s.appointments().held(),
        2,
        "never more than the two counters"
    );
    assert!(!times(&s, "nord", "reisepass:1", &date)
        .await
        .contains(&"10:00".to_owned()));
}

async fn booked(s: &AppState, key: &str, date: &str, time: &str) -> (String, String) {
    let body = request(
        "nord",
        json!([{"id": "personalausweis", "count": 1}]),
        date,
        time,
    );
    let r = book(s, key, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (
        r.json["booking"]["code"].as_str().unwrap_or("").to_owned(),
        r.json["secret"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn a_change_keeps_the_old_slot_until_the_new_one_is_confirmed() {
    let s = state();
    let date = first_day(&s, "nord", "personalausweis:1").await;
    let (a, secret) = booked(&s, "a", &date, "08:00").await;
    booked(&s, "x", &date, "08:30").await;
    booked(&s, "y", &date, "08:30").await;
    // 08:30 is full: the move is refused with fresh times, and A keeps 08:00.
    let r = send(
        &s,
        with_secret(
            Method::PUT,
            &a,
            &secret,
            Some(&json!({"date": date, "time": "08:30"})),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.json["times"].is_array());
    let got = send(&s, with_secret(Method::GET, &a, &secret, None)).await;
    assert_eq!(got.json["time"], "08:00");
    // Still held: one counter left at 08:00.
    booked(&s, "b", &date, "08:00").await;
    assert!(!times(&s, "nord", "personalausweis:1", &date)
        .await
        .contains(&"08:00".to_owned()));
    // A real move frees 08:00 at once.
    let r = send(
        &s,
        with_secret(
            Method::PUT,
            &a,
            &secret,
            Some(&json!({"date": date, "time": "09:00"})),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["time"], "09:00");
    assert!(times(&s, "nord", "personalausweis:1", &date)
        .await
        .contains(&"08:00".to_owned()));
}

#[tokio::test]
async fn cancel_frees_the_slot_at_once_and_refusals_say_nothing_about_the_code() {
    let s = state();
    let date = first_day(&s, "nord", "personalausweis:1").await;
    let (a, secret) = booked(&s, "a", &date, "11:00").await;
    booked(&s, "b", &date, "11:00").await;
    assert!(!times(&s, "nord", "personalausweis:1", &date)
        .await
        .contains(&"11:00".to_owned()));

    let wrong = send(
        &s,
        with_secret(Method::DELETE, &a, "WRONGSECRETWRONGSECR", None),
    )
    .await;
    let unknown = send(&s, with_secret(Method::DELETE, "ZZZZZZZZ", &secret, None)).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong.text, unknown.text, "one answer for both");
    let no_header = send(
        &s,
        Request::get(format!("/api/v1/appointments/bookings/{a}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(no_header.status, StatusCode::BAD_REQUEST);
    assert!(
        !times(&s, "nord", "personalausweis:1", &date)
            .await
            .contains(&"11:00".to_owned()),
        "refusals free nothing"
    );

    let r = send(&s, with_secret(Method::DELETE, &a, &secret, None)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["status"], "cancelled");
    assert!(times(&s, "nord", "personalausweis:1", &date)
        .await
        .contains(&"11:00".to_owned()));
    let again = send(&s, with_secret(Method::DELETE, &a, &secret, None)).await;
    assert_eq!(again.status, StatusCode::OK);
    let moved = send(
        &s,
        with_secret(
            Method::PUT,
            &a,
            &secret,
            Some(&json!({"date": date, "time": "09:00"})),
        ),
    )
    .await;
    assert_eq!(moved.status, StatusCode::CONFLICT);
    assert_eq!(moved.json["type"], "/problems/booking-cancelled");
}

#[tokio::test]
async fn the_calendar_file_parses_with_an_independent_parser() {
    let s = state();
    let date = first_day(&s, "nord", "personalausweis:2").await;
    let body = request(
        "nord",
        json!([{"id": "personalausweis", "count": 2}]),
        &date,
        "09:15",
    );
    let r = book(&s, "ics", &body).await;
    let booking: domain::appointment::Booking =
        serde_json::from_value(r.json["booking"].clone()).expect("booking");
    let ics = domain::appointment::ics::calendar(
        &booking,
        domain::i18n::Lang::De,
        "20261201T083000Z",
        "musterstadt.example",
        "Stadt Musterstadt",
    );
    assert!(ics.contains("\r\n") && !ics.replace("\r\n", "").contains('\n'));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("parses");
    assert_eq!(cal.events.len(), 1);
    let ev = &cal.events[0];
    let prop = |name: &str| {
        ev.properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let compact = date.replace('-', "");
    assert_eq!(
        prop("DTSTART").value.as_deref(),
        Some(format!("{compact}T091500").as_str())
    );
    assert_eq!(
        prop("DTEND").value.as_deref(),
        Some(format!("{compact}T094500").as_str())
    );
    let tzid = prop("DTSTART")
        .params
        .as_ref()
        .and_then(|p| p.iter().find(|(k, _)| k == "TZID"))
        .map(|(_, v)| v.join(","));
    assert_eq!(tzid.as_deref(), Some("Europe/Berlin"));
    assert_eq!(cal.timezones.len(), 1);
    let location = prop("LOCATION").value.clone().unwrap_or_default();
    assert!(
        location.contains("Bürgerbüro Nord") && location.contains("Nordring 12"),
        "{location}"
    );
    let description = prop("DESCRIPTION").value.clone().unwrap_or_default();
    assert!(description.contains(&booking.code), "{description}");
    assert!(prop("UID")
        .value
        .as_deref()
        .unwrap_or("")
        .starts_with(&booking.code));
}

#[tokio::test]
async fn a_town_without_appointments_has_no_routes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../towns/lindenbach");
    let town = Town::load(&dir).unwrap_or_else(|p| panic!("{p:?}"));
    assert!(town.appointments.is_none());
    let s = AppState::for_town(std::env::temp_dir().join("serviceportal-no-dist"), town);
    assert_eq!(
        get(&s, "/api/v1/appointments").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        days(&s, "nord", "personalausweis:1").await.status,
        StatusCode::NOT_FOUND
    );
}

// ------------------------------------------------------------------ the town folder's file

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_default();
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap_or_default();
        }
    }
}

fn broken(edits: &[(&str, &str, &str)]) -> Vec<ConfigProblem> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "serviceportal-appt-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../towns/musterstadt"),
        &dir,
    );
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(from), "{file} contains {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap_or_default();
    }
    let today = Date::new(2026, 12, 1).unwrap_or(Date::from_unix_seconds(0));
    let result = Town::load_on(&dir, today);
    let _ = std::fs::remove_dir_all(&dir);
    result.err().unwrap_or_default()
}

fn has(problems: &[ConfigProblem], field: &str, part: &str) -> bool {
    problems
        .iter()
        .any(|p| p.file == "appointments.json" && p.field == field && p.message.contains(part))
}

#[test]
fn the_file_is_checked_with_one_message_per_problem() {
    let p = broken(&[
        (
            "appointments.json",
            "\"from\": \"08:00\", \"to\": \"16:00\"",
            "\"from\": \"16:00\", \"to\": \"08:00\"",
        ),
        ("appointments.json", "\"counters\": 3", "\"counters\": 0"),
        ("appointments.json", "\"minutes\": 20,", "\"minutes\": 200,"),
        (
            "appointments.json",
            "\"concerns\": [\"personalausweis\", \"reisepass\", \"vorlaeufiger",
            "\"concerns\": [\"perso\", \"reisepass\", \"vorlaeufiger",
        ),
    ]);
    let lines: Vec<String> = p.iter().map(|p| p.to_string()).collect();
    assert!(
        has(&p, "locations[0].hours[0].to", "is not after"),
        "{lines:#?}"
    );
    assert!(has(&p, "locations[0].counters", "at least 1"), "{lines:#?}");
    assert!(
        has(&p, "concerns[1].minutes", "longer than max_visit_minutes"),
        "{lines:#?}"
    );
    assert!(
        has(&p, "locations[0].concerns[0]", "\"perso\" is no concern"),
        "{lines:#?}"
    );
    assert_eq!(p.len(), 4, "{lines:#?}");
}

#[test]
fn the_file_follows_the_feature_switch() {
    let p = broken(&[("town.toml", "appointments = true", "appointments = false")]);
    assert!(has(&p, "", "features.appointments is off"), "{p:?}");
    let p = broken(&[(
        "appointments.json",
        "\"days\": [\"fri\"]",
        "\"days\": [\"freitag\"]",
    )]);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("freitag"), "{p:?}");
}
