//! Calling the account server functions as our own pages do, for every identity provider.

use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};

use crate::common::TestApp;

/// Calls a server function as our own pages do (same Origin), with any cookies.
pub async fn call(
    app: &TestApp,
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
pub fn cookies_of(response: &reqwest::Response) -> (String, Vec<String>) {
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

/// The cookies a browser holds after `update` answered: its Set-Cookie values replace
/// the ones of the same name (a renewal sends no new refresh cookie, so that one stays).
pub fn merge_cookies(held: &str, update: &str) -> String {
    let mut jar: Vec<(String, String)> = Vec::new();
    for pair in held.split("; ").chain(update.split("; ")) {
        if let Some((name, value)) = pair.split_once('=') {
            jar.retain(|(n, _)| n != name);
            jar.push((name.to_string(), value.to_string()));
        }
    }
    jar.into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One cookie's value from `name=value; …`.
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies
        .split("; ")
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(str::to_string)
}

/// The member `current_member` answers for these cookies (JSON null for nobody).
pub async fn current_member(app: &TestApp, cookies: &str) -> serde_json::Value {
    call(app, "current_member", &[], cookies)
        .await
        .json()
        .await
        .unwrap()
}

/// Asserts an account call failed with `status` and a message containing `fragment`.
pub async fn assert_refused(
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
    status: u16,
    fragment: &str,
) {
    let response = call(app, endpoint, form, "").await;
    assert_eq!(response.status(), status, "{endpoint} {form:?}");
    let err: app::error::AppError = response.json().await.unwrap();
    assert!(
        err.message.contains(fragment),
        "{endpoint}: {}",
        err.message
    );
}

/// Signs a new member up with the local provider, confirms them and signs them in:
/// the cookies their browser then holds.
pub async fn member_cookies(app: &TestApp, name: &str, email: &str, password: &str) -> String {
    let response = call(
        app,
        "sign_up",
        &[("name", name), ("email", email), ("password", password)],
        "",
    )
    .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let code = app
        .local()
        .outbox()
        .into_iter()
        .rev()
        .find(|sent| sent.email == email)
        .expect("a code was sent")
        .code;
    let response = call(
        app,
        "confirm_account",
        &[("email", email), ("code", &code)],
        "",
    )
    .await;
    assert_eq!(response.status(), 200);
    sign_in_again(app, email, password).await
}

/// Signs an existing member in again (a group granted since shows in the new token).
pub async fn sign_in_again(app: &TestApp, email: &str, password: &str) -> String {
    let response = call(
        app,
        "sign_in",
        &[("email", email), ("password", password), ("next", "/")],
        "",
    )
    .await;
    assert_eq!(response.status(), 200);
    cookies_of(&response).0
}

/// A page as a member (or, with no cookies, anyone) sees it: status and HTML.
pub async fn page_as(app: &TestApp, path: &str, cookies: &str) -> (u16, String) {
    let response = app
        .client
        .get(format!("{}{path}", app.address))
        .header(COOKIE, cookies)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Writes (or rewrites) the member's review of a session, visited on 1 November 2026.
pub async fn save_review(
    app: &TestApp,
    cookies: &str,
    session: &str,
    stars: &str,
    text: &str,
) -> reqwest::Response {
    call(
        app,
        "save_review",
        &[
            ("session_id", session),
            ("stars", stars),
            ("visited_on", "2026-11-01"),
            ("text", text),
        ],
        cookies,
    )
    .await
}
