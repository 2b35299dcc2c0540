//! The store contract, run against the embedded redb store, plus what only a file-backed
//! store must promise: data survives closing and reopening.
use std::sync::Arc;

use app::store::contract::sample_session;
use app::store::prelude::*;
use app::store::{PageRequest, StoreError};
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
        store.create_session(&session, None).await.unwrap();
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
    assert_eq!(page.items.len(), 1);
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

/// A contract check that is written but not in `store_contract_tests!` would never run on
/// any adapter: every `pub async fn …(store: Arc<dyn Store>)` in the contract's files must
/// be in the macro's list, and the list must name nothing else.
#[test]
fn the_contract_macro_runs_every_check() {
    use std::collections::BTreeSet;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/store");
    let mut sources = vec![std::fs::read_to_string(dir.join("contract.rs")).unwrap()];
    for entry in std::fs::read_dir(dir.join("contract")).unwrap() {
        sources.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut written = BTreeSet::new();
    for source in &sources {
        for rest in source.split("pub async fn ").skip(1) {
            let (name, after) = rest.split_once('(').unwrap();
            let params = after.split_once(')').unwrap().0;
            if params.trim().trim_end_matches(',') == "store: Arc<dyn Store>" {
                written.insert(name.trim().to_string());
            }
        }
    }
    let list = sources[0]
        .split("store_contract_tests!(@each $make;")
        .nth(1)
        .and_then(|rest| rest.split(");").next())
        .expect("the macro's list of checks");
    let listed: BTreeSet<String> = list
        .split(',')
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    assert!(written.len() > 50, "found the checks: {written:?}");
    assert_eq!(
        written.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "written but never run"
    );
    assert_eq!(
        listed.difference(&written).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "listed but not a check"
    );
}
