//! Revisions in the embedded store: `history` (session id `\0` sortable time `\0` member
//! → JSON), written in the same transaction as the change they record.
use app::model::{Revision, SessionId, MAX_REVISIONS_SHOWN};
use app::store::StoreError;
use redb::{ReadTransaction, TableDefinition, WriteTransaction};

use super::{from_json, internal, to_json};

pub const HISTORY: TableDefinition<&str, &[u8]> = TableDefinition::new("history");

fn prefix(session: &SessionId) -> String {
    format!("{session}\u{0}")
}

pub fn record(txn: &WriteTransaction, revision: Option<&Revision>) -> Result<(), StoreError> {
    let Some(revision) = revision else {
        return Ok(());
    };
    let key = format!(
        "{}{}\u{0}{}",
        prefix(&revision.session_id),
        revision.at.format("%Y%m%dT%H%M%S%.9f"),
        revision.by
    );
    txn.open_table(HISTORY)
        .map_err(internal)?
        .insert(key.as_str(), to_json(revision)?.as_slice())
        .map_err(internal)?;
    Ok(())
}

/// The session's newest revisions first, at most [`MAX_REVISIONS_SHOWN`].
pub fn newest(txn: &ReadTransaction, session: &SessionId) -> Result<Vec<Revision>, StoreError> {
    let history = txn.open_table(HISTORY).map_err(internal)?;
    let start = prefix(session);
    let end = format!("{session}\u{1}");
    let mut found = Vec::new();
    for entry in history
        .range::<&str>(start.as_str()..end.as_str())
        .map_err(internal)?
        .rev()
        .take(MAX_REVISIONS_SHOWN)
    {
        let (_, value) = entry.map_err(internal)?;
        found.push(from_json(value.value())?);
    }
    Ok(found)
}
