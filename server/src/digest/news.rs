//! What happened to the sessions of one followed place in a period: added, changed (in
//! the words of their revisions: a new time, closed, moved) or gone a year unconfirmed.
use app::model::{Revision, Session, SessionStatus};
use chrono::{DateTime, NaiveTime, Utc};

/// A period of news: after `since`, up to and including `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Period {
    pub fn holds(&self, at: DateTime<Utc>) -> bool {
        self.since < at && at <= self.until
    }
}

/// One line of a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    Added,
    /// The revisions' lines, oldest first ("When: “Thursdays 21:30” → “Fridays 21:30”").
    Changed(Vec<String>),
    /// Running, and now a year without anyone confirming it.
    MayHaveStopped,
}

/// What happened to `session` in `period`, given its newest revisions; `None` if nothing
/// worth a line did. A session added in the period is news as "added" alone: its edits
/// since are part of what was added.
pub fn news_of(session: &Session, history: &[Revision], period: Period) -> Option<News> {
    if session.hidden || session.over {
        return None;
    }
    if period.holds(session.created_at) {
        return Some(News::Added);
    }
    let mut lines: Vec<(DateTime<Utc>, &String)> = history
        .iter()
        .filter(|r| period.holds(r.at))
        .flat_map(|r| r.changes.iter().map(move |line| (r.at, line)))
        .collect();
    if !lines.is_empty() {
        lines.sort_by_key(|(at, _)| *at);
        return Some(News::Changed(
            lines.into_iter().map(|(_, l)| l.clone()).collect(),
        ));
    }
    let stale_at = session.stale_from().and_time(NaiveTime::MIN).and_utc();
    (session.status == SessionStatus::Active && period.holds(stale_at))
        .then_some(News::MayHaveStopped)
}

/// Whether a session may have news in `period` worth reading its history for.
pub fn may_have_news(session: &Session, period: Period) -> bool {
    let stale_at = session.stale_from().and_time(NaiveTime::MIN).and_utc();
    session.updated_at > period.since || period.holds(session.created_at) || period.holds(stale_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::fixtures::sample_session;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn period() -> Period {
        Period {
            since: at("2026-11-29T07:00:00Z"),
            until: at("2026-11-30T07:00:00Z"),
        }
    }

    fn revision(session: &Session, when: &str, line: &str) -> Revision {
        Revision {
            session_id: session.id.clone(),
            at: at(when),
            by: "brian".into(),
            by_name: "Brian".into(),
            changes: vec![line.into()],
        }
    }

    #[test]
    fn a_session_added_in_the_period_is_news_once() {
        let mut session = sample_session("a", "Alpha", "IE");
        session.created_at = at("2026-11-29T20:00:00Z");
        session.updated_at = session.created_at;
        let later = revision(&session, "2026-11-29T21:00:00Z", "Name: “A” → “Alpha”");
        assert_eq!(news_of(&session, &[later], period()), Some(News::Added));
        // Added the moment the last digest was made: that one told of it.
        session.created_at = period().since;
        assert_eq!(news_of(&session, &[], period()), None);
    }

    #[test]
    fn changes_in_the_period_are_told_oldest_first_and_older_ones_are_not() {
        let mut session = sample_session("a", "Alpha", "IE");
        session.created_at = at("2026-01-01T00:00:00Z");
        session.last_confirmed = Some("2026-11-01".parse().unwrap());
        let history = [
            revision(
                &session,
                "2026-11-29T22:00:00Z",
                "When: “Thursdays” → “Fridays”",
            ),
            revision(&session, "2026-11-29T21:00:00Z", "Moved the map point"),
            revision(&session, "2026-11-28T21:00:00Z", "Name: “X” → “Alpha”"),
        ];
        assert_eq!(
            news_of(&session, &history, period()),
            Some(News::Changed(vec![
                "Moved the map point".into(),
                "When: “Thursdays” → “Fridays”".into()
            ]))
        );
        assert_eq!(news_of(&session, &history[2..], period()), None);
    }

    #[test]
    fn a_running_session_a_year_unconfirmed_is_news_the_day_it_turns() {
        let mut session = sample_session("a", "Alpha", "IE");
        session.created_at = at("2024-01-01T00:00:00Z");
        session.last_confirmed = Some("2025-11-29".parse().unwrap());
        assert_eq!(session.stale_from().to_string(), "2026-11-30");
        assert!(may_have_news(&session, period()));
        assert_eq!(news_of(&session, &[], period()), Some(News::MayHaveStopped));
        // Paused sessions say so themselves.
        session.status = SessionStatus::Paused;
        assert_eq!(news_of(&session, &[], period()), None);
        // Nor is a hidden session news, whatever happened to it.
        session.status = SessionStatus::Active;
        session.hidden = true;
        assert_eq!(news_of(&session, &[], period()), None);
    }
}
