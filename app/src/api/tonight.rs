//! "On tonight and next": the sessions starting soonest, wherever they are, read from the
//! store's start index (never by walking every session) and put in order by their real
//! next date in their own zone.
use chrono::{DateTime, TimeDelta, Utc};

use crate::error::AppError;
use crate::model::occurrence::{
    is_over, next_occurrences, week_minute, ASSUMED_HOURS, START_INDEX_SLACK_MINUTES, WEEK_MINUTES,
};
use crate::model::{ListedSession, SessionStatus};
use crate::store::{Store, MAX_STARTS};

/// How far ahead "next" looks: tonight, and tomorrow for a visitor late in the evening.
pub const HORIZON_HOURS: i64 = 36;

/// The `count` running sessions that are on now or start soonest within
/// [`HORIZON_HOURS`], soonest first (then by name), each with its next date in words.
pub async fn tonight_and_next(
    store: &dyn Store,
    now: DateTime<Utc>,
    count: usize,
) -> Result<Vec<ListedSession>, AppError> {
    // From the start of anything still under way, for the horizon, each end widened by
    // what daylight saving can move an indexed start.
    let back = ASSUMED_HOURS as u32 * 60 + START_INDEX_SLACK_MINUTES;
    let from = (week_minute(now) + WEEK_MINUTES - back) % WEEK_MINUTES;
    let within = back + HORIZON_HOURS as u32 * 60 + START_INDEX_SLACK_MINUTES;
    let candidates = store.sessions_by_start(from, within, MAX_STARTS).await?;
    let horizon = now + TimeDelta::hours(HORIZON_HOURS);
    let mut soonest: Vec<_> = candidates
        .iter()
        .filter(|s| s.status == SessionStatus::Active && !is_over(s, now))
        .filter_map(|s| {
            let next = next_occurrences(s, now, 1).into_iter().next()?;
            (next.start < horizon).then(|| (next.start.with_timezone(&Utc), s))
        })
        .collect();
    soonest.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.name.cmp(&y.name)));
    Ok(soonest
        .into_iter()
        .take(count)
        .map(|(_, s)| ListedSession::new(s, now, None))
        .collect())
}
