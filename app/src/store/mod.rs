//! The store's ports: what the domain needs from a database, in the domain's words, cut
//! by concern ([`Sessions`], [`Listings`], [`Reviews`], [`Members`], [`Moderation`],
//! [`Allowances`], [`SignIns`], [`Sitemaps`], [`Follows`]); [`Store`] is all of them.
//!
//! Adapters live in the `server` crate (the embedded redb store and DynamoDB), each
//! implementing each port in the file named for it. Every adapter must pass the contract
//! suite in [`contract`]; anything the domain relies on — ordering, cursors, conditional
//! writes — is pinned down there. Callers bring the ports into scope with
//! `use crate::store::prelude::*`.
mod allowance;
#[cfg(feature = "contract-tests")]
pub mod contract;
mod follows;
mod listings;
mod members;
mod moderation;
mod reviews;
mod sessions;
mod sign_ins;
mod sitemaps;

pub use allowance::{refused_until, Allowance, Allowances};
pub use follows::{Follows, MAX_FOLLOWS_READ};
pub use listings::{
    end_key, end_prefix, nearest_first, rank_search_candidates, soonest_starts, start_ranges,
    Listings, NearbySession, MAX_NEAR_RESULTS, MAX_STARTS, SEARCH_CANDIDATES_PER_TERM,
};
pub use members::{Members, MAX_MEMBER_LIST};
pub use moderation::Moderation;
pub use reviews::Reviews;
pub use sessions::{edit_over, Confirmation, Sessions};
pub use sign_ins::SignIns;
pub use sitemaps::Sitemaps;

use async_trait::async_trait;

use crate::model::{MemberId, PlacePath, Revision, Session, SessionId};

/// The ports' methods, for callers holding a `dyn Store`.
pub mod prelude {
    pub use super::Allowances as _;
    pub use super::Follows as _;
    pub use super::Listings as _;
    pub use super::Members as _;
    pub use super::Moderation as _;
    pub use super::Reviews as _;
    pub use super::Sessions as _;
    pub use super::SignIns as _;
    pub use super::Sitemaps as _;
    pub use super::Store;
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

/// Every port: what the app holds (`Arc<dyn Store>`).
#[async_trait]
pub trait Store:
    Sessions
    + Listings
    + Follows
    + Reviews
    + Members
    + Moderation
    + Allowances
    + SignIns
    + Sitemaps
    + Send
    + Sync
    + 'static
{
    /// Cheap round trip proving the store answers; used by `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
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
        visit(page.items)?;
        cursor = page.next_cursor;
        if cursor.is_none() {
            return Ok(());
        }
    }
}

/// The sessions in `place` in its listing order, a full page at a time, until the pages
/// end or at least `cap` are read: what the digest and a place's feed read.
pub async fn sessions_in_place_up_to(
    store: &dyn Store,
    place: &PlacePath,
    cap: usize,
) -> Result<Vec<Session>, StoreError> {
    let mut found = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .sessions_in_place(
                place,
                PageRequest {
                    limit: MAX_PAGE_SIZE,
                    cursor,
                },
            )
            .await?;
        found.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() || found.len() >= cap {
            return Ok(found);
        }
    }
}

/// Reads a session, applies `change` and stores it with a revision naming `by` (member
/// id, display name), starting again (up to 3 times) when someone else's change lands in
/// between: for small changes that do not depend on what a member saw (a moderator hiding
/// it). A confirmation is not one of these: see [`Sessions::confirm_session`]. `NotFound` if it is not there.
pub async fn change_session(
    store: &dyn Store,
    id: &SessionId,
    by: (&MemberId, &str),
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
        // A change nobody reads as an edit gets no history entry.
        let revision = (!changes.is_empty()).then(|| Revision {
            session_id: id.clone(),
            at: chrono::Utc::now(),
            by: by.0.clone(),
            by_name: by.1.to_string(),
            changes,
        });
        let written = store.update_session(&session, revision.as_ref()).await;
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
