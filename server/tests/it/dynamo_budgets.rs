//! Round-trip budgets on DynamoDB (docs/data-model.md): every page is served with the
//! DynamoDB calls counted, and a page that waits on more round trips than its budget fails
//! the test. Calls started while another is in flight share a round trip.
use crate::common;
use crate::moto;

use std::sync::Arc;

use app::store::Store;
use server::dynamo_store::round_trips::{RoundTrips, Tally};
use server::dynamo_store::{client, ClientSettings, DynamoStore};

#[test]
fn every_page_stays_within_its_round_trip_budget() {
    common::run(async {
        moto::fake_aws_environment();
        let counter = RoundTrips::default();
        let store = DynamoStore::new(
            client(&ClientSettings {
                endpoint: Some(moto::endpoint().to_string()),
                attempt_timeout: std::time::Duration::from_secs(20),
                round_trips: Some(counter.clone()),
            })
            .await,
            format!("budgets-{}", std::process::id()),
        );
        store.create_table().await.unwrap();
        let store: Arc<dyn Store> = Arc::new(store);
        server::seed::seed(store.as_ref(), common::TEST_SEED, common::TEST_SESSIONS)
            .await
            .unwrap();

        let dir = tempfile::tempdir().unwrap();
        let state = common::state_over(store.clone(), dir.path(), "http://127.0.0.1");
        let address = common::serve_state(state).await;

        let http = reqwest::Client::new();
        let home = http
            .get(format!("{address}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let session = home
            .split("href=\"/session/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a session link on the home page")
            .to_string();
        let word = common::session_names(&home)[0]
            .split_whitespace()
            .last()
            .unwrap()
            .to_lowercase();

        // The scheduled build, in parts of 40 so the sitemap is an index of parts.
        server::feeds::sitemap::rebuild(store.as_ref(), 40)
            .await
            .unwrap();

        // (page, round-trip budget, most calls)
        let pages = [
            // The outline; then the outline and one part's chunks — never the table.
            ("/sitemap.xml".to_string(), 1, 1),
            ("/sitemap-2.xml".to_string(), 2, 2),
            // Place counts ∥ the first page ∥ "on tonight and next": one Query per 6-hour
            // start partition its three windows touch (2 to 4 hours back: 1–2; the last 2
            // hours: 1–2; 38 ahead: 7–8).
            ("/".to_string(), 1, 14),
            ("/sessions".to_string(), 1, 3),
            ("/sessions/ie".to_string(), 1, 3),
            ("/sessions/ie/clare".to_string(), 1, 3),
            (format!("/session/{session}"), 1, 1),
            (format!("/search?q={word}"), 2, 6),
            ("/near?lat=52.8436&lng=-8.9864&km=25".to_string(), 1, 3),
            // A corner where four 4-letter geohash partitions meet.
            ("/near?lat=52.734&lng=-8.438&km=2".to_string(), 1, 3),
            ("/api/v1/near?lat=53.0&lng=-9.0&km=60".to_string(), 1, 3),
            ("/api/v1/sessions".to_string(), 1, 1),
            ("/api/v1/sessions?place=ie/clare".to_string(), 1, 2),
            (format!("/api/v1/sessions/{session}"), 1, 1),
        ];
        let mut report = Vec::new();
        for (path, budget, most_calls) in pages {
            counter.take();
            let response = http.get(format!("{address}{path}")).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            let Tally {
                calls,
                round_trips,
                items_read,
            } = counter.take();
            report.push(format!(
                "{path}: {calls} calls in {round_trips} round trips (budget {budget}), {items_read} items read"
            ));
            assert!(
                round_trips <= budget,
                "{path}: {round_trips} round trips, budget {budget}"
            );
            assert!(
                calls <= most_calls,
                "{path}: {calls} calls, at most {most_calls}"
            );
            assert!(calls >= 1, "{path} must read the store");
        }
        println!("{}", report.join("\n"));
    })
}
