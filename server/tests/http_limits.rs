//! Limits and authorization across every write: anonymous visitors can write nothing,
//! bodies over 64 KB are refused with a message, and every text field is bounded.
mod accounts;
mod common;

use accounts::{call, member_cookies, save_review};
use app::model::fixtures::sample_session;
use app::model::SessionId;
use common::{spawn_app_in, TestApp};

async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    app.store
        .create_session(&sample_session("doolin", "Doolin Trad", "IE"))
        .await
        .unwrap();
    (app, dir)
}

#[test]
fn anonymous_visitors_can_write_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let before = app
            .store
            .get_session(&SessionId("doolin".into()))
            .await
            .unwrap();
        let writes: [(&str, &[(&str, &str)]); 11] = [
            (
                "save_review",
                &[
                    ("session_id", "doolin"),
                    ("stars", "5"),
                    ("visited_on", "2026-11-01"),
                    ("text", "x"),
                ],
            ),
            ("delete_review", &[("session_id", "doolin")]),
            (
                "set_bookmark",
                &[("session_id", "doolin"), ("bookmarked", "true")],
            ),
            ("confirm_session", &[("session_id", "doolin")]),
            ("report", &[("session_id", "doolin"), ("reason", "spam")]),
            (
                "save_session",
                &[
                    ("session_id", "doolin"),
                    ("intent", "save"),
                    ("draft[name]", "Mine now"),
                ],
            ),
            ("new_feed_link", &[]),
            ("turn_off_feed", &[]),
            ("update_profile", &[("name", "Anon")]),
            ("moderate", &[("report_id", "x"), ("action", "hide")]),
            ("restore", &[("session_id", "doolin")]),
        ];
        for (endpoint, form) in writes {
            let response = call(&app, endpoint, form, "").await;
            assert_eq!(response.status(), 401, "{endpoint}");
        }
        let after = app
            .store
            .get_session(&SessionId("doolin".into()))
            .await
            .unwrap();
        assert_eq!(before, after, "the session is untouched");
        let (_, activity) = app
            .store
            .session_with_activity(&SessionId("doolin".into()))
            .await
            .unwrap()
            .unwrap();
        assert!(activity.reviews.is_empty() && activity.history.is_empty());
        let queue = app
            .store
            .report_queue(app::store::PageRequest::first(25))
            .await
            .unwrap();
        assert!(queue.groups.is_empty(), "no report was filed");
    })
}

#[test]
fn a_body_over_64_kb_is_refused_with_a_message_and_changes_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = member_cookies(&app, "Máire", "maire@example.org", "Reels4Ever").await;
        let huge = "x".repeat(100 * 1024);
        let response = save_review(&app, &maire, "doolin", "5", &huge).await;
        assert_eq!(response.status(), 413);
        let err: app::error::AppError = response.json().await.unwrap();
        assert!(err.message.contains("64 KB"), "{}", err.message);
        let (_, activity) = app
            .store
            .session_with_activity(&SessionId("doolin".into()))
            .await
            .unwrap()
            .unwrap();
        assert!(activity.reviews.is_empty());
        // Just under the cap is read normally (and then refused for its length).
        let long = "x".repeat(5_000);
        let response = save_review(&app, &maire, "doolin", "5", &long).await;
        assert_eq!(response.status(), 400);
    })
}

#[test]
fn every_session_text_field_is_bounded() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = member_cookies(&app, "Máire", "maire@example.org", "Reels4Ever").await;
        let long = "y".repeat(201);
        let response = call(
            &app,
            "save_session",
            &[
                ("session_id", ""),
                ("intent", "save"),
                ("draft[name]", "Long Fields"),
                ("draft[venue_name]", "The Venue"),
                ("draft[town]", "Ennis"),
                ("draft[area]", "Clare"),
                ("draft[country_code]", "IE"),
                ("draft[time_zone]", "Europe/Dublin"),
                ("draft[address]", &long),
                ("draft[venue_phone]", &long),
                ("draft[schedules][0][kind]", "weekly"),
                ("draft[schedules][0][day]", "wed"),
                ("draft[schedules][0][start]", "21:00"),
            ],
            &maire,
        )
        .await;
        assert_eq!(response.status(), 200);
        let outcome: app::api::session_form::SaveOutcome = response.json().await.unwrap();
        let app::api::session_form::SaveOutcome::Invalid(errors) = outcome else {
            panic!("{outcome:?}")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["address", "venue_phone"]);
        assert!(errors[0]
            .message
            .contains("at most 200 characters (it has 201)"));
    })
}
