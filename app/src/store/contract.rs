//! The store contract: one suite, every adapter. An adapter's test file calls
//! [`store_contract_tests!`](crate::store_contract_tests) with a function that makes a fresh,
//! empty store; each check below becomes one `#[tokio::test]`.
use std::collections::HashSet;
use std::sync::Arc;

use super::{PageRequest, Store, StoreError, MAX_PAGE_SIZE};
pub use crate::model::fixtures::sample_session;

mod allowances;
mod confirmations;
mod hidden;
mod members;
mod moderation;
mod reviews;
mod sitemaps;
use crate::model::*;
pub use allowances::*;
pub use confirmations::*;
pub use hidden::*;
pub use members::*;
pub use moderation::*;
pub use reviews::*;
pub use sitemaps::*;

async fn walk_all(store: &dyn Store, limit: usize) -> Vec<SessionId> {
    let mut ids = Vec::new();
    let mut cursor = None;
    for _ in 0..10_000 {
        let page = store
            .list_sessions(PageRequest { limit, cursor })
            .await
            .expect("list_sessions");
        assert!(page.sessions.len() <= limit.clamp(1, MAX_PAGE_SIZE));
        ids.extend(page.sessions.into_iter().map(|s| s.id));
        cursor = page.next_cursor;
        if cursor.is_none() {
            return ids;
        }
    }
    panic!("pagination never ended");
}

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
    let got = store.get_session(&SessionId("nope".into())).await.unwrap();
    assert_eq!(got, None);
}

pub async fn listing_orders_by_name_ignoring_case_then_id(store: Arc<dyn Store>) {
    for (id, name) in [
        ("b", "beta"),
        ("a2", "Alpha"),
        ("c", "Gamma"),
        ("a1", "alpha"),
    ] {
        store
            .create_session(&sample_session(id, name, "IE"), None)
            .await
            .unwrap();
    }
    let page = store.list_sessions(PageRequest::first(10)).await.unwrap();
    let names: Vec<_> = page
        .sessions
        .iter()
        .map(|s| (s.name.as_str(), s.id.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("alpha", "a1"),
            ("Alpha", "a2"),
            ("beta", "b"),
            ("Gamma", "c")
        ]
    );
    assert_eq!(page.next_cursor, None, "a complete page has no next cursor");
}

pub async fn paging_visits_every_session_exactly_once(store: Arc<dyn Store>) {
    let mut expected = Vec::new();
    for i in 0..27 {
        let s = sample_session(&format!("id{i:02}"), &format!("Session {i:02}"), "IE");
        store.create_session(&s, None).await.unwrap();
        expected.push(s.id);
    }
    for limit in [1, 5, 26, 27, 100] {
        assert_eq!(
            walk_all(store.as_ref(), limit).await,
            expected,
            "limit {limit}"
        );
    }
}

pub async fn paging_is_stable_when_sessions_arrive_mid_walk(store: Arc<dyn Store>) {
    for i in 0..10 {
        store
            .create_session(
                &sample_session(&format!("m{i}"), &format!("M {i}"), "IE"),
                None,
            )
            .await
            .unwrap();
    }
    let first = store.list_sessions(PageRequest::first(4)).await.unwrap();
    // One session sorts before the cursor, one after; neither may disturb the walk.
    store
        .create_session(&sample_session("a", "A first", "IE"), None)
        .await
        .unwrap();
    store
        .create_session(&sample_session("z", "Z last", "IE"), None)
        .await
        .unwrap();
    let mut seen: Vec<String> = first.sessions.iter().map(|s| s.id.0.clone()).collect();
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = store
            .list_sessions(PageRequest {
                limit: 4,
                cursor: Some(c),
            })
            .await
            .unwrap();
        seen.extend(page.sessions.iter().map(|s| s.id.0.clone()));
        cursor = page.next_cursor;
    }
    let expected: Vec<String> = (0..10)
        .map(|i| format!("m{i}"))
        .chain(["z".to_string()])
        .collect();
    assert_eq!(seen, expected);
}

pub async fn page_sizes_are_clamped(store: Arc<dyn Store>) {
    for i in 0..(MAX_PAGE_SIZE + 5) {
        store
            .create_session(
                &sample_session(&format!("c{i:03}"), &format!("C {i:03}"), "IE"),
                None,
            )
            .await
            .unwrap();
    }
    let tiny = store.list_sessions(PageRequest::first(0)).await.unwrap();
    assert_eq!(tiny.sessions.len(), 1);
    let huge = store
        .list_sessions(PageRequest::first(10_000))
        .await
        .unwrap();
    assert_eq!(huge.sessions.len(), MAX_PAGE_SIZE);
    assert!(huge.next_cursor.is_some());
}

pub async fn a_forged_cursor_is_refused(store: Arc<dyn Store>) {
    store
        .create_session(&sample_session("s1", "One", "IE"), None)
        .await
        .unwrap();
    for bad in ["", "not a cursor", "%%%", "AAAA"] {
        let err = store
            .list_sessions(PageRequest {
                limit: 5,
                cursor: Some(bad.to_string()),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidCursor),
            "{bad:?} gave {err:?}"
        );
    }
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

pub async fn renaming_moves_the_session_in_the_listing(store: Arc<dyn Store>) {
    for (id, name) in [("a", "Apple"), ("m", "Mango"), ("z", "Zebra")] {
        store
            .create_session(&sample_session(id, name, "IE"), None)
            .await
            .unwrap();
    }
    let mut mango = store
        .get_session(&SessionId("m".into()))
        .await
        .unwrap()
        .unwrap();
    mango.name = "Aardvark".into();
    store.update_session(&mango, None).await.unwrap();
    let ids: Vec<_> = walk_all(store.as_ref(), 2)
        .await
        .into_iter()
        .map(|id| id.0)
        .collect();
    assert_eq!(
        ids,
        vec!["m", "a", "z"],
        "no ghost entry under the old name"
    );
}

pub async fn country_counts_follow_creates_and_moves(store: Arc<dyn Store>) {
    for (id, code) in [("1", "IE"), ("2", "IE"), ("3", "GB"), ("4", "US")] {
        store
            .create_session(&sample_session(id, &format!("S{id}"), code), None)
            .await
            .unwrap();
    }
    let mut moved = store
        .get_session(&SessionId("4".into()))
        .await
        .unwrap()
        .unwrap();
    moved.country = Country {
        code: "GB".into(),
        name: "United Kingdom".into(),
    };
    store.update_session(&moved, None).await.unwrap();
    let counts: Vec<_> = store
        .place_children(&PlacePath::World)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.path.key(), c.name, c.sessions))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("ie".to_string(), "Ireland".to_string(), 2),
            ("gb".to_string(), "United Kingdom".to_string(), 2),
        ],
        "ordered by country name; a country with no sessions left disappears"
    );
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

fn placed(id: &str, name: &str, area: &str, town: &str) -> Session {
    let mut session = sample_session(id, name, "IE");
    session.area = area.to_string();
    session.town = town.to_string();
    session
}

fn path(segments: &[&str]) -> PlacePath {
    PlacePath::from_segments(segments).expect("valid test path")
}

async fn seed_places(store: &dyn Store) {
    for s in [
        placed("d1", "Doolin Thursday", "Clare", "Doolin"),
        placed("d2", "Doolin Sunday", "Clare", "Doolin"),
        placed("e1", "Ennis Friday", "Clare", "Ennis"),
        placed("s1", "Spiddal Wednesday", "Galway", "An Spidéal"),
        placed("g1", "Galway city", "Galway", "Galway"),
    ] {
        store.create_session(&s, None).await.unwrap();
    }
    store
        .create_session(&sample_session("u1", "Boston Monday", "US"), None)
        .await
        .unwrap();
}

pub async fn places_are_counted_and_named_at_every_level(store: Arc<dyn Store>) {
    seed_places(store.as_ref()).await;
    let summary = |places: Vec<PlaceCount>| -> Vec<(String, String, u64)> {
        places
            .into_iter()
            .map(|p| (p.path.href(), p.name, p.sessions))
            .collect()
    };
    let world = store.place_children(&PlacePath::World).await.unwrap();
    assert_eq!(
        summary(world),
        vec![
            ("/sessions/ie".into(), "Ireland".into(), 5),
            ("/sessions/us".into(), "United States".into(), 1),
        ]
    );
    let ireland = store.place_children(&path(&["ie"])).await.unwrap();
    assert_eq!(
        summary(ireland),
        vec![
            ("/sessions/ie/clare".into(), "Clare".into(), 3),
            ("/sessions/ie/galway".into(), "Galway".into(), 2),
        ]
    );
    let galway = store
        .place_children(&path(&["ie", "galway"]))
        .await
        .unwrap();
    assert_eq!(
        summary(galway),
        vec![
            (
                "/sessions/ie/galway/an-spideal".into(),
                "An Spidéal".into(),
                1
            ),
            ("/sessions/ie/galway/galway".into(), "Galway".into(), 1),
        ],
        "accents folded in the slug, kept in the name"
    );
    let town = store
        .place_children(&path(&["ie", "clare", "doolin"]))
        .await
        .unwrap();
    assert!(town.is_empty(), "towns have no children");
    let nowhere = store.place_children(&path(&["fr"])).await.unwrap();
    assert!(nowhere.is_empty());
}

pub async fn a_place_trail_names_each_level(store: Arc<dyn Store>) {
    seed_places(store.as_ref()).await;
    let trail = store
        .place_trail(&path(&["ie", "galway", "an-spideal"]))
        .await
        .unwrap()
        .expect("a known place");
    let names: Vec<_> = trail
        .iter()
        .map(|p| (p.name.as_str(), p.sessions))
        .collect();
    assert_eq!(
        names,
        vec![("Ireland", 5), ("Galway", 2), ("An Spidéal", 1)]
    );
    assert_eq!(
        store.place_trail(&PlacePath::World).await.unwrap(),
        Some(vec![])
    );
    for unknown in [
        &["ie", "kerry"][..],
        &["ie", "clare", "ennistymon"],
        &["zz"],
    ] {
        assert_eq!(
            store.place_trail(&path(unknown)).await.unwrap(),
            None,
            "{unknown:?}"
        );
    }
}

pub async fn sessions_in_a_place_are_listed_by_town_then_name(store: Arc<dyn Store>) {
    seed_places(store.as_ref()).await;
    let ids =
        |page: SessionPage| -> Vec<String> { page.sessions.into_iter().map(|s| s.id.0).collect() };
    let clare = store
        .sessions_in_place(&path(&["ie", "clare"]), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(ids(clare), vec!["d2", "d1", "e1"]);
    let doolin = store
        .sessions_in_place(&path(&["ie", "clare", "doolin"]), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(ids(doolin), vec!["d2", "d1"]);
    let ireland_first = store
        .sessions_in_place(&path(&["ie"]), PageRequest::first(2))
        .await
        .unwrap();
    let cursor = ireland_first.next_cursor.clone().expect("more in Ireland");
    assert_eq!(ids(ireland_first), vec!["d2", "d1"]);
    let ireland_rest = store
        .sessions_in_place(
            &path(&["ie"]),
            PageRequest {
                limit: 10,
                cursor: Some(cursor),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        ids(ireland_rest),
        vec!["e1", "s1", "g1"],
        "Boston stays out"
    );
}

pub async fn a_cursor_cannot_cross_into_another_place(store: Arc<dyn Store>) {
    seed_places(store.as_ref()).await;
    let clare = store
        .sessions_in_place(&path(&["ie", "clare"]), PageRequest::first(1))
        .await
        .unwrap();
    let err = store
        .sessions_in_place(
            &path(&["ie", "galway"]),
            PageRequest {
                limit: 5,
                cursor: clare.next_cursor,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidCursor), "{err:?}");
}

pub async fn moving_a_session_moves_its_listing_and_counts(store: Arc<dyn Store>) {
    seed_places(store.as_ref()).await;
    let mut moved = store
        .get_session(&SessionId("e1".into()))
        .await
        .unwrap()
        .unwrap();
    moved.area = "Galway".into();
    moved.town = "Kinvara".into();
    store.update_session(&moved, None).await.unwrap();
    assert_eq!(
        store
            .place_trail(&path(&["ie", "clare", "ennis"]))
            .await
            .unwrap(),
        None,
        "an emptied town disappears"
    );
    let clare = store
        .place_trail(&path(&["ie", "clare"]))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(clare[1].sessions, 2);
    let kinvara = store
        .sessions_in_place(&path(&["ie", "galway", "kinvara"]), PageRequest::first(5))
        .await
        .unwrap();
    assert_eq!(kinvara.sessions.len(), 1);
    assert_eq!(kinvara.sessions[0].version, 1);
    let ireland = store.place_trail(&path(&["ie"])).await.unwrap().unwrap();
    assert_eq!(
        ireland[0].sessions, 5,
        "moving within a country keeps its count"
    );
}

fn created(id: &str, at: chrono::DateTime<chrono::Utc>) -> Session {
    let mut session = sample_session(id, &format!("Session {id}"), "IE");
    session.created_at = at;
    session.updated_at = at;
    session
}

fn at(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .expect("valid test time")
        .to_utc()
}

async fn newest_ids(store: &dyn Store, limit: usize) -> Vec<String> {
    store
        .newest_sessions(limit)
        .await
        .expect("newest_sessions")
        .into_iter()
        .map(|s| s.id.0)
        .collect()
}

pub async fn newest_sessions_come_first_with_id_as_tiebreak(store: Arc<dyn Store>) {
    assert_eq!(newest_ids(store.as_ref(), 10).await, Vec::<String>::new());
    // Created out of order; a pre-1970 time and sub-second differences must still sort.
    for s in [
        created("mid-a", at("2026-03-01T12:00:00.25Z")),
        created("ancient", at("1969-07-20T20:17:40Z")),
        created("new", at("2026-03-01T12:00:00.5Z")),
        created("old", at("2025-12-31T23:59:59Z")),
        created("mid-b", at("2026-03-01T12:00:00.25Z")),
    ] {
        store.create_session(&s, None).await.unwrap();
    }
    assert_eq!(
        newest_ids(store.as_ref(), 10).await,
        vec!["new", "mid-b", "mid-a", "old", "ancient"],
        "created_at descending, then id descending"
    );
    assert_eq!(newest_ids(store.as_ref(), 2).await, vec!["new", "mid-b"]);
}

pub async fn newest_sessions_limit_is_clamped(store: Arc<dyn Store>) {
    let base = at("2026-01-01T00:00:00Z");
    for i in 0..(MAX_PAGE_SIZE + 5) {
        let minutes = chrono::Duration::minutes(i as i64);
        store
            .create_session(&created(&format!("n{i:03}"), base + minutes), None)
            .await
            .unwrap();
    }
    let newest = format!("n{:03}", MAX_PAGE_SIZE + 4);
    assert_eq!(newest_ids(store.as_ref(), 0).await, vec![newest.clone()]);
    let huge = newest_ids(store.as_ref(), 10_000).await;
    assert_eq!(huge.len(), MAX_PAGE_SIZE);
    assert_eq!(huge[0], newest);
    assert_eq!(huge[MAX_PAGE_SIZE - 1], "n005", "the oldest five fall off");
}

pub async fn changing_created_at_moves_a_session_among_the_newest(store: Arc<dyn Store>) {
    for s in [
        created("a", at("2026-01-01T00:00:00Z")),
        created("b", at("2026-01-02T00:00:00Z")),
        created("c", at("2026-01-03T00:00:00Z")),
    ] {
        store.create_session(&s, None).await.unwrap();
    }
    let mut a = store
        .get_session(&SessionId("a".into()))
        .await
        .unwrap()
        .unwrap();
    a.created_at = at("2026-02-01T00:00:00Z");
    let a = store.update_session(&a, None).await.unwrap();
    assert_eq!(
        newest_ids(store.as_ref(), 10).await,
        vec!["a", "c", "b"],
        "moved to the front, and no ghost entry at its old time"
    );

    // An edit that keeps created_at keeps the place and shows the stored copy.
    let mut renamed = a.clone();
    renamed.name = "Renamed".into();
    store.update_session(&renamed, None).await.unwrap();
    let newest = store.newest_sessions(10).await.unwrap();
    let summary: Vec<_> = newest
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str(), s.version))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("a", "Renamed", 2),
            ("c", "Session c", 0),
            ("b", "Session b", 0)
        ]
    );
}

fn search_terms(query: &str) -> Vec<String> {
    crate::model::search::query_terms(query).expect("a valid query")
}

async fn search_names(store: &dyn Store, query: &str) -> Vec<String> {
    store
        .search_sessions(&search_terms(query))
        .await
        .expect("search_sessions")
        .into_iter()
        .map(|s| s.name)
        .collect()
}

pub async fn search_folds_accents_and_case_and_matches_prefixes(store: Arc<dyn Store>) {
    let mut slainte = sample_session("s1", "Sláinte Sessiún", "IE");
    slainte.venue.name = "Ó Briain's".into();
    store.create_session(&slainte, None).await.unwrap();
    store
        .create_session(&sample_session("s2", "Friday Tunes", "IE"), None)
        .await
        .unwrap();
    for query in [
        "slainte",
        "SLÁINTE",
        "slá",
        "o briain",
        "Ó BRIAIN",
        "sessiun",
    ] {
        assert_eq!(
            search_names(store.as_ref(), query).await,
            ["Sláinte Sessiún"],
            "{query}"
        );
    }
    assert!(search_names(store.as_ref(), "ainte").await.is_empty());
    assert!(search_names(store.as_ref(), "slainte galway")
        .await
        .is_empty());
}

pub async fn search_covers_venue_town_and_area_and_ranks_names_first(store: Arc<dyn Store>) {
    let mut by_name = sample_session("a", "Kilfenora Céilí", "IE");
    by_name.town = "Lisdoonvarna".into();
    let mut by_venue = sample_session("b", "Thursday Tunes", "IE");
    by_venue.venue.name = "Kilfenora Hall".into();
    by_venue.town = "Ennistymon".into();
    let mut by_town = sample_session("c", "Wednesday Music", "IE");
    by_town.venue.name = "Linnane's".into();
    by_town.town = "Kilfenora".into();
    let mut elsewhere = sample_session("d", "Galway Sunday", "IE");
    elsewhere.area = "Galway".into();
    elsewhere.town = "Galway".into();
    elsewhere.venue.name = "Tigh Neachtain".into();
    for s in [&by_town, &elsewhere, &by_venue, &by_name] {
        store.create_session(s, None).await.unwrap();
    }
    assert_eq!(
        search_names(store.as_ref(), "kilfenora").await,
        ["Kilfenora Céilí", "Thursday Tunes", "Wednesday Music"]
    );
    assert_eq!(
        search_names(store.as_ref(), "galway").await,
        ["Galway Sunday"]
    );
    assert_eq!(
        search_names(store.as_ref(), "neachtain").await,
        ["Galway Sunday"]
    );
}

pub async fn search_follows_renames(store: Arc<dyn Store>) {
    let mut session = sample_session("s1", "Old Name", "IE");
    session.venue.name = "The Corner".into();
    store.create_session(&session, None).await.unwrap();
    let mut renamed = session.clone();
    renamed.name = "Brand New".into();
    store.update_session(&renamed, None).await.unwrap();
    assert!(search_names(store.as_ref(), "old").await.is_empty());
    assert_eq!(search_names(store.as_ref(), "brand").await, ["Brand New"]);
}

fn point(lat: f64, lng: f64) -> GeoPoint {
    GeoPoint { lat, lng }
}

pub async fn near_lists_sessions_within_the_radius_nearest_first(store: Arc<dyn Store>) {
    let ennis = point(52.8436, -8.9864);
    let places = [
        ("ennis", "In Ennis", ennis),
        ("doolin", "In Doolin", point(53.0170, -9.4030)),
        ("limerick", "In Limerick", point(52.6638, -8.6267)),
        ("dublin", "In Dublin", point(53.3498, -6.2603)),
    ];
    for (id, name, point) in places {
        let mut s = sample_session(id, name, "IE");
        s.point = Some(point);
        store.create_session(&s, None).await.unwrap();
    }
    let mut online = sample_session("online", "Online", "IE");
    online.point = None;
    store.create_session(&online, None).await.unwrap();

    let near = store.sessions_near(ennis, 40.0).await.unwrap();
    let names: Vec<_> = near.iter().map(|n| n.session.name.as_str()).collect();
    assert_eq!(names, ["In Ennis", "In Limerick", "In Doolin"]);
    assert!(near[0].distance_km < 0.01);
    assert!((near[2].distance_km - 33.0).abs() < 2.0, "{near:?}");
    let far = store.sessions_near(ennis, 500.0).await.unwrap();
    assert_eq!(
        far.len(),
        3,
        "the radius is clamped to 100 km and Dublin is ~190 km away"
    );
    let dublin = store
        .sessions_near(point(53.35, -6.26), 10.0)
        .await
        .unwrap();
    assert_eq!(dublin.len(), 1);
    assert_eq!(dublin[0].session.name, "In Dublin");
}

pub async fn near_follows_moves(store: Arc<dyn Store>) {
    let mut session = sample_session("s1", "Moving", "IE");
    session.point = Some(point(52.8436, -8.9864));
    store.create_session(&session, None).await.unwrap();
    session.point = Some(point(51.8985, -8.4756));
    store.update_session(&session, None).await.unwrap();
    assert!(store
        .sessions_near(point(52.8436, -8.9864), 10.0)
        .await
        .unwrap()
        .is_empty());
    let cork = store
        .sessions_near(point(51.8985, -8.4756), 10.0)
        .await
        .unwrap();
    assert_eq!(cork.len(), 1);
}

pub async fn ping_answers(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
}

/// Expands to one `#[tokio::test]` per contract check, each on a fresh store from `$make`
/// (an async fn returning `Arc<dyn Store>`).
#[macro_export]
macro_rules! store_contract_tests {
    ($make:path) => {
        $crate::store_contract_tests!(@each $make;
            create_then_get_round_trips,
            coordinates_come_back_bit_for_bit,
            creating_a_taken_id_fails_and_keeps_the_original,
            a_missing_session_reads_as_none,
            listing_orders_by_name_ignoring_case_then_id,
            paging_visits_every_session_exactly_once,
            paging_is_stable_when_sessions_arrive_mid_walk,
            page_sizes_are_clamped,
            a_forged_cursor_is_refused,
            updates_need_the_current_version,
            updating_a_missing_session_is_not_found,
            renaming_moves_the_session_in_the_listing,
            country_counts_follow_creates_and_moves,
            concurrent_creates_are_all_kept,
            concurrent_edits_of_one_version_let_exactly_one_win,
            places_are_counted_and_named_at_every_level,
            a_place_trail_names_each_level,
            sessions_in_a_place_are_listed_by_town_then_name,
            a_cursor_cannot_cross_into_another_place,
            moving_a_session_moves_its_listing_and_counts,
            newest_sessions_come_first_with_id_as_tiebreak,
            newest_sessions_limit_is_clamped,
            changing_created_at_moves_a_session_among_the_newest,
            search_folds_accents_and_case_and_matches_prefixes,
            search_covers_venue_town_and_area_and_ranks_names_first,
            search_follows_renames,
            near_lists_sessions_within_the_radius_nearest_first,
            near_follows_moves,
            reviews_move_the_rating_and_a_second_review_replaces_the_first,
            a_review_of_a_missing_session_is_refused_and_changes_nothing,
            review_pages_visit_every_review_once_and_stay_in_their_session,
            a_thousand_racing_review_writes_leave_the_rating_equal_to_a_recount,
            every_change_keeps_a_revision_with_it,
            bookmarks_are_per_member_newest_first_and_idempotent,
            bookmarked_sessions_show_their_latest_version,
            a_members_reviews_and_sessions_are_listed_for_them,
            a_new_feed_token_revokes_the_old_one,
            a_hidden_session_leaves_every_list_until_restored,
            a_hidden_review_leaves_the_rating_until_restored,
            a_hide_racing_the_authors_saves_stays_hidden,
            allowances_run_out_refund_and_renew_with_the_window,
            racing_takes_never_overdraw_an_allowance,
            reports_group_by_target_and_a_group_settles_once_with_an_audit_entry,
            a_member_has_one_open_report_per_target,
            a_flood_of_reports_on_one_target_hides_no_other,
            the_queue_pages_by_target_and_finds_any_group_by_id,
            hiding_a_session_closes_its_reports_in_the_same_transaction,
            hiding_a_review_closes_its_reports,
            a_confirmation_moves_the_date_but_not_the_version,
            an_edit_read_before_a_confirmation_saves_and_keeps_it,
            racing_confirmations_and_an_edit_lose_nothing,
            search_shows_a_new_months_confirmation,
            a_saved_sitemap_reads_back_part_by_part_and_the_next_replaces_it,
            ping_answers,
        );
    };
    (@each $make:path; $($check:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $check() {
                $crate::store::contract::$check($make().await).await;
            }
        )*
    };
}
