//! Accounts over real HTTP with the local provider: sign up, confirm, sign in (HttpOnly
//! cookies), stay signed in across requests, renew, sign out; cross-site calls refused;
//! the JWKS published.
mod common;

use common::spawn_app_in;
use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};

const EMAIL: &str = "maire@example.org";
const PASSWORD: &str = "Reels4Ever";

async fn app() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    (app, dir)
}

/// Calls a server function as our own pages do (same Origin), with any cookies.
async fn call(
    app: &common::TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
    cookies: &str,
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(ORIGIN, &app.address)
        .header(COOKIE, cookies)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// `name=value; name=value` from a response's Set-Cookie headers, and the raw headers.
fn cookies_of(response: &reqwest::Response) -> (String, Vec<String>) {
    let raw: Vec<String> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let pairs = raw
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    (pairs, raw)
}

async fn signed_in(app: &common::TestApp) -> String {
    let response = call(
        app,
        "sign_up",
        &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
        "",
    )
    .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let code = app.identity.outbox()[0].code.clone();
    let response = call(
        app,
        "confirm_account",
        &[("email", EMAIL), ("code", &code)],
        "",
    )
    .await;
    assert_eq!(response.status(), 200);
    let response = call(
        app,
        "sign_in",
        &[
            ("email", EMAIL),
            ("password", PASSWORD),
            ("next", "/sessions"),
        ],
        "",
    )
    .await;
    assert_eq!(response.status(), 200);
    cookies_of(&response).0
}

#[test]
fn sign_up_confirm_sign_in_and_stay_signed_in() {
    common::run(async {
        let (app, _dir) = app().await;
        let response = call(
            &app,
            "sign_up",
            &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
            "",
        )
        .await;
        assert_eq!(response.status(), 200);
        let code = app.identity.outbox()[0].code.clone();
        call(
            &app,
            "confirm_account",
            &[("email", EMAIL), ("code", &code)],
            "",
        )
        .await;
        let response = call(
            &app,
            "sign_in",
            &[
                ("email", EMAIL),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
            "",
        )
        .await;
        assert_eq!(response.status(), 200);
        let (cookies, raw) = cookies_of(&response);
        assert_eq!(raw.len(), 3, "id, access and refresh cookies: {raw:?}");
        for cookie in &raw {
            assert!(cookie.contains("HttpOnly"), "{cookie}");
            assert!(cookie.contains("SameSite=Lax"), "{cookie}");
            assert!(
                !cookie.contains("Secure"),
                "plain http on 127.0.0.1 only: {cookie}"
            );
        }
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body[0]["name"], "Máire");
        assert_eq!(
            body[1], "/",
            "an off-site next= is replaced by the home page"
        );
        assert!(
            !body.to_string().contains("eyJ"),
            "no token in the response body"
        );

        // Another request with the cookies: still signed in.
        let member: serde_json::Value = call(&app, "current_member", &[], &cookies)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(member["email"], EMAIL);
        let nobody: serde_json::Value = call(&app, "current_member", &[], "")
            .await
            .json()
            .await
            .unwrap();
        assert!(nobody.is_null());
    })
}

#[test]
fn signing_out_clears_the_cookies_and_revokes_the_refresh_token() {
    common::run(async {
        let (app, _dir) = app().await;
        let cookies = signed_in(&app).await;
        let refresh = cookies
            .split("; ")
            .find_map(|c| c.strip_prefix("seisiun_refresh="))
            .unwrap()
            .to_string();
        let response = call(&app, "sign_out", &[], &cookies).await;
        assert_eq!(response.status(), 200);
        let (_, raw) = cookies_of(&response);
        assert_eq!(raw.len(), 3);
        assert!(raw.iter().all(|c| c.contains("Max-Age=0")), "{raw:?}");
        use app::identity::IdentityProvider;
        assert!(
            app.identity.refresh(&refresh).await.is_err(),
            "revoked at the provider"
        );
    })
}

#[test]
fn a_forged_id_cookie_is_nobody_and_is_cleared() {
    common::run(async {
        let (app, _dir) = app().await;
        let response = call(
            &app,
            "current_member",
            &[],
            "seisiun_id=eyJhbGciOiJub25lIn0.e30.",
        )
        .await;
        let (_, raw) = cookies_of(&response);
        let member: serde_json::Value = response.json().await.unwrap();
        assert!(member.is_null());
        assert!(raw.iter().any(|c| c.starts_with("seisiun_id=;")), "{raw:?}");
    })
}

#[test]
fn account_errors_have_their_status_and_say_what_to_do() {
    common::run(async {
        let (app, _dir) = app().await;
        signed_in(&app).await;
        call(
            &app,
            "sign_up",
            &[
                ("name", "C"),
                ("email", "c@example.org"),
                ("password", PASSWORD),
            ],
            "",
        )
        .await;
        for (endpoint, form, status, fragment) in [
            (
                "sign_up",
                vec![("name", "X"), ("email", EMAIL), ("password", PASSWORD)],
                409,
                "already exists",
            ),
            (
                "sign_up",
                vec![
                    ("name", "X"),
                    ("email", "b@example.org"),
                    ("password", "short"),
                ],
                400,
                "Choose a password",
            ),
            (
                "sign_in",
                vec![("email", EMAIL), ("password", "Wrong1234")],
                401,
                "do not match",
            ),
            (
                "sign_in",
                vec![("email", "nobody@example.org"), ("password", PASSWORD)],
                401,
                "do not match",
            ),
            (
                "confirm_account",
                vec![("email", "c@example.org"), ("code", "nope")],
                400,
                "code",
            ),
            (
                "sign_in",
                vec![("email", "c@example.org"), ("password", PASSWORD)],
                403,
                "confirm your email",
            ),
        ] {
            let response = call(&app, endpoint, &form, "").await;
            assert_eq!(response.status(), status, "{endpoint} {form:?}");
            let err: app::error::AppError = response.json().await.unwrap();
            assert!(
                err.message.contains(fragment),
                "{endpoint}: {}",
                err.message
            );
        }
    })
}

#[test]
fn cross_site_account_calls_are_refused() {
    common::run(async {
        let (app, _dir) = app().await;
        for origin in [Some("https://evil.example"), None] {
            let mut request = app
                .client
                .post(format!("{}/api/sign_up", app.address))
                .form(&[("name", "X"), ("email", EMAIL), ("password", PASSWORD)]);
            if let Some(origin) = origin {
                request = request.header(ORIGIN, origin);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 403, "{origin:?}");
        }
        assert!(app.identity.outbox().is_empty(), "nothing was created");
    })
}

#[test]
fn the_local_provider_publishes_its_keys() {
    common::run(async {
        let (app, _dir) = app().await;
        let response = app.get("/.well-known/jwks.json").await;
        assert_eq!(response.status(), 200);
        let jwks: serde_json::Value = response.json().await.unwrap();
        assert_eq!(jwks["keys"][0]["kty"], "RSA");
        assert!(jwks["keys"][0]["kid"].as_str().is_some());
        assert!(jwks["keys"][0].get("d").is_none(), "only the public half");
    })
}

#[test]
fn account_pages_render_and_the_local_outbox_shows_codes() {
    common::run(async {
        let (app, _dir) = app().await;
        for (path, action) in [
            ("/account/sign-up", "/api/sign_up"),
            ("/account/sign-in", "/api/sign_in"),
            (
                "/account/confirm?email=a%40example.org",
                "/api/confirm_account",
            ),
            ("/account/forgot", "/api/request_password_reset"),
            ("/account/reset", "/api/reset_password"),
        ] {
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                html.contains(&format!("action=\"{action}\"")),
                "{path} posts to {action}"
            );
            assert!(html.contains("noindex"), "{path} is not for search engines");
        }
        call(
            &app,
            "sign_up",
            &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
            "",
        )
        .await;
        let (status, outbox) = app.get_text("/account/outbox").await;
        assert_eq!(status, 200);
        let code = &app.identity.outbox()[0].code;
        assert!(
            outbox.contains(&format!("<strong class=\"outbox-code\">{code}</strong>")),
            "{outbox}"
        );
        let (_, header) = app.get_text("/").await;
        assert!(
            header.contains("href=\"/account/sign-in\""),
            "signed out: a sign-in link"
        );
    })
}
