//! The identity port on Amazon Cognito: a public app client (no secret) of a user pool
//! whose username is the email address. Sign-in uses USER_PASSWORD_AUTH over TLS; the
//! password never touches our logs or store.
use std::time::Duration;

use app::identity::{
    check_display_name, check_email, check_password, IdentityError, IdentityProvider, Profile,
    Tokens,
};
use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::types::{AttributeType, AuthFlowType};
use aws_sdk_cognitoidentityprovider::Client;

use crate::config::CognitoSettings;

#[derive(Clone)]
pub struct CognitoIdentity {
    client: Client,
    client_id: String,
}

/// What the call was doing, which decides how some of Cognito's errors read to a member
/// (an unknown user is "wrong email or password" at sign-in, but silence for a reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    SignUp,
    Confirm,
    Resend,
    SignIn,
    Refresh,
    Forgot,
    Reset,
    SignedIn,
}

/// Cognito's error code (and message, for a refused password) in the port's words.
pub fn classify(call: Call, code: Option<&str>, message: Option<&str>) -> IdentityError {
    use IdentityError::*;
    match code.unwrap_or_default() {
        "UsernameExistsException" | "AliasExistsException" => UserExists,
        "InvalidPasswordException" => WeakPassword(app::t!(
            app::i18n::use_lang(),
            "identity-stronger-password",
            detail = message.unwrap_or("this one does not meet the password rules.")
        )),
        "CodeMismatchException" => WrongCode,
        "ExpiredCodeException" => ExpiredCode,
        "UserNotConfirmedException" => NotConfirmed,
        "TooManyRequestsException"
        | "TooManyFailedAttemptsException"
        | "LimitExceededException" => TooManyAttempts,
        "PasswordResetRequiredException" => {
            InvalidInput(app::t!(app::i18n::use_lang(), "identity-reset-required"))
        }
        "UserNotFoundException" | "NotAuthorizedException" => match call {
            Call::SignIn => WrongCredentials,
            Call::Confirm | Call::Reset => WrongCode,
            Call::Refresh | Call::SignedIn => SessionEnded,
            Call::SignUp | Call::Resend | Call::Forgot => {
                Unavailable(format!("{code:?} during {call:?}"))
            }
        },
        "InvalidParameterException" => {
            InvalidInput(app::t!(app::i18n::use_lang(), "identity-check-input"))
        }
        other => Unavailable(format!("{other}: {}", message.unwrap_or_default())),
    }
}

fn failure<E: ProvideErrorMetadata + std::fmt::Debug>(
    call: Call,
    err: SdkError<E>,
) -> IdentityError {
    let classified = match err.as_service_error() {
        Some(service) => classify(call, service.code(), service.message()),
        None => IdentityError::Unavailable(format!("{err:?}")),
    };
    if let IdentityError::Unavailable(detail) = &classified {
        tracing::error!(?call, detail, "Cognito call failed");
    }
    classified
}

/// A call whose listed failures are not the member's business (an unknown account, so
/// nobody learns which emails have one): those are success too.
fn quietly<T, E: ProvideErrorMetadata + std::fmt::Debug>(
    call: Call,
    result: Result<T, SdkError<E>>,
    silent: &[&str],
) -> Result<(), IdentityError> {
    match result {
        Ok(_) => Ok(()),
        Err(err)
            if err
                .as_service_error()
                .and_then(|e| e.code())
                .is_some_and(|code| silent.contains(&code)) =>
        {
            Ok(())
        }
        Err(err) => Err(failure(call, err)),
    }
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("name is set")
}

impl CognitoIdentity {
    pub async fn new(settings: &CognitoSettings) -> Self {
        let shared = crate::aws::sdk_config(
            settings.endpoint.as_deref(),
            Some(&settings.region),
            Duration::from_secs(3),
        )
        .await;
        Self {
            client: Client::new(&shared),
            client_id: settings.client_id.clone(),
        }
    }

    async fn authenticate(
        &self,
        call: Call,
        flow: AuthFlowType,
        parameters: [(&str, &str); 2],
    ) -> Result<Tokens, IdentityError> {
        let mut request = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(flow);
        for (name, value) in parameters.into_iter().filter(|(name, _)| !name.is_empty()) {
            request = request.auth_parameters(name, value);
        }
        let output = request.send().await.map_err(|e| failure(call, e))?;
        let Some(result) = output.authentication_result() else {
            // A challenge (MFA, a forced new password) this site does not offer yet.
            let challenge = output.challenge_name().map(|c| c.as_str().to_string());
            tracing::warn!(
                ?challenge,
                "Cognito asked for a challenge we do not support"
            );
            return Err(IdentityError::InvalidInput(app::t!(
                app::i18n::use_lang(),
                "identity-unsupported-step"
            )));
        };
        match (result.id_token(), result.access_token()) {
            (Some(id), Some(access)) => Ok(Tokens {
                id_token: id.to_string(),
                access_token: access.to_string(),
                refresh_token: result.refresh_token().map(str::to_string),
                expires_in_seconds: result.expires_in().max(0) as u64,
            }),
            _ => Err(IdentityError::Unavailable(
                "Cognito answered without tokens".into(),
            )),
        }
    }
}

#[async_trait]
impl IdentityProvider for CognitoIdentity {
    async fn sign_up(
        &self,
        email: &str,
        password: &str,
        display_name: &str,
    ) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        check_password(password)?;
        let display_name = check_display_name(display_name)?;
        self.client
            .sign_up()
            .client_id(&self.client_id)
            .username(&email)
            .password(password)
            .user_attributes(attribute("email", &email))
            .user_attributes(attribute("name", &display_name))
            .send()
            .await
            .map_err(|e| failure(Call::SignUp, e))?;
        Ok(())
    }

    async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        self.client
            .confirm_sign_up()
            .client_id(&self.client_id)
            .username(&email)
            .confirmation_code(code.trim())
            .send()
            .await
            .map_err(|e| failure(Call::Confirm, e))?;
        Ok(())
    }

    async fn resend_code(&self, email: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        let sent = self
            .client
            .resend_confirmation_code()
            .client_id(&self.client_id)
            .username(&email)
            .send()
            .await;
        // Unknown or already confirmed: nothing is said about which.
        quietly(
            Call::Resend,
            sent,
            &["UserNotFoundException", "InvalidParameterException"],
        )
    }

    async fn sign_in(&self, email: &str, password: &str) -> Result<Tokens, IdentityError> {
        let Ok(email) = check_email(email) else {
            return Err(IdentityError::WrongCredentials);
        };
        self.authenticate(
            Call::SignIn,
            AuthFlowType::UserPasswordAuth,
            [("USERNAME", &email), ("PASSWORD", password)],
        )
        .await
    }

    async fn refresh(&self, refresh_token: &str) -> Result<Tokens, IdentityError> {
        self.authenticate(
            Call::Refresh,
            AuthFlowType::RefreshTokenAuth,
            [("REFRESH_TOKEN", refresh_token), ("", "")],
        )
        .await
    }

    async fn forgot_password(&self, email: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        let sent = self
            .client
            .forgot_password()
            .client_id(&self.client_id)
            .username(&email)
            .send()
            .await;
        // Says nothing about whether the account exists.
        quietly(Call::Forgot, sent, &["UserNotFoundException"])
    }

    async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        check_password(new_password)?;
        self.client
            .confirm_forgot_password()
            .client_id(&self.client_id)
            .username(&email)
            .confirmation_code(code.trim())
            .password(new_password)
            .send()
            .await
            .map_err(|e| failure(Call::Reset, e))?;
        Ok(())
    }

    async fn revoke_refresh_token(&self, refresh_token: &str) -> Result<(), IdentityError> {
        self.client
            .revoke_token()
            .client_id(&self.client_id)
            .token(refresh_token)
            .send()
            .await
            .map_err(|e| failure(Call::SignedIn, e))?;
        Ok(())
    }

    async fn sign_out_everywhere(&self, access_token: &str) -> Result<(), IdentityError> {
        self.client
            .global_sign_out()
            .access_token(access_token)
            .send()
            .await
            .map_err(|e| failure(Call::SignedIn, e))?;
        Ok(())
    }

    async fn profile(&self, access_token: &str) -> Result<Profile, IdentityError> {
        let user = self
            .client
            .get_user()
            .access_token(access_token)
            .send()
            .await
            .map_err(|e| failure(Call::SignedIn, e))?;
        let value = |name: &str| {
            user.user_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .unwrap_or_default()
                .to_string()
        };
        Ok(Profile {
            subject: value("sub").into(),
            email: value("email"),
            display_name: value("name"),
            // Cognito does not list groups here; they arrive in tokens (`cognito:groups`).
            groups: vec![],
        })
    }

    async fn update_display_name(
        &self,
        access_token: &str,
        display_name: &str,
    ) -> Result<(), IdentityError> {
        let display_name = check_display_name(display_name)?;
        self.client
            .update_user_attributes()
            .access_token(access_token)
            .user_attributes(attribute("name", &display_name))
            .send()
            .await
            .map_err(|e| failure(Call::SignedIn, e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognito_errors_read_as_the_port_says() {
        use IdentityError::*;
        let cases = [
            (Call::SignUp, "UsernameExistsException", UserExists),
            (Call::Confirm, "CodeMismatchException", WrongCode),
            (Call::Reset, "ExpiredCodeException", ExpiredCode),
            (Call::SignIn, "UserNotConfirmedException", NotConfirmed),
            (Call::SignIn, "NotAuthorizedException", WrongCredentials),
            (Call::SignIn, "UserNotFoundException", WrongCredentials),
            (Call::SignIn, "TooManyRequestsException", TooManyAttempts),
            (Call::Resend, "LimitExceededException", TooManyAttempts),
            (Call::Refresh, "NotAuthorizedException", SessionEnded),
            (Call::SignedIn, "NotAuthorizedException", SessionEnded),
            (Call::Confirm, "UserNotFoundException", WrongCode),
        ];
        for (call, code, expected) in cases {
            assert_eq!(
                classify(call, Some(code), None),
                expected,
                "{call:?} {code}"
            );
        }
    }

    #[test]
    fn a_refused_password_says_why_and_unknown_errors_are_unavailable() {
        let weak = classify(
            Call::SignUp,
            Some("InvalidPasswordException"),
            Some("Password must have symbol characters"),
        );
        assert!(weak.to_string().contains("symbol characters"), "{weak}");
        assert!(matches!(
            classify(Call::SignIn, Some("InternalErrorException"), None),
            IdentityError::Unavailable(_)
        ));
        assert!(matches!(
            classify(Call::SignIn, None, None),
            IdentityError::Unavailable(_)
        ));
    }

    #[test]
    fn sign_in_never_says_which_of_email_or_password_was_wrong() {
        let unknown = classify(Call::SignIn, Some("UserNotFoundException"), None);
        let wrong = classify(Call::SignIn, Some("NotAuthorizedException"), None);
        assert_eq!(unknown.to_string(), wrong.to_string());
    }
}
