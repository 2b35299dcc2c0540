//! Valid sample data for tests of the model, the store contract and the adapters.
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::*;

/// A valid session in the given country, for tests.
pub fn sample_session(id: &str, name: &str, country_code: &str) -> Session {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let country_name = match country_code {
        "IE" => "Ireland",
        "GB" => "United Kingdom",
        "US" => "United States",
        other => other,
    };
    Session {
        id: SessionId::parse(id).expect("a test id must be one we would make"),
        name: name.to_string(),
        venue: Venue {
            name: format!("{name} venue"),
            phone: Some("+353 1 234 5678".into()),
            email: None,
            website: Some("https://example.org/".into()),
        },
        address: "1 Main Street".into(),
        town: "Ennis".into(),
        area: "Clare".into(),
        country: Country {
            code: country_code.to_string(),
            name: country_name.to_string(),
        },
        point: Some(GeoPoint {
            lat: 52.8436,
            lng: -8.9864,
        }),
        time_zone: "Europe/Dublin".into(),
        schedules: vec![Schedule::Weekly {
            days: vec![Weekday::Thu],
            every_weeks: 1,
            anchor: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            start: NaiveTime::from_hms_opt(21, 30, 0).unwrap(),
            end: None,
        }],
        tags: vec![Tag::Open, Tag::Singing],
        status: SessionStatus::Active,
        description: "Bring a tune.\nAll welcome.".into(),
        last_confirmed: NaiveDate::from_ymd_opt(2026, 2, 1),
        added_by: "tester".into(),
        created_at: at,
        updated_at: at,
        version: 0,
        hidden: false,
        over: false,
    }
}

/// A local time, for tests: `t(21, 30)`.
pub fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

/// A date, for tests: `d(2026, 3, 29)`.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a valid date")
}
