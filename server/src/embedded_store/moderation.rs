//! Reports and the audit trail in the embedded store. Open reports are grouped by what
//! they are about (`ReportTarget::key`):
//!
//! - `report_groups`: group id (its first report's id, so ids sort by filing time) → the
//!   group as JSON (first report, count, reasons): the moderators' queue, in order;
//! - `report_targets`: target key → the id of its open group;
//! - `reports_by_target`: target key `\0` reporter → the report as JSON: one open report
//!   per member and target, and every open report of a target under one prefix;
//! - `audit`: entry key → JSON (keys sort by time).
//!
//! Filing, and settling a group (its reports, the hidden session and the audit entry),
//! are each one write transaction.
use app::model::{AuditEntry, Filed, Page, Report, ReportGroup, ReportTarget, Settlement};
use app::store::{Moderation, PageRequest, StoreError, MAX_MEMBER_LIST};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::{from_json, internal, to_json, EmbeddedStore};
use crate::store_cursor as cursor;

pub const REPORT_GROUPS: TableDefinition<&str, &[u8]> = TableDefinition::new("report_groups");
pub const REPORT_TARGETS: TableDefinition<&str, &str> = TableDefinition::new("report_targets");
pub const REPORTS_BY_TARGET: TableDefinition<&str, &[u8]> =
    TableDefinition::new("reports_by_target");
pub const AUDIT: TableDefinition<&str, &[u8]> = TableDefinition::new("audit");
/// Open reports as files before grouping kept them (report id → JSON): moved into the
/// groups when such a file is opened.
const UNGROUPED_REPORTS: TableDefinition<&str, &[u8]> = TableDefinition::new("open_reports");

fn reporter_key(target: &ReportTarget, reporter: &str) -> String {
    format!("{}\u{0}{reporter}", target.key())
}

/// Creates the tables, and files the open reports of a file written before grouping.
pub fn open_tables(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(REPORT_GROUPS).map_err(internal)?;
    txn.open_table(REPORT_TARGETS).map_err(internal)?;
    txn.open_table(REPORTS_BY_TARGET).map_err(internal)?;
    txn.open_table(AUDIT).map_err(internal)?;
    let ungrouped: Vec<(String, Report)> = {
        let table = txn.open_table(UNGROUPED_REPORTS).map_err(internal)?;
        let mut found = Vec::new();
        for entry in table.iter().map_err(internal)? {
            let (key, value) = entry.map_err(internal)?;
            found.push((key.value().to_string(), from_json(value.value())?));
        }
        found
    };
    for (_, report) in &ungrouped {
        file_in(txn, report)?;
    }
    let mut table = txn.open_table(UNGROUPED_REPORTS).map_err(internal)?;
    for (key, _) in &ungrouped {
        table.remove(key.as_str()).map_err(internal)?;
    }
    Ok(())
}

pub fn file(db: &Database, report: &Report) -> Result<Filed, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let filed = file_in(&txn, report)?;
    if filed == Filed::New {
        txn.commit().map_err(internal)?;
    }
    Ok(filed)
}

fn file_in(txn: &WriteTransaction, report: &Report) -> Result<Filed, StoreError> {
    let mut by_target = txn.open_table(REPORTS_BY_TARGET).map_err(internal)?;
    let mine = reporter_key(&report.target, report.reporter.as_str());
    if by_target.get(mine.as_str()).map_err(internal)?.is_some() {
        return Ok(Filed::AlreadyOpen);
    }
    by_target
        .insert(mine.as_str(), to_json(report)?.as_slice())
        .map_err(internal)?;
    let target = report.target.key();
    let mut targets = txn.open_table(REPORT_TARGETS).map_err(internal)?;
    let mut groups = txn.open_table(REPORT_GROUPS).map_err(internal)?;
    let open = targets
        .get(target.as_str())
        .map_err(internal)?
        .map(|id| id.value().to_string());
    let group = match open {
        Some(id) => {
            let mut group: ReportGroup = from_json(
                groups
                    .get(id.as_str())
                    .map_err(internal)?
                    .ok_or_else(|| internal(format!("report target names missing group {id}")))?
                    .value(),
            )?;
            group.add(&report.reason);
            group
        }
        None => {
            targets
                .insert(target.as_str(), report.id.as_str())
                .map_err(internal)?;
            ReportGroup::opened(report.clone())
        }
    };
    groups
        .insert(group.id(), to_json(&group)?.as_slice())
        .map_err(internal)?;
    Ok(Filed::New)
}

pub fn queue(db: &Database, page: PageRequest) -> Result<Page<ReportGroup>, StoreError> {
    let limit = page.clamped_limit();
    let after = match page.cursor.as_deref() {
        None => None,
        Some(c) => Some(cursor::queue_group(c)?),
    };
    let txn = db.begin_read().map_err(internal)?;
    let table = txn.open_table(REPORT_GROUPS).map_err(internal)?;
    let start = match &after {
        Some(id) => std::ops::Bound::Excluded(id.as_str()),
        None => std::ops::Bound::Unbounded,
    };
    let mut groups: Vec<ReportGroup> = Vec::new();
    let mut more = false;
    for entry in table
        .range::<&str>((start, std::ops::Bound::Unbounded))
        .map_err(internal)?
    {
        if groups.len() == limit {
            more = true;
            break;
        }
        let (_, value) = entry.map_err(internal)?;
        groups.push(from_json(value.value())?);
    }
    Ok(cursor::queue_page(groups, more))
}

pub fn group(db: &Database, id: &str) -> Result<Option<ReportGroup>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let table = txn.open_table(REPORT_GROUPS).map_err(internal)?;
    let found = table.get(id).map_err(internal)?;
    found.map(|v| from_json(v.value())).transpose()
}

pub fn settle(
    db: &Database,
    id: &str,
    settlement: &Settlement,
    entry: &AuditEntry,
) -> Result<Option<ReportGroup>, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let Some(group) = remove_group(&txn, id)? else {
        return Ok(None);
    };
    if let Settlement::HideReview = settlement {
        let ReportTarget::Review { session_id, author } = group.target() else {
            return Err(internal(format!("group {id} is not about a review")));
        };
        // The hold, the review's flag and its stars, in this same transaction.
        super::reviews::set_hidden_in(&txn, session_id, author.as_str(), true)?;
    }
    if let Settlement::HideSession { session, revision } = settlement {
        if group.target().session_id() != &session.id
            || !matches!(group.target(), ReportTarget::Session { .. })
        {
            return Err(internal(format!("group {id} is not about {}", session.id)));
        }
        hide_session(&txn, session, revision)?;
    }
    insert_entry(&txn, entry)?;
    txn.commit().map_err(internal)?;
    Ok(Some(group))
}

/// Takes the group off the queue with every open report of its target.
fn remove_group(txn: &WriteTransaction, id: &str) -> Result<Option<ReportGroup>, StoreError> {
    let removed = txn
        .open_table(REPORT_GROUPS)
        .map_err(internal)?
        .remove(id)
        .map_err(internal)?
        .map(|v| from_json::<ReportGroup>(v.value()))
        .transpose()?;
    let Some(group) = removed else {
        return Ok(None);
    };
    let target = group.target().key();
    txn.open_table(REPORT_TARGETS)
        .map_err(internal)?
        .remove(target.as_str())
        .map_err(internal)?;
    let prefix = format!("{target}\u{0}");
    let end = format!("{target}\u{1}");
    txn.open_table(REPORTS_BY_TARGET)
        .map_err(internal)?
        .retain_in(prefix.as_str()..end.as_str(), |_, _| false)
        .map_err(internal)?;
    Ok(Some(group))
}

/// Stores the session, hidden, at the version it names (as `update_session` would).
fn hide_session(
    txn: &WriteTransaction,
    session: &app::model::Session,
    revision: &app::model::Revision,
) -> Result<(), StoreError> {
    let current = super::indexes::read_session(txn, session.id.as_str())?
        .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
    let stored = app::store::edit_over(&current, session)?;
    super::indexes::replace_session(txn, &current, &stored)?;
    super::history::record(txn, Some(revision))
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

#[async_trait]
impl Moderation for EmbeddedStore {
    async fn file_report(&self, report: &Report) -> Result<app::model::Filed, StoreError> {
        let report = report.clone();
        self.blocking(move |db| file(db, &report)).await
    }

    async fn report_queue(
        &self,
        page: PageRequest,
    ) -> Result<app::model::Page<app::model::ReportGroup>, StoreError> {
        self.blocking(move |db| queue(db, page)).await
    }

    async fn report_group(&self, id: &str) -> Result<Option<app::model::ReportGroup>, StoreError> {
        let id = id.to_string();
        self.blocking(move |db| group(db, &id)).await
    }

    async fn settle_reports(
        &self,
        id: &str,
        settlement: &app::model::Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<app::model::ReportGroup>, StoreError> {
        let (id, settlement, entry) = (id.to_string(), settlement.clone(), entry.clone());
        self.blocking(move |db| settle(db, &id, &settlement, &entry))
            .await
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let entry = entry.clone();
        self.blocking(move |db| record(db, &entry)).await
    }

    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.blocking(log).await
    }
}
