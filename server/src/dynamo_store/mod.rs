//! The DynamoDB store: one table (see docs/data-model.md), session items with three global
//! secondary indexes (by name, by place, by creation time), search-term and geohash-cell
//! items that carry a copy of the session, and place-count items. Every write that touches
//! more than one item is one transaction, so indexes and counts never disagree with the
//! sessions.
mod allowances;
mod bulk;
mod confirmations;
mod errors;
mod follows;
mod items;
mod listings;
mod members;
mod moderation;
mod review_items;
mod reviews;
pub mod round_trips;
mod sessions;
mod sign_ins;
mod sitemap;
pub mod table;
mod writes;

use std::time::Duration;

use app::store::{PageRequest, Store, StoreError, MAX_PAGE_SIZE};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;

use errors::store_error;
use items::Item;

/// Concurrent transactions on one item (a busy town's count) are cancelled with
/// `TransactionConflict`; they are retried this many times with a growing pause.
const TRANSACTION_ATTEMPTS: u32 = 8;

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

/// How the adapter reaches DynamoDB.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// Another endpoint than AWS's (moto or DynamoDB Local on loopback).
    pub endpoint: Option<String>,
    /// Each try of a call; a whole call with retries gets three times this.
    pub attempt_timeout: Duration,
    /// Counts calls and round trips (tests only).
    pub round_trips: Option<round_trips::RoundTrips>,
}

impl Default for ClientSettings {
    /// 2 s an attempt (see `crate::aws::sdk_config` for the retry policy).
    fn default() -> Self {
        Self {
            endpoint: None,
            attempt_timeout: Duration::from_secs(2),
            round_trips: None,
        }
    }
}

pub async fn client(settings: &ClientSettings) -> Client {
    let shared =
        crate::aws::sdk_config(settings.endpoint.as_deref(), None, settings.attempt_timeout).await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
    if let Some(counter) = &settings.round_trips {
        config = config.interceptor(counter.clone());
    }
    Client::from_conf(config.build())
}

fn page_size(page: &PageRequest) -> i32 {
    page.clamped_limit().min(MAX_PAGE_SIZE) as i32
}

fn string_attr<'a>(item: &'a Item, name: &str) -> Result<&'a str, StoreError> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
        .ok_or_else(|| StoreError::Internal(format!("item without {name}")))
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    pub async fn create_table(&self) -> Result<bool, String> {
        table::create_table(&self.client, &self.table).await
    }
}

#[async_trait]
impl Store for DynamoStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.client
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }
}
