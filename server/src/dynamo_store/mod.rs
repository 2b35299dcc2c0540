//! The DynamoDB store: one table (see docs/data-model.md), session items with three global
//! secondary indexes (by name, by place, by creation time), search-term and geohash-cell
//! items that carry a copy of the session, and place-count items. Every write that touches
//! more than one item is one transaction, so indexes and counts never disagree with the
//! sessions.
mod allowances;
mod bulk;
mod confirmations;
mod errors;
mod items;
mod members;
mod moderation;
mod reviews;
pub mod round_trips;
mod sign_ins;
mod sitemap;
pub mod table;

use std::collections::HashMap;
use std::time::Duration;

use app::model::{
    geo, AuditEntry, GeoPoint, PlaceCount, PlacePath, Report, Review, ReviewPage, Revision,
    Session, SessionActivity, SessionId, SessionPage,
};
use app::store::{
    nearest_first, rank_search_candidates, NearbySession, PageRequest, Store, StoreError,
    MAX_PAGE_SIZE, SEARCH_CANDIDATES_PER_TERM,
};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{
    AttributeValue, Delete, KeysAndAttributes, Put, TransactWriteItem, Update,
};
use aws_sdk_dynamodb::Client;

use crate::store_cursor as cursor;
use errors::store_error;
use items::*;
use table::{IndexSpec, BY_CREATED, BY_NAME, BY_PLACE};

/// Concurrent transactions on one item (a busy town's count) are cancelled with
/// `TransactionConflict`; they are retried this many times with a growing pause.
const TRANSACTION_ATTEMPTS: u32 = 8;

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

/// How the adapter reaches DynamoDB.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// Another endpoint than AWS's (moto or DynamoDB Local on loopback).
    pub endpoint: Option<String>,
    /// Each try of a call; a whole call with retries gets three times this.
    pub attempt_timeout: Duration,
    /// Counts calls and round trips (tests only).
    pub round_trips: Option<round_trips::RoundTrips>,
}

impl Default for ClientSettings {
    /// 2 s an attempt (see `crate::aws::sdk_config` for the retry policy).
    fn default() -> Self {
        Self {
            endpoint: None,
            attempt_timeout: Duration::from_secs(2),
            round_trips: None,
        }
    }
}

pub async fn client(settings: &ClientSettings) -> Client {
    let shared =
        crate::aws::sdk_config(settings.endpoint.as_deref(), None, settings.attempt_timeout).await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
    if let Some(counter) = &settings.round_trips {
        config = config.interceptor(counter.clone());
    }
    Client::from_conf(config.build())
}

/// Search reads each word's matches in at most 2 Queries, one after the other: the search
/// budget of 2 round trips (docs/data-model.md), whatever the table's size.
const SEARCH_PAGES_PER_TERM: usize = 2;

fn page_size(page: &PageRequest) -> i32 {
    page.clamped_limit().min(MAX_PAGE_SIZE) as i32
}

fn string_attr<'a>(item: &'a Item, name: &str) -> Result<&'a str, StoreError> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
        .ok_or_else(|| StoreError::Internal(format!("item without {name}")))
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    pub async fn create_table(&self) -> Result<bool, String> {
        table::create_table(&self.client, &self.table).await
    }

    /// One page of an index, continuing after the cursor's key, which must lie in the
    /// listing (`prefix`). Asks for one item more than the page to know if there is more.
    async fn index_page(
        &self,
        index: &IndexSpec,
        partition: &str,
        prefix: &str,
        page: PageRequest,
    ) -> Result<SessionPage, StoreError> {
        let limit = page_size(&page);
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index.name)
            .limit(limit + 1)
            .expression_attribute_names("#pk", index.partition_key)
            .expression_attribute_values(":pk", s(partition));
        query = if prefix.is_empty() {
            query.key_condition_expression("#pk = :pk")
        } else {
            query
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#sk", index.sort_key)
                .expression_attribute_values(":prefix", s(prefix))
        };
        if let Some(c) = &page.cursor {
            let key = cursor::decode(c)
                .filter(|key| key.starts_with(prefix))
                .ok_or(StoreError::InvalidCursor)?;
            let id = id_of_key(&key).ok_or(StoreError::InvalidCursor)?;
            query = query.set_exclusive_start_key(Some(HashMap::from([
                ("pk".to_string(), s(session_pk(id))),
                ("sk".to_string(), s(SESSION_SK)),
                (index.partition_key.to_string(), s(partition)),
                (index.sort_key.to_string(), s(key.clone())),
            ])));
        }
        let output = query.send().await.map_err(store_error)?;
        let mut found = output.items.unwrap_or_default();
        let more = found.len() > limit as usize;
        found.truncate(limit as usize);
        let next_cursor = match (more, found.last()) {
            (true, Some(last)) => Some(cursor::encode(string_attr(last, index.sort_key)?)),
            _ => None,
        };
        let sessions = found
            .into_iter()
            .map(session_from_item)
            .collect::<Result<_, _>>()?;
        Ok(SessionPage {
            sessions,
            next_cursor,
        })
    }

    /// Every item of a partition whose sort key starts with `prefix`, reading at most `cap`
    /// items in at most `max_pages` Queries (the flag says whether either cut it short).
    async fn prefix_items(
        &self,
        partition: String,
        prefix: String,
        cap: usize,
        max_pages: usize,
    ) -> Result<(Vec<Item>, bool), StoreError> {
        self.range_items(partition, prefix.clone(), prefix, cap, max_pages)
            .await
    }

    /// Every item of a partition whose sort key starts with anything from `first` to
    /// `last` (as prefixes, both included), reading at most `cap` items in at most
    /// `max_pages` Queries (each returns up to 1,000 items or 1 MB).
    async fn range_items(
        &self,
        partition: String,
        first: String,
        last: String,
        cap: usize,
        max_pages: usize,
    ) -> Result<(Vec<Item>, bool), StoreError> {
        let mut found = Vec::new();
        let mut start = None;
        for _ in 0..max_pages {
            let mut query = self
                .client
                .query()
                .table_name(&self.table)
                .expression_attribute_values(":pk", s(partition.clone()));
            query = if first.is_empty() && last.is_empty() {
                query.key_condition_expression("pk = :pk")
            } else if first == last {
                query
                    .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                    .expression_attribute_values(":prefix", s(first.clone()))
            } else {
                // `~` sorts after every geohash letter and the `\0` separator.
                query
                    .key_condition_expression("pk = :pk AND sk BETWEEN :first AND :last")
                    .expression_attribute_values(":first", s(first.clone()))
                    .expression_attribute_values(":last", s(format!("{last}~")))
            };
            let output = query
                .limit((cap - found.len()).clamp(1, 1000) as i32)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(store_error)?;
            found.extend(output.items.unwrap_or_default());
            start = output.last_evaluated_key;
            if start.is_none() {
                return Ok((found, false));
            }
            if found.len() >= cap {
                return Ok((found, true));
            }
        }
        // The pages ran out before the items did.
        Ok((found, true))
    }

    async fn create(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<(), StoreError> {
        let mut writes =
            self.session_writes(None, session, ("attribute_not_exists(pk)", vec![]))?;
        writes.extend(self.revision_put(revision)?);
        if self.transact(writes).await? {
            Ok(())
        } else {
            Err(StoreError::AlreadyExists(session.id.clone()))
        }
    }

    async fn update(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<Session, StoreError> {
        let conflict = |found: u64| StoreError::VersionConflict {
            id: session.id.clone(),
            expected: session.version,
            found,
        };
        for _ in 0..TRANSACTION_ATTEMPTS {
            let current = self
                .get_current(session.id.as_str())
                .await?
                .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
            if current.version != session.version {
                return Err(conflict(current.version));
            }
            let mut stored = session.clone();
            stored.version = current.version + 1;
            // A confirmation does not move the version: keep one made since the editor read.
            stored.last_confirmed = stored.last_confirmed.max(current.last_confirmed);
            let (confirmed, confirmed_value) =
                confirmations::confirmation_unchanged(current.last_confirmed);
            let condition = format!("version = :expected AND {confirmed}");
            let mut values = vec![(":expected", AttributeValue::N(current.version.to_string()))];
            values.extend(confirmed_value);
            let mut writes =
                self.session_writes(Some(&current), &stored, (condition.as_str(), values))?;
            writes.extend(self.revision_put(revision)?);
            if self.transact(writes).await? {
                return Ok(stored);
            }
            // Someone else's change landed between our read and our write: an edit is a
            // conflict; a confirmation (same version) is read again and kept.
        }
        let found = self
            .get_current(session.id.as_str())
            .await?
            .map_or(session.version + 1, |s| s.version);
        Err(conflict(found))
    }

    async fn get_current(&self, id: &str) -> Result<Option<Session>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(session_pk(id)))
            .key("sk", s(SESSION_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(session_from_item).transpose()
    }

    fn put(
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
    fn put_named(
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

    fn delete(&self, pk: String, sk: String) -> TransactWriteItem {
        TransactWriteItem::builder()
            .delete(
                self.delete_builder(pk, sk)
                    .build()
                    .expect("table and key are set"),
            )
            .build()
    }

    /// A delete that happens only if `condition` holds.
    fn delete_if(
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

    fn delete_builder(
        &self,
        pk: String,
        sk: String,
    ) -> aws_sdk_dynamodb::types::builders::DeleteBuilder {
        Delete::builder()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
    }

    fn count_update(&self, pk: String, sk: String, name: String, delta: i64) -> TransactWriteItem {
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
    fn session_writes(
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
        if writes.len() > 100 {
            return Err(StoreError::Internal(format!(
                "a session with {} index items is more than one transaction can write",
                writes.len()
            )));
        }
        Ok(writes)
    }

    /// Runs a transaction, retrying conflicts with other transactions; a failed condition
    /// on the first item is returned as `Ok(false)`.
    async fn transact(&self, writes: Vec<TransactWriteItem>) -> Result<bool, StoreError> {
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
    async fn transact_outcome(
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
enum Outcome {
    Done,
    /// The condition on this item (by position) did not hold.
    ConditionFailed(usize),
}

#[async_trait]
impl Store for DynamoStore {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        self.create(session, None).await
    }

    async fn update_session(&self, session: &Session) -> Result<Session, StoreError> {
        self.update(session, None).await
    }

    async fn create_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<(), StoreError> {
        self.create(session, Some(revision)).await
    }

    async fn update_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<Session, StoreError> {
        self.update(session, Some(revision)).await
    }

    async fn confirm_session(
        &self,
        id: &SessionId,
        day: chrono::NaiveDate,
    ) -> Result<app::store::Confirmation, StoreError> {
        self.confirm(id, day).await
    }

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(session_pk(id.as_str())))
            .key("sk", s(SESSION_SK))
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(session_from_item).transpose()
    }

    async fn list_sessions(&self, page: PageRequest) -> Result<SessionPage, StoreError> {
        self.index_page(&BY_NAME, ALL, "", page).await
    }

    async fn place_children(&self, parent: &PlacePath) -> Result<Vec<PlaceCount>, StoreError> {
        let partition = match parent {
            PlacePath::World => "P#".to_string(),
            other => format!("P#{}", other.key()),
        };
        let (found, _) = self
            .prefix_items(partition, String::new(), usize::MAX, usize::MAX)
            .await?;
        let mut children = Vec::new();
        for item in found {
            let count = place_count(&item)?;
            if count.sessions > 0 {
                children.push(count);
            }
        }
        children.sort_by_cached_key(|c| (app::text::fold(&c.name), c.path.key()));
        Ok(children)
    }

    async fn place_trail(&self, place: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError> {
        let ancestry = place.ancestry();
        if ancestry.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let mut keys = KeysAndAttributes::builder();
        for path in &ancestry {
            let (pk, sk) = place_keys(path);
            keys = keys.keys(HashMap::from([
                ("pk".to_string(), s(pk)),
                ("sk".to_string(), s(sk)),
            ]));
        }
        let output = self
            .client
            .batch_get_item()
            .request_items(
                &self.table,
                keys.build()
                    .map_err(|e| StoreError::Internal(e.to_string()))?,
            )
            .send()
            .await
            .map_err(store_error)?;
        let mut by_key: HashMap<String, PlaceCount> = HashMap::new();
        for item in output
            .responses
            .unwrap_or_default()
            .remove(&self.table)
            .unwrap_or_default()
        {
            let count = place_count(&item)?;
            by_key.insert(count.path.key(), count);
        }
        let mut trail = Vec::new();
        for path in ancestry {
            match by_key.remove(&path.key()) {
                Some(count) if count.sessions > 0 => trail.push(count),
                _ => return Ok(None),
            }
        }
        Ok(Some(trail))
    }

    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<SessionPage, StoreError> {
        match place {
            PlacePath::World => self.list_sessions(page).await,
            other => {
                let prefix = format!("{}/", other.key());
                let partition = place_partition(&prefix).to_string();
                self.index_page(&BY_PLACE, &partition, &prefix, page).await
            }
        }
    }

    async fn newest_sessions(&self, limit: usize) -> Result<Vec<Session>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(BY_CREATED.name)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", BY_CREATED.partition_key)
            .expression_attribute_values(":pk", s(ALL))
            .scan_index_forward(false)
            .limit(limit.clamp(1, MAX_PAGE_SIZE) as i32)
            .send()
            .await
            .map_err(store_error)?;
        output
            .items
            .unwrap_or_default()
            .into_iter()
            .map(session_from_item)
            .collect()
    }

    async fn search_sessions(&self, terms: &[String]) -> Result<Vec<Session>, StoreError> {
        // One query per term, all at once: a single round trip's wait.
        let reads = terms.iter().map(|term| {
            self.prefix_items(
                term_pk(term),
                term.clone(),
                SEARCH_CANDIDATES_PER_TERM,
                SEARCH_PAGES_PER_TERM,
            )
        });
        let per_term = futures::future::try_join_all(reads)
            .await?
            .into_iter()
            .map(|(found, truncated)| {
                found
                    .iter()
                    .map(session_from_doc)
                    .collect::<Result<Vec<_>, _>>()
                    .map(|sessions| (sessions, truncated))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rank_search_candidates(per_term, terms))
    }

    async fn sessions_near(
        &self,
        centre: GeoPoint,
        radius_km: f64,
    ) -> Result<Vec<NearbySession>, StoreError> {
        let found = futures::future::try_join_all(
            near_reads(
                &geo::covering_cells(centre, radius_km),
                &geo::shifted_covering_cells(centre, radius_km),
            )
            .into_iter()
            .map(|(pk, first, last)| self.range_items(pk, first, last, usize::MAX, 1)),
        )
        .await?;
        if found.iter().any(|(_, cut_short)| *cut_short) {
            // Over 1,000 sessions (or 1 MB) in one range: the nearest of those read are
            // listed, within the one-round-trip budget.
            tracing::warn!(
                ?centre,
                radius_km,
                "near me read only the first page of a range"
            );
        }
        let candidates = found
            .iter()
            .flat_map(|(items, _)| items.iter().map(session_from_doc))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(nearest_first(candidates, centre, radius_km))
    }

    async fn put_review(&self, review: &Review) -> Result<Review, StoreError> {
        self.put_review_item(review).await
    }

    async fn delete_review(&self, session: &SessionId, author: &str) -> Result<bool, StoreError> {
        self.delete_review_item(session, author).await
    }

    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &str,
        hidden: bool,
    ) -> Result<(), StoreError> {
        self.set_review_hidden_items(session, author, hidden).await
    }

    async fn review_by(
        &self,
        session: &SessionId,
        author: &str,
    ) -> Result<Option<Review>, StoreError> {
        Ok(self
            .current_review(session, author)
            .await?
            .map(|(review, _)| review))
    }

    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError> {
        self.session_and_reviews(id).await
    }

    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<ReviewPage, StoreError> {
        self.review_page(id, page).await
    }

    async fn set_bookmark(
        &self,
        member: &str,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError> {
        self.put_bookmark(member, session, bookmarked).await
    }

    async fn is_bookmarked(&self, member: &str, session: &SessionId) -> Result<bool, StoreError> {
        self.has_bookmark(member, session).await
    }

    async fn member_bookmarks(&self, member: &str) -> Result<Vec<Session>, StoreError> {
        self.bookmarked(member).await
    }

    async fn member_reviews(&self, member: &str) -> Result<Vec<Review>, StoreError> {
        self.reviews_of_member(member).await
    }

    async fn sessions_added_by(&self, member: &str) -> Result<Vec<Session>, StoreError> {
        self.added_by(member).await
    }

    async fn feed_token(&self, member: &str) -> Result<Option<String>, StoreError> {
        self.member_feed_token(member).await
    }

    async fn set_feed_token(&self, member: &str, token: Option<&str>) -> Result<(), StoreError> {
        self.replace_feed_token(member, token).await
    }

    async fn feed_owner(&self, token: &str) -> Result<Option<String>, StoreError> {
        self.token_owner(token).await
    }

    async fn file_report(&self, report: &Report) -> Result<app::model::Filed, StoreError> {
        self.put_report(report).await
    }

    async fn report_queue(
        &self,
        page: PageRequest,
    ) -> Result<app::model::ReportGroupPage, StoreError> {
        self.queue_page(page).await
    }

    async fn report_group(&self, id: &str) -> Result<Option<app::model::ReportGroup>, StoreError> {
        self.group_by_id(id).await
    }

    async fn settle_reports(
        &self,
        id: &str,
        settlement: &app::model::Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<app::model::ReportGroup>, StoreError> {
        self.settle_group(id, settlement, entry).await
    }

    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.put_audit(entry).await
    }

    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_entries().await
    }

    async fn take_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        self.take_allowance_items(allowances, now).await
    }

    async fn end_sign_ins(
        &self,
        account: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.end_sign_ins_item(account, at).await
    }

    async fn sign_ins_ended_at(
        &self,
        account: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        self.sign_ins_ended_item(account).await
    }

    async fn give_back_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.give_back_allowance_items(allowances, now).await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.client
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
            .map_err(store_error)?;
        Ok(())
    }
}

fn place_count(item: &Item) -> Result<PlaceCount, StoreError> {
    let key = string_attr(item, "sk")?;
    let path = PlacePath::from_segments(&key.split('/').collect::<Vec<_>>())
        .ok_or_else(|| StoreError::Internal(format!("bad place key {key}")))?;
    let sessions = item
        .get("sessions")
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0) as u64;
    Ok(PlaceCount {
        path,
        name: string_attr(item, "name")?.to_string(),
        sessions,
    })
}
