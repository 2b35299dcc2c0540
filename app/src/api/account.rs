//! Members signing up, in and out. Tokens live only in HttpOnly cookies set here; the
//! browser's code never sees them. Every state-changing call must come from our own pages
//! (an Origin or Referer check on top of SameSite=Lax cookies).
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::identity::{check_display_name, check_email, check_password, IdentityError};
use crate::model::Member;

#[server(name = SignUpCall, prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    // Mistakes in the form are not attempts: only a sign-up that could send an email counts.
    check_email(&email)
        .and_then(|_| check_password(&password))
        .and_then(|_| check_display_name(&name))
        .map_err(cookies::identity_error)?;
    cookies::throttled(&state, &email)?;
    state
        .identity
        .sign_up(&email, &password, &name)
        .await
        .map_err(cookies::identity_error)?;
    let query = super::encode_pairs(&[("email", email.trim().to_lowercase())]);
    leptos_axum::redirect(&format!("/account/confirm?{query}"));
    Ok(())
}

#[server(name = ConfirmAccountCall, prefix = "/api", endpoint = "confirm_account")]
pub async fn confirm_account(email: String, code: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    // Guessing a code is guessing a password: wrong codes count as failed sign-ins.
    cookies::counting_failures(
        &state,
        &email,
        state.identity.confirm_sign_up(&email, &code),
    )
    .await?;
    leptos_axum::redirect("/account/sign-in?confirmed=1");
    Ok(())
}

#[server(name = ResendCodeCall, prefix = "/api", endpoint = "resend_code")]
pub async fn resend_code(email: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    check_email(&email).map_err(cookies::identity_error)?;
    cookies::throttled(&state, &email)?;
    state
        .identity
        .resend_code(&email)
        .await
        .map_err(cookies::identity_error)
}

/// Signs in and sets the session cookies; answers the member and where to go next (only
/// ever a path on this site).
#[server(name = SignInCall, prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(Member, String), AppError> {
    let state = cookies::guarded()?;
    let tokens =
        cookies::counting_failures(&state, &email, state.identity.sign_in(&email, &password))
            .await?;
    let member = cookies::start_session(&state, &tokens).await?;
    let next = safe_next(next.as_deref());
    leptos_axum::redirect(&next);
    Ok((member, next))
}

/// Signs out here (revoking this device's refresh token) or, with `everywhere`, on
/// every device.
#[server(name = SignOutCall, prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out(#[server(default)] everywhere: bool) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    let jar = cookies::request_cookies();
    if everywhere {
        if let Some(access) = jar.get(cookies::ACCESS) {
            let _ = state.identity.sign_out_everywhere(access).await;
        }
    }
    if let Some(refresh) = jar.get(cookies::REFRESH) {
        let _ = state.identity.revoke_refresh_token(refresh).await;
    }
    cookies::clear_session(&state);
    leptos_axum::redirect("/");
    Ok(())
}

#[server(name = RequestPasswordResetCall, prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    check_email(&email).map_err(cookies::identity_error)?;
    cookies::throttled(&state, &email)?;
    state
        .identity
        .forgot_password(&email)
        .await
        .map_err(cookies::identity_error)?;
    let query = super::encode_pairs(&[("email", email.trim().to_lowercase())]);
    leptos_axum::redirect(&format!("/account/reset?{query}"));
    Ok(())
}

#[server(name = ResetPasswordCall, prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(email: String, code: String, password: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    cookies::counting_failures(
        &state,
        &email,
        state
            .identity
            .confirm_forgot_password(&email, &code, &password),
    )
    .await?;
    leptos_axum::redirect("/account/sign-in?reset=1");
    Ok(())
}

/// Changes the name shown on the member's reviews, and renews the session so the new
/// name shows at once.
#[server(name = UpdateProfileCall, prefix = "/api", endpoint = "update_profile")]
pub async fn update_profile(name: String) -> Result<Member, AppError> {
    let state = cookies::guarded()?;
    let jar = cookies::request_cookies();
    let (Some(access), Some(refresh)) = (jar.get(cookies::ACCESS), jar.get(cookies::REFRESH))
    else {
        return Err(cookies::identity_error(IdentityError::SessionEnded));
    };
    state
        .identity
        .update_display_name(access, &name)
        .await
        .map_err(cookies::identity_error)?;
    let tokens = state
        .identity
        .refresh(refresh)
        .await
        .map_err(cookies::identity_error)?;
    let member = cookies::start_session(&state, &tokens).await?;
    leptos_axum::redirect("/account?saved=1");
    Ok(member)
}

/// The member the request's cookies name, renewing expired tokens with the refresh
/// token; `None` when nobody is signed in (bad cookies are cleared).
#[server(name = CurrentMemberCall, prefix = "/api", endpoint = "current_member")]
pub async fn current_member() -> Result<Option<Member>, AppError> {
    cookies::member_of_request().await
}

/// Where to go after signing in: a path on this site, never another site (`//evil`,
/// `https://…`, `/\evil` are all refused for `/`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(feature = "ssr")]
pub mod cookies {
    //! The session cookies and the checks around them.
    use std::collections::HashMap;
    use std::net::{IpAddr, SocketAddr};

    use cookie::{Cookie, SameSite};
    use leptos::prelude::*;

    use crate::api::edge;
    use crate::api::throttle::{wait_in_words, Attempt};
    use crate::error::AppError;
    use crate::identity::{IdentityError, TokenProblem, Tokens};
    use crate::model::Member;
    use crate::state::AppState;

    pub const ID: &str = "seisiun_id";
    pub const ACCESS: &str = "seisiun_access";
    pub const REFRESH: &str = "seisiun_refresh";
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
        // Ours: the public origin, or the origin this request was sent to (the Host
        // header; a browser on another site sends its own Origin, which differs).
        let host = headers
            .and_then(|h| h.get(http::header::HOST))
            .and_then(|v| v.to_str().ok());
        let same_origin = |o: &str, base: &str| o == base || o.starts_with(&format!("{base}/"));
        let ours = origin.is_some_and(|o| {
            same_origin(o, &state.site_url)
                || host.is_some_and(|host| {
                    same_origin(o, &format!("http://{host}"))
                        || same_origin(o, &format!("https://{host}"))
                })
        });
        if !ours {
            tracing::warn!(origin = ?origin, "refused a cross-site account request");
            return Err(edge::respond_with(AppError::new(
                403,
                "This request did not come from a Seisiún page. Please use the site's own forms.",
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

    /// `203.0.113.7`, `203.0.113.7:4431`, `2001:db8::1`, `[2001:db8::1]:443`, or the first
    /// of a comma-separated list.
    pub fn parse_address(value: &str) -> Option<IpAddr> {
        let first = value.split(',').next()?.trim();
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
            format!(
                "Too many attempts. Please wait {} and try again.",
                wait_in_words(wait)
            ),
        ))
    }

    /// Counts an attempt that sends an email against the account's and the address's
    /// allowance.
    pub fn throttled(state: &AppState, account: &str) -> Result<(), AppError> {
        let address = client_address(state);
        state
            .throttle
            .check(Attempt::SendsEmail, account, address)
            .map_err(|wait| too_many("email", address, wait))
    }

    /// Counts a member's write (a review, a session, a report) against their and their
    /// address's allowance.
    pub fn write_allowed(state: &AppState, member: &Member) -> Result<(), AppError> {
        let address = client_address(state);
        state
            .throttle
            .check(Attempt::Write, &member.subject, address)
            .map_err(|wait| too_many("write", address, wait))
    }

    /// The signed-in member, or a 401 saying what they were trying to do.
    pub async fn signed_in(doing: &str) -> Result<Member, AppError> {
        member_of_request().await?.ok_or_else(|| {
            edge::respond_with(AppError::new(401, format!("Please sign in to {doing}.")))
        })
    }

    /// Runs a sign-in or code check unless the account or address is held back after
    /// too many failures, and counts it if it fails (a wrong password or code).
    pub async fn counting_failures<T>(
        state: &AppState,
        account: &str,
        attempt: impl std::future::Future<Output = Result<T, IdentityError>>,
    ) -> Result<T, AppError> {
        let address = client_address(state);
        state
            .throttle
            .may_try(account, address)
            .map_err(|wait| too_many("held back", address, wait))?;
        match attempt.await {
            Err(err @ (IdentityError::WrongCredentials | IdentityError::WrongCode)) => {
                state
                    .throttle
                    .check(Attempt::Failure, account, address)
                    .map_err(|wait| too_many("failure", address, wait))?;
                Err(identity_error(err))
            }
            other => other.map_err(identity_error),
        }
    }

    pub fn identity_error(err: IdentityError) -> AppError {
        let status = match &err {
            IdentityError::UserExists => 409,
            IdentityError::WeakPassword(_)
            | IdentityError::InvalidInput(_)
            | IdentityError::WrongCode
            | IdentityError::ExpiredCode => 400,
            IdentityError::NotConfirmed => 403,
            IdentityError::WrongCredentials | IdentityError::SessionEnded => 401,
            IdentityError::TooManyAttempts => 429,
            IdentityError::Unavailable(_) => 503,
        };
        edge::respond_with(AppError::new(status, err.to_string()))
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
        !(state.site_url.starts_with("http://127.0.0.1")
            || state.site_url.starts_with("http://localhost"))
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

    pub fn clear_session(state: &AppState) {
        for name in [ID, ACCESS, REFRESH] {
            add_set_cookie(session_cookie(state, name, String::new(), 0));
        }
    }

    pub async fn member_of_request() -> Result<Option<Member>, AppError> {
        let state = edge::state()?;
        let jar = request_cookies();
        let Some(id_token) = jar.get(ID) else {
            return Ok(None);
        };
        match state.tokens.member(id_token).await {
            Ok(member) => Ok(Some(member)),
            Err(TokenProblem::Expired) => {
                let renewed = match jar.get(REFRESH) {
                    Some(refresh) => state.identity.refresh(refresh).await.ok(),
                    None => None,
                };
                match renewed {
                    Some(tokens) => {
                        let member = state.tokens.member(&tokens.id_token).await.ok();
                        if member.is_some() {
                            set_session(&state, &tokens);
                        }
                        Ok(member)
                    }
                    None => {
                        clear_session(&state);
                        Ok(None)
                    }
                }
            }
            Err(TokenProblem::Invalid) => {
                clear_session(&state);
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn visitor_addresses_are_read_from_proxy_headers() {
        use cookies::parse_address;
        for (header, expected) in [
            ("203.0.113.7", "203.0.113.7"),
            ("203.0.113.7:4431", "203.0.113.7"),
            ("203.0.113.7, 10.0.0.1", "203.0.113.7"),
            ("2001:db8::1", "2001:db8::1"),
            ("[2001:db8::1]:443", "2001:db8::1"),
        ] {
            assert_eq!(
                parse_address(header).map(|ip| ip.to_string()).as_deref(),
                Some(expected),
                "{header}"
            );
        }
        assert_eq!(parse_address("not an address"), None);
    }

    #[test]
    fn only_paths_on_this_site_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/session/abc?x=1")), "/session/abc?x=1");
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            "/\n/x",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
