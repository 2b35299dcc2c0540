//! An iCalendar (RFC 5545) file for "add to calendar": one recurring event per schedule.
//!
//! Times are local with `TZID=<IANA name>`, and the file defines each zone it names once, in
//! a VTIMEZONE ahead of the events (`vtimezone`): RFC 5545 requires it, and Outlook will not
//! place the events without it. Google and Apple resolve the IANA name themselves; both
//! agree with the definition, built from the same tz data the site's listings use. A zone
//! name the tz data does not know (the session form refuses them) gives floating local times
//! rather than a TZID nothing defines.
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;

use super::occurrence::{local_end, occurs_on, parse_time_zone, times, ASSUMED_HOURS};
use super::{Schedule, Session, WeekOfMonth};

mod vtimezone;

const PRODID: &str = "-//Seisiun//Sessions//EN";

/// RFC 5545 limits a physical line to 75 octets, not counting the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// The session as a calendar, `now` stamping it and choosing where monthly events begin.
pub fn session_calendar(session: &Session, url: &str, now: DateTime<Utc>) -> String {
    calendar(None, &[(session, url.to_string())], now)
}

/// Several sessions (each with its page's URL) as one calendar, named for a feed.
pub fn sessions_calendar(
    name: &str,
    sessions: &[(&Session, String)],
    now: DateTime<Utc>,
) -> String {
    calendar(Some(name), sessions, now)
}

fn calendar(name: Option<&str>, sessions: &[(&Session, String)], now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    if let Some(name) = name {
        lines.push(format!("X-WR-CALNAME:{}", escape_text(name)));
    }
    let mut events = Vec::new();
    // Each zone once, in order of first use, with the span of local dates its events need.
    let mut zones: Vec<(Tz, NaiveDate, NaiveDate)> = Vec::new();
    for (session, url) in sessions {
        let tz = parse_time_zone(&session.time_zone).ok();
        // The month "now" is in depends on the zone; UTC is close enough if the zone is bad.
        let today = tz.map_or_else(
            || now.date_naive(),
            |tz| now.with_timezone(&tz).date_naive(),
        );
        let url: String = url.chars().filter(|c| !c.is_control()).collect();
        for (index, schedule) in session.schedules.iter().enumerate() {
            let Some(event) = event_lines(session, tz, index, schedule, &url, now, today) else {
                continue;
            };
            if let Some(tz) = tz {
                let (first, last) = (event.starts.date(), event.ends.date());
                match zones.iter_mut().find(|(known, ..)| *known == tz) {
                    Some((_, from, to)) => {
                        *from = (*from).min(first);
                        *to = (*to).max(last);
                    }
                    None => zones.push((tz, first, last)),
                }
            }
            events.extend(event.lines);
        }
    }
    for (tz, first, last) in zones {
        lines.extend(vtimezone::vtimezone_lines(tz, first, last, now));
    }
    lines.extend(events);
    lines.push("END:VCALENDAR".to_string());

    let mut out = String::new();
    for line in &lines {
        fold_into(line, &mut out);
    }
    out
}

/// A VEVENT's lines and the local times it starts and ends at.
struct Event {
    lines: Vec<String>,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
}

/// One VEVENT, or nothing for a schedule that never happens (a weekly one with no days).
/// Times are in `tz` when there is one, else floating.
fn event_lines(
    session: &Session,
    tz: Option<Tz>,
    index: usize,
    schedule: &Schedule,
    url: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Option<Event> {
    let date = first_date(schedule, today)?;
    let (start, end) = times(schedule);
    let starts = date.and_time(start);
    let ends = match end {
        Some(end) => local_end(date, start, end),
        None => starts + TimeDelta::hours(ASSUMED_HOURS),
    };
    let zone = tz.map_or_else(String::new, |tz| format!(";TZID={}", tzid_param(tz.name())));

    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!(
            "UID:{}",
            escape_text(&format!("{}-{index}@seisiun", session.id))
        ),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART{zone}:{}", local_stamp(starts)),
        format!("DTEND{zone}:{}", local_stamp(ends)),
    ];
    if let Some(rule) = rrule(schedule) {
        lines.push(format!("RRULE:{rule}"));
    }
    lines.push(format!("SUMMARY:{}", escape_text(&session.name)));
    let location = [
        session.venue.name.as_str(),
        session.address.as_str(),
        session.town.as_str(),
        session.country.name.as_str(),
    ]
    .into_iter()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    if !location.is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(&location)));
    }
    if let Some(point) = session.point {
        lines.push(format!("GEO:{};{}", point.lat, point.lng));
    }
    if !url.is_empty() {
        lines.push(format!("URL:{url}"));
    }
    // Some calendars hide URL, so the link goes in the description too.
    let description = [
        schedule.describe(),
        session.description.trim().to_string(),
        url.to_string(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join("\n\n");
    lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
    lines.push("END:VEVENT".to_string());
    Some(Event {
        lines,
        starts,
        ends,
    })
}

/// The first date the event is on, which DTSTART must name for the RRULE to line up.
fn first_date(schedule: &Schedule, today: NaiveDate) -> Option<NaiveDate> {
    match schedule {
        // The first real occurrence on or after the anchor, so an every-n-weeks rule
        // counts its weeks from a week that is in the cycle.
        Schedule::Weekly {
            anchor,
            every_weeks,
            ..
        } => {
            let span = 7 * (usize::from((*every_weeks).max(1)) + 1);
            anchor
                .iter_days()
                .take(span)
                .find(|d| occurs_on(schedule, *d))
        }
        Schedule::Monthly { .. } => {
            let month_start = today.with_day(1)?;
            month_start
                .iter_days()
                .take(31)
                .find(|d| occurs_on(schedule, *d))
        }
        Schedule::Once { date, .. } => Some(*date),
    }
}

fn rrule(schedule: &Schedule) -> Option<String> {
    match schedule {
        Schedule::Weekly {
            days, every_weeks, ..
        } => {
            let mut days = days.clone();
            days.sort_by_key(|d| d.num_days_from_monday());
            days.dedup();
            let by_day = days.into_iter().map(day_code).collect::<Vec<_>>().join(",");
            Some(format!(
                "FREQ=WEEKLY;INTERVAL={};BYDAY={by_day}",
                (*every_weeks).max(1)
            ))
        }
        Schedule::Monthly { week, day, .. } => {
            let nth = match week {
                WeekOfMonth::First => 1,
                WeekOfMonth::Second => 2,
                WeekOfMonth::Third => 3,
                WeekOfMonth::Fourth => 4,
                WeekOfMonth::Last => -1,
            };
            Some(format!("FREQ=MONTHLY;BYDAY={nth}{}", day_code(*day)))
        }
        Schedule::Once { .. } => None,
    }
}

fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn local_stamp(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// IANA names never need quoting, but a parameter value with `:;,` must be quoted.
fn tzid_param(zone: &str) -> String {
    let zone: String = zone
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    if zone.contains([':', ';', ',']) {
        format!("\"{zone}\"")
    } else {
        zone
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends the content line folded to 75 octets a line, each ended with CRLF;
/// continuation lines start with a space, and a character is never split.
fn fold_into(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1; // the leading space counts
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::{d, sample_session, t};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 20, 10, 30, 0).unwrap()
    }

    const URL: &str = "https://seisiun.example/sessions/s1";

    fn calendar(schedules: Vec<Schedule>) -> String {
        let mut s = sample_session("s1", "The Session", "IE");
        s.schedules = schedules;
        session_calendar(&s, URL, now())
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    /// The unfolded content lines starting with `name` (e.g. "RRULE:"), outside the
    /// VTIMEZONE components.
    fn props(ics: &str, name: &str) -> Vec<String> {
        let mut in_zone = false;
        unfold(ics)
            .split("\r\n")
            .filter(|l| {
                match *l {
                    "BEGIN:VTIMEZONE" => in_zone = true,
                    "END:VTIMEZONE" => in_zone = false,
                    _ => {}
                }
                !in_zone && l.starts_with(name)
            })
            .map(str::to_string)
            .collect()
    }

    fn weekly(days: &[Weekday], every_weeks: u8, anchor: NaiveDate) -> Schedule {
        Schedule::Weekly {
            days: days.to_vec(),
            every_weeks,
            anchor,
            start: t(21, 30),
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

    #[test]
    fn calendar_has_the_required_frame() {
        let ics = calendar(vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))]);
        assert!(ics.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Seisiun//Sessions//EN\r\nCALSCALE:GREGORIAN\r\n"
        ));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(props(&ics, "UID:"), vec!["UID:s1-0@seisiun"]);
        assert_eq!(props(&ics, "DTSTAMP:"), vec!["DTSTAMP:20260120T103000Z"]);
        assert_eq!(props(&ics, "SUMMARY:"), vec!["SUMMARY:The Session"]);
        assert_eq!(props(&ics, "URL:"), vec![format!("URL:{URL}")]);
        assert_eq!(props(&ics, "GEO:"), vec!["GEO:52.8436;-8.9864"]);
        assert_eq!(
            props(&ics, "LOCATION:"),
            vec!["LOCATION:The Session venue\\, 1 Main Street\\, Ennis\\, Ireland"]
        );
    }

    #[test]
    fn every_line_ends_with_crlf() {
        let mut s = sample_session("s1", "The Session", "IE");
        s.description = "Line one\nLine two\r\nLine three\rfour".into();
        s.schedules = vec![
            weekly(&[Weekday::Thu], 1, d(2026, 1, 1)),
            monthly(WeekOfMonth::Last, Weekday::Fri),
        ];
        let ics = session_calendar(&s, URL, now());
        let bytes = ics.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at {i}");
            }
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
            }
        }
        assert!(ics.ends_with("\r\n"));
        assert_eq!(
            props(&ics, "DESCRIPTION:")[0],
            format!(
                "DESCRIPTION:Thursdays from 21:30\\n\\nLine one\\nLine two\\nLine three\\nfour\\n\\n{URL}"
            )
        );
    }

    #[test]
    fn weekly_rrule_lists_days_in_week_order() {
        let ics = calendar(vec![
            weekly(&[Weekday::Thu, Weekday::Mon], 2, d(2026, 1, 5)),
            weekly(&[Weekday::Sun], 1, d(2026, 1, 5)),
            weekly(&[Weekday::Tue], 0, d(2026, 1, 5)),
        ]);
        assert_eq!(
            props(&ics, "RRULE:"),
            vec![
                "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
                "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SU",
                "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU",
            ]
        );
        assert_eq!(
            props(&ics, "UID:"),
            vec!["UID:s1-0@seisiun", "UID:s1-1@seisiun", "UID:s1-2@seisiun"]
        );
    }

    #[test]
    fn monthly_rrule_names_the_nth_or_last_weekday() {
        let ics = calendar(vec![
            monthly(WeekOfMonth::Second, Weekday::Tue),
            monthly(WeekOfMonth::Last, Weekday::Fri),
            monthly(WeekOfMonth::First, Weekday::Sun),
            monthly(WeekOfMonth::Fourth, Weekday::Sat),
        ]);
        assert_eq!(
            props(&ics, "RRULE:"),
            vec![
                "RRULE:FREQ=MONTHLY;BYDAY=2TU",
                "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
                "RRULE:FREQ=MONTHLY;BYDAY=1SU",
                "RRULE:FREQ=MONTHLY;BYDAY=4SA",
            ]
        );
        // In the month of `now` (January 2026), even if already past.
        assert_eq!(
            props(&ics, "DTSTART"),
            vec![
                "DTSTART;TZID=Europe/Dublin:20260113T200000",
                "DTSTART;TZID=Europe/Dublin:20260130T200000",
                "DTSTART;TZID=Europe/Dublin:20260104T200000",
                "DTSTART;TZID=Europe/Dublin:20260124T200000",
            ]
        );
        assert_eq!(
            props(&ics, "DTEND")[0],
            "DTEND;TZID=Europe/Dublin:20260113T230000"
        );
    }

    #[test]
    fn one_off_has_no_rrule() {
        let ics = calendar(vec![Schedule::Once {
            date: d(2026, 8, 14),
            start: t(22, 0),
            end: Some(t(1, 30)),
        }]);
        assert!(props(&ics, "RRULE").is_empty());
        assert_eq!(
            props(&ics, "DTSTART"),
            vec!["DTSTART;TZID=Europe/Dublin:20260814T220000"]
        );
        // Ends after midnight, so on the next day.
        assert_eq!(
            props(&ics, "DTEND"),
            vec!["DTEND;TZID=Europe/Dublin:20260815T013000"]
        );
    }

    #[test]
    fn dtstart_is_the_first_listed_weekday_from_the_anchor() {
        // Anchor Wednesday 7 Jan 2026: the first of Mon/Fri on or after it is Friday 9th.
        let ics = calendar(vec![weekly(
            &[Weekday::Mon, Weekday::Fri],
            1,
            d(2026, 1, 7),
        )]);
        let start = &props(&ics, "DTSTART")[0];
        assert_eq!(start, "DTSTART;TZID=Europe/Dublin:20260109T213000");
        let date =
            NaiveDate::parse_from_str(&start[start.len() - 15..start.len() - 7], "%Y%m%d").unwrap();
        assert_eq!(date.weekday(), Weekday::Fri);
        // No end given: three hours, past midnight.
        assert_eq!(
            props(&ics, "DTEND"),
            vec!["DTEND;TZID=Europe/Dublin:20260110T003000"]
        );
    }

    #[test]
    fn fortnightly_dtstart_is_in_a_week_of_the_cycle() {
        // Anchor Thursday 1 Jan 2026; Monday 5 Jan is in an off week, so the 12th starts it.
        let ics = calendar(vec![weekly(&[Weekday::Mon], 2, d(2026, 1, 1))]);
        assert_eq!(
            props(&ics, "DTSTART"),
            vec!["DTSTART;TZID=Europe/Dublin:20260112T213000"]
        );
    }

    /// The unfolded lines of each VTIMEZONE, by TZID.
    fn vtimezones(ics: &str) -> Vec<(String, Vec<String>)> {
        let unfolded = unfold(ics);
        let mut found = Vec::new();
        let mut current: Option<Vec<String>> = None;
        for line in unfolded.split("\r\n") {
            match line {
                "BEGIN:VTIMEZONE" => current = Some(Vec::new()),
                "END:VTIMEZONE" => {
                    let lines = current.take().expect("END without BEGIN");
                    let tzid = lines
                        .iter()
                        .find_map(|l| l.strip_prefix("TZID:"))
                        .expect("a TZID")
                        .to_string();
                    found.push((tzid, lines));
                }
                other => {
                    if let Some(lines) = current.as_mut() {
                        lines.push(other.to_string());
                    }
                }
            }
        }
        found
    }

    /// A zone's observances as (kind, DTSTART, RRULE or "", TZOFFSETFROM, TZOFFSETTO, TZNAME).
    fn observances(lines: &[String]) -> Vec<[String; 6]> {
        let mut found = Vec::new();
        let mut current: Option<[String; 6]> = None;
        for line in lines {
            let (name, value) = line.split_once(':').unwrap();
            match (name, current.as_mut()) {
                ("BEGIN", _) => {
                    current = Some([
                        value.into(),
                        "".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                    ])
                }
                ("END", Some(_)) => found.push(current.take().unwrap()),
                ("DTSTART", Some(o)) => o[1] = value.into(),
                ("RRULE", Some(o)) => o[2] = value.into(),
                ("TZOFFSETFROM", Some(o)) => o[3] = value.into(),
                ("TZOFFSETTO", Some(o)) => o[4] = value.into(),
                ("TZNAME", Some(o)) => o[5] = value.into(),
                _ => {}
            }
        }
        found
    }

    fn observance(
        kind: &str,
        start: &str,
        rule: &str,
        from: &str,
        to: &str,
        name: &str,
    ) -> [String; 6] {
        [kind, start, rule, from, to, name].map(str::to_string)
    }

    fn in_zone(id: &str, zone: &str, schedules: Vec<Schedule>) -> Session {
        let mut s = sample_session(id, id, "IE");
        s.time_zone = zone.into();
        s.schedules = schedules;
        s
    }

    /// The one VTIMEZONE of a calendar of one weekly session in `zone`.
    fn zone_of(zone: &str) -> Vec<[String; 6]> {
        let s = in_zone("s1", zone, vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))]);
        let ics = session_calendar(&s, URL, now());
        let zones = vtimezones(&ics);
        assert_eq!(zones.len(), 1, "{ics}");
        assert_eq!(zones[0].0, zone);
        assert_eq!(
            props(&ics, "DTSTART;"),
            vec![format!("DTSTART;TZID={zone}:20260101T213000")]
        );
        observances(&zones[0].1)
    }

    #[test]
    fn the_calendar_defines_each_zone_once_before_the_events() {
        let sessions = [
            in_zone(
                "d1",
                "Europe/Dublin",
                vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))],
            ),
            in_zone(
                "n1",
                "America/New_York",
                vec![monthly(WeekOfMonth::Last, Weekday::Fri)],
            ),
            in_zone(
                "d2",
                "Europe/Dublin",
                vec![
                    weekly(&[Weekday::Mon], 2, d(2025, 6, 2)),
                    monthly(WeekOfMonth::First, Weekday::Sun),
                ],
            ),
            in_zone(
                "s1",
                "Australia/Sydney",
                vec![weekly(&[Weekday::Sun], 1, d(2026, 1, 4))],
            ),
            in_zone(
                "n2",
                "America/New_York",
                vec![weekly(&[Weekday::Tue], 1, d(2026, 1, 6))],
            ),
        ];
        let listed: Vec<_> = sessions
            .iter()
            .map(|s| (s, format!("{URL}/{}", s.id)))
            .collect();
        let ics = sessions_calendar("Bookmarks", &listed, now());
        let zones: Vec<_> = vtimezones(&ics).into_iter().map(|(tzid, _)| tzid).collect();
        assert_eq!(
            zones,
            vec!["Europe/Dublin", "America/New_York", "Australia/Sydney"]
        );
        // Every zone an event names is defined, and all definitions come first.
        let unfolded = unfold(&ics);
        let last_zone = unfolded.rfind("END:VTIMEZONE").unwrap();
        assert!(last_zone < unfolded.find("BEGIN:VEVENT").unwrap());
        for line in props(&ics, "DTSTART;")
            .into_iter()
            .chain(props(&ics, "DTEND;"))
        {
            let tzid = line
                .split_once("TZID=")
                .unwrap()
                .1
                .split_once(':')
                .unwrap()
                .0;
            assert!(zones.iter().any(|z| z == tzid), "{tzid} is not defined");
        }
        assert_eq!(props(&ics, "DTSTART;").len(), 6);
        // The fortnightly session from June 2025 stretches Dublin's definition back: it begins
        // with the last change before 2024 (29 October 2023, 02:00 IST).
        let dublin = &vtimezones(&ics)[0].1;
        assert_eq!(
            observances(dublin)[0],
            observance(
                "STANDARD",
                "20231029T020000",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "+0100",
                "+0000",
                "GMT"
            )
        );
    }

    #[test]
    fn dublin_is_gmt_in_winter_and_ist_in_summer() {
        // The tz data calls IST standard time and winter a negative DST; clients want the
        // summer offset as DAYLIGHT.
        assert_eq!(
            zone_of("Europe/Dublin"),
            vec![
                observance(
                    "STANDARD",
                    "20241027T020000",
                    "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "+0100",
                    "+0000",
                    "GMT"
                ),
                observance(
                    "DAYLIGHT",
                    "20250330T010000",
                    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "+0000",
                    "+0100",
                    "IST"
                ),
            ]
        );
    }

    #[test]
    fn new_york_is_est_and_edt() {
        assert_eq!(
            zone_of("America/New_York"),
            vec![
                observance(
                    "STANDARD",
                    "20241103T020000",
                    "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                    "-0400",
                    "-0500",
                    "EST"
                ),
                observance(
                    "DAYLIGHT",
                    "20250309T020000",
                    "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                    "-0500",
                    "-0400",
                    "EDT"
                ),
            ]
        );
    }

    #[test]
    fn sydney_has_daylight_time_in_january() {
        // Southern hemisphere: summer time from the first Sunday of October to the first
        // Sunday of April, so the definition starts with October 2024.
        assert_eq!(
            zone_of("Australia/Sydney"),
            vec![
                observance(
                    "DAYLIGHT",
                    "20241006T020000",
                    "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
                    "+1000",
                    "+1100",
                    "AEDT"
                ),
                observance(
                    "STANDARD",
                    "20250406T030000",
                    "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                    "+1100",
                    "+1000",
                    "AEST"
                ),
            ]
        );
    }

    #[test]
    fn zones_without_daylight_time_have_one_standard() {
        assert_eq!(
            zone_of("Asia/Tokyo"),
            vec![observance(
                "STANDARD",
                "20250101T000000",
                "",
                "+0900",
                "+0900",
                "JST"
            )]
        );
        assert_eq!(
            zone_of("UTC"),
            vec![observance(
                "STANDARD",
                "20250101T000000",
                "",
                "+0000",
                "+0000",
                "UTC"
            )]
        );
    }

    #[test]
    fn an_unknown_zone_gives_floating_times_not_an_undefined_tzid() {
        let s = in_zone(
            "s1",
            "Europe/Atlantis",
            vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))],
        );
        let ics = session_calendar(&s, URL, now());
        assert!(!ics.contains("TZID"), "{ics}");
        assert_eq!(props(&ics, "DTSTART"), vec!["DTSTART:20260101T213000"]);
    }

    #[test]
    fn the_zone_definitions_fold_and_end_lines_with_crlf() {
        let s = in_zone(
            "s1",
            "America/New_York",
            vec![weekly(&[Weekday::Thu], 1, d(2005, 1, 6))],
        );
        let ics = session_calendar(&s, URL, now());
        assert!(ics.split("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        // 2004 to 2006 under the old rules, one observance each, then today's rules.
        let zones = vtimezones(&ics);
        let list = observances(&zones[0].1);
        assert_eq!(
            list.iter().filter(|o| o[2].is_empty()).count(),
            7,
            "{list:#?}"
        );
        assert_eq!(
            list.iter().filter(|o| !o[2].is_empty()).count(),
            2,
            "{list:#?}"
        );
    }

    #[test]
    fn weekly_without_days_has_no_event() {
        let ics = calendar(vec![weekly(&[], 1, d(2026, 1, 1))]);
        assert!(!ics.contains("BEGIN:VEVENT"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("Back\\slash; semi, comma\nnew"),
            "Back\\\\slash\\; semi\\, comma\\nnew"
        );
        let mut s = sample_session("s1", "Tom's; Reels, Jigs \\ Airs", "IE");
        s.schedules = vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))];
        s.point = None;
        let ics = session_calendar(&s, URL, now());
        assert_eq!(
            props(&ics, "SUMMARY:"),
            vec!["SUMMARY:Tom's\\; Reels\\, Jigs \\\\ Airs"]
        );
        assert!(props(&ics, "GEO:").is_empty());
    }

    #[test]
    fn long_accented_lines_fold_at_75_octets() {
        let name =
            "Seisiún ceoil i dTigh Uí Chonchúir, Dúlainn — fáilte roimh chách, ó cheol go hamhráin";
        let mut s = sample_session("s1", name, "IE");
        s.schedules = vec![weekly(&[Weekday::Thu], 1, d(2026, 1, 1))];
        s.description = "Ceol agus craic ".repeat(20);
        let ics = session_calendar(&s, URL, now());
        let physical: Vec<&str> = ics.split("\r\n").collect();
        assert!(physical.iter().all(|l| l.len() <= MAX_LINE_OCTETS), "{ics}");
        assert!(
            physical.iter().any(|l| l.len() > 70),
            "nothing was long enough to fold"
        );
        assert!(ics.contains("\r\n "));
        let summary = format!("SUMMARY:{}", escape_text(name));
        assert!(summary.len() > MAX_LINE_OCTETS);
        assert_eq!(props(&ics, "SUMMARY:"), vec![summary]);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // Two-byte characters after a two-byte prefix: byte 75 falls inside one.
        let line = format!("X:{}", "é".repeat(100));
        let mut out = String::new();
        fold_into(&line, &mut out);
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(physical[0].len(), 74);
        assert!(physical[1..]
            .iter()
            .all(|l| l.starts_with(' ') && l.len() <= 75));
        assert_eq!(unfold(&out), format!("{line}\r\n"));
        // Exactly 75 octets is not folded.
        let mut out = String::new();
        fold_into(&"a".repeat(75), &mut out);
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        // Three-byte characters too.
        let line = format!("DESCRIPTION:{}", "€".repeat(60));
        let mut out = String::new();
        fold_into(&line, &mut out);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(unfold(&out), format!("{line}\r\n"));
    }
}
