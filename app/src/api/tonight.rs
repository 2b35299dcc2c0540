//! "On tonight and next": the sessions starting soonest, wherever they are, read from the
//! store's start index (never by walking every session) and put in order by their real
//! next date in their own zone.
use chrono::{DateTime, TimeDelta, Utc};

use crate::model::occurrence::{
    is_over, next_before, week_minute, ASSUMED_HOURS, START_INDEX_SLACK_MINUTES, WEEK_MINUTES,
};
use crate::model::{ListedSession, SessionStatus};
use crate::store::{Store, StoreError, MAX_STARTS};

/// How far ahead "next" looks: tonight, and tomorrow for a visitor late in the evening.
pub const HORIZON_HOURS: i64 = 36;

/// Sessions read from each window for every card shown.
const CANDIDATES_PER_CARD: usize = 5;

/// The window of the latest starters, read apart from the earlier ones.
const RECENT_MINUTES: u32 = 120;

/// The `count` running sessions that are on now or start soonest within
/// [`HORIZON_HOURS`], soonest first (then by name), at most half of them under way (see
/// [`share_places`]), each with its next date in words. A store error is returned as it
/// is (not as a page error): the caller shows no section.
pub async fn tonight_and_next(
    store: &dyn Store,
    now: DateTime<Utc>,
    count: usize,
) -> Result<Vec<ListedSession>, StoreError> {
    // Three windows, read at once, each widened by what daylight saving can move an
    // indexed start: what started two to `ASSUMED_HOURS` ago and what started in the last
    // two hours (under way now), and what starts from now to the horizon. Apart, so that
    // where sessions are many the oldest (already over) cannot use up the places of the
    // latest starters, nor they those of the ones to come.
    let slack = START_INDEX_SLACK_MINUTES;
    let minute = week_minute(now);
    let before = |minutes: u32| (minute + WEEK_MINUTES - minutes) % WEEK_MINUTES;
    let back = ASSUMED_HOURS as u32 * 60 + slack;
    let ahead = HORIZON_HOURS as u32 * 60 + 2 * slack;
    // Five candidates a card: enough when some meet fortnightly or monthly (the index
    // lists them every week), and each is a session to read and a date to work out.
    let candidates = (count * CANDIDATES_PER_CARD).min(MAX_STARTS);
    let (earlier, recent, to_come) = tokio::join!(
        store.sessions_by_start(before(back), back - RECENT_MINUTES, candidates),
        store.sessions_by_start(before(RECENT_MINUTES), RECENT_MINUTES, candidates),
        store.sessions_by_start(before(slack), ahead, candidates)
    );
    let (earlier, recent, to_come) = (earlier?, recent?, to_come?);
    let horizon = now + TimeDelta::hours(HORIZON_HOURS);
    let mut seen = std::collections::HashSet::new();
    let mut soonest: Vec<_> = earlier
        .iter()
        .chain(recent.iter())
        .chain(to_come.iter())
        .filter(|s| seen.insert(s.id.clone()))
        .filter(|s| s.status == SessionStatus::Active && !is_over(s, now))
        .filter_map(|s| {
            let next = next_before(s, now, horizon)?;
            Some((next.start.with_timezone(&Utc), s))
        })
        .collect();
    soonest.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.name.cmp(&y.name)));
    let (under_way, to_come): (Vec<_>, Vec<_>) =
        soonest.into_iter().partition(|(start, _)| *start <= now);
    Ok(share_places(under_way, to_come, count)
        .into_iter()
        .map(|(_, s)| ListedSession::new(crate::i18n::use_lang(), s, now, None))
        .collect())
}

/// `count` places, soonest first, shared so that neither half crowds out the other: at the
/// evening's peak the sessions under way would fill every place and hide what starts
/// next. What is under way gets at most half (of those read, the ones that started last,
/// with the most of the night left); places either half cannot fill go to the other.
fn share_places<T>(mut under_way: Vec<T>, to_come: Vec<T>, count: usize) -> Vec<T> {
    let kept_for_under_way = under_way.len().min(count / 2);
    let to_come_places = to_come.len().min(count - kept_for_under_way);
    let under_way_places = under_way.len().min(count - to_come_places);
    let mut shown: Vec<T> = under_way.split_off(under_way.len() - under_way_places);
    shown.extend(to_come.into_iter().take(to_come_places));
    shown
}

#[cfg(test)]
mod tests {
    use super::share_places;

    #[test]
    fn neither_what_is_under_way_nor_what_is_next_crowds_out_the_other() {
        let under_way: Vec<u32> = (1..=20).collect();
        let to_come: Vec<u32> = (101..=120).collect();
        // At the peak: the six latest starters under way, then the six soonest to come.
        assert_eq!(
            share_places(under_way.clone(), to_come.clone(), 12),
            [15, 16, 17, 18, 19, 20, 101, 102, 103, 104, 105, 106]
        );
        // Few to come: what is under way fills their places, and the reverse.
        assert_eq!(
            share_places(under_way.clone(), vec![101, 102], 12),
            [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 101, 102]
        );
        assert_eq!(
            share_places(vec![1, 2], to_come.clone(), 12),
            [1, 2, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110]
        );
        assert_eq!(share_places(Vec::<u32>::new(), vec![101], 12), [101]);
        assert_eq!(share_places(under_way, to_come, 1), [101]);
    }
}
