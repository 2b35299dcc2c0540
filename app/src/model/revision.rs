//! Every change to a session is kept as a revision: who, when and what changed, in
//! words a reader can follow ("Name: “Old” → “New”").
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MemberId, Session, SessionId, SessionStatus};

/// The most revisions a session page lists (newest first).
pub const MAX_REVISIONS_SHOWN: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub session_id: SessionId,
    pub at: DateTime<Utc>,
    /// The member's id; never shown.
    pub by: MemberId,
    /// Their display name when they made the change.
    pub by_name: String,
    pub changes: Vec<String>,
}

fn quoted(text: &str) -> String {
    let text: String = text.chars().take(80).collect();
    format!("“{text}”")
}

fn status_words(status: &SessionStatus) -> String {
    match status {
        SessionStatus::Active => "running".into(),
        SessionStatus::Paused => "paused".into(),
        SessionStatus::Closed { reason } => format!("closed ({reason})"),
    }
}

/// What changed from `old` to `new`, field by field; "Added the session" for a new one.
pub fn describe_changes(old: Option<&Session>, new: &Session) -> Vec<String> {
    let Some(old) = old else {
        return vec!["Added the session".into()];
    };
    let mut changes = Vec::new();
    let mut text = |label: &str, a: &str, b: &str| {
        if a != b {
            changes.push(format!("{label}: {} → {}", quoted(a), quoted(b)));
        }
    };
    text("Name", &old.name, &new.name);
    text("Venue", &old.venue.name, &new.venue.name);
    text("Address", &old.address, &new.address);
    text("Town", &old.town, &new.town);
    text("Area", &old.area, &new.area);
    text("Country", &old.country.name, &new.country.name);
    text("Time zone", &old.time_zone, &new.time_zone);
    text(
        "Phone",
        old.venue.phone.as_deref().unwrap_or(""),
        new.venue.phone.as_deref().unwrap_or(""),
    );
    text(
        "Email",
        old.venue.email.as_deref().unwrap_or(""),
        new.venue.email.as_deref().unwrap_or(""),
    );
    text(
        "Website",
        old.venue.website.as_deref().unwrap_or(""),
        new.venue.website.as_deref().unwrap_or(""),
    );
    if old.schedules != new.schedules {
        changes.push(format!(
            "When: {} → {}",
            quoted(&old.schedule_line()),
            quoted(&new.schedule_line())
        ));
    }
    if old.point != new.point {
        changes.push("Moved the map point".into());
    }
    if old.tags != new.tags {
        let tags = |s: &Session| {
            s.tags
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join(", ")
        };
        changes.push(format!(
            "Tags: {} → {}",
            quoted(&tags(old)),
            quoted(&tags(new))
        ));
    }
    if old.description != new.description {
        changes.push("Changed the description".into());
    }
    if old.status != new.status {
        changes.push(format!(
            "Status: {} → {}",
            status_words(&old.status),
            status_words(&new.status)
        ));
    }
    if old.hidden != new.hidden {
        changes.push(
            if new.hidden {
                "Hidden by a moderator"
            } else {
                "Restored by a moderator"
            }
            .into(),
        );
    }
    if old.last_confirmed != new.last_confirmed && changes.is_empty() {
        changes.push("Confirmed it still runs".into());
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::sample_session;

    #[test]
    fn changes_are_described_field_by_field() {
        let old = sample_session("s", "Old Name", "IE");
        assert_eq!(describe_changes(None, &old), ["Added the session"]);
        let mut new = old.clone();
        new.name = "New Name".into();
        new.status = SessionStatus::Closed {
            reason: "the pub shut".into(),
        };
        new.description = "Something else".into();
        assert_eq!(
            describe_changes(Some(&old), &new),
            [
                "Name: “Old Name” → “New Name”",
                "Changed the description",
                "Status: running → closed (the pub shut)",
            ]
        );
        assert!(
            describe_changes(Some(&old), &old).is_empty(),
            "no change, nothing to say"
        );
    }
}
