use serde::{Deserialize, Serialize};

/// The group whose members act on reports.
pub const MODERATORS: &str = "moderators";

/// The name shown for a member whose account has none (never their email address).
pub const UNNAMED_MEMBER: &str = "A Seisiún member";

/// A member's stable id: the identity provider's subject. What the store keys their
/// reviews, bookmarks and sessions by — never their email or name, which can change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberId(String);

impl MemberId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// No member: what public answers leave in `Session::added_by`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for MemberId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for MemberId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl From<&str> for MemberId {
    fn from(id: &str) -> Self {
        Self(id.to_string())
    }
}

impl PartialEq<str> for MemberId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for MemberId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A signed-in member, as pages see them (never their tokens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub subject: MemberId,
    pub email: String,
    /// Shown on their reviews.
    pub name: String,
    pub groups: Vec<String>,
    /// When the ID token naming them was issued (seconds since the epoch): sign-ins
    /// ended after it ([`crate::store::SignIns::end_sign_ins`]) no longer count for writes.
    #[serde(default)]
    pub issued_at: i64,
}

impl Member {
    pub fn is_moderator(&self) -> bool {
        self.groups.iter().any(|g| g == MODERATORS)
    }

    /// Who may change a session: the member who added it, and moderators.
    pub fn may_edit(&self, added_by: &MemberId) -> bool {
        self.subject == *added_by || self.is_moderator()
    }
}
