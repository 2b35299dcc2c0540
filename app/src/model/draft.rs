//! The add/edit session form as the member typed it: every field a string, so nothing
//! they wrote is lost when something is wrong, and every problem is named against the
//! field it belongs to.
//!
//! One file (over 400 lines) because the form's fields and their checks are read
//! together: each check names the field it guards, and splitting them apart would hide
//! which field a message belongs to.
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::countries::country_name;
use super::{
    Country, FieldError, GeoPoint, MemberId, Schedule, Session, SessionId, SessionStatus, Tag,
    ValidationErrors, Venue, WeekOfMonth,
};

/// Schedule rows the form shows when a session has fewer.
pub const SCHEDULE_ROWS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleDraft {
    /// `weekly`, `monthly`, `once`, or empty for an unused row.
    pub kind: String,
    /// `mon` … `sun`.
    pub day: String,
    pub every_weeks: String,
    /// `first` … `fourth`, `last`.
    pub week: String,
    /// `YYYY-MM-DD`: a one-off's date, or the week an every-n-weeks schedule counts from.
    pub date: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionDraft {
    pub name: String,
    pub venue_name: String,
    pub venue_phone: String,
    pub venue_email: String,
    pub venue_website: String,
    pub address: String,
    pub town: String,
    pub area: String,
    pub country_code: String,
    pub lat: String,
    pub lng: String,
    pub time_zone: String,
    pub schedules: Vec<ScheduleDraft>,
    /// Tag slugs; checkboxes send only the ticked ones.
    pub tags: Vec<String>,
    pub description: String,
    /// `active`, `paused` or `closed`.
    pub status: String,
    pub status_reason: String,
    /// The version the member edited (empty for a new session).
    pub version: String,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

const WEEKS: [(&str, WeekOfMonth); 5] = [
    ("first", WeekOfMonth::First),
    ("second", WeekOfMonth::Second),
    ("third", WeekOfMonth::Third),
    ("fourth", WeekOfMonth::Fourth),
    ("last", WeekOfMonth::Last),
];

fn day_slug(day: Weekday) -> String {
    DAYS.iter()
        .find(|(_, d)| *d == day)
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

fn week_slug(week: WeekOfMonth) -> String {
    WEEKS
        .iter()
        .find(|(_, w)| *w == week)
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

fn hm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl SessionDraft {
    /// The form filled in from a session, with empty rows to add schedules.
    pub fn from_session(session: &Session) -> Self {
        let mut schedules: Vec<ScheduleDraft> = session
            .schedules
            .iter()
            .flat_map(|schedule| match schedule {
                // One row a day, so each row stays a single choice on a phone.
                Schedule::Weekly {
                    days,
                    every_weeks,
                    anchor,
                    start,
                    end,
                } => days
                    .iter()
                    .map(|day| ScheduleDraft {
                        kind: "weekly".into(),
                        day: day_slug(*day),
                        every_weeks: every_weeks.to_string(),
                        date: anchor.format("%Y-%m-%d").to_string(),
                        start: hm(*start),
                        end: end.map(hm).unwrap_or_default(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>(),
                Schedule::Monthly {
                    week,
                    day,
                    start,
                    end,
                } => vec![ScheduleDraft {
                    kind: "monthly".into(),
                    day: day_slug(*day),
                    week: week_slug(*week),
                    start: hm(*start),
                    end: end.map(hm).unwrap_or_default(),
                    ..Default::default()
                }],
                Schedule::Once { date, start, end } => vec![ScheduleDraft {
                    kind: "once".into(),
                    date: date.format("%Y-%m-%d").to_string(),
                    start: hm(*start),
                    end: end.map(hm).unwrap_or_default(),
                    ..Default::default()
                }],
            })
            .collect();
        schedules.resize_with(schedules.len().max(SCHEDULE_ROWS), Default::default);
        let (status, status_reason) = match &session.status {
            SessionStatus::Active => ("active", String::new()),
            SessionStatus::Paused => ("paused", String::new()),
            SessionStatus::Closed { reason } => ("closed", reason.clone()),
        };
        Self {
            name: session.name.clone(),
            venue_name: session.venue.name.clone(),
            venue_phone: session.venue.phone.clone().unwrap_or_default(),
            venue_email: session.venue.email.clone().unwrap_or_default(),
            venue_website: session.venue.website.clone().unwrap_or_default(),
            address: session.address.clone(),
            town: session.town.clone(),
            area: session.area.clone(),
            country_code: session.country.code.clone(),
            lat: session
                .point
                .map(|p| format!("{:.6}", p.lat))
                .unwrap_or_default(),
            lng: session
                .point
                .map(|p| format!("{:.6}", p.lng))
                .unwrap_or_default(),
            time_zone: session.time_zone.clone(),
            schedules,
            tags: session.tags.iter().map(|t| t.slug().to_string()).collect(),
            description: session.description.clone(),
            status: status.into(),
            status_reason,
            version: session.version.to_string(),
        }
    }

    /// An empty form for a new session in a country.
    pub fn blank() -> Self {
        Self {
            country_code: "IE".into(),
            time_zone: "Europe/Dublin".into(),
            status: "active".into(),
            schedules: vec![ScheduleDraft::default(); SCHEDULE_ROWS],
            ..Default::default()
        }
    }

    /// The session this form describes, or every problem with it. `base` is the session
    /// being edited (its id, author and dates are kept); `valid_zone` says whether a time
    /// zone name is real.
    pub fn to_session(
        &self,
        id: SessionId,
        base: Option<&Session>,
        added_by: &MemberId,
        now: DateTime<Utc>,
        valid_zone: impl Fn(&str) -> bool,
    ) -> Result<Session, ValidationErrors> {
        let mut errors = Vec::new();
        let mut problem = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let point = match (self.lat.trim(), self.lng.trim()) {
            ("", "") => None,
            (lat, lng) => match (lat.parse::<f64>(), lng.parse::<f64>()) {
                (Ok(lat), Ok(lng)) => Some(GeoPoint { lat, lng }),
                _ => {
                    problem(
                        "point",
                        crate::t!(crate::i18n::use_lang(), "error-point-numbers"),
                    );
                    None
                }
            },
        };
        let country_code = self.country_code.trim().to_ascii_uppercase();
        let country = Country {
            name: country_name(&country_code)
                .map(str::to_string)
                .unwrap_or_else(|| country_code.clone()),
            code: country_code,
        };
        let time_zone = self.time_zone.trim().to_string();
        if !time_zone.is_empty() && !valid_zone(&time_zone) {
            problem(
                "time_zone",
                crate::t!(
                    crate::i18n::use_lang(),
                    "error-unknown-zone",
                    zone = &time_zone
                ),
            );
        }
        let mut schedules = Vec::new();
        for (row, draft) in self.schedules.iter().enumerate() {
            match schedule_of(draft, now.date_naive()) {
                Ok(Some(schedule)) => schedules.push(schedule),
                Ok(None) => {}
                Err(message) => problem(&format!("schedules.{row}"), message),
            }
        }
        let schedules = merge_weekly(schedules);
        let mut tags = Vec::new();
        for slug in &self.tags {
            match Tag::ALL.iter().find(|t| t.slug() == slug) {
                Some(tag) if !tags.contains(tag) => tags.push(*tag),
                Some(_) => {}
                None => problem(
                    "tags",
                    crate::t!(crate::i18n::use_lang(), "error-unknown-tag", tag = slug),
                ),
            }
        }
        let status = match self.status.trim() {
            "" | "active" => SessionStatus::Active,
            "paused" => SessionStatus::Paused,
            "closed" => match optional(&self.status_reason) {
                Some(reason) if reason.chars().count() <= super::MAX_REASON => {
                    SessionStatus::Closed { reason }
                }
                Some(_) => {
                    problem(
                        "status_reason",
                        crate::t!(
                            crate::i18n::use_lang(),
                            "error-reason-long",
                            max = super::MAX_REASON
                        ),
                    );
                    SessionStatus::Active
                }
                None => {
                    problem(
                        "status_reason",
                        crate::t!(crate::i18n::use_lang(), "error-reason-missing"),
                    );
                    SessionStatus::Active
                }
            },
            other => {
                problem(
                    "status",
                    crate::t!(
                        crate::i18n::use_lang(),
                        "error-unknown-status",
                        status = other
                    ),
                );
                SessionStatus::Active
            }
        };
        let session = Session {
            id,
            name: self.name.trim().to_string(),
            venue: Venue {
                name: self.venue_name.trim().to_string(),
                phone: optional(&self.venue_phone),
                email: optional(&self.venue_email),
                website: optional(&self.venue_website),
            },
            address: self.address.trim().to_string(),
            town: self.town.trim().to_string(),
            area: self.area.trim().to_string(),
            country,
            point,
            time_zone,
            schedules,
            tags,
            status,
            description: self.description.trim().to_string(),
            last_confirmed: base.map_or(Some(now.date_naive()), |b| b.last_confirmed),
            added_by: base.map_or_else(|| added_by.clone(), |b| b.added_by.clone()),
            created_at: base.map_or(now, |b| b.created_at),
            updated_at: now,
            version: base.map_or(0, |b| b.version),
            hidden: base.is_some_and(|b| b.hidden),
            // An edit (a new date, say) lists it again; if it is still past, the next
            // upkeep marks it over once more.
            over: false,
        };
        if let Err(more) = session.validate() {
            errors.extend(more.0);
        }
        if errors.is_empty() {
            Ok(session)
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

fn time_of(text: &str, label: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| crate::t!(crate::i18n::use_lang(), "error-time-shape", what = label))
}

/// One row of the form as a schedule; `None` for an empty row.
fn schedule_of(draft: &ScheduleDraft, today: NaiveDate) -> Result<Option<Schedule>, String> {
    let kind = draft.kind.trim();
    if kind.is_empty() {
        return Ok(None);
    }
    let start = time_of(
        &draft.start,
        &crate::t!(crate::i18n::use_lang(), "label-start-time"),
    )?;
    let end = match draft.end.trim() {
        "" => None,
        end => Some(time_of(
            end,
            &crate::t!(crate::i18n::use_lang(), "label-end-time"),
        )?),
    };
    let day = || {
        DAYS.iter()
            .find(|(slug, _)| *slug == draft.day.trim())
            .map(|(_, day)| *day)
            .ok_or_else(|| crate::t!(crate::i18n::use_lang(), "error-choose-day"))
    };
    let date = || {
        NaiveDate::parse_from_str(draft.date.trim(), "%Y-%m-%d")
            .map_err(|_| crate::t!(crate::i18n::use_lang(), "error-date-shape"))
    };
    Ok(Some(match kind {
        "weekly" => {
            let every_weeks = match draft.every_weeks.trim() {
                "" => 1,
                n => n
                    .parse::<u8>()
                    .ok()
                    .filter(|n| (1..=8).contains(n))
                    .ok_or_else(|| crate::t!(crate::i18n::use_lang(), "error-weekly-every"))?,
            };
            // Every n weeks counts from a week it happened; weekly needs no anchor.
            let anchor = if every_weeks > 1 {
                date()?
            } else {
                date().unwrap_or(today)
            };
            Schedule::Weekly {
                days: vec![day()?],
                every_weeks,
                anchor,
                start,
                end,
            }
        }
        "monthly" => Schedule::Monthly {
            week: WEEKS
                .iter()
                .find(|(slug, _)| *slug == draft.week.trim())
                .map(|(_, week)| *week)
                .ok_or_else(|| crate::t!(crate::i18n::use_lang(), "error-choose-week"))?,
            day: day()?,
            start,
            end,
        },
        "once" => Schedule::Once {
            date: date()?,
            start,
            end,
        },
        other => {
            return Err(crate::t!(
                crate::i18n::use_lang(),
                "error-unknown-schedule-kind",
                kind = other
            ))
        }
    }))
}

/// Weekly rows with the same times and rhythm become one schedule with several days.
fn merge_weekly(schedules: Vec<Schedule>) -> Vec<Schedule> {
    let mut merged: Vec<Schedule> = Vec::new();
    for schedule in schedules {
        if let Schedule::Weekly {
            days: new_days,
            every_weeks,
            anchor,
            start,
            end,
        } = &schedule
        {
            let same = merged.iter_mut().find_map(|existing| match existing {
                Schedule::Weekly {
                    days,
                    every_weeks: e,
                    anchor: a,
                    start: s,
                    end: en,
                } if e == every_weeks && s == start && en == end && (*e == 1 || a == anchor) => {
                    Some(days)
                }
                _ => None,
            });
            if let Some(days) = same {
                for day in new_days {
                    if !days.contains(day) {
                        days.push(*day);
                    }
                }
                continue;
            }
        }
        merged.push(schedule);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::sample_session;

    fn now() -> DateTime<Utc> {
        "2026-11-22T20:00:00Z".parse().unwrap()
    }

    fn draft() -> SessionDraft {
        let mut draft = SessionDraft::blank();
        draft.name = "Wednesday Tunes".into();
        draft.venue_name = "Hogan's".into();
        draft.town = "Ennis".into();
        draft.area = "Clare".into();
        draft.lat = "52.8436".into();
        draft.lng = "-8.9864".into();
        draft.schedules[0] = ScheduleDraft {
            kind: "weekly".into(),
            day: "wed".into(),
            start: "21:30".into(),
            ..Default::default()
        };
        draft.schedules[1] = ScheduleDraft {
            kind: "weekly".into(),
            day: "sat".into(),
            start: "21:30".into(),
            ..Default::default()
        };
        draft.schedules[2] = ScheduleDraft {
            kind: "monthly".into(),
            week: "last".into(),
            day: "sun".into(),
            start: "16:00".into(),
            end: "19:00".into(),
            ..Default::default()
        };
        draft.tags = vec!["slow".into(), "singing".into()];
        draft
    }

    fn build(draft: &SessionDraft) -> Result<Session, ValidationErrors> {
        draft.to_session(
            SessionId::parse("new").unwrap(),
            None,
            &"maire".into(),
            now(),
            |z| z == "Europe/Dublin",
        )
    }

    #[test]
    fn a_filled_form_makes_a_session() {
        let session = build(&draft()).unwrap();
        assert_eq!(session.country.name, "Ireland");
        assert_eq!(session.added_by, "maire");
        assert_eq!(session.tags, [Tag::Slow, Tag::Singing]);
        assert_eq!(
            session.schedule_line(),
            "Wednesdays and Saturdays from 21:30; Last Sunday of the month, 16:00–19:00",
            "same-time weekly rows become one schedule"
        );
        assert_eq!(session.last_confirmed, Some(now().date_naive()));
    }

    #[test]
    fn a_session_round_trips_through_the_form() {
        let session = sample_session("s1", "Doolin Trad", "IE");
        let again = SessionDraft::from_session(&session)
            .to_session(
                session.id.clone(),
                Some(&session),
                &"someone".into(),
                now(),
                |_| true,
            )
            .unwrap();
        assert_eq!(again.schedules, session.schedules);
        assert_eq!(again.name, session.name);
        assert_eq!(again.added_by, session.added_by, "the author stays");
        assert_eq!(again.created_at, session.created_at);
        assert_eq!(
            again.point.map(|p| (p.lat * 1e6).round()),
            session.point.map(|p| (p.lat * 1e6).round())
        );
    }

    #[test]
    fn every_problem_is_named_against_its_field() {
        let mut bad = draft();
        bad.name = " ".into();
        bad.lat = "north".into();
        bad.time_zone = "Mars/Olympus".into();
        bad.schedules[0].start = "9pm".into();
        bad.schedules[2].week = String::new();
        bad.status = "closed".into();
        bad.venue_website = "example.org".into();
        let err = build(&bad).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        for field in [
            "point",
            "time_zone",
            "schedules.0",
            "schedules.2",
            "status_reason",
            "name",
            "venue_website",
        ] {
            assert!(fields.contains(&field), "{field} missing from {fields:?}");
        }
        let mut none = draft();
        none.schedules = vec![ScheduleDraft::default(); 3];
        let err = build(&none).unwrap_err();
        assert!(err.to_string().contains("at least one schedule"), "{err}");
    }
}
