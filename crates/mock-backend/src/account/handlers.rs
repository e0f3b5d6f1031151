//! `/api/v1/auth/{login,callback,logout}` and `/api/v1/me`: the backend-for-frontend side of
//! sign-in. The provider is reached over HTTP like any OpenID Connect provider.

use super::{cookie_value, random_token, PendingLogin, Session, LOGIN_SECS};
use crate::extract::AcceptLang;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::account::{safe_return_path, AccountAddress, Me, TrustLevel};
use domain::i18n::Lang;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Where a refused sign-in lands: a page of the app that says so (no reason in the URL).
pub const FAILED_PATH: &str = "/anmeldung-fehlgeschlagen";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/auth/login", get(login))
        .route("/v1/auth/callback", get(callback))
        .route("/v1/auth/logout", post(logout))
        .route("/v1/auth/session", get(status))
        .route("/v1/me", get(me).delete(unlink))
        .route("/v1/me/session", post(extend))
}

fn http_client() -> openidconnect::reqwest::Client {
    // The provider's answers are never followed to other places (SSRF).
    openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap_or_default()
}

async fn metadata(state: &AppState) -> Option<ProviderMetadataWithLogout> {
    if let Some(m) = state.account().cached_metadata() {
        return Some(m);
    }
    let issuer = IssuerUrl::new(state.account().config().issuer).ok()?;
    let m = ProviderMetadataWithLogout::discover_async(issuer, &http_client())
        .await
        .ok()?;
    state.account().cache_metadata(m.clone());
    Some(m)
}

fn unavailable(lang: Lang) -> ApiError {
    ApiError::service_unavailable(lang).with_detail(
        "Das Servicekonto ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
        "The citizen account cannot be reached right now. Please try again later.",
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LoginQuery {
    /// Same-origin path to return to after sign-in (e.g. `/leistungen/x`); anything else
    /// returns to `/` (also one longer than 512 characters).
    return_to: Option<String>,
}

fn set_cookie(res: &mut Response, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Start sign-in: redirects the browser to the provider (code flow, PKCE S256, `state`,
/// `nonce`) and binds the attempt to this browser with a short-lived cookie.
#[utoipa::path(
    get,
    path = "/api/v1/auth/login",
    tag = "account",
    params(LoginQuery),
    responses(
        (status = 303, description = "To the provider's authorize page"),
        (status = 503, description = "The provider cannot be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    Query(q): Query<LoginQuery>,
) -> Result<Response, ApiError> {
    let config = state.account().config();
    let meta = metadata(&state).await.ok_or_else(|| unavailable(lang))?;
    let redirect = RedirectUrl::new(config.redirect_uri.clone()).map_err(|_| unavailable(lang))?;
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for s in &config.scopes {
        request = request.add_scope(Scope::new(s.clone()));
    }
    let (url, csrf, nonce) = request.set_pkce_challenge(challenge).url();
    let browser = random_token();
    let now = state.clock().now();
    state.account().add_pending(
        csrf.secret().clone(),
        PendingLogin {
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
            return_to: safe_return_path(q.return_to.as_deref().unwrap_or("/")).to_string(),
            browser: super::hash(&browser),
            expires: now + LOGIN_SECS,
        },
        now,
    );
    let mut res = Redirect::to(url.as_str()).into_response();
    set_cookie(
        &mut res,
        config.cookie(config.login_cookie_name(), Some(&browser), LOGIN_SECS),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code.
    code: Option<String>,
    /// The `state` sent with the authorization request.
    state: Option<String>,
    /// An error the provider reports (e.g. `access_denied` when the citizen cancelled).
    error: Option<String>,
}

fn failed(config: &super::OidcConfig) -> Response {
    let mut res = Redirect::to(FAILED_PATH).into_response();
    set_cookie(&mut res, config.cookie(config.login_cookie_name(), None, 0));
    res
}

/// The provider's redirect back. Checks `state` (once, and bound to this browser), exchanges
/// the code with the PKCE verifier, verifies the ID token (signature and `kid` from the JWKS,
/// issuer, audience, expiry, `nonce`), then sets the session cookie and returns to the saved
/// path. Any failure lands on a page that says so, without a session.
#[utoipa::path(
    get,
    path = "/api/v1/auth/callback",
    tag = "account",
    params(CallbackQuery),
    responses(
        (status = 303, description = "Signed in: back to the saved path with the session cookie; refused: to the app's page `/anmeldung-fehlgeschlagen`",
            headers(("Set-Cookie" = String, description = "`portal_session` (`__Host-portal_session` over https): HttpOnly, SameSite=Lax"))),
    )
)]
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let config = state.account().config();
    let now = state.clock().now();
    let Some(pending) = q
        .state
        .as_deref()
        .and_then(|s| state.account().take_pending(s, now))
    else {
        return failed(&config);
    };
    let same_browser = cookie_value(&headers, config.login_cookie_name())
        .map(|b| super::hash(b) == pending.browser)
        .unwrap_or(false);
    if !same_browser {
        return failed(&config);
    }
    if q.error.as_deref() == Some("access_denied") {
        // Cancelled at the provider: back where the citizen was, still anonymous.
        let mut res = Redirect::to(&pending.return_to).into_response();
        set_cookie(&mut res, config.cookie(config.login_cookie_name(), None, 0));
        return res;
    }
    let (Some(code), None) = (q.code, q.error) else {
        return failed(&config);
    };
    match exchange(&state, &config, code, &pending).await {
        Some(session) => {
            let id = state.account().start_session(Session {
                last_seen: now,
                ..session
            });
            let mut res = Redirect::to(&pending.return_to).into_response();
            set_cookie(&mut res, config.cookie(config.login_cookie_name(), None, 0));
            set_cookie(
                &mut res,
                config.cookie(config.session_cookie_name(), Some(&id), 12 * 3600),
            );
            res
        }
        None => failed(&config),
    }
}

/// Code → tokens → verified claims. `None` for every refusal (the reason is not shown).
async fn exchange(
    state: &AppState,
    config: &super::OidcConfig,
    code: String,
    pending: &PendingLogin,
) -> Option<Session> {
    let meta = metadata(state).await?;
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    .set_redirect_uri(RedirectUrl::new(config.redirect_uri.clone()).ok()?);
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .ok()?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&http_client())
        .await
        .ok()?;
    let _ = token.access_token();
    let id_token = token.id_token()?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(pending.nonce.clone()))
        .ok()?;
    let given = claims
        .given_name()
        .and_then(|c| c.get(None))
        .map(|g| g.to_string());
    let family = claims
        .family_name()
        .and_then(|c| c.get(None))
        .map(|f| f.to_string());
    let address = claims.address().map(|a| AccountAddress {
        street: a
            .street_address
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        postal_code: a
            .postal_code
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        town: a
            .locality
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        country: a
            .country
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
    });
    Some(Session {
        subject: claims.subject().to_string(),
        issuer: claims.issuer().to_string(),
        given_name: given.unwrap_or_default(),
        family_name: family.unwrap_or_default(),
        birth_date: claims.birthdate().map(|b| b.to_string()),
        address,
        email: claims.email().map(|e| e.to_string()),
        trust_level: TrustLevel::from_acr(claims.auth_context_ref().map(|a| a.as_str())),
        last_seen: 0,
    })
}

/// The session of this request, marked active; `Err` is the 401 problem.
pub(crate) fn session(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<(String, Session), ApiError> {
    let config = state.account().config();
    cookie_value(headers, config.session_cookie_name())
        .and_then(|c| {
            state
                .account()
                .touch(c, state.clock().now())
                .map(|s| (c.to_string(), s))
        })
        .ok_or_else(|| {
            ApiError::unauthorized(
                lang,
                "Sie sind nicht (mehr) mit Ihrem Servicekonto angemeldet.",
                "You are not (or no longer) signed in with your citizen account.",
            )
        })
}

/// The account's part in an application: a service with `sign_in: required` needs a session
/// at its minimum trust level (else 401); with a session, verified account values replace what
/// was sent for fields filled from the account (they are read-only in the app).
pub fn apply_account(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    form: &domain::form::FormDefinition,
    answers: &mut domain::form::Answers,
) -> Result<(), ApiError> {
    let session = if state.town().profile.features.account {
        session(state, headers, lang).ok().map(|(_, s)| s)
    } else {
        None
    };
    if form.sign_in == domain::form::SignIn::Required && state.town().profile.features.account {
        let min = form.min_trust_level.unwrap_or(TrustLevel::Basic);
        if session.as_ref().is_none_or(|s| s.trust_level < min) {
            return Err(ApiError::unauthorized(
                lang,
                "Für diese Leistung melden Sie sich bitte mit Ihrem Servicekonto an (mindestens Vertrauensniveau ".to_string() + min.label(Lang::De) + ").",
                "Please sign in with your citizen account for this service (trust level ".to_string() + min.label(Lang::En) + " or higher).",
            ));
        }
    }
    if let Some(s) = session {
        let me = s.me(state.account().config().session_secs);
        for field in form.steps.iter().flat_map(|st| st.fields.iter()) {
            if domain::form::prefill::prefill_locked(&me, field) {
                if let Some(v) = domain::form::prefill::prefill_value(&me, field) {
                    answers.insert(field.id.clone(), v);
                }
            }
        }
    }
    Ok(())
}

/// The signed-in citizen as the account told the portal (marks activity).
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Signed in", body = Me),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (_, s) = session(&state, &headers, lang)?;
    let secs = state.account().config().session_secs;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(s.me(secs))).into_response())
}

/// Whether someone is signed in, always 200 (the app asks on every start; a 401 there would be
/// a console error for every anonymous visit).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct SessionStatus {
    /// The signed-in citizen, or `null`.
    pub me: Option<Me>,
}

/// Who is signed in, if anyone (marks activity when someone is).
#[utoipa::path(
    get,
    path = "/api/v1/auth/session",
    tag = "account",
    security((), ("session_cookie" = [])),
    responses(
        (status = 200, description = "`me` is the signed-in citizen or `null`", body = SessionStatus),
    )
)]
pub async fn status(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let secs = state.account().config().session_secs;
    let me = session(&state, &headers, Lang::De)
        .ok()
        .map(|(_, s)| s.me(secs));
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(SessionStatus { me }),
    )
        .into_response()
}

/// Extend the session (the warning's "Sitzung verlängern").
#[utoipa::path(
    post,
    path = "/api/v1/me/session",
    tag = "account",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The new expiry", body = Me),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn extend(
    state: State<AppState>,
    lang: AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    me(state, lang, headers).await
}

/// What sign-out tells the app: where to end the provider's session (RP-initiated logout).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Logout {
    /// The provider's end-session URL (no token in it), or `null` when it has none.
    pub end_session_url: Option<String>,
}

/// Sign out: the portal session ends at once; the app then sends the browser to the
/// provider to end its session too.
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "account",
    security((), ("session_cookie" = [])),
    responses(
        (status = 200, description = "Signed out (also when there was no session)", body = Logout),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let config = state.account().config();
    if let Some(c) = cookie_value(&headers, config.session_cookie_name()) {
        state.account().end_session(c);
    }
    let end_session_url = metadata(&state).await.and_then(|m| {
        let end = m.additional_metadata().end_session_endpoint.clone()?;
        let mut url = end.url().clone();
        url.query_pairs_mut()
            .append_pair("client_id", &config.client_id)
            .append_pair("post_logout_redirect_uri", &config.post_logout_redirect_uri);
        Some(url.to_string())
    });
    let mut res = (
        [(header::CACHE_CONTROL, "no-store")],
        Json(Logout { end_session_url }),
    )
        .into_response();
    set_cookie(
        &mut res,
        config.cookie(config.session_cookie_name(), None, 0),
    );
    res
}

/// End the account link: the session ends and everything the portal keeps about this
/// account is deleted. The account at the provider stays.
#[utoipa::path(
    delete,
    path = "/api/v1/me",
    tag = "account",
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Unlinked and deleted"),
        (status = 401, description = "No session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Cross-site request with the session cookie", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn unlink(
    State(state): State<AppState>,
    AcceptLang(lang): AcceptLang,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (_, s) = session(&state, &headers, lang)?;
    state.account().forget(&s.issuer, &s.subject);
    state.inbox().forget(&s.subject);
    let config = state.account().config();
    let mut res = StatusCode::NO_CONTENT.into_response();
    set_cookie(
        &mut res,
        config.cookie(config.session_cookie_name(), None, 0),
    );
    Ok(res)
}

/// CSRF defence on the API: a request that changes data and carries the session cookie must
/// come from the portal itself; anything else is a 403 problem and changes nothing.
pub async fn csrf(
    State(state): State<AppState>,
    crate::extract::AcceptLang(lang): crate::extract::AcceptLang,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let safe = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let name = state.account().config().session_cookie_name();
    if !safe
        && super::cookie_value(req.headers(), name).is_some()
        && !super::same_origin(req.headers())
    {
        return crate::problem::ApiError::forbidden_cross_site(lang).into_response();
    }
    next.run(req).await
}

/// The OpenAPI security scheme of the session cookie.
pub struct CookieAuth;

impl utoipa::Modify for CookieAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "portal_session",
                "Session of the citizen account, set by `GET /api/v1/auth/callback`: HttpOnly, \
                 SameSite=Lax; `__Host-portal_session` with Secure over https. Requests that \
                 change data with it need a same-origin `Origin` or the header \
                 `X-Requested-With` (CSRF).",
            ))),
        );
    }
}
