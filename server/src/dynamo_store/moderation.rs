//! Reports and the audit trail: open reports in one partition (`REPORTS`, sorted by id,
//! which sorts by filing time) and the moderators' log in another (`AUDIT`, sorted by
//! time). Moderation is rare next to reading, so one partition each is plenty.
use std::collections::HashMap;

use app::model::{AuditEntry, Report};
use app::store::{StoreError, MAX_MEMBER_LIST};

use super::errors::store_error;
use super::items::{from_doc, s, to_doc as json, Item};
use super::{DynamoStore, Outcome};

const REPORTS_PK: &str = "REPORTS";
const AUDIT_PK: &str = "AUDIT";

fn doc_item(pk: &str, sk: String, doc: String) -> Item {
    HashMap::from([
        ("pk".to_string(), s(pk)),
        ("sk".to_string(), s(sk)),
        ("doc".to_string(), s(doc)),
    ])
}

impl DynamoStore {
    pub(super) async fn put_report(&self, report: &Report) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(doc_item(REPORTS_PK, report.id.clone(), json(report)?)))
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }

    pub(super) async fn reports_open(&self) -> Result<Vec<Report>, StoreError> {
        self.range_items(
            REPORTS_PK.into(),
            String::new(),
            String::new(),
            MAX_MEMBER_LIST,
            1,
        )
        .await?
        .0
        .iter()
        .map(from_doc)
        .collect()
    }

    /// Reads the report, then deletes it (if still there) and writes the log entry in one
    /// transaction.
    pub(super) async fn settle_report(
        &self,
        report_id: &str,
        entry: &AuditEntry,
    ) -> Result<Option<Report>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(REPORTS_PK))
            .key("sk", s(report_id))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        let Some(item) = output.item else {
            return Ok(None);
        };
        let report: Report = from_doc(&item)?;
        let writes = vec![
            self.delete_if(
                REPORTS_PK.into(),
                report_id.into(),
                ("attribute_exists(pk)", vec![]),
            ),
            self.put(doc_item(AUDIT_PK, entry.key(), json(entry)?), None),
        ];
        Ok(match self.transact_outcome(writes).await? {
            Outcome::Done => Some(report),
            // Another moderator settled it first.
            Outcome::ConditionFailed(_) => None,
        })
    }

    pub(super) async fn put_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(doc_item(AUDIT_PK, entry.key(), json(entry)?)))
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }

    pub(super) async fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
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
