//! When each account's sign-ins were last ended: one item per account
//! (`SIGNINS#{account}`, `ENDED`) whose `at` only ever moves later.
use app::store::{SignIns, StoreError};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};

use super::errors::store_error;
use super::items::s;
use super::DynamoStore;

const SORT_KEY: &str = "ENDED";

fn pk(account: &str) -> String {
    format!("SIGNINS#{account}")
}

#[async_trait]
impl SignIns for DynamoStore {
    async fn end_sign_ins(&self, account: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", s(pk(account)))
            .key("sk", s(SORT_KEY.to_string()))
            .update_expression("SET #at = :at")
            .condition_expression("attribute_not_exists(#at) OR #at < :at")
            .expression_attribute_names("#at", "at")
            .expression_attribute_values(":at", AttributeValue::N(at.timestamp().to_string()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            // Already ended at or after `at`: nothing to move.
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(err) => Err(store_error(err)),
        }
    }

    async fn sign_ins_ended_at(&self, account: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        let item = self.get(pk(account), SORT_KEY).await?;
        Ok(item
            .and_then(|item| item.get("at")?.as_n().ok()?.parse::<i64>().ok())
            .and_then(|secs| DateTime::from_timestamp(secs, 0)))
    }
}
