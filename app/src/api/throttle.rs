//! Brakes on guessing and on mail bombing: failed sign-ins (and wrong codes) are limited
//! per account and per address, and so is anything that sends an email (sign-up, a new
//! code, a password reset). A member who signs in right is never held back by it.
//! Limits live in memory, per server process: in AWS each Lambda instance keeps its own,
//! and Cognito's own per-account lockout stands behind them.
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// What a limited attempt is for; each has its own allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A failed sign-in, or a wrong confirmation or reset code.
    Failure,
    /// Anything that emails a code: sign-up, resend, password reset.
    SendsEmail,
    /// Anything a member writes: a review, a session, a report, a bookmark.
    Write,
}

struct Limits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// `burst` attempts at once, then one more every `every`.
fn limiter<K: std::hash::Hash + Eq + Clone>(
    burst: u32,
    every: Duration,
) -> DefaultKeyedRateLimiter<K> {
    let quota = Quota::with_period(every)
        .expect("a non-zero period")
        .allow_burst(NonZeroU32::new(burst).expect("a non-zero burst"));
    RateLimiter::keyed(quota)
}

pub struct Throttle {
    failures: Limits,
    sends_email: Limits,
    writes: Limits,
    /// Accounts and addresses whose failures ran out, until when. governor cannot tell
    /// whether a key is spent without spending it, and successes must not count.
    held: Mutex<HashMap<String, Instant>>,
    checks: AtomicU32,
}

fn account_key(account: &str) -> String {
    format!("account:{}", account.trim().to_lowercase())
}

fn address_key(address: IpAddr) -> String {
    format!("address:{address}")
}

impl Default for Throttle {
    /// Failures: 5 an account then one a minute; 20 an address then one every 6 s.
    /// Email: 3 an account then one every 5 minutes; 10 an address then one a minute.
    /// Writes: 30 a member then one every 10 s; 60 an address then one every 5 s — far
    /// above anyone writing by hand, well below a script flooding the site.
    fn default() -> Self {
        Self {
            failures: Limits {
                per_account: limiter(5, Duration::from_secs(60)),
                per_address: limiter(20, Duration::from_secs(6)),
            },
            sends_email: Limits {
                per_account: limiter(3, Duration::from_secs(300)),
                per_address: limiter(10, Duration::from_secs(60)),
            },
            writes: Limits {
                per_account: limiter(30, Duration::from_secs(10)),
                per_address: limiter(60, Duration::from_secs(5)),
            },
            held: Mutex::new(HashMap::new()),
            checks: AtomicU32::new(0),
        }
    }
}

impl Throttle {
    /// Counts an attempt; `Err(wait)` when the account or the address has had too many.
    /// A refused failure also holds back whichever ran out until the wait is over.
    pub fn check(&self, attempt: Attempt, account: &str, address: IpAddr) -> Result<(), Duration> {
        let limits = match attempt {
            Attempt::Failure => &self.failures,
            Attempt::SendsEmail => &self.sends_email,
            Attempt::Write => &self.writes,
        };
        self.forget_idle_keys();
        let now = DefaultClock::default().now();
        // Both are counted, so a guesser spreading over accounts still meets the address limit.
        let by_address = limits.per_address.check_key(&address);
        let by_account = limits.per_account.check_key(&account.trim().to_lowercase());
        if by_address.is_ok() && by_account.is_ok() {
            return Ok(());
        }
        let mut wait = Duration::ZERO;
        let mut held = self.held.lock().expect("held lock");
        for (key, outcome) in [
            (address_key(address), by_address),
            (account_key(account), by_account),
        ] {
            if let Err(not_until) = outcome {
                let this_wait = not_until.wait_time_from(now);
                wait = wait.max(this_wait);
                // Only what ran out is held back, and only for failures.
                if attempt == Attempt::Failure {
                    held.insert(key, Instant::now() + this_wait);
                }
            }
        }
        Err(wait)
    }

    /// Whether sign-in (or a code) may be tried now: `Err(wait)` while the account or the
    /// address is held back after too many failures. Trying counts nothing.
    pub fn may_try(&self, account: &str, address: IpAddr) -> Result<(), Duration> {
        let now = Instant::now();
        let held = self.held.lock().expect("held lock");
        [account_key(account), address_key(address)]
            .iter()
            .filter_map(|key| held.get(key))
            .filter(|until| **until > now)
            .max()
            .map_or(Ok(()), |until| Err(*until - now))
    }

    /// Every 1,000 checks, drops keys whose allowance is full again, so memory stays
    /// bounded by recent visitors.
    fn forget_idle_keys(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 1000 == 999 {
            for limits in [&self.failures, &self.sends_email, &self.writes] {
                limits.per_account.retain_recent();
                limits.per_address.retain_recent();
            }
            let now = Instant::now();
            self.held
                .lock()
                .expect("held lock")
                .retain(|_, until| *until > now);
        }
    }
}

/// "1 minute", "5 minutes", "30 seconds": how long to wait, rounded up.
pub fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if seconds < 60 {
        let s = seconds.max(1);
        format!("{s} second{}", if s == 1 { "" } else { "s" })
    } else {
        let m = seconds.div_ceil(60);
        format!("{m} minute{}", if m == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const AWAY: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2));

    #[test]
    fn an_account_gets_five_failures_then_is_held_back() {
        let throttle = Throttle::default();
        for _ in 0..5 {
            assert!(throttle.may_try("maire@example.org", HOME).is_ok());
            assert!(throttle
                .check(Attempt::Failure, "maire@example.org", HOME)
                .is_ok());
        }
        let wait = throttle
            .check(Attempt::Failure, "Maire@Example.org ", AWAY)
            .expect_err("the sixth failure on one account, from any address");
        assert!(
            wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        let held = throttle.may_try("maire@example.org", AWAY).unwrap_err();
        assert!(held > Duration::from_secs(50), "{held:?}");
        assert!(
            throttle.may_try("sean@example.org", AWAY).is_ok(),
            "another account is not held back, from the same address either"
        );
    }

    #[test]
    fn trying_counts_nothing() {
        let throttle = Throttle::default();
        for _ in 0..100 {
            assert!(throttle.may_try("maire@example.org", HOME).is_ok());
        }
    }

    #[test]
    fn an_address_spreading_guesses_over_accounts_is_stopped() {
        let throttle = Throttle::default();
        for n in 0..20 {
            assert!(throttle
                .check(Attempt::Failure, &format!("m{n}@example.org"), HOME)
                .is_ok());
        }
        assert!(throttle
            .check(Attempt::Failure, "new@example.org", HOME)
            .is_err());
        assert!(throttle.may_try("other@example.org", HOME).is_err());
        assert!(throttle
            .check(Attempt::Failure, "other@example.org", AWAY)
            .is_ok());
    }

    #[test]
    fn emails_have_their_own_smaller_allowance() {
        let throttle = Throttle::default();
        for _ in 0..5 {
            assert!(throttle
                .check(Attempt::Failure, "a@example.org", HOME)
                .is_ok());
        }
        for _ in 0..3 {
            assert!(throttle
                .check(Attempt::SendsEmail, "a@example.org", HOME)
                .is_ok());
        }
        let wait = throttle
            .check(Attempt::SendsEmail, "a@example.org", HOME)
            .unwrap_err();
        assert_eq!(wait_in_words(wait), "5 minutes");
    }

    #[test]
    fn waits_read_in_words() {
        assert_eq!(wait_in_words(Duration::from_millis(300)), "1 second");
        assert_eq!(wait_in_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
    }
}
