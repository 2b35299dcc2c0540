//! The front page answers its headline: what is on now or starts soonest comes first,
//! soonest first, each saying when in its own zone; paused sessions, one-offs that are
//! over and sessions not on in the next day and a half are not there; the whole
//! directory is a tap below; and a filtered or later page shows no such section.
use crate::common;

use app::model::fixtures::sample_session;
use app::model::{Schedule, Session, SessionStatus};
use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use common::spawn_app_in;

/// A weekly session (UTC) whose next start is `at`.
fn weekly_at(id: &str, name: &str, at: DateTime<Utc>) -> Session {
    let mut session = sample_session(id, name, "IE");
    session.time_zone = "UTC".into();
    session.schedules = vec![Schedule::Weekly {
        days: vec![at.weekday()],
        every_weeks: 1,
        anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        start: chrono::NaiveTime::from_hms_opt(at.hour(), at.minute(), 0).unwrap(),
        end: None,
    }];
    session
}

/// The names in the page's "On tonight and next" section, in order.
fn tonight_names(html: &str) -> Vec<String> {
    let start = html.find("id=\"tonight\"").expect("a tonight section");
    let end = start
        + html[start..]
            .find("id=\"all\"")
            .expect("the full list after it");
    common::session_names(&html[start..end])
}

#[test]
fn the_front_page_lists_what_is_on_tonight_and_next_soonest_first() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let now = Utc::now();
        let mut paused = weekly_at("paused", "Paused Reel Club", now + TimeDelta::hours(1));
        paused.status = SessionStatus::Paused;
        let mut over = sample_session("over", "Fleadh Gone By", "IE");
        over.schedules = vec![Schedule::Once {
            date: (now - TimeDelta::days(30)).date_naive(),
            start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            end: None,
        }];
        for session in [
            weekly_at("later", "Zither Night", now + TimeDelta::hours(5)),
            weekly_at("soon", "Yew Tree Tunes", now + TimeDelta::hours(2)),
            weekly_at("under-way", "Xylo Slow Session", now - TimeDelta::hours(1)),
            weekly_at("next-week", "Abbey Weekly", now - TimeDelta::hours(10)),
            paused,
            over,
        ] {
            app.store.create_session(&session, None).await.unwrap();
        }

        let (status, home) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert_eq!(
            tonight_names(&home),
            ["Xylo Slow Session", "Yew Tree Tunes", "Zither Night"],
            "on now first, then soonest; not paused, over or a week away"
        );
        // Each start carries its instant with the session's offset, for the visitor's
        // browser to add its own time (UTC sessions here: +00:00).
        let tonight = &home[home.find("id=\"tonight\"").unwrap()..home.find("id=\"all\"").unwrap()];
        assert_eq!(tonight.matches("<time datetime=\"").count(), 3, "{tonight}");
        assert!(tonight.contains("+00:00\" class=\"starts\">"), "{tonight}");
        // "Tonight near you" is there for the browser to fill, hidden until it does.
        assert!(
            home.contains(
                "<section aria-labelledby=\"near-tonight\" hidden class=\"near-tonight\">"
            ),
            "{home}"
        );
        assert!(
            home.contains("All 6 sessions, by name"),
            "the full list a tap away"
        );
        // The full list is still there, by name, under it.
        let all = &home[home.find("id=\"all\"").unwrap()..];
        assert_eq!(common::session_names(all)[0], "Abbey Weekly");

        // Tonight's sessions on a map: asked for by its own link, drawn in its section.
        let (_, mapped) = app.get_text("/?map=tonight").await;
        let section =
            &mapped[mapped.find("id=\"tonight\"").unwrap()..mapped.find("id=\"all\"").unwrap()];
        assert!(section.contains("class=\"list-map\""), "{section}");
        assert!(section.contains("href=\"/session/soon\""));
        assert!(
            !section.contains("href=\"/session/next-week\""),
            "only tonight's"
        );
        assert!(!home.contains("class=\"list-map\""), "no map until asked");

        for path in ["/?when=tonight", "/?tag=slow"] {
            let (_, filtered) = app.get_text(path).await;
            assert!(!filtered.contains("id=\"tonight\""), "{path}");
        }
        app.stop().await;
    })
}

/// Where sessions are many, the ones already over in the last hours must not use up the
/// places of those to come: 250 sessions that ended half an hour ago, and one in two hours.
#[test]
fn sessions_already_over_do_not_crowd_out_the_ones_to_come() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let now = Utc::now();
        let started = now - TimeDelta::minutes(210);
        for n in 0..250 {
            let session = weekly_at(&format!("done-{n:03}"), &format!("Done {n:03}"), started);
            app.store.create_session(&session, None).await.unwrap();
        }
        let coming = weekly_at("coming", "Coming Session", now + TimeDelta::hours(2));
        app.store.create_session(&coming, None).await.unwrap();
        let (_, home) = app.get_text("/").await;
        assert_eq!(tonight_names(&home), ["Coming Session"]);
        app.stop().await;
    })
}

/// At the evening's peak, what is under way must not hide what starts next: 20 sessions
/// that started in the last two hours and three to come share the twelve places.
#[test]
fn sessions_under_way_leave_room_for_what_starts_next() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let now = Utc::now();
        for n in 0..20 {
            let started = now - TimeDelta::minutes(120 - 5 * n);
            let session = weekly_at(&format!("on-{n:02}"), &format!("On Now {n:02}"), started);
            app.store.create_session(&session, None).await.unwrap();
        }
        for (n, hours) in [1, 3, 6].into_iter().enumerate() {
            let at = now + TimeDelta::hours(hours);
            let session = weekly_at(&format!("next-{n}"), &format!("Next Up {n}"), at);
            app.store.create_session(&session, None).await.unwrap();
        }
        let (_, home) = app.get_text("/").await;
        let names = tonight_names(&home);
        assert_eq!(names.len(), 12, "{names:?}");
        // The nine latest starters (the most of the night left), then all three to come.
        let latest: Vec<String> = (11..20).map(|n| format!("On Now {n:02}")).collect();
        assert_eq!(names[..9], latest[..], "{names:?}");
        assert_eq!(
            names[9..],
            ["Next Up 0", "Next Up 1", "Next Up 2"],
            "{names:?}"
        );
        app.stop().await;
    })
}

/// A long session (six hours) is on four and a half hours in, past the three hours a
/// session without an end is taken to last; one of four hours is over by then.
#[test]
fn a_long_session_is_on_now_until_its_end() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let now = Utc::now();
        let started = now - TimeDelta::minutes(270);
        let mut long = weekly_at("long", "Long Afternoon", started);
        let mut short = weekly_at("short", "Short Afternoon", started);
        for (session, hours) in [(&mut long, 6), (&mut short, 4)] {
            let Schedule::Weekly { start, end, .. } = &mut session.schedules[0] else {
                unreachable!()
            };
            *end = Some(*start + TimeDelta::hours(hours));
        }
        for session in [long, short] {
            app.store.create_session(&session, None).await.unwrap();
        }
        let (_, home) = app.get_text("/").await;
        assert_eq!(
            tonight_names(&home),
            ["Long Afternoon"],
            "the short one is over"
        );
        app.stop().await;
    })
}

/// Where more sessions are under way than a window reads (here 80 that started two to
/// three hours ago), the ones shown under way are still the latest starters.
#[test]
fn at_the_peak_the_sessions_shown_under_way_are_the_latest_starters() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
        let now = Utc::now();
        for n in 0..80 {
            let started = now - TimeDelta::minutes(170 - n / 2);
            let session = weekly_at(&format!("early-{n:02}"), &format!("Early {n:02}"), started);
            app.store.create_session(&session, None).await.unwrap();
        }
        for n in 0..6 {
            let started = now - TimeDelta::minutes(60 - 5 * n);
            let session = weekly_at(&format!("late-{n}"), &format!("Late {n}"), started);
            app.store.create_session(&session, None).await.unwrap();
        }
        let next = weekly_at("next", "Next Up", now + TimeDelta::hours(1));
        app.store.create_session(&next, None).await.unwrap();
        let (_, home) = app.get_text("/").await;
        let names = tonight_names(&home);
        // One to come leaves eleven places to what is under way: the latest starters
        // read, soonest first, so the six late ones last; then what is next.
        assert_eq!(
            names[names.len() - 7..],
            ["Late 0", "Late 1", "Late 2", "Late 3", "Late 4", "Late 5", "Next Up"],
            "{names:?}"
        );
        app.stop().await;
    })
}
