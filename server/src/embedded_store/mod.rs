//! The embedded store: a redb file under the data directory.
//!
//! Why redb rather than SQLite: it is pure Rust (no C toolchain, nothing to link when we
//! cross-compile), it is ACID with copy-on-write pages so a crash never leaves a half-written
//! file, readers never block the single writer, and its key-ordered tables behave like the
//! DynamoDB partitions and sort keys the production adapter uses, so both keep the same
//! ordering and cursor semantics.
//!
//! Each port is implemented in the file named for it; `indexes` keeps the session tables
//! and their indexes consistent. Tables: `sessions` (id → JSON), `sessions_by_name` (folded name + id → id),
//! `sessions_by_place` (`country/area/town/` + name key → id), `sessions_by_created`
//! (sortable created_at + id → id, read backwards for the newest), `search_terms` (each
//! folded word + id → id, read by prefix), `sessions_by_cell` (geohash + id → id, read by
//! cell prefix) and `place_counts` (`ie`, `ie/clare`, `ie/clare/ennis` → name and count);
//! `follows` and `digest_marks` are the members' follows (`follows.rs`).
//! Every write updates them all in one transaction, so listings, searches and counts never
//! disagree with the sessions.
mod allowances;
mod follows;
mod history;
mod indexes;
mod listings;
mod members;
mod moderation;
mod reviews;
mod sessions;
mod sign_ins;
mod sitemap;

use std::path::Path;
use std::sync::Arc;

use app::store::{Store, StoreError};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase};
use serde::{Deserialize, Serialize};

use indexes::{backfill_indexes, PLACE_COUNTS, SESSIONS};

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "seisiun.redb";

#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
}

fn internal(err: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(err.to_string())
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `data_dir`. Fails clearly if another process has it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            StoreError::Unavailable(format!(
                "cannot create the data directory {}: {e}",
                data_dir.display()
            ))
        })?;
        let path = data_dir.join(FILE_NAME);
        let db = Database::create(&path).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::Unavailable(format!(
                "{} is in use by another Seisiún process; stop it or set DATA_DIR elsewhere",
                path.display()
            )),
            other => StoreError::Unavailable(format!("cannot open {}: {other}", path.display())),
        })?;
        let txn = db.begin_write().map_err(internal)?;
        txn.open_table(SESSIONS).map_err(internal)?;
        txn.open_table(PLACE_COUNTS).map_err(internal)?;
        txn.open_table(reviews::REVIEWS).map_err(internal)?;
        txn.open_table(reviews::RATINGS).map_err(internal)?;
        txn.open_table(reviews::REVIEW_HOLDS).map_err(internal)?;
        txn.open_table(allowances::ALLOWANCES).map_err(internal)?;
        txn.open_table(sign_ins::SIGN_INS_ENDED).map_err(internal)?;
        txn.open_table(history::HISTORY).map_err(internal)?;
        txn.open_table(follows::FOLLOWS).map_err(internal)?;
        txn.open_table(follows::DIGEST_MARKS).map_err(internal)?;
        moderation::open_tables(&txn)?;
        for table in [
            members::BOOKMARKS,
            members::MEMBER_REVIEWS,
            members::FEED_TOKENS,
            members::MEMBER_FEEDS,
        ] {
            txn.open_table(table).map_err(internal)?;
        }
        backfill_indexes(&txn)?;
        txn.commit().map_err(internal)?;
        Ok(Self { db: Arc::new(db) })
    }

    /// redb is synchronous and commits fsync: keep it off the async worker threads.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Database) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || work(&db))
            .await
            .map_err(internal)?
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(internal)
}

fn from_json<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(internal)
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.blocking(|db| {
            let txn = db.begin_read().map_err(internal)?;
            txn.open_table(SESSIONS).map_err(internal)?;
            Ok(())
        })
        .await
    }
}
