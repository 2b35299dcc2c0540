//! The Store contract, run against the DynamoDB adapter on moto's server (loopback).
//! Each check gets its own freshly created table.
mod moto;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use app::store::Store;
use server::dynamo_store::{client, ClientSettings, DynamoStore};

static TABLES: AtomicU32 = AtomicU32::new(0);

async fn fresh_store() -> Arc<dyn Store> {
    moto::fake_aws_environment();
    // moto on a busy 2-core machine answers slower than DynamoDB: be patient with it.
    let client = client(&ClientSettings {
        endpoint: Some(moto::endpoint().to_string()),
        attempt_timeout: std::time::Duration::from_secs(20),
        ..Default::default()
    })
    .await;
    let name = format!(
        "contract-{}-{}",
        std::process::id(),
        TABLES.fetch_add(1, Ordering::SeqCst)
    );
    let store = DynamoStore::new(client, name);
    assert!(store.create_table().await.unwrap(), "a new table");
    Arc::new(store)
}

app::store_contract_tests!(fresh_store);
