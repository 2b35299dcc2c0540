//! The session cookies and the checks around them.
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use cookie::{Cookie, SameSite};
use leptos::prelude::*;

use crate::api::edge;
use crate::api::throttle::{self, wait_in_words, Attempt};
use crate::error::AppError;
use crate::identity::{IdentityError, TokenProblem, Tokens};
use crate::model::Member;
use crate::state::AppState;

pub const ID: &str = "seisiun_id";
pub const ACCESS: &str = "seisiun_access";
pub const REFRESH: &str = "seisiun_refresh";
/// Every cookie a signed-in member carries: any of them makes a page private.
pub const SESSION_COOKIES: [&str; 3] = [ID, ACCESS, REFRESH];
/// The cookies outlive the tokens in them: an expired token is renewed on the server.
const COOKIE_DAYS: i64 = 30;

/// The app state, after checking the request came from one of our own pages.
pub fn guarded() -> Result<AppState, AppError> {
    let state = edge::state()?;
    let parts = use_context::<http::request::Parts>();
    let headers = parts.as_ref().map(|p| &p.headers);
    let origin = headers.and_then(|h| {
        h.get(http::header::ORIGIN)
            .or_else(|| h.get(http::header::REFERER))
            .and_then(|v| v.to_str().ok())
    });
    let ours = origin.is_some_and(|o| crate::origin::is_our_origin(&state.site_url, o));
    if !ours {
        tracing::warn!(origin = ?origin, "refused a cross-site account request");
        return Err(edge::respond_with(AppError::new(
            403,
            crate::t!(crate::i18n::use_lang(), "error-not-our-page"),
        )));
    }
    Ok(state)
}

/// The visitor's address: from the proxy's header when one is configured, else the
/// TCP peer. Unknown addresses share one allowance (they can only be ours or a test's).
fn client_address(state: &AppState) -> IpAddr {
    let parts = use_context::<http::request::Parts>();
    let from_header = state.client_ip_header.as_deref().and_then(|name| {
        let value = parts.as_ref()?.headers.get(name)?.to_str().ok()?;
        parse_address(value)
    });
    from_header
        .or_else(|| {
            parts
                .as_ref()?
                .extensions
                .get::<axum::extract::ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
}

/// `203.0.113.7`, `203.0.113.7:4431`, `2001:db8::1`, `[2001:db8::1]:443`, or the last
/// of a comma-separated list: the hop our proxy added. Earlier values are whatever
/// the client wrote (`X-Forwarded-For: 1.2.3.4` costs nothing to send).
pub fn parse_address(value: &str) -> Option<IpAddr> {
    let first = value.rsplit(',').next()?.trim();
    if let Ok(ip) = first.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = first.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    // CloudFront-Viewer-Address writes IPv6 with a port and no brackets.
    let (ip, _port) = first.rsplit_once(':')?;
    ip.trim_matches(['[', ']']).parse().ok()
}

/// A 429 saying how long to wait, with `Retry-After`.
fn too_many(attempt: &str, address: IpAddr, wait: std::time::Duration) -> AppError {
    tracing::warn!(attempt, %address, "throttled an account attempt");
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            options.insert_header(http::header::RETRY_AFTER, value);
        }
    }
    edge::respond_with(AppError::new(
        429,
        crate::t!(
            crate::i18n::use_lang(),
            "error-too-many-attempts",
            wait = wait_in_words(wait)
        ),
    ))
}

/// Counts an attempt that sends an email against the account's and the address's
/// allowance.
pub async fn throttled(state: &AppState, account: &str) -> Result<(), AppError> {
    take(state, Attempt::SendsEmail, account).await
}

/// Counts a member's write (a review, a session, a report) against their and their
/// address's allowance.
pub async fn write_allowed(state: &AppState, member: &Member) -> Result<(), AppError> {
    take(state, Attempt::Write, member.subject.as_str()).await
}

async fn take(state: &AppState, attempt: Attempt, account: &str) -> Result<(), AppError> {
    let address = client_address(state);
    throttle::take(
        state.store.as_ref(),
        attempt,
        account,
        address,
        chrono::Utc::now(),
    )
    .await?
    .map_err(|wait| too_many(&format!("{attempt:?}"), address, wait))
}

/// The signed-in member, or a 401 saying what they were trying to do.
pub async fn signed_in(doing: &str) -> Result<Member, AppError> {
    match who_is_asking().await? {
        Asking::Member(member) => {
            // Writes check the store: a sign-in ended since this token was issued
            // (sign out everywhere, a new password) no longer counts.
            let state = edge::state()?;
            let ended = state
                .store
                .sign_ins_ended_at(&member.email.to_lowercase())
                .await?;
            if ended.is_some_and(|at| member.issued_at < at.timestamp()) {
                clear_session(&state);
                return Err(edge::respond_with(AppError::new(
                    401,
                    crate::t!(
                        crate::i18n::use_lang(),
                        "error-signed-out-everywhere",
                        doing = crate::t!(
                            crate::i18n::use_lang(),
                            "doing",
                            what = crate::text::slug(doing)
                        )
                    ),
                )));
            }
            Ok(member)
        }
        Asking::Nobody => Err(edge::respond_with(AppError::new(
            401,
            crate::t!(
                crate::i18n::use_lang(),
                "error-sign-in-to",
                doing = crate::t!(
                    crate::i18n::use_lang(),
                    "doing",
                    what = crate::text::slug(doing)
                )
            ),
        ))),
        Asking::CannotTell => Err(edge::respond_with(AppError::new(
            503,
            crate::t!(crate::i18n::use_lang(), "error-cannot-check-sign-in"),
        ))),
    }
}

/// Runs a sign-in or code check only if the account and the address have guesses
/// left, counting it *before* it runs, so guesses sent together cannot outrun the
/// count; a right answer (or a failure that was no guess) gives the attempt back.
pub async fn counting_failures<T>(
    state: &AppState,
    account: &str,
    attempt: impl std::future::Future<Output = Result<T, IdentityError>>,
) -> Result<T, AppError> {
    let address = client_address(state);
    let store = state.store.as_ref();
    let now = chrono::Utc::now();
    throttle::take(store, Attempt::Guess, account, address, now)
        .await?
        .map_err(|wait| too_many("guess", address, wait))?;
    let outcome = attempt.await;
    let wrong_guess = matches!(
        outcome,
        Err(IdentityError::WrongCredentials | IdentityError::WrongCode)
    );
    if !wrong_guess {
        throttle::give_back(store, Attempt::Guess, account, address, now).await?;
    }
    outcome.map_err(AppError::from)
}

/// The request's cookies by name.
pub fn request_cookies() -> HashMap<String, String> {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return HashMap::new();
    };
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .map(|c| (c.name().to_string(), c.value().to_string()))
        .collect()
}

/// Plain http is only allowed on a developer's own machine.
fn secure(state: &AppState) -> bool {
    !crate::origin::is_local_site(&state.site_url)
}

fn session_cookie(state: &AppState, name: &'static str, value: String, days: i64) -> String {
    Cookie::build((name, value))
        .http_only(true)
        .secure(secure(state))
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(cookie::time::Duration::days(days))
        .build()
        .to_string()
}

fn add_set_cookie(value: String) {
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(header) = http::HeaderValue::from_str(&value) {
            options.append_header(http::header::SET_COOKIE, header);
        }
    }
}

pub fn set_session(state: &AppState, tokens: &Tokens) {
    add_set_cookie(session_cookie(
        state,
        ID,
        tokens.id_token.clone(),
        COOKIE_DAYS,
    ));
    add_set_cookie(session_cookie(
        state,
        ACCESS,
        tokens.access_token.clone(),
        COOKIE_DAYS,
    ));
    if let Some(refresh) = &tokens.refresh_token {
        add_set_cookie(session_cookie(state, REFRESH, refresh.clone(), COOKIE_DAYS));
    }
}

/// The member fresh tokens name, with the tokens set as the session's cookies.
pub async fn start_session(state: &AppState, tokens: &Tokens) -> Result<Member, AppError> {
    let member = state
        .tokens
        .member(&tokens.id_token)
        .await
        .map_err(|_| edge::respond_with(AppError::internal()))?;
    set_session(state, tokens);
    Ok(member)
}

/// The member named by tokens renewed now with the refresh cookie, the cookies set:
/// fresh groups for a moderator's action (a removed moderator's old token still says
/// "moderators" until it expires).
pub async fn renewed_member(state: &AppState) -> Result<Member, AppError> {
    let jar = request_cookies();
    let refresh = jar.get(REFRESH).ok_or_else(|| {
        edge::respond_with(AppError::new(
            401,
            crate::t!(crate::i18n::use_lang(), "error-sign-in-again"),
        ))
    })?;
    let tokens = state.identity.refresh(refresh).await?;
    start_session(state, &tokens).await
}

pub fn clear_session(state: &AppState) {
    for name in [ID, ACCESS, REFRESH] {
        add_set_cookie(session_cookie(state, name, String::new(), 0));
    }
}

pub async fn member_of_request() -> Result<Option<Member>, AppError> {
    match who_is_asking().await? {
        Asking::Member(member) => Ok(Some(member)),
        // Pages still render, as for a visitor; the cookies stay for the next request.
        Asking::Nobody | Asking::CannotTell => Ok(None),
    }
}

/// Who the cookies name, if anyone, and whether we could tell.
enum Asking {
    Member(Member),
    Nobody,
    /// The identity provider could not be asked (keys or refresh unavailable):
    /// nobody is signed out for that.
    CannotTell,
}

async fn who_is_asking() -> Result<Asking, AppError> {
    let state = edge::state()?;
    let jar = request_cookies();
    let Some(id_token) = jar.get(ID) else {
        return Ok(Asking::Nobody);
    };
    match state.tokens.member(id_token).await {
        Ok(member) => Ok(Asking::Member(member)),
        Err(TokenProblem::Unavailable) => Ok(Asking::CannotTell),
        Err(TokenProblem::Expired) => {
            let Some(refresh) = jar.get(REFRESH) else {
                clear_session(&state);
                return Ok(Asking::Nobody);
            };
            // Each renewal is a call to the provider: limited per token and address.
            let token_key: String = refresh.chars().rev().take(24).collect();
            let allowed = throttle::take(
                state.store.as_ref(),
                Attempt::Refresh,
                &token_key,
                client_address(&state),
                chrono::Utc::now(),
            )
            .await?;
            if allowed.is_err() {
                return Ok(Asking::CannotTell);
            }
            match state.identity.refresh(refresh).await {
                Ok(tokens) => match state.tokens.member(&tokens.id_token).await {
                    Ok(member) => {
                        set_session(&state, &tokens);
                        Ok(Asking::Member(member))
                    }
                    Err(TokenProblem::Unavailable) => Ok(Asking::CannotTell),
                    Err(_) => {
                        clear_session(&state);
                        Ok(Asking::Nobody)
                    }
                },
                // Throttled or unreachable: the refresh token may be fine.
                Err(IdentityError::Unavailable(_) | IdentityError::TooManyAttempts) => {
                    Ok(Asking::CannotTell)
                }
                // Revoked, expired or not ours: the session is over.
                Err(_) => {
                    clear_session(&state);
                    Ok(Asking::Nobody)
                }
            }
        }
        Err(TokenProblem::Invalid) => {
            clear_session(&state);
            Ok(Asking::Nobody)
        }
    }
}
