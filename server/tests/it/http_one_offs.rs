//! A one-off session (a festival night) whose date has passed leaves every list, search,
//! near me and the feed, while its page stays reachable by its link and says plainly that
//! the event is over. One still to come is listed like any other.
use crate::common;

use app::model::fixtures::sample_session;
use app::model::{PlacePath, Schedule, Session};
use chrono::{Days, NaiveTime, Utc};
use common::spawn_app_in;

fn one_off(id: &str, name: &str, days_from_today: i64) -> Session {
    let mut session = sample_session(id, name, "IE");
    let today = Utc::now().date_naive();
    let date = if days_from_today < 0 {
        today - Days::new(days_from_today.unsigned_abs())
    } else {
        today + Days::new(days_from_today as u64)
    };
    session.schedules = vec![Schedule::Once {
        date,
        start: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        end: None,
    }];
    session
}

#[test]
fn a_one_off_that_is_over_leaves_every_list_but_keeps_its_page() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let over = one_off("fleadh-over", "Fleadh Past Session", -100);
        let coming = one_off("fleadh-coming", "Fleadh Coming Session", 10);
        let weekly = sample_session("weekly", "Fleadh Weekly Session", "IE");
        for session in [&over, &coming, &weekly] {
            app.store.create_session(session, None).await.unwrap();
        }
        let point = weekly.point.unwrap();
        for path in [
            "/".to_string(),
            "/sessions/ie/clare/ennis".to_string(),
            "/search?q=fleadh".to_string(),
            format!("/near?lat={}&lng={}&km=10", point.lat, point.lng),
            "/feed.atom".to_string(),
            "/api/v1/search?q=fleadh".to_string(),
        ] {
            let (status, body) = app.get_text(&path).await;
            assert_eq!(status, 200, "{path}");
            assert!(!body.contains("Fleadh Past Session"), "{path} lists it");
            assert!(body.contains("Fleadh Coming Session"), "{path}: {body}");
            assert!(body.contains("Fleadh Weekly Session"), "{path}");
        }

        let (status, page) = app.get_text("/session/fleadh-over").await;
        assert_eq!(status, 200, "still reachable by its link");
        assert!(page.contains("This event is over: it was on"), "{page}");
        assert!(!page.contains("Possibly stale"), "over, not stale");
        let (_, coming_page) = app.get_text("/session/fleadh-coming").await;
        assert!(!coming_page.contains("This event is over"));

        // The hourly upkeep marks it over, so it leaves the counts too, once.
        let count =
            || async { app.store.place_children(&PlacePath::World).await.unwrap()[0].sessions };
        assert_eq!(count().await, 3);
        assert_eq!(
            server::upkeep::retire_ended(app.store.as_ref(), Utc::now())
                .await
                .unwrap(),
            1
        );
        assert_eq!(count().await, 2, "places count what they list");
        assert_eq!(
            server::upkeep::retire_ended(app.store.as_ref(), Utc::now())
                .await
                .unwrap(),
            0
        );
        let (status, page) = app.get_text("/session/fleadh-over").await;
        assert_eq!(status, 200);
        assert!(page.contains("This event is over: it was on"));
        let (_, history) = app.get_text("/session/fleadh-over").await;
        assert!(!history.contains("seisiun-upkeep"), "no revision for it");
        app.stop().await;
    })
}

/// The author of an event that is over still finds it among the sessions they added,
/// marked as over, while it has left every public list.
#[test]
fn an_event_that_is_over_stays_with_its_author() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let author = app
            .new_member("Nóra", "nora@example.org", "Reels4Ever")
            .await;
        let mut over = one_off("fleadh-over", "Fleadh Past Session", -100);
        over.added_by = crate::http_follows::member_id(&author).await;
        app.store.create_session(&over, None).await.unwrap();
        server::upkeep::retire_ended(app.store.as_ref(), Utc::now())
            .await
            .unwrap();
        let stored = app.store.get_session(&over.id).await.unwrap().unwrap();
        assert!(stored.over, "marked over, out of every public index");

        let (status, account) = author.page("/account").await;
        assert_eq!(status, 200);
        let added = &account[account.find("Sessions you added").expect("the section")..];
        assert!(added.contains("Fleadh Past Session"), "{added}");
        assert!(added.contains(">Over<"), "said to be over: {added}");
        let (_, home) = app.get_text("/").await;
        assert!(!home.contains("Fleadh Past Session"));
        app.stop().await;
    })
}
