//! The moderation port: reports grouped by what they are about, settling a group in one
//! write, and the moderators' audit trail.
use async_trait::async_trait;

use super::{PageRequest, StoreError};
use crate::model::{AuditEntry, Filed, Page, Report, ReportGroup, Settlement};

#[async_trait]
pub trait Moderation: Send + Sync {
    /// Adds a report to the moderators' queue, in its target's group (opening one if the
    /// target has none) — unless its reporter already has an open report on the same
    /// target: then nothing changes and the answer is `AlreadyOpen`. Decided atomically,
    /// so a member's racing submissions file one report.
    async fn file_report(&self, report: &Report) -> Result<Filed, StoreError>;

    /// A page of the moderators' queue: one group per target with open reports, however
    /// many, ordered by the group's id (its first report's), so the longest waiting come
    /// first. A cursor the store did not make is refused as `InvalidCursor`.
    async fn report_queue(&self, page: PageRequest) -> Result<Page<ReportGroup>, StoreError>;

    /// The open group with this id, read directly (never by walking the queue).
    async fn report_group(&self, id: &str) -> Result<Option<ReportGroup>, StoreError>;

    /// Settles a group: closes every open report on its target, applies the settlement
    /// (hiding the session or review) and records what the moderator did, in one
    /// transaction where the adapter can; `None` (changing nothing) if the group was no
    /// longer open. `VersionConflict` (changing nothing) if `HideSession` names a version
    /// that is no longer current: read the session again and retry.
    async fn settle_reports(
        &self,
        id: &str,
        settlement: &Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<ReportGroup>, StoreError>;

    /// Records a moderator's action that settled no report (a restore).
    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;

    /// The moderators' audit trail, newest first, at most
    /// [`MAX_MEMBER_LIST`](super::MAX_MEMBER_LIST).
    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError>;
}
