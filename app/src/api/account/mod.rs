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
        .and_then(|_| check_display_name(&name))?;
    cookies::throttled(&state, &email).await?;
    state.identity.sign_up(&email, &password, &name).await?;
    let query = super::encode_pairs(&[("email", email.trim().to_lowercase())]);
    crate::api::edge::redirect_to(&format!("/account/confirm?{query}"));
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
    crate::api::edge::redirect_to("/account/sign-in?confirmed=1");
    Ok(())
}

#[server(name = ResendCodeCall, prefix = "/api", endpoint = "resend_code")]
pub async fn resend_code(email: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    check_email(&email)?;
    cookies::throttled(&state, &email).await?;
    state.identity.resend_code(&email).await?;
    // Back to the form, which says a code is on its way.
    let query = super::encode_pairs(&[("email", email.trim().to_lowercase())]);
    crate::api::edge::redirect_to(&format!("/account/confirm?{query}&resent=1"));
    Ok(())
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
    crate::api::edge::redirect_to(&next);
    Ok((member, next))
}

/// Signs out here (revoking this device's refresh token) or, with `everywhere`, on
/// every device.
#[server(name = SignOutCall, prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out(#[server(default)] everywhere: bool) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    let jar = cookies::request_cookies();
    if everywhere {
        sign_out_everywhere(&state, &jar).await?;
    }
    if let Some(refresh) = jar.get(cookies::REFRESH) {
        let _ = state.identity.revoke_refresh_token(refresh).await;
    }
    cookies::clear_session(&state);
    // The fragment never reaches a server or a cache: it tells this browser's service
    // worker registration (public/sw-register.js) to drop the pages kept for offline
    // reading, so the next person on a shared phone cannot read them.
    crate::api::edge::redirect_to(SIGNED_OUT_HOME);
    Ok(())
}

/// Where signing out lands.
pub const SIGNED_OUT_HOME: &str = "/#signed-out";

/// Ends every sign-in of the member: in the store (so no token issued before now passes a
/// write), and at the provider (so no refresh token makes new ones), renewing an expired
/// access token first. If the provider cannot be reached, nothing is cleared and the
/// member is told to try again: the promise is never silently broken.
#[cfg(feature = "ssr")]
async fn sign_out_everywhere(
    state: &crate::state::AppState,
    jar: &std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    let member = cookies::member_of_request()
        .await?
        .ok_or_else(|| AppError::from(IdentityError::SessionEnded))?;
    state
        .store
        .end_sign_ins(&member.email.to_lowercase(), chrono::Utc::now())
        .await?;
    let signed_out = match jar.get(cookies::ACCESS) {
        Some(access) => state.identity.sign_out_everywhere(access).await,
        None => Err(IdentityError::SessionEnded),
    };
    if let Err(IdentityError::SessionEnded) = signed_out {
        // The access token expired (it lives an hour): renew it, then sign out with it.
        let refresh = jar
            .get(cookies::REFRESH)
            .ok_or_else(|| AppError::from(IdentityError::SessionEnded))?;
        let tokens = state.identity.refresh(refresh).await?;
        state
            .identity
            .sign_out_everywhere(&tokens.access_token)
            .await?;
    } else {
        signed_out?;
    }
    Ok(())
}

#[server(name = RequestPasswordResetCall, prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = cookies::guarded()?;
    check_email(&email)?;
    cookies::throttled(&state, &email).await?;
    state.identity.forgot_password(&email).await?;
    let query = super::encode_pairs(&[("email", email.trim().to_lowercase())]);
    crate::api::edge::redirect_to(&format!("/account/reset?{query}"));
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
    // A new password ends every sign-in made with the old one.
    state
        .store
        .end_sign_ins(&email.trim().to_lowercase(), chrono::Utc::now())
        .await?;
    crate::api::edge::redirect_to("/account/sign-in?reset=1");
    Ok(())
}

/// Changes the name shown on the member's reviews, and renews the session so the new
/// name shows at once.
#[server(name = UpdateProfileCall, prefix = "/api", endpoint = "update_profile")]
pub async fn update_profile(name: String) -> Result<Member, AppError> {
    let (state, _) = crate::api::guard::writer("change your name").await?;
    let jar = cookies::request_cookies();
    let (Some(access), Some(refresh)) = (jar.get(cookies::ACCESS), jar.get(cookies::REFRESH))
    else {
        return Err(AppError::from(IdentityError::SessionEnded));
    };
    state.identity.update_display_name(access, &name).await?;
    let tokens = state.identity.refresh(refresh).await?;
    let member = cookies::start_session(&state, &tokens).await?;
    crate::api::edge::redirect_to("/account?saved=1");
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
pub mod cookies;

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
            // A client can write anything before the hop our proxy appended.
            ("6.6.6.6, 203.0.113.7", "203.0.113.7"),
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
