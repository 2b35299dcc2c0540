//! The Store port: what the domain needs from a database, in the domain's words.
//!
//! Adapters live in the `server` crate (the embedded redb store now, DynamoDB later). Every
//! adapter must pass the contract suite in [`contract`]; anything the domain relies on —
//! ordering, cursors, conditional writes — is pinned down there.
mod allowance;
#[cfg(feature = "contract-tests")]
pub mod contract;
mod sitemaps;

pub use allowance::{refused_until, Allowance};
pub use sitemaps::Sitemaps;

use async_trait::async_trait;

use crate::model::{
    AuditEntry, GeoPoint, PlaceCount, PlacePath, Report, Review, ReviewPage, Revision, Session,
    SessionActivity, SessionId, SessionPage,
};

/// What [`Store::confirm_session`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// The session's last confirmation is now the given day.
    Recorded,
    /// It was already confirmed that day (or later): nothing was written.
    AlreadyDated,
}

/// The most sessions one page may hold; larger requests are clamped.
pub const MAX_PAGE_SIZE: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub limit: usize,
    /// The opaque cursor from a previous page's `next_cursor`.
    pub cursor: Option<String>,
}

impl PageRequest {
    pub fn first(limit: usize) -> Self {
        Self {
            limit,
            cursor: None,
        }
    }

    /// The limit the adapter must honour: at least 1, at most [`MAX_PAGE_SIZE`].
    pub fn clamped_limit(&self) -> usize {
        self.limit.clamp(1, MAX_PAGE_SIZE)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("a session with id {0} already exists")]
    AlreadyExists(SessionId),
    #[error("no session with id {0}")]
    NotFound(SessionId),
    /// The caller's copy is out of date: someone else changed it first.
    #[error(
        "session {id} was changed by someone else (expected version {expected}, found {found})"
    )]
    VersionConflict {
        id: SessionId,
        expected: u64,
        found: u64,
    },
    #[error("that page link is not valid any more; start again from the first page")]
    InvalidCursor,
    /// The database is there but refuses work for now (throttled, starting, overloaded).
    #[error("the store is unavailable: {0}")]
    Unavailable(String),
    #[error("store failure: {0}")]
    Internal(String),
}

/// Sessions, kept consistent with their indexes by the adapter.
#[async_trait]
pub trait Store: Sitemaps + Send + Sync + 'static {
    /// Adds a new session; fails with `AlreadyExists` if its id is taken, changing nothing.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;

    /// Replaces a session if the stored version equals `session.version`; returns the stored
    /// session with its version incremented. A stale version fails with `VersionConflict`.
    async fn update_session(&self, session: &Session) -> Result<Session, StoreError>;

    /// [`Store::create_session`], keeping the revision that records it in the same
    /// transaction.
    async fn create_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<(), StoreError>;

    /// [`Store::update_session`], keeping the revision that records it in the same
    /// transaction.
    async fn update_session_as(
        &self,
        session: &Session,
        revision: &Revision,
    ) -> Result<Session, StoreError>;

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError>;

    /// Dates the session's last confirmation `day` ("still running"), without a new
    /// version or a revision, so members confirming never make an author's edit conflict.
    /// A day no later than the stored one changes nothing ([`Confirmation::AlreadyDated`]).
    /// An adapter that keeps copies of the session in index items refreshes them at most
    /// once a calendar month for confirmations. `NotFound` if the session is not there.
    async fn confirm_session(
        &self,
        id: &SessionId,
        day: chrono::NaiveDate,
    ) -> Result<Confirmation, StoreError>;

    /// Sessions ordered by name (case-insensitive), then id. Walking the cursors visits every
    /// session that existed for the whole walk exactly once.
    async fn list_sessions(&self, page: PageRequest) -> Result<SessionPage, StoreError>;

    /// The places one level below `parent` that have sessions, with their counts, ordered
    /// by name: countries under `World`, areas under a country, towns under an area.
    async fn place_children(&self, parent: &PlacePath) -> Result<Vec<PlaceCount>, StoreError>;

    /// The place and its ancestors, top first (`[Ireland, Clare, Ennis]`); `None` if the
    /// place has no sessions. `World` gives an empty trail.
    async fn place_trail(&self, place: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError>;

    /// Sessions in a place (and the places below it), ordered by area, town, then name.
    /// A cursor from another place's listing is refused as `InvalidCursor`. `World` is
    /// answered like [`Store::list_sessions`].
    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<SessionPage, StoreError>;

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
    /// [`crate::model::geo::usable_radius_km`]), nearest first, then by name; at most [`MAX_NEAR_RESULTS`].
    /// Reads only the geohash cells from [`crate::model::geo::covering_cells`].
    async fn sessions_near(
        &self,
        centre: GeoPoint,
        radius_km: f64,
    ) -> Result<Vec<NearbySession>, StoreError>;

    /// Writes a member's review of a session, replacing their earlier one (whose
    /// `created_at` is kept), and moves its stars in the session's rating in the same
    /// transaction: the rating always equals a recount. `NotFound` if the session is not
    /// there. Returns the review as stored.
    ///
    /// `review.hidden` is ignored: whether it is hidden is the moderators' decision
    /// ([`Store::set_review_hidden`]), read in the same transaction, so neither an edit,
    /// nor a delete and a new post, nor a save racing a hide can make it public again.
    async fn put_review(&self, review: &Review) -> Result<Review, StoreError>;

    /// A moderator hides a member's review of a session, or shows it again. The hold is
    /// kept apart from the review: it outlives the author deleting the review, so a review
    /// they post again starts hidden, until a moderator restores it. The review (if there
    /// is one) and its stars in the rating change in the same transaction.
    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &str,
        hidden: bool,
    ) -> Result<(), StoreError>;

    /// Removes a member's review and its stars from the rating, together; `false` if they
    /// had none.
    async fn delete_review(&self, session: &SessionId, author: &str) -> Result<bool, StoreError>;

    /// One member's review of a session, if they wrote one.
    async fn review_by(
        &self,
        session: &SessionId,
        author: &str,
    ) -> Result<Option<Review>, StoreError>;

    /// A session with its rating, its newest reviews and its newest revisions (see
    /// [`SessionActivity`]), in one read.
    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError>;

    /// A page of a session's reviews in author order: every one, for exports and recounts.
    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<ReviewPage, StoreError>;

    /// Bookmarks a session for a member, or removes the bookmark; doing it twice is the
    /// same as once. `NotFound` if the session is not there (when bookmarking).
    async fn set_bookmark(
        &self,
        member: &str,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError>;

    async fn is_bookmarked(&self, member: &str, session: &SessionId) -> Result<bool, StoreError>;

    /// The member's bookmarked sessions, newest bookmark first, at most
    /// [`MAX_MEMBER_LIST`]; bookmarks of sessions no longer there are left out.
    async fn member_bookmarks(&self, member: &str) -> Result<Vec<Session>, StoreError>;

    /// The member's reviews, newest change first, at most [`MAX_MEMBER_LIST`].
    async fn member_reviews(&self, member: &str) -> Result<Vec<Review>, StoreError>;

    /// Sessions the member added (`added_by`), by name, at most [`MAX_MEMBER_LIST`].
    async fn sessions_added_by(&self, member: &str) -> Result<Vec<Session>, StoreError>;

    /// The member's private calendar-feed token, if they made one.
    async fn feed_token(&self, member: &str) -> Result<Option<String>, StoreError>;

    /// Gives the member a new feed token (the old one stops working at once), or none.
    async fn set_feed_token(&self, member: &str, token: Option<&str>) -> Result<(), StoreError>;

    /// Whose feed a token opens, if it is current.
    async fn feed_owner(&self, token: &str) -> Result<Option<String>, StoreError>;

    /// Adds a report to the moderators' queue, in its target's group (opening one if the
    /// target has none) — unless its reporter already has an open report on the same
    /// target: then nothing changes and the answer is `AlreadyOpen`. Decided atomically,
    /// so a member's racing submissions file one report.
    async fn file_report(&self, report: &Report) -> Result<crate::model::Filed, StoreError>;

    /// A page of the moderators' queue: one group per target with open reports, however
    /// many, ordered by the group's id (its first report's), so the longest waiting come
    /// first. A cursor the store did not make is refused as `InvalidCursor`.
    async fn report_queue(
        &self,
        page: PageRequest,
    ) -> Result<crate::model::ReportGroupPage, StoreError>;

    /// The open group with this id, read directly (never by walking the queue).
    async fn report_group(&self, id: &str)
        -> Result<Option<crate::model::ReportGroup>, StoreError>;

    /// Settles a group: closes every open report on its target, applies the settlement
    /// (hiding the session or review) and records what the moderator did, in one
    /// transaction where the adapter can; `None` (changing nothing) if the group was no
    /// longer open. `VersionConflict` (changing nothing) if `HideSession` names a version
    /// that is no longer current: read the session again and retry.
    async fn settle_reports(
        &self,
        id: &str,
        settlement: &crate::model::Settlement,
        entry: &AuditEntry,
    ) -> Result<Option<crate::model::ReportGroup>, StoreError>;

    /// Records a moderator's action that settled no report (a restore).
    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;

    /// The moderators' audit trail, newest first, at most [`MAX_MEMBER_LIST`].
    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError>;

    /// Counts one attempt against each allowance in its current window, all or none, in
    /// one transaction: `None` when counted, or `Some(until)` (nothing counted) when one
    /// had no room left, `until` the end of its window. Racing callers never overdraw.
    async fn take_allowances(
        &self,
        allowances: &[Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError>;

    /// Gives back one attempt taken at `now` (a success that must not count); nothing if
    /// that window has ended or holds none.
    async fn give_back_allowances(
        &self,
        allowances: &[Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError>;

    /// Ends every sign-in of the account (its email, lower case) made before `at`: "sign
    /// out everywhere", a new password. Only ever moves later.
    async fn end_sign_ins(
        &self,
        account: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError>;

    /// When the account's sign-ins were last ended, if ever.
    async fn sign_ins_ended_at(
        &self,
        account: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError>;

    /// Cheap round trip proving the store answers; used by `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
}

/// The most items a member's own lists (bookmarks, reviews, sessions) show.
pub const MAX_MEMBER_LIST: usize = 200;

/// The most index entries a search reads for one term. A term that has more (a very
/// short prefix) is still answered from another term's entries when the query has one.
pub const SEARCH_CANDIDATES_PER_TERM: usize = 2_000;

/// The most sessions one "near me" answer holds.
pub const MAX_NEAR_RESULTS: usize = 100;

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

/// Walks every session by name, a full page at a time, handing each page to `visit`:
/// what exports, sitemaps and tests that need "all of them" share.
pub async fn for_each_page<E: From<StoreError>>(
    store: &dyn Store,
    mut visit: impl FnMut(Vec<Session>) -> Result<(), E>,
) -> Result<(), E> {
    let mut cursor = None;
    loop {
        let page = store
            .list_sessions(PageRequest {
                limit: MAX_PAGE_SIZE,
                cursor,
            })
            .await?;
        visit(page.sessions)?;
        cursor = page.next_cursor;
        if cursor.is_none() {
            return Ok(());
        }
    }
}

/// Reads a session, applies `change` and stores it with a revision naming `by` (member
/// id, display name), starting again (up to 3 times) when someone else's change lands in
/// between: for small changes that do not depend on what a member saw (a moderator hiding
/// it). A confirmation is not one of these: see [`Store::confirm_session`]. `NotFound` if it is not there.
pub async fn change_session(
    store: &dyn Store,
    id: &SessionId,
    by: (&str, &str),
    change: impl Fn(&mut Session),
) -> Result<Session, StoreError> {
    let mut attempts = 0;
    loop {
        let old = store
            .get_session(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let mut session = old.clone();
        change(&mut session);
        // Nothing changed (a hide of a hidden session): no
        // write, so the version, the history and the index items stay as they are.
        if session == old {
            return Ok(old);
        }
        let changes = crate::model::describe_changes(Some(&old), &session);
        let written = if changes.is_empty() {
            // A change nobody reads as an edit: no history entry.
            store.update_session(&session).await
        } else {
            let revision = Revision {
                session_id: id.clone(),
                at: chrono::Utc::now(),
                by: by.0.to_string(),
                by_name: by.1.to_string(),
                changes,
            };
            store.update_session_as(&session, &revision).await
        };
        match written {
            Err(StoreError::VersionConflict { .. }) if attempts < 2 => attempts += 1,
            other => return other,
        }
    }
}

/// The key sessions are listed by: folded name (case and accents ignored), then id for a
/// total order.
pub fn name_sort_key(session: &Session) -> String {
    format!("{}\u{0}{}", crate::text::fold(&session.name), session.id)
}

/// The town a session is in, as a place path of slugs.
pub fn town_of(session: &Session) -> PlacePath {
    PlacePath::Town {
        country: session.country.code.to_ascii_lowercase(),
        area: crate::text::slug(&session.area),
        town: crate::text::slug(&session.town),
    }
}

/// The session's country, area and town with their names, top first: its breadcrumb
/// trail, known without asking the store.
pub fn trail_of(session: &Session) -> Vec<crate::model::PlaceName> {
    town_of(session)
        .ancestry()
        .into_iter()
        .zip(place_names(session))
        .map(|(path, name)| crate::model::PlaceName {
            path,
            name: name.to_string(),
        })
        .collect()
}

/// The display names of a session's country, area and town, top first.
pub fn place_names(session: &Session) -> [&str; 3] {
    [&session.country.name, &session.area, &session.town]
}
