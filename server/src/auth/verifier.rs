//! The one JWT verifier for Cognito and the local identity provider.
//!
//! Keys come from the provider's JWKS (configured separately from the issuer), cached by
//! `kid`; an unknown `kid` triggers one re-fetch, at most once per `refetch_every`, so a
//! flood of forged tokens cannot make us hammer the provider. A token must be RS256 (the
//! allow-list: `none`, HS256 and the rest are refused before any key is used), signed by a
//! known key, from our issuer, for our app client (`aud` on ID tokens, `client_id` on
//! access tokens), of the expected `token_use`, and inside `exp`/`nbf` give or take a
//! small skew.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierSettings {
    /// `iss` exactly, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc`.
    pub issuer: String,
    /// The app client id tokens must be for.
    pub client_id: String,
    /// Clock skew allowed on `exp` and `nbf`.
    pub leeway: Duration,
    /// The least time between two JWKS fetches caused by unknown `kid`s.
    pub refetch_every: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenUse {
    Id,
    Access,
}

/// Who a verified token says the caller is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub subject: String,
    pub email: Option<String>,
    /// The member's display name (`name`), on ID tokens.
    pub name: Option<String>,
    pub groups: Vec<String>,
    /// When the token was issued (`iat`, seconds since the epoch; 0 if it says not).
    pub issued_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the token is not well formed")]
    Malformed,
    #[error("the token's algorithm is not accepted")]
    Algorithm,
    #[error("the token was signed with an unknown key")]
    UnknownKey,
    /// A `kid` not in the keys fetched less than `refetch_every` ago: perhaps a key the
    /// provider just rotated in. Not known to be bad, so nobody is signed out for it.
    #[error("the token names a key not fetched yet")]
    KeyNotYetFetched,
    #[error("the token's signature or claims are not valid: {0}")]
    Invalid(String),
    #[error("the token has expired")]
    Expired,
    #[error("the token is for another use")]
    WrongUse,
    #[error("the token is for another app client")]
    WrongClient,
    #[error("the identity provider's keys could not be fetched: {0}")]
    KeysUnavailable(String),
}

/// Where the JWKS comes from: HTTP in production, a fixed set (or a counting fake) in tests.
#[async_trait]
pub trait JwksSource: Send + Sync {
    async fn fetch(&self) -> Result<JwkSet, String>;
}

/// Fetches the JWKS over HTTP(S).
pub struct HttpJwks {
    pub url: String,
    pub client: reqwest::Client,
}

#[async_trait]
impl JwksSource for HttpJwks {
    async fn fetch(&self) -> Result<JwkSet, String> {
        let response = self
            .client
            .get(&self.url)
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("{} answered {}", self.url, response.status()));
        }
        response.json().await.map_err(|e| e.to_string())
    }
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    token_use: Option<TokenUse>,
    client_id: Option<String>,
    email: Option<String>,
    name: Option<String>,
    #[serde(rename = "cognito:groups", default)]
    groups: Vec<String>,
    #[serde(default)]
    iat: i64,
}

struct KeyCache {
    keys: HashMap<String, DecodingKey>,
    fetched_at: Option<Instant>,
    /// The last fetch failed: until the next, an unknown `kid` proves nothing.
    last_fetch_failed: bool,
}

pub struct JwtVerifier {
    settings: VerifierSettings,
    source: Box<dyn JwksSource>,
    cache: Mutex<KeyCache>,
    /// Serialises fetches so a burst of unknown kids makes one request, not many.
    fetching: tokio::sync::Mutex<()>,
}

impl JwtVerifier {
    pub fn new(settings: VerifierSettings, source: Box<dyn JwksSource>) -> Self {
        Self {
            settings,
            source,
            cache: Mutex::new(KeyCache {
                keys: HashMap::new(),
                fetched_at: None,
                last_fetch_failed: false,
            }),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn cached_key(&self, kid: &str) -> Option<DecodingKey> {
        self.cache.lock().expect("key cache").keys.get(kid).cloned()
    }

    /// The key for `kid`, fetching the JWKS when it is unknown and the last fetch is old
    /// enough.
    async fn key(&self, kid: &str) -> Result<DecodingKey, VerifyError> {
        if let Some(key) = self.cached_key(kid) {
            return Ok(key);
        }
        let _one_fetch_at_a_time = self.fetching.lock().await;
        if let Some(key) = self.cached_key(kid) {
            return Ok(key);
        }
        {
            let cache = self.cache.lock().expect("key cache");
            let recently = cache
                .fetched_at
                .is_some_and(|at| at.elapsed() < self.settings.refetch_every);
            if recently && cache.last_fetch_failed {
                return Err(VerifyError::KeysUnavailable(
                    "the last fetch failed; trying again shortly".into(),
                ));
            }
            if recently {
                return Err(VerifyError::KeyNotYetFetched);
            }
        }
        let set = self.source.fetch().await;
        let mut cache = self.cache.lock().expect("key cache");
        cache.fetched_at = Some(Instant::now());
        cache.last_fetch_failed = set.is_err();
        let set = set.map_err(VerifyError::KeysUnavailable)?;
        cache.keys = set
            .keys
            .iter()
            .filter_map(|jwk| {
                let kid = jwk.common.key_id.clone()?;
                DecodingKey::from_jwk(jwk).ok().map(|key| (kid, key))
            })
            .collect();
        cache.keys.get(kid).cloned().ok_or(VerifyError::UnknownKey)
    }

    /// Checks the token and returns who it names.
    pub async fn verify(&self, token: &str, expected: TokenUse) -> Result<Identity, VerifyError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| VerifyError::Malformed)?;
        if header.alg != Algorithm::RS256 {
            return Err(VerifyError::Algorithm);
        }
        let kid = header.kid.ok_or(VerifyError::UnknownKey)?;
        let key = self.key(&kid).await?;

        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.leeway = self.settings.leeway.as_secs();
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        match expected {
            TokenUse::Id => validation.set_audience(&[&self.settings.client_id]),
            // Cognito access tokens carry `client_id`, not `aud`: checked below.
            TokenUse::Access => validation.validate_aud = false,
        }
        let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            match e.kind() {
                ErrorKind::ExpiredSignature => VerifyError::Expired,
                ErrorKind::InvalidAudience => VerifyError::WrongClient,
                ErrorKind::InvalidAlgorithm => VerifyError::Algorithm,
                other => VerifyError::Invalid(format!("{other:?}")),
            }
        })?;
        let claims = data.claims;
        if claims.token_use != Some(expected) {
            return Err(VerifyError::WrongUse);
        }
        if expected == TokenUse::Access
            && claims.client_id.as_deref() != Some(&self.settings.client_id)
        {
            return Err(VerifyError::WrongClient);
        }
        Ok(Identity {
            subject: claims.sub,
            email: claims.email,
            name: claims.name,
            groups: claims.groups,
            issued_at: claims.iat,
        })
    }
}

#[async_trait]
impl app::identity::TokenCheck for JwtVerifier {
    async fn member(
        &self,
        id_token: &str,
    ) -> Result<app::model::Member, app::identity::TokenProblem> {
        use app::identity::TokenProblem;
        let identity = self
            .verify(id_token, TokenUse::Id)
            .await
            .map_err(|e| match e {
                VerifyError::Expired => TokenProblem::Expired,
                // We cannot tell now: keep the member's cookies and answer "try again".
                VerifyError::KeysUnavailable(_) | VerifyError::KeyNotYetFetched => {
                    tracing::warn!(error = %e, "cannot check a token now");
                    TokenProblem::Unavailable
                }
                _ => TokenProblem::Invalid,
            })?;
        let email = identity.email.unwrap_or_default();
        Ok(app::model::Member {
            // Shown on reviews and revisions: never fall back to the email address.
            name: identity
                .name
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| app::model::UNNAMED_MEMBER.to_string()),
            subject: identity.subject.into(),
            email,
            groups: identity.groups,
            issued_at: identity.issued_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use jsonwebtoken::jwk::Jwk;
    use jsonwebtoken::{EncodingKey, Header};
    use serde_json::{json, Value};

    use super::*;

    const KEY_A: &[u8] = include_bytes!("test_keys/a.pem");
    const KEY_A_PUBLIC: &[u8] = include_bytes!("test_keys/a.pub.pem");
    const KEY_B: &[u8] = include_bytes!("test_keys/b.pem");
    const ISSUER: &str = "https://idp.example/pool";
    const CLIENT: &str = "client-123";

    fn jwk(pem: &[u8], kid: &str) -> Jwk {
        let mut jwk =
            Jwk::from_encoding_key(&EncodingKey::from_rsa_pem(pem).unwrap(), Algorithm::RS256)
                .unwrap();
        jwk.common.key_id = Some(kid.to_string());
        jwk
    }

    /// Serves whatever keys the test puts in; counts fetches.
    struct FakeJwks {
        fetches: Arc<AtomicUsize>,
        keys: Arc<Mutex<Vec<Jwk>>>,
    }

    #[async_trait]
    impl JwksSource for FakeJwks {
        async fn fetch(&self) -> Result<JwkSet, String> {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            Ok(JwkSet {
                keys: self.keys.lock().unwrap().clone(),
            })
        }
    }

    type Keys = Arc<Mutex<Vec<Jwk>>>;

    fn verifier_with(
        keys: Vec<Jwk>,
        refetch_every: Duration,
    ) -> (JwtVerifier, Arc<AtomicUsize>, Keys) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let keys = Arc::new(Mutex::new(keys));
        let verifier = JwtVerifier::new(
            VerifierSettings {
                issuer: ISSUER.into(),
                client_id: CLIENT.into(),
                leeway: Duration::from_secs(30),
                refetch_every,
            },
            Box::new(FakeJwks {
                fetches: fetches.clone(),
                keys: keys.clone(),
            }),
        );
        (verifier, fetches, keys)
    }

    fn verifier() -> JwtVerifier {
        verifier_with(vec![jwk(KEY_A, "a")], Duration::from_secs(60)).0
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    fn id_claims() -> Value {
        json!({
            "sub": "user-1",
            "iss": ISSUER,
            "aud": CLIENT,
            "token_use": "id",
            "email": "a@example.org",
            "cognito:groups": ["moderators"],
            "iat": now(),
            "exp": now() + 3600,
        })
    }

    fn sign(claims: &Value, kid: &str, pem: &[u8]) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(kid.to_string());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_rsa_pem(pem).unwrap()).unwrap()
    }

    fn with(mut claims: Value, key: &str, value: Value) -> Value {
        claims[key] = value;
        claims
    }

    fn b64(bytes: &[u8]) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[tokio::test]
    async fn a_good_id_token_names_the_member_and_their_groups() {
        let identity = verifier()
            .verify(&sign(&id_claims(), "a", KEY_A), TokenUse::Id)
            .await
            .unwrap();
        assert_eq!(identity.subject, "user-1");
        assert_eq!(identity.email.as_deref(), Some("a@example.org"));
        assert_eq!(identity.groups, ["moderators"]);
    }

    #[tokio::test]
    async fn a_member_without_a_name_is_never_shown_by_their_email() {
        use app::identity::TokenCheck;
        for name in [None, Some(json!("  "))] {
            let claims = match &name {
                Some(n) => with(id_claims(), "name", n.clone()),
                None => id_claims(),
            };
            let member = verifier().member(&sign(&claims, "a", KEY_A)).await.unwrap();
            assert_eq!(member.name, app::model::UNNAMED_MEMBER, "{name:?}");
            assert_eq!(
                member.email, "a@example.org",
                "kept for the account page only"
            );
        }
    }

    #[tokio::test]
    async fn a_good_access_token_is_checked_against_client_id() {
        let access = json!({
            "sub": "user-1", "iss": ISSUER, "client_id": CLIENT, "token_use": "access",
            "exp": now() + 3600,
        });
        let v = verifier();
        assert!(v
            .verify(&sign(&access, "a", KEY_A), TokenUse::Access)
            .await
            .is_ok());
        let other = with(access, "client_id", json!("someone-else"));
        assert_eq!(
            v.verify(&sign(&other, "a", KEY_A), TokenUse::Access).await,
            Err(VerifyError::WrongClient)
        );
    }

    /// The attack matrix: every one of these is refused.
    #[tokio::test]
    async fn forged_and_misused_tokens_are_all_refused() {
        let v = verifier();
        let good = id_claims();
        let header_none = b64(br#"{"alg":"none","typ":"JWT","kid":"a"}"#);
        let payload = b64(good.to_string().as_bytes());
        let alg_none = format!("{header_none}.{payload}.");
        // HS256 "signed" with the public key, hoping a verifier uses it as an HMAC secret.
        let mut hs_header = Header::new(Algorithm::HS256);
        hs_header.kid = Some("a".into());
        let hs256 =
            jsonwebtoken::encode(&hs_header, &good, &EncodingKey::from_secret(KEY_A_PUBLIC))
                .unwrap();
        // A real token whose payload was edited after signing.
        let real = sign(&good, "a", KEY_A);
        let parts: Vec<&str> = real.split('.').collect();
        let edited = b64(with(good.clone(), "sub", json!("admin"))
            .to_string()
            .as_bytes());
        let tampered = format!("{}.{edited}.{}", parts[0], parts[2]);

        let cases: Vec<(&str, String, TokenUse, VerifyError)> = vec![
            // jsonwebtoken has no `none` algorithm at all: the header does not even parse.
            ("alg none", alg_none, TokenUse::Id, VerifyError::Malformed),
            (
                "HS256 with the public key",
                hs256,
                TokenUse::Id,
                VerifyError::Algorithm,
            ),
            (
                "expired",
                sign(&with(good.clone(), "exp", json!(now() - 3600)), "a", KEY_A),
                TokenUse::Id,
                VerifyError::Expired,
            ),
            (
                "not yet valid",
                sign(&with(good.clone(), "nbf", json!(now() + 3600)), "a", KEY_A),
                TokenUse::Id,
                VerifyError::Invalid("ImmatureSignature".into()),
            ),
            (
                "wrong issuer",
                sign(
                    &with(good.clone(), "iss", json!("https://evil.example")),
                    "a",
                    KEY_A,
                ),
                TokenUse::Id,
                VerifyError::Invalid("InvalidIssuer".into()),
            ),
            (
                "wrong audience",
                sign(
                    &with(good.clone(), "aud", json!("other-client")),
                    "a",
                    KEY_A,
                ),
                TokenUse::Id,
                VerifyError::WrongClient,
            ),
            (
                "an ID token used as an access token",
                real.clone(),
                TokenUse::Access,
                VerifyError::WrongUse,
            ),
            (
                // Refused; within a minute of the last fetch it may be a key just
                // rotated in, so it signs nobody out either.
                "unknown kid",
                sign(&good, "zzz", KEY_A),
                TokenUse::Id,
                VerifyError::KeyNotYetFetched,
            ),
            (
                "signed by another key under a known kid",
                sign(&good, "a", KEY_B),
                TokenUse::Id,
                VerifyError::Invalid("InvalidSignature".into()),
            ),
            (
                "tampered payload",
                tampered,
                TokenUse::Id,
                VerifyError::Invalid("InvalidSignature".into()),
            ),
            (
                "not a JWT",
                "not.a.token".into(),
                TokenUse::Id,
                VerifyError::Malformed,
            ),
        ];
        for (name, token, use_, expected) in cases {
            assert_eq!(v.verify(&token, use_).await, Err(expected), "{name}");
        }
    }

    #[tokio::test]
    async fn small_clock_skew_is_forgiven() {
        let just_expired = with(id_claims(), "exp", json!(now() - 10));
        assert!(verifier()
            .verify(&sign(&just_expired, "a", KEY_A), TokenUse::Id)
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn unknown_kids_refetch_the_keys_at_most_once_a_minute() {
        let (v, fetches, _) = verifier_with(vec![jwk(KEY_A, "a")], Duration::from_secs(60));
        let good = sign(&id_claims(), "a", KEY_A);
        assert!(v.verify(&good, TokenUse::Id).await.is_ok());
        assert!(v.verify(&good, TokenUse::Id).await.is_ok());
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "cached by kid");
        for _ in 0..20 {
            let forged = sign(&id_claims(), "rotated?", KEY_B);
            assert_eq!(
                v.verify(&forged, TokenUse::Id).await,
                Err(VerifyError::KeyNotYetFetched),
                "maybe just rotated in: not known to be bad yet"
            );
        }
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            1,
            "no re-fetch within the minute"
        );
    }

    #[tokio::test]
    async fn a_rotated_key_is_picked_up_by_one_refetch() {
        let (v, fetches, keys) = verifier_with(vec![jwk(KEY_A, "a")], Duration::ZERO);
        assert!(v
            .verify(&sign(&id_claims(), "a", KEY_A), TokenUse::Id)
            .await
            .is_ok());
        // The provider rotates in key b; the first token signed with it fetches once more.
        keys.lock().unwrap().push(jwk(KEY_B, "b"));
        assert!(v
            .verify(&sign(&id_claims(), "b", KEY_B), TokenUse::Id)
            .await
            .is_ok());
        assert!(v
            .verify(&sign(&id_claims(), "b", KEY_B), TokenUse::Id)
            .await
            .is_ok());
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn keys_are_fetched_over_http_and_a_failing_url_is_reported() {
        let set = JwkSet {
            keys: vec![jwk(KEY_A, "a")],
        };
        let app = axum::Router::new().route(
            "/.well-known/jwks.json",
            axum::routing::get(move || async move { axum::Json(set.clone()) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let settings = VerifierSettings {
            issuer: ISSUER.into(),
            client_id: CLIENT.into(),
            leeway: Duration::from_secs(30),
            refetch_every: Duration::from_secs(60),
        };
        let http = |path: &str| {
            Box::new(HttpJwks {
                url: format!("{base}{path}"),
                client: reqwest::Client::new(),
            })
        };
        let good = sign(&id_claims(), "a", KEY_A);
        let v = JwtVerifier::new(settings.clone(), http("/.well-known/jwks.json"));
        assert!(v.verify(&good, TokenUse::Id).await.is_ok());
        let broken = JwtVerifier::new(settings, http("/missing"));
        assert!(matches!(
            broken.verify(&good, TokenUse::Id).await,
            Err(VerifyError::KeysUnavailable(message)) if message.contains("404")
        ));
        // An outage signs nobody out: the token is not known to be bad, now or within
        // the minute before the next fetch.
        use app::identity::{TokenCheck, TokenProblem};
        for _ in 0..2 {
            assert!(matches!(
                broken.member(&good).await,
                Err(TokenProblem::Unavailable)
            ));
        }
    }
}
