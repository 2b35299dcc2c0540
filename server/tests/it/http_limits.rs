//! Limits and authorization across every write: anonymous visitors can write nothing,
//! bodies over 64 KB are refused with a message, and every text field is bounded.
use crate::common;

use app::model::fixtures::sample_session;
use app::model::SessionId;
use common::{spawn_app_in, TestApp};

async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    app.store
        .create_session(&sample_session("doolin", "Doolin Trad", "IE"), None)
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
            .get_session(&SessionId::parse("doolin").unwrap())
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
            let response = app.visitor().call(endpoint, form).await;
            assert_eq!(response.status(), 401, "{endpoint}");
        }
        let after = app
            .store
            .get_session(&SessionId::parse("doolin").unwrap())
            .await
            .unwrap();
        assert_eq!(before, after, "the session is untouched");
        let (_, activity) = app
            .store
            .session_with_activity(&SessionId::parse("doolin").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(activity.reviews.is_empty() && activity.history.is_empty());
        let queue = app
            .store
            .report_queue(app::store::PageRequest::first(25))
            .await
            .unwrap();
        assert!(queue.items.is_empty(), "no report was filed");
    })
}

#[test]
fn a_body_over_64_kb_is_refused_with_a_message_and_changes_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app
            .new_member("Máire", "maire@example.org", "Reels4Ever")
            .await;
        let huge = "x".repeat(100 * 1024);
        let response = maire.save_review("doolin", "5", &huge).await;
        assert_eq!(response.status(), 413);
        let err: app::error::AppError = response.json().await.unwrap();
        assert!(err.message.contains("64 KB"), "{}", err.message);
        let (_, activity) = app
            .store
            .session_with_activity(&SessionId::parse("doolin").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(activity.reviews.is_empty());
        // Just under the cap is read normally (and then refused for its length).
        let long = "x".repeat(5_000);
        let response = maire.save_review("doolin", "5", &long).await;
        assert_eq!(response.status(), 400);
    })
}

/// Each free-text field of the session form, one at a time one character over its limit:
/// refused, naming that field alone and its limit. (The time zone is bounded by being one
/// the zone database knows.)
#[test]
fn every_session_text_field_is_bounded() {
    use app::model::{MAX_CONTACT, MAX_DESCRIPTION, MAX_NAME, MAX_PLACE, MAX_REASON};
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app
            .new_member("Máire", "maire@example.org", "Reels4Ever")
            .await;
        // (form field, the error's field, limit, what a value of that length looks like)
        type Case = (&'static str, &'static str, usize, fn(usize) -> String);
        let cases: [Case; 10] = [
            ("name", "name", MAX_NAME, |n| "y".repeat(n)),
            ("venue_name", "venue.name", MAX_NAME, |n| "y".repeat(n)),
            ("town", "town", MAX_PLACE, |n| "y".repeat(n)),
            ("area", "area", MAX_PLACE, |n| "y".repeat(n)),
            ("address", "address", MAX_CONTACT, |n| "y".repeat(n)),
            ("venue_phone", "venue_phone", MAX_CONTACT, |n| "1".repeat(n)),
            ("venue_email", "venue_email", MAX_CONTACT, |n| {
                format!("{}@example.org", "y".repeat(n - 12))
            }),
            ("venue_website", "venue_website", MAX_CONTACT, |n| {
                format!("https://{}", "y".repeat(n - 8))
            }),
            ("description", "description", MAX_DESCRIPTION, |n| {
                "y".repeat(n)
            }),
            ("status_reason", "status_reason", MAX_REASON, |n| {
                "y".repeat(n)
            }),
        ];
        for (field, error_field, limit, value) in cases {
            let long = value(limit + 1);
            assert_eq!(long.chars().count(), limit + 1);
            let form_field = format!("draft[{field}]");
            let mut form = vec![
                ("intent", "save".into()),
                ("draft[name]", "Long Fields".into()),
                ("draft[venue_name]", "The Venue".into()),
                ("draft[town]", "Ennis".into()),
                ("draft[area]", "Clare".into()),
                ("draft[country_code]", "IE".into()),
                ("draft[time_zone]", "Europe/Dublin".into()),
                ("draft[schedules][0][kind]", "weekly".into()),
                ("draft[schedules][0][day]", "wed".into()),
                ("draft[schedules][0][start]", "21:00".into()),
            ];
            if field == "status_reason" {
                form.push(("draft[status]", "closed".into()));
            }
            form.retain(|(name, _)| *name != form_field);
            form.push((form_field.as_str(), long));
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = maire.call("save_session", &pairs).await;
            assert_eq!(response.status(), 200, "{field}");
            let outcome: app::api::session_form::SaveOutcome = response.json().await.unwrap();
            let app::api::session_form::SaveOutcome::Invalid(errors) = outcome else {
                panic!("{field}: {outcome:?}")
            };
            let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, [error_field], "{field}: {errors:?}");
            assert!(
                errors[0]
                    .message
                    .contains(&format!("at most {limit} characters")),
                "{field}: {}",
                errors[0].message
            );
        }
        let stored = app
            .store
            .list_sessions(app::store::PageRequest::first(10))
            .await
            .unwrap();
        assert_eq!(
            stored.items.len(),
            1,
            "only the session the test began with"
        );
    })
}
