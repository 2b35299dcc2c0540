//! Reports of bad content, and the moderators' audit trail of what they did about them.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MemberId, Revision, Session, SessionId};

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
        author: MemberId,
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

    /// Names the target in store keys: `S\0{session}` or `R\0{session}\0{author}`. `\0`
    /// appears in no id, so no target's key is a prefix of another's.
    pub fn key(&self) -> String {
        match self {
            ReportTarget::Session { session_id } => format!("S\u{0}{session_id}"),
            ReportTarget::Review { session_id, author } => {
                format!("R\u{0}{session_id}\u{0}{author}")
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
    pub reporter: MemberId,
    pub reporter_name: String,
    pub at: DateTime<Utc>,
}

/// The open reports about one target: one entry in the moderators' queue, however many
/// members reported it (each member at most once while it is open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGroup {
    /// The first report filed since the target was last settled; its id names the group
    /// (in the queue's order and in the moderators' forms).
    pub first: Report,
    /// How many open reports: one per member who reported it.
    pub reports: u64,
    /// How many of them gave each reason (slugs from [`REPORT_REASONS`]).
    pub reasons: BTreeMap<String, u64>,
}

impl ReportGroup {
    /// A group holding its first report.
    pub fn opened(first: Report) -> Self {
        let reasons = BTreeMap::from([(first.reason.clone(), 1)]);
        Self {
            first,
            reports: 1,
            reasons,
        }
    }

    /// Counts one more report, for `reason`.
    pub fn add(&mut self, reason: &str) {
        self.reports += 1;
        *self.reasons.entry(reason.to_string()).or_default() += 1;
    }

    pub fn id(&self) -> &str {
        &self.first.id
    }

    pub fn target(&self) -> &ReportTarget {
        &self.first.target
    }

    /// The reasons in words, most given first (then in [`REPORT_REASONS`] order), with
    /// their counts when more than one report gave them: "Spam or advertising (3)".
    pub fn reasons_in_words(&self, lang: crate::i18n::Lang) -> Vec<String> {
        let order = |slug: &str| REPORT_REASONS.iter().position(|(s, _)| *s == slug);
        let mut reasons: Vec<(&String, &u64)> = self.reasons.iter().collect();
        reasons.sort_by_key(|(slug, n)| (std::cmp::Reverse(**n), order(slug)));
        reasons
            .into_iter()
            .map(|(slug, n)| {
                let known = order(slug).map_or("other", |i| REPORT_REASONS[i].0);
                let words = crate::t!(lang, "report-reason", reason = known);
                if *n > 1 {
                    format!("{words} ({n})")
                } else {
                    words.to_string()
                }
            })
            .collect()
    }
}

/// What filing a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filed {
    /// It joined the queue.
    New,
    /// The member already has an open report on that target: nothing changed.
    AlreadyOpen,
}

/// What a moderator does with a group of reports, besides closing them all.
#[derive(Debug, Clone, PartialEq)]
pub enum Settlement {
    /// Leave the target as it is.
    Dismiss,
    /// Hide the reported session: the session as read with `hidden` set (its `version` the
    /// one read) and the revision recording the change.
    HideSession {
        session: Box<Session>,
        revision: Revision,
    },
    /// Hide the reported review (it stays hidden until a moderator restores it).
    HideReview,
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
            ModerationAction::Dismiss => "dismissed reports about",
        }
    }
}

/// One thing a moderator did: kept for good, newest first in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub moderator: MemberId,
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
            self.report_id.as_deref().unwrap_or(self.moderator.as_str())
        )
    }
}
