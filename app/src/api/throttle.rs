//! Brakes on guessing and on mail bombing: sign-in is limited per account and per address,
//! and so is anything that sends an email (sign-up, a new code, a password reset).
//! Limits live in memory, per server process: in AWS each Lambda instance keeps its own,
//! and Cognito's own per-account lockout stands behind them.
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// What a limited attempt is for; each has its own allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    SignIn,
    /// Anything that emails a code: sign-up, resend, password reset.
    SendsEmail,
}

struct Limits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// `burst` attempts at once, then one more every `every`.
fn limiter<K: std::hash::Hash + Eq + Clone>(burst: u32, every: Duration) -> DefaultKeyedRateLimiter<K> {
    let quota = Quota::with_period(every)
        .expect("a non-zero period")
        .allow_burst(NonZeroU32::new(burst).expect("a non-zero burst"));
    RateLimiter::keyed(quota)
}

pub struct Throttle {
    sign_in: Limits,
    sends_email: Limits,
    checks: AtomicU32,
}

impl Default for Throttle {
    /// Sign-in: 5 tries an account then one a minute; 20 an address then one every 6 s.
    /// Email: 3 an account then one every 5 minutes; 10 an address then one a minute.
    fn default() -> Self {
        Self {
            sign_in: Limits {
                per_account: limiter(5, Duration::from_secs(60)),
                per_address: limiter(20, Duration::from_secs(6)),
            },
            sends_email: Limits {
                per_account: limiter(3, Duration::from_secs(300)),
                per_address: limiter(10, Duration::from_secs(60)),
            },
            checks: AtomicU32::new(0),
        }
    }
}

impl Throttle {
    /// Counts an attempt; `Err(wait)` when the account or the address has had too many.
    pub fn check(&self, attempt: Attempt, account: &str, address: IpAddr) -> Result<(), Duration> {
        let limits = match attempt {
            Attempt::SignIn => &self.sign_in,
            Attempt::SendsEmail => &self.sends_email,
        };
        self.forget_idle_keys();
        let now = DefaultClock::default().now();
        let account = account.trim().to_lowercase();
        // Both are counted, so a guesser spreading over accounts still meets the address limit.
        let by_address = limits.per_address.check_key(&address);
        let by_account = limits.per_account.check_key(&account);
        match (by_address, by_account) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(not_until), _) | (_, Err(not_until)) => Err(not_until.wait_time_from(now)),
        }
    }

    /// Every 1,000 checks, drops keys whose allowance is full again, so memory stays
    /// bounded by recent visitors.
    fn forget_idle_keys(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 1000 == 999 {
            for limits in [&self.sign_in, &self.sends_email] {
                limits.per_account.retain_recent();
                limits.per_address.retain_recent();
            }
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
    fn an_account_gets_five_sign_in_tries_then_waits() {
        let throttle = Throttle::default();
        for _ in 0..5 {
            assert!(throttle.check(Attempt::SignIn, "maire@example.org", HOME).is_ok());
        }
        let wait = throttle
            .check(Attempt::SignIn, "Maire@Example.org ", AWAY)
            .expect_err("the sixth try on one account waits, from any address");
        assert!(wait > Duration::from_secs(50) && wait <= Duration::from_secs(60), "{wait:?}");
        assert!(
            throttle.check(Attempt::SignIn, "sean@example.org", AWAY).is_ok(),
            "another account is not held back"
        );
    }

    #[test]
    fn an_address_spreading_guesses_over_accounts_is_stopped() {
        let throttle = Throttle::default();
        for n in 0..20 {
            assert!(throttle.check(Attempt::SignIn, &format!("m{n}@example.org"), HOME).is_ok());
        }
        assert!(throttle.check(Attempt::SignIn, "new@example.org", HOME).is_err());
        assert!(throttle.check(Attempt::SignIn, "new@example.org", AWAY).is_ok());
    }

    #[test]
    fn emails_have_their_own_smaller_allowance() {
        let throttle = Throttle::default();
        for _ in 0..5 {
            assert!(throttle.check(Attempt::SignIn, "a@example.org", HOME).is_ok());
        }
        for _ in 0..3 {
            assert!(throttle.check(Attempt::SendsEmail, "a@example.org", HOME).is_ok());
        }
        let wait = throttle.check(Attempt::SendsEmail, "a@example.org", HOME).unwrap_err();
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
