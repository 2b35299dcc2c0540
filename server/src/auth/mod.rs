//! Accounts: the identity providers (Amazon Cognito, or the local one) and the one
//! verifier of the tokens they issue.
pub mod cognito;
pub mod local;
pub mod verifier;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use app::identity::IdentityProvider;
use async_trait::async_trait;
use jsonwebtoken::jwk::JwkSet;

use crate::config::{CognitoSettings, IdentityKind, Settings};
use local::LocalIdentity;
use verifier::{HttpJwks, JwksSource, JwtVerifier, VerifierSettings};

/// The local provider's keys, read in-process rather than over HTTP from ourselves.
struct LocalJwks(JwkSet);

#[async_trait]
impl JwksSource for LocalJwks {
    async fn fetch(&self) -> Result<JwkSet, String> {
        Ok(self.0.clone())
    }
}

/// The provider members sign in with and the verifier of its tokens.
#[derive(Clone)]
pub struct Accounts {
    pub identity: Arc<dyn IdentityProvider>,
    pub verifier: Arc<JwtVerifier>,
    /// The local provider when it is the one in use (its JWKS and outbox are served).
    pub local: Option<LocalIdentity>,
}

/// Tokens may be a minute early or late; unknown keys are looked up at most once a minute.
fn verifier_settings(issuer: &str, client_id: &str) -> VerifierSettings {
    VerifierSettings {
        issuer: issuer.to_string(),
        client_id: client_id.to_string(),
        leeway: Duration::from_secs(60),
        refetch_every: Duration::from_secs(60),
    }
}

/// The local provider in `data_dir`, for the embedded default.
pub fn local_accounts(data_dir: &Path, site_url: &str) -> Result<Accounts, String> {
    let identity = LocalIdentity::open(data_dir, site_url)?;
    let verifier = JwtVerifier::new(
        verifier_settings(identity.issuer(), local::CLIENT_ID),
        Box::new(LocalJwks(identity.jwks())),
    );
    Ok(Accounts {
        identity: Arc::new(identity.clone()),
        verifier: Arc::new(verifier),
        local: Some(identity),
    })
}

impl Accounts {
    /// Makes the local provider give these emails the moderators group at sign-up.
    fn with_local_moderators(mut self, emails: &[String]) -> Self {
        if let Some(local) = self.local.take() {
            let local = local.with_moderators(emails.to_vec());
            self.identity = Arc::new(local.clone());
            self.local = Some(local);
        }
        self
    }
}

/// A Cognito user pool's app client, with its keys fetched from `jwks_url`.
pub async fn cognito_accounts(settings: &CognitoSettings) -> Accounts {
    let verifier = JwtVerifier::new(
        verifier_settings(&settings.issuer, &settings.client_id),
        Box::new(HttpJwks {
            url: settings.jwks_url.clone(),
            client: reqwest::Client::new(),
        }),
    );
    Accounts {
        identity: Arc::new(cognito::CognitoIdentity::new(settings).await),
        verifier: Arc::new(verifier),
        local: None,
    }
}

pub async fn accounts(settings: &Settings) -> Result<Accounts, String> {
    match &settings.identity {
        IdentityKind::Local => local_accounts(&settings.data_dir, &settings.site_url)
            .map(|accounts| accounts.with_local_moderators(&settings.local_moderators)),
        IdentityKind::Cognito(cognito) => Ok(cognito_accounts(cognito).await),
    }
}
