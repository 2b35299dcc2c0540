//! The sort keys both store adapters list sessions by. Sharing them keeps the orderings and
//! the page cursors (which carry the last key) identical across the embedded store and
//! DynamoDB.
use app::model::{Session, SessionId};
use app::store::StoreError;
use app::store::{name_sort_key, town_of};

use crate::store_cursor as cursor;

/// The session's key in the by-place index: its town's key, then its name key.
pub fn place_index_key(session: &Session) -> String {
    format!("{}/{}", town_of(session).key(), name_sort_key(session))
}

/// The session's key in the by-created index. Seconds since the epoch with the sign bit
/// flipped (so instants before 1970 still sort first) as 16 hex digits, then nanoseconds as
/// 10 digits (a leap second can reach 1_999_999_999): fixed width, so string order is time
/// order, and the id after `\0` breaks ties.
pub fn created_index_key(session: &Session) -> String {
    let at = session.created_at;
    let seconds = (at.timestamp() as u64) ^ (1 << 63);
    format!(
        "{seconds:016x}{:010}\u{0}{}",
        at.timestamp_subsec_nanos(),
        session.id
    )
}

/// `{session id}\0{author}`: a review's key in the embedded store, and what a review
/// cursor carries in both stores.
pub fn review_key(session: &str, author: &str) -> String {
    format!("{session}\u{0}{author}")
}

/// The review key a cursor continues after; refused unless it is one of this session's.
pub fn review_cursor_key(cursor: &str, session: &SessionId) -> Result<String, StoreError> {
    cursor::decode(cursor)
        .filter(|key| key.starts_with(&review_session_prefix(session.as_str())))
        .ok_or(StoreError::InvalidCursor)
}

/// The start of every review key of one session.
pub fn review_session_prefix(session: &str) -> String {
    format!("{session}\u{0}")
}
