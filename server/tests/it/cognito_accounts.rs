//! The account flows over real HTTP with `IDENTITY=cognito`, against moto's Cognito on
//! loopback: sign up, confirm, sign in (HttpOnly cookies), stay signed in, change the
//! display name, moderators from `cognito:groups`, reset the password, sign out
//! everywhere; each Cognito error read as the member should see it.
//!
//! moto accepts any sign-up code, so a wrong confirmation code is covered by the local
//! provider's tests and the error mapping's unit tests; moto checks reset codes that start
//! with `moto-confirmation-code:`, which is how a wrong reset code is tried here.
use crate::accounts;
use crate::common;
use crate::moto;

use accounts::{assert_refused, cookie_value, cookies_of};
use app::identity::IdentityError;
use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, PasswordPolicyType, UserPoolPolicyType, UsernameAttributeType,
    VerifiedAttributeType,
};
use server::config::CognitoSettings;

const EMAIL: &str = "maire@example.org";
const PASSWORD: &str = "Reels4Ever";
/// Unsigned Cognito calls reach moto's us-east-1, so the pool lives there.
const REGION: &str = "us-east-1";

/// A user pool like the one infra/template.yaml declares: email as the username, the
/// site's password rules, a public client with password and refresh sign-in, and the
/// moderators group.
async fn user_pool() -> (aws_sdk_cognitoidentityprovider::Client, CognitoSettings) {
    moto::fake_aws_environment();
    let config = server::aws::sdk_config(
        Some(moto::endpoint()),
        Some(REGION),
        std::time::Duration::from_secs(5),
    )
    .await;
    let admin = aws_sdk_cognitoidentityprovider::Client::new(&config);
    let pool = admin
        .create_user_pool()
        .pool_name(format!("seisiun-{}", std::process::id()))
        .username_attributes(UsernameAttributeType::Email)
        .auto_verified_attributes(VerifiedAttributeType::Email)
        .policies(
            UserPoolPolicyType::builder()
                .password_policy(
                    PasswordPolicyType::builder()
                        .minimum_length(8)
                        .require_lowercase(true)
                        .require_uppercase(true)
                        .require_numbers(true)
                        .require_symbols(false)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("moto creates a user pool");
    let pool_id = pool.user_pool().and_then(|p| p.id()).unwrap().to_string();
    let client = admin
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("site")
        .generate_secret(false)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .read_attributes("email")
        .read_attributes("name")
        .write_attributes("name")
        .send()
        .await
        .expect("moto creates an app client");
    let client_id = client
        .user_pool_client()
        .and_then(|c| c.client_id())
        .unwrap()
        .to_string();
    admin
        .create_group()
        .user_pool_id(&pool_id)
        .group_name(app::model::MODERATORS)
        .send()
        .await
        .unwrap();
    let settings = CognitoSettings {
        region: REGION.into(),
        issuer: format!("https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"),
        jwks_url: format!("{}/{pool_id}/.well-known/jwks.json", moto::endpoint()),
        endpoint: Some(moto::endpoint().into()),
        user_pool_id: pool_id,
        client_id,
    };
    (admin, settings)
}

async fn site(settings: &CognitoSettings, dir: &std::path::Path) -> common::TestApp {
    common::spawn_app_in(
        dir,
        &[
            ("SEED_DEMO_DATA", "false"),
            ("IDENTITY", "cognito"),
            ("COGNITO_USER_POOL_ID", &settings.user_pool_id),
            ("COGNITO_CLIENT_ID", &settings.client_id),
            ("COGNITO_REGION", &settings.region),
            ("COGNITO_JWKS_URL", &settings.jwks_url),
            ("COGNITO_ENDPOINT", moto::endpoint()),
        ],
    )
    .await
}

async fn sign_in(app: &common::TestApp, password: &str) -> reqwest::Response {
    app.visitor()
        .call(
            "sign_in",
            &[
                ("email", EMAIL),
                ("password", password),
                ("next", "/account"),
            ],
        )
        .await
}

#[test]
fn every_account_flow_works_against_cognito() {
    common::run(async {
        let (admin, settings) = user_pool().await;
        let dir = tempfile::tempdir().unwrap();
        let app = site(&settings, dir.path()).await;
        assert!(app.identity.is_none(), "no local provider beside Cognito");
        assert!(
            !dir.path().join("accounts.redb").exists(),
            "no local accounts file"
        );
        assert_eq!(
            app.get("/.well-known/jwks.json").await.status(),
            404,
            "no local keys beside Cognito"
        );
        // The local outbox keeps a developer's digests (MAIL=outbox) but never codes:
        // Cognito sends those.
        let (_, outbox) = app.get_text("/account/outbox").await;
        assert!(!outbox.contains("outbox-code"), "{outbox}");

        // Sign up; the same email again is refused; signing in before confirming says so.
        let response = app
            .visitor()
            .call(
                "sign_up",
                &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let sign_up_again = [("name", "M"), ("email", EMAIL), ("password", PASSWORD)];
        assert_refused(&app, "sign_up", &sign_up_again, 409, "already exists").await;
        let early = [("email", EMAIL), ("password", PASSWORD)];
        assert_refused(&app, "sign_in", &early, 403, "confirm your email").await;

        // Confirm, then sign in: three HttpOnly cookies, no token in the body.
        let response = app
            .visitor()
            .call("confirm_account", &[("email", EMAIL), ("code", "123456")])
            .await;
        assert_eq!(response.status(), 200);
        let wrong = [("email", EMAIL), ("password", "Wrong1234")];
        assert_refused(&app, "sign_in", &wrong, 401, "do not match").await;
        let unknown = [("email", "nobody@example.org"), ("password", PASSWORD)];
        assert_refused(&app, "sign_in", &unknown, 401, "do not match").await;
        let response = sign_in(&app, PASSWORD).await;
        assert_eq!(response.status(), 200);
        let (cookies, raw) = cookies_of(&response);
        assert_eq!(raw.len(), 3, "{raw:?}");
        assert!(raw
            .iter()
            .all(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax")));
        let body = response.text().await.unwrap();
        assert!(body.contains("Máire") && !body.contains("eyJ"), "{body}");

        // Still signed in on the next request; not a moderator yet.
        let member = app.browser(&cookies).current_member().await;
        assert_eq!(member["email"], EMAIL);
        assert_eq!(member["name"], "Máire");
        assert_eq!(member["groups"], serde_json::json!([]));

        // The display name changes, and the renewed cookies carry it at once.
        let response = app
            .browser(&cookies)
            .call("update_profile", &[("name", " Máire Ní Bhriain ")])
            .await;
        assert_eq!(response.status(), 200);
        let renewed = accounts::merge_cookies(&cookies, &cookies_of(&response).0);
        let member = app.browser(&renewed).current_member().await;
        assert_eq!(member["name"], "Máire Ní Bhriain");
        let response = app
            .browser(&renewed)
            .call("update_profile", &[("name", "  ")])
            .await;
        assert_eq!(response.status(), 400, "a blank name is refused");

        // Moderators come from the cognito:groups claim.
        admin
            .admin_add_user_to_group()
            .user_pool_id(&settings.user_pool_id)
            .username(EMAIL)
            .group_name(app::model::MODERATORS)
            .send()
            .await
            .unwrap();
        let (moderator, _) = cookies_of(&sign_in(&app, PASSWORD).await);
        let member = app.browser(&moderator).current_member().await;
        assert_eq!(member["groups"], serde_json::json!(["moderators"]));

        // The refresh token renews the session through the provider.
        let accounts = server::auth::cognito_accounts(&settings).await;
        let refresh = cookie_value(&moderator, "seisiun_refresh").unwrap();
        let tokens = accounts.identity.refresh(&refresh).await.unwrap();
        use app::identity::TokenCheck;
        let renewed = accounts.verifier.member(&tokens.id_token).await.unwrap();
        assert_eq!(renewed.email, EMAIL);

        // Forgot password: a wrong code is refused, the right one changes the password.
        let response = app
            .visitor()
            .call("request_password_reset", &[("email", EMAIL)])
            .await;
        assert_eq!(response.status(), 200);
        let wrong_code = [
            ("email", EMAIL),
            ("code", "moto-confirmation-code:000000"),
            ("password", "Jigs4Ever2"),
        ];
        assert_refused(&app, "reset_password", &wrong_code, 400, "code").await;
        let response = app
            .visitor()
            .call(
                "reset_password",
                &[
                    ("email", EMAIL),
                    ("code", "123456"),
                    ("password", "Jigs4Ever2"),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(sign_in(&app, PASSWORD).await.status(), 401, "old password");
        let response = sign_in(&app, "Jigs4Ever2").await;
        assert_eq!(response.status(), 200, "new password");
        let (cookies, _) = cookies_of(&response);

        // Signing out everywhere clears the cookies and ends every refresh token.
        let response = app
            .browser(&cookies)
            .call("sign_out", &[("everywhere", "true")])
            .await;
        assert_eq!(response.status(), 200);
        let (_, raw) = cookies_of(&response);
        assert!(raw.iter().all(|c| c.contains("Max-Age=0")), "{raw:?}");
        let refresh = cookie_value(&cookies, "seisiun_refresh").unwrap();
        assert_eq!(
            accounts.identity.refresh(&refresh).await,
            Err(IdentityError::SessionEnded)
        );

        // A token from another issuer (the local provider's) is nobody here.
        let local = server::auth::local_accounts(dir.path(), "http://127.0.0.1").unwrap();
        local
            .identity
            .sign_up("sean@example.org", PASSWORD, "Seán")
            .await
            .unwrap();
        let code = local.local.as_ref().unwrap().outbox()[0].code.clone();
        local
            .identity
            .confirm_sign_up("sean@example.org", &code)
            .await
            .unwrap();
        let foreign = local
            .identity
            .sign_in("sean@example.org", PASSWORD)
            .await
            .unwrap();
        let member = app
            .browser(&format!("seisiun_id={}", foreign.id_token))
            .current_member()
            .await;
        assert!(member.is_null(), "{member}");
    })
}
