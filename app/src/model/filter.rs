//! "On tonight", "this week", a weekday, a tag: the filters a visitor narrows a list with.
//! The values travel in the URL (`?when=tonight&day=fri&tag=slow`), so filtered lists
//! are links people can share and work without JavaScript.
use chrono::Weekday;
use serde::{Deserialize, Serialize};

use super::Tag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    /// On now, or starting later today (in the session's own time zone).
    Tonight,
    /// Starting within the next seven days.
    ThisWeek,
}

impl When {
    pub const ALL: [When; 2] = [When::Tonight, When::ThisWeek];

    pub fn slug(self) -> &'static str {
        match self {
            When::Tonight => "tonight",
            When::ThisWeek => "week",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            When::Tonight => "On tonight",
            When::ThisWeek => "This week",
        }
    }
}

pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The URL form of a weekday: `mon` … `sun`.
pub fn weekday_slug(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionFilter {
    pub when: Option<When>,
    pub day: Option<Weekday>,
    pub tag: Option<Tag>,
}

fn pick<T: Copy>(
    value: Option<&str>,
    options: &[T],
    slug: impl Fn(T) -> &'static str,
    what: &str,
) -> Result<Option<T>, String> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    options
        .iter()
        .copied()
        .find(|o| slug(*o).eq_ignore_ascii_case(value))
        .map(Some)
        .ok_or_else(|| {
            let accepted: Vec<_> = options.iter().map(|o| slug(*o)).collect();
            format!(
                "{what} {value:?} is not one we know: use one of {}.",
                accepted.join(", ")
            )
        })
}

impl SessionFilter {
    /// Reads the filter from URL values; an unknown value is an error naming the choices.
    pub fn parse(when: Option<&str>, day: Option<&str>, tag: Option<&str>) -> Result<Self, String> {
        Ok(Self {
            when: pick(when, &When::ALL, When::slug, "When")?,
            day: pick(day, &WEEKDAYS, weekday_slug, "Day")?,
            tag: pick(tag, &Tag::ALL, Tag::slug, "Tag")?,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// "on tonight, on Fridays, slow": for headings and empty-result messages.
    pub fn describe(&self) -> String {
        self.describe_in(crate::i18n::Lang::En)
    }

    /// [`SessionFilter::describe`] in `lang`.
    pub fn describe_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::t;
        let mut parts = Vec::new();
        if let Some(when) = self.when {
            parts.push(t!(lang, "filter-when", when = when.slug()));
        }
        if let Some(day) = self.day {
            parts.push(t!(lang, "filter-day", day = super::weekday_slug(day)));
        }
        if let Some(tag) = self.tag {
            parts.push(t!(lang, "filter-tag", tag = tag.slug()));
        }
        parts.join(", ")
    }
}

#[cfg(feature = "ssr")]
mod matching {
    use chrono::{DateTime, Datelike, TimeDelta, Utc};

    use super::{SessionFilter, When};
    use crate::model::occurrence::next_occurrences;
    use crate::model::{Session, SessionStatus};

    /// Weekday filters look this far ahead, so monthly sessions count on their day.
    const DAY_LOOKAHEAD_DAYS: i64 = 35;

    impl SessionFilter {
        /// Whether the session passes every filter given, judged at `now` in the session's
        /// own time zone. Time filters only pass sessions that are running (not paused or
        /// closed).
        pub fn matches(&self, session: &Session, now: DateTime<Utc>) -> bool {
            // A one-off that is over is in no list, whatever the filters.
            if crate::model::occurrence::is_over(session, now) {
                return false;
            }
            if self.tag.is_some_and(|tag| !session.tags.contains(&tag)) {
                return false;
            }
            if self.when.is_none() && self.day.is_none() {
                return true;
            }
            if session.status != SessionStatus::Active {
                return false;
            }
            let horizon = now + TimeDelta::days(DAY_LOOKAHEAD_DAYS);
            let upcoming: Vec<_> = next_occurrences(session, now, 64)
                .into_iter()
                .filter(|o| o.start < horizon)
                .collect();
            let when_ok = match self.when {
                None => true,
                Some(When::Tonight) => upcoming.first().is_some_and(|o| {
                    o.is_on_at(now)
                        || o.start.date_naive()
                            == now.with_timezone(&o.start.timezone()).date_naive()
                }),
                Some(When::ThisWeek) => upcoming
                    .first()
                    .is_some_and(|o| o.start < now + TimeDelta::days(7)),
            };
            let day_ok = self
                .day
                .is_none_or(|day| upcoming.iter().any(|o| o.start.weekday() == day));
            when_ok && day_ok
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_url_values_and_names_the_choices_on_error() {
        let f = SessionFilter::parse(Some("tonight"), Some("FRI"), Some("set-dancing")).unwrap();
        assert_eq!(f.when, Some(When::Tonight));
        assert_eq!(f.day, Some(Weekday::Fri));
        assert_eq!(f.tag, Some(Tag::SetDancing));
        assert!(SessionFilter::parse(None, Some(""), None)
            .unwrap()
            .is_empty());
        let err = SessionFilter::parse(None, Some("friday"), None).unwrap_err();
        assert!(err.contains("mon, tue"), "{err}");
        let err = SessionFilter::parse(None, None, Some("loud")).unwrap_err();
        assert!(err.contains("beginner-friendly"), "{err}");
        assert!(SessionFilter::parse(Some("later"), None, None).is_err());
    }

    #[test]
    fn describes_itself_in_words() {
        let f = SessionFilter::parse(Some("tonight"), Some("fri"), Some("slow")).unwrap();
        assert_eq!(f.describe(), "on tonight, on Fridays, slow");
    }
}

#[cfg(all(test, feature = "ssr"))]
mod matching_tests {
    use super::*;
    use crate::model::fixtures::{d, sample_session, t};
    use crate::model::{Schedule, SessionStatus, WeekOfMonth};
    use chrono::{TimeZone, Utc};

    /// The sample session is weekly on Thursdays at 21:30 in Dublin.
    #[test]
    fn tonight_means_later_today_in_the_sessions_zone() {
        let session = sample_session("s", "Thursday Trad", "IE");
        let tonight = SessionFilter::parse(Some("tonight"), None, None).unwrap();
        // Thursday 26 Nov 2026, 18:00 in Dublin (UTC+0 in winter).
        let thursday_evening = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
        assert!(tonight.matches(&session, thursday_evening));
        // Still on at 23:00, over by Friday morning, not on a Wednesday.
        assert!(tonight.matches(
            &session,
            Utc.with_ymd_and_hms(2026, 11, 26, 23, 0, 0).unwrap()
        ));
        assert!(!tonight.matches(
            &session,
            Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
        ));
        assert!(!tonight.matches(
            &session,
            Utc.with_ymd_and_hms(2026, 11, 25, 18, 0, 0).unwrap()
        ));

        // Far from UTC, where the session's day and UTC's differ. Auckland (UTC+13 in
        // November): Wednesday 20:00 UTC is already Thursday 09:00 there.
        let mut auckland = sample_session("a", "Thursday Trad", "NZ");
        auckland.time_zone = "Pacific/Auckland".into();
        let wednesday_utc = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
        assert!(tonight.matches(&auckland, wednesday_utc));
        // Thursday 20:00 UTC is Friday 09:00 there: over.
        let thursday_utc = Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap();
        assert!(!tonight.matches(&auckland, thursday_utc));
        // Los Angeles (UTC-8): Friday 03:00 UTC is still Thursday 19:00 there.
        let mut los_angeles = sample_session("l", "Thursday Trad", "US");
        los_angeles.time_zone = "America/Los_Angeles".into();
        let friday_utc = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
        assert!(tonight.matches(&los_angeles, friday_utc));
        assert!(
            !tonight.matches(&session, friday_utc),
            "in Dublin it is Friday"
        );
    }

    #[test]
    fn time_filters_skip_paused_sessions_and_tags_must_match() {
        let mut session = sample_session("s", "Thursday Trad", "IE");
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
        let week = SessionFilter::parse(Some("week"), None, None).unwrap();
        assert!(week.matches(&session, now));
        session.status = SessionStatus::Paused;
        assert!(!week.matches(&session, now));
        let singing = SessionFilter::parse(None, None, Some("singing")).unwrap();
        assert!(
            singing.matches(&session, now),
            "tags alone ignore the status"
        );
        let slow = SessionFilter::parse(None, None, Some("slow")).unwrap();
        assert!(!slow.matches(&session, now));
    }

    #[test]
    fn weekday_filter_counts_monthly_sessions_on_their_day() {
        let mut session = sample_session("s", "Last Sunday", "IE");
        session.schedules = vec![Schedule::Monthly {
            week: WeekOfMonth::Last,
            day: Weekday::Sun,
            start: t(15, 0),
            end: None,
        }];
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let sunday = SessionFilter::parse(None, Some("sun"), None).unwrap();
        let monday = SessionFilter::parse(None, Some("mon"), None).unwrap();
        assert!(sunday.matches(&session, now));
        assert!(!monday.matches(&session, now));
        // A one-off long past matches no day.
        session.schedules = vec![Schedule::Once {
            date: d(2025, 1, 5),
            start: t(20, 0),
            end: None,
        }];
        assert!(!sunday.matches(&session, now));
    }
}
