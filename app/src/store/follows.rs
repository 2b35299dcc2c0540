//! The follows port: what members follow (places, radii round a point), and when each
//! member's digest last went out (or is being sent), so a digest run twice sends once.
use async_trait::async_trait;

use super::StoreError;
use crate::model::{Cadence, DigestMark, Follow, MemberId};

/// The most follows one read of [`Follows::follows_after`] answers.
pub const MAX_FOLLOWS_READ: usize = 500;

#[async_trait]
pub trait Follows: Send + Sync {
    /// Stores the follow, replacing the member's follow of the same target (same
    /// [`Follow::id`]) if there is one.
    async fn put_follow(&self, follow: &Follow) -> Result<(), StoreError>;

    /// The member's follows, by id.
    async fn follows_of(&self, member: &MemberId) -> Result<Vec<Follow>, StoreError>;

    /// Removes one of the member's follows; whether it was there.
    async fn remove_follow(&self, member: &MemberId, id: &str) -> Result<bool, StoreError>;

    /// Every member's follows in (member, id) order, after the follow `after` names (from
    /// the start for `None`), at most `limit.clamp(1, MAX_FOLLOWS_READ)`: the digest's walk.
    async fn follows_after(
        &self,
        after: Option<(&MemberId, &str)>,
        limit: usize,
    ) -> Result<Vec<Follow>, StoreError>;

    /// Where the member's digests of `cadence` stand (`None` before their first).
    async fn digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
    ) -> Result<Option<DigestMark>, StoreError>;

    /// Moves the member's mark from `expected` to `to` (`None` removes it) if it is still
    /// `expected`: a conditional write, so of two runs at once only one claims a digest.
    /// Whether this call moved it.
    async fn move_digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
        expected: Option<&DigestMark>,
        to: Option<&DigestMark>,
    ) -> Result<bool, StoreError>;
}
