//! The store contract for the newest sessions, search and near me: each read from its own
//! index, each following creates, edits and moves.
use std::sync::Arc;

use super::sample_session;
use crate::model::*;
use crate::store::{Store, MAX_PAGE_SIZE};

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
        .map(|s| String::from(s.id))
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
        .get_session(&SessionId::parse("a").unwrap())
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

/// A weekly session meeting on `days` at `hh:mm` UTC.
fn weekly_utc(id: &str, days: &[chrono::Weekday], hh: u32, mm: u32) -> Session {
    let mut session = sample_session(id, &format!("Session {id}"), "IE");
    session.time_zone = "UTC".into();
    session.schedules = vec![Schedule::Weekly {
        days: days.to_vec(),
        every_weeks: 1,
        anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        start: chrono::NaiveTime::from_hms_opt(hh, mm, 0).unwrap(),
        end: None,
    }];
    session
}

async fn starting(store: &dyn Store, from: u32, within: u32, limit: usize) -> Vec<String> {
    store
        .sessions_by_start(from, within, limit)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id.to_string())
        .collect()
}

pub async fn starts_are_listed_soonest_first_across_the_weeks_end(store: Arc<dyn Store>) {
    use chrono::Weekday::*;
    for session in [
        weekly_utc("mon-20", &[Mon], 20, 0),
        weekly_utc("sun-23", &[Sun], 23, 0),
        weekly_utc("wed-10", &[Wed], 10, 0),
        weekly_utc("mon-thu-21", &[Mon, Thu], 21, 0),
    ] {
        store.create_session(&session, None).await.unwrap();
    }
    let sunday_22 = 6 * 1440 + 22 * 60;
    // Two days from Sunday 22:00 UTC: Sunday 23:00, then Monday's two, not Wednesday.
    assert_eq!(
        starting(store.as_ref(), sunday_22, 2 * 1440, 10).await,
        ["sun-23", "mon-20", "mon-thu-21"]
    );
    assert_eq!(
        starting(store.as_ref(), sunday_22, 2 * 1440, 2).await,
        ["sun-23", "mon-20"],
        "the limit keeps the soonest"
    );
    // A session meeting twice in the window is listed once, at its first start.
    assert_eq!(
        starting(store.as_ref(), 1440, 7 * 1440, 10).await,
        ["wed-10", "mon-thu-21", "sun-23", "mon-20"],
        "from Tuesday 00:00 its Thursday comes before Sunday, not its Monday after it"
    );
}

pub async fn the_start_index_follows_edits_and_hides(store: Arc<dyn Store>) {
    use chrono::Weekday::*;
    let session = weekly_utc("moving", &[Tue], 20, 0);
    store.create_session(&session, None).await.unwrap();
    let tuesday = 1440;
    assert_eq!(
        starting(store.as_ref(), tuesday, 1440, 10).await,
        ["moving"]
    );
    let mut moved = store.get_session(&session.id).await.unwrap().unwrap();
    moved.schedules = weekly_utc("moving", &[Fri], 20, 0).schedules;
    let moved = store.update_session(&moved, None).await.unwrap();
    assert!(starting(store.as_ref(), tuesday, 1440, 10).await.is_empty());
    assert_eq!(
        starting(store.as_ref(), 4 * 1440, 1440, 10).await,
        ["moving"]
    );
    let mut hidden = moved.clone();
    hidden.hidden = true;
    store.update_session(&hidden, None).await.unwrap();
    assert!(starting(store.as_ref(), 4 * 1440, 1440, 10)
        .await
        .is_empty());
}

/// A one-off on `date` at 14:00 in Dublin (ending 17:00: no end given).
fn one_off(id: &str, date: &str) -> Session {
    let mut session = sample_session(id, &format!("One-off {id}"), "IE");
    session.schedules = vec![Schedule::Once {
        date: date.parse().unwrap(),
        start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        end: None,
    }];
    session
}

pub async fn ended_one_offs_are_found_until_marked_over(store: Arc<dyn Store>) {
    for session in [
        one_off("august", "2026-08-08"),
        one_off("june", "2026-06-20"),
        one_off("december", "2026-12-12"),
        sample_session("weekly", "Weekly", "IE"),
    ] {
        store.create_session(&session, None).await.unwrap();
    }
    let now: chrono::DateTime<chrono::Utc> = "2026-11-30T12:00:00Z".parse().unwrap();
    let ids = |sessions: Vec<Session>| -> Vec<String> {
        sessions.into_iter().map(|s| s.id.to_string()).collect()
    };
    assert_eq!(
        ids(store.ended_one_offs(now, 10).await.unwrap()),
        ["june", "august"],
        "longest ended first; not one still to come, nor a weekly session"
    );
    assert_eq!(ids(store.ended_one_offs(now, 1).await.unwrap()), ["june"]);
    // The end counts, not the start: 16:59 Dublin time on 8 August it is still on.
    let during: chrono::DateTime<chrono::Utc> = "2026-08-08T15:59:00Z".parse().unwrap();
    assert_eq!(
        ids(store.ended_one_offs(during, 10).await.unwrap()),
        ["june"]
    );

    // Marked over: out of the index of ends, every list and count; still readable.
    let mut over = store
        .get_session(&SessionId::parse("august").unwrap())
        .await
        .unwrap()
        .unwrap();
    over.over = true;
    store.update_session(&over, None).await.unwrap();
    assert_eq!(ids(store.ended_one_offs(now, 10).await.unwrap()), ["june"]);
    let listed = store
        .list_sessions(crate::store::PageRequest::first(10))
        .await
        .unwrap();
    assert!(listed.items.iter().all(|s| s.id.as_str() != "august"));
    let counts = store.place_children(&PlacePath::World).await.unwrap();
    assert_eq!(counts[0].sessions, 3, "{counts:?}");
    assert!(store
        .search_sessions(&["august".to_string()])
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .get_session(&SessionId::parse("august").unwrap())
        .await
        .unwrap()
        .is_some_and(|s| s.over));
    // Its author still has it among the sessions they added.
    let added = store.sessions_added_by(&"tester".into()).await.unwrap();
    assert!(added.iter().any(|s| s.id.as_str() == "august" && s.over));
    assert_eq!(added.len(), 4, "over or not, every one of theirs");
}
