//! Browsing by place over real HTTP: countries → areas → towns at crawlable URLs, with
//! folded slugs, counts, paging without JavaScript and real 404s for unknown places.
use crate::common;

use std::collections::BTreeMap;

use app::api::PAGE_SIZE;
use app::store::contract::sample_session;
use common::{session_names, spawn_app, spawn_app_in, TEST_SEED, TEST_SESSIONS};

async fn empty_app() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    (app, dir)
}

async fn add(app: &common::TestApp, id: &str, name: &str, area: &str, town: &str) {
    let mut session = sample_session(id, name, "IE");
    session.area = area.into();
    session.town = town.into();
    app.store.create_session(&session, None).await.unwrap();
}

#[test]
fn the_country_list_shows_every_country_with_its_count() {
    common::run(async {
        let app = spawn_app().await;
        let (status, html) = app.get_text("/sessions").await;
        assert_eq!(status, 200);
        let mut expected: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for s in server::seed::generate(TEST_SEED, TEST_SESSIONS) {
            let entry = expected
                .entry(s.country.code.to_lowercase())
                .or_insert((s.country.name.clone(), 0));
            entry.1 += 1;
        }
        for (code, (name, count)) in expected {
            let sessions = if count == 1 { "session" } else { "sessions" };
            let link = format!(
            "href=\"/sessions/{code}\" class=\"place-link\"><span class=\"place-name\">{name}</span><span class=\"place-count\">{count} {sessions}</span>"
        );
            assert!(html.contains(&link), "missing {link}");
        }
        assert!(html.contains("<title>Sessions by country · Seisiún</title>"));
    })
}

#[test]
fn each_level_lists_the_one_below_and_only_its_own_sessions() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        add(&app, "d1", "Doolin Thursday", "Clare", "Doolin").await;
        add(&app, "e1", "Ennis Friday", "Clare", "Ennis").await;
        add(&app, "s1", "Spiddal Wednesday", "Galway", "An Spidéal").await;

        let (_, ireland) = app.get_text("/sessions/ie").await;
        assert!(ireland.contains("<h1>Sessions in Ireland</h1>"));
        assert!(ireland.contains("href=\"/sessions/ie/clare\""));
        assert!(ireland.contains("href=\"/sessions/ie/galway\""));
        assert_eq!(session_names(&ireland).len(), 3);

        let (_, clare) = app.get_text("/sessions/ie/clare").await;
        assert!(clare.contains("<title>Sessions in Clare, Ireland · Seisiún</title>"));
        assert!(clare.contains("href=\"/sessions/ie/clare/doolin\""));
        assert_eq!(
            session_names(&clare),
            vec!["Doolin Thursday", "Ennis Friday"]
        );

        let (status, spiddal) = app.get_text("/sessions/ie/galway/an-spideal").await;
        assert_eq!(status, 200);
        assert!(
            spiddal.contains("<h1>Sessions in An Spidéal</h1>"),
            "accents kept in names"
        );
        assert_eq!(session_names(&spiddal), vec!["Spiddal Wednesday"]);
        // The breadcrumb leads back up every level.
        for href in ["/sessions", "/sessions/ie", "/sessions/ie/galway"] {
            assert!(spiddal.contains(&format!("href=\"{href}\"")), "{href}");
        }
    })
}

#[test]
fn a_busy_town_pages_without_javascript() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        for i in 0..30 {
            add(
                &app,
                &format!("g{i:02}"),
                &format!("Galway {i:02}"),
                "Galway",
                "Galway",
            )
            .await;
        }
        let (_, first) = app.get_text("/sessions/ie/galway/galway").await;
        assert_eq!(session_names(&first).len(), PAGE_SIZE);
        assert!(first.contains("action=\"/sessions/ie/galway/galway\""));
        let marker = "name=\"after\" value=\"";
        let start = first.find(marker).unwrap() + marker.len();
        let cursor = &first[start..start + first[start..].find('"').unwrap()];
        let (status, second) = app
            .get_text(&format!("/sessions/ie/galway/galway?after={cursor}"))
            .await;
        assert_eq!(status, 200);
        let names = session_names(&second);
        assert_eq!(names.len(), 30 - PAGE_SIZE);
        assert_eq!(names[0], format!("Galway {PAGE_SIZE:02}"));
    })
}

#[test]
fn unknown_or_malformed_places_are_404s_with_a_way_back() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        add(&app, "d1", "Doolin Thursday", "Clare", "Doolin").await;
        for path in [
            "/sessions/fr",
            "/sessions/ie/kerry",
            "/sessions/ie/clare/ennis",
            "/sessions/IE",
            "/sessions/ireland",
        ] {
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(html.contains("href=\"/sessions\""), "{path}");
            assert!(html.contains("noindex"), "{path}");
        }
    })
}

#[test]
fn the_place_server_function_lists_a_place_page_by_page() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        for i in 0..30 {
            add(
                &app,
                &format!("c{i:02}"),
                &format!("Clare {i:02}"),
                "Clare",
                "Ennis",
            )
            .await;
        }
        add(&app, "x", "Elsewhere", "Galway", "Galway").await;
        let response = app
            .client
            .post(format!("{}/api/place_overview", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("place=ie%2Fclare")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let overview: app::api::PlaceOverview = response.json().await.unwrap();
        assert_eq!(overview.trail.len(), 2);
        assert_eq!(overview.children.len(), 1);
        let cursor = overview.page.next_cursor.expect("a second page");
        let more: app::model::ListedPage = app
            .client
            .post(format!("{}/api/list_sessions", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("query[place]=ie%2Fclare&after={cursor}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(more.sessions.len(), 30 - PAGE_SIZE);
        assert!(more.sessions.iter().all(|s| s.place.contains(", Clare, ")));
    })
}
