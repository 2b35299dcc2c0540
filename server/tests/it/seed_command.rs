//! Seeding a real store: idempotent, and the same data for the same seed.
use app::model::PlacePath;
use app::store::prelude::*;
use server::embedded_store::EmbeddedStore;
use server::seed::{generate, seed, SeedReport};

async fn all_names(store: &dyn Store) -> Vec<String> {
    let mut names = Vec::new();
    app::store::for_each_page(store, |page| {
        names.extend(page.into_iter().map(|s| s.name));
        Ok::<_, app::store::StoreError>(())
    })
    .await
    .unwrap();
    names
}

#[tokio::test]
async fn seeding_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    let first = seed(&store, 9, 320).await.unwrap();
    assert_eq!((first.created, first.already_present), (320, 0));
    // Up to four demo reviews a session, about two on average.
    assert!((400..=900).contains(&first.reviews), "{first:?}");
    let before = all_names(&store).await;
    let second = seed(&store, 9, 320).await.unwrap();
    assert_eq!(
        second,
        SeedReport {
            created: 0,
            already_present: 320,
            reviews: 0,
        }
    );
    assert_eq!(all_names(&store).await, before);
    let countries = store.place_children(&PlacePath::World).await.unwrap();
    assert!(countries.len() >= 10, "{countries:?}");
    assert_eq!(countries.iter().map(|c| c.sessions).sum::<u64>(), 320);
}

#[tokio::test]
async fn the_stored_sessions_are_exactly_the_generated_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path()).unwrap();
    seed(&store, 5, 40).await.unwrap();
    for session in generate(5, 40) {
        assert_eq!(store.get_session(&session.id).await.unwrap(), Some(session));
    }
}
