//! Allowances in the single table: a counter item per key and window (`LIMIT#{key}`,
//! sort key the window's start) with `n` and an `expires_at` DynamoDB's TTL removes
//! after the window. A take is one TransactWriteItems of conditional `ADD`s (`n < limit`),
//! so it counts against every allowance or none, and racing takes cannot overdraw.
use app::store::{Allowance, Allowances, StoreError};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use chrono::{DateTime, Utc};

use super::items::s;
use super::writes::Outcome;
use super::DynamoStore;

/// Kept a minute past the window's end; TTL deletes within days, and a late reader of an
/// ended window only sees a counter no take will read again.
const KEEP_AFTER_WINDOW_SECS: u64 = 60;

fn key(allowance: &Allowance, now: DateTime<Utc>) -> (String, String) {
    (
        format!("LIMIT#{}", allowance.key),
        allowance.window_start(now).to_string(),
    )
}

impl DynamoStore {
    fn allowance_update(
        &self,
        allowance: &Allowance,
        now: DateTime<Utc>,
        delta: i64,
    ) -> TransactWriteItem {
        let (pk, sk) = key(allowance, now);
        let expires = allowance.window_start(now) + allowance.window_secs + KEEP_AFTER_WINDOW_SECS;
        let mut update = Update::builder()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .expression_attribute_values(":delta", AttributeValue::N(delta.to_string()));
        update = if delta > 0 {
            update
                .update_expression("ADD n :delta SET expires_at = :expires")
                .condition_expression("attribute_not_exists(n) OR n < :limit")
                .expression_attribute_values(
                    ":limit",
                    AttributeValue::N(allowance.limit.to_string()),
                )
                .expression_attribute_values(":expires", AttributeValue::N(expires.to_string()))
        } else {
            update
                .update_expression("ADD n :delta")
                .condition_expression("n > :zero")
                .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        };
        TransactWriteItem::builder()
            .update(update.build().expect("table, key and expression are set"))
            .build()
    }
}

#[async_trait]
impl Allowances for DynamoStore {
    async fn take_allowances(
        &self,
        allowances: &[Allowance],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let writes = allowances
            .iter()
            .map(|a| self.allowance_update(a, now, 1))
            .collect();
        match self.transact_outcome(writes).await? {
            Outcome::Done => Ok(None),
            Outcome::ConditionFailed(spent) => Ok(Some(allowances[spent].window_end(now))),
        }
    }

    async fn give_back_allowances(
        &self,
        allowances: &[Allowance],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // One by one: a counter already at zero (or whose window ended) is left alone.
        for allowance in allowances {
            let write = self.allowance_update(allowance, now, -1);
            self.transact_outcome(vec![write]).await?;
        }
        Ok(())
    }
}
