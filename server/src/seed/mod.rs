//! Demo data made by our own code: realistic sessions in real towns, deterministic for a
//! given seed value, and safe to seed twice (existing ids are left untouched).
mod names;
mod places;
mod reviews;

use app::model::*;
use app::store::{Store, StoreError};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use places::{Place, PLACES};

/// Who demo sessions are "added by".
pub const DEMO_AUTHOR: &str = "seisiun-demo";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedReport {
    pub created: usize,
    pub already_present: usize,
    /// Demo reviews written with the sessions created.
    pub reviews: usize,
}

/// Creates the demo sessions that are not in the store yet, with their demo reviews.
pub async fn seed(store: &dyn Store, seed: u64, count: usize) -> Result<SeedReport, StoreError> {
    let mut report = SeedReport::default();
    for session in generate(seed, count) {
        match store.create_session(&session, None).await {
            Ok(()) => {
                report.created += 1;
                // Only with a new session, so a member's later edits are never undone.
                for review in reviews::for_session(seed, &session) {
                    store.put_review(&review).await?;
                    report.reviews += 1;
                }
            }
            Err(StoreError::AlreadyExists(_)) => report.already_present += 1,
            Err(other) => return Err(other),
        }
    }
    Ok(report)
}

/// `count` sessions, the same ones every time for the same `seed`.
pub fn generate(seed: u64, count: usize) -> Vec<Session> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let weights =
        WeightedIndex::new(PLACES.iter().map(|p| p.weight)).expect("weights are positive");
    (0..count)
        .map(|i| {
            let place = &PLACES[weights.sample(&mut rng)];
            one_session(&mut rng, stable_id(seed, i as u64), place)
        })
        .collect()
}

/// A short id from (seed, index): stable across runs, spread so ids don't reveal order.
fn stable_id(seed: u64, index: u64) -> SessionId {
    // splitmix64: a fixed, well-mixed permutation of 64-bit values.
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index.wrapping_add(1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    SessionId::parse(&format!("{:012x}", z & 0xFFFF_FFFF_FFFF)).expect("12 hex digits are an id")
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn times(rng: &mut ChaCha8Rng, day: Weekday) -> (NaiveTime, Option<NaiveTime>) {
    let afternoon = matches!(day, Weekday::Sat | Weekday::Sun) && rng.random_bool(0.4);
    let start = if afternoon {
        hm(rng.random_range(13..=16), 0)
    } else {
        hm(
            rng.random_range(20..=21),
            *[0, 30].choose(rng).expect("non-empty"),
        )
    };
    let end = rng
        .random_bool(0.5)
        .then(|| start + Duration::minutes(*[120, 150, 180].choose(rng).expect("non-empty")));
    (start, end)
}

fn schedules(rng: &mut ChaCha8Rng) -> (Vec<Schedule>, Weekday, bool) {
    let day = *WEEKDAYS.choose(rng).expect("non-empty");
    let (start, end) = times(rng, day);
    let anchor = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date")
        + Duration::days(rng.random_range(0..14));
    let weekly = |days: Vec<Weekday>, every_weeks| Schedule::Weekly {
        days,
        every_weeks,
        anchor,
        start,
        end,
    };
    let roll: f64 = rng.random();
    let mut one_off = false;
    let list = if roll < 0.55 {
        vec![weekly(vec![day], 1)]
    } else if roll < 0.65 {
        let other = day.succ().succ();
        let mut days = vec![day, other];
        days.sort_by_key(|d| d.num_days_from_monday());
        vec![weekly(days, 1)]
    } else if roll < 0.75 {
        vec![weekly(vec![day], 2)]
    } else if roll < 0.83 {
        let week = *[
            WeekOfMonth::First,
            WeekOfMonth::Second,
            WeekOfMonth::Third,
            WeekOfMonth::Fourth,
        ]
        .choose(rng)
        .expect("non-empty");
        vec![Schedule::Monthly {
            week,
            day,
            start,
            end,
        }]
    } else if roll < 0.90 {
        vec![Schedule::Monthly {
            week: WeekOfMonth::Last,
            day,
            start,
            end,
        }]
    } else if roll < 0.95 {
        one_off = true;
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).expect("valid date")
            + Duration::days(rng.random_range(0..400));
        vec![Schedule::Once { date, start, end }]
    } else {
        vec![
            weekly(vec![day], 1),
            Schedule::Monthly {
                week: WeekOfMonth::First,
                day: Weekday::Sun,
                start: hm(15, 0),
                end: Some(hm(18, 0)),
            },
        ]
    };
    let first_day = match &list[0] {
        Schedule::Once { date, .. } => chrono::Datelike::weekday(date),
        _ => day,
    };
    (list, first_day, one_off)
}

fn tags(rng: &mut ChaCha8Rng, online: bool) -> Vec<Tag> {
    const CHANCES: [(Tag, f64); 7] = [
        (Tag::Open, 0.6),
        (Tag::Slow, 0.15),
        (Tag::BeginnerFriendly, 0.2),
        (Tag::Singing, 0.3),
        (Tag::SetDancing, 0.08),
        (Tag::WheelchairAccessible, 0.25),
        (Tag::FamilyFriendly, 0.15),
    ];
    let mut tags: Vec<Tag> = CHANCES
        .iter()
        .filter(|(_, chance)| rng.random_bool(*chance))
        .map(|(tag, _)| *tag)
        .collect();
    // "Advanced" never sits beside "slow" or "beginner-friendly".
    let gentle = tags.contains(&Tag::Slow) || tags.contains(&Tag::BeginnerFriendly);
    if !gentle && rng.random_bool(0.12) {
        tags.push(Tag::Advanced);
    }
    if online {
        tags.push(Tag::Online);
    }
    tags.sort();
    tags
}

fn venue_name(rng: &mut ChaCha8Rng) -> String {
    let surname = names::SURNAMES.choose(rng).expect("non-empty");
    let noun = names::VENUE_NOUNS.choose(rng).expect("non-empty");
    let kind = names::VENUE_KINDS.choose(rng).expect("non-empty");
    match rng.random_range(0..4) {
        0 => format!("{surname}'s"),
        1 => format!("The {noun}"),
        2 => format!("The {noun} {kind}"),
        _ => format!("{surname}'s {kind}"),
    }
}

fn dialling_code(country_code: &str) -> &'static str {
    match country_code {
        "IE" => "+353",
        "GB" => "+44",
        "US" | "CA" => "+1",
        "AU" => "+61",
        "NZ" => "+64",
        "DE" => "+49",
        "FR" => "+33",
        "ES" => "+34",
        "NL" => "+31",
        "BE" => "+32",
        "DK" => "+45",
        "SE" => "+46",
        "CZ" => "+420",
        "IT" => "+39",
        "JP" => "+81",
        _ => "+0",
    }
}

fn slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

fn one_session(rng: &mut ChaCha8Rng, id: SessionId, place: &Place) -> Session {
    let online = rng.random_bool(0.03);
    let (schedules, day, one_off) = schedules(rng);
    let tags = tags(rng, online);
    let venue = if online {
        "Online".to_string()
    } else {
        venue_name(rng)
    };
    let name = if one_off {
        format!("{} festival session", place.town)
    } else if online {
        format!("{} online {} session", place.town, day_name(day))
    } else if tags.contains(&Tag::Slow) {
        format!("{} slow session at {venue}", place.town)
    } else {
        match rng.random_range(0..3) {
            0 => format!("{} session at {venue}", day_name(day)),
            1 => format!("{venue} trad session"),
            _ => format!("{} {} session", place.town, day_name(day)),
        }
    };
    let point = (!online).then(|| GeoPoint {
        lat: place.lat + rng.random_range(-0.01..0.01),
        lng: place.lng + rng.random_range(-0.01..0.01),
    });
    let status = match rng.random_range(0..100) {
        0..=91 => SessionStatus::Active,
        92..=96 => SessionStatus::Paused,
        _ => SessionStatus::Closed {
            reason: "The venue has stopped hosting music.".into(),
        },
    };
    let created_at = Utc
        .with_ymd_and_hms(2024, 1, 1, 12, 0, 0)
        .single()
        .expect("valid instant")
        + Duration::minutes(rng.random_range(0..(2 * 365 * 24 * 60)));
    let updated_at = created_at + Duration::days(rng.random_range(0..120));
    let last_confirmed = rng.random_bool(0.85).then(|| {
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date")
            - Duration::days(rng.random_range(0..540))
    });
    let phone = rng.random_bool(0.6).then(|| {
        format!(
            "{} {} {}",
            dialling_code(place.country_code),
            rng.random_range(10..99),
            rng.random_range(1_000_000..9_999_999)
        )
    });
    let website =
        (!online && rng.random_bool(0.4)).then(|| format!("https://example.com/{}", slug(&venue)));
    Session {
        address: if online {
            String::new()
        } else {
            format!(
                "{} {}",
                rng.random_range(1..80),
                names::STREETS.choose(rng).expect("non-empty")
            )
        },
        id,
        name,
        venue: Venue {
            name: venue,
            phone,
            email: None,
            website,
        },
        town: place.town.to_string(),
        area: place.area.to_string(),
        country: Country {
            code: place.country_code.to_string(),
            name: place.country.to_string(),
        },
        point,
        time_zone: place.time_zone.to_string(),
        schedules,
        tags,
        status,
        description: names::DESCRIPTIONS
            .choose(rng)
            .expect("non-empty")
            .to_string(),
        last_confirmed,
        added_by: DEMO_AUTHOR.into(),
        created_at,
        updated_at,
        version: 0,
        hidden: false,
        over: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_same_seed_gives_the_same_sessions() {
        assert_eq!(generate(7, 50), generate(7, 50));
        assert_ne!(generate(7, 50), generate(8, 50));
    }

    #[test]
    fn a_longer_run_starts_with_the_shorter_one() {
        let short = generate(3, 20);
        assert_eq!(&generate(3, 40)[..20], short.as_slice());
    }

    #[test]
    fn the_default_run_is_varied_and_valid() {
        let sessions = generate(2026, 360);
        let ids: HashSet<_> = sessions.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids.len(), 360, "ids are unique");
        let countries: HashSet<_> = sessions.iter().map(|s| s.country.code.clone()).collect();
        assert!(countries.len() >= 10, "{countries:?}");
        for s in &sessions {
            s.validate()
                .unwrap_or_else(|e| panic!("{} is invalid: {e}", s.name));
        }
        let kinds: HashSet<_> = sessions
            .iter()
            .flat_map(|s| &s.schedules)
            .map(|sch| match sch {
                Schedule::Weekly { every_weeks: 1, .. } => "weekly",
                Schedule::Weekly { .. } => "every-n-weeks",
                Schedule::Monthly {
                    week: WeekOfMonth::Last,
                    ..
                } => "last-weekday",
                Schedule::Monthly { .. } => "nth-weekday",
                Schedule::Once { .. } => "once",
            })
            .collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(sessions.iter().any(|s| s.schedules.len() > 1));
        assert!(sessions
            .iter()
            .any(|s| s.point.is_none() && s.tags.contains(&Tag::Online)));
        let tags: HashSet<_> = sessions.iter().flat_map(|s| s.tags.clone()).collect();
        assert_eq!(tags.len(), Tag::ALL.len(), "{tags:?}");
    }

    #[test]
    fn points_stay_near_their_town() {
        for s in generate(11, 200) {
            let place = PLACES.iter().find(|p| p.town == s.town).unwrap();
            if let Some(point) = s.point {
                assert!(
                    (point.lat - place.lat).abs() < 0.02 && (point.lng - place.lng).abs() < 0.02
                );
            }
            assert_eq!(s.time_zone, place.time_zone);
        }
    }
}
