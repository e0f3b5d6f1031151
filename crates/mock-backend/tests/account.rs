//! Sign-in with the citizen account: the whole code flow through `oneshot`, with the portal's
//! OpenID Connect client calling the bundled mock provider over real HTTP (bound on an
//! ephemeral port), and every refusal the issue lists.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{send, Reply};
use mock_backend::account::handlers::FAILED_PATH;
use mock_backend::account::provider::Fault;
use mock_backend::account::OidcConfig;
use mock_backend::{app, AppState};
use openidconnect::url::Url;

struct Portal {
    state: AppState,
    host: String,
}

/// The seeded portal, also served on 127.0.0.1:<ephemeral> so its client can reach the
/// provider over HTTP.
async fn portal() -> Portal {
    let state = common::state();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let host = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
    state
        .account()
        .configure(OidcConfig::local(&format!("http://{host}")));
    let served = app(state.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, served).await;
    });
    Portal { state, host }
}

impl Portal {
    fn req(&self, method: Method, uri: &str) -> axum::http::request::Builder {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, &self.host)
    }

    async fn get(&self, uri: &str, cookie: Option<&str>) -> Reply {
        let mut b = self.req(Method::GET, uri);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        send(&self.state, b.body(Body::empty()).expect("request")).await
    }

    /// Cookie header with the session, and a same-origin `Origin`.
    async fn send_with(
        &self,
        method: Method,
        uri: &str,
        cookie: &str,
        origin: Option<&str>,
    ) -> Reply {
        let mut b = self.req(method, uri).header(header::COOKIE, cookie);
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        send(&self.state, b.body(Body::empty()).expect("request")).await
    }

    fn origin(&self) -> String {
        format!("http://{}", self.host)
    }
}

/// `name=value` of a `Set-Cookie` header with that name.
fn set_cookie(r: &Reply, name: &str) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or("").to_string()
}

fn path_and_query(url: &str) -> String {
    let u = Url::parse(url).expect("absolute url");
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    }
}

/// The state after the provider's page: the callback URL and the browser-binding cookie.
struct AtCallback {
    callback: String,
    login_cookie: String,
    authorize: Url,
}

/// Starts sign-in and picks `identity` on the provider's page.
async fn through_provider(p: &Portal, return_to: &str, identity: &str) -> AtCallback {
    let start = p
        .get(&format!("/api/v1/auth/login?return_to={return_to}"), None)
        .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.text);
    let login_cookie = pair(&set_cookie(&start, "portal_login").expect("login cookie"));
    let authorize = Url::parse(start.location()).expect("authorize url");
    assert_eq!(authorize.path(), "/mock-idp/authorize");
    let q: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(
        q.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert!(q.contains_key("state") && q.contains_key("nonce"));
    let page = p.get(&path_and_query(authorize.as_str()), None).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Erika Mustermann"));
    let mut form: Vec<(String, String)> = q.into_iter().collect();
    form.push(("identity".into(), identity.into()));
    let body = serde_urlencoded(&form);
    let chosen = send(
        &p.state,
        p.req(Method::POST, "/mock-idp/authorize")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request"),
    )
    .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.text);
    AtCallback {
        callback: path_and_query(chosen.location()),
        login_cookie,
        authorize,
    }
}

fn serde_urlencoded(pairs: &[(String, String)]) -> String {
    let mut u = Url::parse("http://x/").expect("url");
    u.query_pairs_mut().extend_pairs(pairs);
    u.query().unwrap_or("").to_string()
}

/// Full sign-in; returns the session cookie pair.
async fn sign_in(p: &Portal, identity: &str) -> String {
    let at = through_provider(p, "/leistungen/x", identity).await;
    let back = p.get(&at.callback, Some(&at.login_cookie)).await;
    assert_eq!(back.location(), "/leistungen/x");
    pair(&set_cookie(&back, "portal_session").expect("session cookie"))
}

fn assert_refused(r: &Reply) {
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), FAILED_PATH);
    assert!(set_cookie(r, "portal_session").is_none(), "no session");
}

#[tokio::test]
async fn discovery_announces_s256_and_jwks_holds_public_keys_only() {
    let p = portal().await;
    let d = p
        .get("/mock-idp/.well-known/openid-configuration", None)
        .await;
    assert_eq!(d.json["issuer"], format!("{}/mock-idp", p.origin()));
    assert_eq!(d.json["code_challenge_methods_supported"][0], "S256");
    assert!(d.json["end_session_endpoint"].is_string());
    let jwks = p.get("/mock-idp/jwks", None).await;
    let key = &jwks.json["keys"][0];
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["alg"], "ES256");
    assert!(key.get("d").is_none(), "no private part");
}

#[tokio::test]
async fn the_whole_flow_signs_in_and_returns_to_the_same_place() {
    let p = portal().await;
    let at = through_provider(&p, "/leistungen/x", "marie").await;
    // No token and no personal data in any URL of the flow.
    assert!(!at.authorize.as_str().contains("eyJ"));
    assert!(!at.callback.contains("eyJ") && !at.callback.contains("M%C3%BCller"));
    let back = p.get(&at.callback, Some(&at.login_cookie)).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(back.location(), "/leistungen/x");
    let cookie = set_cookie(&back, "portal_session").expect("session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    assert!(!back.text.contains("eyJ"));
    let me = p.get("/api/v1/me", Some(&pair(&cookie))).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["family_name"], "Müller-Lüdenscheidt-Großkopf");
    assert_eq!(me.json["trust_level"], "substantial");
    assert_eq!(me.json["verified"], true);
    assert_eq!(me.json["address"]["town"], "Musterstadt");
    assert_eq!(me.json["session_secs"], 1800);
    assert!(!me.text.contains("eyJ"), "no token in the body");
    assert_eq!(me.header(header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn without_a_session_me_is_a_401_problem() {
    let p = portal().await;
    let me = p.get("/api/v1/me", None).await;
    assert_eq!(me.status, 401);
    assert_eq!(me.ctype(), "application/problem+json");
    let me = p.get("/api/v1/me", Some("portal_session=forged")).await;
    assert_eq!(me.status, 401);
}

#[tokio::test]
async fn a_replayed_or_wrong_state_is_refused() {
    let p = portal().await;
    let at = through_provider(&p, "/", "erika").await;
    let wrong = at.callback.replace("state=", "state=x");
    assert_refused(&p.get(&wrong, Some(&at.login_cookie)).await);
    // The wrong attempt did not use up the right one …
    let first = p.get(&at.callback, Some(&at.login_cookie)).await;
    assert!(set_cookie(&first, "portal_session").is_some());
    // … which works exactly once.
    assert_refused(&p.get(&at.callback, Some(&at.login_cookie)).await);
    assert_eq!(p.state.account().session_count(), 1);
}

#[tokio::test]
async fn a_callback_in_another_browser_is_refused() {
    let p = portal().await;
    let at = through_provider(&p, "/", "erika").await;
    assert_refused(&p.get(&at.callback, None).await);
    let at = through_provider(&p, "/", "erika").await;
    assert_refused(&p.get(&at.callback, Some("portal_login=someone-else")).await);
    assert_eq!(p.state.account().session_count(), 0);
}

#[tokio::test]
async fn bad_id_tokens_are_refused_without_a_session() {
    let p = portal().await;
    for fault in [
        Fault::OtherAudience,
        Fault::Expired,
        Fault::Tampered,
        Fault::UnknownKid,
        Fault::WrongIssuer,
        Fault::WrongNonce,
    ] {
        p.state.account().idp().set_fault(Some(fault));
        let at = through_provider(&p, "/", "jonas").await;
        let r = p.get(&at.callback, Some(&at.login_cookie)).await;
        assert_eq!(r.location(), FAILED_PATH, "{fault:?}");
        assert!(set_cookie(&r, "portal_session").is_none(), "{fault:?}");
        assert_eq!(p.state.account().session_count(), 0, "{fault:?}");
    }
    // The same provider without a fault signs in: the refusals were the tokens' fault.
    p.state.account().idp().set_fault(None);
    sign_in(&p, "jonas").await;
}

#[tokio::test]
async fn the_token_endpoint_checks_pkce_and_the_client() {
    let p = portal().await;
    let at = through_provider(&p, "/", "erika").await;
    let code = Url::parse(&format!("http://x{}", at.callback))
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let config = p.state.account().config();
    let form = |verifier: &str, secret: &str| {
        serde_urlencoded(&[
            ("grant_type".into(), "authorization_code".into()),
            ("code".into(), code.clone()),
            ("redirect_uri".into(), config.redirect_uri.clone()),
            ("code_verifier".into(), verifier.into()),
            ("client_id".into(), config.client_id.clone()),
            ("client_secret".into(), secret.into()),
        ])
    };
    let post = |body: String| {
        p.req(Method::POST, "/mock-idp/token")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request")
    };
    let bad_secret = send(&p.state, post(form(&"v".repeat(43), "wrong"))).await;
    assert_eq!(bad_secret.json["error"], "invalid_client");
    let bad_verifier = send(&p.state, post(form(&"v".repeat(43), &config.client_secret))).await;
    assert_eq!(bad_verifier.json["error"], "invalid_grant");
    // The code is gone after one use, even a failed one.
    assert_refused(&p.get(&at.callback, Some(&at.login_cookie)).await);
}

#[tokio::test]
async fn sign_in_returns_only_to_a_path_of_the_portal() {
    let p = portal().await;
    for target in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
    ] {
        let at = through_provider(&p, &urlencode(target), "erika").await;
        let back = p.get(&at.callback, Some(&at.login_cookie)).await;
        assert_eq!(back.location(), "/", "{target}");
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded(&[("a".into(), s.into())])
        .trim_start_matches("a=")
        .to_string()
}

#[tokio::test]
async fn cross_site_requests_with_the_cookie_are_refused() {
    let p = portal().await;
    let cookie = sign_in(&p, "erika").await;
    let evil = p
        .send_with(
            Method::POST,
            "/api/v1/me/session",
            &cookie,
            Some("http://evil.example"),
        )
        .await;
    assert_eq!(evil.status, StatusCode::FORBIDDEN);
    assert_eq!(evil.ctype(), "application/problem+json");
    let no_origin = p
        .send_with(Method::DELETE, "/api/v1/me", &cookie, None)
        .await;
    assert_eq!(no_origin.status, StatusCode::FORBIDDEN);
    let logout = p
        .send_with(
            Method::POST,
            "/api/v1/auth/logout",
            &cookie,
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(logout.status, StatusCode::FORBIDDEN);
    // A cross-site form post elsewhere in the API with the cookie is refused too.
    let feedback = p
        .send_with(
            Method::POST,
            "/api/v1/feedback",
            &cookie,
            Some("http://evil.example"),
        )
        .await;
    assert_eq!(feedback.status, StatusCode::FORBIDDEN);
    assert_eq!(
        p.get("/api/v1/me", Some(&cookie)).await.status,
        200,
        "still signed in"
    );
    let own = p
        .send_with(
            Method::POST,
            "/api/v1/me/session",
            &cookie,
            Some(&p.origin()),
        )
        .await;
    assert_eq!(own.status, 200);
}

#[tokio::test]
async fn sign_out_ends_the_portal_and_the_provider_session() {
    let p = portal().await;
    let cookie = sign_in(&p, "erika").await;
    assert_eq!(p.state.account().idp().session_count(), 1);
    let out = p
        .send_with(
            Method::POST,
            "/api/v1/auth/logout",
            &cookie,
            Some(&p.origin()),
        )
        .await;
    assert_eq!(out.status, 200);
    let cleared = set_cookie(&out, "portal_session").expect("cleared");
    assert!(cleared.contains("Max-Age=0"));
    assert_eq!(p.get("/api/v1/me", Some(&cookie)).await.status, 401);
    let end = out.json["end_session_url"]
        .as_str()
        .expect("end session url");
    assert!(end.contains("client_id=serviceportal") && !end.contains("id_token"));
    // The browser goes there with the provider's cookie (the tests keep none: the
    // provider's page ends whatever session the browser has).
    let r = p
        .get(&path_and_query(end), Some("mock_idp_session=x"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("{}/abgemeldet", p.origin()));
}

#[tokio::test]
async fn the_session_ends_after_30_idle_minutes_and_activity_extends_it() {
    let p = portal().await;
    let cookie = sign_in(&p, "erika").await;
    p.state.clock().advance(29 * 60);
    assert_eq!(p.get("/api/v1/me", Some(&cookie)).await.status, 200);
    p.state.clock().advance(29 * 60);
    assert_eq!(p.get("/api/v1/me", Some(&cookie)).await.status, 200);
    p.state.clock().advance(30 * 60 + 1);
    assert_eq!(p.get("/api/v1/me", Some(&cookie)).await.status, 401);
}

#[tokio::test]
async fn unlinking_deletes_the_portal_side_data() {
    let p = portal().await;
    let cookie = sign_in(&p, "marie").await;
    let r = p
        .send_with(Method::DELETE, "/api/v1/me", &cookie, Some(&p.origin()))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(p.get("/api/v1/me", Some(&cookie)).await.status, 401);
    assert_eq!(p.state.account().session_count(), 0);
}

#[tokio::test]
async fn a_town_without_the_account_has_neither_api_nor_provider() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../towns/lindenbach");
    let town = mock_backend::town::Town::load(&dir).expect("lindenbach loads");
    let state = AppState::for_town(std::env::temp_dir().join("serviceportal-no-dist"), town);
    assert_eq!(common::get(&state, "/api/v1/me").await.status, 404);
    assert_eq!(common::get(&state, "/api/v1/auth/login").await.status, 404);
    assert_eq!(
        common::get(&state, "/mock-idp/.well-known/openid-configuration")
            .await
            .status,
        404
    );
}
