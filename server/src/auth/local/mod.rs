//! The local identity provider: what Cognito does, for a machine with no AWS account.
//! Accounts live in `DATA_DIR/accounts.redb` with argon2id password hashes; confirmation
//! and reset codes go to the server log and an in-memory outbox (for a local-only page);
//! tokens are RS256 JWTs from a key pair kept in the data directory, whose JWKS the site
//! serves, so the same verifier checks these tokens and Cognito's.
mod codes;
mod secrets;
mod signing_key;
mod store;

pub use codes::SentCode;
use secrets::*;

use store::Change;

use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};

use app::identity::{
    check_display_name, check_email, check_password, IdentityError, IdentityProvider, Profile,
    Tokens,
};
use async_trait::async_trait;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, Header};
use redb::Database;
use serde_json::json;

use store::{Account, CodePurpose, RefreshGrant, ACCOUNTS, REFRESH};

/// How long ID and access tokens last; refresh tokens last 30 days.
pub const TOKEN_SECONDS: i64 = 3600;
const REFRESH_SECONDS: i64 = 30 * 24 * 3600;
/// The app client id the local provider issues tokens for.
pub const CLIENT_ID: &str = "seisiun-local";

#[derive(Clone)]
pub struct LocalIdentity {
    db: Arc<Database>,
    key: Arc<signing_key::SigningKey>,
    issuer: String,
    outbox: Arc<Mutex<VecDeque<SentCode>>>,
    /// Emails that join as moderators (`LOCAL_MODERATORS`).
    moderators: Arc<Vec<String>>,
}

fn unavailable(err: impl std::fmt::Display) -> IdentityError {
    tracing::error!(error = %err, "local identity provider failure");
    IdentityError::Unavailable(err.to_string())
}

impl LocalIdentity {
    /// Opens (or creates) the accounts file and key pair in `data_dir`. `site_url` is the
    /// issuer: the site serves the JWKS at `/.well-known/jwks.json`.
    pub fn open(data_dir: &Path, site_url: &str) -> Result<Self, String> {
        Ok(Self {
            db: Arc::new(store::open(data_dir)?),
            key: Arc::new(signing_key::SigningKey::load_or_create(data_dir)?),
            issuer: site_url.trim_end_matches('/').to_string(),
            outbox: Arc::new(Mutex::new(VecDeque::new())),
            moderators: Arc::new(Vec::new()),
        })
    }

    /// Accounts signing up with these emails join the moderators group.
    pub fn with_moderators(mut self, emails: Vec<String>) -> Self {
        self.moderators = Arc::new(emails);
        self
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn jwks(&self) -> JwkSet {
        self.key.jwks.clone()
    }

    /// Makes an account a moderator (the CLI's `grant-moderator`).
    pub async fn grant_group(&self, email: &str, group: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        let group = group.to_string();
        self.blocking(move |me| {
            me.change_account(&email, IdentityError::WrongCredentials, |account| {
                if !account.groups.contains(&group) {
                    account.groups.push(group);
                }
                Ok(())
            })
        })
        .await
    }

    /// redb and argon2 are blocking (argon2 on purpose): keep them off the async workers.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Self) -> Result<T, IdentityError> + Send + 'static,
    ) -> Result<T, IdentityError> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || work(&me))
            .await
            .map_err(unavailable)?
    }

    /// [`Self::blocking`] for work that runs argon2: each hash takes ~19 MB and a core for
    /// tens of milliseconds, so at most one per core runs at once and a burst of sign-ins
    /// waits its turn instead of exhausting memory.
    async fn hashing<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Self) -> Result<T, IdentityError> + Send + 'static,
    ) -> Result<T, IdentityError> {
        static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
        let slots = SLOTS.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            tokio::sync::Semaphore::new(cores)
        });
        let _slot = slots.acquire().await.map_err(unavailable)?;
        self.blocking(work).await
    }

    /// Changes the account in one transaction (read, change, write), so two changes at
    /// once (a name and a sign-out everywhere, say) both land. `missing` if there is none.
    fn change_account(
        &self,
        email: &str,
        missing: IdentityError,
        change: impl FnOnce(&mut Account) -> Result<(), IdentityError>,
    ) -> Result<(), IdentityError> {
        store::update(&self.db, ACCOUNTS, email, |account: Option<Account>| {
            let Some(mut account) = account else {
                return (Change::Keep, Err(missing));
            };
            match change(&mut account) {
                Ok(()) => (Change::Put(account), Ok(())),
                Err(err) => (Change::Keep, Err(err)),
            }
        })
        .map_err(unavailable)?
    }

    fn issue_tokens(&self, account: &Account, with_refresh: bool) -> Result<Tokens, IdentityError> {
        let issued = now();
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.key.kid.clone());
        let sign = |claims: serde_json::Value| {
            jsonwebtoken::encode(&header, &claims, &self.key.encoding).map_err(unavailable)
        };
        let id_token = sign(json!({
            "sub": account.subject, "iss": self.issuer, "aud": CLIENT_ID, "token_use": "id",
            "email": account.email, "name": account.display_name,
            "cognito:groups": account.groups, "iat": issued, "exp": issued + TOKEN_SECONDS,
        }))?;
        let access_token = sign(json!({
            "sub": account.subject, "iss": self.issuer, "client_id": CLIENT_ID,
            "token_use": "access", "username": account.email,
            "cognito:groups": account.groups, "iat": issued, "exp": issued + TOKEN_SECONDS,
        }))?;
        let refresh_token = if with_refresh {
            let token = random_token();
            let grant = RefreshGrant {
                email: account.email.clone(),
                generation: account.token_generation,
                expires_at: issued + REFRESH_SECONDS,
            };
            store::put(&self.db, REFRESH, &token_key(&token), &grant).map_err(unavailable)?;
            Some(token)
        } else {
            None
        };
        Ok(Tokens {
            id_token,
            access_token,
            refresh_token,
            expires_in_seconds: TOKEN_SECONDS as u64,
        })
    }

    /// The account an access token names (signature and expiry checked).
    fn account_for_access(&self, access_token: &str) -> Result<Account, IdentityError> {
        let mut validation = jsonwebtoken::Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.issuer]);
        validation.validate_aud = false;
        let key =
            jsonwebtoken::DecodingKey::from_jwk(&self.key.jwks.keys[0]).map_err(unavailable)?;
        let data = jsonwebtoken::decode::<serde_json::Value>(access_token, &key, &validation)
            .map_err(|_| IdentityError::SessionEnded)?;
        let email = data.claims["username"]
            .as_str()
            .ok_or(IdentityError::SessionEnded)?
            .to_string();
        store::get(&self.db, ACCOUNTS, &email)
            .map_err(unavailable)?
            .ok_or(IdentityError::SessionEnded)
    }
}

#[async_trait]
impl IdentityProvider for LocalIdentity {
    async fn sign_up(
        &self,
        email: &str,
        password: &str,
        display_name: &str,
    ) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        check_password(password)?;
        let display_name = check_display_name(display_name)?;
        let password = password.to_string();
        self.hashing(move |me| {
            let account = Account {
                subject: uuid::Uuid::new_v4().to_string(),
                email: email.clone(),
                display_name,
                password_hash: hash_password(&password)?,
                confirmed: false,
                groups: if me.moderators.contains(&email.to_lowercase()) {
                    vec![app::model::MODERATORS.to_string()]
                } else {
                    vec![]
                },
                token_generation: 0,
            };
            if !store::insert_new_account(&me.db, &account).map_err(unavailable)? {
                return Err(IdentityError::UserExists);
            }
            me.send_code(&email, CodePurpose::ConfirmEmail)
        })
        .await
    }

    async fn confirm_sign_up(&self, email: &str, code: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        let code = code.to_string();
        self.blocking(move |me| {
            let account: Account = store::get(&me.db, ACCOUNTS, &email)
                .map_err(unavailable)?
                .ok_or(IdentityError::WrongCode)?;
            if account.confirmed {
                return Ok(());
            }
            me.use_code(&email, &code, CodePurpose::ConfirmEmail)?;
            me.change_account(&email, IdentityError::WrongCode, |account| {
                account.confirmed = true;
                Ok(())
            })
        })
        .await
    }

    async fn resend_code(&self, email: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        self.blocking(move |me| {
            match store::get::<Account>(&me.db, ACCOUNTS, &email).map_err(unavailable)? {
                Some(account) if !account.confirmed => {
                    me.send_code(&email, CodePurpose::ConfirmEmail)
                }
                // Confirmed or unknown: nothing to send, and nothing said about which.
                _ => Ok(()),
            }
        })
        .await
    }

    async fn sign_in(&self, email: &str, password: &str) -> Result<Tokens, IdentityError> {
        let Ok(email) = check_email(email) else {
            return Err(IdentityError::WrongCredentials);
        };
        let password = password.to_string();
        self.hashing(move |me| {
            let account: Option<Account> =
                store::get(&me.db, ACCOUNTS, &email).map_err(unavailable)?;
            let Some(account) = account else {
                password_matches(&password, decoy_hash());
                return Err(IdentityError::WrongCredentials);
            };
            if !password_matches(&password, &account.password_hash) {
                return Err(IdentityError::WrongCredentials);
            }
            if !account.confirmed {
                return Err(IdentityError::NotConfirmed);
            }
            me.issue_tokens(&account, true)
        })
        .await
    }

    async fn refresh(&self, refresh_token: &str) -> Result<Tokens, IdentityError> {
        let key = token_key(refresh_token);
        self.blocking(move |me| {
            let grant: RefreshGrant = store::get(&me.db, REFRESH, &key)
                .map_err(unavailable)?
                .ok_or(IdentityError::SessionEnded)?;
            let account: Account = store::get(&me.db, ACCOUNTS, &grant.email)
                .map_err(unavailable)?
                .ok_or(IdentityError::SessionEnded)?;
            if grant.expires_at < now() || grant.generation != account.token_generation {
                store::remove(&me.db, REFRESH, &key).map_err(unavailable)?;
                return Err(IdentityError::SessionEnded);
            }
            me.issue_tokens(&account, false)
        })
        .await
    }

    async fn forgot_password(&self, email: &str) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        self.blocking(move |me| {
            if store::get::<Account>(&me.db, ACCOUNTS, &email)
                .map_err(unavailable)?
                .is_some()
            {
                me.send_code(&email, CodePurpose::ResetPassword)?;
            }
            Ok(())
        })
        .await
    }

    async fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), IdentityError> {
        let email = check_email(email)?;
        check_password(new_password)?;
        let (code, new_password) = (code.to_string(), new_password.to_string());
        self.hashing(move |me| {
            if store::get::<Account>(&me.db, ACCOUNTS, &email)
                .map_err(unavailable)?
                .is_none()
            {
                return Err(IdentityError::WrongCode);
            }
            me.use_code(&email, &code, CodePurpose::ResetPassword)?;
            // Hashed before the write transaction, which then holds no slow work.
            let password_hash = hash_password(&new_password)?;
            me.change_account(&email, IdentityError::WrongCode, |account| {
                account.password_hash = password_hash;
                // Resetting proves the email, and ends every other signed-in device.
                account.confirmed = true;
                account.token_generation += 1;
                Ok(())
            })
        })
        .await
    }

    async fn revoke_refresh_token(&self, refresh_token: &str) -> Result<(), IdentityError> {
        let key = token_key(refresh_token);
        self.blocking(move |me| store::remove(&me.db, REFRESH, &key).map_err(unavailable))
            .await
    }

    async fn sign_out_everywhere(&self, access_token: &str) -> Result<(), IdentityError> {
        let access_token = access_token.to_string();
        self.blocking(move |me| {
            let account = me.account_for_access(&access_token)?;
            me.change_account(&account.email, IdentityError::SessionEnded, |account| {
                account.token_generation += 1;
                Ok(())
            })
        })
        .await
    }

    async fn profile(&self, access_token: &str) -> Result<Profile, IdentityError> {
        let access_token = access_token.to_string();
        self.blocking(move |me| {
            let account = me.account_for_access(&access_token)?;
            Ok(Profile {
                subject: account.subject.into(),
                email: account.email,
                display_name: account.display_name,
                groups: account.groups,
            })
        })
        .await
    }

    async fn update_display_name(
        &self,
        access_token: &str,
        display_name: &str,
    ) -> Result<(), IdentityError> {
        let display_name = check_display_name(display_name)?;
        let access_token = access_token.to_string();
        self.blocking(move |me| {
            let account = me.account_for_access(&access_token)?;
            me.change_account(&account.email, IdentityError::SessionEnded, |account| {
                account.display_name = display_name;
                Ok(())
            })
        })
        .await
    }
}
