//! The store contract for a member's own things: bookmarks, their reviews, the sessions
//! they added, and their private calendar-feed token.
use std::sync::Arc;

use crate::model::fixtures::sample_session;
use crate::model::SessionId;
use crate::store::{Store, StoreError};

fn names(sessions: &[crate::model::Session]) -> Vec<&str> {
    sessions.iter().map(|s| s.name.as_str()).collect()
}

pub async fn bookmarks_are_per_member_newest_first_and_idempotent(store: Arc<dyn Store>) {
    for (id, name) in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")] {
        store
            .create_session(&sample_session(id, name, "IE"), None)
            .await
            .unwrap();
    }
    let id = |s: &str| SessionId::parse(s).unwrap();
    store
        .set_bookmark(&"aoife".into(), &id("b"), true)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store
        .set_bookmark(&"aoife".into(), &id("a"), true)
        .await
        .unwrap();
    store
        .set_bookmark(&"aoife".into(), &id("a"), true)
        .await
        .unwrap();
    store
        .set_bookmark(&"brian".into(), &id("c"), true)
        .await
        .unwrap();
    assert_eq!(
        names(&store.member_bookmarks(&"aoife".into()).await.unwrap()),
        ["Alpha", "Beta"],
        "newest bookmark first, once each"
    );
    assert!(store
        .is_bookmarked(&"aoife".into(), &id("a"))
        .await
        .unwrap());
    assert!(!store
        .is_bookmarked(&"aoife".into(), &id("c"))
        .await
        .unwrap());
    assert_eq!(
        names(&store.member_bookmarks(&"brian".into()).await.unwrap()),
        ["Gamma"]
    );

    store
        .set_bookmark(&"aoife".into(), &id("a"), false)
        .await
        .unwrap();
    store
        .set_bookmark(&"aoife".into(), &id("a"), false)
        .await
        .unwrap();
    assert_eq!(
        names(&store.member_bookmarks(&"aoife".into()).await.unwrap()),
        ["Beta"]
    );
    let missing = store.set_bookmark(&"aoife".into(), &id("nope"), true).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert!(store
        .member_bookmarks(&"nobody".into())
        .await
        .unwrap()
        .is_empty());
}

pub async fn bookmarked_sessions_show_their_latest_version(store: Arc<dyn Store>) {
    let session = sample_session("a", "Before", "IE");
    store.create_session(&session, None).await.unwrap();
    store
        .set_bookmark(&"aoife".into(), &session.id, true)
        .await
        .unwrap();
    let mut renamed = session.clone();
    renamed.name = "After".into();
    store.update_session(&renamed, None).await.unwrap();
    assert_eq!(
        names(&store.member_bookmarks(&"aoife".into()).await.unwrap()),
        ["After"]
    );
}

pub async fn a_members_reviews_and_sessions_are_listed_for_them(store: Arc<dyn Store>) {
    let mut mine = sample_session("m", "Mine", "IE");
    mine.added_by = "aoife".into();
    let mut also_mine = sample_session("n", "Another of Mine", "IE");
    also_mine.added_by = "aoife".into();
    let mut theirs = sample_session("t", "Theirs", "IE");
    theirs.added_by = "brian".into();
    for s in [&mine, &also_mine, &theirs] {
        store.create_session(s, None).await.unwrap();
    }
    assert_eq!(
        names(&store.sessions_added_by(&"aoife".into()).await.unwrap()),
        ["Another of Mine", "Mine"],
        "by name"
    );
    let mut renamed = mine.clone();
    renamed.name = "Zebra Session".into();
    store.update_session(&renamed, None).await.unwrap();
    assert_eq!(
        names(&store.sessions_added_by(&"aoife".into()).await.unwrap()),
        ["Another of Mine", "Zebra Session"],
        "a rename moves it"
    );

    let review = |session: &str, stars: u8, minute: i64| crate::model::Review {
        session_id: SessionId::parse(session).unwrap(),
        author: "aoife".into(),
        author_name: "Aoife".into(),
        stars,
        visited_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        text: String::new(),
        created_at: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(minute),
        updated_at: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(minute),
        hidden: false,
    };
    store.put_review(&review("t", 4, 1)).await.unwrap();
    store.put_review(&review("n", 2, 2)).await.unwrap();
    store.put_review(&review("t", 5, 3)).await.unwrap();
    let reviews = store.member_reviews(&"aoife".into()).await.unwrap();
    let listed: Vec<_> = reviews
        .iter()
        .map(|r| (r.session_id.as_str(), r.stars))
        .collect();
    assert_eq!(
        listed,
        [("t", 5), ("n", 2)],
        "newest change first, edits in place"
    );
    store
        .delete_review(&SessionId::parse("t").unwrap(), &"aoife".into())
        .await
        .unwrap();
    assert_eq!(
        store.member_reviews(&"aoife".into()).await.unwrap().len(),
        1
    );
    assert!(store
        .member_reviews(&"brian".into())
        .await
        .unwrap()
        .is_empty());
}

pub async fn a_new_feed_token_revokes_the_old_one(store: Arc<dyn Store>) {
    assert_eq!(store.feed_token(&"aoife".into()).await.unwrap(), None);
    store
        .set_feed_token(&"aoife".into(), Some("tok-1"))
        .await
        .unwrap();
    assert_eq!(
        store.feed_token(&"aoife".into()).await.unwrap().as_deref(),
        Some("tok-1")
    );
    assert_eq!(
        store.feed_owner("tok-1").await.unwrap(),
        Some("aoife".into())
    );
    store
        .set_feed_token(&"aoife".into(), Some("tok-2"))
        .await
        .unwrap();
    assert_eq!(store.feed_owner("tok-1").await.unwrap(), None, "revoked");
    assert_eq!(
        store.feed_owner("tok-2").await.unwrap(),
        Some("aoife".into())
    );
    store.set_feed_token(&"aoife".into(), None).await.unwrap();
    assert_eq!(store.feed_owner("tok-2").await.unwrap(), None);
    assert_eq!(store.feed_token(&"aoife".into()).await.unwrap(), None);
    assert_eq!(store.feed_owner("").await.unwrap(), None);
}
