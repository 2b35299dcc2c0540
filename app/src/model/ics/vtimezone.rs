//! VTIMEZONE components (RFC 5545 §3.6.5) from the tz data the app already uses (chrono-tz),
//! so a file's `TZID=Europe/Dublin` is defined in the file itself, as Outlook needs.
//!
//! chrono-tz does not expose a zone's transitions, so they are found by reading the offset
//! once a day over a bounded window and bisecting each change to the second. The window runs
//! from a year before the zone's earliest event (starting at the last transition before that,
//! so the first observance is a real one) to [`YEARS_AHEAD`] years after `now` or the last
//! event, whichever is later.
//!
//! One file (a little over 400 lines): finding transitions and writing the observances
//! from them are one algorithm, tested together below.
//!
//! Rules, not a list, where the zone has one: if the window's latest transitions repeat
//! yearly on the same kind of day (last Sunday of March, second Sunday of March, 1 April,
//! first Sunday on or after the 8th …) at the same wall time — and the tz data agrees for
//! [`RULE_CHECK_YEARS`] more years — the two are written as STANDARD/DAYLIGHT with an RRULE.
//! That stays right for as long as a weekly session's own RRULE runs, where a list of
//! observances would end and leave the last offset standing all year. Transitions before
//! the rule took hold (an old event in a zone whose rules changed) are written out one
//! observance each, and so is everything in a zone whose changes follow no yearly rule
//! (tied to Ramadan, say): correct to the end of the window, which a feed re-fetched every
//! few hours and a calendar file of one session both rarely outlive.
//!
//! Labels: the observance with the higher UTC offset of a pair is DAYLIGHT. Europe/Dublin's
//! tz data calls summer's IST standard time and winter's GMT a negative DST; clients only
//! use TZOFFSETFROM/TZOFFSETTO, and they want summer to read as DAYLIGHT.
use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

use super::day_code;

/// How far past `now` (or the last event) transitions are looked for, in years.
const YEARS_AHEAD: i32 = 3;

/// How many years past the window a yearly rule must still match the tz data.
const RULE_CHECK_YEARS: i32 = 20;

/// chrono-tz lists transitions up to 2099 and then keeps the last offset; no rule is
/// checked past this year.
const LAST_CHECKED_YEAR: i32 = 2090;

const DAY: i64 = 86_400;

/// The VTIMEZONE lines (unfolded) defining `tz` for local times from `first` to `last`,
/// `now` deciding how far ahead the definition must stay right.
pub(super) fn vtimezone_lines(
    tz: Tz,
    first: NaiveDate,
    last: NaiveDate,
    now: DateTime<chrono::Utc>,
) -> Vec<String> {
    let cover_year = first.year() - 1;
    let cover = local_instant(tz, cover_year);
    let end_year = last.year().max(now.year()) + YEARS_AHEAD;
    let end = utc_new_year(end_year + 1);
    // A year earlier than needed, to find the transition the covered span begins with.
    let found = transitions(tz, utc_new_year(cover_year - 1), end);

    let (initial, listed) = match found.iter().rposition(|t| t.at < cover) {
        Some(k) => (None, &found[k..]),
        None => {
            let offset = tz.offset_from_utc_datetime(&naive_utc(cover));
            (Some((cover, period(&offset))), &found[..])
        }
    };
    let rules = yearly_rules(tz, listed, end);
    let explicit = rules.as_ref().map_or(listed.len(), |(start, _)| *start);

    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    if let Some((at, (offset, name))) = initial {
        let daylight = listed.first().is_some_and(|next| offset > next.to);
        lines.extend(observance(
            daylight,
            local(at, offset),
            offset,
            offset,
            &name,
            None,
        ));
    }
    // The last change of all is summer time only if the tz data still calls it so at the
    // end of the window: a zone that stopped changing its clocks keeps a standard time.
    let lasting_dst = offset_at(tz, end - 1).dst_offset() > TimeDelta::zero();
    for (i, t) in listed[..explicit].iter().enumerate() {
        let daylight =
            t.to > t.from && listed.get(i + 1).map_or(lasting_dst, |next| t.to > next.to);
        lines.extend(observance(
            daylight,
            t.local_before(),
            t.from,
            t.to,
            &t.name,
            None,
        ));
    }
    if let Some((start, [a, b])) = rules {
        for (t, rule, other) in [(&listed[start], &a, &b), (&listed[start + 1], &b, &a)] {
            lines.extend(observance(
                t.to > other.to,
                t.local_before(),
                t.from,
                t.to,
                &t.name,
                Some(rule.rrule()),
            ));
        }
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// One change of offset or name.
#[derive(Debug, Clone, PartialEq)]
struct Transition {
    /// The first second (Unix time) of the new period.
    at: i64,
    /// Total UTC offsets in seconds, before and after.
    from: i32,
    to: i32,
    /// The new period's abbreviation (`IST`, or `+03` where the tz data has none).
    name: String,
}

impl Transition {
    /// The wall time the change happens at, read on the clock before it.
    fn local_before(&self) -> NaiveDateTime {
        local(self.at, self.from)
    }
}

/// The total offset and abbreviation of a period: what a calendar can see of it.
fn period(offset: &TzOffset) -> (i32, String) {
    (offset.fix().local_minus_utc(), offset.to_string())
}

fn same_period(a: &TzOffset, b: &TzOffset) -> bool {
    a.fix() == b.fix() && a.abbreviation() == b.abbreviation()
}

fn naive_utc(at: i64) -> NaiveDateTime {
    DateTime::from_timestamp(at, 0)
        .expect("a time within chrono's range")
        .naive_utc()
}

fn offset_at(tz: Tz, at: i64) -> TzOffset {
    tz.offset_from_utc_datetime(&naive_utc(at))
}

fn local(at: i64, offset: i32) -> NaiveDateTime {
    naive_utc(at + i64::from(offset))
}

fn utc_new_year(year: i32) -> i64 {
    new_year(year)
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp()
}

fn new_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("a year within chrono's range")
}

/// The instant of local midnight on 1 January (UTC midnight if the clock skips it).
fn local_instant(tz: Tz, year: i32) -> i64 {
    let midnight = new_year(year).and_time(NaiveTime::MIN);
    tz.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| utc_new_year(year), |at| at.timestamp())
}

/// Every change of offset or name in `[start, end)`, in order. Reads the offset a day
/// apart and bisects each change to the second; two changes within one day that cancel out
/// are missed, which no calendar could tell from none.
fn transitions(tz: Tz, start: i64, end: i64) -> Vec<Transition> {
    let mut found = Vec::new();
    let mut at = start;
    let mut current = offset_at(tz, at);
    while at < end {
        let step = (at + DAY).min(end);
        if same_period(&offset_at(tz, step), &current) {
            at = step;
            continue;
        }
        // The offset at `low` is `current`, at `high` it is not.
        let (mut low, mut high) = (at, step);
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if same_period(&offset_at(tz, middle), &current) {
                low = middle;
            } else {
                high = middle;
            }
        }
        let next = offset_at(tz, high);
        let ((from, _), (to, name)) = (period(&current), period(&next));
        found.push(Transition {
            at: high,
            from,
            to,
            name,
        });
        current = next;
        at = high;
    }
    found
}

/// Which day of the month a yearly rule falls on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum OnDay {
    /// The last such weekday (`lastSun`).
    Last(Weekday),
    /// The n-th such weekday, 1 to 4 (`Sun>=8` is the second Sunday).
    Nth(u8, Weekday),
    /// The first such weekday on or after this day (`Fri>=23`).
    OnOrAfter(u32, Weekday),
    /// A fixed day (`1 Apr`).
    Fixed(u32),
}

impl OnDay {
    fn date(self, year: i32, month: u32) -> Option<NaiveDate> {
        match self {
            OnDay::Last(day) => {
                let next_month = NaiveDate::from_ymd_opt(year, month, 1)? + Months::new(1);
                let last = next_month.pred_opt()?;
                let back =
                    (7 + last.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
                last.checked_sub_days(Days::new(u64::from(back)))
            }
            OnDay::Nth(n, day) => NaiveDate::from_weekday_of_month_opt(year, month, day, n),
            OnDay::OnOrAfter(from, day) => NaiveDate::from_ymd_opt(year, month, from)?
                .iter_days()
                .take(7)
                .find(|d| d.weekday() == day),
            OnDay::Fixed(day) => NaiveDate::from_ymd_opt(year, month, day),
        }
    }

    /// The ways of naming an observed date, simplest first.
    fn candidates(date: NaiveDate) -> Vec<OnDay> {
        let (day, weekday) = (date.day(), date.weekday());
        let mut found = Vec::new();
        if (date + Days::new(7)).month() != date.month() {
            found.push(OnDay::Last(weekday));
        }
        let nth = (day - 1) / 7 + 1;
        if nth <= 4 {
            found.push(OnDay::Nth(nth as u8, weekday));
        }
        found.push(OnDay::Fixed(day));
        // At most the 25th, so the seven days it spans are real month days.
        for from in day.saturating_sub(6).max(1)..=day.min(25) {
            found.push(OnDay::OnOrAfter(from, weekday));
        }
        found
    }
}

/// A yearly transition: the month, the day in it and the wall time (before the change).
#[derive(Debug, Clone, PartialEq)]
struct YearlyRule {
    month: u32,
    on: OnDay,
    time: NaiveTime,
    from: i32,
    to: i32,
    name: String,
}

impl YearlyRule {
    fn rrule(&self) -> String {
        let month = self.month;
        match self.on {
            OnDay::Last(day) => format!("FREQ=YEARLY;BYMONTH={month};BYDAY=-1{}", day_code(day)),
            OnDay::Nth(n, day) => format!("FREQ=YEARLY;BYMONTH={month};BYDAY={n}{}", day_code(day)),
            OnDay::OnOrAfter(from, day) => {
                let days = (from..from + 7)
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                format!(
                    "FREQ=YEARLY;BYMONTH={month};BYDAY={};BYMONTHDAY={days}",
                    day_code(day)
                )
            }
            OnDay::Fixed(day) => format!("FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"),
        }
    }

    /// Whether the tz data changes exactly as this rule says in `year`.
    fn holds_in(&self, tz: Tz, year: i32) -> bool {
        let Some(date) = self.on.date(year, self.month) else {
            return false;
        };
        let at = date.and_time(self.time).and_utc().timestamp() - i64::from(self.from);
        let (before, after) = (offset_at(tz, at - 1), offset_at(tz, at));
        before.fix().local_minus_utc() == self.from
            && period(&after) == (self.to, self.name.clone())
    }
}

/// The two yearly rules the latest transitions follow, with the index in `listed` of the
/// first transition they explain; none if the zone has no DST now or follows no rule.
fn yearly_rules(tz: Tz, listed: &[Transition], end: i64) -> Option<(usize, [YearlyRule; 2])> {
    let key = |t: &Transition| {
        let wall = t.local_before();
        (t.from, t.to, t.name.clone(), wall.month(), wall.time())
    };
    let n = listed.len();
    // At least two years of each, and still changing in the window's last year.
    if n < 4 || end - listed[n - 1].at > 366 * DAY {
        return None;
    }
    let (a, b) = (key(&listed[n - 1]), key(&listed[n - 2]));
    if a == b {
        return None;
    }
    let mut start = n;
    while start > 0 {
        let i = start - 1;
        let expected = if (n - 1 - i).is_multiple_of(2) {
            &a
        } else {
            &b
        };
        if key(&listed[i]) != *expected {
            break;
        }
        if i + 2 < n && listed[i].local_before().year() + 1 != listed[i + 2].local_before().year() {
            break;
        }
        start = i;
    }
    if n - start < 4 {
        return None;
    }
    let rule = |first: &Transition, latest: &Transition| -> Option<YearlyRule> {
        let wall = first.local_before();
        let years =
            wall.year()..=(latest.local_before().year() + RULE_CHECK_YEARS).min(LAST_CHECKED_YEAR);
        OnDay::candidates(latest.local_before().date())
            .into_iter()
            .map(|on| YearlyRule {
                month: wall.month(),
                on,
                time: wall.time(),
                from: first.from,
                to: first.to,
                name: first.name.clone(),
            })
            .find(|rule| years.clone().all(|year| rule.holds_in(tz, year)))
    };
    // The first of each kind in the tail, checked up to the latest of that kind.
    let (latest_first, latest_second) = if (n - 1 - start).is_multiple_of(2) {
        (&listed[n - 1], &listed[n - 2])
    } else {
        (&listed[n - 2], &listed[n - 1])
    };
    let first = rule(&listed[start], latest_first)?;
    let second = rule(&listed[start + 1], latest_second)?;
    Some((start, [first, second]))
}

/// One STANDARD or DAYLIGHT sub-component.
fn observance(
    daylight: bool,
    starts: NaiveDateTime,
    from: i32,
    to: i32,
    name: &str,
    rrule: Option<String>,
) -> Vec<String> {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    let mut lines = vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", starts.format("%Y%m%dT%H%M%S")),
    ];
    if let Some(rule) = rrule {
        lines.push(format!("RRULE:{rule}"));
    }
    lines.extend([
        format!("TZOFFSETFROM:{}", utc_offset(from)),
        format!("TZOFFSETTO:{}", utc_offset(to)),
        format!("TZNAME:{}", super::escape_text(name)),
        format!("END:{kind}"),
    ]);
    lines
}

/// A UTC-OFFSET value (RFC 5545 §3.3.14): `+0100`, `-0330`, seconds only when there are
/// some (local mean time before 1900).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (hours, minutes, seconds) = (s / 3600, s / 60 % 60, s % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn zone(name: &str) -> Tz {
        name.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 20, 10, 30, 0).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_utc_offsets() {
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(34_200), "+0930");
        assert_eq!(utc_offset(-1521), "-002521");
    }

    #[test]
    fn transitions_are_found_to_the_second() {
        let tz = zone("Europe/Dublin");
        let found = transitions(tz, utc_new_year(2026), utc_new_year(2027));
        // 29 March 2026 and 25 October 2026, both at 01:00 UTC.
        assert_eq!(
            found,
            vec![
                Transition {
                    at: d(2026, 3, 29)
                        .and_hms_opt(1, 0, 0)
                        .unwrap()
                        .and_utc()
                        .timestamp(),
                    from: 0,
                    to: 3600,
                    name: "IST".into(),
                },
                Transition {
                    at: d(2026, 10, 25)
                        .and_hms_opt(1, 0, 0)
                        .unwrap()
                        .and_utc()
                        .timestamp(),
                    from: 3600,
                    to: 0,
                    name: "GMT".into(),
                },
            ]
        );
    }

    #[test]
    fn day_rules_name_the_right_dates() {
        use Weekday::*;
        assert_eq!(OnDay::Last(Sun).date(2026, 3), Some(d(2026, 3, 29)));
        assert_eq!(OnDay::Last(Sun).date(2026, 10), Some(d(2026, 10, 25)));
        assert_eq!(OnDay::Last(Sun).date(2024, 2), Some(d(2024, 2, 25)));
        assert_eq!(OnDay::Nth(2, Sun).date(2026, 3), Some(d(2026, 3, 8)));
        assert_eq!(
            OnDay::OnOrAfter(23, Fri).date(2026, 3),
            Some(d(2026, 3, 27))
        );
        assert_eq!(OnDay::Fixed(1).date(2026, 4), Some(d(2026, 4, 1)));
        assert_eq!(
            OnDay::candidates(d(2026, 3, 29)),
            [
                vec![OnDay::Last(Sun), OnDay::Fixed(29)],
                (23..=25).map(|from| OnDay::OnOrAfter(from, Sun)).collect(),
            ]
            .concat()
        );
        assert_eq!(
            OnDay::candidates(d(2026, 3, 8)),
            [
                vec![OnDay::Nth(2, Sun), OnDay::Fixed(8)],
                (2..=8).map(|from| OnDay::OnOrAfter(from, Sun)).collect(),
            ]
            .concat()
        );
    }

    /// The RRULEs of a zone's VTIMEZONE, in order.
    fn rrules(name: &str) -> Vec<String> {
        vtimezone_lines(zone(name), d(2026, 1, 1), d(2026, 12, 31), now())
            .into_iter()
            .filter(|l| l.starts_with("RRULE:"))
            .collect()
    }

    #[test]
    fn each_kind_of_yearly_rule_is_recognised() {
        assert_eq!(
            rrules("Europe/Dublin"),
            vec![
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
            ]
        );
        assert_eq!(
            rrules("America/New_York"),
            vec![
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"
            ]
        );
        // Israel: the Friday before the last Sunday of March (Fri>=23).
        assert_eq!(
            rrules("Asia/Jerusalem"),
            vec![
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29"
            ]
        );
        assert!(rrules("Asia/Tokyo").is_empty());
    }

    #[test]
    fn a_zone_without_a_yearly_rule_lists_each_change_through_the_window() {
        // Morocco leaves +01 for Ramadan, which moves eleven days a year.
        let lines = vtimezone_lines(
            zone("Africa/Casablanca"),
            d(2026, 1, 1),
            d(2026, 6, 1),
            now(),
        );
        assert!(!lines.iter().any(|l| l.starts_with("RRULE:")));
        let starts: Vec<_> = lines.iter().filter(|l| l.starts_with("DTSTART:")).collect();
        // Two changes a year from 2025 to 2029, and the one 2024 ended with.
        assert!(starts.len() >= 10, "{lines:#?}");
        assert!(
            starts.iter().any(|l| l.starts_with("DTSTART:2029")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_zone_that_stopped_changing_ends_on_standard_time() {
        // Paraguay kept its summer offset, -03, from October 2024 for good.
        let lines = vtimezone_lines(
            zone("America/Asuncion"),
            d(2026, 1, 1),
            d(2026, 6, 1),
            now(),
        );
        assert!(!lines.iter().any(|l| l.starts_with("RRULE:")));
        let text = lines.join("\n");
        assert!(
            text.ends_with("BEGIN:STANDARD\nDTSTART:20241006T000000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0300\nTZNAME:-03\nEND:STANDARD\nEND:VTIMEZONE"),
            "{text}"
        );
    }

    #[test]
    fn an_old_event_gets_the_rules_of_its_time_listed_before_todays() {
        // The US changed its DST rules in 2007: an event from 2005 needs 2004–2006 as they were.
        let lines = vtimezone_lines(
            zone("America/New_York"),
            d(2005, 6, 1),
            d(2026, 6, 1),
            now(),
        );
        let text = lines.join("\n");
        // The last change before 2004 (26 October 2003, 02:00 EDT) starts the definition.
        assert!(
            text.contains("DTSTART:20031026T020000\nTZOFFSETFROM:-0400"),
            "{text}"
        );
        // The 2006 spring change was on the first Sunday of April.
        assert!(
            text.contains("DTSTART:20060402T020000\nTZOFFSETFROM:-0500"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART:20071104T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
            "{text}"
        );
    }
}
