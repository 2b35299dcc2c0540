//! Bookmarks and the member's own pages over HTTP: bookmark and unbookmark from the
//! session page, the account page lists bookmarks, reviews and sessions added, and the
//! private calendar feed works until its link is replaced or turned off. Only the member
//! sees their own lists; anonymous visitors can do none of it.
use crate::accounts;
use crate::common;

use accounts::Browser;
use app::model::fixtures::sample_session;
use common::{spawn_app_in, TestApp};

const PASSWORD: &str = "Reels4Ever";

async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    for (id, name) in [("doolin", "Doolin Trad"), ("ennis", "Ennis Céilí")] {
        app.store
            .create_session(&sample_session(id, name, "IE"), None)
            .await
            .unwrap();
    }
    (app, dir)
}

/// The part of the account page under a heading, up to the next section.
fn section<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}: {html}"));
    let rest = &html[start..];
    &rest[..rest[1..].find("<section").map_or(rest.len(), |end| end + 1)]
}

#[test]
fn members_bookmark_sessions_and_find_them_on_their_account_page() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        let page = page_200(&maire, "/session/doolin").await;
        assert!(page.contains(">Bookmark<") && page.contains("aria-pressed=\"false\""));

        let response = maire
            .call(
                "set_bookmark",
                &[("session_id", "doolin"), ("bookmarked", "true")],
            )
            .await;
        assert_eq!(response.status(), 200);
        let page = page_200(&maire, "/session/doolin").await;
        // The button's words (its `data-on`/`data-off` carry both, for the island).
        assert!(page.contains(">Bookmarked ✓<") && page.contains("aria-pressed=\"true\""));
        let other = page_200(&brian, "/session/doolin").await;
        assert!(
            other.contains(">Bookmark<") && !other.contains(">Bookmarked ✓<"),
            "bookmarks are per member"
        );
        let account = page_200(&maire, "/account").await;
        assert!(
            section(&account, "Your bookmarks").contains("Doolin Trad"),
            "{account}"
        );
        assert!(!section(&account, "Your bookmarks").contains("Ennis Céilí"));
        let theirs = page_200(&brian, "/account").await;
        assert!(!section(&theirs, "Your bookmarks").contains("Doolin Trad"));

        maire
            .call(
                "set_bookmark",
                &[("session_id", "doolin"), ("bookmarked", "false")],
            )
            .await;
        let account = page_200(&maire, "/account").await;
        assert!(section(&account, "Your bookmarks").contains("No bookmarks yet"));

        let response = maire
            .call(
                "set_bookmark",
                &[("session_id", "nope"), ("bookmarked", "true")],
            )
            .await;
        assert_eq!(response.status(), 404);
    })
}

#[test]
fn the_account_page_lists_the_members_reviews_and_sessions() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let subject = maire.current_member().await["subject"]
            .as_str()
            .unwrap()
            .to_string();
        let mut hers = sample_session("hers", "Máire's Wednesday", "IE");
        hers.added_by = subject.into();
        app.store.create_session(&hers, None).await.unwrap();
        let response = maire
            .save_review("ennis", "5", "Céilí band on the night.")
            .await;
        assert_eq!(response.status(), 200);
        let account = page_200(&maire, "/account").await;
        let reviews = section(&account, "Your reviews");
        assert!(
            reviews.contains("Ennis Céilí") && reviews.contains("5 out of 5"),
            "{reviews}"
        );
        assert!(reviews.contains("Céilí band on the night."));
        assert!(
            section(&account, "Sessions you added").contains("Máire&#x27;s Wednesday")
                || section(&account, "Sessions you added").contains("Máire's Wednesday")
        );
    })
}

#[test]
fn the_private_calendar_feed_follows_the_bookmarks_until_its_link_changes() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        for id in ["doolin", "ennis"] {
            maire
                .call(
                    "set_bookmark",
                    &[("session_id", id), ("bookmarked", "true")],
                )
                .await;
        }
        let response = maire.call("new_feed_link", &[]).await;
        assert_eq!(response.status(), 200);
        let url: String = response.json().await.unwrap();
        let path = url
            .split_once("/feeds/")
            .map(|(_, p)| format!("/feeds/{p}"))
            .unwrap();
        let feed = app.get(&path).await;
        assert_eq!(feed.status(), 200);
        assert_eq!(
            feed.headers()["content-type"],
            "text/calendar; charset=utf-8"
        );
        assert!(feed.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private"));
        let body = feed.text().await.unwrap();
        assert!(body.contains("X-WR-CALNAME:Seisiún bookmarks"));
        assert!(body.contains("SUMMARY:Doolin Trad") && body.contains("SUMMARY:Ennis Céilí"));
        let account = page_200(&maire, "/account").await;
        assert!(account.contains(&url), "the link is on the account page");

        let response = maire.call("new_feed_link", &[]).await;
        let newer: String = response.json().await.unwrap();
        assert_ne!(newer, url);
        assert_eq!(
            app.get(&path).await.status(),
            404,
            "the old link stops working"
        );
        let newer_path = newer
            .split_once("/feeds/")
            .map(|(_, p)| format!("/feeds/{p}"))
            .unwrap();
        assert_eq!(app.get(&newer_path).await.status(), 200);

        maire.call("turn_off_feed", &[]).await;
        assert_eq!(app.get(&newer_path).await.status(), 404);
        assert_eq!(app.get("/feeds/bookmarks/guess.ics").await.status(), 404);
    })
}

#[test]
fn anonymous_visitors_have_no_bookmarks_lists_or_feeds() {
    common::run(async {
        let (app, _dir) = app().await;
        for (endpoint, form) in [
            (
                "set_bookmark",
                vec![("session_id", "doolin"), ("bookmarked", "true")],
            ),
            ("my_things", vec![]),
            ("new_feed_link", vec![]),
            ("turn_off_feed", vec![]),
        ] {
            let response = app.visitor().call(endpoint, &form).await;
            assert_eq!(response.status(), 401, "{endpoint}");
        }
        let page = page_200(&app.visitor(), "/session/doolin").await;
        assert!(
            !page.contains(">Bookmark<"),
            "no bookmark button for visitors"
        );
    })
}

/// A page that must load, as a member sees it.
async fn page_200(browser: &Browser, path: &str) -> String {
    let (status, html) = browser.page(path).await;
    assert_eq!(status, 200, "{path}");
    html
}
