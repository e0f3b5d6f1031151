//! The bundled mock identity provider under `/mock-idp`: a real OpenID Connect provider
//! (discovery announcing PKCE `S256`, JWKS with public keys only, an authorize page with test
//! identities as buttons, a token endpoint issuing ES256-signed ID tokens, RP-initiated
//! logout). Its keys are made at start. The portal's client talks to it over HTTP exactly as to
//! a real provider. The issuer is the origin the request came to plus `/mock-idp`.
//! No inline script or style; every echoed value is HTML-escaped.

use super::provider::{identity, Fault, Grant, Identity, MockIdp, IDENTITIES};
use crate::payments::psp::escape;
use crate::state::AppState;
use crate::sync::lock;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::account::TrustLevel;
use openidconnect::core::{
    CoreGenderClaim, CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AddressClaim, Audience, EmptyAdditionalClaims, EndUserBirthday, EndUserEmail,
    EndUserFamilyName, EndUserGivenName, IssuerUrl, LocalizedClaim, Nonce, PrivateSigningKey,
    StandardClaims, StreetAddress, SubjectIdentifier,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The IdP's own session cookie (path `/mock-idp`).
const IDP_COOKIE: &str = "mock_idp_session";
/// Authorization codes live this long.
const CODE_SECS: i64 = 60;
/// ID tokens live this long.
const TOKEN_SECS: i64 = 300;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/mock-idp/.well-known/openid-configuration", get(discovery))
        .route("/mock-idp/jwks", get(jwks))
        .route("/mock-idp/style.css", get(style))
        .route("/mock-idp/authorize", get(authorize_page).post(authorize))
        .route("/mock-idp/token", post(token))
        .route("/mock-idp/logout", get(logout))
}

/// Only towns with the account feature have the provider.
pub async fn gate(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !state.town().profile.features.account {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(req).await
}

/// The issuer as seen by this request: `http://<Host>/mock-idp`.
fn issuer(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("http://{host}/mock-idp")
}

async fn discovery(headers: HeaderMap) -> Response {
    let iss = issuer(&headers);
    Json(serde_json::json!({
        "issuer": iss,
        "authorization_endpoint": format!("{iss}/authorize"),
        "token_endpoint": format!("{iss}/token"),
        "jwks_uri": format!("{iss}/jwks"),
        "end_session_endpoint": format!("{iss}/logout"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "email", "address"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "acr", "given_name", "family_name", "birthdate", "address", "email", "email_verified"],
        "acr_values_supported": [TrustLevel::Basic.acr(), TrustLevel::Substantial.acr(), TrustLevel::High.acr()],
    }))
    .into_response()
}

async fn jwks(State(state): State<AppState>) -> Response {
    let key = state.account().idp().key.as_verification_key();
    let mut key = serde_json::to_value(&key).unwrap_or_default();
    if let Some(obj) = key.as_object_mut() {
        obj.insert("alg".into(), "ES256".into());
    }
    Json(serde_json::json!({ "keys": [key] })).into_response()
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        concat!(
            include_str!("../payments/psp.css"),
            "\n.identities { list-style: none; padding: 0; margin: 0 0 1.5rem; }\n",
            ".identities li { margin: 0 0 0.75rem; }\n",
            ".identities button, .secondary { display: block; width: 100%; max-width: 32rem; text-align: left; overflow-wrap: anywhere; }\n",
            ".identities .level { display: block; font-weight: 400; }\n",
        ),
    )
        .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

fn shell(title: &str, main: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Test-Identitätsanbieter</title>
<link rel="stylesheet" href="/mock-idp/style.css">
</head>
<body>
<header class="banner">
<p><strong>Test-Identitätsanbieter</strong> – Simulation eines Servicekontos für das Serviceportal. Es werden keine echten Daten verwendet.</p>
<p lang="en" class="en">Mock identity provider – no real data.</p>
</header>
<main id="main">
{main}
</main>
</body>
</html>
"#,
        title = escape(title)
    )
}

fn error_page(text: &str) -> Response {
    let main = format!(
        "<h1>Anmeldung nicht möglich</h1>\n<p lang=\"en\" class=\"en\">Sign-in not possible</p>\n<p>{}</p>\n<p><a href=\"/\">Zurück zum Serviceportal</a></p>",
        escape(text)
    );
    html(
        StatusCode::BAD_REQUEST,
        shell("Anmeldung nicht möglich", &main),
    )
}

/// Parameters of an authorization request (GET query or the page's POST form).
#[derive(Deserialize, Default)]
pub struct AuthRequest {
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    code_challenge: String,
    #[serde(default)]
    code_challenge_method: String,
    /// POST only: the chosen test identity, or `cancel`.
    #[serde(default)]
    identity: Option<String>,
}

/// The registered client: the portal's own configuration; redirects only to its callback.
fn check_client(state: &AppState, req: &AuthRequest) -> Result<(), &'static str> {
    let config = state.account().config();
    if req.client_id != config.client_id {
        return Err("Dieser Dienst ist beim Anbieter nicht bekannt (client_id).");
    }
    if req.redirect_uri != config.redirect_uri {
        return Err("Die Rücksprungadresse ist für diesen Dienst nicht hinterlegt.");
    }
    Ok(())
}

fn redirect_error(req: &AuthRequest, error: &str) -> Response {
    let sep = if req.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    Redirect::to(&format!(
        "{}{sep}error={error}&state={}",
        req.redirect_uri,
        form_urlencode(&req.state)
    ))
    .into_response()
}

fn form_urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Checks an authorization request; `Err` is the response (an error page when the client or
/// redirect URI is unknown, else an error redirect).
fn validate(state: &AppState, req: &AuthRequest) -> Result<(), Box<Response>> {
    check_client(state, req).map_err(|e| Box::new(error_page(e)))?;
    if req.response_type != "code" || !req.scope.split(' ').any(|s| s == "openid") {
        return Err(Box::new(redirect_error(req, "invalid_request")));
    }
    if req.code_challenge_method != "S256" || req.code_challenge.len() < 43 {
        return Err(Box::new(redirect_error(req, "invalid_request")));
    }
    Ok(())
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    super::cookies(headers)
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
        escape(value)
    )
}

async fn authorize_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(req): Query<AuthRequest>,
) -> Response {
    if let Err(res) = validate(&state, &req) {
        return *res;
    }
    let signed_in = cookie(&headers, IDP_COOKIE)
        .and_then(|sid| lock(&state.account().idp().sessions).get(&sid).copied())
        .and_then(identity);
    let mut form = String::new();
    for (n, v) in [
        ("response_type", req.response_type.as_str()),
        ("client_id", &req.client_id),
        ("redirect_uri", &req.redirect_uri),
        ("scope", &req.scope),
        ("state", &req.state),
        ("nonce", req.nonce.as_deref().unwrap_or("")),
        ("code_challenge", &req.code_challenge),
        ("code_challenge_method", &req.code_challenge_method),
    ] {
        form.push_str(&hidden(n, v));
    }
    let session = match signed_in {
        Some(p) => format!(
            "<p>Sie sind beim Anbieter bereits angemeldet als <strong>{} {}</strong>.</p>\n",
            escape(p.given_name),
            escape(p.family_name)
        ),
        None => String::new(),
    };
    let mut buttons = String::new();
    for p in &IDENTITIES {
        buttons.push_str(&format!(
            "<li><button type=\"submit\" name=\"identity\" value=\"{id}\">Anmelden als {g} {f}<span class=\"level\">Vertrauensniveau {lvl} – {note}; {town}</span></button></li>\n",
            id = p.id,
            g = escape(p.given_name),
            f = escape(p.family_name),
            lvl = match p.level {
                TrustLevel::Basic => "niedrig",
                TrustLevel::Substantial => "substanziell",
                TrustLevel::High => "hoch",
            },
            note = escape(p.note),
            town = escape(p.town),
        ));
    }
    let main = format!(
        r#"<h1>Mit dem Servicekonto anmelden</h1>
<p lang="en" class="en">Sign in with the citizen account</p>
{session}<p>Wählen Sie eine Test-Identität. Das Serviceportal erhält Name, Geburtsdatum, Anschrift, E-Mail-Adresse und das Vertrauensniveau.</p>
<form method="post" action="/mock-idp/authorize">
{form}<h2 id="identities">Test-Identitäten</h2>
<ul class="identities" aria-labelledby="identities">
{buttons}</ul>
<button type="submit" name="identity" value="cancel" class="secondary">Abbrechen und zurück zum Serviceportal</button>
</form>"#
    );
    html(
        StatusCode::OK,
        shell("Mit dem Servicekonto anmelden", &main),
    )
}

async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(req): Form<AuthRequest>,
) -> Response {
    if let Err(res) = validate(&state, &req) {
        return *res;
    }
    let chosen = req.identity.as_deref().unwrap_or("cancel");
    let Some(person) = identity(chosen) else {
        return redirect_error(&req, "access_denied");
    };
    let idp = state.account().idp();
    let code = super::random_token();
    let now = state.clock().now();
    lock(&idp.grants).retain(|_, g| g.expires > now);
    lock(&idp.grants).insert(
        code.clone(),
        Grant {
            client_id: req.client_id.clone(),
            redirect_uri: req.redirect_uri.clone(),
            challenge: req.code_challenge.clone(),
            nonce: req.nonce.clone().filter(|n| !n.is_empty()),
            identity: person.id,
            issuer: issuer(&headers),
            expires: now + CODE_SECS,
        },
    );
    let sid = super::random_token();
    lock(&idp.sessions).insert(sid.clone(), person.id);
    let sep = if req.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut res = Redirect::to(&format!(
        "{}{sep}code={code}&state={}",
        req.redirect_uri,
        form_urlencode(&req.state)
    ))
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{IDP_COOKIE}={sid}; Path=/mock-idp; HttpOnly; SameSite=Lax"
    )) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize)]
pub struct TokenRequest {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    code_verifier: String,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    client_secret: Option<String>,
}

fn token_error(status: StatusCode, error: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "error": error })),
    )
        .into_response()
}

/// `client_secret_basic` or `client_secret_post`.
fn client_credentials(headers: &HeaderMap, req: &TokenRequest) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(basic.trim())
            .ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (id, secret) = text.split_once(':')?;
        return Some((url_decode(id), url_decode(secret)));
    }
    Some((req.client_id.clone()?, req.client_secret.clone()?))
}

fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(())
                {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(req): Form<TokenRequest>,
) -> Response {
    let config = state.account().config();
    let Some((id, secret)) = client_credentials(&headers, &req) else {
        return token_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    let secret_ok: bool =
        subtle::ConstantTimeEq::ct_eq(secret.as_bytes(), config.client_secret.as_bytes()).into();
    if id != config.client_id || !secret_ok {
        return token_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    if req.grant_type != "authorization_code" {
        return token_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let idp = state.account().idp();
    // A code is used once: taken out before anything else is checked.
    let Some(grant) = lock(&idp.grants).remove(&req.code) else {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    let now = state.clock().now();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(req.code_verifier.as_bytes()));
    if grant.expires <= now
        || grant.client_id != id
        || grant.redirect_uri != req.redirect_uri
        || challenge != grant.challenge
    {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let Some(person) = identity(grant.identity) else {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    let fault = *lock(&idp.fault);
    match id_token(idp, &grant, person, &id, fault) {
        Some(jwt) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({
                "access_token": super::random_token(),
                "token_type": "Bearer",
                "expires_in": TOKEN_SECS,
                "id_token": jwt,
            })),
        )
            .into_response(),
        None => token_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error"),
    }
}

fn id_token(
    idp: &MockIdp,
    grant: &Grant,
    p: &Identity,
    client_id: &str,
    fault: Option<Fault>,
) -> Option<String> {
    let now = chrono::Utc::now();
    let (iat, exp) = if fault == Some(Fault::Expired) {
        (
            now - chrono::Duration::seconds(2 * TOKEN_SECS),
            now - chrono::Duration::seconds(TOKEN_SECS),
        )
    } else {
        (now, now + chrono::Duration::seconds(TOKEN_SECS))
    };
    let issuer = if fault == Some(Fault::WrongIssuer) {
        "http://evil.example/mock-idp".to_string()
    } else {
        grant.issuer.clone()
    };
    let audience = if fault == Some(Fault::OtherAudience) {
        "another-client".to_string()
    } else {
        client_id.to_string()
    };
    let nonce = if fault == Some(Fault::WrongNonce) {
        Some("not-the-nonce".to_string())
    } else {
        grant.nonce.clone()
    };
    let address = AddressClaim {
        street_address: Some(StreetAddress::new(p.street.into())),
        postal_code: Some(openidconnect::AddressPostalCode::new(p.postal_code.into())),
        locality: Some(openidconnect::AddressLocality::new(p.town.into())),
        country: Some(openidconnect::AddressCountry::new("DE".into())),
        ..AddressClaim::default()
    };
    let standard = StandardClaims::<CoreGenderClaim>::new(SubjectIdentifier::new(p.subject.into()))
        .set_given_name(Some(LocalizedClaim::from(EndUserGivenName::new(
            p.given_name.into(),
        ))))
        .set_family_name(Some(LocalizedClaim::from(EndUserFamilyName::new(
            p.family_name.into(),
        ))))
        .set_birthdate(Some(EndUserBirthday::new(p.birth_date.into())))
        .set_email(Some(EndUserEmail::new(p.email.into())))
        .set_email_verified(Some(false))
        .set_address(Some(address));
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(issuer).ok()?,
        vec![Audience::new(audience)],
        exp,
        iat,
        standard,
        EmptyAdditionalClaims {},
    )
    .set_nonce(nonce.map(Nonce::new))
    .set_auth_context_ref(Some(openidconnect::AuthenticationContextClass::new(
        p.level.acr().into(),
    )));
    let key = if fault == Some(Fault::UnknownKid) {
        &idp.stray_key
    } else {
        &idp.key
    };
    let token = CoreIdToken::new(
        claims,
        key,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        None,
        None,
    )
    .ok()?;
    let jwt = serde_json::to_value(&token).ok()?.as_str()?.to_string();
    if fault == Some(Fault::Tampered) {
        // Another family name in the payload, the signature left as it was.
        let mut parts: Vec<String> = jwt.split('.').map(str::to_string).collect();
        let payload = URL_SAFE_NO_PAD.decode(parts.get(1)?).ok()?;
        let text = String::from_utf8(payload)
            .ok()?
            .replace(p.family_name, "Angreifer");
        *parts.get_mut(1)? = URL_SAFE_NO_PAD.encode(text);
        return Some(parts.join("."));
    }
    Some(jwt)
}

#[derive(Deserialize)]
pub struct LogoutRequest {
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    post_logout_redirect_uri: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

/// RP-initiated logout: ends the provider session, then returns to the portal when the
/// redirect is the client's registered one.
async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(req): Query<LogoutRequest>,
) -> Response {
    if let Some(sid) = cookie(&headers, IDP_COOKIE) {
        lock(&state.account().idp().sessions).remove(&sid);
    }
    let config = state.account().config();
    let back = req
        .post_logout_redirect_uri
        .filter(|uri| *uri == config.post_logout_redirect_uri)
        .filter(|_| req.client_id.as_deref() == Some(config.client_id.as_str()));
    let mut res = match back {
        Some(uri) => {
            let uri = match req.state {
                Some(s) => format!(
                    "{uri}{}state={}",
                    if uri.contains('?') { '&' } else { '?' },
                    form_urlencode(&s)
                ),
                None => uri,
            };
            Redirect::to(&uri).into_response()
        }
        None => html(
            StatusCode::OK,
            shell(
                "Abgemeldet",
                "<h1>Sie sind abgemeldet</h1>\n<p lang=\"en\" class=\"en\">You are signed out</p>\n<p><a href=\"/\">Zum Serviceportal</a></p>",
            ),
        ),
    };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{IDP_COOKIE}=; Path=/mock-idp; HttpOnly; SameSite=Lax; Max-Age=0"
    )) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
