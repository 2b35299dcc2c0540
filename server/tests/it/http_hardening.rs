//! Regressions for what the outside security review found (issue 13), each against the
//! real app over HTTP, each failing before its fix.
use crate::accounts;
use crate::common;

use std::time::Duration;

use accounts::Browser;
use app::model::fixtures::sample_session;
use app::model::SessionId;
use base64::Engine;
use common::{spawn_app_in, TestApp};
use reqwest::header::{HOST, ORIGIN};

const PASSWORD: &str = "Reels4Ever";

async fn empty_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    let mut doolin = sample_session("doolin", "Doolin Trad", "IE");
    doolin.town = "Doolin".into();
    app.store.create_session(&doolin, None).await.unwrap();
    (app, dir)
}

/// Every JSON-LD block's text holds no `<`, so no name can open a comment or a script.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</script>").expect("the block is closed")])
        .collect()
}

#[test]
fn a_session_name_cannot_swallow_the_page() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let name = "!<!--<script>";
        app.store
            .create_session(&sample_session("first", name, "IE"), None)
            .await
            .unwrap();
        for path in [
            "/",
            "/sessions/ie",
            "/session/first",
            "/search?q=%21%3C%21--%3Cscript%3E+doolin",
        ] {
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 200, "{path}");
            let blocks = json_ld_blocks(&html);
            assert!(!blocks.is_empty(), "{path} has JSON-LD");
            for block in blocks {
                assert!(!block.contains('<'), "{path}: {block}");
                serde_json::from_str::<serde_json::Value>(block).expect("still JSON");
            }
            // What the browser showed blank before: everything after the JSON-LD.
            assert!(html.contains("<footer class=\"site-footer\">"), "{path}");
        }
        let (_, home) = app.get_text("/").await;
        assert!(
            home.contains("/session/doolin"),
            "the other sessions still list"
        );
        app.stop().await;
    })
}

#[test]
fn a_hidden_review_deleted_and_posted_again_stays_hidden() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        let response = brian.save_review("doolin", "1", "Rubbish, avoid.").await;
        assert_eq!(response.status(), 200);
        let subject = brian.current_member().await["subject"]
            .as_str()
            .unwrap()
            .to_string();
        let doolin = SessionId::parse("doolin").unwrap();
        app.store
            .set_review_hidden(&doolin, &subject.clone().into(), true)
            .await
            .unwrap();

        let deleted = brian
            .call("delete_review", &[("session_id", "doolin")])
            .await;
        assert_eq!(deleted.status(), 200);
        let again = brian
            .save_review("doolin", "1", "Posted again, still rubbish.")
            .await;
        assert_eq!(again.status(), 200);
        let edited = brian.save_review("doolin", "1", "Edited once more.").await;
        assert_eq!(edited.status(), 200);

        let (_, page) = app.visitor().page("/session/doolin").await;
        for text in ["Rubbish", "Posted again", "Edited once more"] {
            assert!(!page.contains(text), "{text} is public again");
        }
        let (_, api) = app.get_text("/api/v1/sessions/doolin").await;
        let api: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(
            api["rating"]["by_stars"],
            serde_json::json!([0, 0, 0, 0, 0]),
            "its stars stay out: {api}"
        );
        app.stop().await;
    })
}

#[test]
fn ids_we_never_made_are_a_404_not_a_dropped_connection() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let long = "x".repeat(300);
        for bad in [
            "doolin\nX",
            "doolin\r\nSet-Cookie: a=b",
            "Doolin",
            "a/b",
            long.as_str(),
        ] {
            for (endpoint, form) in [
                (
                    "set_bookmark",
                    vec![("session_id", bad), ("bookmarked", "true")],
                ),
                ("delete_review", vec![("session_id", bad)]),
                ("confirm_session", vec![("session_id", bad)]),
            ] {
                let response = maire.call(endpoint, &form).await;
                assert_eq!(response.status(), 404, "{endpoint} {bad:?}");
                let err: app::error::AppError = response.json().await.unwrap();
                assert!(err.message.contains("not listed"), "{}", err.message);
            }
        }
        for path in [
            "/session/doolin%0AX".to_string(),
            "/session/doolin%0D%0AX/calendar.ics".to_string(),
            format!("/session/{long}"),
            format!("/api/v1/sessions/{long}"),
            "/feeds/bookmarks/..%2F..%2Fx.ics".to_string(),
        ] {
            let (status, _) = app.get_text(&path).await;
            assert_eq!(status, 404, "{path}");
        }
        app.stop().await;
    })
}

#[test]
fn a_made_up_form_error_is_never_shown() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let forged = serde_json::json!({
            "status": 403,
            "message": "Your account is locked. Call +353 1 555 0100 to unlock it."
        });
        let err = base64::engine::general_purpose::URL_SAFE.encode(forged.to_string());
        let path = format!("/account/sign-in?next=%2F&__path=%2Fapi%2Fsign_in&__err={err}");
        let response = app.get(&path).await;
        assert_eq!(response.status(), 303, "sent to the page without the error");
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(location, "/account/sign-in?next=%2F");
        let (_, html) = app.get_text(&location).await;
        assert!(!html.contains("Call +353"), "{html}");
        // A signature from elsewhere does not help.
        let (status, html) = app.get_text(&format!("{path}&__sig=AAAA")).await;
        assert_eq!(status, 303);
        assert!(!html.contains("Call +353"));
        app.stop().await;
    })
}

#[test]
fn a_rebound_host_gets_neither_the_outbox_nor_a_sign_in() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let port = app.address.rsplit(':').next().unwrap().to_string();
        let rebound = format!("rebind.evil.test:{port}");
        let outbox = |host: String| {
            let app = &app;
            async move {
                app.client
                    .get(format!("{}/account/outbox", app.address))
                    .header(HOST, host)
                    .send()
                    .await
                    .unwrap()
                    .status()
            }
        };
        assert_eq!(
            outbox(format!("127.0.0.1:{port}")).await,
            200,
            "a developer's own browser"
        );
        assert_eq!(outbox(format!("localhost:{port}")).await, 200);
        assert_eq!(
            outbox(rebound.clone()).await,
            404,
            "a page using DNS rebinding"
        );

        // The same page posting to a server function: its Origin matches its Host, but
        // not our site.
        let response = app
            .client
            .post(format!("{}/api/sign_up", app.address))
            .header(HOST, &rebound)
            .header(ORIGIN, format!("http://{rebound}"))
            .form(&[
                ("name", "X"),
                ("email", "x@example.org"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        assert!(app.local().outbox().is_empty(), "no account was made");
        app.stop().await;
    })
}

#[test]
fn every_response_carries_the_security_headers() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        for path in [
            "/",
            "/session/doolin",
            "/api/v1/sessions",
            "/no/such/page",
            "/robots.txt",
        ] {
            let response = app.get(path).await;
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default()
            };
            assert!(
                header("content-security-policy").contains("frame-ancestors 'none'"),
                "{path}"
            );
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("x-frame-options"), "DENY", "{path}");
            assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin");
            assert!(header("permissions-policy").contains("geolocation=(self)"));
            assert_eq!(
                header("strict-transport-security"),
                "",
                "not over plain http"
            );
        }
        app.stop().await;
    })
}

/// Slowloris: headers sent a byte a second never finish. The server must hang up
/// within its header-read timeout instead of holding the connection for ever.
#[test]
fn a_client_trickling_its_headers_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    common::run(async {
        let (app, _dir) = empty_app().await;
        let address = app.address.trim_start_matches("http://").to_string();
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let limit = server::serve::HEADER_READ_TIMEOUT + Duration::from_secs(5);
        let mut closed = false;
        while started.elapsed() < limit {
            if stream.write_all(b"X").await.is_err() {
                closed = true;
                break;
            }
            let mut buf = [0u8; 512];
            match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    closed = true;
                    break;
                }
                // A 408 before closing is fine too.
                Ok(Ok(_)) => {}
                Err(_) => {}
            }
        }
        assert!(closed, "still open after {:?}", started.elapsed());
        assert!(started.elapsed() >= server::serve::HEADER_READ_TIMEOUT - Duration::from_secs(1));
        // And the server still answers everyone else.
        assert_eq!(app.get("/healthz").await.status(), 200);
        app.stop().await;
    })
}

#[test]
fn confirming_again_and_again_changes_nothing_more() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let doolin = SessionId::parse("doolin").unwrap();
        let before = app.store.get_session(&doolin).await.unwrap().unwrap();
        let before_history = app
            .store
            .session_with_activity(&doolin)
            .await
            .unwrap()
            .unwrap()
            .1
            .history
            .len();
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        for cookies in [&maire, &brian, &maire, &brian, &maire] {
            let response = cookies
                .call("confirm_session", &[("session_id", "doolin")])
                .await;
            assert_eq!(response.status(), 200);
        }
        let after = app.store.get_session(&doolin).await.unwrap().unwrap();
        assert_eq!(after.last_confirmed, Some(chrono::Utc::now().date_naive()));
        assert_eq!(
            after.version, before.version,
            "confirmations moved the version: the author's next save would conflict"
        );
        let (_, activity) = app
            .store
            .session_with_activity(&doolin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            activity.history.len(),
            before_history,
            "a confirmation is not an edit: {:?}",
            activity.history
        );
        app.stop().await;
    })
}

#[test]
fn who_added_a_session_is_not_in_its_page_or_the_api() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let mut session = sample_session("added", "Added Here", "IE");
        session.added_by = "member-id-4c1f9e".into();
        app.store.create_session(&session, None).await.unwrap();
        for path in ["/session/added", "/api/v1/sessions/added", "/"] {
            let (status, body) = app.get_text(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                !body.contains("member-id-4c1f9e"),
                "{path} names the author"
            );
        }
        app.stop().await;
    })
}

/// 100 wrong passwords and the right one, released together: the guesses are counted
/// before any is checked, so at most the allowance (5) is ever tried and the rest are
/// refused unchecked — the answers cannot say which password was right.
#[test]
fn a_burst_of_guesses_checks_at_most_the_allowance() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let mut attempts = Vec::new();
        for n in 0..101 {
            let password = if n == 50 {
                PASSWORD.to_string()
            } else {
                format!("Wrong{n}Guess")
            };
            let client = app.client.clone();
            let address = app.address.clone();
            attempts.push(tokio::spawn(async move {
                client
                    .post(format!("{address}/api/sign_in"))
                    .header(ORIGIN, &address)
                    .form(&[
                        ("email", "maire@example.org"),
                        ("password", password.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
        for attempt in attempts {
            *statuses.entry(attempt.await.unwrap()).or_default() += 1;
        }
        let checked = 101 - statuses.get(&429).copied().unwrap_or(0);
        assert!(
            checked <= 5,
            "{checked} passwords were checked: {statuses:?}"
        );
        app.stop().await;
    })
}

/// Two server processes over one store (two Lambda instances over one table) share the
/// allowance: failures on one count on the other.
#[test]
fn limits_hold_across_instances_sharing_a_store() {
    common::run(async {
        let (app, dir) = empty_app().await;
        app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let site = "http://127.0.0.1:0";
        let other = common::serve_state(common::state_over(
            app.store.clone(),
            &dir.path().join("other"),
            site,
        ))
        .await;
        let sign_in = |base: String| {
            let client = app.client.clone();
            async move {
                client
                    .post(format!("{base}/api/sign_in"))
                    .header(ORIGIN, &base)
                    .form(&[("email", "maire@example.org"), ("password", "Wrong1234")])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        for n in 0..5 {
            let base = if n % 2 == 0 { &app.address } else { &other };
            // The other instance has no such account: a wrong guess all the same.
            assert_eq!(sign_in(base.clone()).await, 401, "guess {n}");
        }
        assert_eq!(
            sign_in(other.clone()).await,
            429,
            "the sixth, on either instance"
        );
        assert_eq!(sign_in(app.address.clone()).await, 429);
        // The second instance holds the store for the rest of the process: no clean stop.
        drop(app);
    })
}

/// Sitemaps are served from the listing the scheduled build saved, never from a walk of
/// the table: however many requests arrive (with any query string, for any part), they
/// list what the last build saw, and an impossible part is a 404 before any read.
#[test]
fn sitemap_requests_read_the_saved_listing_not_the_table() {
    use server::feeds::sitemap::rebuild;
    use std::sync::Arc;
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn app::store::Store> =
            Arc::new(server::embedded_store::EmbeddedStore::open(dir.path()).unwrap());
        for n in 0..12 {
            let mut session = sample_session(&format!("s{n}"), &format!("Session {n}"), "IE");
            session.town = format!("Town {}", n % 3);
            store.create_session(&session, None).await.unwrap();
        }
        let state = common::state_over(store.clone(), dir.path(), "https://seisiun.example");
        let router = axum::Router::new()
            .merge(server::feeds::routes())
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        let get = |path: String| async move {
            let response = reqwest::get(path).await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        };

        // Before any build: "come back later", not a walk.
        let (status, body) = get(format!("{address}/sitemap.xml")).await;
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("being prepared"), "{body}");
        assert_eq!(get(format!("{address}/sitemap-999999.xml")).await.0, 404);

        // Home, /sessions, Ireland, Clare, 3 towns and 12 sessions: 19 URLs, 4 parts of 5.
        let outline = rebuild(store.as_ref(), 5).await.unwrap();
        assert_eq!(outline.parts.len(), 4);
        // Sessions added after the build (in a new town) wait for the next one.
        for n in 0..5 {
            let mut late = sample_session(&format!("late{n}"), &format!("Late {n}"), "IE");
            late.town = "Newtown".into();
            store.create_session(&late, None).await.unwrap();
        }

        let mut requests = Vec::new();
        for n in 0..40 {
            let path = match n % 4 {
                0 => format!("{address}/sitemap.xml?nocache={n}"),
                1 => format!("{address}/sitemap-1.xml?x={n}"),
                2 => format!("{address}/sitemap-4.xml"),
                _ => format!("{address}/sitemap-99.xml"),
            };
            requests.push(tokio::spawn(get(path)));
        }
        let mut listed = String::new();
        for (n, request) in requests.into_iter().enumerate() {
            let (status, body) = request.await.unwrap();
            let expected = if n % 4 == 3 { 404 } else { 200 };
            assert_eq!(status, expected, "request {n}: {body}");
            listed.push_str(&body);
        }
        assert!(
            listed.contains("/session/s9<"),
            "the built listing is served"
        );
        assert!(
            !listed.contains("late") && !listed.contains("newtown"),
            "a request walked the table"
        );

        // The next scheduled build brings them in.
        let outline = rebuild(store.as_ref(), 5).await.unwrap();
        assert_eq!(outline.parts.len(), 5, "25 URLs now");
        let mut all = String::new();
        for n in 1..=5 {
            all.push_str(&get(format!("{address}/sitemap-{n}.xml")).await.1);
        }
        assert!(all.contains("/session/late4<") && all.contains("/sessions/ie/clare/newtown<"));
    })
}

/// The other device's cookies without the access one, as after an hour (it expires).
fn without_access(app: &TestApp, browser: &Browser) -> Browser {
    let held = browser
        .cookies
        .split("; ")
        .filter(|c| !c.starts_with("seisiun_access="))
        .collect::<Vec<_>>()
        .join("; ");
    app.browser(&held)
}

/// "Sign out everywhere" holds even when the access cookie has expired, and at once: a
/// phone still holding a valid ID token can no longer write.
#[test]
fn signing_out_everywhere_ends_the_other_devices_at_once() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let laptop = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let phone = app.signed_in_again("maire@example.org", PASSWORD).await;
        let response = phone.save_review("doolin", "5", "Mighty.").await;
        assert_eq!(response.status(), 200, "the phone writes before");

        // A second passes so the new sign-out time is after the tokens' issue time.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let response = without_access(&app, &laptop)
            .call("sign_out", &[("everywhere", "true")])
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());

        let response = phone.save_review("doolin", "4", "Still mighty.").await;
        assert_eq!(
            response.status(),
            401,
            "the phone's ID token no longer writes"
        );
        app.stop().await;
    })
}

/// A new password ends the sign-ins made with the old one.
#[test]
fn a_password_reset_ends_every_sign_in() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let phone = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let response = app
            .visitor()
            .call("request_password_reset", &[("email", "maire@example.org")])
            .await;
        assert!(response.status().is_success() || response.status().is_redirection());
        let code = app.local().outbox()[0].code.clone();
        let response = app
            .visitor()
            .call(
                "reset_password",
                &[
                    ("email", "maire@example.org"),
                    ("code", &code),
                    ("password", "NewReels5Ever"),
                ],
            )
            .await;
        assert!(response.status().is_success(), "{}", response.status());
        let response = phone
            .save_review("doolin", "4", "From the old sign-in.")
            .await;
        assert_eq!(response.status(), 401);
        app.stop().await;
    })
}
