//! The store contract for finding sessions: listing by name and place with cursors, the
//! place counts, each following creates, edits and moves.
use std::sync::Arc;

use super::sample_session;
use crate::model::*;
use crate::store::{PageRequest, Store, StoreError, MAX_PAGE_SIZE};

pub(super) async fn walk_all(store: &dyn Store, limit: usize) -> Vec<SessionId> {
    let mut ids = Vec::new();
    let mut cursor = None;
    for _ in 0..10_000 {
        let page = store
            .list_sessions(PageRequest { limit, cursor })
            .await
            .expect("list_sessions");
        assert!(page.items.len() <= limit.clamp(1, MAX_PAGE_SIZE));
        ids.extend(page.items.into_iter().map(|s| s.id));
        cursor = page.next_cursor;
        if cursor.is_none() {
            return ids;
        }
    }
    panic!("pagination never ended");
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
        .items
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
    let mut seen: Vec<String> = first.items.iter().map(|s| s.id.to_string()).collect();
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = store
            .list_sessions(PageRequest {
                limit: 4,
                cursor: Some(c),
            })
            .await
            .unwrap();
        seen.extend(page.items.iter().map(|s| s.id.to_string()));
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
    assert_eq!(tiny.items.len(), 1);
    let huge = store
        .list_sessions(PageRequest::first(10_000))
        .await
        .unwrap();
    assert_eq!(huge.items.len(), MAX_PAGE_SIZE);
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

pub async fn renaming_moves_the_session_in_the_listing(store: Arc<dyn Store>) {
    for (id, name) in [("a", "Apple"), ("m", "Mango"), ("z", "Zebra")] {
        store
            .create_session(&sample_session(id, name, "IE"), None)
            .await
            .unwrap();
    }
    let mut mango = store
        .get_session(&SessionId::parse("m").unwrap())
        .await
        .unwrap()
        .unwrap();
    mango.name = "Aardvark".into();
    store.update_session(&mango, None).await.unwrap();
    let ids: Vec<_> = walk_all(store.as_ref(), 2)
        .await
        .into_iter()
        .map(String::from)
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
        .get_session(&SessionId::parse("4").unwrap())
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
    let ids = |page: Page<Session>| -> Vec<String> {
        page.items.into_iter().map(|s| String::from(s.id)).collect()
    };
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
        .get_session(&SessionId::parse("e1").unwrap())
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
    assert_eq!(kinvara.items.len(), 1);
    assert_eq!(kinvara.items[0].version, 1);
    let ireland = store.place_trail(&path(&["ie"])).await.unwrap().unwrap();
    assert_eq!(
        ireland[0].sessions, 5,
        "moving within a country keeps its count"
    );
}
