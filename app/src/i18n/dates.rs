//! Days, dates and times in words, in either language: the catalog's `weekday`,
//! `month` and `when-…` messages put together.
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::Lang;
use crate::t;

fn slug(day: Weekday) -> &'static str {
    crate::model::weekday_slug(day)
}

/// "Thursday" / "Déardaoin".
pub fn weekday(lang: Lang, day: Weekday) -> String {
    t!(lang, "weekday", day = slug(day))
}

/// "Thu" / "Déar", for dates in lists.
pub fn weekday_short(lang: Lang, day: Weekday) -> String {
    t!(lang, "weekday-short", day = slug(day))
}

/// "Thursdays" / "Déardaoin": the day a weekly session keeps.
fn weekday_every(lang: Lang, day: Weekday) -> String {
    t!(lang, "weekday-every", day = slug(day))
}

/// "Mondays, Wednesdays and Fridays".
pub fn weekdays_every(lang: Lang, days: &[Weekday]) -> String {
    let names: Vec<String> = days.iter().map(|d| weekday_every(lang, *d)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => t!(
            lang,
            "list-and",
            init = init.join(", "),
            last = last.clone()
        ),
    }
}

/// "Thu 4 Dec", or with the year "Thu 4 Dec 2027".
pub fn short_date(lang: Lang, date: NaiveDate, with_year: bool) -> String {
    let weekday = weekday_short(lang, date.weekday());
    let day = date.day().to_string();
    let month = t!(lang, "month-short", month = date.month());
    if with_year {
        t!(
            lang,
            "date-with-year",
            weekday = weekday,
            day = day,
            month = month,
            year = date.year().to_string()
        )
    } else {
        t!(lang, "date", weekday = weekday, day = day, month = month)
    }
}

/// "30 November 2026" / "30 Samhain 2026".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    t!(
        lang,
        "date-long",
        day = date.day().to_string(),
        month = date.month(),
        year = date.year().to_string()
    )
}

/// "21:00–23:30", or "from 21:30" when it has no set end.
pub fn time_range(lang: Lang, start: NaiveTime, end: Option<NaiveTime>) -> String {
    let start = start.format("%H:%M").to_string();
    match end {
        Some(end) => format!("{start}–{}", end.format("%H:%M")),
        None => t!(lang, "time-from", start = start),
    }
}

/// Only the times: "21:00–23:30" or "21:30".
pub fn times(start: NaiveTime, end: Option<NaiveTime>) -> String {
    match end {
        Some(end) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
        None => start.format("%H:%M").to_string(),
    }
}
