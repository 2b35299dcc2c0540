use serde::{Deserialize, Serialize};

/// The group whose members act on reports.
pub const MODERATORS: &str = "moderators";

/// A signed-in member, as pages see them (never their tokens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub subject: String,
    pub email: String,
    /// Shown on their reviews.
    pub name: String,
    pub groups: Vec<String>,
}

impl Member {
    pub fn is_moderator(&self) -> bool {
        self.groups.iter().any(|g| g == MODERATORS)
    }
}
