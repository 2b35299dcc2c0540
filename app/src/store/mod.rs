//! The Store port: what the domain needs from a database, in the domain's words.
//!
//! Adapters live in the `server` crate (the embedded redb store now, DynamoDB later). Every
//! adapter must pass the contract suite in [`contract`]; anything the domain relies on —
//! ordering, cursors, conditional writes — is pinned down there.
#[cfg(feature = "contract-tests")]
pub mod contract;

use async_trait::async_trait;

use crate::model::{PlaceCount, PlacePath, Session, SessionId, SessionPage};

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
pub trait Store: Send + Sync + 'static {
    /// Adds a new session; fails with `AlreadyExists` if its id is taken, changing nothing.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;

    /// Replaces a session if the stored version equals `session.version`; returns the stored
    /// session with its version incremented. A stale version fails with `VersionConflict`.
    async fn update_session(&self, session: &Session) -> Result<Session, StoreError>;

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError>;

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
    /// A cursor from another place's listing is refused as `InvalidCursor`.
    async fn sessions_in_place(
        &self,
        place: &PlacePath,
        page: PageRequest,
    ) -> Result<SessionPage, StoreError>;

    /// The most recently added sessions: `created_at` descending, then id descending, at most
    /// `limit.clamp(1, MAX_PAGE_SIZE)`. Read from an index, so its cost does not grow with the
    /// number of sessions; feeds use it.
    async fn newest_sessions(&self, limit: usize) -> Result<Vec<Session>, StoreError>;

    /// Cheap round trip proving the store answers; used by `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
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

/// The display names of a session's country, area and town, top first.
pub fn place_names(session: &Session) -> [&str; 3] {
    [&session.country.name, &session.area, &session.town]
}
