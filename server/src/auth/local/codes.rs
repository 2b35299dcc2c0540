//! One-time codes (confirm an email, reset a password): kept in the accounts file, "sent"
//! to the server log and an in-memory outbox, since a local machine has no mail server.
use app::identity::IdentityError;

use super::secrets::{now, random_code};
use super::store::{self, Change, CodePurpose, OneTimeCode, CODES};
use super::{unavailable, LocalIdentity};

const CODE_SECONDS: i64 = 24 * 3600;
/// Wrong guesses before a code stops working.
const CODE_ATTEMPTS: u32 = 5;
/// How many sent messages the outbox keeps.
pub(super) const OUTBOX_SIZE: usize = 50;

/// A message the local provider "sent": shown in the log and on the local outbox page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentCode {
    pub email: String,
    pub purpose: &'static str,
    pub code: String,
}

impl LocalIdentity {
    /// The codes "sent" lately, newest first (for the local-only outbox page).
    pub fn outbox(&self) -> Vec<SentCode> {
        self.outbox
            .lock()
            .expect("outbox")
            .iter()
            .cloned()
            .collect()
    }

    pub(super) fn send_code(&self, email: &str, purpose: CodePurpose) -> Result<(), IdentityError> {
        let code = OneTimeCode {
            code: random_code(),
            purpose,
            expires_at: now() + CODE_SECONDS,
            wrong_attempts: 0,
        };
        store::put(&self.db, CODES, email, &code).map_err(unavailable)?;
        let purpose = match purpose {
            CodePurpose::ConfirmEmail => "confirm your email",
            CodePurpose::ResetPassword => "reset your password",
        };
        // Local only: there is no mail server, so the code goes to the log and the outbox.
        tracing::info!(email, purpose, code = %code.code, "local identity provider code");
        let mut outbox = self.outbox.lock().expect("outbox");
        outbox.push_front(SentCode {
            email: email.to_string(),
            purpose,
            code: code.code,
        });
        outbox.truncate(OUTBOX_SIZE);
        Ok(())
    }

    /// Checks a code and counts a wrong guess in the same transaction, so guesses sent
    /// together each see the others' count; a right code is used up, and one guessed
    /// wrong [`CODE_ATTEMPTS`] times is burnt (a new one must be sent).
    pub(super) fn use_code(
        &self,
        email: &str,
        code: &str,
        purpose: CodePurpose,
    ) -> Result<(), IdentityError> {
        let now = now();
        store::update(&self.db, CODES, email, |stored: Option<OneTimeCode>| {
            let Some(mut stored) = stored.filter(|c| c.purpose == purpose) else {
                return (Change::Keep, Err(IdentityError::WrongCode));
            };
            if stored.expires_at < now {
                return (Change::Remove, Err(IdentityError::ExpiredCode));
            }
            // Burnt: never compared again, and the member is told to ask for a new one.
            if stored.wrong_attempts >= CODE_ATTEMPTS {
                return (Change::Keep, Err(IdentityError::TooManyAttempts));
            }
            if stored.code != code.trim() {
                stored.wrong_attempts += 1;
                return (Change::Put(stored), Err(IdentityError::WrongCode));
            }
            (Change::Remove, Ok(()))
        })
        .map_err(unavailable)?
    }
}
