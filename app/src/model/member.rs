use serde::{Deserialize, Serialize};

/// The group whose members act on reports.
pub const MODERATORS: &str = "moderators";

/// The name shown for a member whose account has none (never their email address).
pub const UNNAMED_MEMBER: &str = "A Seisiún member";

/// A signed-in member, as pages see them (never their tokens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub subject: String,
    pub email: String,
    /// Shown on their reviews.
    pub name: String,
    pub groups: Vec<String>,
    /// When the ID token naming them was issued (seconds since the epoch): sign-ins
    /// ended after it ([`crate::store::Store::end_sign_ins`]) no longer count for writes.
    #[serde(default)]
    pub issued_at: i64,
}

impl Member {
    pub fn is_moderator(&self) -> bool {
        self.groups.iter().any(|g| g == MODERATORS)
    }
}
