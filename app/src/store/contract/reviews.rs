//! The store contract for reviews and the rating aggregate.
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use crate::model::fixtures::sample_session;
use crate::model::{Rating, Review, SessionId};
use crate::store::{PageRequest, Store, StoreError};

fn review(session: &str, author: &str, stars: u8, minute: i64) -> Review {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 20, 0, 0).unwrap() + Duration::minutes(minute);
    Review {
        session_id: SessionId::parse(session).unwrap(),
        author: author.into(),
        author_name: format!("Member {author}"),
        stars,
        visited_on: NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
        text: format!("{stars} stars from {author}.\nSecond line."),
        created_at: at,
        updated_at: at,
        hidden: false,
    }
}

async fn with_session(store: &dyn Store, id: &str) -> SessionId {
    store
        .create_session(&sample_session(id, &format!("Session {id}"), "IE"), None)
        .await
        .unwrap();
    SessionId::parse(id).unwrap()
}

async fn all_reviews(store: &dyn Store, id: &SessionId, limit: usize) -> Vec<Review> {
    let mut found = Vec::new();
    let mut cursor = None;
    for _ in 0..10_000 {
        let page = store
            .session_reviews(id, PageRequest { limit, cursor })
            .await
            .expect("session_reviews");
        found.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            return found;
        }
    }
    panic!("review pages never ended");
}

async fn rating_of(store: &dyn Store, id: &SessionId) -> Rating {
    store
        .session_with_activity(id)
        .await
        .unwrap()
        .unwrap()
        .1
        .rating
}

pub async fn reviews_move_the_rating_and_a_second_review_replaces_the_first(store: Arc<dyn Store>) {
    let id = with_session(store.as_ref(), "s1").await;
    let (_, none) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert_eq!(none.rating.count(), 0);
    assert!(none.reviews.is_empty());

    store
        .put_review(&review("s1", "aoife", 4, 0))
        .await
        .unwrap();
    store
        .put_review(&review("s1", "brian", 2, 1))
        .await
        .unwrap();
    assert_eq!(
        rating_of(store.as_ref(), &id).await.by_stars,
        [0, 1, 0, 1, 0]
    );

    let mut again = review("s1", "aoife", 5, 2);
    again.text = "Even better the second time.".into();
    let stored = store.put_review(&again).await.unwrap();
    assert_eq!(
        stored.created_at,
        review("s1", "aoife", 4, 0).created_at,
        "editing keeps when it was first written"
    );
    let (_, both) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert_eq!(
        both.rating.by_stars,
        [0, 1, 0, 0, 1],
        "one review per member"
    );
    assert_eq!(both.rating.average(), Some(3.5));
    let authors: Vec<_> = both.reviews.iter().map(|r| r.author.as_str()).collect();
    assert_eq!(authors, ["aoife", "brian"], "the newest change first");
    assert_eq!(both.reviews[0].text, "Even better the second time.");
    assert_eq!(both.reviews[1].text, "2 stars from brian.\nSecond line.");

    assert!(store.delete_review(&id, &"brian".into()).await.unwrap());
    assert!(
        !store.delete_review(&id, &"brian".into()).await.unwrap(),
        "already gone"
    );
    let (_, left) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert_eq!(left.rating.by_stars, [0, 0, 0, 0, 1]);
    assert_eq!(left.reviews.len(), 1);
}

pub async fn a_review_of_a_missing_session_is_refused_and_changes_nothing(store: Arc<dyn Store>) {
    let err = store
        .put_review(&review("ghost", "aoife", 5, 0))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    let ghost = SessionId::parse("ghost").unwrap();
    assert!(store.session_with_activity(&ghost).await.unwrap().is_none());
    assert!(all_reviews(store.as_ref(), &ghost, 10).await.is_empty());
    assert!(!store.delete_review(&ghost, &"aoife".into()).await.unwrap());
}

pub async fn review_pages_visit_every_review_once_and_stay_in_their_session(store: Arc<dyn Store>) {
    let id = with_session(store.as_ref(), "s1").await;
    let other = with_session(store.as_ref(), "s2").await;
    for n in 0..7u8 {
        store
            .put_review(&review("s1", &format!("m{n}"), n % 5 + 1, n.into()))
            .await
            .unwrap();
    }
    store.put_review(&review("s2", "m9", 3, 0)).await.unwrap();
    let walked = all_reviews(store.as_ref(), &id, 3).await;
    let authors: Vec<_> = walked.iter().map(|r| r.author.as_str()).collect();
    assert_eq!(authors, ["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
    assert_eq!(
        Rating::recount(&walked),
        rating_of(store.as_ref(), &id).await
    );

    let first = store
        .session_reviews(&id, PageRequest::first(3))
        .await
        .unwrap();
    let cursor = first.next_cursor.expect("more than one page");
    let crossed = store
        .session_reviews(
            &other,
            PageRequest {
                limit: 3,
                cursor: Some(cursor),
            },
        )
        .await;
    assert!(
        matches!(crossed, Err(StoreError::InvalidCursor)),
        "{crossed:?}"
    );
    let forged = store
        .session_reviews(
            &id,
            PageRequest {
                limit: 3,
                cursor: Some("bm90IGEgY3Vyc29y".into()),
            },
        )
        .await;
    assert!(
        matches!(forged, Err(StoreError::InvalidCursor)),
        "{forged:?}"
    );
}

/// 1,000 writes race on one session: new reviews, edits and deletions by 100 members,
/// several of them at once for the same member. Whatever order they land in, the stored
/// rating must equal a recount of the reviews left.
pub async fn a_thousand_racing_review_writes_leave_the_rating_equal_to_a_recount(
    store: Arc<dyn Store>,
) {
    let id = with_session(store.as_ref(), "busy").await;
    let in_flight = Arc::new(tokio::sync::Semaphore::new(48));
    let mut seed: u64 = 0x5e15_1c0d;
    let mut tasks = Vec::new();
    for n in 0..1_000i64 {
        // A small linear congruential generator: the same mix of writes every run.
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let member = format!("m{:02}", (seed >> 33) % 100);
        let stars = ((seed >> 20) % 5 + 1) as u8;
        let delete = (seed >> 45).is_multiple_of(4);
        let (store, id, in_flight) = (store.clone(), id.clone(), in_flight.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = in_flight.acquire().await.unwrap();
            if delete {
                store
                    .delete_review(&id, &member.as_str().into())
                    .await
                    .map(|_| ())
            } else {
                store
                    .put_review(&review("busy", &member, stars, n))
                    .await
                    .map(|_| ())
            }
        }));
    }
    let mut done = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => done += 1,
            // Only "busy, try again" may refuse a write, and it changes nothing.
            Err(StoreError::Unavailable(_)) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(done >= 900, "only {done} of 1,000 writes landed");
    let recount = Rating::recount(&all_reviews(store.as_ref(), &id, 100).await);
    let stored = rating_of(store.as_ref(), &id).await;
    assert_eq!(stored, recount, "{done} writes landed");
    assert!(recount.count() > 0);
}

fn revision(session: &str, by: &str, minute: i64, change: &str) -> crate::model::Revision {
    crate::model::Revision {
        session_id: SessionId::parse(session).unwrap(),
        at: Utc.with_ymd_and_hms(2026, 11, 1, 20, 0, 0).unwrap() + Duration::minutes(minute),
        by: by.into(),
        by_name: format!("Member {by}"),
        changes: vec![change.into()],
    }
}

pub async fn every_change_keeps_a_revision_with_it(store: Arc<dyn Store>) {
    let session = sample_session("s1", "First Name", "IE");
    store
        .create_session(
            &session,
            Some(&revision("s1", "aoife", 0, "Added the session")),
        )
        .await
        .unwrap();
    let mut renamed = session.clone();
    renamed.name = "Second Name".into();
    let stored = store
        .update_session(&renamed, Some(&revision("s1", "brian", 1, "Name changed")))
        .await
        .unwrap();
    // A stale edit fails and leaves no revision behind.
    let stale = store
        .update_session(&renamed, Some(&revision("s1", "ciara", 2, "Lost edit")))
        .await;
    assert!(
        matches!(stale, Err(StoreError::VersionConflict { .. })),
        "{stale:?}"
    );
    let taken = store
        .create_session(&session, Some(&revision("s1", "ciara", 3, "Duplicate")))
        .await;
    assert!(
        matches!(taken, Err(StoreError::AlreadyExists(_))),
        "{taken:?}"
    );
    let (read, activity) = store
        .session_with_activity(&SessionId::parse("s1").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read, stored);
    let history: Vec<_> = activity
        .history
        .iter()
        .map(|r| (r.by.as_str(), r.changes[0].as_str()))
        .collect();
    assert_eq!(
        history,
        [("brian", "Name changed"), ("aoife", "Added the session")],
        "newest first, nothing from the refused writes"
    );
}
