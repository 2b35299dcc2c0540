//! The origin's page cache over real HTTP (`server/src/page_cache.rs`): a visitor gets the
//! page another visitor's request rendered within the window — byte for byte, its CSP
//! nonce matching its scripts — while a member always gets a fresh private render, a
//! server function call ends the window at once, and each encoding is kept apart.
use crate::accounts;
use crate::common;

use app::store::contract::sample_session;
use common::{spawn_app_in, TestApp};

/// A window far longer than the test, so what is kept stays kept until a write.
async fn cached_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(
        dir.path(),
        &[("SEED_DEMO_DATA", "false"), ("PAGE_CACHE_MS", "60000")],
    )
    .await;
    app.store
        .create_session(&sample_session("first", "First Session", "IE"), None)
        .await
        .unwrap();
    (app, dir)
}

fn nonce_of(csp: &str) -> &str {
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> (String, String, String) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if !cookie.is_empty() {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let header = |name: &str| {
        response.headers()[name]
            .to_str()
            .unwrap_or_default()
            .to_string()
    };
    let (csp, cache) = (header("content-security-policy"), header("cache-control"));
    (response.text().await.unwrap(), csp, cache)
}

#[test]
fn visitors_share_a_render_until_a_write() {
    common::run(async {
        let (app, _dir) = cached_app().await;
        let (first, csp, cache) = page(&app, "/", "").await;
        assert!(first.contains("First Session"));
        assert!(cache.starts_with("public"), "{cache}");

        // A session arriving without a server function call (as on another instance):
        // visitors get the kept page, the same bytes, its nonce matching its scripts.
        app.store
            .create_session(&sample_session("second", "Second Session", "IE"), None)
            .await
            .unwrap();
        let (again, csp_again, _) = page(&app, "/", "").await;
        assert_eq!(again, first, "the kept page");
        assert_eq!(csp_again, csp);
        assert!(again.contains(&format!("nonce=\"{}\"", nonce_of(&csp))));

        // Another query is another page; a member's request is rendered for them.
        let (other, _, _) = page(&app, "/?after=", "").await;
        assert!(other.contains("Second Session"), "a new key renders");
        let (member, _, member_cache) = page(&app, "/", "seisiun_id=not-a-token").await;
        assert!(
            member.contains("Second Session"),
            "never served from the cache"
        );
        assert_eq!(member_cache, "private, no-store");
        let (still, _, _) = page(&app, "/", "").await;
        assert!(
            !still.contains("Second Session"),
            "the member's page was not kept"
        );

        // Any server function call on this instance ends the window.
        let refused = app
            .client
            .post(format!("{}/api/sign_in", app.address))
            .header("origin", &app.address)
            .form(&[("email", "nobody@example.org"), ("password", "Wrong1234")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 401);
        let (after, csp_after, _) = page(&app, "/", "").await;
        assert!(after.contains("Second Session"), "fresh after a write");
        assert_ne!(
            nonce_of(&csp_after),
            nonce_of(&csp),
            "a new render, a new nonce"
        );
        app.stop().await;
    })
}

#[test]
fn each_encoding_is_kept_apart_and_errors_are_not_kept() {
    common::run(async {
        let (app, _dir) = cached_app().await;
        // This reqwest decompresses nothing: the bytes as sent.
        let raw = reqwest::Client::new();
        let get = |encoding: &'static str, path: &'static str| {
            let (raw, address) = (raw.clone(), app.address.clone());
            async move {
                raw.get(format!("{address}{path}"))
                    .header("accept-encoding", encoding)
                    .send()
                    .await
                    .unwrap()
            }
        };
        let plain = get("identity", "/").await;
        assert!(plain.headers().get("content-encoding").is_none());
        let plain = plain.bytes().await.unwrap();
        let mut kept = Vec::new();
        for _ in 0..2 {
            let gzip = get("gzip", "/").await;
            assert_eq!(gzip.headers()["content-encoding"], "gzip");
            kept.push(gzip.bytes().await.unwrap());
        }
        assert_eq!(kept[0], kept[1], "the compressed page is kept compressed");
        let mut decoded = String::new();
        use std::io::Read;
        flate2::read::GzDecoder::new(&kept[0][..])
            .read_to_string(&mut decoded)
            .unwrap();
        assert!(
            decoded.contains("First Session") && decoded.contains("</footer></body></html>"),
            "{} … {}",
            decoded.len(),
            &decoded[decoded.len().saturating_sub(80)..]
        );
        // Its own render (its own nonce): not the plain page's bytes compressed.
        assert_ne!(decoded.as_bytes(), &plain[..]);

        // A missing page is not kept: once the session exists, its page is there.
        assert_eq!(get("identity", "/session/later").await.status(), 404);
        app.store
            .create_session(&sample_session("later", "Later Session", "IE"), None)
            .await
            .unwrap();
        assert_eq!(get("identity", "/session/later").await.status(), 200);
        app.stop().await;
    })
}

/// Account pages are never shared: the local outbox holds sign-up codes and is served only
/// to a loopback peer naming a loopback host; a kept copy would skip that check.
#[test]
fn account_pages_and_the_outbox_are_never_kept() {
    common::run(async {
        let (app, _dir) = cached_app().await;
        for path in ["/account/sign-in", "/account/sign-up", "/account/outbox"] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(
                response.headers()["cache-control"],
                "private, no-store",
                "{path}"
            );
        }
        let (_, before) = app.get_text("/account/outbox").await;
        assert!(!before.contains("maire@example.org"));
        // A code issued without a request through this server's layers (as if on another
        // instance) shows at once: nothing kept the page from before.
        use app::identity::IdentityProvider;
        app.local()
            .sign_up("maire@example.org", "Fiddle1234", "Máire")
            .await
            .unwrap();
        let (_, after) = app.get_text("/account/outbox").await;
        assert!(after.contains("maire@example.org"), "{after}");
        app.stop().await;
    })
}

#[test]
fn a_member_signed_in_never_gets_a_visitors_page() {
    common::run(async {
        let (app, _dir) = cached_app().await;
        let (visitor, _, _) = page(&app, "/", "").await;
        assert!(visitor.contains("Sign in"));
        let cookies =
            accounts::member_cookies(&app, "Máire", "maire@example.org", "Fiddle1234").await;
        let (member, _, cache) = page(&app, "/", &cookies).await;
        assert!(member.contains("Máire"), "their own header");
        assert_eq!(cache, "private, no-store");
        app.stop().await;
    })
}
