//! The identity port: what the site needs from an identity provider, in its own words.
//! Adapters live in `server`: Amazon Cognito in AWS, and a local provider (accounts in the
//! data directory) for the embedded default. Both issue RS256 JWTs that the one verifier
//! (`server::auth::verifier`) checks.
use async_trait::async_trait;

/// What a successful sign-in (or refresh) hands back. Tokens stay on the server: the
/// browser only ever holds them in HttpOnly cookies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub id_token: String,
    pub access_token: String,
    /// Absent on refresh when the provider keeps the old one valid.
    pub refresh_token: Option<String>,
    pub expires_in_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub subject: crate::model::MemberId,
    pub email: String,
    pub display_name: String,
    pub groups: Vec<String>,
}

/// Every failure a member can meet, each with a message that says what to do. Sign-in
/// failures never say whether the email or the password was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("An account with that email already exists. Sign in, or reset your password.")]
    UserExists,
    #[error("{0}")]
    WeakPassword(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("That code is not right. Check the latest email we sent, or ask for a new code.")]
    WrongCode,
    #[error("That code has expired. Ask for a new one.")]
    ExpiredCode,
    #[error("Please confirm your email first: enter the code we sent you.")]
    NotConfirmed,
    #[error("That email and password do not match an account.")]
    WrongCredentials,
    #[error("Too many attempts. Please wait a few minutes and try again.")]
    TooManyAttempts,
    #[error("Your session has ended. Please sign in again.")]
    SessionEnded,
    #[error("Signing in is not available right now. Please try again in a moment.")]
    Unavailable(String),
}

/// The smallest password we accept, as Cognito's default policy does.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Checks a new password against the policy both providers apply: at least 8 characters
/// with a lower-case letter, an upper-case letter and a digit.
pub fn check_password(password: &str) -> Result<(), IdentityError> {
    let lang = crate::i18n::use_lang();
    let mut missing = Vec::new();
    if password.chars().count() < MIN_PASSWORD_CHARS {
        missing.push(crate::t!(
            lang,
            "password-needs-length",
            count = MIN_PASSWORD_CHARS
        ));
    }
    if !password.chars().any(|c| c.is_lowercase()) {
        missing.push(crate::t!(lang, "password-needs-lower"));
    }
    if !password.chars().any(|c| c.is_uppercase()) {
        missing.push(crate::t!(lang, "password-needs-upper"));
    }
    if !password.chars().any(|c| c.is_ascii_digit()) {
        missing.push(crate::t!(lang, "password-needs-digit"));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(IdentityError::WeakPassword(crate::t!(
            lang,
            "password-needs",
            what = missing.join(", ")
        )))
    }
}

/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 60;

/// A display name as shown on reviews: trimmed, 1 to 60 characters, no control characters.
pub fn check_display_name(name: &str) -> Result<String, IdentityError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_DISPLAY_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(IdentityError::InvalidInput(crate::t!(
            crate::i18n::use_lang(),
            "error-display-name",
            max = MAX_DISPLAY_NAME_CHARS
        )));
    }
    Ok(name.to_string())
}

/// A plausible email address: one `@`, something either side, a dot in the domain.
pub fn check_email(email: &str) -> Result<String, IdentityError> {
    let email = email.trim().to_lowercase();
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.contains(char::is_whitespace)
        && email.matches('@').count() == 1;
    if valid {
        Ok(email)
    } else {
        Err(IdentityError::InvalidInput(crate::t!(
            crate::i18n::use_lang(),
            "error-email-shape"
        )))
    }
}

#[async_trait]
pub trait IdentityProvider: Send + Sync + 'static {
    /// Creates an unconfirmed account and sends a confirmation code.
    async fn sign_up(
        &self,
        email: &str,
        password: &str,
        display_name: &str,
    ) -> Result<(), IdentityError>;
    async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), IdentityError>;
    async fn resend_code(&self, email: &str) -> Result<(), IdentityError>;
    async fn sign_in(&self, email: &str, password: &str) -> Result<Tokens, IdentityError>;
    async fn refresh(&self, refresh_token: &str) -> Result<Tokens, IdentityError>;
    /// Sends a reset code; says nothing about whether the account exists.
    async fn forgot_password(&self, email: &str) -> Result<(), IdentityError>;
    async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), IdentityError>;
    /// Revokes one refresh token (signing out on this device).
    async fn revoke_refresh_token(&self, refresh_token: &str) -> Result<(), IdentityError>;
    /// Revokes every refresh token of the account the access token belongs to.
    async fn sign_out_everywhere(&self, access_token: &str) -> Result<(), IdentityError>;
    async fn profile(&self, access_token: &str) -> Result<Profile, IdentityError>;
    /// Changes the name shown on the member's reviews. New ID tokens (from `refresh`)
    /// carry it; ones already issued keep the old name until they are renewed.
    async fn update_display_name(
        &self,
        access_token: &str,
        display_name: &str,
    ) -> Result<(), IdentityError>;
}

/// Why an ID token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// Genuine but past its time: a refresh may renew it.
    Expired,
    /// Anything else: forged, for another client, unknown key. Sign in again.
    Invalid,
    /// Cannot be checked right now (the provider's keys could not be fetched, or a key
    /// too new to know yet): neither a member nor a reason to sign anyone out.
    Unavailable,
}

/// Turns an ID token into the member it names (implemented by the server's JWT verifier).
#[async_trait]
pub trait TokenCheck: Send + Sync + 'static {
    async fn member(&self, id_token: &str) -> Result<crate::model::Member, TokenProblem>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_told_what_they_lack() {
        assert!(check_password("Fiddle2026").is_ok());
        let err = check_password("fiddle").unwrap_err().to_string();
        assert!(err.contains("at least 8 characters"), "{err}");
        assert!(
            err.contains("an upper-case letter") && err.contains("a digit"),
            "{err}"
        );
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(
            check_display_name("  Máire Ní Bhriain ").unwrap(),
            "Máire Ní Bhriain"
        );
        assert_eq!(
            check_display_name(&"é".repeat(60)).unwrap().chars().count(),
            60
        );
        for bad in ["", "   ", "a\u{7}b"] {
            assert!(check_display_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_display_name(&"é".repeat(61)).is_err());
    }

    #[test]
    fn emails_are_trimmed_lower_cased_and_checked() {
        assert_eq!(
            check_email("  Máire@Example.ORG ").unwrap(),
            "máire@example.org"
        );
        for bad in [
            "",
            "no-at.example",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "@x.org",
            "a@.org",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
