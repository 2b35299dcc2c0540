//! The store contract for sessions one at a time: add, read, edit at a version, and the
//! races between them.
use std::collections::HashSet;
use std::sync::Arc;

use super::listings::walk_all;
use super::sample_session;
use crate::model::*;
use crate::store::{Store, StoreError};

pub async fn create_then_get_round_trips(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Doolin Thursday", "IE");
    store.create_session(&session, None).await.unwrap();
    let read = store.get_session(&session.id).await.unwrap();
    assert_eq!(read, Some(session));
}

pub async fn coordinates_come_back_bit_for_bit(store: Arc<dyn Store>) {
    let mut session = sample_session("geo", "Awkward floats", "ES");
    session.point = Some(GeoPoint {
        lat: 40.411_982_850_782_4,
        lng: -3.703_238_085_897_629_3,
    });
    store.create_session(&session, None).await.unwrap();
    let read = store.get_session(&session.id).await.unwrap().unwrap();
    assert_eq!(read.point, session.point);
}

pub async fn creating_a_taken_id_fails_and_keeps_the_original(store: Arc<dyn Store>) {
    let original = sample_session("s1", "Original", "IE");
    store.create_session(&original, None).await.unwrap();
    let impostor = sample_session("s1", "Impostor", "GB");
    let err = store.create_session(&impostor, None).await.unwrap_err();
    assert!(
        matches!(err, StoreError::AlreadyExists(ref id) if id.as_str() == "s1"),
        "{err:?}"
    );
    assert_eq!(
        store.get_session(&original.id).await.unwrap(),
        Some(original)
    );
    let counts = store.place_children(&PlacePath::World).await.unwrap();
    assert_eq!(
        counts.len(),
        1,
        "the failed create must not count: {counts:?}"
    );
    assert_eq!(walk_all(store.as_ref(), 10).await.len(), 1);
}

pub async fn a_missing_session_reads_as_none(store: Arc<dyn Store>) {
    let got = store
        .get_session(&SessionId::parse("nope").unwrap())
        .await
        .unwrap();
    assert_eq!(got, None);
}

pub async fn updates_need_the_current_version(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Before", "IE");
    store.create_session(&session, None).await.unwrap();

    let mut edit = session.clone();
    edit.name = "After".into();
    let stored = store.update_session(&edit, None).await.unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.name, "After");

    let mut stale = session.clone();
    stale.name = "Lost update".into();
    let err = store.update_session(&stale, None).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::VersionConflict {
                expected: 0,
                found: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(store.get_session(&session.id).await.unwrap(), Some(stored));
}

pub async fn updating_a_missing_session_is_not_found(store: Arc<dyn Store>) {
    let err = store
        .update_session(&sample_session("ghost", "Ghost", "IE"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(walk_all(store.as_ref(), 10).await, Vec::<SessionId>::new());
}

pub async fn concurrent_creates_are_all_kept(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let code = if i % 2 == 0 { "IE" } else { "GB" };
                store
                    .create_session(
                        &sample_session(&format!("c{i}"), &format!("C{i}"), code),
                        None,
                    )
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let ids: HashSet<_> = walk_all(store.as_ref(), 7).await.into_iter().collect();
    assert_eq!(ids.len(), 64);
    let total: u64 = store
        .place_children(&PlacePath::World)
        .await
        .unwrap()
        .iter()
        .map(|c| c.sessions)
        .sum();
    assert_eq!(total, 64);
}

pub async fn concurrent_edits_of_one_version_let_exactly_one_win(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Contested", "IE");
    store.create_session(&session, None).await.unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = store.clone();
            let mut edit = session.clone();
            edit.description = format!("edit {i}");
            tokio::spawn(async move { store.update_session(&edit, None).await })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => wins += 1,
            Err(StoreError::VersionConflict { .. }) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(wins, 1);
    let stored = store.get_session(&session.id).await.unwrap().unwrap();
    assert_eq!(stored.version, 1);
}

pub async fn ping_answers(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
}

/// `count` different words of two letters and more, fitting in `max` characters.
fn many_words(seed: char, count: usize, max: usize) -> String {
    let words: Vec<String> = (0..count)
        .map(|n| format!("{seed}{}", char::from(b'a' + (n % 26) as u8)) + &"q".repeat(n / 26))
        .collect();
    let mut text = words.join(" ");
    text.truncate(max);
    text.trim_end().to_string()
}

/// The most a form allows (every text at its length in short words, ten long meetings a
/// week) is written and edited whole, however the store keeps it.
pub async fn the_largest_session_the_form_allows_is_written_and_edited_whole(
    store: Arc<dyn Store>,
) {
    use chrono::Weekday::*;
    let weekly = |days: Vec<chrono::Weekday>, hour| Schedule::Weekly {
        days,
        every_weeks: 1,
        anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        start: chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
        // Five hours: two keys a meeting in the start index.
        end: chrono::NaiveTime::from_hms_opt((hour + 5) % 24, 0, 0),
    };
    // Each text's words start with a letter of their own: none repeats another's.
    let filled = |seeds: [char; 4], hours: (u32, u32)| {
        let mut s = sample_session("largest", "x", "IE");
        s.name = many_words(seeds[0], 60, MAX_NAME);
        s.venue.name = many_words(seeds[1], 60, MAX_NAME);
        s.town = many_words(seeds[2], 40, MAX_PLACE);
        s.area = many_words(seeds[3], 40, MAX_PLACE);
        s.schedules = vec![
            weekly(vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun], hours.0),
            weekly(vec![Fri, Sat, Sun], hours.1),
        ];
        s
    };
    let first = filled(['b', 'd', 'f', 'g'], (21, 14));
    first.validate().expect("as much as the form allows");
    store.create_session(&first, None).await.unwrap();
    let found = store.search_sessions(&["ba".to_string()]).await.unwrap();
    assert_eq!(found.len(), 1, "found by its name's first word");

    // Every word, place, time and point changed at once.
    let mut changed = filled(['c', 'h', 'j', 'k'], (20, 13));
    changed.version = first.version;
    changed.created_at = first.created_at;
    changed.point = Some(GeoPoint {
        lat: 53.27,
        lng: -9.05,
    });
    changed.validate().expect("as much as the form allows");
    store.update_session(&changed, None).await.unwrap();
    assert!(store
        .search_sessions(&["ba".to_string()])
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .search_sessions(&["ca".to_string()])
            .await
            .unwrap()
            .len(),
        1
    );
}
