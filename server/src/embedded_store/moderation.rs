//! Reports and the audit trail in the embedded store: `open_reports` (report id → JSON,
//! ids sort by filing time) and `audit` (entry key → JSON, keys sort by time).
use app::model::{AuditEntry, Report};
use app::store::{StoreError, MAX_MEMBER_LIST};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{from_json, internal, to_json};

pub const OPEN_REPORTS: TableDefinition<&str, &[u8]> = TableDefinition::new("open_reports");
pub const AUDIT: TableDefinition<&str, &[u8]> = TableDefinition::new("audit");

pub fn file(db: &Database, report: &Report) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    txn.open_table(OPEN_REPORTS)
        .map_err(internal)?
        .insert(report.id.as_str(), to_json(report)?.as_slice())
        .map_err(internal)?;
    txn.commit().map_err(internal)
}

pub fn open(db: &Database) -> Result<Vec<Report>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let table = txn.open_table(OPEN_REPORTS).map_err(internal)?;
    let mut found = Vec::new();
    for entry in table.iter().map_err(internal)?.take(MAX_MEMBER_LIST) {
        let (_, value) = entry.map_err(internal)?;
        found.push(from_json(value.value())?);
    }
    Ok(found)
}

pub fn close(
    db: &Database,
    report_id: &str,
    entry: &AuditEntry,
) -> Result<Option<Report>, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let removed: Option<Report> = {
        let mut table = txn.open_table(OPEN_REPORTS).map_err(internal)?;
        let removed = table.remove(report_id).map_err(internal)?;
        removed.map(|v| from_json(v.value())).transpose()?
    };
    if removed.is_none() {
        return Ok(None);
    }
    insert_entry(&txn, entry)?;
    txn.commit().map_err(internal)?;
    Ok(removed)
}

pub fn record(db: &Database, entry: &AuditEntry) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    insert_entry(&txn, entry)?;
    txn.commit().map_err(internal)
}

fn insert_entry(txn: &redb::WriteTransaction, entry: &AuditEntry) -> Result<(), StoreError> {
    txn.open_table(AUDIT)
        .map_err(internal)?
        .insert(entry.key().as_str(), to_json(entry)?.as_slice())
        .map_err(internal)?;
    Ok(())
}

pub fn log(db: &Database) -> Result<Vec<AuditEntry>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let table = txn.open_table(AUDIT).map_err(internal)?;
    let mut found = Vec::new();
    for entry in table.iter().map_err(internal)?.rev().take(MAX_MEMBER_LIST) {
        let (_, value) = entry.map_err(internal)?;
        found.push(from_json(value.value())?);
    }
    Ok(found)
}
