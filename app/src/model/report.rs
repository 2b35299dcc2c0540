//! Reports of bad content, and the moderators' audit trail of what they did about them.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::SessionId;

/// Why a member reports something: (slug, words).
pub const REPORT_REASONS: [(&str, &str); 5] = [
    ("wrong", "Wrong or out of date"),
    ("spam", "Spam or advertising"),
    ("offensive", "Offensive or abusive"),
    ("duplicate", "A duplicate of another session"),
    ("other", "Something else"),
];

/// The longest note a reporter or moderator can add, in characters.
pub const MAX_REPORT_DETAILS: usize = 1000;

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ReportTarget {
    Session {
        session_id: SessionId,
    },
    /// A review, by its session and its author's member id.
    Review {
        session_id: SessionId,
        author: String,
    },
}

impl ReportTarget {
    pub fn session_id(&self) -> &SessionId {
        match self {
            ReportTarget::Session { session_id } | ReportTarget::Review { session_id, .. } => {
                session_id
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Sortable by when it was filed: the queue is oldest first.
    pub id: String,
    pub target: ReportTarget,
    /// A slug from [`REPORT_REASONS`].
    pub reason: String,
    pub details: String,
    pub reporter: String,
    pub reporter_name: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModerationAction {
    Hide,
    Restore,
    Dismiss,
}

impl ModerationAction {
    pub fn verb(self) -> &'static str {
        match self {
            ModerationAction::Hide => "hid",
            ModerationAction::Restore => "restored",
            ModerationAction::Dismiss => "dismissed a report about",
        }
    }
}

/// One thing a moderator did: kept for good, newest first in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub moderator: String,
    pub moderator_name: String,
    pub action: ModerationAction,
    pub target: ReportTarget,
    /// The report it settled, if any.
    pub report_id: Option<String>,
    /// What it was about, in words (the session's name, the review's first words).
    pub summary: String,
}

impl AuditEntry {
    /// A sortable, unique key: the time, then the report id or the moderator.
    pub fn key(&self) -> String {
        format!(
            "{}#{}",
            self.at.format("%Y%m%dT%H%M%S%.9f"),
            self.report_id.as_deref().unwrap_or(&self.moderator)
        )
    }
}
