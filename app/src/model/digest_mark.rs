//! Where a member's digests of one cadence stand: the end of the period the last one told
//! of, and, while a run is sending one, that run's claim. A run claims before it sends
//! (so two runs never both send) and says it was sent after; a claim that stays unsaid
//! past [`CLAIM_LEASE`] was left by a run that stopped in between, and the next run sends
//! that period again: a digest may, rarely, go twice, but is never lost.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a claim holds. A claim carries the time its run started, and the digest task
/// is stopped 15 minutes after it starts (its timeout, a template test checks), so a claim
/// older than this belongs to a run that is gone. (Lambda's own retries of a run that
/// timed out come within the lease and leave its claims: the next day's run sends them.)
pub const CLAIM_LEASE: Duration = Duration::minutes(20);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestMark {
    /// The end of the period the last digest told of (or is telling of, while claimed).
    pub until: DateTime<Utc>,
    /// Set from the claim until the run says the digest went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sending: Option<Claim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// When the run that claimed it started.
    pub at: DateTime<Utc>,
    /// Where the claimed period began: the mark before the claim (`None` for a member's
    /// first digest, whose period begins at their follows).
    pub since: Option<DateTime<Utc>>,
}

/// What a run at some moment makes of a member's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkState {
    /// Sent up to this time (`None`: never); due or not is the cadence's to say.
    SentUntil(Option<DateTime<Utc>>),
    /// Another run is sending it now.
    Claimed,
    /// A run claimed it and stopped before saying it went: to send again, from `since`.
    Abandoned { since: Option<DateTime<Utc>> },
}

impl DigestMark {
    /// A digest that went, telling of the period up to `until`.
    pub fn sent(until: DateTime<Utc>) -> Self {
        Self {
            until,
            sending: None,
        }
    }

    /// The claim a run started at `at` makes on the period from `since` to `until`.
    pub fn claim(until: DateTime<Utc>, since: Option<DateTime<Utc>>, at: DateTime<Utc>) -> Self {
        Self {
            until,
            sending: Some(Claim { at, since }),
        }
    }

    /// The end of what surely went: a claim's period may not have.
    pub fn surely_sent_until(&self) -> Option<DateTime<Utc>> {
        match &self.sending {
            None => Some(self.until),
            Some(claim) => claim.since,
        }
    }

    /// The mark as a run at `now` sees it (`mark` is `None` before a first digest).
    pub fn state(mark: Option<&Self>, now: DateTime<Utc>) -> MarkState {
        match mark {
            None => MarkState::SentUntil(None),
            Some(Self {
                sending: None,
                until,
            }) => MarkState::SentUntil(Some(*until)),
            Some(Self {
                sending: Some(claim),
                ..
            }) if now - claim.at < CLAIM_LEASE => MarkState::Claimed,
            Some(Self {
                sending: Some(claim),
                ..
            }) => MarkState::Abandoned { since: claim.since },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_claim_holds_for_its_lease_and_is_then_sent_again_from_its_start() {
        let monday = at("2026-11-30T07:00:00Z");
        let tuesday = at("2026-12-01T07:00:00Z");
        assert_eq!(DigestMark::state(None, tuesday), MarkState::SentUntil(None));
        let sent = DigestMark::sent(monday);
        assert_eq!(
            DigestMark::state(Some(&sent), tuesday),
            MarkState::SentUntil(Some(monday))
        );
        let claim = DigestMark::claim(tuesday, Some(monday), tuesday);
        let later = |minutes| tuesday + Duration::minutes(minutes);
        assert_eq!(
            DigestMark::state(Some(&claim), later(19)),
            MarkState::Claimed
        );
        assert_eq!(
            DigestMark::state(Some(&claim), later(20)),
            MarkState::Abandoned {
                since: Some(monday)
            }
        );
        assert_eq!(sent.surely_sent_until(), Some(monday));
        assert_eq!(claim.surely_sent_until(), Some(monday));
    }
}
