//! The public read API over real HTTP: lists by place, search, near, detail and places,
//! with cursors; JSON errors; CORS for GET; and an OpenAPI document that matches the routes.
use crate::common;

use serde_json::Value;

use common::{spawn_app, TEST_SESSIONS};

async fn json(app: &common::TestApp, path: &str) -> (u16, Value) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "{path}: {content_type}"
    );
    (status, response.json().await.unwrap())
}

fn names(page: &Value) -> Vec<String> {
    page["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn cursors_walk_every_session_exactly_once() {
    common::run(async {
        let app = spawn_app().await;
        let mut seen = Vec::new();
        let mut path = "/api/v1/sessions".to_string();
        loop {
            let (status, page) = json(&app, &path).await;
            assert_eq!(status, 200);
            seen.extend(
                page["sessions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["id"].clone()),
            );
            match page["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/sessions?cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), TEST_SESSIONS);
        let unique: std::collections::HashSet<_> = seen.iter().map(|v| v.to_string()).collect();
        assert_eq!(unique.len(), TEST_SESSIONS);
    })
}

#[test]
fn places_lead_to_their_sessions() {
    common::run(async {
        let app = spawn_app().await;
        let (status, countries) = json(&app, "/api/v1/places").await;
        assert_eq!(status, 200);
        let first = &countries[0];
        let key = first["key"].as_str().unwrap();
        let count = first["sessions"].as_u64().unwrap();
        assert!(first["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/sessions/{key}")));
        let (_, areas) = json(&app, &format!("/api/v1/places?parent={key}")).await;
        let area_total: u64 = areas
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["sessions"].as_u64().unwrap())
            .sum();
        assert_eq!(area_total, count);
        let (_, page) = json(&app, &format!("/api/v1/sessions?place={key}")).await;
        assert_eq!(
            page["sessions"].as_array().unwrap().len() as u64,
            count.min(24)
        );
        let (status, err) = json(&app, "/api/v1/sessions?place=zz").await;
        assert_eq!(status, 404);
        assert!(err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no sessions"));
    })
}

#[test]
fn search_near_and_detail_answer_in_json() {
    common::run(async {
        let app = spawn_app().await;
        let (_, page) = json(&app, "/api/v1/sessions").await;
        let first = &page["sessions"][0];
        let id = first["id"].as_str().unwrap();
        let name = first["name"].as_str().unwrap();

        let (status, detail) = json(&app, &format!("/api/v1/sessions/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(detail["session"]["name"], name);
        assert!(detail["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/session/{id}")));
        assert!(detail["session"]["schedules"].as_array().is_some());

        // Search for the first word of the name, upper-cased: the session is among the hits.
        let word: String = name.split_whitespace().next().unwrap().to_uppercase();
        let (status, found) = json(&app, &format!("/api/v1/search?q={}", urlencode(&word))).await;
        assert_eq!(status, 200);
        assert!(
            names(&found).iter().any(|n| n == name),
            "{word} should find {name}"
        );

        // Near the session's own point: it is among the closest, at ~0 km.
        if let Some(point) = detail["session"]["point"].as_object() {
            let (lat, lng) = (
                point["lat"].as_f64().unwrap(),
                point["lng"].as_f64().unwrap(),
            );
            let (status, near) =
                json(&app, &format!("/api/v1/near?lat={lat}&lng={lng}&km=5")).await;
            assert_eq!(status, 200);
            let hit = near["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == id)
                .unwrap();
            assert!(hit["distance_km"].as_f64().unwrap() < 0.01);
            let distances: Vec<f64> = near["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["distance_km"].as_f64().unwrap())
                .collect();
            assert!(
                distances.windows(2).all(|w| w[0] <= w[1]),
                "nearest first: {distances:?}"
            );
        }
    })
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn errors_are_json_with_a_status_and_a_message() {
    common::run(async {
        let app = spawn_app().await;
        for (path, status, fragment) in [
            ("/api/v1/sessions/no-such-id", 404, "not listed"),
            ("/api/v1/search", 400, "at least 2 letters"),
            ("/api/v1/search?q=x", 400, "at least 2 letters"),
            ("/api/v1/near", 400, "latitude"),
            ("/api/v1/near?lat=100&lng=0", 400, "between -90 and 90"),
            ("/api/v1/sessions?day=someday", 400, "mon, tue"),
            ("/api/v1/sessions?cursor=forged", 400, "not valid"),
            ("/api/v1/nothing-here", 404, "openapi.json"),
        ] {
            let (got, body) = json(&app, path).await;
            assert_eq!(got, status, "{path}");
            assert_eq!(body["error"]["status"], status, "{path}");
            let message = body["error"]["message"].as_str().unwrap();
            assert!(message.contains(fragment), "{path}: {message}");
        }
        let response = app
            .client
            .post(format!("{}/api/v1/sessions", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405);
        let body: Value = response.json().await.unwrap();
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("read-only"));
    })
}

#[test]
fn any_origin_may_read_but_not_write() {
    common::run(async {
        let app = spawn_app().await;
        let response = app
            .client
            .get(format!("{}/api/v1/sessions", app.address))
            .header("Origin", "https://elsewhere.example")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
        assert_eq!(response.headers()["cache-control"], "public, max-age=60");
        let preflight = app
            .client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/sessions", app.address),
            )
            .header("Origin", "https://elsewhere.example")
            .header("Access-Control-Request-Method", "DELETE")
            .send()
            .await
            .unwrap();
        let allowed = preflight.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            allowed.contains("GET") && !allowed.contains("DELETE"),
            "{allowed}"
        );
    })
}

#[test]
fn the_openapi_document_describes_every_route() {
    common::run(async {
        let app = spawn_app().await;
        let (status, doc) = json(&app, "/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for path in [
            "/api/v1/sessions",
            "/api/v1/sessions/{id}",
            "/api/v1/search",
            "/api/v1/near",
            "/api/v1/places",
        ] {
            assert!(paths.contains_key(path), "{path} missing");
        }
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for schema in [
            "ListedPage",
            "ListedSession",
            "Session",
            "Schedule",
            "ErrorBody",
            "ApiSession",
        ] {
            assert!(schemas.contains_key(schema), "{schema} missing");
        }
        let near_params: Vec<&str> = doc["paths"]["/api/v1/near"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for name in ["lat", "lng", "km", "when", "day", "tag", "cursor"] {
            assert!(
                near_params.contains(&name),
                "{name} not documented for /near"
            );
        }
    })
}
