//! Calling the account server functions as our own pages do, for every identity provider,
//! through a [`Browser`]: one person's cookies on one test app, so a test reads
//! `maire.save_review("doolin", "5", "Mighty").await`.

use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};

use crate::common::TestApp;

/// One person's browser on the test app: the cookies it holds (none for a visitor).
#[derive(Clone)]
pub struct Browser {
    client: reqwest::Client,
    address: String,
    /// `name=value; …`, as the browser would send them.
    pub cookies: String,
}

impl TestApp {
    /// A browser holding no cookies: a visitor.
    pub fn visitor(&self) -> Browser {
        self.browser("")
    }

    /// A browser holding these cookies.
    pub fn browser(&self, cookies: &str) -> Browser {
        Browser {
            client: self.client.clone(),
            address: self.address.clone(),
            cookies: cookies.to_string(),
        }
    }

    /// Signs an existing member in again on a new browser (a group granted since shows
    /// in the new token).
    pub async fn signed_in_again(&self, email: &str, password: &str) -> Browser {
        self.browser(&sign_in_again(self, email, password).await)
    }

    /// Signs a new member up with the local provider, confirms them and signs them in.
    pub async fn new_member(&self, name: &str, email: &str, password: &str) -> Browser {
        self.browser(&member_cookies(self, name, email, password).await)
    }
}

impl Browser {
    /// Calls a server function as our own pages do (same Origin), with this browser's
    /// cookies.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(ORIGIN, &self.address)
            .header(COOKIE, &self.cookies)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Calls a server function from one of our pages at `page` (its address is the
    /// `Referer`, as a browser sends it): the answer speaks that page's language.
    pub async fn call_from(
        &self,
        page: &str,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(ORIGIN, &self.address)
            .header(reqwest::header::REFERER, format!("{}{page}", self.address))
            .header(COOKIE, &self.cookies)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A page as this browser sees it: status and HTML.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .header(COOKIE, &self.cookies)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Writes (or rewrites) this member's review of a session, visited on 1 November 2026.
    pub async fn save_review(&self, session: &str, stars: &str, text: &str) -> reqwest::Response {
        self.call(
            "save_review",
            &[
                ("session_id", session),
                ("stars", stars),
                ("visited_on", "2026-11-01"),
                ("text", text),
            ],
        )
        .await
    }

    /// The member `current_member` answers for this browser (JSON null for nobody).
    pub async fn current_member(&self) -> serde_json::Value {
        self.call("current_member", &[]).await.json().await.unwrap()
    }
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
    app.browser(cookies)
        .call("current_member", &[])
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
    let response = app.visitor().call(endpoint, form).await;
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
    let response = app
        .visitor()
        .call(
            "sign_up",
            &[("name", name), ("email", email), ("password", password)],
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
    let response = app
        .visitor()
        .call("confirm_account", &[("email", email), ("code", &code)])
        .await;
    assert_eq!(response.status(), 200);
    sign_in_again(app, email, password).await
}

/// Signs an existing member in again (a group granted since shows in the new token).
pub async fn sign_in_again(app: &TestApp, email: &str, password: &str) -> String {
    let response = app
        .visitor()
        .call(
            "sign_in",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await;
    assert_eq!(response.status(), 200);
    cookies_of(&response).0
}
