//! The store contract, run against the embedded redb store, plus what only a file-backed
//! store must promise: data survives closing and reopening.
use std::sync::Arc;

use app::store::contract::sample_session;
use app::store::{PageRequest, Store, StoreError};
use server::embedded_store::EmbeddedStore;

async fn fresh_store() -> Arc<dyn Store> {
    // The directory must outlive the store; leaking it keeps each test self-contained.
    let dir = tempfile::tempdir().unwrap().keep();
    Arc::new(EmbeddedStore::open(&dir).unwrap())
}

app::store_contract_tests!(fresh_store);

#[tokio::test]
async fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_session("kept", "Kept across restarts", "IE");
    {
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.create_session(&session).await.unwrap();
    }
    let reopened = EmbeddedStore::open(dir.path()).unwrap();
    assert_eq!(
        reopened.get_session(&session.id).await.unwrap(),
        Some(session)
    );
    let page = reopened
        .list_sessions(PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(page.sessions.len(), 1);
    assert_eq!(
        reopened
            .place_children(&app::model::PlacePath::World)
            .await
            .unwrap()[0]
            .sessions,
        1
    );
}

#[tokio::test]
async fn a_second_process_gets_a_clear_message_not_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    let _first = EmbeddedStore::open(dir.path()).unwrap();
    let err = EmbeddedStore::open(dir.path())
        .err()
        .expect("second open must fail");
    assert!(
        matches!(&err, StoreError::Unavailable(msg) if msg.contains("in use by another")),
        "{err:?}"
    );
}
