//! A session as a list shows it: enough for a card, worked out on the server (where the
//! time-zone database lives), so the browser bundle needs neither the zones nor the
//! whole session.
use serde::{Deserialize, Serialize};

use super::{GeoPoint, SessionId, SessionStatus, Tag};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListedSession {
    pub id: SessionId,
    pub href: String,
    pub name: String,
    pub venue: String,
    pub place: String,
    pub schedule: String,
    pub tags: Vec<Tag>,
    /// "Paused", "Closed: the pub shut" or, for an event, "Over"; `None` while it runs.
    pub status_note: Option<String>,
    /// When it next happens, in the session's local terms: "tonight 21:30", "Wed 4 Dec".
    pub next: Option<String>,
    /// The same start as an instant with the session's offset (RFC 3339), so a browser in
    /// another zone can add its own time.
    #[serde(default)]
    pub next_at: Option<String>,
    /// How far away it is, for "near me" lists.
    pub distance_km: Option<f64>,
    /// Nobody has confirmed it runs for over a year.
    pub possibly_stale: bool,
    /// Where it meets, for a map of the list; `None` online.
    #[serde(default)]
    pub point: Option<GeoPoint>,
}

/// One page of a list and the opaque cursor for the next, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListedPage {
    pub sessions: Vec<ListedSession>,
    pub next_cursor: Option<String>,
}

impl ListedSession {
    pub fn status_note(lang: crate::i18n::Lang, status: &SessionStatus) -> Option<String> {
        use crate::t;
        match status {
            SessionStatus::Active => None,
            SessionStatus::Paused => Some(t!(lang, "status-paused")),
            SessionStatus::Closed { reason } => Some(t!(lang, "status-closed", reason = reason)),
        }
    }

    /// "3.2 km" under 10 km, whole kilometres beyond.
    pub fn distance_text(&self) -> Option<String> {
        self.distance_km.map(|km| {
            if km < 10.0 {
                format!("{km:.1} km")
            } else {
                format!("{km:.0} km")
            }
        })
    }
}

#[cfg(feature = "ssr")]
impl ListedSession {
    /// The card for `session` as of `now`, in `lang`; paused and closed sessions show no
    /// next date.
    pub fn new(
        lang: crate::i18n::Lang,
        session: &super::Session,
        now: chrono::DateTime<chrono::Utc>,
        distance_km: Option<f64>,
    ) -> Self {
        use super::occurrence::{describe_when_in, next_occurrence};
        let occurrence = match session.status {
            SessionStatus::Active => next_occurrence(session, now),
            _ => None,
        };
        let next = occurrence.as_ref().map(|o| describe_when_in(lang, o, now));
        let next_at = occurrence.as_ref().map(|o| o.start.to_rfc3339());
        Self {
            id: session.id.clone(),
            href: crate::api::session_href(session),
            name: session.name.clone(),
            venue: session.venue.name.clone(),
            place: session.place_line(),
            schedule: session.schedule_line_in(lang),
            tags: session.tags.clone(),
            status_note: if super::occurrence::is_over(session, now) {
                Some(crate::t!(lang, "status-over"))
            } else {
                Self::status_note(lang, &session.status)
            },
            next,
            next_at,
            distance_km,
            possibly_stale: session.is_possibly_stale(now.date_naive()),
            point: session.point,
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::model::fixtures::sample_session;
    use chrono::{TimeZone, Utc};

    #[test]
    fn cards_say_when_next_in_local_terms() {
        let session = sample_session("s1", "Thursday Trad", "IE");
        // Thursday 26 Nov 2026 at 12:00 UTC = 12:00 in Dublin; the session is at 21:30.
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let card = ListedSession::new(crate::i18n::Lang::En, &session, now, Some(3.1234));
        assert_eq!(card.next.as_deref(), Some("tonight 21:30"));
        assert_eq!(card.next_at.as_deref(), Some("2026-11-26T21:30:00+00:00"));
        assert_eq!(card.distance_text().as_deref(), Some("3.1 km"));
        assert_eq!(card.place, "Ennis, Clare, Ireland");
        let mut closed = session.clone();
        closed.status = SessionStatus::Closed {
            reason: "the pub shut".into(),
        };
        let card = ListedSession::new(crate::i18n::Lang::En, &closed, now, Some(42.4));
        assert_eq!(card.next, None);
        assert_eq!(card.status_note.as_deref(), Some("Closed: the pub shut"));
        assert_eq!(card.distance_text().as_deref(), Some("42 km"));

        // An event that is over says so (its author still lists it), in either language.
        let mut event = session.clone();
        event.schedules = vec![crate::model::Schedule::Once {
            date: chrono::NaiveDate::from_ymd_opt(2026, 8, 8).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            end: None,
        }];
        let card = ListedSession::new(crate::i18n::Lang::En, &event, now, None);
        assert_eq!(
            (card.next, card.status_note.as_deref()),
            (None, Some("Over"))
        );
        let card = ListedSession::new(crate::i18n::Lang::Ga, &event, now, None);
        assert_eq!(card.status_note.as_deref(), Some("Thart"));
    }
}
