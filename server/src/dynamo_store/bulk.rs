//! Loading many generated sessions fast, for the scale benchmark: every item a session
//! needs, 25 to a BatchWriteItem, and each place's count added once per load. Unlike
//! `create_session` this is not transactional and assumes the sessions are new, so it is
//! for filling an empty or benchmark table, never for members' data.
use std::collections::BTreeMap;

use app::model::Session;
use app::store::StoreError;
use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};

use super::errors::store_error;
use super::items::{
    count_update_names, count_update_values, index_items, place_deltas, s, session_item,
    COUNT_UPDATE,
};
use super::DynamoStore;

/// BatchWriteItem's limit.
pub(super) const BATCH: usize = 25;

impl DynamoStore {
    /// Writes `sessions` (all new) and adds them to their places' counts; calls `progress`
    /// with the number of sessions written so far.
    pub async fn bulk_load(
        &self,
        sessions: &[Session],
        mut progress: impl FnMut(usize),
    ) -> Result<(), StoreError> {
        let mut counts: BTreeMap<(String, String), (String, i64)> = BTreeMap::new();
        let mut pending: Vec<WriteRequest> = Vec::new();
        for (done, session) in sessions.iter().enumerate() {
            for ((pk, sk), (name, delta)) in place_deltas(None, Some(session)) {
                let entry = counts.entry((pk, sk)).or_insert((name, 0));
                entry.1 += delta;
            }
            let mut items = index_items(session)?;
            items.push(session_item(session)?);
            for item in items {
                let put = PutRequest::builder()
                    .set_item(Some(item))
                    .build()
                    .expect("the item is set");
                pending.push(WriteRequest::builder().put_request(put).build());
                if pending.len() == BATCH {
                    self.write_batch(std::mem::take(&mut pending)).await?;
                }
            }
            progress(done + 1);
        }
        if !pending.is_empty() {
            self.write_batch(pending).await?;
        }
        for ((pk, sk), (name, delta)) in counts {
            self.client
                .update_item()
                .table_name(&self.table)
                .key("pk", s(pk))
                .key("sk", s(sk))
                .update_expression(COUNT_UPDATE)
                .set_expression_attribute_names(Some(count_update_names()))
                .set_expression_attribute_values(Some(count_update_values(name, delta)))
                .send()
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }

    /// One BatchWriteItem, sending back whatever DynamoDB leaves unprocessed.
    pub(super) async fn write_batch(
        &self,
        mut requests: Vec<WriteRequest>,
    ) -> Result<(), StoreError> {
        for attempt in 0..8u32 {
            let output = self
                .client
                .batch_write_item()
                .request_items(&self.table, requests)
                .send()
                .await
                .map_err(store_error)?;
            requests = output
                .unprocessed_items
                .and_then(|mut tables| tables.remove(&self.table))
                .unwrap_or_default();
            if requests.is_empty() {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
        }
        Err(StoreError::Unavailable(
            "DynamoDB left writes unprocessed 8 times".into(),
        ))
    }
}
