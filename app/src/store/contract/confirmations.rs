//! The store contract for confirmations ("still running"): the date moves, the version and
//! the history do not, a repeat changes nothing, and an edit made from a read taken before
//! a confirmation neither conflicts nor loses it.
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::fixtures::sample_session;
use crate::model::SessionId;
use crate::store::{Confirmation, Store, StoreError};

fn day(iso: &str) -> NaiveDate {
    iso.parse().expect("an ISO date")
}

pub async fn a_confirmation_moves_the_date_but_not_the_version(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Tuesday Tunes", "IE");
    store.create_session(&session, None).await.unwrap();
    let id = SessionId::parse("s1").unwrap();

    let first = store.confirm_session(&id, day("2026-11-30")).await.unwrap();
    assert_eq!(first, Confirmation::Recorded);
    let read = store.get_session(&id).await.unwrap().unwrap();
    assert_eq!(read.last_confirmed, Some(day("2026-11-30")));
    assert_eq!(
        read.version, session.version,
        "a confirmation is not an edit"
    );

    // Again that day, or an earlier day: nothing is written.
    for again in ["2026-11-30", "2026-11-02"] {
        let repeat = store.confirm_session(&id, day(again)).await.unwrap();
        assert_eq!(repeat, Confirmation::AlreadyDated, "{again}");
    }
    let (read, activity) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert_eq!(read.last_confirmed, Some(day("2026-11-30")));
    assert_eq!(read.version, session.version);
    assert!(activity.history.is_empty(), "{:?}", activity.history);

    let missing = store
        .confirm_session(&SessionId::parse("gone").unwrap(), day("2026-11-30"))
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

pub async fn an_edit_read_before_a_confirmation_saves_and_keeps_it(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Tuesday Tunes", "IE");
    store.create_session(&session, None).await.unwrap();
    let id = SessionId::parse("s1").unwrap();
    // The author opens the form, a member confirms, the author saves what they read.
    let mut edit = store.get_session(&id).await.unwrap().unwrap();
    store.confirm_session(&id, day("2026-11-30")).await.unwrap();
    edit.name = "Tuesday Tunes at Cruise's".into();
    let saved = store
        .update_session(&edit, None)
        .await
        .expect("no conflict");
    assert_eq!(saved.last_confirmed, Some(day("2026-11-30")));
    let read = store.get_session(&id).await.unwrap().unwrap();
    assert_eq!(read.name, "Tuesday Tunes at Cruise's");
    assert_eq!(read.last_confirmed, Some(day("2026-11-30")));
}

pub async fn racing_confirmations_and_an_edit_lose_nothing(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Tuesday Tunes", "IE");
    store.create_session(&session, None).await.unwrap();
    let id = SessionId::parse("s1").unwrap();
    let mut edit = store.get_session(&id).await.unwrap().unwrap();
    edit.name = "Renamed".into();
    let confirms = ["2026-11-28", "2026-11-29", "2026-11-30"].map(|d| {
        let store = store.clone();
        let id = id.clone();
        tokio::spawn(async move { store.confirm_session(&id, day(d)).await })
    });
    let saved = {
        let store = store.clone();
        tokio::spawn(async move { store.update_session(&edit, None).await })
    };
    for confirm in confirms {
        confirm.await.unwrap().unwrap();
    }
    saved
        .await
        .unwrap()
        .expect("confirmations never make an edit conflict");
    let read = store.get_session(&id).await.unwrap().unwrap();
    assert_eq!(read.name, "Renamed");
    assert_eq!(read.last_confirmed, Some(day("2026-11-30")));
    assert_eq!(read.version, session.version + 1);
}

pub async fn search_shows_a_new_months_confirmation(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Tuesday Tunes", "IE");
    store.create_session(&session, None).await.unwrap();
    let id = SessionId::parse("s1").unwrap();
    store.confirm_session(&id, day("2026-11-30")).await.unwrap();
    let found = store
        .search_sessions(&["tuesday".to_string()])
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].last_confirmed, Some(day("2026-11-30")));
}
