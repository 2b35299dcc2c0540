//! Accounts: the identity providers (the local one for now; Cognito joins it) and the one
//! verifier of the tokens they issue.
pub mod local;
pub mod verifier;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jsonwebtoken::jwk::JwkSet;

use local::LocalIdentity;
use verifier::{JwksSource, JwtVerifier, VerifierSettings};

/// The local provider's keys, read in-process rather than over HTTP from ourselves.
struct LocalJwks(JwkSet);

#[async_trait]
impl JwksSource for LocalJwks {
    async fn fetch(&self) -> Result<JwkSet, String> {
        Ok(self.0.clone())
    }
}

/// Accounts for the embedded default: the local provider in `data_dir` and a verifier
/// for its tokens.
pub struct LocalAccounts {
    pub identity: LocalIdentity,
    pub verifier: Arc<JwtVerifier>,
}

pub fn local_accounts(data_dir: &Path, site_url: &str) -> Result<LocalAccounts, String> {
    let identity = LocalIdentity::open(data_dir, site_url)?;
    let verifier = JwtVerifier::new(
        VerifierSettings {
            issuer: identity.issuer().to_string(),
            client_id: local::CLIENT_ID.to_string(),
            leeway: Duration::from_secs(60),
            refetch_every: Duration::from_secs(60),
        },
        Box::new(LocalJwks(identity.jwks())),
    );
    Ok(LocalAccounts {
        identity,
        verifier: Arc::new(verifier),
    })
}
