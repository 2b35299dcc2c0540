//! Reviews in the single table: each in its session's partition (`S#{id}`, sort key
//! `R#{author}`) beside the rating aggregate (`RATING`: a count per star), so a session
//! page reads the session, its rating and its reviews in one Query. A review and the
//! aggregate change in one transaction, guarded by the review's `rev` counter, so the
//! aggregate is exactly what a recount would give, however many writes race.
//!
//! A review moderators hid has a hold (`HOLD#{session}`, `R#{author}`) in a partition of
//! its own, so the session page's Query never reads it. Every review write checks the
//! hold it read in its transaction: hidden is decided there, never by the writer.
use std::collections::HashMap;

use app::model::{
    newest_first, MemberId, Page, Rating, Review, Revision, Session, SessionActivity, SessionId,
    MAX_REVISIONS_SHOWN,
};
use app::store::{PageRequest, Reviews, StoreError};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;

use super::errors::store_error;
use super::items::{s, session_from_item, session_pk, Item, SESSION_SK};
use super::members::{review_copy_item, review_copy_key};
use super::review_items::{review_sk, star_attribute};
use super::writes::Outcome;
use super::{page_size, DynamoStore, TRANSACTION_ATTEMPTS};
use crate::index_keys::{review_cursor_key, review_key, review_session_prefix};
use crate::store_cursor as cursor;

pub(super) const REVIEW_PREFIX: &str = "R#";
/// Revisions sort before reviews, so the backwards Query reads them last: a session with
/// many reviews may show fewer of its revisions, never fewer reviews.
pub(super) const HISTORY_PREFIX: &str = "H#";
pub(super) const RATING_SK: &str = "RATING";
/// The review's write counter: a write names the one it read, so a racing change of the
/// same review makes it start again rather than move the stars twice.
pub(super) const REV: &str = "rev";

pub(super) fn review_from_item(item: Item) -> Result<(Review, u64), StoreError> {
    let rev = item
        .get(REV)
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let review = serde_dynamo::from_item(item).map_err(|e| StoreError::Internal(e.to_string()))?;
    Ok((review, rev))
}

fn rating_from_item(item: &Item) -> Rating {
    let mut rating = Rating::default();
    for stars in 1..=5u8 {
        rating.by_stars[stars as usize - 1] = item
            .get(&star_attribute(stars))
            .and_then(|v| v.as_n().ok())
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
            .max(0) as u64;
    }
    rating
}

fn revision_from_item(item: &Item) -> Result<Revision, StoreError> {
    super::items::from_doc(item)
}

fn busy() -> StoreError {
    StoreError::Unavailable("too many changes to this review at once; try again".into())
}

#[async_trait]
impl Reviews for DynamoStore {
    async fn review_by(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<Option<Review>, StoreError> {
        let author = author.as_str();
        Ok(self
            .current_review(session, author)
            .await?
            .map(|(review, _)| review))
    }

    async fn put_review(&self, review: &Review) -> Result<Review, StoreError> {
        for _ in 0..TRANSACTION_ATTEMPTS {
            let (old, held) = tokio::try_join!(
                self.current_review(&review.session_id, review.author.as_str()),
                self.review_held(&review.session_id, review.author.as_str()),
            )?;
            let mut stored = review.clone();
            stored.hidden = held;
            if let Some((old, _)) = &old {
                stored.created_at = old.created_at;
            }
            let mut writes = vec![
                self.session_exists(&review.session_id),
                self.review_put(&stored, old.as_ref().map(|(_, rev)| *rev))?,
                self.put(review_copy_item(&stored)?, None),
                self.hold_unchanged(&review.session_id, review.author.as_str(), held),
            ];
            writes.extend(self.rating_update(
                &review.session_id,
                old.as_ref().and_then(|(o, _)| o.counted_stars()),
                stored.counted_stars(),
            ));
            match self.transact_outcome(writes).await? {
                Outcome::Done => return Ok(stored),
                Outcome::ConditionFailed(0) => {
                    return Err(StoreError::NotFound(review.session_id.clone()))
                }
                // The same member's other write landed first: read again.
                Outcome::ConditionFailed(_) => continue,
            }
        }
        Err(busy())
    }

    async fn delete_review(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<bool, StoreError> {
        let author = author.as_str();
        for _ in 0..TRANSACTION_ATTEMPTS {
            let Some((old, rev)) = self.current_review(session, author).await? else {
                return Ok(false);
            };
            let mut writes = vec![self.delete_if(
                session_pk(session.as_str()),
                review_sk(author),
                (
                    "rev = :read",
                    vec![(":read", AttributeValue::N(rev.to_string()))],
                ),
            )];
            let (copy_pk, copy_sk) = review_copy_key(session, author);
            writes.push(self.delete(copy_pk, copy_sk));
            writes.extend(self.rating_update(session, old.counted_stars(), None));
            match self.transact_outcome(writes).await? {
                Outcome::Done => return Ok(true),
                Outcome::ConditionFailed(_) => continue,
            }
        }
        Err(busy())
    }

    /// The hold and the review's flag and stars, in one transaction guarded by the
    /// review's `rev`.
    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &MemberId,
        hidden: bool,
    ) -> Result<(), StoreError> {
        let author = author.as_str();
        for _ in 0..TRANSACTION_ATTEMPTS {
            let writes = self.review_hidden_writes(session, author, hidden).await?;
            match self.transact_outcome(writes).await? {
                Outcome::Done => return Ok(()),
                Outcome::ConditionFailed(_) => continue,
            }
        }
        Err(busy())
    }

    /// One Query of the session's partition, backwards so the session and its rating come
    /// first, then as many reviews as 1 MB holds.
    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(session_pk(id.as_str())))
            .scan_index_forward(false)
            .send()
            .await
            .map_err(store_error)?;
        let (mut session, mut rating, mut reviews) = (None, Rating::default(), Vec::new());
        let mut history = Vec::new();
        for item in output.items.unwrap_or_default() {
            match item
                .get("sk")
                .and_then(|v| v.as_s().ok())
                .map(String::as_str)
            {
                Some(SESSION_SK) => session = Some(session_from_item(item)?),
                Some(RATING_SK) => rating = rating_from_item(&item),
                Some(sk) if sk.starts_with(REVIEW_PREFIX) => {
                    reviews.push(review_from_item(item)?.0)
                }
                // Newest first already: the Query reads backwards.
                Some(sk)
                    if sk.starts_with(HISTORY_PREFIX) && history.len() < MAX_REVISIONS_SHOWN =>
                {
                    history.push(revision_from_item(&item)?);
                }
                _ => {}
            }
        }
        Ok(session.map(|session| {
            (
                session,
                SessionActivity {
                    rating,
                    reviews: newest_first(reviews),
                    history,
                },
            )
        }))
    }

    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<Page<Review>, StoreError> {
        let limit = page_size(&page);
        let pk = session_pk(id.as_str());
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(pk.clone()))
            .expression_attribute_values(":prefix", s(REVIEW_PREFIX))
            .limit(limit + 1);
        if let Some(c) = &page.cursor {
            let key = review_cursor_key(c, id)?;
            let author = &key[review_session_prefix(id.as_str()).len()..];
            query = query.set_exclusive_start_key(Some(HashMap::from([
                ("pk".to_string(), s(pk)),
                ("sk".to_string(), s(review_sk(author))),
            ])));
        }
        let output = query.send().await.map_err(store_error)?;
        let mut reviews = output
            .items
            .unwrap_or_default()
            .into_iter()
            .map(|item| review_from_item(item).map(|(review, _)| review))
            .collect::<Result<Vec<_>, _>>()?;
        let more = reviews.len() > limit as usize;
        reviews.truncate(limit as usize);
        let next_cursor = match (more, reviews.last()) {
            (true, Some(last)) => Some(cursor::encode(&review_key(
                id.as_str(),
                last.author.as_str(),
            ))),
            _ => None,
        };
        Ok(Page {
            items: reviews,
            next_cursor,
        })
    }
}
