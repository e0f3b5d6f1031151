//! The town folder: every kind of mistake in the profile, the catalogue, the form definitions
//! and the demo data is reported (file, field, what is wrong), and the served profile is the
//! file's.

mod common;

use common::{get, state};
use domain::date::Date;
use mock_backend::town::{ConfigProblem, Town};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn musterstadt() -> PathBuf {
    repo().join("towns/musterstadt")
}

fn today() -> Date {
    Date::new(2026, 12, 1).unwrap_or(Date::from_unix_seconds(0))
}

/// A fresh copy of a shipped town folder to break.
fn copy_of(town: &Path) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "serviceportal-town-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(town, &dir);
    dir
}

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

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(text.contains(from), "{file} contains {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap_or_default();
}

/// Runs the backend binary with `args` and `TOWN_DIR`; `None` if it did not finish within a
/// minute (it was then killed: a binary without these flags would start serving instead).
fn run_binary(args: &[&str], town_dir: &Path) -> Option<std::process::Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mock-backend"))
        .args(args)
        .env("TOWN_DIR", town_dir)
        .env("PORT", "0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    for _ in 0..600 {
        if let Ok(Some(_)) = child.try_wait() {
            return child.wait_with_output().ok();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn problems(dir: &Path) -> Vec<ConfigProblem> {
    let result = Town::load_on(dir, today());
    let _ = std::fs::remove_dir_all(dir);
    match result {
        Ok(_) => Vec::new(),
        Err(p) => p,
    }
}

/// Breaks a copy of Musterstadt with `edits` and expects exactly the problems listed as
/// (file, field, part of the message).
fn expect(edits: &[(&str, &str, &str)], want: &[(&str, &str, &str)]) {
    let dir = copy_of(&musterstadt());
    for (file, from, to) in edits {
        edit(&dir, file, from, to);
    }
    let got = problems(&dir);
    let lines: Vec<String> = got.iter().map(|p| p.to_string()).collect();
    assert_eq!(got.len(), want.len(), "{lines:#?}");
    for (file, field, part) in want {
        assert!(
            got.iter()
                .any(|p| p.file == *file && p.field == *field && p.message.contains(part)),
            "no problem {file}: {field}: …{part}… in {lines:#?}"
        );
    }
}

#[test]
fn both_shipped_towns_are_valid() {
    for town in ["musterstadt", "lindenbach"] {
        let dir = repo().join("towns").join(town);
        if let Err(p) = Town::load_on(&dir, today()) {
            let lines: Vec<String> = p.iter().map(|p| p.to_string()).collect();
            panic!("{town}: {lines:#?}");
        }
    }
}

#[test]
fn the_demo_payee_is_the_one_the_readme_shows() {
    let town = Town::demo();
    assert_eq!(town.profile.payee.iban, "DE09123456780001234567");
    assert!(town.profile.payee.iban.parse::<iban::Iban>().is_ok());
    assert_eq!(town.official_name(), "Stadt Musterstadt");
    assert_eq!(town.treasury().mandate_prefix, "MUSTER");
}

#[test]
fn a_missing_folder_is_one_problem() {
    let got = problems(Path::new("/nonexistent/town"));
    assert!(got
        .iter()
        .any(|p| p.file == "town.toml" && p.message.contains("cannot be read")));
}

#[test]
fn a_syntax_error_names_the_line() {
    expect(
        &[(
            "town.toml",
            "name = \"Musterstadt\"",
            "name = \"Musterstadt",
        )],
        &[("town.toml", "", "line 5")],
    );
}

#[test]
fn every_missing_key_is_listed() {
    expect(
        &[
            ("town.toml", "name = \"Musterstadt\"\n", ""),
            ("town.toml", "iban = \"DE09123456780001234567\"\n", ""),
            ("town.toml", "[features]\nhearing = true\n", "[features]\n"),
        ],
        &[
            ("town.toml", "name", "is missing"),
            ("town.toml", "payee.iban", "is missing"),
            ("town.toml", "features.hearing", "is missing"),
        ],
    );
}

#[test]
fn an_unknown_key_is_reported_with_where_it_landed() {
    // A key after a [table] header belongs to that table: a classic TOML slip.
    expect(
        &[(
            "town.toml",
            "feedback_phone = \"01234 5678-0\"\n",
            "feedback_phone = \"01234 5678-0\"\nopening_hours = []\n",
        )],
        &[("town.toml", "accessibility.opening_hours", "unknown key")],
    );
    expect(
        &[(
            "town.toml",
            "name = \"Musterstadt\"",
            "name = \"Musterstadt\"\ncolour = \"#000000\"",
        )],
        &[("town.toml", "colour", "unknown key")],
    );
}

#[test]
fn a_wrong_type_is_reported() {
    expect(
        &[("town.toml", "hearing = true", "hearing = \"yes\"")],
        &[("town.toml", "", "invalid type")],
    );
    expect(
        &[("town.toml", "kind = \"Stadt\"", "kind = \"Dorf\"")],
        &[("town.toml", "", "Dorf")],
    );
}

#[test]
fn a_brand_colour_without_enough_contrast_is_refused_with_its_ratio() {
    expect(
        &[(
            "town.toml",
            "brand_colour = \"#0b4f6c\"",
            "brand_colour = \"#7fb3d5\"",
        )],
        &[("town.toml", "brand_colour", "2.25:1, below the 4.5:1")],
    );
    // Dark text on a light colour is fine.
    expect(
        &[
            (
                "town.toml",
                "brand_colour = \"#0b4f6c\"",
                "brand_colour = \"#7fb3d5\"",
            ),
            (
                "town.toml",
                "brand_text_colour = \"#ffffff\"",
                "brand_text_colour = \"#000000\"",
            ),
        ],
        &[],
    );
    expect(
        &[(
            "town.toml",
            "brand_colour = \"#0b4f6c\"",
            "brand_colour = \"blue\"",
        )],
        &[("town.toml", "brand_colour", "not a colour")],
    );
}

#[test]
fn payee_details_are_checked() {
    expect(
        &[
            (
                "town.toml",
                "DE09123456780001234567",
                "DE10123456780001234567",
            ),
            ("town.toml", "bic = \"MUSTDEM1XXX\"", "bic = \"MUST\""),
            ("town.toml", "DE98ZZZ09999999999", "DE99ZZZ09999999999"),
        ],
        &[
            ("town.toml", "payee.iban", "not a valid IBAN"),
            ("town.toml", "payee.bic", "not a BIC"),
            (
                "town.toml",
                "payee.creditor_id",
                "not a valid SEPA creditor identifier",
            ),
        ],
    );
}

#[test]
fn texts_contacts_and_lists_are_checked() {
    expect(
        &[
            ("town.toml", "en = \"Citizens' office\"", "en = \" \""),
            ("town.toml", "postal_code = \"12345\"", "postal_code = \"1234\""),
            ("town.toml", "email = \"buergerservice@musterstadt.example\"", "email = \"buergerservice\""),
            ("town.toml", "languages = [\"de\", \"en\"]", "languages = [\"en\", \"en\"]"),
            ("town.toml", "payment_methods = [\"CREDITCARD\", \"PAYPAL\", \"SEPA_DIRECT_DEBIT\", \"WERO\", \"TRANSFER\"]", "payment_methods = []"),
            ("town.toml", "last_test = \"2026-11-21\"", "last_test = \"2026-11-22\""),
        ],
        &[
            ("town.toml", "contact.office.en", "must not be empty"),
            ("town.toml", "contact.postal_code", "five digits"),
            ("town.toml", "contact.email", "not an e-mail address"),
            ("town.toml", "languages", "\"de\" first"),
            ("town.toml", "languages", "twice"),
            ("town.toml", "payment_methods", "at least one"),
            ("town.toml", "accessibility.last_test", "after statement_date"),
        ],
    );
}

#[test]
fn sign_language_videos_need_a_transcript_and_a_link() {
    expect(
        &[(
            "town.toml",
            "sign_language_videos = []",
            "sign_language_videos = [{ title = { de = \"Willkommen\", en = \"Welcome\" }, url = \"video.mp4\", transcript = { de = \"\", en = \"Hello\" } }]",
        )],
        &[
            ("town.toml", "sign_language_videos[0].url", "https://"),
            ("town.toml", "sign_language_videos[0].transcript.de", "must not be empty"),
        ],
    );
}

#[test]
fn the_coat_of_arms_must_be_a_harmless_svg_in_the_folder() {
    expect(
        &[(
            "town.toml",
            "coat_of_arms = \"wappen.svg\"",
            "coat_of_arms = \"../wappen.svg\"",
        )],
        &[("town.toml", "coat_of_arms", "name of an .svg file")],
    );
    expect(
        &[(
            "town.toml",
            "coat_of_arms = \"wappen.svg\"",
            "coat_of_arms = \"fehlt.svg\"",
        )],
        &[("town.toml", "coat_of_arms", "fehlt.svg cannot be read")],
    );
    expect(
        &[("wappen.svg", "<title", "<script>alert(1)</script><title")],
        &[("town.toml", "coat_of_arms", "must not contain scripts")],
    );
}

#[test]
fn the_main_binary_lists_every_problem_and_exits_non_zero() {
    let dir = copy_of(&musterstadt());
    edit(
        &dir,
        "town.toml",
        "brand_colour = \"#0b4f6c\"",
        "brand_colour = \"#ffff00\"",
    );
    edit(
        &dir,
        "town.toml",
        "DE09123456780001234567",
        "DE00123456780001234567",
    );
    let out = run_binary(&["--check-town"], &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let Some(out) = out else {
        panic!("mock-backend did not finish (a stale binary without --check-town?)")
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(
        err.contains("town.toml: brand_colour: text #ffffff on #ffff00 has a contrast of 1.07:1"),
        "{err}"
    );
    assert!(err.contains("town.toml: payee.iban:"), "{err}");
}

#[tokio::test]
async fn the_served_profile_is_the_file() {
    let s = state();
    let reply = get(&s, "/api/v1/town").await;
    assert_eq!(reply.status, 200);
    let text = std::fs::read_to_string(musterstadt().join("town.toml")).unwrap_or_default();
    let file: toml::Value = toml::from_str(&text).unwrap_or(toml::Value::Boolean(false));
    let file = serde_json::to_value(file).unwrap_or_default();
    assert_eq!(
        reply.json, file,
        "every field as in town.toml, nothing added"
    );

    let arms = get(&s, "/api/v1/town/coat-of-arms").await;
    assert_eq!(arms.status, 200);
    assert_eq!(arms.ctype(), "image/svg+xml");
    assert_eq!(
        arms.text,
        std::fs::read_to_string(musterstadt().join("wappen.svg")).unwrap_or_default()
    );
}

fn lindenbach() -> PathBuf {
    repo().join("towns/lindenbach")
}

/// Breaks a copy of `town` and expects the problems listed (file, field, part of the message).
fn expect_in(town: &Path, edits: &[(&str, &str, &str)], want: &[(&str, &str, &str)]) {
    let dir = copy_of(town);
    for (file, from, to) in edits {
        edit(&dir, file, from, to);
    }
    let got = problems(&dir);
    let lines: Vec<String> = got.iter().map(|p| p.to_string()).collect();
    assert_eq!(got.len(), want.len(), "{lines:#?}");
    for (file, field, part) in want {
        assert!(
            got.iter()
                .any(|p| p.file == *file && p.field == *field && p.message.contains(part)),
            "no problem {file}: {field}: …{part}… in {lines:#?}"
        );
    }
}

const SPERR: &str = "forms/sperrmuell.json";

#[test]
fn a_condition_must_name_a_field_answered_before_it() {
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"field\": \"elektro\", \"value\": \"yes\"",
            "\"field\": \"elektrik\", \"value\": \"yes\"",
        )],
        &[
            (
                SPERR,
                "steps[0].fields[3].condition.field",
                "names \"elektrik\", which is no field",
            ),
            (SPERR, "steps[0].fields[3].condition", "can never be shown"),
        ],
    );
}

#[test]
fn a_condition_must_compare_with_a_value_the_field_can_have() {
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"field\": \"elektro\", \"value\": \"yes\"",
            "\"field\": \"elektro\", \"value\": \"ja\"",
        )],
        &[
            (
                SPERR,
                "steps[0].fields[3].condition.value",
                "\"ja\" is not a value of \"elektro\" (it has yes, no)",
            ),
            (SPERR, "steps[0].fields[3].condition", "can never be shown"),
        ],
    );
}

#[test]
fn every_step_must_be_reachable() {
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"id\": \"kontakt\",",
            "\"id\": \"kontakt\", \"condition\": { \"op\": \"one_of\", \"field\": \"elektro\", \"values\": [\"vielleicht\"] },",
        )],
        &[
            (SPERR, "steps[1].condition.values", "\"vielleicht\" is not a value"),
            (SPERR, "steps[1].condition", "unreachable"),
        ],
    );
    // A step that depends on a later answer can never be decided either.
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"id\": \"abholung\",",
            "\"id\": \"abholung\", \"condition\": { \"op\": \"answered\", \"field\": \"email\" },",
        )],
        &[
            (
                SPERR,
                "steps[0].condition.field",
                "names \"email\", which is no field answered before",
            ),
            (SPERR, "steps[0].condition", "unreachable"),
        ],
    );
}

#[test]
fn every_fee_rule_must_be_computable() {
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"quantity_field\": \"menge\"",
            "\"quantity_field\": \"gegenstaende\"",
        )],
        &[(
            SPERR,
            "fee.quantity_field",
            "not a quantity or whole number",
        )],
    );
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"quantity_field\": \"menge\"",
            "\"quantity_field\": \"kubikmeter\"",
        )],
        &[(
            SPERR,
            "fee.quantity_field",
            "\"kubikmeter\" is no field of the form",
        )],
    );
    expect_in(
        &lindenbach(),
        &[(
            "forms/hundeanmeldung.json",
            "\"group\": \"hunde\"",
            "\"group\": \"katzen\"",
        )],
        &[(
            "forms/hundeanmeldung.json",
            "fee.group",
            "no repeatable group",
        )],
    );
}

#[test]
fn ids_must_be_unique_and_match_the_catalogue() {
    expect_in(
        &lindenbach(),
        &[(SPERR, "\"id\": \"nachname\"", "\"id\": \"vorname\"")],
        &[(SPERR, "steps[1].fields[1].id", "\"vorname\" appears twice")],
    );
    expect_in(
        &lindenbach(),
        &[(SPERR, "\"id\": \"sperrmuell\"", "\"id\": \"sperrmüll\"")],
        &[(
            SPERR,
            "id",
            "is \"sperrmüll\", but the file is the form of \"sperrmuell\"",
        )],
    );
    expect_in(
        &lindenbach(),
        &[(
            "catalogue.json",
            "\"id\": \"hundeanmeldung\"",
            "\"id\": \"hunde\"",
        )],
        &[
            ("forms/hunde.json", "", "cannot be read"),
            (
                "forms/hundeanmeldung.json",
                "",
                "has no entry in catalogue.json",
            ),
        ],
    );
    expect_in(
        &lindenbach(),
        &[(
            "catalogue.json",
            "\"id\": \"hundeanmeldung\"",
            "\"id\": \"sperrmuell\"",
        )],
        &[
            ("catalogue.json", "[1].id", "appears twice"),
            ("forms/hundeanmeldung.json", "", "has no entry"),
        ],
    );
}

#[test]
fn a_definition_that_does_not_parse_names_the_problem() {
    expect_in(
        &lindenbach(),
        &[(
            SPERR,
            "\"type\": \"quantity\", \"min\": 1, \"max\": 5",
            "\"type\": \"quantity\", \"min\": 1",
        )],
        &[(SPERR, "", "missing field `max`")],
    );
    expect_in(
        &lindenbach(),
        &[(SPERR, "\"version\": 1,", "\"version\": 1")],
        &[(SPERR, "", "is not valid JSON")],
    );
    expect_in(
        &lindenbach(),
        &[(SPERR, "\"max\": 5", "\"max\": { \"$month\": 1 }")],
        &[(SPERR, "", "unknown relative value \"$month\"")],
    );
}

#[test]
fn slots_must_belong_to_a_service_with_appointments() {
    expect(
        &[(
            "demo/slots.json",
            "\"service\": \"eheschliessung\"",
            "\"service\": \"hundeanmeldung\"",
        )],
        &[(
            "demo/slots.json",
            "[0].service",
            "no service of the catalogue with an appointment_slot field",
        )],
    );
    expect(
        &[("town.toml", "appointments = true", "appointments = false")],
        &[
            (
                "demo/slots.json",
                "[0].service",
                "features.appointments is off",
            ),
            ("appointments.json", "", "features.appointments is off"),
        ],
    );
    expect(
        &[
            ("demo/slots.json", "\"trauzimmer\"", "\"keller\""),
            ("demo/slots.json", "\"trausaal\"", "\"nord\""),
        ],
        &[
            (
                "demo/slots.json",
                "[0].locations[0]",
                "\"keller\" is no location",
            ),
            (
                "demo/slots.json",
                "[0].locations[1]",
                "does not handle the concern \"trauung\"",
            ),
        ],
    );
}

#[tokio::test]
async fn the_second_town_serves_its_own_catalogue_fees_and_no_hearing() {
    let town = Town::load(&lindenbach()).unwrap_or_else(|p| panic!("{p:?}"));
    let s =
        mock_backend::AppState::for_town(std::env::temp_dir().join("serviceportal-no-dist"), town);
    let profile = get(&s, "/api/v1/town").await;
    assert_eq!(profile.json["name"], "Lindenbach");
    assert_eq!(profile.json["kind"], "Gemeinde");
    let services = get(&s, "/api/v1/services").await;
    let ids: Vec<&str> = services
        .json
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["sperrmuell", "hundeanmeldung"]);
    assert_eq!(get(&s, "/api/v1/services/urkunden").await.status, 404);
    let methods = get(&s, "/api/v1/payment-methods").await;
    let methods: Vec<&str> = methods
        .json
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(methods, ["SEPA_DIRECT_DEBIT", "TRANSFER"]);
    let login = common::send(
        &s,
        common::json_request(
            axum::http::Method::POST,
            "/api/v1/hearings/session",
            &serde_json::json!({"case_number": "OWI-2026-000101", "access_code": "K7MP-3XTA"}),
            "de",
            None,
        ),
    )
    .await;
    assert_eq!(login.status, 404, "the hearing is switched off");
}

/// A built app's shell with the placeholders index.html has in the repository.
fn dist_with_template() -> PathBuf {
    let dir = copy_of(&repo().join("towns/lindenbach"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let template = std::fs::read_to_string(repo().join("index.html")).unwrap_or_default();
    std::fs::write(dir.join("index.html"), template).unwrap_or_default();
    dir
}

#[tokio::test]
async fn the_backend_fills_the_static_shell_with_the_towns_colours() {
    let dist = dist_with_template();
    let town = Town::load(&lindenbach()).unwrap_or_else(|p| panic!("{p:?}"));
    let s = mock_backend::AppState::for_town(&dist, town);
    for path in ["/", "/index.html", "/leistungen/sperrmuell"] {
        let page = get(&s, path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.text
                .contains("<title>Serviceportal Lindenbach</title>"),
            "{path}"
        );
        assert!(page
            .text
            .contains("<h1>Online-Dienste der Gemeinde Lindenbach</h1>"));
        assert!(page.text.contains("content=\"#2f5d2a\""));
        assert!(page.text.contains("Telefon 06543 210-0"));
        assert!(!page.text.contains("{{") && !page.text.contains("Musterstadt"));
        // The colours inline, allowed by the CSP by the hash of exactly this style.
        let (_, style) = page
            .text
            .split_once("<style>/* The town's colours")
            .unwrap_or_default();
        assert!(style.contains("--brand: #2f5d2a;"), "{path}");
        let hashes = mock_backend::security::inline_style_hashes(&page.text);
        let csp = page.header(axum::http::header::CONTENT_SECURITY_POLICY);
        assert!(
            !hashes.is_empty() && hashes.iter().all(|h| csp.contains(h.as_str())),
            "{csp}"
        );
    }
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn render_shell_writes_the_shell_for_a_static_host_and_can_run_again() {
    let dist = dist_with_template();
    let run = |town: &str| {
        run_binary(
            &["--render-shell", &dist.to_string_lossy()],
            &repo().join("towns").join(town),
        )
        .is_some_and(|o| o.status.success())
    };
    assert!(run("lindenbach"));
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    assert!(html.contains("Gemeinde Lindenbach") && !html.contains("{{town."));
    assert!(html.contains("--brand: #2f5d2a;"), "the colours inline");
    // Again for another profile: the template was kept.
    assert!(run("musterstadt"));
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    assert!(html.contains("Stadt Musterstadt") && !html.contains("Lindenbach"));
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn an_iban_is_written_as_banks_and_girocodes_need_it() {
    expect(
        &[(
            "town.toml",
            "DE09123456780001234567",
            "DE09 1234 5678 0001 2345 67",
        )],
        &[(
            "town.toml",
            "payee.iban",
            "without spaces, in capitals: \"DE09123456780001234567\"",
        )],
    );
}
