//! The embedded store: a redb file under the data directory.
//!
//! Why redb rather than SQLite: it is pure Rust (no C toolchain, nothing to link when we
//! cross-compile), it is ACID with copy-on-write pages so a crash never leaves a half-written
//! file, readers never block the single writer, and its key-ordered tables behave like the
//! DynamoDB partitions and sort keys the production adapter uses, so both keep the same
//! ordering and cursor semantics.
//!
//! Tables: `sessions` (id → JSON), `sessions_by_name` (folded name + id → id),
//! `sessions_by_place` (`country/area/town/` + name key → id), `sessions_by_created`
//! (sortable created_at + id → id, read backwards for the newest), `search_terms` (each
//! folded word + id → id, read by prefix), `sessions_by_cell` (geohash + id → id, read by
//! cell prefix) and `place_counts` (`ie`, `ie/clare`, `ie/clare/ennis` → name and count).
//! Every write updates them all in one transaction, so listings, searches and counts never
//! disagree with the sessions.
mod allowances;
mod confirmations;
mod history;
mod members;
mod moderation;
mod reviews;
mod sign_ins;
mod sitemap;

use std::path::Path;
use std::sync::Arc;

use app::model::{
    geo, search, AuditEntry, GeoPoint, PlaceCount, PlacePath, Report, Review, ReviewPage, Revision,
    Session, SessionActivity, SessionId, SessionPage,
};
use app::store::{
    name_sort_key, nearest_first, place_names, rank_search_candidates, town_of, NearbySession,
    PageRequest, Store, StoreError, MAX_MEMBER_LIST, MAX_PAGE_SIZE, SEARCH_CANDIDATES_PER_TERM,
};
use async_trait::async_trait;
use redb::{
    Database, ReadOnlyTable, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition, WriteTransaction,
};
use serde::{Deserialize, Serialize};

use crate::index_keys::{created_index_key, place_index_key};
use crate::store_cursor as cursor;

const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
const SESSIONS_BY_NAME: TableDefinition<&str, &str> = TableDefinition::new("sessions_by_name");
const SESSIONS_BY_PLACE: TableDefinition<&str, &str> = TableDefinition::new("sessions_by_place");
const SESSIONS_BY_CREATED: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_created");
const SEARCH_TERMS: TableDefinition<&str, &str> = TableDefinition::new("search_terms");
const SESSIONS_BY_CELL: TableDefinition<&str, &str> = TableDefinition::new("sessions_by_cell");
const PLACE_COUNTS: TableDefinition<&str, &[u8]> = TableDefinition::new("place_counts");
const SESSIONS_BY_AUTHOR: TableDefinition<&str, &str> = TableDefinition::new("sessions_by_author");

/// A secondary index: a table of key → session id, and the keys a session has in it.
struct Index {
    table: TableDefinition<'static, &'static str, &'static str>,
    keys: fn(&Session) -> Vec<String>,
}

const INDEXES: [Index; 6] = [
    Index {
        table: SESSIONS_BY_NAME,
        keys: |s| vec![name_sort_key(s)],
    },
    Index {
        table: SESSIONS_BY_PLACE,
        keys: |s| vec![place_index_key(s)],
    },
    Index {
        table: SESSIONS_BY_CREATED,
        keys: |s| vec![created_index_key(s)],
    },
    Index {
        table: SEARCH_TERMS,
        keys: search_index_keys,
    },
    Index {
        table: SESSIONS_BY_CELL,
        keys: cell_index_keys,
    },
    Index {
        table: SESSIONS_BY_AUTHOR,
        keys: |s| vec![format!("{}\u{0}{}", s.added_by, name_sort_key(s))],
    },
];

/// The session's keys in an index: none while it is hidden, so every list, search and
/// count leaves it out while `get_session` still finds it.
fn index_keys(index: &Index, session: &Session) -> Vec<String> {
    if session.hidden {
        Vec::new()
    } else {
        (index.keys)(session)
    }
}

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "seisiun.redb";

#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
}

#[derive(Serialize, Deserialize)]
struct PlaceRecord {
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
        txn.open_table(PLACE_COUNTS).map_err(internal)?;
        txn.open_table(reviews::REVIEWS).map_err(internal)?;
        txn.open_table(reviews::RATINGS).map_err(internal)?;
        txn.open_table(reviews::REVIEW_HOLDS).map_err(internal)?;
        txn.open_table(allowances::ALLOWANCES).map_err(internal)?;
        txn.open_table(sign_ins::SIGN_INS_ENDED).map_err(internal)?;
        txn.open_table(history::HISTORY).map_err(internal)?;
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

    /// Adds a session (and the revision recording it) in one transaction.
    async fn create(
        &self,
        session: &Session,
        revision: Option<Revision>,
    ) -> Result<(), StoreError> {
        let session = session.clone();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            if read_session(&txn, session.id.as_str())?.is_some() {
                return Err(StoreError::AlreadyExists(session.id.clone()));
            }
            write_session(&txn, &session)?;
            adjust_places(&txn, &session, 1)?;
            history::record(&txn, revision.as_ref())?;
            txn.commit().map_err(internal)
        })
        .await
    }

    /// Replaces a session at the version it names (and records the revision) in one
    /// transaction.
    async fn update(
        &self,
        session: &Session,
        revision: Option<Revision>,
    ) -> Result<Session, StoreError> {
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
            // A confirmation does not move the version: keep one made since the editor read.
            stored.last_confirmed = stored.last_confirmed.max(current.last_confirmed);
            remove_index_entries(&txn, &current)?;
            write_session(&txn, &stored)?;
            adjust_places(&txn, &current, -1)?;
            adjust_places(&txn, &stored, 1)?;
            history::record(&txn, revision.as_ref())?;
            txn.commit().map_err(internal)?;
            Ok(stored)
        })
        .await
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

/// The keys of the session's words in `search_terms`: each word, then the id.
fn search_index_keys(session: &Session) -> Vec<String> {
    search::index_terms(session)
        .into_iter()
        .map(|term| format!("{term}\u{0}{}", session.id))
        .collect()
}

/// The key of the session's cell in `sessions_by_cell`; online sessions have none.
fn cell_index_keys(session: &Session) -> Vec<String> {
    session
        .point
        .and_then(geo::cell_of)
        .map(|cell| format!("{cell}\u{0}{}", session.id))
        .into_iter()
        .collect()
}

/// Files written before an index existed have sessions but an empty index: build each
/// such index once from the sessions, in the opening transaction.
fn backfill_indexes(txn: &WriteTransaction) -> Result<(), StoreError> {
    let sessions = txn.open_table(SESSIONS).map_err(internal)?;
    if sessions.is_empty().map_err(internal)? {
        for index in &INDEXES {
            txn.open_table(index.table).map_err(internal)?;
        }
        return Ok(());
    }
    for index in &INDEXES {
        let mut table = txn.open_table(index.table).map_err(internal)?;
        if !table.is_empty().map_err(internal)? {
            continue;
        }
        for entry in sessions.iter().map_err(internal)? {
            let (_, value) = entry.map_err(internal)?;
            let session: Session = from_json(value.value())?;
            for key in index_keys(index, &session) {
                table
                    .insert(key.as_str(), session.id.as_str())
                    .map_err(internal)?;
            }
        }
    }
    Ok(())
}

/// Adds `delta` to the count of the session's country, area and town; a place whose count
/// reaches zero disappears.
fn adjust_places(txn: &WriteTransaction, session: &Session, delta: i64) -> Result<(), StoreError> {
    if session.hidden {
        // Hidden sessions are not counted.
        return Ok(());
    }
    let mut table = txn.open_table(PLACE_COUNTS).map_err(internal)?;
    let levels = town_of(session).ancestry();
    for (path, name) in levels.iter().zip(place_names(session)) {
        let key = path.key();
        let current: u64 = match table.get(key.as_str()).map_err(internal)? {
            Some(v) => from_json::<PlaceRecord>(v.value())?.sessions,
            None => 0,
        };
        let updated = current.saturating_add_signed(delta);
        if updated == 0 {
            table.remove(key.as_str()).map_err(internal)?;
        } else {
            let record = PlaceRecord {
                name: name.to_string(),
                sessions: updated,
            };
            table
                .insert(key.as_str(), to_json(&record)?.as_slice())
                .map_err(internal)?;
        }
    }
    Ok(())
}

fn remove_index_entries(txn: &WriteTransaction, session: &Session) -> Result<(), StoreError> {
    for index in &INDEXES {
        let mut table = txn.open_table(index.table).map_err(internal)?;
        for key in index_keys(index, session) {
            table.remove(key.as_str()).map_err(internal)?;
        }
    }
    Ok(())
}

/// The session an index entry names; a dangling entry is an internal error, not a gap.
fn load_indexed(sessions: &ReadOnlyTable<&str, &[u8]>, id: &str) -> Result<Session, StoreError> {
    let bytes = sessions
        .get(id)
        .map_err(internal)?
        .ok_or_else(|| internal(format!("index names missing session {id}")))?;
    from_json(bytes.value())
}

/// One page of an index whose keys start with `prefix`, continuing after the cursor's key.
fn index_page(
    index: &ReadOnlyTable<&str, &str>,
    sessions: &ReadOnlyTable<&str, &[u8]>,
    prefix: &str,
    cursor: Option<&str>,
    limit: usize,
) -> Result<SessionPage, StoreError> {
    let after = match cursor {
        None => None,
        Some(c) => Some(
            cursor::decode(c)
                .filter(|key| key.starts_with(prefix))
                .ok_or(StoreError::InvalidCursor)?,
        ),
    };
    let start = match &after {
        Some(key) => std::ops::Bound::Excluded(key.as_str()),
        None => std::ops::Bound::Included(prefix),
    };
    let range = index
        .range::<&str>((start, std::ops::Bound::Unbounded))
        .map_err(internal)?;
    let mut listed = Vec::with_capacity(limit);
    let mut last_key = None;
    let mut more = false;
    for entry in range {
        let (key, id) = entry.map_err(internal)?;
        if !key.value().starts_with(prefix) {
            break;
        }
        if listed.len() == limit {
            more = true;
            break;
        }
        listed.push(load_indexed(sessions, id.value())?);
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
}

fn write_session(txn: &WriteTransaction, session: &Session) -> Result<(), StoreError> {
    let mut sessions = txn.open_table(SESSIONS).map_err(internal)?;
    sessions
        .insert(session.id.as_str(), to_json(session)?.as_slice())
        .map_err(internal)?;
    for index in &INDEXES {
        let mut table = txn.open_table(index.table).map_err(internal)?;
        for key in index_keys(index, session) {
            table
                .insert(key.as_str(), session.id.as_str())
                .map_err(internal)?;
        }
    }
    Ok(())
}

/// The sessions whose index keys start with `prefix`, reading at most `cap` entries;
/// the flag says whether the cap cut the read short.
fn sessions_with_prefix(
    index: &ReadOnlyTable<&str, &str>,
    sessions: &ReadOnlyTable<&str, &[u8]>,
    prefix: &str,
    cap: usize,
) -> Result<(Vec<Session>, bool), StoreError> {
    let mut found = Vec::new();
    for entry in index.range::<&str>(prefix..).map_err(internal)? {
        let (key, id) = entry.map_err(internal)?;
        if !key.value().starts_with(prefix) {
            break;
        }
        if found.len() == cap {
            return Ok((found, true));
        }
        found.push(load_indexed(sessions, id.value())?);
    }
    Ok((found, false))
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        self.create(session, None).await
    }

    async fn update_session(&self, session: &Session) -> Result<Session, StoreError> {
        self.update(session, None).await
    }

    async fn create_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<(), StoreError> {
        self.create(session, Some(revision.clone())).await
    }

    async fn update_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<Session, StoreError> {
        self.update(session, Some(revision.clone())).await
    }

    async fn confirm_session(
        &self,
        id: &SessionId,
        day: chrono::NaiveDate,
    ) -> Result<app::store::Confirmation, StoreError> {
        self.confirm(id, day).await
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
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_name = txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            index_page(&by_name, &sessions, "", page.cursor.as_deref(), limit)
        })
        .await
    }

    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<SessionPage, StoreError> {
        let limit = page.clamped_limit();
        let prefix = match place {
            PlacePath::World => return self.list_sessions(page).await,
            other => format!("{}/", other.key()),
        };
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_place = txn.open_table(SESSIONS_BY_PLACE).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            index_page(&by_place, &sessions, &prefix, page.cursor.as_deref(), limit)
        })
        .await
    }

    async fn place_children(&self, parent: &PlacePath) -> Result<Vec<PlaceCount>, StoreError> {
        let parent = parent.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(PLACE_COUNTS).map_err(internal)?;
            let prefix = match &parent {
                PlacePath::World => String::new(),
                other => format!("{}/", other.key()),
            };
            let mut children = Vec::new();
            for entry in table.range::<&str>(prefix.as_str()..).map_err(internal)? {
                let (key, value) = entry.map_err(internal)?;
                let Some(rest) = key.value().strip_prefix(prefix.as_str()) else {
                    break;
                };
                if rest.contains('/') {
                    continue; // a grandchild
                }
                let path = PlacePath::from_segments(&key.value().split('/').collect::<Vec<_>>())
                    .ok_or_else(|| internal(format!("bad place key {}", key.value())))?;
                let record: PlaceRecord = from_json(value.value())?;
                children.push(PlaceCount {
                    path,
                    name: record.name,
                    sessions: record.sessions,
                });
            }
            children.sort_by_cached_key(|c| (app::text::fold(&c.name), c.path.key()));
            Ok(children)
        })
        .await
    }

    async fn place_trail(&self, place: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError> {
        let place = place.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(PLACE_COUNTS).map_err(internal)?;
            let mut trail = Vec::new();
            for path in place.ancestry() {
                let Some(value) = table.get(path.key().as_str()).map_err(internal)? else {
                    return Ok(None);
                };
                let record: PlaceRecord = from_json(value.value())?;
                trail.push(PlaceCount {
                    path,
                    name: record.name,
                    sessions: record.sessions,
                });
            }
            Ok(Some(trail))
        })
        .await
    }

    async fn newest_sessions(&self, limit: usize) -> Result<Vec<Session>, StoreError> {
        let limit = limit.clamp(1, MAX_PAGE_SIZE);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_created = txn.open_table(SESSIONS_BY_CREATED).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            // The index ascends by time then id; reading it backwards gives newest first.
            let mut newest = Vec::with_capacity(limit);
            for entry in by_created.iter().map_err(internal)?.rev().take(limit) {
                let (_, id) = entry.map_err(internal)?;
                newest.push(load_indexed(&sessions, id.value())?);
            }
            Ok(newest)
        })
        .await
    }

    async fn search_sessions(&self, terms: &[String]) -> Result<Vec<Session>, StoreError> {
        let terms = terms.to_vec();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SEARCH_TERMS).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let per_term = terms
                .iter()
                .map(|term| {
                    sessions_with_prefix(&index, &sessions, term, SEARCH_CANDIDATES_PER_TERM)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rank_search_candidates(per_term, &terms))
        })
        .await
    }

    async fn sessions_near(
        &self,
        centre: GeoPoint,
        radius_km: f64,
    ) -> Result<Vec<NearbySession>, StoreError> {
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SESSIONS_BY_CELL).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let mut candidates = Vec::new();
            for cell in geo::covering_cells(centre, radius_km) {
                let (found, _) = sessions_with_prefix(&index, &sessions, &cell, usize::MAX)?;
                candidates.extend(found);
            }
            Ok(nearest_first(candidates, centre, radius_km))
        })
        .await
    }

    async fn put_review(&self, review: &Review) -> Result<Review, StoreError> {
        let review = review.clone();
        self.blocking(move |db| reviews::put(db, review)).await
    }

    async fn delete_review(&self, session: &SessionId, author: &str) -> Result<bool, StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| reviews::delete(db, &session, &author))
            .await
    }

    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &str,
        hidden: bool,
    ) -> Result<(), StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| reviews::set_hidden(db, &session, &author, hidden))
            .await
    }

    async fn review_by(
        &self,
        session: &SessionId,
        author: &str,
    ) -> Result<Option<Review>, StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| reviews::get(db, &session, &author))
            .await
    }

    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError> {
        let id = id.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let Some(found) = sessions.get(id.as_str()).map_err(internal)? else {
                return Ok(None);
            };
            let session: Session = from_json(found.value())?;
            Ok(Some((session, reviews::of_session(&txn, &id)?)))
        })
        .await
    }

    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<ReviewPage, StoreError> {
        let id = id.clone();
        self.blocking(move |db| reviews::page(db, &id, page)).await
    }

    async fn set_bookmark(
        &self,
        member: &str,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError> {
        let (member, session) = (member.to_string(), session.clone());
        self.blocking(move |db| members::set_bookmark(db, &member, &session, bookmarked))
            .await
    }

    async fn is_bookmarked(&self, member: &str, session: &SessionId) -> Result<bool, StoreError> {
        let (member, session) = (member.to_string(), session.clone());
        self.blocking(move |db| members::is_bookmarked(db, &member, &session))
            .await
    }

    async fn member_bookmarks(&self, member: &str) -> Result<Vec<Session>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| members::bookmarks(db, &member))
            .await
    }

    async fn member_reviews(&self, member: &str) -> Result<Vec<Review>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| members::reviews(db, &member)).await
    }

    async fn sessions_added_by(&self, member: &str) -> Result<Vec<Session>, StoreError> {
        let prefix = format!("{member}\u{0}");
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_author = txn.open_table(SESSIONS_BY_AUTHOR).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            Ok(sessions_with_prefix(&by_author, &sessions, &prefix, MAX_MEMBER_LIST)?.0)
        })
        .await
    }

    async fn feed_token(&self, member: &str) -> Result<Option<String>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| members::feed_token(db, &member))
            .await
    }

    async fn set_feed_token(&self, member: &str, token: Option<&str>) -> Result<(), StoreError> {
        let (member, token) = (member.to_string(), token.map(str::to_string));
        self.blocking(move |db| members::set_feed_token(db, &member, token.as_deref()))
            .await
    }

    async fn feed_owner(&self, token: &str) -> Result<Option<String>, StoreError> {
        let token = token.to_string();
        self.blocking(move |db| members::feed_owner(db, &token))
            .await
    }

    async fn file_report(&self, report: &Report) -> Result<app::model::Filed, StoreError> {
        let report = report.clone();
        self.blocking(move |db| moderation::file(db, &report)).await
    }

    async fn report_queue(
        &self,
        page: PageRequest,
    ) -> Result<app::model::ReportGroupPage, StoreError> {
        self.blocking(move |db| moderation::queue(db, page)).await
    }

    async fn report_group(&self, id: &str) -> Result<Option<app::model::ReportGroup>, StoreError> {
        let id = id.to_string();
        self.blocking(move |db| moderation::group(db, &id)).await
    }

    async fn settle_reports(
        &self,
        id: &str,
        settlement: &app::model::Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<app::model::ReportGroup>, StoreError> {
        let (id, settlement, entry) = (id.to_string(), settlement.clone(), entry.clone());
        self.blocking(move |db| moderation::settle(db, &id, &settlement, &entry))
            .await
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let entry = entry.clone();
        self.blocking(move |db| moderation::record(db, &entry))
            .await
    }

    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.blocking(moderation::log).await
    }

    async fn take_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let allowances = allowances.to_vec();
        self.blocking(move |db| allowances::take(db, &allowances, now))
            .await
    }

    async fn end_sign_ins(
        &self,
        account: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let account = account.to_string();
        self.blocking(move |db| sign_ins::end(db, &account, at))
            .await
    }

    async fn sign_ins_ended_at(
        &self,
        account: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let account = account.to_string();
        self.blocking(move |db| sign_ins::ended_at(db, &account))
            .await
    }

    async fn give_back_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let allowances = allowances.to_vec();
        self.blocking(move |db| allowances::give_back(db, &allowances, now))
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
