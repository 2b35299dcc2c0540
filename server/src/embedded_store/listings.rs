//! Finding sessions: by name, by place, newest, by words and by distance, each read from
//! its index.
use app::model::{geo, GeoPoint, Page, PlaceCount, PlacePath, Session};
use app::store::{
    end_prefix, nearest_first, rank_search_candidates, soonest_starts, start_ranges, Listings,
    NearbySession, PageRequest, StoreError, MAX_PAGE_SIZE, MAX_STARTS, SEARCH_CANDIDATES_PER_TERM,
};
use async_trait::async_trait;
use redb::{ReadableDatabase, ReadableTable};

use super::indexes::{
    index_page, load_indexed, sessions_with_prefix, start_key, PlaceRecord, PLACE_COUNTS,
    SEARCH_TERMS, SESSIONS, SESSIONS_BY_CELL, SESSIONS_BY_CREATED, SESSIONS_BY_END,
    SESSIONS_BY_NAME, SESSIONS_BY_PLACE, SESSIONS_BY_START,
};
use super::{from_json, internal, EmbeddedStore};

#[async_trait]
impl Listings for EmbeddedStore {
    async fn list_sessions(&self, page: PageRequest) -> Result<Page<Session>, StoreError> {
        let limit = page.clamped_limit();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_name = txn.open_table(SESSIONS_BY_NAME).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            index_page(&by_name, &sessions, "", page.cursor.as_deref(), limit)
        })
        .await
    }

    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<Page<Session>, StoreError> {
        let limit = page.clamped_limit();
        let prefix = match place {
            PlacePath::World => return self.list_sessions(page).await,
            other => format!("{}/", other.key()),
        };
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_place = txn.open_table(SESSIONS_BY_PLACE).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            index_page(&by_place, &sessions, &prefix, page.cursor.as_deref(), limit)
        })
        .await
    }

    async fn place_children(&self, parent: &PlacePath) -> Result<Vec<PlaceCount>, StoreError> {
        let parent = parent.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(PLACE_COUNTS).map_err(internal)?;
            let prefix = match &parent {
                PlacePath::World => String::new(),
                other => format!("{}/", other.key()),
            };
            let mut children = Vec::new();
            for entry in table.range::<&str>(prefix.as_str()..).map_err(internal)? {
                let (key, value) = entry.map_err(internal)?;
                let Some(rest) = key.value().strip_prefix(prefix.as_str()) else {
                    break;
                };
                if rest.contains('/') {
                    continue; // a grandchild
                }
                let path = PlacePath::from_segments(&key.value().split('/').collect::<Vec<_>>())
                    .ok_or_else(|| internal(format!("bad place key {}", key.value())))?;
                let record: PlaceRecord = from_json(value.value())?;
                children.push(PlaceCount {
                    path,
                    name: record.name,
                    sessions: record.sessions,
                });
            }
            children.sort_by_cached_key(|c| (app::text::fold(&c.name), c.path.key()));
            Ok(children)
        })
        .await
    }

    async fn place_trail(&self, place: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError> {
        let place = place.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(PLACE_COUNTS).map_err(internal)?;
            let mut trail = Vec::new();
            for path in place.ancestry() {
                let Some(value) = table.get(path.key().as_str()).map_err(internal)? else {
                    return Ok(None);
                };
                let record: PlaceRecord = from_json(value.value())?;
                trail.push(PlaceCount {
                    path,
                    name: record.name,
                    sessions: record.sessions,
                });
            }
            Ok(Some(trail))
        })
        .await
    }

    async fn newest_sessions(&self, limit: usize) -> Result<Vec<Session>, StoreError> {
        let limit = limit.clamp(1, MAX_PAGE_SIZE);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_created = txn.open_table(SESSIONS_BY_CREATED).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            // The index ascends by time then id; reading it backwards gives newest first.
            let mut newest = Vec::with_capacity(limit);
            for entry in by_created.iter().map_err(internal)?.rev().take(limit) {
                let (_, id) = entry.map_err(internal)?;
                newest.push(load_indexed(&sessions, id.value())?);
            }
            Ok(newest)
        })
        .await
    }

    async fn search_sessions(&self, terms: &[String]) -> Result<Vec<Session>, StoreError> {
        let terms = terms.to_vec();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SEARCH_TERMS).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let per_term = terms
                .iter()
                .map(|term| {
                    sessions_with_prefix(&index, &sessions, term, SEARCH_CANDIDATES_PER_TERM)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rank_search_candidates(per_term, &terms))
        })
        .await
    }

    async fn sessions_near(
        &self,
        centre: GeoPoint,
        radius_km: f64,
    ) -> Result<Vec<NearbySession>, StoreError> {
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SESSIONS_BY_CELL).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let mut candidates = Vec::new();
            for cell in geo::covering_cells(centre, radius_km) {
                let (found, _) = sessions_with_prefix(&index, &sessions, &cell, usize::MAX)?;
                candidates.extend(found);
            }
            Ok(nearest_first(candidates, centre, radius_km))
        })
        .await
    }

    async fn sessions_by_start(
        &self,
        from: u32,
        within: u32,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError> {
        let cap = limit.clamp(1, MAX_STARTS);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SESSIONS_BY_START).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let mut entries = Vec::new();
            for (first, last) in start_ranges(from, within) {
                let (low, high) = (start_key(first, ""), start_key(last + 1, ""));
                // A session has at most two keys for each of its meetings in a week:
                // this many entries hold `cap` sessions.
                for entry in index
                    .range::<&str>(low.as_str()..high.as_str())
                    .map_err(internal)?
                    .take(cap * 2 * app::model::MAX_MEETINGS_A_WEEK)
                {
                    let (key, id) = entry.map_err(internal)?;
                    let minute = key.value()[..5].parse::<u32>().map_err(internal)?;
                    entries.push((minute, load_indexed(&sessions, id.value())?));
                }
            }
            Ok(soonest_starts(entries, from, cap))
        })
        .await
    }

    async fn ended_one_offs(
        &self,
        before: chrono::DateTime<chrono::Utc>,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError> {
        let limit = limit.clamp(1, MAX_PAGE_SIZE);
        let before = end_prefix(before);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let index = txn.open_table(SESSIONS_BY_END).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let mut ended = Vec::new();
            for entry in index
                .range::<&str>(..before.as_str())
                .map_err(internal)?
                .take(limit)
            {
                let (_, id) = entry.map_err(internal)?;
                ended.push(load_indexed(&sessions, id.value())?);
            }
            Ok(ended)
        })
        .await
    }
}
