use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{MemberId, Schedule, Tag};

/// A session's stable identifier, used in URLs and as the store's key. Read from a form,
/// a URL or JSON only if it is one we would make ([`SessionId::parse`]), so a server
/// function taking one never sees anything else.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(value_type = String))]
pub struct SessionId(String);

/// What a session id we would never make reads as: no such session.
pub const UNKNOWN_SESSION: &str = "That session is not listed (any more).";

/// A session id that is not one we make.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{UNKNOWN_SESSION}")]
pub struct UnknownSession;

impl TryFrom<String> for SessionId {
    type Error = UnknownSession;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text).ok_or(UnknownSession)
    }
}

impl From<SessionId> for String {
    fn from(id: SessionId) -> Self {
        id.0
    }
}

/// The longest id we make (a 40-character slug, `-`, 6 hex digits) fits with room.
pub const MAX_SESSION_ID_LEN: usize = 64;

impl SessionId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id as it came from a URL or a form: only what we generate (lower-case ASCII
    /// letters, digits and `-`, at most [`MAX_SESSION_ID_LEN`]), so it is safe in a path,
    /// a redirect, a header, a store key and a log line as it is.
    pub fn parse(text: &str) -> Option<SessionId> {
        let fits = !text.is_empty() && text.len() <= MAX_SESSION_ID_LEN;
        let alphabet = text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        (fits && alphabet).then(|| SessionId(text.to_string()))
    }
}

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A country by its ISO 3166-1 alpha-2 code, with the name we show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Country {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GeoPoint {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Venue {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum SessionStatus {
    Active,
    Paused,
    Closed { reason: String },
}

/// A recurring (or one-off) gathering of musicians at a venue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: SessionId,
    pub name: String,
    pub venue: Venue,
    pub address: String,
    pub town: String,
    pub area: String,
    pub country: Country,
    /// Online sessions have no point on the map.
    pub point: Option<GeoPoint>,
    /// IANA time zone the schedule's local times are in, e.g. `Europe/Dublin`.
    pub time_zone: String,
    pub schedules: Vec<Schedule>,
    pub tags: Vec<Tag>,
    pub status: SessionStatus,
    pub description: String,
    pub last_confirmed: Option<NaiveDate>,
    /// The member id of whoever added it: for the store and the "may edit" rule only.
    /// Public answers clear it, and an empty one is not written out.
    #[serde(default, skip_serializing_if = "MemberId::is_empty")]
    pub added_by: MemberId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: a store update must name the version it read.
    pub version: u64,
    /// Hidden by a moderator: out of every list, search, feed and count, and shown to
    /// moderators only. Stores do not index hidden sessions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// A one-off whose date has passed, marked so by the hourly upkeep: out of every list,
    /// search, feed and count, while its page stays and says the event is over.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub over: bool,
}

/// A running session nobody has confirmed for this long is marked as possibly stale.
pub const STALE_AFTER_DAYS: i64 = 365;

impl Session {
    /// Whether stores index and count it: not hidden by a moderator, nor an event that
    /// is over.
    pub fn is_listed(&self) -> bool {
        !self.hidden && !self.over
    }

    /// Whether nobody has confirmed the session runs (or added it) for over a year, as of
    /// `today`. Paused and closed sessions are not "stale": their status says it.
    pub fn is_possibly_stale(&self, today: NaiveDate) -> bool {
        self.status == SessionStatus::Active && today >= self.stale_from()
    }

    /// The first day a running session counts as possibly stale, if nobody confirms it.
    pub fn stale_from(&self) -> NaiveDate {
        let since = self
            .last_confirmed
            .unwrap_or_else(|| self.created_at.date_naive());
        since + chrono::Duration::days(STALE_AFTER_DAYS + 1)
    }

    /// "Doolin, Clare, Ireland" — how a place reads in a list.
    pub fn place_line(&self) -> String {
        [&self.town, &self.area, &self.country.name]
            .iter()
            .filter(|part| !part.is_empty())
            .map(|part| part.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The schedules in words, joined for a one-line summary.
    pub fn schedule_line(&self) -> String {
        self.schedule_line_in(crate::i18n::Lang::En)
    }

    /// [`Session::schedule_line`] in `lang`.
    pub fn schedule_line_in(&self, lang: crate::i18n::Lang) -> String {
        self.schedules
            .iter()
            .map(|s| s.describe_in(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_only_what_we_generate() {
        for ok in ["doolin-trad-3f9a2c", "ac6312277220", "a", &"x".repeat(64)] {
            assert_eq!(SessionId::parse(ok).map(|id| id.0), Some(ok.to_string()));
        }
        for bad in [
            "",
            "a\nb",
            "a\r\nSet-Cookie:x",
            "A",
            "a/b",
            "a b",
            "é",
            "..",
            &"x".repeat(65),
        ] {
            assert_eq!(SessionId::parse(bad), None, "{bad:?}");
            // Nor can one be read from JSON (a stored item, an API body) or a form.
            let json = serde_json::to_string(bad).unwrap();
            let err = serde_json::from_str::<SessionId>(&json).unwrap_err();
            assert!(err.to_string().contains(UNKNOWN_SESSION), "{err}");
        }
        let id: SessionId = serde_json::from_str("\"doolin-trad-3f9a2c\"").unwrap();
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"doolin-trad-3f9a2c\""
        );
    }
    use crate::model::fixtures::sample_session;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_session_unconfirmed_for_a_year_is_possibly_stale() {
        let mut session = sample_session("s", "Old One", "IE");
        session.last_confirmed = Some(day("2025-11-01"));
        assert!(!session.is_possibly_stale(day("2026-10-31")));
        assert!(session.is_possibly_stale(day("2026-11-22")));
        session.last_confirmed = None;
        // Added on 2026-03-01: fresh for its first year.
        assert!(!session.is_possibly_stale(day("2026-11-22")));
        assert!(session.is_possibly_stale(day("2027-03-02")));
        session.status = SessionStatus::Paused;
        assert!(
            !session.is_possibly_stale(day("2027-03-02")),
            "its status says it"
        );
    }
}
