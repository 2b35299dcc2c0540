//! The embedded store: a redb file under the data directory.
//!
//! Why redb rather than SQLite: it is pure Rust (no C toolchain, nothing to link when we
//! cross-compile), it is ACID with copy-on-write pages so a crash never leaves a half-written
//! file, readers never block the single writer, and its key-ordered tables behave like the
//! DynamoDB partitions and sort keys the production adapter uses, so both keep the same
//! ordering and cursor semantics.
//!
//! Tables: `sessions` (id → JSON), `sessions_by_name` (name sort key → id) and
//! `country_counts` (country code → JSON count). Every write updates them in one transaction.
mod cursor;

use std::path::Path;
use std::sync::Arc;

use app::model::{CountryCount, Session, SessionId, SessionPage};
use app::store::{name_sort_key, PageRequest, Store, StoreError};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};

const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
const SESSIONS_BY_NAME: TableDefinition<&str, &str> = TableDefinition::new("sessions_by_name");
const COUNTRY_COUNTS: TableDefinition<&str, &[u8]> = TableDefinition::new("country_counts");

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "seisiun.redb";

#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
}

#[derive(Serialize, Deserialize)]
struct CountryRecord {
    name: String,
    sessions: u64,
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
        txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
        txn.open_table(COUNTRY_COUNTS).map_err(internal)?;
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

fn read_session(txn: &WriteTransaction, id: &str) -> Result<Option<Session>, StoreError> {
    let table = txn.open_table(SESSIONS).map_err(internal)?;
    let found = table.get(id).map_err(internal)?;
    found.map(|v| from_json(v.value())).transpose()
}

/// Adds `delta` sessions to a country's count, dropping the row when it reaches zero.
fn adjust_country(
    txn: &WriteTransaction,
    code: &str,
    name: &str,
    delta: i64,
) -> Result<(), StoreError> {
    let mut table = txn.open_table(COUNTRY_COUNTS).map_err(internal)?;
    let current: u64 = match table.get(code).map_err(internal)? {
        Some(v) => from_json::<CountryRecord>(v.value())?.sessions,
        None => 0,
    };
    let updated = current.saturating_add_signed(delta);
    if updated == 0 {
        table.remove(code).map_err(internal)?;
    } else {
        let record = CountryRecord {
            name: name.to_string(),
            sessions: updated,
        };
        table
            .insert(code, to_json(&record)?.as_slice())
            .map_err(internal)?;
    }
    Ok(())
}

fn write_session(txn: &WriteTransaction, session: &Session) -> Result<(), StoreError> {
    let mut sessions = txn.open_table(SESSIONS).map_err(internal)?;
    sessions
        .insert(session.id.as_str(), to_json(session)?.as_slice())
        .map_err(internal)?;
    let mut by_name = txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
    by_name
        .insert(name_sort_key(session).as_str(), session.id.as_str())
        .map_err(internal)?;
    Ok(())
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        let session = session.clone();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            if read_session(&txn, session.id.as_str())?.is_some() {
                return Err(StoreError::AlreadyExists(session.id.clone()));
            }
            write_session(&txn, &session)?;
            adjust_country(&txn, &session.country.code, &session.country.name, 1)?;
            txn.commit().map_err(internal)
        })
        .await
    }

    async fn update_session(&self, session: &Session) -> Result<Session, StoreError> {
        let session = session.clone();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            let current = read_session(&txn, session.id.as_str())?
                .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
            if current.version != session.version {
                return Err(StoreError::VersionConflict {
                    id: session.id.clone(),
                    expected: session.version,
                    found: current.version,
                });
            }
            let mut stored = session;
            stored.version = current.version + 1;
            {
                let mut by_name = txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
                by_name
                    .remove(name_sort_key(&current).as_str())
                    .map_err(internal)?;
            }
            write_session(&txn, &stored)?;
            if current.country != stored.country {
                adjust_country(&txn, &current.country.code, &current.country.name, -1)?;
                adjust_country(&txn, &stored.country.code, &stored.country.name, 1)?;
            }
            txn.commit().map_err(internal)?;
            Ok(stored)
        })
        .await
    }

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError> {
        let id = id.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(SESSIONS).map_err(internal)?;
            let found = table.get(id.as_str()).map_err(internal)?;
            found.map(|v| from_json(v.value())).transpose()
        })
        .await
    }

    async fn list_sessions(&self, page: PageRequest) -> Result<SessionPage, StoreError> {
        let limit = page.clamped_limit();
        let after = match &page.cursor {
            None => None,
            Some(c) => Some(cursor::decode(c).ok_or(StoreError::InvalidCursor)?),
        };
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_name = txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let range = match &after {
                Some(key) => by_name.range::<&str>((
                    std::ops::Bound::Excluded(key.as_str()),
                    std::ops::Bound::Unbounded,
                )),
                None => by_name.range::<&str>(..),
            }
            .map_err(internal)?;
            let mut listed = Vec::with_capacity(limit);
            let mut last_key = None;
            let mut more = false;
            for entry in range {
                let (key, id) = entry.map_err(internal)?;
                if listed.len() == limit {
                    more = true;
                    break;
                }
                let bytes = sessions.get(id.value()).map_err(internal)?.ok_or_else(|| {
                    internal(format!("index names missing session {}", id.value()))
                })?;
                listed.push(from_json::<Session>(bytes.value())?);
                last_key = Some(key.value().to_string());
            }
            Ok(SessionPage {
                sessions: listed,
                next_cursor: if more {
                    last_key.map(|k| cursor::encode(&k))
                } else {
                    None
                },
            })
        })
        .await
    }

    async fn country_counts(&self) -> Result<Vec<CountryCount>, StoreError> {
        self.blocking(|db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(COUNTRY_COUNTS).map_err(internal)?;
            let mut counts = Vec::new();
            for entry in table.iter().map_err(internal)? {
                let (code, value) = entry.map_err(internal)?;
                let record: CountryRecord = from_json(value.value())?;
                counts.push(CountryCount {
                    code: code.value().to_string(),
                    name: record.name,
                    sessions: record.sessions,
                });
            }
            counts.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
            Ok(counts)
        })
        .await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.blocking(|db| {
            let txn = db.begin_read().map_err(internal)?;
            txn.open_table(SESSIONS).map_err(internal)?;
            Ok(())
        })
        .await
    }
}
