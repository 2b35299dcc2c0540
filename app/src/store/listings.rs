//! The listings port: finding sessions by name, place, time added, words and distance,
//! and the place tree with its counts. Every read is served from an index, never by
//! walking all sessions.
use async_trait::async_trait;

use super::{name_sort_key, PageRequest, StoreError};
use crate::model::{GeoPoint, Page, PlaceCount, PlacePath, Session};

/// The most index entries a search reads for one term. A term that has more (a very
/// short prefix) is still answered from another term's entries when the query has one.
pub const SEARCH_CANDIDATES_PER_TERM: usize = 2_000;

/// The most sessions one "near me" answer holds.
pub const MAX_NEAR_RESULTS: usize = 100;

/// The most sessions one read of the start index answers.
pub const MAX_STARTS: usize = 200;

#[async_trait]
pub trait Listings: Send + Sync {
    /// Sessions ordered by name (case-insensitive), then id. Walking the cursors visits every
    /// session that existed for the whole walk exactly once.
    async fn list_sessions(&self, page: PageRequest) -> Result<Page<Session>, StoreError>;

    /// The places one level below `parent` that have sessions, with their counts, ordered
    /// by name: countries under `World`, areas under a country, towns under an area.
    async fn place_children(&self, parent: &PlacePath) -> Result<Vec<PlaceCount>, StoreError>;

    /// The place and its ancestors, top first (`[Ireland, Clare, Ennis]`); `None` if the
    /// place has no sessions. `World` gives an empty trail.
    async fn place_trail(&self, place: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError>;

    /// Sessions in a place (and the places below it), ordered by area, town, then name.
    /// A cursor from another place's listing is refused as `InvalidCursor`. `World` is
    /// answered like [`Listings::list_sessions`].
    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<Page<Session>, StoreError>;

    /// The most recently added sessions: `created_at` descending, then id descending, at most
    /// `limit.clamp(1, MAX_PAGE_SIZE)`. Read from an index, so its cost does not grow with the
    /// number of sessions; feeds use it.
    async fn newest_sessions(&self, limit: usize) -> Result<Vec<Session>, StoreError>;

    /// Sessions matching every term of a search (folded words from
    /// [`crate::model::search::query_terms`], each matched as a word prefix), ranked by
    /// [`crate::model::search::rank`], at most [`crate::model::search::MAX_RESULTS`].
    /// Reads only the index entries of the terms — never every session — and at most
    /// [`SEARCH_CANDIDATES_PER_TERM`] of them per term.
    async fn search_sessions(&self, terms: &[String]) -> Result<Vec<Session>, StoreError>;

    /// Sessions with a point within `radius_km` of `centre` (clamped by
    /// [`crate::model::geo::usable_radius_km`]), nearest first, then by name; at most
    /// [`MAX_NEAR_RESULTS`]. Reads only the geohash cells from
    /// [`crate::model::geo::covering_cells`].
    async fn sessions_near(
        &self,
        centre: GeoPoint,
        radius_km: f64,
    ) -> Result<Vec<NearbySession>, StoreError>;

    /// Sessions in the order their scheduled starts fall in the week
    /// ([`start_minutes`](crate::model::occurrence::start_minutes)), from the minute of
    /// the week `from` for `within` minutes, wrapping past the week's end: each session
    /// once, at its first start in that window; at most `limit.clamp(1, MAX_STARTS)`.
    /// Hidden sessions are not there. Read from the start index only, so the cost does not
    /// grow with the number of sessions; the caller works out each one's real next date.
    async fn sessions_by_start(
        &self,
        from: u32,
        within: u32,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError>;

    /// Listed sessions made only of one-off dates that all ended before `before`, the
    /// longest ended first, at most `limit.clamp(1, MAX_PAGE_SIZE)`: what the hourly
    /// upkeep marks as over. Read from an index of one-offs' ends.
    async fn ended_one_offs(
        &self,
        before: chrono::DateTime<chrono::Utc>,
        limit: usize,
    ) -> Result<Vec<Session>, StoreError>;
}

/// For adapters: the key of a one-off session in the index of ends (its end, sortable,
/// then its id); `None` for a session that recurs.
pub fn end_key(session: &Session) -> Option<String> {
    crate::model::occurrence::one_off_end(session)
        .map(|end| format!("{}\u{0}{}", end_prefix(end), session.id))
}

/// For adapters: the sortable prefix of every end before `at`.
pub fn end_prefix(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// For adapters: the window of [`Listings::sessions_by_start`] as at most two ranges of
/// minutes `[first, last]` that do not wrap.
pub fn start_ranges(from: u32, within: u32) -> Vec<(u32, u32)> {
    use crate::model::occurrence::WEEK_MINUTES;
    let from = from % WEEK_MINUTES;
    let within = within.clamp(1, WEEK_MINUTES);
    let end = from + within - 1;
    if end < WEEK_MINUTES {
        vec![(from, end)]
    } else {
        vec![(from, WEEK_MINUTES - 1), (0, end - WEEK_MINUTES)]
    }
}

/// For adapters: index entries (a start minute and its session) as
/// [`Listings::sessions_by_start`] answers them: soonest after `from` first, each session
/// once, at most `limit` (clamped).
pub fn soonest_starts(mut entries: Vec<(u32, Session)>, from: u32, limit: usize) -> Vec<Session> {
    use crate::model::occurrence::WEEK_MINUTES;
    let from = from % WEEK_MINUTES;
    entries.sort_by_key(|(minute, session)| {
        (
            (*minute + WEEK_MINUTES - from) % WEEK_MINUTES,
            session.id.clone(),
        )
    });
    let mut seen = std::collections::HashSet::new();
    entries
        .into_iter()
        .filter(|(_, session)| seen.insert(session.id.clone()))
        .map(|(_, session)| session)
        .take(limit.clamp(1, MAX_STARTS))
        .collect()
}

/// A session and how far it is from the point asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbySession {
    pub session: Session,
    pub distance_km: f64,
}

/// For adapters: ranks the sessions read from the terms' index entries. `per_term` holds
/// each term's candidates and whether the read stopped at [`SEARCH_CANDIDATES_PER_TERM`];
/// the smallest complete set is enough, as [`crate::model::search::rank`] checks every term.
pub fn rank_search_candidates(
    per_term: Vec<(Vec<Session>, bool)>,
    terms: &[String],
) -> Vec<Session> {
    let chosen = per_term
        .into_iter()
        .min_by_key(|(sessions, truncated)| (*truncated, sessions.len()))
        .map(|(sessions, _)| sessions)
        .unwrap_or_default();
    // A session has one index entry per word, so a prefix can reach it more than once.
    let mut seen = std::collections::HashSet::new();
    let chosen: Vec<Session> = chosen
        .into_iter()
        .filter(|s| seen.insert(s.id.clone()))
        .collect();
    let mut ranked = crate::model::search::rank(chosen, terms);
    ranked.truncate(crate::model::search::MAX_RESULTS);
    ranked
}

/// For adapters: keeps the candidates within the radius, nearest first then by name.
pub fn nearest_first(
    candidates: impl IntoIterator<Item = Session>,
    centre: GeoPoint,
    radius_km: f64,
) -> Vec<NearbySession> {
    let radius_km = crate::model::geo::usable_radius_km(centre.lat, radius_km);
    let mut near: Vec<(NearbySession, String)> = candidates
        .into_iter()
        .filter_map(|session| {
            let distance_km = crate::model::geo::distance_km(centre, session.point?);
            (distance_km <= radius_km).then(|| {
                let key = name_sort_key(&session);
                (
                    NearbySession {
                        session,
                        distance_km,
                    },
                    key,
                )
            })
        })
        .collect();
    near.sort_by(|a, b| {
        a.0.distance_km
            .total_cmp(&b.0.distance_km)
            .then_with(|| a.1.cmp(&b.1))
    });
    near.dedup_by(|later, kept| later.0.session.id == kept.0.session.id);
    near.truncate(MAX_NEAR_RESULTS);
    near.into_iter().map(|(n, _)| n).collect()
}
