//! The members port: what each member keeps (bookmarks, their private calendar feed) and
//! their own lists.
use async_trait::async_trait;

use super::StoreError;
use crate::model::{MemberId, Review, Session, SessionId};

/// The most items a member's own lists (bookmarks, reviews, sessions) show.
pub const MAX_MEMBER_LIST: usize = 200;

#[async_trait]
pub trait Members: Send + Sync {
    /// Bookmarks a session for a member, or removes the bookmark; doing it twice is the
    /// same as once. `NotFound` if the session is not there (when bookmarking).
    async fn set_bookmark(
        &self,
        member: &MemberId,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError>;

    async fn is_bookmarked(
        &self,
        member: &MemberId,
        session: &SessionId,
    ) -> Result<bool, StoreError>;

    /// The member's bookmarked sessions, newest bookmark first, at most
    /// [`MAX_MEMBER_LIST`]; bookmarks of sessions no longer there are left out.
    async fn member_bookmarks(&self, member: &MemberId) -> Result<Vec<Session>, StoreError>;

    /// The member's reviews, newest change first, at most [`MAX_MEMBER_LIST`].
    async fn member_reviews(&self, member: &MemberId) -> Result<Vec<Review>, StoreError>;

    /// Sessions the member added (`added_by`), by name, at most [`MAX_MEMBER_LIST`]: events
    /// that are over too (they are still the author's), never hidden ones.
    async fn sessions_added_by(&self, member: &MemberId) -> Result<Vec<Session>, StoreError>;

    /// The member's private calendar-feed token, if they made one.
    async fn feed_token(&self, member: &MemberId) -> Result<Option<String>, StoreError>;

    /// Gives the member a new feed token (the old one stops working at once), or none.
    async fn set_feed_token(
        &self,
        member: &MemberId,
        token: Option<&str>,
    ) -> Result<(), StoreError>;

    /// Whose feed a token opens, if it is current.
    async fn feed_owner(&self, token: &str) -> Result<Option<MemberId>, StoreError>;
}
