//! The local identity provider, flow by flow, with its tokens checked by the same verifier
//! that checks Cognito's.
use std::time::Duration;

use app::identity::{IdentityError, IdentityProvider};
use async_trait::async_trait;
use jsonwebtoken::jwk::JwkSet;
use server::auth::local::{LocalIdentity, CLIENT_ID};
use server::auth::verifier::{JwksSource, JwtVerifier, TokenUse, VerifierSettings};

const EMAIL: &str = "maire@example.org";
const PASSWORD: &str = "Reels4Ever";

struct Fixed(JwkSet);

#[async_trait]
impl JwksSource for Fixed {
    async fn fetch(&self) -> Result<JwkSet, String> {
        Ok(self.0.clone())
    }
}

fn verifier_for(idp: &LocalIdentity) -> JwtVerifier {
    JwtVerifier::new(
        VerifierSettings {
            issuer: idp.issuer().to_string(),
            client_id: CLIENT_ID.to_string(),
            leeway: Duration::from_secs(30),
            refetch_every: Duration::from_secs(60),
        },
        Box::new(Fixed(idp.jwks())),
    )
}

fn latest_code(idp: &LocalIdentity) -> String {
    idp.outbox().first().expect("a code was sent").code.clone()
}

async fn signed_up(idp: &LocalIdentity) {
    idp.sign_up(EMAIL, PASSWORD, "Máire").await.unwrap();
    let code = latest_code(idp);
    idp.confirm_sign_up(EMAIL, &code).await.unwrap();
}

fn open(dir: &std::path::Path) -> LocalIdentity {
    LocalIdentity::open(dir, "http://127.0.0.1:3000").unwrap()
}

#[tokio::test]
async fn sign_up_confirm_and_sign_in_give_tokens_the_verifier_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    idp.sign_up(" Maire@Example.org ", PASSWORD, "Máire")
        .await
        .unwrap();
    assert_eq!(
        idp.sign_in(EMAIL, PASSWORD).await,
        Err(IdentityError::NotConfirmed)
    );
    let sent = idp.outbox();
    assert_eq!(sent[0].email, EMAIL);
    assert_eq!(sent[0].code.len(), 6);
    assert_eq!(
        idp.confirm_sign_up(EMAIL, "000000x").await,
        Err(IdentityError::WrongCode)
    );
    idp.confirm_sign_up(EMAIL, &sent[0].code).await.unwrap();

    let tokens = idp.sign_in(EMAIL, PASSWORD).await.unwrap();
    let verifier = verifier_for(&idp);
    let id = verifier
        .verify(&tokens.id_token, TokenUse::Id)
        .await
        .unwrap();
    assert_eq!(id.email.as_deref(), Some(EMAIL));
    let access = verifier
        .verify(&tokens.access_token, TokenUse::Access)
        .await
        .unwrap();
    assert_eq!(access.subject, id.subject);
    let profile = idp.profile(&tokens.access_token).await.unwrap();
    assert_eq!(profile.display_name, "Máire");
}

#[tokio::test]
async fn bad_sign_ups_and_sign_ins_say_what_is_wrong_and_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    assert!(matches!(
        idp.sign_up(EMAIL, "short", "Máire").await,
        Err(IdentityError::WeakPassword(_))
    ));
    assert!(matches!(
        idp.sign_up("not-an-email", PASSWORD, "Máire").await,
        Err(IdentityError::InvalidInput(_))
    ));
    signed_up(&idp).await;
    assert_eq!(
        idp.sign_up(EMAIL, PASSWORD, "Other").await,
        Err(IdentityError::UserExists)
    );
    // A wrong password and an unknown email read exactly the same.
    let wrong_password = idp.sign_in(EMAIL, "Wrong1234").await.unwrap_err();
    let unknown = idp
        .sign_in("nobody@example.org", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(wrong_password, unknown);
    assert_eq!(
        wrong_password.to_string(),
        "That email and password do not match an account."
    );
}

#[tokio::test]
async fn codes_stop_working_after_five_wrong_guesses() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    idp.sign_up(EMAIL, PASSWORD, "Máire").await.unwrap();
    let code = latest_code(&idp);
    for _ in 0..5 {
        assert_eq!(
            idp.confirm_sign_up(EMAIL, "999999x").await,
            Err(IdentityError::WrongCode)
        );
    }
    assert_eq!(
        idp.confirm_sign_up(EMAIL, &code).await,
        Err(IdentityError::TooManyAttempts)
    );
    idp.resend_code(EMAIL).await.unwrap();
    idp.confirm_sign_up(EMAIL, &latest_code(&idp))
        .await
        .unwrap();
}

/// Wrong guesses sent together are each counted (read and written in one transaction):
/// after fifty at once the right code no longer works.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_wrong_codes_are_all_counted() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    idp.sign_up(EMAIL, PASSWORD, "Máire").await.unwrap();
    let code = latest_code(&idp);
    let guesses: Vec<_> = (0..50)
        .map(|n| {
            let idp = idp.clone();
            tokio::spawn(async move { idp.confirm_sign_up(EMAIL, &format!("{n:06}x")).await })
        })
        .collect();
    let mut wrong = 0;
    for guess in guesses {
        if guess.await.unwrap() == Err(IdentityError::WrongCode) {
            wrong += 1;
        }
    }
    assert_eq!(
        wrong, 5,
        "exactly five were compared; the rest were refused unchecked"
    );
    assert_eq!(
        idp.confirm_sign_up(EMAIL, &code).await,
        Err(IdentityError::TooManyAttempts)
    );
}

#[tokio::test]
async fn refresh_works_until_signing_out_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    signed_up(&idp).await;
    let tokens = idp.sign_in(EMAIL, PASSWORD).await.unwrap();
    let refresh = tokens.refresh_token.clone().unwrap();
    let renewed = idp.refresh(&refresh).await.unwrap();
    assert!(verifier_for(&idp)
        .verify(&renewed.id_token, TokenUse::Id)
        .await
        .is_ok());
    idp.sign_out_everywhere(&tokens.access_token).await.unwrap();
    assert_eq!(
        idp.refresh(&refresh).await,
        Err(IdentityError::SessionEnded)
    );
    assert_eq!(
        idp.refresh("made-up").await,
        Err(IdentityError::SessionEnded)
    );
}

#[tokio::test]
async fn a_password_reset_replaces_the_password_and_ends_other_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let idp = open(dir.path());
    signed_up(&idp).await;
    let old_refresh = idp
        .sign_in(EMAIL, PASSWORD)
        .await
        .unwrap()
        .refresh_token
        .unwrap();
    idp.forgot_password(EMAIL).await.unwrap();
    idp.forgot_password("nobody@example.org").await.unwrap();
    assert_eq!(
        idp.outbox().len(),
        2,
        "no code for an unknown email, and no error either"
    );
    let code = latest_code(&idp);
    assert!(matches!(
        idp.confirm_forgot_password(EMAIL, &code, "weak").await,
        Err(IdentityError::WeakPassword(_))
    ));
    idp.confirm_forgot_password(EMAIL, &code, "NewTunes2026")
        .await
        .unwrap();
    assert_eq!(
        idp.sign_in(EMAIL, PASSWORD).await,
        Err(IdentityError::WrongCredentials)
    );
    assert!(idp.sign_in(EMAIL, "NewTunes2026").await.is_ok());
    assert_eq!(
        idp.refresh(&old_refresh).await,
        Err(IdentityError::SessionEnded)
    );
}

#[tokio::test]
async fn accounts_keys_and_roles_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let tokens = {
        let idp = open(dir.path());
        signed_up(&idp).await;
        idp.grant_group(EMAIL, "moderators").await.unwrap();
        idp.sign_in(EMAIL, PASSWORD).await.unwrap()
    };
    let idp = open(dir.path());
    let identity = verifier_for(&idp)
        .verify(&tokens.id_token, TokenUse::Id)
        .await
        .unwrap();
    assert_eq!(
        identity.groups,
        ["moderators"],
        "signed before the restart, valid after"
    );
    assert!(idp.sign_in(EMAIL, PASSWORD).await.is_ok());
    let key = dir.path().join("local-idp-key.pem");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(key).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
