//! The site over real HTTP: pages render their data in place, pagination works without
//! JavaScript, errors have real status codes, responses are compressed.
use crate::common;

use std::collections::HashSet;

use app::api::PAGE_SIZE;
use app::store::name_sort_key;
use common::{session_names, spawn_app, spawn_app_in, TEST_SEED, TEST_SESSIONS};

/// Session names in the order the home page lists them.
fn expected_names() -> Vec<String> {
    let mut sessions = server::seed::generate(TEST_SEED, TEST_SESSIONS);
    sessions.sort_by_key(name_sort_key);
    sessions.into_iter().map(|s| s.name).collect()
}

fn strip_scripts(mut html: &str) -> String {
    let mut out = String::new();
    while let Some(start) = html.find("<script") {
        out.push_str(&html[..start]);
        let end = html[start..].find("</script>").expect("closed script") + start;
        html = &html[end + "</script>".len()..];
    }
    out.push_str(html);
    out
}

fn next_page_cursor(html: &str) -> String {
    let marker = "name=\"after\" value=\"";
    let start = html.find(marker).expect("a next-page form") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[test]
fn the_home_page_has_its_sessions_in_the_html_body() {
    common::run(async {
        let app = spawn_app().await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let html = response.text().await.unwrap();

        let names = common::listed_names(&html);
        assert_eq!(names, expected_names()[..PAGE_SIZE].to_vec());
        // In place, not streamed after the document: every name sits inside <main>.
        let main_end = html.find("</main>").expect("a main element");
        let last_name = html.rfind("class=\"session-name\"").unwrap();
        assert!(last_name < main_end);
        // Leptos appends the resources' serialized data for hydration as <script>s after
        // </html>; browsers and crawlers read the content above. Nothing visible may follow.
        let tail = &html[html.find("</html>").unwrap() + "</html>".len()..];
        assert_eq!(strip_scripts(tail).trim(), "", "only scripts after </html>");
        assert!(html.contains("<title>Seisiún</title>"), "page title");
    })
}

#[test]
fn the_home_page_says_how_big_the_directory_is() {
    common::run(async {
        let app = spawn_app().await;
        let (_, html) = app.get_text("/").await;
        let countries: HashSet<_> = server::seed::generate(TEST_SEED, TEST_SESSIONS)
            .into_iter()
            .map(|s| s.country.code)
            .collect();
        let line = format!("{TEST_SESSIONS} sessions in {} countries", countries.len());
        assert!(html.contains(&line), "missing {line:?}");
        assert!(html.contains(&format!("Showing {PAGE_SIZE} of {TEST_SESSIONS}")));
    })
}

#[test]
fn the_next_page_works_without_javascript() {
    common::run(async {
        let app = spawn_app().await;
        let (_, first) = app.get_text("/").await;
        let cursor = next_page_cursor(&first);
        let (status, second) = app.get_text(&format!("/?after={cursor}")).await;
        assert_eq!(status, 200);
        assert_eq!(
            session_names(&second),
            expected_names()[PAGE_SIZE..2 * PAGE_SIZE].to_vec()
        );
        let (_, third) = app
            .get_text(&format!("/?after={}", next_page_cursor(&second)))
            .await;
        assert_eq!(
            session_names(&third),
            expected_names()[2 * PAGE_SIZE..].to_vec()
        );
        assert!(
            !third.contains("name=\"after\""),
            "the last page offers no next page"
        );
    })
}

#[test]
fn a_forged_page_link_is_a_400_with_a_way_back() {
    common::run(async {
        let app = spawn_app().await;
        let (status, html) = app.get_text("/?after=not-a-cursor").await;
        assert_eq!(status, 400);
        assert!(html.contains("not valid any more"), "{html}");
        assert!(html.contains("Start again from the first page"));
    })
}

#[test]
fn an_unknown_page_is_a_real_404() {
    common::run(async {
        let app = spawn_app().await;
        let (status, html) = app.get_text("/no/such/page").await;
        assert_eq!(status, 404);
        assert!(html.contains("We could not find that page"));
        assert!(html.contains("href=\"/\""));
    })
}

#[test]
fn the_list_server_function_returns_the_next_page_as_json() {
    common::run(async {
        let app = spawn_app().await;
        let (_, html) = app.get_text("/").await;
        let cursor = next_page_cursor(&html);
        let response = app
            .client
            .post(format!("{}/api/list_sessions", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("after={cursor}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let page: app::model::ListedPage = response.json().await.unwrap();
        let names: Vec<_> = page.sessions.into_iter().map(|s| s.name).collect();
        assert_eq!(names, expected_names()[PAGE_SIZE..2 * PAGE_SIZE].to_vec());
        assert!(page.next_cursor.is_some());
    })
}

#[test]
fn a_server_function_error_has_its_status_and_a_readable_message() {
    common::run(async {
        let app = spawn_app().await;
        let response = app
            .client
            .post(format!("{}/api/list_sessions", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("after=forged")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let err: app::error::AppError = response.json().await.unwrap();
        assert_eq!(err.status, 400);
        assert!(err.message.contains("not valid any more"), "{err:?}");
    })
}

#[test]
fn responses_are_compressed_when_the_client_accepts_it() {
    common::run(async {
        let app = spawn_app().await;
        for encoding in ["br", "gzip"] {
            let response = app
                .client
                .get(format!("{}/", app.address))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(response.headers()["content-encoding"], encoding);
        }
        let plain = app.get("/").await;
        assert!(plain.headers().get("content-encoding").is_none());
    })
}

#[test]
fn health_and_readiness_answer() {
    common::run(async {
        let app = spawn_app().await;
        assert_eq!(app.get_text("/healthz").await, (200, "ok".to_string()));
        assert_eq!(app.get_text("/readyz").await, (200, "ready".to_string()));
    })
}

#[test]
fn every_response_carries_a_request_id() {
    common::run(async {
        let app = spawn_app().await;
        let generated = app.get("/healthz").await;
        let id = generated.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let given = app
            .client
            .get(format!("{}/healthz", app.address))
            .header("x-request-id", "from-cloudfront-123")
            .send()
            .await
            .unwrap();
        assert_eq!(given.headers()["x-request-id"], "from-cloudfront-123");
    })
}

#[test]
fn a_restart_keeps_what_was_stored() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let first = spawn_app_in(dir.path(), &[]).await;
        let (_, before) = first.get_text("/").await;
        first.stop().await;

        // Seeding is off the second time: whatever is listed was read back from the file.
        let second = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let (_, after) = second.get_text("/").await;
        assert_eq!(session_names(&after), session_names(&before));
        assert_eq!(common::listed_names(&after).len(), PAGE_SIZE);
        second.stop().await;
    })
}

#[test]
fn an_empty_store_without_seeding_shows_an_empty_directory() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let (status, html) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert!(html.contains("0 sessions in 0 countries"));
        assert!(session_names(&html).is_empty());
    })
}
