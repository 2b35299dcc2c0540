//! The digest: each member who follows places is emailed, once a day or once a week as
//! they chose, what was added, changed or went a year unconfirmed there since their last
//! digest. Run by `server digest`, the Lambda's `SEISIUN_TASK=digest` on a schedule, or
//! the local outbox page's button; a run twice sends once, because each digest is
//! claimed by moving the member's mark with a conditional write before it is sent, and
//! marked sent after. A run that stops in between leaves a claim that the first run
//! after its lease sends again ([`app::model::DigestMark`]): never lost, rarely twice.
pub mod compose;
pub mod news;

use std::collections::HashMap;

use app::model::{Cadence, DigestMark, Follow, FollowTarget, MarkState, MemberId, Session};
use app::store::{Store, StoreError, MAX_FOLLOWS_READ};
use chrono::{DateTime, Utc};

use crate::mail::{MailError, Mailer};
use compose::{digest_email, Section};
use news::{may_have_news, news_of, News, Period};

/// The most sessions of one followed place a run reads (a whole country can hold more;
/// its digest then tells of the first this many by area, town and name).
pub const PLACE_SESSIONS_READ: usize = 2_000;

/// What a run did, for the log and the Lambda's answer.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DigestRun {
    /// Digests that went out.
    pub sent: usize,
    /// Members whose digest was not due yet (sent less than a day or a week ago).
    pub not_due: usize,
    /// Due, but nothing happened where they follow: nothing sent.
    pub quiet: usize,
    /// Claimed by another run, at the same time or one that stopped less than a claim's
    /// lease ago (`app::model::CLAIM_LEASE`): sent by the first run after it.
    pub claimed_elsewhere: usize,
    /// Digests the mail service did not take (refused or unavailable): given back, so
    /// the next run sends them.
    pub not_sent: usize,
    /// Members whose digest could not be worked out (a store failure): skipped, the rest
    /// went on; the next run tries them again.
    pub failed_members: usize,
}

impl DigestRun {
    /// Whether anything due was left unsent: the run then fails (after doing everyone
    /// else), so the schedule retries and the errors alarm sees it.
    pub fn left_work(&self) -> bool {
        self.not_sent > 0 || self.failed_members > 0
    }
}

/// How a run is asked to go.
#[derive(Debug, Clone, Copy)]
pub struct RunAt {
    pub now: DateTime<Utc>,
    /// News is reported up to `now - settle`: DynamoDB's index reads are eventually
    /// consistent, so a session saved a moment ago may not be in them yet, and must be
    /// left for the next digest rather than missed (zero for the embedded store).
    pub settle: chrono::Duration,
}

impl RunAt {
    /// A run now, with the settle margin the store needs.
    pub fn now_for(store: &crate::config::StoreKind) -> Self {
        Self {
            now: Utc::now(),
            settle: match store {
                crate::config::StoreKind::Embedded => chrono::Duration::zero(),
                crate::config::StoreKind::DynamoDb { .. } => chrono::Duration::minutes(5),
            },
        }
    }
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The site's address is the template's placeholder: links in emails would be dead.
    #[error("SITE_URL is {0}, not the site's address: no digest is sent until it is set")]
    NoSiteUrl(String),
}

/// Sessions read per followed target, and revisions per session, shared by every member
/// following the same place in one run.
#[derive(Default)]
struct Reads {
    sessions: HashMap<String, Vec<Session>>,
    history: HashMap<app::model::SessionId, Vec<app::model::Revision>>,
}

impl Reads {
    async fn sessions_of(
        &mut self,
        store: &dyn Store,
        target: &FollowTarget,
    ) -> Result<&[Session], StoreError> {
        let id = target.id();
        if !self.sessions.contains_key(&id) {
            let found = match target {
                FollowTarget::Place { place } => {
                    app::store::sessions_in_place_up_to(store, place, PLACE_SESSIONS_READ).await?
                }
                FollowTarget::Near { centre, radius_km } => store
                    .sessions_near(*centre, f64::from(*radius_km))
                    .await?
                    .into_iter()
                    .map(|n| n.session)
                    .collect(),
            };
            self.sessions.insert(id.clone(), found);
        }
        Ok(&self.sessions[&id])
    }

    async fn news(
        &mut self,
        store: &dyn Store,
        follow: &Follow,
        period: Period,
    ) -> Result<Vec<(Session, News)>, StoreError> {
        // A follow made in the period reports only what came after it.
        let period = Period {
            since: period.since.max(follow.since),
            ..period
        };
        let candidates: Vec<Session> = self
            .sessions_of(store, &follow.target)
            .await?
            .iter()
            .filter(|s| may_have_news(s, period))
            .cloned()
            .collect();
        let mut found = Vec::new();
        for session in candidates {
            if !self.history.contains_key(&session.id) {
                let history = store
                    .session_with_activity(&session.id)
                    .await?
                    .map(|(_, activity)| activity.history)
                    .unwrap_or_default();
                self.history.insert(session.id.clone(), history);
            }
            if let Some(news) = news_of(&session, &self.history[&session.id], period) {
                found.push((session, news));
            }
        }
        Ok(found)
    }
}

/// Runs the digest: every member's follows, walked in member order. A member whose
/// digest fails is counted and skipped; only a failure to walk the follows stops the run.
pub async fn run(
    store: &dyn Store,
    mailer: &dyn Mailer,
    site_url: &str,
    at: RunAt,
) -> Result<DigestRun, DigestError> {
    if site_url.ends_with(".invalid") {
        return Err(DigestError::NoSiteUrl(site_url.to_string()));
    }
    let mut outcome = DigestRun::default();
    let mut reads = Reads::default();
    let mut member_follows: Vec<Follow> = Vec::new();
    let mut after: Option<(MemberId, String)> = None;
    loop {
        let page = store
            .follows_after(
                after.as_ref().map(|(m, id)| (m, id.as_str())),
                MAX_FOLLOWS_READ,
            )
            .await?;
        let done = page.len() < MAX_FOLLOWS_READ;
        if let Some(last) = page.last() {
            after = Some((last.member.clone(), last.id()));
        }
        for follow in page {
            if member_follows
                .first()
                .is_some_and(|f| f.member != follow.member)
            {
                let follows = std::mem::take(&mut member_follows);
                digest_member(
                    store,
                    mailer,
                    site_url,
                    at,
                    &mut reads,
                    &follows,
                    &mut outcome,
                )
                .await;
            }
            member_follows.push(follow);
        }
        if done {
            break;
        }
    }
    if !member_follows.is_empty() {
        digest_member(
            store,
            mailer,
            site_url,
            at,
            &mut reads,
            &member_follows,
            &mut outcome,
        )
        .await;
    }
    tracing::info!(?outcome, "digest run");
    Ok(outcome)
}

/// One member's digests: one per cadence they chose for some follow. A failure is
/// logged and counted, never passed on: the members after them still get theirs.
async fn digest_member(
    store: &dyn Store,
    mailer: &dyn Mailer,
    site_url: &str,
    at: RunAt,
    reads: &mut Reads,
    follows: &[Follow],
    outcome: &mut DigestRun,
) {
    for cadence in Cadence::ALL {
        let of_cadence: Vec<&Follow> = follows.iter().filter(|f| f.cadence == cadence).collect();
        if of_cadence.is_empty() {
            continue;
        }
        if let Err(err) = digest_one(
            store,
            mailer,
            site_url,
            at,
            reads,
            follows,
            &of_cadence,
            outcome,
        )
        .await
        {
            tracing::warn!(member = %of_cadence[0].member, error = %err, "digest skipped for a member");
            outcome.failed_members += 1;
        }
    }
}

/// The member's digest of one cadence (`of_cadence`, never empty); `all` is every follow
/// of theirs, for the link that stops them all.
#[allow(clippy::too_many_arguments)]
async fn digest_one(
    store: &dyn Store,
    mailer: &dyn Mailer,
    site_url: &str,
    at: RunAt,
    reads: &mut Reads,
    all: &[Follow],
    of_cadence: &[&Follow],
    outcome: &mut DigestRun,
) -> Result<(), StoreError> {
    let cadence = of_cadence[0].cadence;
    let member = &of_cadence[0].member;
    let mark = store.digest_mark(member, cadence).await?;
    // Where this digest's period begins: where the last one sent ended, or, for one a
    // stopped run claimed and never sent, where that one's began.
    let state = DigestMark::state(mark.as_ref(), at.now);
    let sent_until = match state {
        MarkState::Claimed => {
            outcome.claimed_elsewhere += 1;
            return Ok(());
        }
        MarkState::SentUntil(Some(sent)) if at.now - sent < cadence.interval() => {
            outcome.not_due += 1;
            return Ok(());
        }
        MarkState::SentUntil(sent) => sent,
        MarkState::Abandoned { since } => since,
    };
    let abandoned = matches!(state, MarkState::Abandoned { .. });
    let until = at.now - at.settle;
    let since =
        sent_until.unwrap_or_else(|| of_cadence.iter().map(|f| f.since).min().unwrap_or(until));
    let period = Period { since, until };
    let mut found = Vec::new();
    for follow in of_cadence {
        let news = reads.news(store, follow, period).await?;
        if !news.is_empty() {
            found.push((*follow, news));
        }
    }
    if found.is_empty() {
        outcome.quiet += 1;
        if abandoned {
            // Nothing to tell after all: the stopped run's claim is settled as sent.
            store
                .move_digest_mark(
                    member,
                    cadence,
                    mark.as_ref(),
                    Some(&DigestMark::sent(until)),
                )
                .await?;
        }
        return Ok(());
    }
    if abandoned {
        tracing::warn!(%member, "a digest claimed by a run that stopped is sent again");
    }
    let claim = DigestMark::claim(until, sent_until, at.now);
    if !store
        .move_digest_mark(member, cadence, mark.as_ref(), Some(&claim))
        .await?
    {
        outcome.claimed_elsewhere += 1;
        return Ok(());
    }
    let sections: Vec<Section> = found
        .iter()
        .map(|(follow, news)| Section {
            follow,
            news: news.iter().map(|(s, n)| (s, n.clone())).collect(),
        })
        .collect();
    // The follow the member made last speaks for them: its address, and the language of
    // the page they made it on.
    let latest = all
        .iter()
        .max_by_key(|f| f.last_followed())
        .unwrap_or(&all[0]);
    let email = digest_email(site_url, &latest.email, cadence, &sections, latest);
    if let Err(err) = mailer.send(&email).await {
        // Given back whatever the reason, so nothing is lost: a misconfigured sender or
        // an outage must not eat everyone's news. An address SES keeps refusing shows
        // up in the log and the failed run, every day, until someone looks.
        let reason = match &err {
            MailError::Refused(r) | MailError::Unavailable(r) => r.clone(),
        };
        tracing::warn!(%member, %reason, "digest not sent; given back for the next run");
        outcome.not_sent += 1;
        store
            .move_digest_mark(member, cadence, Some(&claim), mark.as_ref())
            .await?;
        return Ok(());
    }
    outcome.sent += 1;
    // Sent: said so, or a run after the lease sends it again. Failing to say it is
    // logged, not counted as unsent: the email went.
    let sent = DigestMark::sent(until);
    match store
        .move_digest_mark(member, cadence, Some(&claim), Some(&sent))
        .await
    {
        Ok(true) => {}
        Ok(false) => tracing::warn!(%member, "a digest's claim changed while it was sent"),
        Err(err) => {
            tracing::warn!(%member, error = %err, "digest sent but not marked; it may go again")
        }
    }
    Ok(())
}
