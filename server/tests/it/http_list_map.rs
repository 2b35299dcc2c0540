//! Every list can be shown on a map: a link on the list opens it (tiles load only then),
//! each pin links to its session and is named for it, close sessions cluster into a link
//! to "near me" around them, the map still stands without tiles, and the list stays
//! beside it as the source of truth.
use crate::common;

use app::model::fixtures::sample_session;
use app::model::GeoPoint;
use common::spawn_app_in;

async fn app_with(tiles: &str) -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(
        dir.path(),
        &[("SEED_DEMO_DATA", "false"), ("MAP_TILE_URL", tiles)],
    )
    .await;
    let place = |id: &str, name: &str, lat: f64, lng: f64| {
        let mut s = sample_session(id, name, "IE");
        s.point = Some(GeoPoint { lat, lng });
        s
    };
    for session in [
        place("hogans", "Hogan's Wednesday", 52.8436, -8.9864),
        place("brogans", "Brogan's Friday", 52.8438, -8.9861),
        place("cruises", "Cruise's Monday", 52.9100, -9.1000),
    ] {
        app.store.create_session(&session, None).await.unwrap();
    }
    (app, dir)
}

#[test]
fn a_place_list_opens_on_a_map_of_links() {
    common::run(async {
        let (app, _dir) = app_with("https://tiles.example/{z}/{x}/{y}.png").await;
        let (_, list) = app.get_text("/sessions/ie/clare/ennis").await;
        assert!(list.contains("Show these on a map"));
        assert!(
            !list.contains("class=\"list-map\""),
            "no map, no tiles until asked"
        );
        assert!(!list.contains("tiles.example"));

        let (status, map) = app.get_text("/sessions/ie/clare/ennis?map=list").await;
        assert_eq!(status, 200);
        let figure = &map[map.find("class=\"list-map\"").expect("the map")..];
        let figure = &figure[..figure.find("</figure>").unwrap()];
        assert!(
            figure.contains("https://tiles.example/"),
            "tiles once asked"
        );
        // Cruise's alone is a pin to its page; Hogan's and Brogan's, 30 m apart, one
        // cluster linking to near me around them.
        assert!(figure.contains("href=\"/session/cruises\""), "{figure}");
        assert!(
            figure.contains("aria-label=\"Cruise&#x27;s Monday\"")
                || figure.contains("aria-label=\"Cruise's Monday\""),
            "{figure}"
        );
        assert!(figure.contains("2 sessions here"), "{figure}");
        assert!(figure.contains("href=\"/near?lat=52.84"), "{figure}");
        assert!(map.contains("Hide the map"));
        // The list is still there, every session in it.
        assert_eq!(common::listed_names(&map).len(), 3);
        app.stop().await;
    })
}

#[test]
fn without_tiles_the_map_still_shows_its_pins() {
    common::run(async {
        let (app, _dir) = app_with("off").await;
        let (_, map) = app.get_text("/search?q=friday&map=list").await;
        let figure = &map[map.find("class=\"list-map\"").expect("the map")..];
        assert!(!figure[..figure.find("</figure>").unwrap()].contains("<image"));
        assert!(figure.contains("href=\"/session/brogans\""));
        app.stop().await;
    })
}
