//! Accounts over real HTTP with the local provider: sign up, confirm, sign in (HttpOnly
//! cookies), stay signed in across requests, renew, sign out; cross-site calls refused;
//! the JWKS published.
use crate::accounts;
use crate::common;

use accounts::cookies_of;
use common::spawn_app_in;
use reqwest::header::ORIGIN;

const EMAIL: &str = "maire@example.org";
const PASSWORD: &str = "Reels4Ever";

async fn app() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    (app, dir)
}

async fn signed_in(app: &common::TestApp) -> String {
    accounts::member_cookies(app, "Máire", EMAIL, PASSWORD).await
}

#[test]
fn sign_up_confirm_sign_in_and_stay_signed_in() {
    common::run(async {
        let (app, _dir) = app().await;
        let response = app
            .visitor()
            .call(
                "sign_up",
                &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), 200);
        let code = app.local().outbox()[0].code.clone();
        app.visitor()
            .call("confirm_account", &[("email", EMAIL), ("code", &code)])
            .await;
        let response = app
            .visitor()
            .call(
                "sign_in",
                &[
                    ("email", EMAIL),
                    ("password", PASSWORD),
                    ("next", "//evil.example"),
                ],
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
        let member: serde_json::Value = app
            .browser(&cookies)
            .call("current_member", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(member["email"], EMAIL);
        let nobody: serde_json::Value = app
            .visitor()
            .call("current_member", &[])
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
        let response = app.browser(&cookies).call("sign_out", &[]).await;
        assert_eq!(response.status(), 200);
        // Home, with the word for the offline copies to go (public/sw-register.js).
        assert_eq!(response.headers()["location"], "/#signed-out");
        let (_, raw) = cookies_of(&response);
        assert_eq!(raw.len(), 3);
        assert!(raw.iter().all(|c| c.contains("Max-Age=0")), "{raw:?}");
        use app::identity::IdentityProvider;
        assert!(
            app.local().refresh(&refresh).await.is_err(),
            "revoked at the provider"
        );
    })
}

#[test]
fn a_forged_id_cookie_is_nobody_and_is_cleared() {
    common::run(async {
        let (app, _dir) = app().await;
        let response = app
            .browser("seisiun_id=eyJhbGciOiJub25lIn0.e30.")
            .call("current_member", &[])
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
        app.visitor()
            .call(
                "sign_up",
                &[
                    ("name", "C"),
                    ("email", "c@example.org"),
                    ("password", PASSWORD),
                ],
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
            let response = app.visitor().call(endpoint, &form).await;
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
        assert!(app.local().outbox().is_empty(), "nothing was created");
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
        app.visitor()
            .call(
                "sign_up",
                &[("name", "Máire"), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        let (status, outbox) = app.get_text("/account/outbox").await;
        assert_eq!(status, 200);
        let code = &app.local().outbox()[0].code;
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

#[test]
fn failed_sign_ins_are_throttled_per_account_with_a_wait_to_show() {
    common::run(async {
        let (app, _dir) = app().await;
        signed_in(&app).await;
        for _ in 0..3 {
            // Signing in right, however often, never counts.
            let response = app
                .visitor()
                .call("sign_in", &[("email", EMAIL), ("password", PASSWORD)])
                .await;
            assert_eq!(response.status(), 200);
        }
        for _ in 0..5 {
            let response = app
                .visitor()
                .call("sign_in", &[("email", EMAIL), ("password", "Wrong1234")])
                .await;
            assert_eq!(response.status(), 401);
        }
        let response = app
            .visitor()
            .call("sign_in", &[("email", EMAIL), ("password", "Wrong1234")])
            .await;
        assert_eq!(response.status(), 429, "the sixth failure");
        // Now even the right password waits.
        let response = app
            .visitor()
            .call("sign_in", &[("email", EMAIL), ("password", PASSWORD)])
            .await;
        assert_eq!(response.status(), 429);
        let retry_after: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // Until the 5-minute window the guesses were counted in ends.
        assert!((1..=300).contains(&retry_after), "{retry_after}");
        let err: app::error::AppError = response.json().await.unwrap();
        assert!(err.message.contains("Please wait "), "{}", err.message);
        assert!(cookies_of(&app.visitor().call("current_member", &[]).await)
            .1
            .is_empty());
    })
}

#[test]
fn sign_ups_from_one_address_are_throttled() {
    common::run(async {
        let (app, _dir) = app().await;
        // Mistakes in the form are not attempts: five weak passwords, then it still works.
        for _ in 0..5 {
            let response = app
                .visitor()
                .call(
                    "sign_up",
                    &[
                        ("name", "P"),
                        ("email", "player0@example.org"),
                        ("password", "weak"),
                    ],
                )
                .await;
            assert_eq!(response.status(), 400);
        }
        // Ten sign-ups (each emails a code) from one address, then a wait.
        for n in 0..10 {
            let email = format!("player{n}@example.org");
            let response = app
                .visitor()
                .call(
                    "sign_up",
                    &[("name", "P"), ("email", &email), ("password", PASSWORD)],
                )
                .await;
            assert_eq!(response.status(), 200, "{n}");
        }
        let response = app
            .visitor()
            .call(
                "sign_up",
                &[
                    ("name", "P"),
                    ("email", "late@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), 429);
        assert_eq!(app.local().outbox().len(), 10, "no eleventh email was sent");
    })
}

#[test]
fn members_change_the_name_shown_on_their_reviews() {
    common::run(async {
        let (app, _dir) = app().await;
        let cookies = signed_in(&app).await;
        let response = app
            .browser(&cookies)
            .call("update_profile", &[("name", "Máire Ní Bhriain")])
            .await;
        assert_eq!(response.status(), 200);
        let renewed = accounts::merge_cookies(&cookies, &cookies_of(&response).0);
        let member = accounts::current_member(&app, &renewed).await;
        assert_eq!(
            member["name"], "Máire Ní Bhriain",
            "the new name shows at once"
        );
        let long = "x".repeat(61);
        for bad in ["", "   ", long.as_str()] {
            let response = app
                .browser(&renewed)
                .call("update_profile", &[("name", bad)])
                .await;
            assert_eq!(response.status(), 400, "{bad:?}");
        }
        let member = accounts::current_member(&app, &renewed).await;
        assert_eq!(
            member["name"], "Máire Ní Bhriain",
            "a refused name changes nothing"
        );
        let response = app
            .visitor()
            .call("update_profile", &[("name", "Anon")])
            .await;
        assert_eq!(response.status(), 401, "signed out: nothing to change");
    })
}

#[test]
fn without_javascript_a_refused_form_comes_back_with_its_message() {
    common::run(async {
        let (app, _dir) = app().await;
        signed_in(&app).await;
        let form_page = format!("{}/account/sign-in", app.address);
        // What a browser without JS sends: a form post that accepts HTML, from the form.
        let response = app
            .client
            .post(format!("{}/api/sign_in", app.address))
            .header(ORIGIN, &app.address)
            .header(reqwest::header::REFERER, &form_page)
            .header(reqwest::header::ACCEPT, "text/html,*/*;q=0.8")
            .form(&[("email", EMAIL), ("password", "Wrong1234")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            302,
            "back to the form, not a bare error body"
        );
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with(&form_page), "{location}");
        let back = location.strip_prefix(&app.address).unwrap();
        let (status, html) = app.get_text(back).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("class=\"error\">That email and password do not match an account."),
            "the form shows why ({location}): {}",
            &html[html.find("<form").unwrap_or(0)..]
        );
    })
}
