//! Finding sessions over real HTTP: search (accents folded, prefixes, ranked, query in the
//! URL), near a point (distances, nearest first), the filters, and what crawlers read on
//! those pages — all without JavaScript.
use crate::common;

use app::model::{GeoPoint, Schedule, Tag};
use app::store::contract::sample_session;
use common::{session_names, spawn_app_in};

const SITE: &str = "https://seisiun.example";

async fn empty_app() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(
        dir.path(),
        &[("SEED_DEMO_DATA", "false"), ("SITE_URL", SITE)],
    )
    .await;
    (app, dir)
}

/// Three sessions in Clare and one in Dublin, with names and venues to search for.
async fn clare_app() -> (common::TestApp, tempfile::TempDir) {
    let (app, dir) = empty_app().await;
    let sessions = [
        (
            "slainte",
            "Sláinte Sessiún",
            "Ó Briain's",
            "Ennis",
            52.8436,
            -8.9864,
        ),
        (
            "doolin",
            "Doolin Trad",
            "Gus O'Connor's",
            "Doolin",
            53.0170,
            -9.4030,
        ),
        (
            "ennistymon",
            "Tuesday Tunes",
            "Ennis House",
            "Ennistymon",
            52.9406,
            -9.2931,
        ),
        (
            "dublin",
            "Cobblestone Nights",
            "The Cobblestone",
            "Dublin",
            53.3498,
            -6.2603,
        ),
    ];
    for (id, name, venue, town, lat, lng) in sessions {
        let mut s = sample_session(id, name, "IE");
        s.venue.name = venue.into();
        s.town = town.into();
        s.area = if town == "Dublin" { "Dublin" } else { "Clare" }.into();
        s.point = Some(GeoPoint { lat, lng });
        if id == "doolin" {
            s.tags = vec![Tag::SetDancing];
        }
        app.store.create_session(&s, None).await.unwrap();
    }
    (app, dir)
}

#[test]
fn search_folds_accents_and_case_and_keeps_the_query_in_the_page() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        for q in ["slainte", "SLÁINTE", "Sla", "o+briain", "%C3%93+Briain"] {
            let (status, html) = app.get_text(&format!("/search?q={q}")).await;
            assert_eq!(status, 200, "{q}");
            assert_eq!(session_names(&html), ["Sláinte Sessiún"], "{q}");
        }
        let (_, html) = app.get_text("/search?q=Sl%C3%A1inte").await;
        assert!(
            html.contains("value=\"Sláinte\""),
            "the box keeps what was typed"
        );
        assert!(html.contains("<title>Sessions matching “Sláinte” · Seisiún</title>"));
        assert!(html.contains("rel=\"canonical\""));
        assert!(html.contains("https://schema.org"), "JSON-LD ItemList");
    })
}

#[test]
fn search_ranks_name_matches_before_venue_and_town_matches() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (_, html) = app.get_text("/search?q=ennis").await;
        // "Ennis House" is Tuesday Tunes' venue (and Ennistymon its town); Sláinte is in Ennis.
        assert_eq!(session_names(&html), ["Tuesday Tunes", "Sláinte Sessiún"]);
        let (_, none) = app.get_text("/search?q=galway").await;
        assert!(session_names(&none).is_empty());
        assert!(none.contains("No sessions match “galway”"));
    })
}

#[test]
fn a_too_short_search_explains_itself_with_a_400() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (status, html) = app.get_text("/search?q=%C3%93").await;
        assert_eq!(status, 400);
        assert!(html.contains("at least 2 letters"), "{html}");
        let (status, html) = app.get_text("/search").await;
        assert_eq!(status, 200, "an empty search page is just the form");
        assert!(html.contains("name=\"q\""));
        // Even before a search, crawlers get the full set of tags, and the site's search box.
        assert!(
            html.contains(&format!("href=\"{SITE}/search\"")),
            "canonical"
        );
        assert!(html.contains("property=\"og:title\""));
        assert!(html.contains("SearchAction"), "schema.org SearchAction");
    })
}

#[test]
fn near_lists_sessions_by_distance_with_the_distance_shown() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (status, html) = app.get_text("/near?lat=52.8436&lng=-8.9864&km=50").await;
        assert_eq!(status, 200);
        assert_eq!(
            session_names(&html),
            ["Sláinte Sessiún", "Tuesday Tunes", "Doolin Trad"],
            "nearest first, Dublin out of range"
        );
        assert!(html.contains("0.0 km away"), "{html}");
        // Great-circle distances worked out separately: 23.2 km to Ennistymon, 33.9 to Doolin.
        assert!(html.contains("23 km away"), "Ennistymon");
        assert!(html.contains("34 km away"), "Doolin");
        let (_, wide) = app.get_text("/near?lat=52.8436&lng=-8.9864&km=100").await;
        assert_eq!(session_names(&wide).len(), 3, "Dublin is 190 km away");
    })
}

#[test]
fn near_without_a_location_asks_and_bad_locations_are_refused() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (status, html) = app.get_text("/near").await;
        assert_eq!(status, 200);
        assert!(html.contains("Use my location"));
        assert!(html.contains(&format!("href=\"{SITE}/near\"")), "canonical");
        assert!(html.contains("application/ld+json") && html.contains("name=\"twitter:card\""));
        assert!(
            session_names(&html).is_empty(),
            "nothing listed before asking"
        );
        for (query, message) in [
            ("lat=95&lng=0", "between -90 and 90"),
            ("lat=abc&lng=0", "must be a number"),
            ("lat=52", "both a latitude"),
            ("lat=52&lng=-9&km=900", "between 1 and 100 km"),
            ("lat=52&lng=-9&km=200", "between 1 and 100 km"),
        ] {
            let (status, html) = app.get_text(&format!("/near?{query}")).await;
            assert_eq!(status, 400, "{query}");
            assert!(html.contains(message), "{query}: {message}");
        }
    })
}

#[test]
fn filters_narrow_lists_and_unknown_values_are_named() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (_, dancing) = app.get_text("/sessions/ie/clare?tag=set-dancing").await;
        assert_eq!(session_names(&dancing), ["Doolin Trad"]);
        assert!(dancing.contains("Clear filters"));
        // Every sample session is on Thursdays only.
        let (_, thursday) = app.get_text("/?day=thu").await;
        assert_eq!(session_names(&thursday).len(), 4);
        let (_, monday) = app.get_text("/?day=mon").await;
        assert!(session_names(&monday).is_empty());
        let (_, near_dancing) = app
            .get_text("/near?lat=52.8436&lng=-8.9864&km=50&tag=set-dancing")
            .await;
        assert_eq!(session_names(&near_dancing), ["Doolin Trad"]);
        let (status, html) = app.get_text("/?day=someday").await;
        assert_eq!(status, 400);
        assert!(
            html.contains("mon, tue, wed"),
            "the accepted values are listed"
        );
    })
}

#[test]
fn tonight_lists_only_sessions_on_today_in_their_own_zone() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        // One session every day, one on a one-off date long past.
        let mut daily = sample_session("daily", "Every Night", "IE");
        if let Schedule::Weekly { days, start, .. } = &mut daily.schedules[0] {
            *days = app::model::WEEKDAYS.to_vec();
            *start = chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap();
        }
        app.store.create_session(&daily, None).await.unwrap();
        let mut gone = sample_session("gone", "Long Gone", "IE");
        gone.schedules = vec![Schedule::Once {
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
            end: None,
        }];
        app.store.create_session(&gone, None).await.unwrap();
        let (_, html) = app.get_text("/?when=tonight").await;
        assert_eq!(session_names(&html), ["Every Night"]);
        let (_, all) = app.get_text("/").await;
        assert_eq!(session_names(&all).len(), 2);
    })
}

#[test]
fn list_cards_say_when_each_session_is_next() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (_, html) = app.get_text("/sessions/ie/clare").await;
        assert_eq!(html.matches("class=\"session-next\"").count(), 3);
        assert!(html.contains("Next: <strong>"));
    })
}

#[test]
fn place_pages_carry_canonical_links_and_an_item_list() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (_, html) = app.get_text("/sessions/ie/clare?tag=set-dancing").await;
        let canonical = format!("href=\"{SITE}/sessions/ie/clare\"");
        assert!(
            html.contains(&canonical),
            "canonical ignores filters: {canonical}"
        );
        assert!(html.contains("property=\"og:title\""));
        assert!(html.contains("name=\"twitter:card\""));
        let json = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .expect("JSON-LD on the place page");
        let doc: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(doc["@type"], "ItemList");
        assert_eq!(
            doc["itemListElement"][0]["url"],
            format!("{SITE}/session/doolin")
        );
    })
}

#[test]
fn the_session_page_has_a_map_that_still_reads_without_tiles() {
    common::run(async {
        let (app, _dir) = clare_app().await;
        let (_, html) = app.get_text("/session/doolin").await;
        assert!(html.contains("class=\"session-map\""));
        assert!(
            html.contains("Map at 53.01700, -9.40300"),
            "coordinates as text"
        );
        assert!(html.contains("OpenStreetMap contributors"), "attribution");
        // Nine tiles the island puts in once the page is idle, and the same nine in a
        // <noscript> for browsers without JavaScript.
        assert_eq!(
            html.matches("data-href=\"https://tile.openstreetmap.org/16/")
                .count(),
            9
        );
        let noscript = &html[html.find("<noscript>").expect("a noscript copy")..];
        assert_eq!(
            noscript
                .matches(" href=\"https://tile.openstreetmap.org/16/")
                .count(),
            9
        );

        let dir = tempfile::tempdir().unwrap();
        let no_tiles = spawn_app_in(
            dir.path(),
            &[("SEED_DEMO_DATA", "false"), ("MAP_TILE_URL", "off")],
        )
        .await;
        let mut s = sample_session("x", "Tileless", "IE");
        s.point = Some(GeoPoint {
            lat: 52.0,
            lng: -9.0,
        });
        no_tiles.store.create_session(&s, None).await.unwrap();
        let (_, html) = no_tiles.get_text("/session/x").await;
        assert!(html.contains("Map at 52.00000, -9.00000"));
        assert!(!html.contains("<image"), "no tile server, no images");
        no_tiles.stop().await;
    })
}
