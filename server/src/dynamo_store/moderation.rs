//! Reports and the audit trail. Open reports are grouped by what they are about
//! (`ReportTarget::key`, "target" below):
//!
//! - the queue: one item per group in `QUEUE`, sorted by the group's id (its first
//!   report's id, which sorts by filing time), holding the first report, the count and a
//!   count per reason — so a page of the queue is one Query, however many reports a
//!   target drew;
//! - the target's partition `RT#{target}`: `#` names its open group (`q`), and each
//!   reporter's report is `BY#{reporter}` (with the `q` of the group it was filed in):
//!   a conditional put on that key is what allows one open report per member and target.
//!
//! A report item whose `q` is not the target's open group is closed: settling a group
//! deletes its queue item and `#` (with the hide and the audit entry) in one transaction,
//! which closes all its reports at once whatever their number; their items are deleted in
//! further transactions after it.
//!
//! The moderators' log is the partition `AUDIT`, sorted by time.
//!
//! One file (a little over 400 lines): filing and settling are one protocol over the same
//! items, and each write's conditions are only checkable beside the others'.
use std::collections::HashMap;

use app::model::{AuditEntry, Filed, Page, Report, ReportGroup, ReportTarget, Settlement};
use app::store::{Moderation, PageRequest, Sessions, StoreError, MAX_MEMBER_LIST};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};

use super::errors::store_error;
use super::items::{from_doc, s, to_doc as json, Item};
use super::writes::Outcome;
use super::{page_size, string_attr, DynamoStore, TRANSACTION_ATTEMPTS};
use crate::store_cursor as cursor;

const QUEUE_PK: &str = "QUEUE";
const AUDIT_PK: &str = "AUDIT";
/// The sort key of the item naming a target's open group.
const OPEN_SK: &str = "#";
const REPORT_PREFIX: &str = "BY#";
/// The group a report was filed in (on report items), or the open one (on `#`).
const GROUP: &str = "q";
const COUNT: &str = "reports";
const REASON_PREFIX: &str = "why_";
/// The most closed report items one settling deletes (20 transactions); any beyond are
/// closed all the same, and go with the target's next settling.
const CLEAR_AT_MOST: usize = 2_000;
/// TransactWriteItems' limit.
const MAX_TRANSACTION_ITEMS: usize = 100;

fn doc_item(pk: &str, sk: String, doc: String) -> Item {
    HashMap::from([
        ("pk".to_string(), s(pk)),
        ("sk".to_string(), s(sk)),
        ("doc".to_string(), s(doc)),
    ])
}

fn target_pk(target: &ReportTarget) -> String {
    format!("RT#{}", target.key())
}

fn report_sk(reporter: &str) -> String {
    format!("{REPORT_PREFIX}{reporter}")
}

fn report_item(report: &Report, group: &str) -> Result<Item, StoreError> {
    let mut item = doc_item(
        &target_pk(&report.target),
        report_sk(report.reporter.as_str()),
        json(report)?,
    );
    item.insert(GROUP.into(), s(group));
    Ok(item)
}

fn queue_item(first: &Report) -> Result<Item, StoreError> {
    let mut item = doc_item(QUEUE_PK, first.id.clone(), json(first)?);
    item.insert(COUNT.into(), AttributeValue::N("1".into()));
    item.insert(
        format!("{REASON_PREFIX}{}", first.reason),
        AttributeValue::N("1".into()),
    );
    Ok(item)
}

fn number(value: &AttributeValue) -> Result<u64, StoreError> {
    value
        .as_n()
        .ok()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| StoreError::Internal("a report count is not a number".into()))
}

fn group_from_item(item: &Item) -> Result<ReportGroup, StoreError> {
    let mut reasons = std::collections::BTreeMap::new();
    for (name, value) in item {
        if let Some(reason) = name.strip_prefix(REASON_PREFIX) {
            reasons.insert(reason.to_string(), number(value)?);
        }
    }
    Ok(ReportGroup {
        first: from_doc(item)?,
        reports: item.get(COUNT).map(number).transpose()?.unwrap_or(0),
        reasons,
    })
}

impl DynamoStore {
    /// The id of the target's open group, read consistently.
    async fn open_group_of(&self, target: &ReportTarget) -> Result<Option<String>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(target_pk(target)))
            .key("sk", s(OPEN_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        output
            .item
            .map(|item| string_attr(&item, GROUP).map(str::to_string))
            .transpose()
    }

    /// One more report in the open group `id` (which must still be open).
    fn count_report(&self, id: &str, reason: &str) -> TransactWriteItem {
        let update = Update::builder()
            .table_name(&self.table)
            .key("pk", s(QUEUE_PK))
            .key("sk", s(id))
            .update_expression("ADD #count :one, #why :one")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#count", COUNT)
            .expression_attribute_names("#why", format!("{REASON_PREFIX}{reason}"))
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .build()
            .expect("table, key and expression are set");
        TransactWriteItem::builder().update(update).build()
    }

    /// One attempt at [`Self::settle_group`]; `None` when a review being hidden changed
    /// under it (nothing was written).
    async fn settle_group_once(
        &self,
        id: &str,
        settlement: &Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<Option<ReportGroup>>, StoreError> {
        let Some(group) = self.report_group(id).await? else {
            return Ok(Some(None));
        };
        let target = group.target().clone();
        let mut writes = vec![
            self.delete_if(QUEUE_PK.into(), id.into(), ("attribute_exists(pk)", vec![])),
            self.delete_if(
                target_pk(&target),
                OPEN_SK.into(),
                ("q = :id", vec![(":id", s(id))]),
            ),
            self.put(doc_item(AUDIT_PK, entry.key(), json(entry)?), None),
        ];
        let mut hiding = None;
        let mut hiding_review = false;
        match (settlement, &target) {
            (Settlement::Dismiss, _) => {}
            (Settlement::HideReview, ReportTarget::Review { session_id, author }) => {
                // The hold, the review's flag and its stars, in this same transaction.
                writes.extend(
                    self.review_hidden_writes(session_id, author.as_str(), true)
                        .await?,
                );
                hiding_review = true;
            }
            (
                Settlement::HideSession { session, revision },
                ReportTarget::Session { session_id },
            ) if *session_id == session.id => {
                let current = self
                    .get_current(session.id.as_str())
                    .await?
                    .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
                let stored = app::store::edit_over(&current, session)?;
                let mut hide = self.edit_writes(&current, &stored)?;
                hide.extend(self.revision_put(Some(revision))?);
                if writes.len() + hide.len() <= MAX_TRANSACTION_ITEMS {
                    writes.extend(hide);
                    hiding = Some(session);
                } else {
                    // A session with so many words that its index items and the queue's
                    // would not fit one transaction: hidden in its own, first.
                    self.update_session(session, Some(revision)).await?;
                }
            }
            _ => {
                return Err(StoreError::Internal(format!(
                    "the settlement does not fit report group {id}"
                )))
            }
        }
        match self.transact_outcome(writes).await? {
            Outcome::Done => {}
            // Another moderator settled it first.
            Outcome::ConditionFailed(0 | 1) => return Ok(Some(None)),
            // The review changed between the read and the write (its author saved):
            // nothing was written; the moderator is asked to act again.
            Outcome::ConditionFailed(_) if hiding_review => return Ok(None),
            // The session's version (or its confirmation) moved on between the read and
            // the write: the moderator's settling reads it again.
            Outcome::ConditionFailed(_) => {
                let Some(session) = hiding else {
                    return Err(StoreError::Internal(
                        "a report group's settling failed a condition".into(),
                    ));
                };
                let found = self
                    .get_current(session.id.as_str())
                    .await?
                    .map_or(session.version + 1, |s| s.version);
                return Err(StoreError::VersionConflict {
                    id: session.id.clone(),
                    expected: session.version,
                    found,
                });
            }
        }
        self.clear_closed_reports(&target).await?;
        Ok(Some(Some(group)))
    }

    /// Deletes a target's closed report items: those of any group but the open one (read
    /// after them), each only if it still belongs to the group it was read in — a member's
    /// new report in a group opened since is never touched. At most [`CLEAR_AT_MOST`] a
    /// call, in transactions of up to 100 deletes.
    async fn clear_closed_reports(&self, target: &ReportTarget) -> Result<(), StoreError> {
        let pk = target_pk(target);
        let (items, _) = self
            .prefix_items(
                pk.clone(),
                REPORT_PREFIX.into(),
                CLEAR_AT_MOST,
                CLEAR_AT_MOST.div_ceil(1000),
            )
            .await?;
        let open = self.open_group_of(target).await?;
        let mut closed = Vec::new();
        for item in &items {
            let group = string_attr(item, GROUP)?;
            if Some(group) != open.as_deref() {
                closed.push((string_attr(item, "sk")?.to_string(), group.to_string()));
            }
        }
        for chunk in closed.chunks(MAX_TRANSACTION_ITEMS) {
            let mut deletes: Vec<TransactWriteItem> = chunk
                .iter()
                .map(|(sk, group)| {
                    self.delete_if(
                        pk.clone(),
                        sk.clone(),
                        ("q = :group", vec![(":group", s(group.clone()))]),
                    )
                })
                .collect();
            while !deletes.is_empty() {
                match self.transact_outcome(deletes.clone()).await? {
                    Outcome::Done => break,
                    // Filed again since: that one is open now, keep it.
                    Outcome::ConditionFailed(item) => {
                        deletes.remove(item);
                    }
                }
            }
        }
        Ok(())
    }
}

#[async_trait]
impl Moderation for DynamoStore {
    /// Reads which group is open for the target, then writes the report into it (or opens
    /// one) in one transaction: 2 round trips. The report's put is conditional on its key
    /// (target and reporter) holding no report of the open group.
    async fn file_report(&self, report: &Report) -> Result<Filed, StoreError> {
        for _ in 0..TRANSACTION_ATTEMPTS {
            let open = self.open_group_of(&report.target).await?;
            let writes = match &open {
                None => vec![
                    self.put(
                        HashMap::from([
                            ("pk".to_string(), s(target_pk(&report.target))),
                            ("sk".to_string(), s(OPEN_SK)),
                            (GROUP.to_string(), s(report.id.clone())),
                        ]),
                        Some(("attribute_not_exists(pk)", vec![])),
                    ),
                    self.put(
                        queue_item(report)?,
                        Some(("attribute_not_exists(pk)", vec![])),
                    ),
                    // Replaces a closed report of the same member, if one is left.
                    self.put(report_item(report, &report.id)?, None),
                ],
                Some(id) => vec![
                    self.count_report(id, &report.reason),
                    self.put(
                        report_item(report, id)?,
                        Some((
                            "attribute_not_exists(pk) OR q <> :open",
                            vec![(":open", s(id.clone()))],
                        )),
                    ),
                ],
            };
            match self.transact_outcome(writes).await? {
                Outcome::Done => return Ok(Filed::New),
                Outcome::ConditionFailed(1) if open.is_some() => return Ok(Filed::AlreadyOpen),
                // A group was opened or settled since the read: read again.
                Outcome::ConditionFailed(_) => continue,
            }
        }
        Err(StoreError::Unavailable(
            "too many reports about the same thing at once; try again".into(),
        ))
    }

    /// One Query of `QUEUE`, after the cursor's group.
    async fn report_queue(&self, page: PageRequest) -> Result<Page<ReportGroup>, StoreError> {
        let limit = page_size(&page);
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(QUEUE_PK))
            .limit(limit + 1);
        if let Some(c) = &page.cursor {
            query = query
                .exclusive_start_key("pk", s(QUEUE_PK))
                .exclusive_start_key("sk", s(cursor::queue_group(c)?));
        }
        let output = query.send().await.map_err(store_error)?;
        let mut items = output.items.unwrap_or_default();
        let more = items.len() > limit as usize;
        items.truncate(limit as usize);
        let groups = items
            .iter()
            .map(group_from_item)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(cursor::queue_page(groups, more))
    }

    /// One GetItem (consistent).
    async fn report_group(&self, id: &str) -> Result<Option<ReportGroup>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(QUEUE_PK))
            .key("sk", s(id))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        output.item.as_ref().map(group_from_item).transpose()
    }

    /// Reads the group, then in one transaction: deletes its queue item and the target's
    /// `#` (closing all its reports), writes the audit entry and hides the session. Then
    /// deletes the closed report items (see [`Self::clear_closed_reports`]).
    async fn settle_reports(
        &self,
        id: &str,
        settlement: &Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<ReportGroup>, StoreError> {
        for _ in 0..super::TRANSACTION_ATTEMPTS {
            match self.settle_group_once(id, settlement, entry).await? {
                Some(settled) => return Ok(settled),
                // The review's author saved between the read and the write: read again.
                None => continue,
            }
        }
        Err(StoreError::Unavailable(
            "the review kept changing while it was being hidden; try again".into(),
        ))
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(doc_item(AUDIT_PK, entry.key(), json(entry)?)))
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(AUDIT_PK))
            .scan_index_forward(false)
            .limit(MAX_MEMBER_LIST as i32)
            .send()
            .await
            .map_err(store_error)?;
        output
            .items
            .unwrap_or_default()
            .iter()
            .map(from_doc)
            .collect()
    }
}
