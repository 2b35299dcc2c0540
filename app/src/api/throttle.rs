//! Brakes on guessing, mail bombing and flooding: failed sign-ins (and wrong codes), anything
//! that sends an email, token refreshes and members' writes are limited per account and
//! per address.
//!
//! The counts live in the store ([`Store::take_allowances`]), so every server process —
//! every Lambda instance — shares them, and an attempt is counted *before* it runs: a
//! burst of guesses released at one instant gets exactly the allowance checked, the rest
//! refused unchecked. A sign-in that turns out right gives its attempt back
//! ([`Store::give_back_allowances`]), so successes never count. Windows are fixed (a new
//! allowance at each window's start), which at worst lets twice the limit through across
//! a boundary.
use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::store::{Allowance, Store, StoreError};

/// What a limited attempt is for; each has its own allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A sign-in, or a confirmation or reset code: counted first, given back when right.
    Guess,
    /// Anything that emails a code: sign-up, resend, password reset.
    SendsEmail,
    /// Anything a member writes: a review, a session, a report, a bookmark, their name.
    Write,
    /// Renewing an expired sign-in with the refresh token (a call to the provider).
    Refresh,
}

/// (attempts per account, per address) in a window of `window_secs`.
struct Rule {
    name: &'static str,
    per_account: u32,
    per_address: u32,
    window_secs: u64,
}

/// Guesses: 5 an account and 20 an address per 5 minutes. Email: 3 an account and 10 an
/// address per 15 minutes. Writes: 60 a member and 120 an address per 10 minutes — far
/// above anyone writing by hand, well below a script flooding the site. Refreshes: 30 a
/// member and 120 an address per 10 minutes (one an hour is normal).
fn rule(attempt: Attempt) -> Rule {
    match attempt {
        Attempt::Guess => Rule {
            name: "guess",
            per_account: 5,
            per_address: 20,
            window_secs: 300,
        },
        Attempt::SendsEmail => Rule {
            name: "email",
            per_account: 3,
            per_address: 10,
            window_secs: 900,
        },
        Attempt::Write => Rule {
            name: "write",
            per_account: 60,
            per_address: 120,
            window_secs: 600,
        },
        Attempt::Refresh => Rule {
            name: "refresh",
            per_account: 30,
            per_address: 120,
            window_secs: 600,
        },
    }
}

/// The address an allowance is kept for: an IPv4 address, or an IPv6 /64 — one
/// household or phone gets a whole /64, so single addresses would be free to rotate.
pub fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The two allowances an attempt counts against.
pub fn allowances(attempt: Attempt, account: &str, address: IpAddr) -> [Allowance; 2] {
    let rule = rule(attempt);
    let account = account.trim().to_lowercase();
    [
        Allowance {
            key: format!("{}:account:{account}", rule.name),
            limit: rule.per_account,
            window_secs: rule.window_secs,
        },
        Allowance {
            key: format!("{}:address:{}", rule.name, address_key(address)),
            limit: rule.per_address,
            window_secs: rule.window_secs,
        },
    ]
}

/// Counts the attempt now: `Ok(Ok(()))` when it may go ahead, `Ok(Err(wait))` when the
/// account or the address has had its allowance.
pub async fn take(
    store: &dyn Store,
    attempt: Attempt,
    account: &str,
    address: IpAddr,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, StoreError> {
    let until = store
        .take_allowances(&allowances(attempt, account, address), now)
        .await?;
    Ok(match until {
        None => Ok(()),
        Some(until) => Err((until - now).to_std().unwrap_or(Duration::from_secs(1))),
    })
}

/// Gives back an attempt [`take`] counted at `now`.
pub async fn give_back(
    store: &dyn Store,
    attempt: Attempt,
    account: &str,
    address: IpAddr,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store
        .give_back_allowances(&allowances(attempt, account, address), now)
        .await
}

/// "1 minute", "5 minutes", "30 seconds": how long to wait, rounded up.
pub fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let lang = crate::i18n::use_lang();
    if seconds < 60 {
        crate::t!(lang, "wait-seconds", count = seconds.max(1))
    } else {
        crate::t!(lang, "wait-minutes", count = seconds.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_fold_case_and_addresses_group_ipv6_by_64() {
        let home: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same_home: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let next_door: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        let a = allowances(Attempt::Guess, " Maire@Example.org", home);
        let b = allowances(Attempt::Guess, "maire@example.org", same_home);
        assert_eq!(a, b);
        assert_eq!(a[1].key, "guess:address:2001:db8:1:2::/64");
        assert_ne!(allowances(Attempt::Guess, "x", next_door)[1], a[1]);
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(mapped), "192.0.2.7");
    }

    #[test]
    fn each_kind_of_attempt_has_its_own_allowance() {
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let guess = allowances(Attempt::Guess, "a", ip);
        let email = allowances(Attempt::SendsEmail, "a", ip);
        assert_ne!(guess[0].key, email[0].key);
        assert_eq!((guess[0].limit, guess[1].limit), (5, 20));
        assert_eq!((email[0].limit, email[1].limit), (3, 10));
    }

    #[test]
    fn waits_read_in_words() {
        assert_eq!(wait_in_words(Duration::from_millis(300)), "1 second");
        assert_eq!(wait_in_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
    }
}
