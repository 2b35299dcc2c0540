//! The Store contract, run against the DynamoDB adapter on moto's server (loopback).
//! Each check gets its own freshly created table.
use crate::moto;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use app::store::{Sitemaps, Store};
use server::dynamo_store::{client, ClientSettings, DynamoStore};

static TABLES: AtomicU32 = AtomicU32::new(0);

/// A new table on moto, and the client that reaches it.
async fn fresh_table(prefix: &str) -> (DynamoStore, aws_sdk_dynamodb::Client, String) {
    moto::fake_aws_environment();
    // moto on a busy 2-core machine answers slower than DynamoDB: be patient with it.
    let client = client(&ClientSettings {
        endpoint: Some(moto::endpoint().to_string()),
        attempt_timeout: std::time::Duration::from_secs(20),
        ..Default::default()
    })
    .await;
    let name = format!(
        "{prefix}-{}-{}",
        std::process::id(),
        TABLES.fetch_add(1, Ordering::SeqCst)
    );
    let store = DynamoStore::new(client.clone(), name.clone());
    assert!(store.create_table().await.unwrap(), "a new table");
    (store, client, name)
}

async fn fresh_store() -> Arc<dyn Store> {
    Arc::new(fresh_table("contract").await.0)
}

app::store_contract_tests!(fresh_store);

/// What only this adapter has: copies of the session in index items. Confirmations rewrite
/// them once a calendar month, not once a day (point 10 of the hardening issue): the session
/// item always has the date, search's copy has the month's first confirmation.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn confirmations_rewrite_the_index_copies_once_a_month() {
    use app::model::SessionId;
    let store = fresh_store().await;
    let session = app::store::contract::sample_session("s1", "Tuesday Tunes", "IE");
    store.create_session(&session, None).await.unwrap();
    let id = SessionId::parse("s1").unwrap();
    let day = |iso: &str| iso.parse::<chrono::NaiveDate>().unwrap();
    for (confirmed, item, copy) in [
        ("2026-11-03", "2026-11-03", "2026-11-03"),
        ("2026-11-20", "2026-11-20", "2026-11-03"),
        ("2026-11-29", "2026-11-29", "2026-11-03"),
        ("2026-12-01", "2026-12-01", "2026-12-01"),
    ] {
        store.confirm_session(&id, day(confirmed)).await.unwrap();
        let stored = store.get_session(&id).await.unwrap().unwrap();
        let found = store.search_sessions(&["tuesday".into()]).await.unwrap();
        assert_eq!(
            (stored.last_confirmed, found[0].last_confirmed),
            (Some(day(item)), Some(day(copy))),
            "after confirming on {confirmed}"
        );
    }
}

/// Each sitemap build leaves its chunks behind until the build after next: the table keeps
/// the current build and the one before it (for readers mid-flip), never more.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn old_sitemap_builds_are_deleted() {
    let (store, client, name) = fresh_table("sitemaps").await;
    let start = chrono::Utc::now();
    for build in 0..4 {
        let entries = (0..5)
            .map(|n| app::model::SitemapEntry {
                path: format!("/session/b{build}-{n}"),
                lastmod: None,
            })
            .collect::<Vec<_>>();
        store
            .save_sitemap(start + chrono::Duration::minutes(build), &[entries])
            .await
            .unwrap();
    }
    let items = client.scan().table_name(&name).send().await.unwrap();
    let generations: std::collections::BTreeSet<String> = items
        .items()
        .iter()
        .filter_map(|item| item.get("pk")?.as_s().ok().cloned())
        .filter(|pk| pk.starts_with("SITEMAP#"))
        .collect();
    assert_eq!(generations.len(), 2, "{generations:?}");
}
