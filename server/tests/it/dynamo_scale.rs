//! The scale benchmark (ignored by `cargo test`; run by `scripts/bench-dynamo-scale`):
//! the same pages served from DynamoDB (moto) as the table grows from 1,000 to 100,000
//! generated sessions, printing per page the calls, round trips and items DynamoDB read.
//! It fails if a page's round trips exceed its budget (docs/data-model.md: search 2, every
//! other page 1) or its calls grow with the table, or if a page that reads one page of
//! results (lists, places, a session) starts reading more items.
//! Wall times are printed too, but are moto's: it answers a GSI query by walking every
//! item in the table, which DynamoDB does not.
use crate::common;
use crate::moto;

use std::sync::Arc;
use std::time::Instant;

use app::store::Store;
use server::dynamo_store::round_trips::{RoundTrips, Tally};
use server::dynamo_store::{client, ClientSettings, DynamoStore};

/// (page, whether its work is bounded by a page of results regardless of data density).
/// Search may take a second round trip when a word matches over 1,000 sessions.
const PAGES: [(&str, bool); 9] = [
    ("/", true),
    ("/sessions", true),
    ("/sessions/ie", true),
    ("/sessions/ie/clare", true),
    ("/session/{id}", true),
    ("/api/v1/sessions/{id}", true),
    // These read every match in their key ranges: more sessions in Ennis, more items.
    ("/search?q=ennis", false),
    ("/near?lat=52.8436&lng=-8.9864&km=5", false),
    ("/api/v1/sessions?place=ie/clare", true),
];

fn sizes() -> Vec<usize> {
    std::env::var("SEISIUN_SCALE_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .map(|n| n.trim().parse().expect("sizes are numbers"))
        .collect()
}

#[test]
#[ignore = "a benchmark: scripts/bench-dynamo-scale"]
fn page_work_stays_flat_as_the_table_grows() {
    common::run(async {
        moto::fake_aws_environment();
        let counter = RoundTrips::default();
        let dynamo = DynamoStore::new(
            client(&ClientSettings {
                endpoint: Some(moto::endpoint().to_string()),
                attempt_timeout: std::time::Duration::from_secs(120),
                round_trips: Some(counter.clone()),
            })
            .await,
            format!("scale-{}", std::process::id()),
        );
        dynamo.create_table().await.unwrap();
        let store: Arc<dyn Store> = Arc::new(dynamo.clone());

        let dir = tempfile::tempdir().unwrap();
        let state = common::state_over(store.clone(), dir.path(), "http://127.0.0.1");
        let address = common::serve_state(state).await;
        let http = reqwest::Client::new();

        let mut loaded = 0;
        let mut first: Option<Vec<Tally>> = None;
        let mut failures: Vec<String> = Vec::new();
        let mut table = vec![format!(
            "{:>8}  {:<40} {:>5} {:>5} {:>7} {:>8}",
            "sessions", "page", "calls", "trips", "items", "moto ms"
        )];
        for (step, size) in sizes().into_iter().enumerate() {
            let fresh = server::seed::generate(1000 + step as u64, size - loaded);
            let started = Instant::now();
            dynamo
                .bulk_load(&fresh, |done| {
                    if done % 10_000 == 0 {
                        eprintln!("  loaded {} of {size}", loaded + done);
                    }
                })
                .await
                .unwrap();
            eprintln!(
                "loaded {} sessions in {:.0} s",
                size - loaded,
                started.elapsed().as_secs_f64()
            );
            loaded = size;
            let session = fresh[0].id.as_str().to_string();
            counter.take();

            let mut tallies = Vec::new();
            for (page, _) in PAGES {
                let path = page.replace("{id}", &session);
                let started = Instant::now();
                let response = http.get(format!("{address}{path}")).send().await.unwrap();
                assert_eq!(response.status(), 200, "{path}");
                response.text().await.unwrap();
                let ms = started.elapsed().as_millis();
                let tally = counter.take();
                table.push(format!(
                    "{size:>8}  {page:<40} {:>5} {:>5} {:>7} {ms:>8}",
                    tally.calls, tally.round_trips, tally.items_read
                ));
                tallies.push(tally);
            }
            match &first {
                None => first = Some(tallies),
                Some(smallest) => {
                    for ((page, bounded), (small, now)) in
                        PAGES.iter().zip(smallest.iter().zip(&tallies))
                    {
                        let budget = if page.starts_with("/search") { 2 } else { 1 };
                        if now.round_trips > budget {
                            failures
                                .push(format!("{page} at {size}: {} round trips", now.round_trips));
                        }
                        if now.calls > small.calls * budget {
                            failures.push(format!("{page} at {size}: {} calls", now.calls));
                        }
                        if *bounded && now.items_read > small.items_read * 2 + 10 {
                            failures.push(format!(
                                "{page} at {size}: {} items read, {} at the smallest size",
                                now.items_read, small.items_read
                            ));
                        }
                    }
                }
            }
        }
        println!("{}", table.join("\n"));
        assert!(failures.is_empty(), "{failures:#?}");
    })
}
