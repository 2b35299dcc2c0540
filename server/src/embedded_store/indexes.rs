//! The session tables and their secondary indexes, written together in one transaction
//! so listings, searches and counts never disagree with the sessions.
use app::model::{geo, search, Page, Session};
use app::store::{name_sort_key, place_names, town_of, StoreError};
use redb::{
    ReadOnlyTable, ReadableTable, ReadableTableMetadata, TableDefinition, WriteTransaction,
};
use serde::{Deserialize, Serialize};

use super::{from_json, internal, to_json};
use crate::index_keys::{created_index_key, place_index_key};
use crate::store_cursor as cursor;

pub(super) const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions");
pub(super) const SESSIONS_BY_NAME: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_name");
pub(super) const SESSIONS_BY_PLACE: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_place");
pub(super) const SESSIONS_BY_CREATED: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_created");
pub(super) const SEARCH_TERMS: TableDefinition<&str, &str> = TableDefinition::new("search_terms");
pub(super) const SESSIONS_BY_CELL: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_cell");
pub(super) const PLACE_COUNTS: TableDefinition<&str, &[u8]> = TableDefinition::new("place_counts");
pub(super) const SESSIONS_BY_AUTHOR: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_author");

/// A secondary index: a table of key → session id, which sessions it holds, and the keys
/// a session has in it.
pub(super) struct Index {
    table: TableDefinition<'static, &'static str, &'static str>,
    holds: Holds,
    keys: fn(&Session) -> Vec<String>,
}

/// Which sessions an index holds.
#[derive(Clone, Copy)]
pub(super) enum Holds {
    /// Those listed: not hidden, and not an event that is over.
    Listed,
    /// Every one not hidden: an author's event is still theirs to see once it is over.
    NotHidden,
}

/// Each scheduled start's UTC minute of the week + id → id, read in minute order for
/// "tonight and next".
pub(super) const SESSIONS_BY_START: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_start");

/// One-off sessions by when they end + id → id, read for the hourly upkeep.
pub(super) const SESSIONS_BY_END: TableDefinition<&str, &str> =
    TableDefinition::new("sessions_by_end");

pub(super) const INDEXES: [Index; 8] = [
    Index {
        table: SESSIONS_BY_NAME,
        holds: Holds::Listed,
        keys: |s| vec![name_sort_key(s)],
    },
    Index {
        table: SESSIONS_BY_PLACE,
        holds: Holds::Listed,
        keys: |s| vec![place_index_key(s)],
    },
    Index {
        table: SESSIONS_BY_CREATED,
        holds: Holds::Listed,
        keys: |s| vec![created_index_key(s)],
    },
    Index {
        table: SEARCH_TERMS,
        holds: Holds::Listed,
        keys: search_index_keys,
    },
    Index {
        table: SESSIONS_BY_CELL,
        holds: Holds::Listed,
        keys: cell_index_keys,
    },
    Index {
        table: SESSIONS_BY_AUTHOR,
        holds: Holds::NotHidden,
        keys: |s| vec![format!("{}\u{0}{}", s.added_by, name_sort_key(s))],
    },
    Index {
        table: SESSIONS_BY_START,
        holds: Holds::Listed,
        keys: start_index_keys,
    },
    Index {
        table: SESSIONS_BY_END,
        holds: Holds::Listed,
        keys: |s| app::store::end_key(s).into_iter().collect(),
    },
];

/// The keys of the session's starts in `sessions_by_start`: the minute, then the id.
pub(super) fn start_index_keys(session: &Session) -> Vec<String> {
    app::model::occurrence::start_minutes(session)
        .into_iter()
        .map(|minute| start_key(minute, session.id.as_str()))
        .collect()
}

/// A start index key: the minute as five digits, so keys sort as the minutes do.
pub(super) fn start_key(minute: u32, id: &str) -> String {
    format!("{minute:05}\u{0}{id}")
}

/// The session's keys in an index: none while it is hidden (or, in most, over), so every
/// list, search and count leaves it out while `get_session` still finds it.
pub(super) fn index_keys(index: &Index, session: &Session) -> Vec<String> {
    let held = match index.holds {
        Holds::Listed => session.is_listed(),
        Holds::NotHidden => !session.hidden,
    };
    if held {
        (index.keys)(session)
    } else {
        Vec::new()
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct PlaceRecord {
    pub name: String,
    pub sessions: u64,
}

pub(super) fn read_session(
    txn: &WriteTransaction,
    id: &str,
) -> Result<Option<Session>, StoreError> {
    let table = txn.open_table(SESSIONS).map_err(internal)?;
    let found = table.get(id).map_err(internal)?;
    found.map(|v| from_json(v.value())).transpose()
}

/// The keys of the session's words in `search_terms`: each word, then the id.
pub(super) fn search_index_keys(session: &Session) -> Vec<String> {
    search::index_terms(session)
        .into_iter()
        .map(|term| format!("{term}\u{0}{}", session.id))
        .collect()
}

/// The key of the session's cell in `sessions_by_cell`; online sessions have none.
pub(super) fn cell_index_keys(session: &Session) -> Vec<String> {
    session
        .point
        .and_then(geo::cell_of)
        .map(|cell| format!("{cell}\u{0}{}", session.id))
        .into_iter()
        .collect()
}

/// Files written before an index existed have sessions but an empty index: build each
/// such index once from the sessions, in the opening transaction.
pub(super) fn backfill_indexes(txn: &WriteTransaction) -> Result<(), StoreError> {
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
pub(super) fn adjust_places(
    txn: &WriteTransaction,
    session: &Session,
    delta: i64,
) -> Result<(), StoreError> {
    if !session.is_listed() {
        // Hidden sessions, and events that are over, are not counted.
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

pub(super) fn remove_index_entries(
    txn: &WriteTransaction,
    session: &Session,
) -> Result<(), StoreError> {
    for index in &INDEXES {
        let mut table = txn.open_table(index.table).map_err(internal)?;
        for key in index_keys(index, session) {
            table.remove(key.as_str()).map_err(internal)?;
        }
    }
    Ok(())
}

/// The session an index entry names; a dangling entry is an internal error, not a gap.
pub(super) fn load_indexed(
    sessions: &ReadOnlyTable<&str, &[u8]>,
    id: &str,
) -> Result<Session, StoreError> {
    let bytes = sessions
        .get(id)
        .map_err(internal)?
        .ok_or_else(|| internal(format!("index names missing session {id}")))?;
    from_json(bytes.value())
}

/// One page of an index whose keys start with `prefix`, continuing after the cursor's key.
pub(super) fn index_page(
    index: &ReadOnlyTable<&str, &str>,
    sessions: &ReadOnlyTable<&str, &[u8]>,
    prefix: &str,
    cursor: Option<&str>,
    limit: usize,
) -> Result<Page<Session>, StoreError> {
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
    Ok(Page {
        items: listed,
        next_cursor: if more {
            last_key.map(|k| cursor::encode(&k))
        } else {
            None
        },
    })
}

pub(super) fn write_session(txn: &WriteTransaction, session: &Session) -> Result<(), StoreError> {
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
pub(super) fn sessions_with_prefix(
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

/// Replaces `current` with `stored` in the session table, every index and the counts.
pub(super) fn replace_session(
    txn: &WriteTransaction,
    current: &Session,
    stored: &Session,
) -> Result<(), StoreError> {
    remove_index_entries(txn, current)?;
    write_session(txn, stored)?;
    adjust_places(txn, current, -1)?;
    adjust_places(txn, stored, 1)
}
