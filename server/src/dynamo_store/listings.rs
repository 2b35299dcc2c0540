//! Finding sessions: by name, place and time added from the global secondary indexes, by
//! words and distance from the term and cell items (each a copy of the session), and the
//! place tree from the count items.
use std::collections::HashMap;

use app::model::{geo, GeoPoint, Page, PlaceCount, PlacePath, Session};
use app::store::{
    end_prefix, nearest_first, rank_search_candidates, soonest_starts, start_ranges, Listings,
    NearbySession, PageRequest, StoreError, MAX_PAGE_SIZE, MAX_STARTS, SEARCH_CANDIDATES_PER_TERM,
};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::KeysAndAttributes;

use super::errors::store_error;
use super::items::*;
use super::table::{IndexSpec, BY_CREATED, BY_NAME, BY_PLACE};
use super::{page_size, string_attr, DynamoStore};
use crate::store_cursor as cursor;

/// Search reads each word's matches in at most 2 Queries, one after the other: the search
/// budget of 2 round trips (docs/data-model.md), whatever the table's size.
const SEARCH_PAGES_PER_TERM: usize = 2;

impl DynamoStore {
    /// The start items of one partition from minute `low` to `high` (both in the same
    /// 6-hour block), in order, at most enough for `cap` sessions.
    async fn start_block(
        &self,
        low: u32,
        high: u32,
        cap: usize,
    ) -> Result<Vec<(u32, Session)>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND sk BETWEEN :low AND :high")
            .expression_attribute_values(":pk", s(start_pk(low)))
            .expression_attribute_values(":low", s(start_sk(low, "")))
            .expression_attribute_values(":high", s(start_sk(high, "~")))
            // A session has at most one start in a 6-hour block (one a day at most), so
            // `cap` items hold `cap` sessions, and stay under a Query's 1 MB.
            .limit(cap as i32)
            .send()
            .await
            .map_err(store_error)?;
        output
            .items
            .unwrap_or_default()
            .iter()
            .map(|item| {
                let sk = string_attr(item, "sk")?;
                let minute = sk[..5]
                    .parse::<u32>()
                    .map_err(|e| StoreError::Internal(format!("bad start key {sk}: {e}")))?;
                Ok((minute, session_from_doc(item)?))
            })
            .collect()
    }

    /// One page of an index, continuing after the cursor's key, which must lie in the
    /// listing (`prefix`). Asks for one item more than the page to know if there is more.
    pub(super) async fn index_page(
        &self,
        index: &IndexSpec,
        partition: &str,
        prefix: &str,
        page: PageRequest,
    ) -> Result<Page<Session>, StoreError> {
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
        Ok(Page {
            items: sessions,
            next_cursor,
        })
    }

    /// Every item of a partition whose sort key starts with `prefix`, reading at most `cap`
    /// items in at most `max_pages` Queries (the flag says whether either cut it short).
    pub(super) async fn prefix_items(
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
    pub(super) async fn range_items(
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
}

#[async_trait]
impl Listings for DynamoStore {
    async fn list_sessions(&self, page: PageRequest) -> Result<Page<Session>, StoreError> {
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
    ) -> Result<Page<Session>, StoreError> {
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

    async fn sessions_by_start(
        &self,
        from: u32,
        within: u32,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError> {
        let cap = limit.clamp(1, MAX_STARTS);
        // One Query per 6-hour partition the window touches, all at once.
        let mut reads = Vec::new();
        for (first, last) in start_ranges(from, within) {
            let mut block_start = first - first % START_BLOCK_MINUTES;
            while block_start <= last {
                let low = first.max(block_start);
                let high = last.min(block_start + START_BLOCK_MINUTES - 1);
                reads.push(self.start_block(low, high, cap));
                block_start += START_BLOCK_MINUTES;
            }
        }
        let entries = futures::future::try_join_all(reads)
            .await?
            .into_iter()
            .flatten()
            .collect();
        Ok(soonest_starts(entries, from, cap))
    }

    async fn ended_one_offs(
        &self,
        before: chrono::DateTime<chrono::Utc>,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND sk < :before")
            .expression_attribute_values(":pk", s(ENDS_PK))
            .expression_attribute_values(":before", s(end_prefix(before)))
            .limit(limit.clamp(1, MAX_PAGE_SIZE) as i32)
            .send()
            .await
            .map_err(store_error)?;
        output
            .items
            .unwrap_or_default()
            .iter()
            .map(session_from_doc)
            .collect()
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
