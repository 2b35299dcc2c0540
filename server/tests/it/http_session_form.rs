//! Adding and editing sessions over HTTP, as the form posts them: preview saves nothing,
//! a bad form names each problem and saves nothing, likely duplicates are offered first,
//! the new session shows in its town and in search, the author (or a moderator) edits
//! and closes it with every change kept as a revision, and nobody else can.
use crate::accounts;
use crate::common;

use accounts::Browser;
use app::api::session_form::SaveOutcome;
use common::{spawn_app_in, TestApp};

const PASSWORD: &str = "Reels4Ever";

fn form(session_id: &str, intent: &str, fields: &[(&str, &str)]) -> Vec<(String, String)> {
    // As the form sends it: a new session has no id field at all.
    let mut pairs = vec![("intent".to_string(), intent.to_string())];
    if !session_id.is_empty() {
        pairs.push(("session_id".to_string(), session_id.to_string()));
    }
    let defaults = [
        ("name", "Wednesday Tunes"),
        ("venue_name", "Hogan's Bar"),
        ("town", "Ennis"),
        ("area", "Clare"),
        ("country_code", "IE"),
        ("time_zone", "Europe/Dublin"),
        ("lat", "52.8436"),
        ("lng", "-8.9864"),
        ("schedules][0][kind", "weekly"),
        ("schedules][0][day", "wed"),
        ("schedules][0][start", "21:30"),
        ("tags][1", "slow"),
        ("status", "active"),
    ];
    for (name, value) in defaults {
        let value = fields
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(value, |(_, v)| *v);
        pairs.push((format!("draft[{name}]"), value.to_string()));
    }
    for (name, value) in fields {
        if !defaults.iter().any(|(n, _)| n == name) {
            pairs.push((format!("draft[{name}]"), value.to_string()));
        }
    }
    pairs
}

async fn save(member: &Browser, pairs: Vec<(String, String)>) -> (u16, Option<SaveOutcome>) {
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = member.call("save_session", &pairs).await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).ok())
}

/// How many sessions the store holds (the tests start from an empty one).
async fn stored_sessions(app: &TestApp) -> usize {
    app.store
        .list_sessions(app::store::PageRequest::first(100))
        .await
        .unwrap()
        .items
        .len()
}

async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    (app, dir)
}

#[test]
fn a_member_previews_then_adds_a_session_that_shows_in_its_town_and_in_search() {
    common::run(async {
        let (app, _dir) = app().await;
        let (_, page) = app.visitor().page("/add-session").await;
        assert!(page.contains("Sign in to add a session"));
        let (status, _) = save(&app.visitor(), form("", "save", &[])).await;
        assert_eq!(status, 401, "anonymous visitors cannot add");

        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let (_, page) = maire.page("/add-session").await;
        assert!(page.contains("name=\"draft[name]\"") && page.contains("Add the session"));

        let (status, outcome) = save(&maire, form("", "preview", &[])).await;
        assert_eq!(status, 200);
        match outcome {
            Some(SaveOutcome::Preview { card, .. }) => {
                assert_eq!(card.name, "Wednesday Tunes");
                assert_eq!(card.schedule, "Wednesdays from 21:30");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(stored_sessions(&app).await, 0, "a preview saves nothing");

        let (status, outcome) = save(&maire, form("", "save", &[])).await;
        assert_eq!(status, 200);
        let Some(SaveOutcome::Saved { href }) = outcome else {
            panic!("{outcome:?}")
        };
        assert!(href.starts_with("/session/wednesday-tunes-"), "{href}");
        let (_, page) = maire.page(&href).await;
        assert!(
            page.contains("Wednesday Tunes")
                && (page.contains("Hogan&#x27;s Bar") || page.contains("Hogan's Bar")),
            "{page}"
        );
        assert!(page.contains("Edit this session"), "the author may edit");
        assert!(
            page.contains("Added the session") && page.contains("Máire"),
            "the first revision"
        );
        let (_, town) = app.get_text("/sessions/ie/clare/ennis").await;
        assert!(town.contains("Wednesday Tunes"), "in its town");
        let (_, found) = app.get_text("/search?q=wednesday+tunes").await;
        assert!(found.contains("Wednesday Tunes"), "in search");
        let (_, other) = app.visitor().page(&href).await;
        assert!(!other.contains("Edit this session"));
    })
}

#[test]
fn a_bad_form_names_each_problem_and_saves_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let (status, outcome) = save(
            &maire,
            form(
                "",
                "save",
                &[
                    ("name", ""),
                    ("time_zone", "Mars/Olympus"),
                    ("schedules][0][start", "half nine"),
                    ("lat", "north"),
                ],
            ),
        )
        .await;
        assert_eq!(status, 200);
        let Some(SaveOutcome::Invalid(errors)) = outcome else {
            panic!("{outcome:?}")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for field in ["name", "time_zone", "schedules.0", "point"] {
            assert!(fields.contains(&field), "{field}: {fields:?}");
        }
        assert!(errors.iter().any(|e| e.message.contains("like 21:30")));
        assert_eq!(stored_sessions(&app).await, 0, "a bad form saves nothing");

        // Only the name wrong: still nothing saved, the rest of the form was fine.
        let (_, outcome) = save(&maire, form("", "save", &[("name", " ")])).await;
        assert!(
            matches!(outcome, Some(SaveOutcome::Invalid(_))),
            "{outcome:?}"
        );
        assert_eq!(stored_sessions(&app).await, 0);
    })
}

/// The button's intent is one of three: anything else (a stale page, a hand-made post) is
/// refused as unreadable, where it used to save.
#[test]
fn an_unknown_intent_is_refused_and_saves_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        for intent in ["publish", "", "SAVE"] {
            let (status, outcome) = save(&maire, form("", intent, &[])).await;
            assert_eq!(status, 400, "{intent:?}: {outcome:?}");
        }
        let pairs = form("", "save", &[]);
        let without: Vec<(String, String)> =
            pairs.into_iter().filter(|(k, _)| k != "intent").collect();
        assert_eq!(save(&maire, without).await.0, 400, "no intent");
        assert_eq!(stored_sessions(&app).await, 0, "nothing was saved");
        // The same form with a real intent saves: the refusal was the intent alone.
        let (status, outcome) = save(&maire, form("", "save-anyway", &[])).await;
        assert_eq!(status, 200);
        assert!(
            matches!(outcome, Some(SaveOutcome::Saved { .. })),
            "{outcome:?}"
        );
        assert_eq!(stored_sessions(&app).await, 1);
    })
}

#[test]
fn likely_duplicates_are_offered_before_a_new_session_is_made() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        let (_, first) = save(&maire, form("", "save", &[])).await;
        assert!(matches!(first, Some(SaveOutcome::Saved { .. })));
        // Same venue (named a little differently), 200 m away, same day.
        let again = form(
            "",
            "save",
            &[
                ("name", "Hogan's Wednesday"),
                ("venue_name", "Hogans"),
                ("lat", "52.8450"),
            ],
        );
        let (_, outcome) = save(&brian, again.clone()).await;
        let Some(SaveOutcome::PossibleDuplicates(offered)) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].name, "Wednesday Tunes");
        // A different day at the same venue is not a duplicate.
        let (_, other_day) = save(
            &brian,
            form(
                "",
                "save",
                &[("name", "Hogan's Friday"), ("schedules][0][day", "fri")],
            ),
        )
        .await;
        assert!(
            matches!(other_day, Some(SaveOutcome::Saved { .. })),
            "{other_day:?}"
        );
        // The member says it is new after all.
        let anyway: Vec<_> = again
            .into_iter()
            .map(|(k, v)| {
                if k == "intent" {
                    (k, "save-anyway".to_string())
                } else {
                    (k, v)
                }
            })
            .collect();
        let (_, outcome) = save(&brian, anyway).await;
        assert!(
            matches!(outcome, Some(SaveOutcome::Saved { .. })),
            "{outcome:?}"
        );
    })
}

#[test]
fn only_the_author_or_a_moderator_edits_and_each_change_is_kept() {
    common::run(async {
        let (app, _dir) = app().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        let (_, outcome) = save(&maire, form("", "save", &[])).await;
        let Some(SaveOutcome::Saved { href }) = outcome else {
            panic!("{outcome:?}")
        };
        let id = href.trim_start_matches("/session/").to_string();
        let (status, page) = maire.page(&format!("/session/{id}/edit")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("value=\"Wednesday Tunes\""),
            "the form is filled in"
        );

        // Brian cannot, by page, server function or API.
        let (_, page) = brian.page(&format!("/session/{id}/edit")).await;
        assert!(
            page.contains("Only the member who added this session"),
            "{page}"
        );
        let (status, _) = save(
            &brian,
            form(&id, "save", &[("name", "Hijacked"), ("version", "0")]),
        )
        .await;
        assert_eq!(status, 403);
        let api = app
            .client
            .put(format!("{}/api/v1/sessions/{id}", app.address))
            .header("cookie", &brian.cookies)
            .header("content-type", "application/json")
            .body(r#"{"name":"Hijacked"}"#)
            .send()
            .await
            .unwrap();
        assert!(
            api.status() == 405 || api.status() == 404,
            "the API is read-only: {}",
            api.status()
        );
        let stored = app
            .store
            .get_session(&app::model::SessionId::parse(&id).unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.name, "Wednesday Tunes", "Brian changed nothing");

        let (_, outcome) = save(
            &maire,
            form(&id, "save", &[("name", "Wednesday Trad"), ("version", "0")]),
        )
        .await;
        assert!(
            matches!(outcome, Some(SaveOutcome::Saved { .. })),
            "{outcome:?}"
        );
        // A second edit from the same old form loses to the first, keeping its input.
        let (_, stale) = save(
            &maire,
            form(&id, "save", &[("name", "Stale Name"), ("version", "0")]),
        )
        .await;
        assert!(matches!(stale, Some(SaveOutcome::Conflict(_))), "{stale:?}");

        let (_, outcome) = save(
            &maire,
            form(
                &id,
                "save",
                &[
                    ("name", "Wednesday Trad"),
                    ("version", "1"),
                    ("status", "closed"),
                    ("status_reason", "the pub shut"),
                ],
            ),
        )
        .await;
        assert!(
            matches!(outcome, Some(SaveOutcome::Saved { .. })),
            "{outcome:?}"
        );
        let (_, page) = app.visitor().page(&href).await;
        assert!(page.contains("This session has closed: the pub shut"));
        assert!(
            page.contains("Name: “Wednesday Tunes” → “Wednesday Trad”"),
            "{page}"
        );
        assert!(page.contains("Status: running → closed (the pub shut)"));
        assert!(!page.contains("Stale Name"));
        let (_, town) = app.get_text("/sessions/ie/clare/ennis").await;
        assert!(town.contains("Closed: the pub shut"));

        // A moderator may edit anyone's session.
        app.local()
            .grant_group("brian@example.org", app::model::MODERATORS)
            .await
            .unwrap();
        let moderator = app.signed_in_again("brian@example.org", PASSWORD).await;
        let (_, outcome) = save(
            &moderator,
            form(
                &id,
                "save",
                &[
                    ("name", "Wednesday Trad"),
                    ("version", "2"),
                    ("status", "active"),
                ],
            ),
        )
        .await;
        assert!(
            matches!(outcome, Some(SaveOutcome::Saved { .. })),
            "{outcome:?}"
        );
        let (_, page) = app.visitor().page(&href).await;
        assert!(page.contains("Status: closed (the pub shut) → running"));
    })
}
