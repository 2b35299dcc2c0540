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
