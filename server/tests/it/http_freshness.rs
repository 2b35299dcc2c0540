//! Freshness: a session nobody has confirmed for a year is marked as possibly stale on its
//! page and in lists; a member's "still running — I was there" dates it today and clears
//! the mark; anonymous visitors cannot confirm.
use crate::common;

use app::model::fixtures::sample_session;
use chrono::NaiveDate;
use common::spawn_app_in;

const STALE: &str = "Possibly stale";

fn stale_marks(html: &str) -> usize {
    html.matches(STALE).count()
}

#[test]
fn unconfirmed_sessions_are_marked_until_a_member_confirms_them() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let mut old = sample_session("old", "Old Reliable", "IE");
        old.last_confirmed = NaiveDate::from_ymd_opt(2024, 6, 1);
        let mut fresh = sample_session("fresh", "Fresh Tunes", "IE");
        fresh.last_confirmed = Some(chrono::Utc::now().date_naive());
        for session in [&old, &fresh] {
            app.store.create_session(session, None).await.unwrap();
        }

        let (_, page) = app.get_text("/session/old").await;
        assert_eq!(stale_marks(&page), 1, "{page}");
        assert!(page.contains("Last confirmed running on 1 June 2024."));
        assert!(
            page.contains("to confirm it still runs"),
            "anonymous: sign in first"
        );
        let (_, fresh_page) = app.get_text("/session/fresh").await;
        assert_eq!(stale_marks(&fresh_page), 0);
        let (_, list) = app.get_text("/sessions/ie/clare/ennis").await;
        assert_eq!(stale_marks(&list), 1, "only the old one, in the list too");

        let response = app
            .visitor()
            .call("confirm_session", &[("session_id", "old")])
            .await;
        assert_eq!(response.status(), 401);
        assert_eq!(stale_marks(&app.get_text("/session/old").await.1), 1);

        let maire = app
            .new_member("Máire", "maire@example.org", "Reels4Ever")
            .await;
        let page = app
            .client
            .get(format!("{}/session/old", app.address))
            .header(reqwest::header::COOKIE, &maire.cookies)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Still running — I was there"));
        let response = maire
            .call("confirm_session", &[("session_id", "old")])
            .await;
        assert_eq!(response.status(), 200);
        let today = chrono::Utc::now().date_naive();
        assert_eq!(
            response.json::<String>().await.unwrap(),
            today.format("%Y-%m-%d").to_string()
        );

        let (_, page) = app.get_text("/session/old").await;
        assert_eq!(stale_marks(&page), 0, "{page}");
        assert!(page.contains(&format!(
            "Last confirmed running on {}.",
            today.format("%-d %B %Y")
        )));
        let (_, list) = app.get_text("/sessions/ie/clare/ennis").await;
        assert_eq!(stale_marks(&list), 0);
        let (_, found) = app.get_text("/search?q=reliable").await;
        assert!(
            found.contains("Old Reliable") && stale_marks(&found) == 0,
            "search too"
        );

        let response = maire
            .call("confirm_session", &[("session_id", "gone")])
            .await;
        assert_eq!(response.status(), 404);
    })
}
