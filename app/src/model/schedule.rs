use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::i18n::{dates, Lang};
use crate::t;

/// Which week of the month a monthly session falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum WeekOfMonth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl WeekOfMonth {
    fn slug(self) -> &'static str {
        match self {
            WeekOfMonth::First => "first",
            WeekOfMonth::Second => "second",
            WeekOfMonth::Third => "third",
            WeekOfMonth::Fourth => "fourth",
            WeekOfMonth::Last => "last",
        }
    }
}

/// When a session happens, in the session's own local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Schedule {
    /// On the given days every `every_weeks` weeks, counted from the week of `anchor`.
    Weekly {
        #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>, example = json!(["Thu"])))]
        days: Vec<Weekday>,
        every_weeks: u8,
        anchor: NaiveDate,
        start: NaiveTime,
        end: Option<NaiveTime>,
    },
    /// On the nth (or last) given weekday of each month.
    Monthly {
        week: WeekOfMonth,
        #[cfg_attr(feature = "ssr", schema(value_type = String, example = "Sun"))]
        day: Weekday,
        start: NaiveTime,
        end: Option<NaiveTime>,
    },
    /// Once, on a date (a festival session, say).
    Once {
        date: NaiveDate,
        start: NaiveTime,
        end: Option<NaiveTime>,
    },
}

/// The weekday's English name, e.g. "Thursday": schema.org's `DayOfWeek` names and the
/// demo data's. Pages say days through the catalog (`i18n::dates`).
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

impl Schedule {
    /// The schedule in English words (revisions, emails, calendar files).
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// The schedule in words: "Thursdays from 21:30", "Last Friday of the month,
    /// 20:00–23:00"; in Irish "Déardaoin ó 21:30".
    pub fn describe_in(&self, lang: Lang) -> String {
        match self {
            Schedule::Weekly {
                days,
                every_weeks,
                start,
                end,
                ..
            } => t!(
                lang,
                "schedule-weekly",
                interval = (*every_weeks).max(1),
                days = dates::weekdays_every(lang, days),
                when = dates::time_range(lang, *start, *end),
            ),
            Schedule::Monthly {
                week,
                day,
                start,
                end,
            } => t!(
                lang,
                "schedule-monthly",
                week = week.slug(),
                day = crate::model::weekday_slug(*day),
                times = dates::times(*start, *end),
            ),
            Schedule::Once { date, start, end } => t!(
                lang,
                "schedule-once",
                date = dates::short_date(lang, *date, true),
                when = dates::time_range(lang, *start, *end),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    #[test]
    fn weekly_on_one_day_reads_naturally() {
        let s = Schedule::Weekly {
            days: vec![Weekday::Thu],
            every_weeks: 1,
            anchor: anchor(),
            start: t(21, 30),
            end: None,
        };
        assert_eq!(s.describe(), "Thursdays from 21:30");
    }

    #[test]
    fn several_days_are_listed_with_and() {
        let s = Schedule::Weekly {
            days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            every_weeks: 1,
            anchor: anchor(),
            start: t(21, 0),
            end: Some(t(23, 30)),
        };
        assert_eq!(s.describe(), "Mondays, Wednesdays and Fridays 21:00–23:30");
    }

    #[test]
    fn fortnightly_and_longer_intervals_say_so() {
        let mut s = Schedule::Weekly {
            days: vec![Weekday::Tue],
            every_weeks: 2,
            anchor: anchor(),
            start: t(20, 0),
            end: None,
        };
        assert_eq!(s.describe(), "Every other week: Tuesdays from 20:00");
        if let Schedule::Weekly { every_weeks, .. } = &mut s {
            *every_weeks = 3;
        }
        assert_eq!(s.describe(), "Every 3 weeks: Tuesdays from 20:00");
    }

    #[test]
    fn monthly_names_the_week() {
        let s = Schedule::Monthly {
            week: WeekOfMonth::Last,
            day: Weekday::Fri,
            start: t(20, 0),
            end: Some(t(23, 0)),
        };
        assert_eq!(s.describe(), "Last Friday of the month, 20:00–23:00");
    }

    #[test]
    fn one_off_names_the_date() {
        let s = Schedule::Once {
            date: NaiveDate::from_ymd_opt(2026, 8, 14).unwrap(),
            start: t(14, 0),
            end: None,
        };
        assert_eq!(s.describe(), "Fri 14 Aug 2026 from 14:00");
    }

    #[test]
    fn schedules_round_trip_through_json_with_a_kind_tag() {
        let s = Schedule::Monthly {
            week: WeekOfMonth::First,
            day: Weekday::Sun,
            start: t(15, 0),
            end: None,
        };
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"kind\":\"monthly\""), "{json}");
        assert!(json.contains("\"week\":\"first\""), "{json}");
        assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), s);
    }
}
