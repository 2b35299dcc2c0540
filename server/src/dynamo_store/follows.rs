//! Follows in the single table: every follow is an item of the one partition `FOLLOW`
//! (sort key `{member}\0{follow id}`, the follow as JSON in `doc`), so a member's follows
//! are one Query by prefix and the digest's walk is Queries in key order. The mark of a
//! member's last digest is `M#{member}` / `DIGEST#{cadence}` with `until` (and, while a
//! run is sending it, `claimed_at` and `claim_since`), moved by a conditional write.
use std::collections::HashMap;

use app::model::{Cadence, Claim, DigestMark, Follow, MemberId};
use app::store::{Follows, StoreError, MAX_FOLLOWS_READ};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::errors::store_error;
use super::items::{from_doc, s, to_doc};
use super::members::member_pk;
use super::writes::Outcome;
use super::DynamoStore;

/// A few writes a minute at most (members following places): one partition is plenty.
pub const FOLLOWS_PK: &str = "FOLLOW";

fn follow_sk(member: &MemberId, id: &str) -> String {
    format!("{member}\u{0}{id}")
}

fn mark_sk(cadence: Cadence) -> String {
    format!("DIGEST#{}", cadence.slug())
}

/// A mark item as the port's mark.
fn mark_of(
    item: &HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
) -> Result<DigestMark, StoreError> {
    let time = |name: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
        item.get(name)
            .map(|value| {
                let text = value.as_s().map_err(|_| {
                    StoreError::Internal(format!("a digest mark's {name} is not a string"))
                })?;
                DateTime::parse_from_rfc3339(text)
                    .map(|t| t.to_utc())
                    .map_err(|e| StoreError::Internal(e.to_string()))
            })
            .transpose()
    };
    let until = time("until")?
        .ok_or_else(|| StoreError::Internal("a digest mark without a time".into()))?;
    let sending = match time("claimed_at")? {
        Some(at) => Some(Claim {
            at,
            since: time("claim_since")?,
        }),
        None => None,
    };
    Ok(DigestMark { until, sending })
}

impl DynamoStore {
    /// Follows in the partition whose sort keys meet `condition` against `:bound`, in key
    /// order, up to `limit`.
    async fn follow_items(
        &self,
        condition: &str,
        bound: String,
        limit: usize,
    ) -> Result<Vec<Follow>, StoreError> {
        let mut found = Vec::new();
        let mut start = None;
        loop {
            let output = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression(condition)
                .expression_attribute_values(":pk", s(FOLLOWS_PK))
                .expression_attribute_values(":bound", s(bound.clone()))
                .limit((limit - found.len()).clamp(1, 1000) as i32)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(store_error)?;
            for item in output.items.unwrap_or_default() {
                found.push(from_doc(&item)?);
            }
            start = output.last_evaluated_key;
            if start.is_none() || found.len() >= limit {
                return Ok(found);
            }
        }
    }
}

#[async_trait]
impl Follows for DynamoStore {
    async fn put_follow(&self, follow: &Follow) -> Result<(), StoreError> {
        let item = HashMap::from([
            ("pk".to_string(), s(FOLLOWS_PK)),
            ("sk".to_string(), s(follow_sk(&follow.member, &follow.id()))),
            ("doc".to_string(), s(to_doc(follow)?)),
        ]);
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn follows_of(&self, member: &MemberId) -> Result<Vec<Follow>, StoreError> {
        self.follow_items(
            "pk = :pk AND begins_with(sk, :bound)",
            follow_sk(member, ""),
            MAX_FOLLOWS_READ,
        )
        .await
    }

    async fn remove_follow(&self, member: &MemberId, id: &str) -> Result<bool, StoreError> {
        let output = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key("pk", s(FOLLOWS_PK))
            .key("sk", s(follow_sk(member, id)))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await
            .map_err(store_error)?;
        Ok(output.attributes.is_some_and(|a| !a.is_empty()))
    }

    async fn follows_after(
        &self,
        after: Option<(&MemberId, &str)>,
        limit: usize,
    ) -> Result<Vec<Follow>, StoreError> {
        let limit = limit.clamp(1, MAX_FOLLOWS_READ);
        match after {
            Some((member, id)) => {
                self.follow_items("pk = :pk AND sk > :bound", follow_sk(member, id), limit)
                    .await
            }
            // Every sort key is at least a member id and the separator: all are >= "".
            None => {
                self.follow_items("pk = :pk AND sk >= :bound", "\u{1}".to_string(), limit)
                    .await
            }
        }
    }

    async fn digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
    ) -> Result<Option<DigestMark>, StoreError> {
        let item = self
            .get(member_pk(member.as_str()), &mark_sk(cadence))
            .await?;
        item.as_ref().map(mark_of).transpose()
    }

    async fn move_digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
        expected: Option<&DigestMark>,
        to: Option<&DigestMark>,
    ) -> Result<bool, StoreError> {
        let pk = member_pk(member.as_str());
        let sk = mark_sk(cadence);
        // `until` is a DynamoDB reserved word: hence `#until`. The claim's time tells one
        // claim from another on the same period.
        let guard = match expected {
            Some(DigestMark {
                until,
                sending: None,
            }) => (
                "#until = :until AND attribute_not_exists(claimed_at)",
                vec![(":until", s(until.to_rfc3339()))],
            ),
            Some(DigestMark {
                until,
                sending: Some(claim),
            }) => (
                "#until = :until AND claimed_at = :claimed_at",
                vec![
                    (":until", s(until.to_rfc3339())),
                    (":claimed_at", s(claim.at.to_rfc3339())),
                ],
            ),
            None => ("attribute_not_exists(#until)", vec![]),
        };
        let write = match to {
            Some(mark) => {
                let mut item = HashMap::from([
                    ("pk".to_string(), s(pk)),
                    ("sk".to_string(), s(sk)),
                    ("until".to_string(), s(mark.until.to_rfc3339())),
                ]);
                if let Some(claim) = &mark.sending {
                    item.insert("claimed_at".into(), s(claim.at.to_rfc3339()));
                    if let Some(since) = claim.since {
                        item.insert("claim_since".into(), s(since.to_rfc3339()));
                    }
                }
                self.put_named(item, guard, &[("#until", "until")])
            }
            None => {
                let (expression, values) = guard;
                let mut delete = self
                    .delete_builder(pk, sk)
                    .condition_expression(expression)
                    .expression_attribute_names("#until", "until");
                for (name, value) in values {
                    delete = delete.expression_attribute_values(name, value);
                }
                aws_sdk_dynamodb::types::TransactWriteItem::builder()
                    .delete(delete.build().expect("table and key are set"))
                    .build()
            }
        };
        Ok(matches!(
            self.transact_outcome(vec![write]).await?,
            Outcome::Done
        ))
    }
}
