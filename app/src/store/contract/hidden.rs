//! The store contract for moderation: a hidden session leaves every list, search, map
//! cell and count but can still be read by id (for moderators); a hidden review's stars
//! leave the rating; restoring brings both back.
use std::sync::Arc;

use crate::model::fixtures::sample_session;
use crate::model::{PlacePath, SessionId};
use crate::store::{PageRequest, Store};

fn ennis_point() -> crate::model::GeoPoint {
    crate::model::GeoPoint {
        lat: 52.8436,
        lng: -8.9864,
    }
}

async fn visible_everywhere(store: &dyn Store) -> [usize; 6] {
    let listed = store
        .list_sessions(PageRequest::first(100))
        .await
        .unwrap()
        .sessions
        .len();
    let town = PlacePath::Town {
        country: "ie".into(),
        area: "clare".into(),
        town: "ennis".into(),
    };
    let in_town = store
        .sessions_in_place(&town, PageRequest::first(100))
        .await
        .unwrap()
        .sessions
        .len();
    let counted = store
        .place_children(&PlacePath::World)
        .await
        .unwrap()
        .iter()
        .map(|c| c.sessions as usize)
        .sum();
    let newest = store.newest_sessions(100).await.unwrap().len();
    let found = store
        .search_sessions(&["secret".to_string()])
        .await
        .unwrap()
        .len();
    let near = store.sessions_near(ennis_point(), 5.0).await.unwrap().len();
    [listed, in_town, counted, newest, found, near]
}

pub async fn a_hidden_session_leaves_every_list_until_restored(store: Arc<dyn Store>) {
    let mut session = sample_session("s1", "Secret Session", "IE");
    session.added_by = "aoife".into();
    store.create_session(&session).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [1; 6]);

    session.hidden = true;
    let hidden = store.update_session(&session).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [0; 6]);
    assert!(store.sessions_added_by("aoife").await.unwrap().is_empty());
    let read = store.get_session(&session.id).await.unwrap().unwrap();
    assert!(read.hidden, "still readable by id, marked hidden");

    let mut restored = hidden.clone();
    restored.hidden = false;
    store.update_session(&restored).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [1; 6]);
}

pub async fn a_hidden_review_leaves_the_rating_until_restored(store: Arc<dyn Store>) {
    store
        .create_session(&sample_session("s1", "Rated", "IE"))
        .await
        .unwrap();
    let id = SessionId("s1".into());
    let mut review = crate::model::Review {
        session_id: id.clone(),
        author: "aoife".into(),
        author_name: "Aoife".into(),
        stars: 1,
        visited_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        text: "Rude words".into(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
        hidden: false,
    };
    store.put_review(&review).await.unwrap();
    let mut other = review.clone();
    other.author = "brian".into();
    other.stars = 5;
    store.put_review(&other).await.unwrap();
    let rating = |store: Arc<dyn Store>| {
        let id = id.clone();
        async move {
            store
                .session_with_activity(&id)
                .await
                .unwrap()
                .unwrap()
                .1
                .rating
        }
    };
    assert_eq!(rating(store.clone()).await.by_stars, [1, 0, 0, 0, 1]);
    review.hidden = true;
    store.put_review(&review).await.unwrap();
    assert_eq!(rating(store.clone()).await.by_stars, [0, 0, 0, 0, 1]);
    assert!(store.delete_review(&id, "aoife").await.unwrap());
    assert_eq!(
        rating(store.clone()).await.by_stars,
        [0, 0, 0, 0, 1],
        "deleting a hidden review takes nothing more away"
    );
    review.hidden = false;
    store.put_review(&review).await.unwrap();
    assert_eq!(rating(store.clone()).await.by_stars, [1, 0, 0, 0, 1]);
}

fn report(id: &str, session: &str) -> crate::model::Report {
    crate::model::Report {
        id: id.into(),
        target: crate::model::ReportTarget::Session {
            session_id: SessionId(session.into()),
        },
        reason: "wrong".into(),
        details: "It moved".into(),
        reporter: "aoife".into(),
        reporter_name: "Aoife".into(),
        at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn entry(minute: i64, report_id: Option<&str>) -> crate::model::AuditEntry {
    crate::model::AuditEntry {
        at: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(minute),
        moderator: "mod".into(),
        moderator_name: "Mod".into(),
        action: crate::model::ModerationAction::Dismiss,
        target: report("x", "s1").target,
        report_id: report_id.map(str::to_string),
        summary: "Session".into(),
    }
}

pub async fn reports_queue_oldest_first_and_close_once_with_an_audit_entry(store: Arc<dyn Store>) {
    for id in ["20261101-b", "20261101-a", "20261102-c"] {
        store.file_report(&report(id, "s1")).await.unwrap();
    }
    let ids = |reports: Vec<crate::model::Report>| -> Vec<String> {
        reports.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(
        ids(store.open_reports().await.unwrap()),
        ["20261101-a", "20261101-b", "20261102-c"]
    );
    let closed = store
        .close_report("20261101-a", &entry(1, Some("20261101-a")))
        .await
        .unwrap();
    assert_eq!(closed.map(|r| r.id).as_deref(), Some("20261101-a"));
    let again = store
        .close_report("20261101-a", &entry(2, Some("20261101-a")))
        .await
        .unwrap();
    assert!(again.is_none(), "a report is settled once");
    store.record_audit(&entry(3, None)).await.unwrap();
    assert_eq!(
        ids(store.open_reports().await.unwrap()),
        ["20261101-b", "20261102-c"]
    );
    let log: Vec<i64> = store
        .audit_log()
        .await
        .unwrap()
        .iter()
        .map(|e| e.at.timestamp() / 60)
        .collect();
    assert_eq!(
        log,
        [3, 1],
        "newest first; the refused second close left no entry"
    );
}
