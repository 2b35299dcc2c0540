//! The hourly upkeep: one-off sessions whose date has passed are marked over, so they
//! leave every list, search, feed and count while their pages stay and say so; then the
//! sitemap listing is rebuilt from what is listed. Run by the local server at start and on
//! a timer, in AWS by the scheduled task (`SEISIUN_TASK=sitemap`), and by hand with
//! `server sitemap`.
use app::model::occurrence::one_off_end;
use app::model::{MemberId, SitemapOutline};
use app::store::{change_session, Store, StoreError, MAX_PAGE_SIZE};
use chrono::{DateTime, Utc};

use crate::feeds::sitemap::{rebuild, MAX_PAGES_PER_FILE};

/// Who the upkeep's changes are by, should one ever need saying.
pub const UPKEEP_MEMBER: &str = "seisiun-upkeep";
/// At most this many rounds of [`MAX_PAGE_SIZE`] a run: the rest waits an hour.
const MAX_ROUNDS: usize = 50;

/// What one run did.
#[derive(Debug)]
pub struct Upkeep {
    pub retired: usize,
    pub sitemap: SitemapOutline,
}

/// Retires ended one-offs, then rebuilds the sitemap, whether or not the first part
/// worked (its failure is logged; the sitemap's fails the run).
pub async fn run(store: &dyn Store, now: DateTime<Utc>) -> Result<Upkeep, StoreError> {
    let retired = retire_ended(store, now).await.unwrap_or_else(|err| {
        tracing::warn!(error = %err, "could not read the ended one-offs; next hour, then");
        0
    });
    let sitemap = rebuild(store, MAX_PAGES_PER_FILE).await?;
    Ok(Upkeep { retired, sitemap })
}

/// Marks every listed one-off that ended before `now` as over; how many it marked. A
/// session that cannot be marked is logged and skipped (it is tried again next hour);
/// only failing to read the index fails the run.
pub async fn retire_ended(store: &dyn Store, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let by = MemberId::new(UPKEEP_MEMBER);
    let mut retired = 0;
    let mut tried = std::collections::HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let ended = store.ended_one_offs(now, MAX_PAGE_SIZE).await?;
        let fresh: Vec<_> = ended
            .into_iter()
            .filter(|s| tried.insert(s.id.clone()))
            .collect();
        if fresh.is_empty() {
            break;
        }
        for session in fresh {
            // Decided again on what the write reads: an author who just gave it a new
            // date keeps it listed. Not an edit anyone wrote: no revision.
            let still_ended = |s: &mut app::model::Session| {
                if one_off_end(s).is_some_and(|end| end <= now) {
                    s.over = true;
                }
            };
            match change_session(store, &session.id, (&by, "Seisiún"), still_ended).await {
                Ok(stored) if stored.over => retired += 1,
                Ok(_) | Err(StoreError::NotFound(_)) => {}
                Err(err) => {
                    tracing::warn!(session = %session.id, error = %err, "could not mark an ended one-off over");
                }
            }
        }
    }
    if retired > 0 {
        tracing::info!(retired, "one-off sessions that are over left the lists");
    }
    Ok(retired)
}
