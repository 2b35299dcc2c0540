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
        .items
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
        .items
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
    store.create_session(&session, None).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [1; 6]);

    session.hidden = true;
    let hidden = store.update_session(&session, None).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [0; 6]);
    assert!(store
        .sessions_added_by(&"aoife".into())
        .await
        .unwrap()
        .is_empty());
    let read = store.get_session(&session.id).await.unwrap().unwrap();
    assert!(read.hidden, "still readable by id, marked hidden");

    let mut restored = hidden.clone();
    restored.hidden = false;
    store.update_session(&restored, None).await.unwrap();
    assert_eq!(visible_everywhere(store.as_ref()).await, [1; 6]);
}

pub async fn a_hidden_review_leaves_the_rating_until_restored(store: Arc<dyn Store>) {
    store
        .create_session(&sample_session("s1", "Rated", "IE"), None)
        .await
        .unwrap();
    let id = SessionId::parse("s1").unwrap();
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
    store
        .set_review_hidden(&id, &"aoife".into(), true)
        .await
        .unwrap();
    assert_eq!(rating(store.clone()).await.by_stars, [0, 0, 0, 0, 1]);
    let hidden = |store: Arc<dyn Store>| {
        let id = id.clone();
        async move {
            store
                .review_by(&id, &"aoife".into())
                .await
                .unwrap()
                .map(|r| r.hidden)
        }
    };

    // The author edits it: still hidden, whatever the write says.
    review.text = "Edited, still rude".into();
    review.hidden = false;
    let stored = store.put_review(&review).await.unwrap();
    assert!(stored.hidden, "an edit cannot show a hidden review");
    assert_eq!(hidden(store.clone()).await, Some(true));
    assert_eq!(rating(store.clone()).await.by_stars, [0, 0, 0, 0, 1]);

    // Deleted and posted again: hidden from the start.
    assert!(store.delete_review(&id, &"aoife".into()).await.unwrap());
    assert_eq!(
        rating(store.clone()).await.by_stars,
        [0, 0, 0, 0, 1],
        "deleting a hidden review takes nothing more away"
    );
    store.put_review(&review).await.unwrap();
    assert_eq!(
        hidden(store.clone()).await,
        Some(true),
        "a review posted again after a hide stays hidden"
    );
    assert_eq!(rating(store.clone()).await.by_stars, [0, 0, 0, 0, 1]);

    // Only a moderator's restore shows it again, stars and all.
    store
        .set_review_hidden(&id, &"aoife".into(), false)
        .await
        .unwrap();
    assert_eq!(hidden(store.clone()).await, Some(false));
    assert_eq!(rating(store.clone()).await.by_stars, [1, 0, 0, 0, 1]);
    store.put_review(&review).await.unwrap();
    assert_eq!(
        hidden(store.clone()).await,
        Some(false),
        "restored stays shown"
    );
}

/// A hide landing while the author saves again and again ends hidden: the save reads the
/// hold in its own transaction, so it can never write "shown" over a hide.
pub async fn a_hide_racing_the_authors_saves_stays_hidden(store: Arc<dyn Store>) {
    store
        .create_session(&sample_session("race", "Raced", "IE"), None)
        .await
        .unwrap();
    let id = SessionId::parse("race").unwrap();
    let review = crate::model::Review {
        session_id: id.clone(),
        author: "aoife".into(),
        author_name: "Aoife".into(),
        stars: 2,
        visited_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        text: "First".into(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
        hidden: false,
    };
    store.put_review(&review).await.unwrap();
    let saves = (0..20).map(|n| {
        let store = store.clone();
        let mut review = review.clone();
        review.text = format!("Save {n}");
        tokio::spawn(async move { store.put_review(&review).await.map(|_| ()) })
    });
    let saves: Vec<_> = saves.collect();
    // Under a flood of saves the hide may be told to try again (busy), as a moderator
    // would; whenever it lands, no save can undo it.
    let mut landed = false;
    for _ in 0..50 {
        if store
            .set_review_hidden(&id, &"aoife".into(), true)
            .await
            .is_ok()
        {
            landed = true;
            break;
        }
    }
    assert!(landed, "the hide landed");
    for save in saves {
        // A save may give up as busy under contention; none may undo the hide.
        let _ = save.await.unwrap();
    }
    let (_, activity) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert!(
        store
            .review_by(&id, &"aoife".into())
            .await
            .unwrap()
            .unwrap()
            .hidden,
        "hidden after every save landed"
    );
    assert_eq!(
        activity.rating.by_stars, [0; 5],
        "its stars left the rating"
    );
}
