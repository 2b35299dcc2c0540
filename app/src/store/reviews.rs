//! The reviews port: a member's review of a session and the session's rating, always
//! changed together, and the moderators' hold on a review.
use async_trait::async_trait;

use super::{PageRequest, StoreError};
use crate::model::{MemberId, Page, Review, Session, SessionActivity, SessionId};

#[async_trait]
pub trait Reviews: Send + Sync {
    /// Writes a member's review of a session, replacing their earlier one (whose
    /// `created_at` is kept), and moves its stars in the session's rating in the same
    /// transaction: the rating always equals a recount. `NotFound` if the session is not
    /// there. Returns the review as stored.
    ///
    /// `review.hidden` is ignored: whether it is hidden is the moderators' decision
    /// ([`Reviews::set_review_hidden`]), read in the same transaction, so neither an edit,
    /// nor a delete and a new post, nor a save racing a hide can make it public again.
    async fn put_review(&self, review: &Review) -> Result<Review, StoreError>;

    /// A moderator hides a member's review of a session, or shows it again. The hold is
    /// kept apart from the review: it outlives the author deleting the review, so a review
    /// they post again starts hidden, until a moderator restores it. The review (if there
    /// is one) and its stars in the rating change in the same transaction.
    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &MemberId,
        hidden: bool,
    ) -> Result<(), StoreError>;

    /// Removes a member's review and its stars from the rating, together; `false` if they
    /// had none.
    async fn delete_review(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<bool, StoreError>;

    /// One member's review of a session, if they wrote one.
    async fn review_by(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<Option<Review>, StoreError>;

    /// A session with its rating, its newest reviews and its newest revisions (see
    /// [`SessionActivity`]), in one read: the session page.
    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError>;

    /// A page of a session's reviews in author order: every one, for exports and recounts.
    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<Page<Review>, StoreError>;
}
