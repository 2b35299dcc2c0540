//! When a session next happens, worked out in its own time zone so daylight saving
//! changes move the UTC instant, never the local time musicians turn up at.
use chrono::{
    DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use super::{Schedule, Session, WeekOfMonth};

/// How long we assume a session lasts when it gives no end time.
pub const ASSUMED_HOURS: i64 = 3;

/// How far ahead `next_occurrences` looks: a year, plus slack for yearly one-offs.
const LOOKAHEAD_DAYS: i64 = 400;

/// Looking back this far catches sessions still running at `now` (at most a day long).
const LOOKBACK_DAYS: i64 = 2;

/// One concrete session night, in the session's own zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub start: DateTime<Tz>,
    pub end: Option<DateTime<Tz>>,
}

impl Occurrence {
    /// The end, or `ASSUMED_HOURS` after the start when none is given.
    pub fn assumed_end(&self) -> DateTime<Tz> {
        self.end
            .unwrap_or_else(|| self.start + TimeDelta::hours(ASSUMED_HOURS))
    }

    /// Whether the session is under way at `now`.
    pub fn is_on_at(&self, now: DateTime<Utc>) -> bool {
        self.start <= now && now < self.assumed_end()
    }
}

/// Parses an IANA zone name such as `Europe/Dublin`.
pub fn parse_time_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        format!("unknown time zone {name:?}: expected an IANA name like Europe/Dublin")
    })
}

/// Whether the schedule has a session on this local date.
pub(crate) fn occurs_on(schedule: &Schedule, date: NaiveDate) -> bool {
    match schedule {
        Schedule::Weekly {
            days,
            every_weeks,
            anchor,
            ..
        } => {
            if !days.contains(&date.weekday()) {
                return false;
            }
            let weeks = (monday_of(date) - monday_of(*anchor)).num_days() / 7;
            weeks >= 0 && weeks % i64::from((*every_weeks).max(1)) == 0
        }
        Schedule::Monthly { week, day, .. } => {
            if date.weekday() != *day {
                return false;
            }
            let nth = (date.day() - 1) / 7; // 0 for the first such weekday
            match week {
                WeekOfMonth::First => nth == 0,
                WeekOfMonth::Second => nth == 1,
                WeekOfMonth::Third => nth == 2,
                WeekOfMonth::Fourth => nth == 3,
                WeekOfMonth::Last => (date + Days::new(7)).month() != date.month(),
            }
        }
        Schedule::Once { date: on, .. } => *on == date,
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The schedule's local start and end times.
pub(crate) fn times(schedule: &Schedule) -> (NaiveTime, Option<NaiveTime>) {
    match schedule {
        Schedule::Weekly { start, end, .. }
        | Schedule::Monthly { start, end, .. }
        | Schedule::Once { start, end, .. } => (*start, *end),
    }
}

/// The local end as a date-time: an end at or before the start is on the next day.
pub(crate) fn local_end(date: NaiveDate, start: NaiveTime, end: NaiveTime) -> NaiveDateTime {
    let day = if end <= start {
        date + Days::new(1)
    } else {
        date
    };
    day.and_time(end)
}

/// A local wall time as an instant in `tz`.
///
/// Ambiguous (clocks go back, the hour repeats): the earlier instant, so the session is
/// listed once, at the first time the clock shows it. Non-existent (clocks go forward):
/// read with the offset in force before the gap, which moves it on by the gap's length
/// (01:30 on Dublin's spring-forward night is 02:30 IST), the same rule RFC 5545 uses,
/// so our listing agrees with calendars fed our .ics files.
pub(crate) fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at,
        LocalResult::Ambiguous(a, b) => a.min(b),
        LocalResult::None => {
            // A day earlier is safely before the gap (no zone changes twice in a day).
            let before = local - TimeDelta::days(1);
            let offset = tz.offset_from_utc_datetime(&before).fix();
            let utc = local - TimeDelta::seconds(i64::from(offset.local_minus_utc()));
            utc.and_utc().with_timezone(&tz)
        }
    }
}

fn occurrence_on(schedule: &Schedule, tz: Tz, date: NaiveDate) -> Occurrence {
    let (start, end) = times(schedule);
    Occurrence {
        start: resolve_local(tz, date.and_time(start)),
        end: end.map(|end| resolve_local(tz, local_end(date, start, end))),
    }
}

/// The schedule's occurrences starting in `[from, to)`, earliest first.
pub fn occurrences_between(
    schedule: &Schedule,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Occurrence> {
    if from >= to {
        return Vec::new();
    }
    // A day either side: a zone's local date can differ from the UTC one.
    let first = from.with_timezone(&tz).date_naive() - Days::new(1);
    let last = to.with_timezone(&tz).date_naive() + Days::new(1);
    let dates: Vec<NaiveDate> = match schedule {
        Schedule::Once { date, .. } => vec![*date],
        _ => first.iter_days().take_while(|d| *d <= last).collect(),
    };
    let mut found: Vec<Occurrence> = dates
        .into_iter()
        .filter(|d| (first..=last).contains(d) && occurs_on(schedule, *d))
        .map(|d| occurrence_on(schedule, tz, d))
        .filter(|o| o.start >= from && o.start < to)
        .collect();
    found.sort_by_key(|o| o.start);
    found
}

/// The next `count` occurrences over all the session's schedules, earliest first,
/// including one under way at `now`. Empty if the session's time zone is unknown:
/// guessing a zone would show wrong times.
pub fn next_occurrences(session: &Session, now: DateTime<Utc>, count: usize) -> Vec<Occurrence> {
    occurrences_until(session, now, now + TimeDelta::days(LOOKAHEAD_DAYS), count)
}

/// The next occurrence (one under way at `now` included), as the first of
/// [`next_occurrences`]: looked for in the next six weeks first, where nearly every
/// session has one, and only then in the rest of the year. A list card needs just this,
/// and working out a year of dates for each card was most of a list page's cost.
pub fn next_occurrence(session: &Session, now: DateTime<Utc>) -> Option<Occurrence> {
    next_before(session, now, now + TimeDelta::weeks(6))
        .or_else(|| next_occurrences(session, now, 1).into_iter().next())
}

/// The first occurrence that is under way at `now` or starts before `until`: for a short
/// horizon ("tonight and next"), a few days of dates to work out, not a year's.
pub fn next_before(
    session: &Session,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Occurrence> {
    occurrences_until(session, now, until, 1).into_iter().next()
}

fn occurrences_until(
    session: &Session,
    now: DateTime<Utc>,
    to: DateTime<Utc>,
    count: usize,
) -> Vec<Occurrence> {
    let Ok(tz) = parse_time_zone(&session.time_zone) else {
        return Vec::new();
    };
    if count == 0 {
        return Vec::new();
    }
    let from = now - TimeDelta::days(LOOKBACK_DAYS);
    let mut all: Vec<Occurrence> = session
        .schedules
        .iter()
        .flat_map(|s| occurrences_between(s, tz, from, to))
        .filter(|o| o.start >= now || o.assumed_end() > now)
        .collect();
    // Same start from two schedules: keep one, preferring a known (then later) end.
    all.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| b.end.cmp(&a.end)));
    all.dedup_by(|later, kept| later.start == kept.start);
    all.truncate(count);
    all
}

/// Minutes in a week: the range of [`week_minute`] and [`start_minutes`].
pub const WEEK_MINUTES: u32 = 7 * 24 * 60;

/// How far the start index may be from a session's real start in UTC: it uses the zone's
/// offset on one reference date, so daylight saving can move a start by up to an hour.
pub const START_INDEX_SLACK_MINUTES: u32 = 60;

/// The minute of the week (from Monday 00:00 UTC) that `at` falls in.
pub fn week_minute(at: DateTime<Utc>) -> u32 {
    let day = at.weekday().num_days_from_monday();
    day * 24 * 60 + at.hour() * 60 + at.minute()
}

/// When in the week each of the session's schedules starts, as UTC minutes of the week
/// ([`week_minute`]), one per weekday it meets on, sorted and without repeats: the keys
/// of the index that lists sessions soonest first. A meeting that ends more than
/// [`ASSUMED_HOURS`] after it starts has a second key that long before its end, so a
/// reader looking back [`ASSUMED_HOURS`] for what is under way finds it all through
/// meetings of up to twice that (an afternoon from 14:00 to 19:00, a night to 02:00). The
/// zone's offset is taken on one reference date, so a key may be off by up to
/// [`START_INDEX_SLACK_MINUTES`]; readers widen their window by that much and work out the
/// real next date. A session with an unknown zone is in no such index.
pub fn start_minutes(session: &Session) -> Vec<u32> {
    let Ok(tz) = parse_time_zone(&session.time_zone) else {
        return Vec::new();
    };
    let reference = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
    let offset = i64::from(
        tz.offset_from_utc_datetime(&reference.naive_utc())
            .fix()
            .local_minus_utc(),
    ) / 60;
    let mut minutes: Vec<u32> = session
        .schedules
        .iter()
        .flat_map(|schedule| {
            let (start, end) = times(schedule);
            let days: Vec<chrono::Weekday> = match schedule {
                Schedule::Weekly { days, .. } => days.clone(),
                Schedule::Monthly { day, .. } => vec![*day],
                Schedule::Once { date, .. } => vec![date.weekday()],
            };
            // Minutes from the start to the second key, for a long meeting.
            let assumed = ASSUMED_HOURS * 60;
            let still_on = end
                .map(|end| (end - start).num_minutes().rem_euclid(24 * 60))
                .filter(|&length| length > assumed)
                .map(|length| length - assumed);
            days.into_iter().flat_map(move |day| {
                let local = i64::from(day.num_days_from_monday()) * 24 * 60
                    + i64::from(start.hour()) * 60
                    + i64::from(start.minute());
                let minute = |at: i64| (at - offset).rem_euclid(i64::from(WEEK_MINUTES)) as u32;
                std::iter::once(minute(local)).chain(still_on.map(|later| minute(local + later)))
            })
        })
        .collect();
    minutes.sort_unstable();
    minutes.dedup();
    minutes
}

/// Whether the session is over: every one of its dates is a one-off that has ended by
/// `now` (in its own zone). Lists, searches and feeds leave it out; its page stays and
/// says so. A session with an unknown zone is never over: nothing is hidden on a guess.
pub fn is_over(session: &Session, now: DateTime<Utc>) -> bool {
    session.over || one_off_end(session).is_some_and(|end| end <= now)
}

/// When a session made only of one-off dates ends: its last date's end (given, or
/// assumed). `None` for anything that recurs, or with an unknown zone.
pub fn one_off_end(session: &Session) -> Option<DateTime<Utc>> {
    let tz = parse_time_zone(&session.time_zone).ok()?;
    let mut last = None;
    for schedule in &session.schedules {
        let Schedule::Once { date, .. } = schedule else {
            return None;
        };
        let end = occurrence_on(schedule, tz, *date)
            .assumed_end()
            .with_timezone(&Utc);
        last = last.max(Some(end));
    }
    last
}

/// When the occurrence is, in the session's local terms: "now", "tonight 21:30",
/// "today 14:00", "tomorrow 21:30", "Wed 21:30", "Wed 4 Dec" or "Wed 4 Dec 2027".
pub fn describe_when(occ: &Occurrence, now: DateTime<Utc>) -> String {
    describe_when_in(crate::i18n::Lang::En, occ, now)
}

/// [`describe_when`] in `lang` ("anocht 21:30").
pub fn describe_when_in(lang: crate::i18n::Lang, occ: &Occurrence, now: DateTime<Utc>) -> String {
    use crate::i18n::dates;
    use crate::t;
    if occ.is_on_at(now) {
        return t!(lang, "when-now");
    }
    let tz = occ.start.timezone();
    let today = now.with_timezone(&tz).date_naive();
    let day = occ.start.date_naive();
    let time = occ.start.format("%H:%M").to_string();
    match (day - today).num_days() {
        0 if occ.start.hour() >= 17 => t!(lang, "when-tonight", time = time),
        0 => t!(lang, "when-today", time = time),
        1 => t!(lang, "when-tomorrow", time = time),
        2..=6 => t!(
            lang,
            "when-weekday",
            weekday = dates::weekday_short(lang, day.weekday()),
            time = time
        ),
        _ => dates::short_date(lang, day, day.year() != today.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_occurrence_is_the_first_of_the_year_ahead_near_or_far() {
        let now = "2026-11-30T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let mut session = crate::model::fixtures::sample_session("s", "S", "IE");
        let weekly = session.schedules.clone();
        let far_one_off = vec![Schedule::Once {
            date: chrono::NaiveDate::from_ymd_opt(2027, 8, 7).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            end: None,
        }];
        let last_friday = vec![Schedule::Monthly {
            week: WeekOfMonth::Last,
            day: chrono::Weekday::Fri,
            start: chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
            end: None,
        }];
        for schedules in [weekly, far_one_off, last_friday, Vec::new()] {
            session.schedules = schedules;
            assert_eq!(
                next_occurrence(&session, now),
                next_occurrences(&session, now, 1).into_iter().next(),
                "{:?}",
                session.schedules
            );
        }
        assert!(next_occurrence(&session, now).is_none());
    }

    #[test]
    fn a_long_meeting_is_indexed_again_three_hours_before_its_end() {
        let mut session = crate::model::fixtures::sample_session("s", "S", "IE");
        let sunday = |start: u32, end: Option<u32>| Schedule::Weekly {
            days: vec![chrono::Weekday::Sun],
            every_weeks: 1,
            anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 4).unwrap(),
            start: NaiveTime::from_hms_opt(start, 0, 0).unwrap(),
            end: end.map(|h| NaiveTime::from_hms_opt(h, 0, 0).unwrap()),
        };
        // Dublin is on UTC in January, the reference date: Sunday is day 6.
        let at = |hour: u32| 6 * 24 * 60 + hour * 60;
        session.schedules = vec![sunday(14, Some(19))];
        assert_eq!(start_minutes(&session), [at(14), at(16)]);
        // Three hours or less, or no end given: the start alone.
        session.schedules = vec![sunday(14, Some(17)), sunday(21, None)];
        assert_eq!(start_minutes(&session), [at(14), at(21)]);
        // Past midnight, into Monday (the week's start): 21:00 to 02:00 is keyed at 23:00.
        session.schedules = vec![sunday(21, Some(2))];
        assert_eq!(start_minutes(&session), [at(21), at(23)]);
        session.schedules = vec![sunday(22, Some(3))];
        assert_eq!(start_minutes(&session), [0, at(22)]);
    }

    #[test]
    fn a_one_off_is_over_once_it_has_ended_in_its_own_zone() {
        let mut session = crate::model::fixtures::sample_session("s", "Fleadh", "NZ");
        session.time_zone = "Pacific/Auckland".into();
        // 14:00 on 1 December in Auckland is 01:00 UTC; with no end given it is assumed
        // to last ASSUMED_HOURS, until 04:00 UTC.
        session.schedules = vec![Schedule::Once {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            end: None,
        }];
        let at = |t: &str| t.parse::<DateTime<Utc>>().unwrap();
        assert!(!is_over(&session, at("2026-11-30T23:00:00Z")));
        assert!(!is_over(&session, at("2026-12-01T03:59:00Z")), "under way");
        assert!(is_over(&session, at("2026-12-01T04:00:00Z")));
        // A weekly schedule beside it keeps the session going.
        session
            .schedules
            .push(crate::model::fixtures::sample_session("t", "T", "IE").schedules[0].clone());
        assert!(!is_over(&session, at("2027-01-01T00:00:00Z")));
        // An unknown zone hides nothing.
        session.schedules.truncate(1);
        session.time_zone = "Mars/Olympus".into();
        assert!(!is_over(&session, at("2027-01-01T00:00:00Z")));
    }
    use crate::model::fixtures::{d, sample_session, t};
    use chrono::Weekday;

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    fn tz(name: &str) -> Tz {
        parse_time_zone(name).unwrap()
    }

    fn weekly(days: &[Weekday], every_weeks: u8, anchor: NaiveDate, start: NaiveTime) -> Schedule {
        Schedule::Weekly {
            days: days.to_vec(),
            every_weeks,
            anchor,
            start,
            end: None,
        }
    }

    fn monthly(week: WeekOfMonth, day: Weekday) -> Schedule {
        Schedule::Monthly {
            week,
            day,
            start: t(20, 0),
            end: Some(t(23, 0)),
        }
    }

    fn local_dates(occs: &[Occurrence]) -> Vec<NaiveDate> {
        occs.iter().map(|o| o.start.date_naive()).collect()
    }

    fn utc_starts(occs: &[Occurrence]) -> Vec<DateTime<Utc>> {
        occs.iter().map(|o| o.start.with_timezone(&Utc)).collect()
    }

    fn session_with(zone: &str, schedules: Vec<Schedule>) -> Session {
        let mut s = sample_session("s1", "The Session", "IE");
        s.time_zone = zone.to_string();
        s.schedules = schedules;
        s
    }

    #[test]
    fn bad_time_zone_is_named_in_the_error() {
        let err = parse_time_zone("Europe/Atlantis").unwrap_err();
        assert!(err.contains("Europe/Atlantis"), "{err}");
        assert_eq!(tz("America/New_York").name(), "America/New_York");
    }

    #[test]
    fn unknown_zone_gives_no_occurrences() {
        let s = session_with(
            "Nowhere/Place",
            vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1), t(21, 0))],
        );
        assert!(next_occurrences(&s, utc(2026, 1, 5, 12, 0), 5).is_empty());
    }

    #[test]
    fn weekly_lists_each_listed_day() {
        let s = weekly(&[Weekday::Mon, Weekday::Thu], 1, d(2026, 1, 1), t(21, 30));
        let occs = occurrences_between(
            &s,
            tz("Europe/Dublin"),
            utc(2026, 1, 5, 0, 0),
            utc(2026, 1, 16, 0, 0),
        );
        assert_eq!(
            local_dates(&occs),
            vec![d(2026, 1, 5), d(2026, 1, 8), d(2026, 1, 12), d(2026, 1, 15)]
        );
        assert!(occs.iter().all(|o| o.start.time() == t(21, 30)));
        assert_eq!(occs[0].start.with_timezone(&Utc), utc(2026, 1, 5, 21, 30));
    }

    #[test]
    fn every_two_weeks_counts_from_the_anchor_week() {
        // Anchor on a Wednesday: its week starts Monday 5 Jan, so that Monday counts.
        let s = weekly(&[Weekday::Mon, Weekday::Fri], 2, d(2026, 1, 7), t(20, 0));
        let occs = occurrences_between(
            &s,
            tz("Europe/Dublin"),
            utc(2025, 12, 1, 0, 0),
            utc(2026, 2, 1, 0, 0),
        );
        assert_eq!(
            local_dates(&occs),
            vec![d(2026, 1, 5), d(2026, 1, 9), d(2026, 1, 19), d(2026, 1, 23),]
        );
    }

    #[test]
    fn every_three_weeks_skips_two_weeks() {
        let s = weekly(&[Weekday::Tue], 3, d(2026, 2, 10), t(20, 0));
        let occs = occurrences_between(
            &s,
            tz("Europe/London"),
            utc(2026, 2, 1, 0, 0),
            utc(2026, 4, 20, 0, 0),
        );
        assert_eq!(
            local_dates(&occs),
            vec![
                d(2026, 2, 10),
                d(2026, 3, 3),
                d(2026, 3, 24),
                d(2026, 4, 14)
            ]
        );
    }

    #[test]
    fn zero_weeks_means_every_week() {
        let s = weekly(&[Weekday::Tue], 0, d(2026, 2, 10), t(20, 0));
        let occs = occurrences_between(
            &s,
            tz("Europe/London"),
            utc(2026, 2, 1, 0, 0),
            utc(2026, 3, 1, 0, 0),
        );
        assert_eq!(
            local_dates(&occs),
            vec![d(2026, 2, 10), d(2026, 2, 17), d(2026, 2, 24)]
        );
    }

    #[test]
    fn first_and_second_weekday_of_the_month() {
        let zone = tz("Europe/Dublin");
        let (from, to) = (utc(2026, 1, 1, 0, 0), utc(2026, 4, 1, 0, 0));
        let first = occurrences_between(&monthly(WeekOfMonth::First, Weekday::Tue), zone, from, to);
        assert_eq!(
            local_dates(&first),
            vec![d(2026, 1, 6), d(2026, 2, 3), d(2026, 3, 3)]
        );
        let second =
            occurrences_between(&monthly(WeekOfMonth::Second, Weekday::Tue), zone, from, to);
        assert_eq!(
            local_dates(&second),
            vec![d(2026, 1, 13), d(2026, 2, 10), d(2026, 3, 10)]
        );
    }

    #[test]
    fn last_weekday_of_the_month_handles_five_week_months() {
        let zone = tz("Europe/Dublin");
        let (from, to) = (utc(2026, 1, 1, 0, 0), utc(2026, 6, 1, 0, 0));
        // January and May 2026 have five Fridays; the last is the fifth, not the fourth.
        let last = occurrences_between(&monthly(WeekOfMonth::Last, Weekday::Fri), zone, from, to);
        assert_eq!(
            local_dates(&last),
            vec![
                d(2026, 1, 30),
                d(2026, 2, 27),
                d(2026, 3, 27),
                d(2026, 4, 24),
                d(2026, 5, 29),
            ]
        );
        let fourth =
            occurrences_between(&monthly(WeekOfMonth::Fourth, Weekday::Fri), zone, from, to);
        assert_eq!(local_dates(&fourth)[0], d(2026, 1, 23));
        assert_eq!(local_dates(&fourth)[4], d(2026, 5, 22));
        let last_tue = occurrences_between(
            &monthly(WeekOfMonth::Last, Weekday::Tue),
            zone,
            utc(2026, 3, 1, 0, 0),
            utc(2026, 4, 1, 0, 0),
        );
        assert_eq!(local_dates(&last_tue), vec![d(2026, 3, 31)]);
    }

    #[test]
    fn one_off_happens_once() {
        let s = Schedule::Once {
            date: d(2026, 8, 14),
            start: t(14, 0),
            end: Some(t(17, 0)),
        };
        let zone = tz("Europe/Dublin");
        let occs = occurrences_between(&s, zone, utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0));
        assert_eq!(occs.len(), 1);
        // Irish summer time: 14:00 IST is 13:00 UTC.
        assert_eq!(occs[0].start.with_timezone(&Utc), utc(2026, 8, 14, 13, 0));
        assert_eq!(
            occs[0].end.unwrap().with_timezone(&Utc),
            utc(2026, 8, 14, 16, 0)
        );
        assert!(
            occurrences_between(&s, zone, utc(2026, 8, 15, 0, 0), utc(2027, 1, 1, 0, 0)).is_empty()
        );
    }

    #[test]
    fn end_after_midnight_is_the_next_day() {
        let s = Schedule::Weekly {
            days: vec![Weekday::Sat],
            every_weeks: 1,
            anchor: d(2026, 1, 1),
            start: t(22, 0),
            end: Some(t(1, 0)),
        };
        let occs = occurrences_between(
            &s,
            tz("Europe/Dublin"),
            utc(2026, 1, 10, 0, 0),
            utc(2026, 1, 11, 0, 0),
        );
        assert_eq!(occs.len(), 1);
        assert_eq!(occs[0].start.with_timezone(&Utc), utc(2026, 1, 10, 22, 0));
        assert_eq!(
            occs[0].end.unwrap().with_timezone(&Utc),
            utc(2026, 1, 11, 1, 0)
        );
        // An end equal to the start is a full day, not zero length.
        let same = Schedule::Once {
            date: d(2026, 1, 10),
            start: t(20, 0),
            end: Some(t(20, 0)),
        };
        let occ = &occurrences_between(
            &same,
            tz("Europe/Dublin"),
            utc(2026, 1, 1, 0, 0),
            utc(2026, 2, 1, 0, 0),
        )[0];
        assert_eq!(
            occ.end.unwrap().with_timezone(&Utc),
            utc(2026, 1, 11, 20, 0)
        );
    }

    #[test]
    fn several_schedules_merge_sorted_and_deduplicated() {
        let s = session_with(
            "Europe/Dublin",
            vec![
                weekly(&[Weekday::Thu], 1, d(2026, 1, 1), t(21, 30)),
                monthly(WeekOfMonth::First, Weekday::Sun),
                // Duplicates the Thursday session on 15 Jan.
                Schedule::Once {
                    date: d(2026, 1, 15),
                    start: t(21, 30),
                    end: Some(t(23, 30)),
                },
            ],
        );
        let occs = next_occurrences(&s, utc(2026, 1, 1, 12, 0), 6);
        assert_eq!(
            local_dates(&occs),
            vec![
                d(2026, 1, 1),
                d(2026, 1, 4),
                d(2026, 1, 8),
                d(2026, 1, 15),
                d(2026, 1, 22),
                d(2026, 1, 29),
            ]
        );
        // The duplicate kept the schedule that knows its end.
        assert_eq!(occs[3].end.unwrap().time(), t(23, 30));
        assert!(occs.windows(2).all(|w| w[0].start < w[1].start));
        assert!(next_occurrences(&s, utc(2026, 1, 1, 12, 0), 0).is_empty());
    }

    #[test]
    fn a_session_under_way_still_counts() {
        let s = session_with(
            "Europe/Dublin",
            vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1), t(21, 30))],
        );
        // 23:00 on Thursday 8 Jan: started 21:30, assumed to run to 00:30.
        let occs = next_occurrences(&s, utc(2026, 1, 8, 23, 0), 2);
        assert_eq!(local_dates(&occs), vec![d(2026, 1, 8), d(2026, 1, 15)]);
        assert_eq!(describe_when(&occs[0], utc(2026, 1, 8, 23, 0)), "now");
        // 00:31: over.
        let occs = next_occurrences(&s, utc(2026, 1, 9, 0, 31), 1);
        assert_eq!(local_dates(&occs), vec![d(2026, 1, 15)]);
    }

    #[test]
    fn lookahead_is_bounded() {
        let far = Schedule::Once {
            date: d(2028, 6, 1),
            start: t(20, 0),
            end: None,
        };
        let s = session_with("Europe/Dublin", vec![far]);
        assert!(next_occurrences(&s, utc(2026, 1, 1, 0, 0), 3).is_empty());
        assert_eq!(next_occurrences(&s, utc(2027, 6, 1, 0, 0), 3).len(), 1);
    }

    /// A weekly 21:00 Sunday session around a change: UTC instants the week before, of
    /// and after the change.
    fn sundays_at_nine(zone: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let s = weekly(&[Weekday::Sun], 1, d(2026, 1, 1), t(21, 0));
        utc_starts(&occurrences_between(&s, tz(zone), from, to))
    }

    #[test]
    fn dublin_and_london_shift_by_an_hour_in_utc() {
        for zone in ["Europe/Dublin", "Europe/London"] {
            assert_eq!(
                sundays_at_nine(zone, utc(2026, 3, 22, 0, 0), utc(2026, 4, 6, 0, 0)),
                vec![
                    utc(2026, 3, 22, 21, 0),
                    utc(2026, 3, 29, 20, 0),
                    utc(2026, 4, 5, 20, 0)
                ],
                "{zone} spring"
            );
            assert_eq!(
                sundays_at_nine(zone, utc(2026, 10, 18, 0, 0), utc(2026, 11, 2, 0, 0)),
                vec![
                    utc(2026, 10, 18, 20, 0),
                    utc(2026, 10, 25, 21, 0),
                    utc(2026, 11, 1, 21, 0)
                ],
                "{zone} autumn"
            );
        }
    }

    #[test]
    fn berlin_shifts_by_an_hour_in_utc() {
        assert_eq!(
            sundays_at_nine(
                "Europe/Berlin",
                utc(2026, 3, 22, 0, 0),
                utc(2026, 4, 6, 0, 0)
            ),
            vec![
                utc(2026, 3, 22, 20, 0),
                utc(2026, 3, 29, 19, 0),
                utc(2026, 4, 5, 19, 0)
            ]
        );
        assert_eq!(
            sundays_at_nine(
                "Europe/Berlin",
                utc(2026, 10, 18, 0, 0),
                utc(2026, 11, 2, 0, 0)
            ),
            vec![
                utc(2026, 10, 18, 19, 0),
                utc(2026, 10, 25, 20, 0),
                utc(2026, 11, 1, 20, 0)
            ]
        );
    }

    #[test]
    fn new_york_shifts_on_its_own_dates() {
        // US changes on 8 March and 1 November 2026, not with Europe.
        assert_eq!(
            sundays_at_nine(
                "America/New_York",
                utc(2026, 3, 1, 0, 0),
                utc(2026, 3, 17, 0, 0)
            ),
            vec![
                utc(2026, 3, 2, 2, 0),
                utc(2026, 3, 9, 1, 0),
                utc(2026, 3, 16, 1, 0)
            ]
        );
        assert_eq!(
            sundays_at_nine(
                "America/New_York",
                utc(2026, 10, 25, 0, 0),
                utc(2026, 11, 10, 0, 0)
            ),
            vec![
                utc(2026, 10, 26, 1, 0),
                utc(2026, 11, 2, 2, 0),
                utc(2026, 11, 9, 2, 0)
            ]
        );
        // Between the US and EU changes, 21:00 in New York is four hours after Dublin's.
        let ny = sundays_at_nine(
            "America/New_York",
            utc(2026, 3, 15, 0, 0),
            utc(2026, 3, 17, 0, 0),
        );
        let dublin = sundays_at_nine(
            "Europe/Dublin",
            utc(2026, 3, 15, 0, 0),
            utc(2026, 3, 17, 0, 0),
        );
        assert_eq!(ny[0] - dublin[0], TimeDelta::hours(4));
    }

    fn once_at(zone: &str, date: NaiveDate, start: NaiveTime) -> Occurrence {
        let s = Schedule::Once {
            date,
            start,
            end: None,
        };
        let found = occurrences_between(&s, tz(zone), utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0));
        assert_eq!(found.len(), 1);
        found[0].clone()
    }

    #[test]
    fn non_existent_time_moves_forward_by_the_gap() {
        // 01:30 does not happen in Dublin on 29 March 2026: read as GMT, it is 02:30 IST.
        let occ = once_at("Europe/Dublin", d(2026, 3, 29), t(1, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 3, 29, 1, 30));
        assert_eq!(occ.start.time(), t(2, 30));
        let occ = once_at("Europe/Berlin", d(2026, 3, 29), t(2, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 3, 29, 1, 30));
        assert_eq!(occ.start.time(), t(3, 30));
        let occ = once_at("America/New_York", d(2026, 3, 8), t(2, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 3, 8, 7, 30));
        assert_eq!(occ.start.time(), t(3, 30));
    }

    #[test]
    fn ambiguous_time_takes_the_earlier_instant() {
        // 01:30 happens twice in Dublin on 25 October 2026: first in IST (00:30 UTC).
        let occ = once_at("Europe/Dublin", d(2026, 10, 25), t(1, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 10, 25, 0, 30));
        let occ = once_at("Europe/London", d(2026, 10, 25), t(1, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 10, 25, 0, 30));
        let occ = once_at("Europe/Berlin", d(2026, 10, 25), t(2, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 10, 25, 0, 30));
        let occ = once_at("America/New_York", d(2026, 11, 1), t(1, 30));
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 11, 1, 5, 30));
    }

    #[test]
    fn session_spanning_the_change_keeps_its_local_end() {
        // Saturday 22:00 to 03:00 across Dublin's spring-forward: four hours, not five.
        let s = Schedule::Once {
            date: d(2026, 3, 28),
            start: t(22, 0),
            end: Some(t(3, 0)),
        };
        let occ = &occurrences_between(
            &s,
            tz("Europe/Dublin"),
            utc(2026, 3, 1, 0, 0),
            utc(2026, 4, 1, 0, 0),
        )[0];
        assert_eq!(occ.start.with_timezone(&Utc), utc(2026, 3, 28, 22, 0));
        assert_eq!(occ.end.unwrap().with_timezone(&Utc), utc(2026, 3, 29, 2, 0));
    }

    fn occ_at(zone: &str, y: i32, m: u32, day: u32, h: u32, min: u32) -> Occurrence {
        let start = tz(zone).with_ymd_and_hms(y, m, day, h, min, 0).unwrap();
        Occurrence { start, end: None }
    }

    #[test]
    fn describe_when_uses_local_words() {
        // Wednesday 2 December 2026, 10:00 in Dublin (GMT).
        let now = utc(2026, 12, 2, 10, 0);
        let z = "Europe/Dublin";
        assert_eq!(describe_when(&occ_at(z, 2026, 12, 2, 9, 0), now), "now");
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 2, 21, 30), now),
            "tonight 21:30"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 2, 17, 0), now),
            "tonight 17:00"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 2, 14, 0), now),
            "today 14:00"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 3, 21, 30), now),
            "tomorrow 21:30"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 8, 21, 30), now),
            "Tue 21:30"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 9, 21, 30), now),
            "Wed 9 Dec"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 23, 20, 0), now),
            "Wed 23 Dec"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2027, 12, 1, 20, 0), now),
            "Wed 1 Dec 2027"
        );
    }

    #[test]
    fn describe_when_judges_the_day_in_the_sessions_zone() {
        // 03:00 UTC on Thursday is still Wednesday evening in New York.
        let now = utc(2026, 12, 3, 3, 0);
        let z = "America/New_York";
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 2, 23, 30), now),
            "tonight 23:30"
        );
        assert_eq!(
            describe_when(&occ_at(z, 2026, 12, 3, 12, 0), now),
            "tomorrow 12:00"
        );
        // In Dublin it is already Thursday.
        assert_eq!(
            describe_when(&occ_at("Europe/Dublin", 2026, 12, 3, 12, 0), now),
            "today 12:00"
        );
    }

    #[test]
    fn weekly_occurrences_always_land_on_the_right_day_week_and_time() {
        let zones = [
            "Europe/Dublin",
            "Europe/Berlin",
            "America/New_York",
            "Australia/Sydney",
        ];
        let day_sets: [&[Weekday]; 4] = [
            &[Weekday::Sun],
            &[Weekday::Mon, Weekday::Thu],
            &[Weekday::Fri, Weekday::Sat, Weekday::Sun],
            &[Weekday::Tue, Weekday::Wed],
        ];
        let starts = [t(12, 0), t(20, 30), t(21, 30), t(23, 45)];
        let mut checked = 0;
        for (i, anchor) in d(2025, 11, 3).iter_days().step_by(5).take(40).enumerate() {
            let zone = tz(zones[i % zones.len()]);
            let days = day_sets[i % day_sets.len()];
            let start = starts[(i / 2) % starts.len()];
            let every = (i % 4 + 1) as u8;
            let s = weekly(days, every, anchor, start);
            let from = utc(2025, 10, 1, 0, 0);
            // Local midnight, so the last local date counted is the same in every zone.
            let to = zone
                .with_ymd_and_hms(2026, 11, 30, 0, 0, 0)
                .unwrap()
                .with_timezone(&Utc);
            let occs = occurrences_between(&s, zone, from, to);
            for o in &occs {
                let date = o.start.date_naive();
                assert!(days.contains(&date.weekday()), "{o:?} day for {s:?}");
                assert_eq!(o.start.time(), start, "{o:?} time for {s:?}");
                let weeks = (monday_of(date) - monday_of(anchor)).num_days() / 7;
                assert!(
                    weeks >= 0 && weeks % i64::from(every) == 0,
                    "{o:?} week for {s:?}"
                );
                assert!(o.start >= from && o.start < to);
            }
            // Nothing missed: count the qualifying local dates independently.
            let expected = anchor
                .iter_days()
                .take_while(|day| *day < d(2026, 11, 30))
                .chain(
                    monday_of(anchor)
                        .iter_days()
                        .take_while(|day| *day < anchor),
                )
                .filter(|day| days.contains(&day.weekday()))
                .filter(|day| ((*day - monday_of(anchor)).num_days() / 7) % i64::from(every) == 0)
                .count();
            assert_eq!(occs.len(), expected, "count for {s:?}");
            assert!(occs.windows(2).all(|w| w[0].start < w[1].start));
            checked += occs.len();
        }
        assert!(checked > 1000, "only {checked} occurrences checked");
    }
}
