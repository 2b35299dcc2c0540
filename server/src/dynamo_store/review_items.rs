//! The items one review write touches, built for a single transaction: the review (under
//! its `rev` counter), the rating's per-star counts, the moderators' hold and the
//! revision, plus the conditions that keep them consistent with what was read.
use std::collections::HashMap;

use app::model::{Review, Revision, SessionId};
use app::store::StoreError;
use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, TransactWriteItem, Update};

use super::errors::store_error;
use super::items::{s, session_pk, Item, SESSION_SK};
use super::members::review_copy_item;
use super::reviews::{review_from_item, HISTORY_PREFIX, RATING_SK, REV, REVIEW_PREFIX};
use super::DynamoStore;

const HOLD_PREFIX: &str = "HOLD#";

pub(super) fn hold_key(session: &SessionId, author: &str) -> (String, String) {
    (
        format!("{HOLD_PREFIX}{}", session.as_str()),
        review_sk(author),
    )
}

pub(super) fn review_sk(author: &str) -> String {
    format!("{REVIEW_PREFIX}{author}")
}

pub(super) fn star_attribute(stars: u8) -> String {
    format!("s{stars}")
}

fn review_item(review: &Review, rev: u64) -> Result<Item, StoreError> {
    let mut item: Item =
        serde_dynamo::to_item(review).map_err(|e| StoreError::Internal(e.to_string()))?;
    item.insert("pk".into(), s(session_pk(review.session_id.as_str())));
    item.insert("sk".into(), s(review_sk(review.author.as_str())));
    item.insert(REV.into(), AttributeValue::N(rev.to_string()));
    Ok(item)
}

impl DynamoStore {
    /// The revision's item, to write in the transaction of the change it records.
    pub(super) fn revision_put(
        &self,
        revision: Option<&Revision>,
    ) -> Result<Option<TransactWriteItem>, StoreError> {
        let Some(revision) = revision else {
            return Ok(None);
        };
        let doc = super::items::to_doc(revision)?;
        let item = HashMap::from([
            (
                "pk".to_string(),
                s(session_pk(revision.session_id.as_str())),
            ),
            (
                "sk".to_string(),
                s(format!(
                    "{HISTORY_PREFIX}{}#{}",
                    revision.at.format("%Y%m%dT%H%M%S%.9f"),
                    revision.by
                )),
            ),
            ("doc".to_string(), s(doc)),
        ]);
        Ok(Some(self.put(item, None)))
    }

    pub(super) async fn current_review(
        &self,
        session: &SessionId,
        author: &str,
    ) -> Result<Option<(Review, u64)>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(session_pk(session.as_str())))
            .key("sk", s(review_sk(author)))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(review_from_item).transpose()
    }

    /// `ADD` to the star counts: one off `from`, one on `to` (nothing when they agree).
    pub(super) fn rating_update(
        &self,
        session: &SessionId,
        from: Option<u8>,
        to: Option<u8>,
    ) -> Option<TransactWriteItem> {
        let mut names = HashMap::new();
        let mut values = HashMap::new();
        let mut parts = Vec::new();
        if from == to {
            return None;
        }
        for (stars, delta, tag) in [(from, -1, "from"), (to, 1, "to")] {
            if let Some(stars) = stars {
                names.insert(format!("#{tag}"), star_attribute(stars));
                values.insert(format!(":{tag}"), AttributeValue::N(delta.to_string()));
                parts.push(format!("#{tag} :{tag}"));
            }
        }
        let update = Update::builder()
            .table_name(&self.table)
            .key("pk", s(session_pk(session.as_str())))
            .key("sk", s(RATING_SK))
            .update_expression(format!("ADD {}", parts.join(", ")))
            .set_expression_attribute_names(Some(names))
            .set_expression_attribute_values(Some(values))
            .build()
            .expect("table, key and expression are set");
        Some(TransactWriteItem::builder().update(update).build())
    }

    pub(super) fn session_exists(&self, session: &SessionId) -> TransactWriteItem {
        let check = ConditionCheck::builder()
            .table_name(&self.table)
            .key("pk", s(session_pk(session.as_str())))
            .key("sk", s(SESSION_SK))
            .condition_expression("attribute_exists(pk)")
            .build()
            .expect("table, key and condition are set");
        TransactWriteItem::builder().condition_check(check).build()
    }

    /// The review put only if it is still as read (`rev`), or still absent.
    pub(super) fn review_put(
        &self,
        review: &Review,
        read_rev: Option<u64>,
    ) -> Result<TransactWriteItem, StoreError> {
        let item = review_item(review, read_rev.map_or(1, |rev| rev + 1))?;
        Ok(match read_rev {
            None => self.put(item, Some(("attribute_not_exists(pk)", vec![]))),
            Some(rev) => self.put(
                item,
                Some((
                    "rev = :read",
                    vec![(":read", AttributeValue::N(rev.to_string()))],
                )),
            ),
        })
    }

    /// Whether moderators hold the member's review of the session hidden.
    pub(super) async fn review_held(
        &self,
        session: &SessionId,
        author: &str,
    ) -> Result<bool, StoreError> {
        let (pk, sk) = hold_key(session, author);
        Ok(self.get(pk, &sk).await?.is_some())
    }

    /// The transaction fails unless the hold is still as read.
    pub(super) fn hold_unchanged(
        &self,
        session: &SessionId,
        author: &str,
        held: bool,
    ) -> TransactWriteItem {
        let (pk, sk) = hold_key(session, author);
        let check = ConditionCheck::builder()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression(if held {
                "attribute_exists(pk)"
            } else {
                "attribute_not_exists(pk)"
            })
            .build()
            .expect("table, key and condition are set");
        TransactWriteItem::builder().condition_check(check).build()
    }

    /// The writes that hide or show a review as it is now (read here): its hold, and its
    /// flag, copy and stars guarded by its `rev` (or its absence). For a transaction of
    /// the caller's; any condition failing means "read again and retry".
    pub(super) async fn review_hidden_writes(
        &self,
        session: &SessionId,
        author: &str,
        hidden: bool,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let (hold_pk, hold_sk) = hold_key(session, author);
        {
            let current = self.current_review(session, author).await?;
            let mut writes = vec![if hidden {
                self.put(
                    HashMap::from([
                        ("pk".to_string(), s(hold_pk.clone())),
                        ("sk".to_string(), s(hold_sk.clone())),
                    ]),
                    None,
                )
            } else {
                self.delete(hold_pk.clone(), hold_sk.clone())
            }];
            match current {
                Some((mut review, rev)) if review.hidden != hidden => {
                    let before = review.counted_stars();
                    review.hidden = hidden;
                    writes.push(self.review_put(&review, Some(rev))?);
                    writes.push(self.put(review_copy_item(&review)?, None));
                    writes.extend(self.rating_update(session, before, review.counted_stars()));
                }
                // Absent: the hold alone keeps a review posted later hidden. A review
                // written between the read and this write fails its own hold check.
                Some((_, rev)) => writes.push(self.review_unchanged(session, author, rev)),
                None => writes.push(self.review_absent(session, author)),
            }
            Ok(writes)
        }
    }

    pub(super) fn review_check(
        &self,
        session: &SessionId,
        author: &str,
        condition: (&str, Option<u64>),
    ) -> TransactWriteItem {
        let mut check = ConditionCheck::builder()
            .table_name(&self.table)
            .key("pk", s(session_pk(session.as_str())))
            .key("sk", s(review_sk(author)))
            .condition_expression(condition.0);
        if let Some(rev) = condition.1 {
            check = check.expression_attribute_values(":read", AttributeValue::N(rev.to_string()));
        }
        TransactWriteItem::builder()
            .condition_check(check.build().expect("table, key and condition are set"))
            .build()
    }

    pub(super) fn review_unchanged(
        &self,
        session: &SessionId,
        author: &str,
        rev: u64,
    ) -> TransactWriteItem {
        self.review_check(session, author, ("rev = :read", Some(rev)))
    }

    pub(super) fn review_absent(&self, session: &SessionId, author: &str) -> TransactWriteItem {
        self.review_check(session, author, ("attribute_not_exists(pk)", None))
    }
}
