//! Building and running the transactions every multi-item write is: puts, deletes and
//! count updates under conditions, retried when they conflict with other transactions.
use std::time::Duration;

use app::model::Session;
use app::store::StoreError;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};

use super::errors::store_error;
use super::items::*;
use super::{DynamoStore, TRANSACTION_ATTEMPTS};

impl DynamoStore {
    pub(super) fn put(
        &self,
        item: Item,
        condition: Option<(&str, Vec<(&str, AttributeValue)>)>,
    ) -> TransactWriteItem {
        let mut put = Put::builder().table_name(&self.table).set_item(Some(item));
        if let Some((expression, values)) = condition {
            put = put.condition_expression(expression);
            for (name, value) in values {
                put = put.expression_attribute_values(name, value);
            }
        }
        TransactWriteItem::builder()
            .put(put.build().expect("table and item are set"))
            .build()
    }

    /// A put under a condition that names attributes (`#name` → `name`).
    pub(super) fn put_named(
        &self,
        item: Item,
        (expression, values): (&str, Vec<(&str, AttributeValue)>),
        names: &[(&str, &str)],
    ) -> TransactWriteItem {
        let mut put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression(expression);
        for (name, value) in values {
            put = put.expression_attribute_values(name, value);
        }
        for (placeholder, name) in names {
            put = put.expression_attribute_names(*placeholder, *name);
        }
        TransactWriteItem::builder()
            .put(put.build().expect("table and item are set"))
            .build()
    }

    pub(super) fn delete(&self, pk: String, sk: String) -> TransactWriteItem {
        TransactWriteItem::builder()
            .delete(
                self.delete_builder(pk, sk)
                    .build()
                    .expect("table and key are set"),
            )
            .build()
    }

    /// A delete that happens only if `condition` holds.
    pub(super) fn delete_if(
        &self,
        pk: String,
        sk: String,
        (expression, values): (&str, Vec<(&str, AttributeValue)>),
    ) -> TransactWriteItem {
        let mut delete = self.delete_builder(pk, sk).condition_expression(expression);
        for (name, value) in values {
            delete = delete.expression_attribute_values(name, value);
        }
        TransactWriteItem::builder()
            .delete(delete.build().expect("table and key are set"))
            .build()
    }

    pub(super) fn delete_builder(
        &self,
        pk: String,
        sk: String,
    ) -> aws_sdk_dynamodb::types::builders::DeleteBuilder {
        Delete::builder()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
    }

    pub(super) fn count_update(
        &self,
        pk: String,
        sk: String,
        name: String,
        delta: i64,
    ) -> TransactWriteItem {
        TransactWriteItem::builder()
            .update(
                Update::builder()
                    .table_name(&self.table)
                    .key("pk", s(pk))
                    .key("sk", s(sk))
                    .update_expression(COUNT_UPDATE)
                    .set_expression_attribute_names(Some(count_update_names()))
                    .set_expression_attribute_values(Some(count_update_values(name, delta)))
                    .build()
                    .expect("table, key and expression are set"),
            )
            .build()
    }

    /// The writes that turn `old` into `new` (either may be absent): the session item
    /// (put under `condition`), its term and cell items, and the place counts.
    pub(super) fn session_writes(
        &self,
        old: Option<&Session>,
        new: &Session,
        condition: (&str, Vec<(&str, AttributeValue)>),
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let mut writes = vec![self.put(session_item(new)?, Some(condition))];
        let new_keys = index_item_keys(new);
        if let Some(old) = old {
            for (pk, sk) in index_item_keys(old) {
                if !new_keys.contains(&(pk.clone(), sk.clone())) {
                    writes.push(self.delete(pk, sk));
                }
            }
        }
        writes.extend(
            index_items(new)?
                .into_iter()
                .map(|item| self.put(item, None)),
        );
        for ((pk, sk), (name, delta)) in place_deltas(old, Some(new)) {
            writes.push(self.count_update(pk, sk, name, delta));
        }
        // DynamoDB takes at most 100 items in a transaction; one is kept for the revision
        // most writes add. The form's limits keep every session within it.
        if writes.len() > 99 {
            return Err(StoreError::Internal(format!(
                "a session with {} index items is more than one transaction can write",
                writes.len()
            )));
        }
        Ok(writes)
    }

    /// Runs a transaction, retrying conflicts with other transactions; a failed condition
    /// on the first item is returned as `Ok(false)`.
    pub(super) async fn transact(
        &self,
        writes: Vec<TransactWriteItem>,
    ) -> Result<bool, StoreError> {
        match self.transact_outcome(writes).await? {
            Outcome::Done => Ok(true),
            Outcome::ConditionFailed(0) => Ok(false),
            Outcome::ConditionFailed(item) => Err(StoreError::Internal(format!(
                "a transaction's condition on item {item} failed"
            ))),
        }
    }

    /// Runs a transaction, retrying conflicts with other transactions; says which item's
    /// condition failed, if one did (nothing was written then).
    pub(super) async fn transact_outcome(
        &self,
        writes: Vec<TransactWriteItem>,
    ) -> Result<Outcome, StoreError> {
        use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
        for attempt in 0..TRANSACTION_ATTEMPTS {
            // The token makes the SDK's own retries idempotent: a write that landed but whose
            // answer timed out is not applied twice (nor reported as "already exists").
            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(writes.clone()))
                .client_request_token(uuid::Uuid::new_v4().to_string())
                .send()
                .await;
            let err = match result {
                Ok(_) => return Ok(Outcome::Done),
                Err(err) => err,
            };
            if let Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) =
                err.as_service_error()
            {
                let reasons: Vec<&str> = cancelled
                    .cancellation_reasons()
                    .iter()
                    .map(|r| r.code().unwrap_or("None"))
                    .collect();
                if let Some(item) = reasons.iter().position(|r| *r == "ConditionalCheckFailed") {
                    return Ok(Outcome::ConditionFailed(item));
                }
                if reasons.contains(&"TransactionConflict") {
                    tokio::time::sleep(Duration::from_millis(10 << attempt.min(6))).await;
                    continue;
                }
            }
            return Err(store_error(err));
        }
        Err(StoreError::Unavailable(
            "too many concurrent changes to the same place; try again".into(),
        ))
    }
}

/// How a transaction ended, short of an error.
pub(super) enum Outcome {
    Done,
    /// The condition on this item (by position) did not hold.
    ConditionFailed(usize),
}
