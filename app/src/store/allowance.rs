//! Allowances: how many attempts of a kind a key (an account, an address) may make in a
//! fixed window of time, counted in the store so every server process (every Lambda
//! instance) shares one count.
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;

#[async_trait]
pub trait Allowances: Send + Sync {
    /// Counts one attempt against each allowance in its current window, all or none, in
    /// one transaction: `None` when counted, or `Some(until)` (nothing counted) when one
    /// had no room left, `until` the end of its window. Racing callers never overdraw.
    async fn take_allowances(
        &self,
        allowances: &[Allowance],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// Gives back one attempt taken at `now` (a success that must not count); nothing if
    /// that window has ended or holds none.
    async fn give_back_allowances(
        &self,
        allowances: &[Allowance],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

/// `limit` attempts per `window_secs` for `key` (e.g. `failure:account:a@example.org`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowance {
    pub key: String,
    pub limit: u32,
    pub window_secs: u64,
}

impl Allowance {
    /// When the window holding `now` began, in seconds since the epoch.
    pub fn window_start(&self, now: DateTime<Utc>) -> u64 {
        let at = now.timestamp().max(0) as u64;
        at - at % self.window_secs.max(1)
    }

    /// When the window holding `now` ends: what a refused attempt waits for.
    pub fn window_end(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let end = self.window_start(now) + self.window_secs.max(1);
        DateTime::from_timestamp(end as i64, 0).unwrap_or(now)
    }

    /// The counter's name in the store: the key and its window.
    pub fn counter(&self, now: DateTime<Utc>) -> String {
        format!("{}#{}", self.key, self.window_start(now))
    }
}

/// For adapters: the latest end among the allowances that had no room, if any.
pub fn refused_until(spent: &[&Allowance], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    spent.iter().map(|a| a.window_end(now)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_and_aligned() {
        let a = Allowance {
            key: "k".into(),
            limit: 5,
            window_secs: 300,
        };
        let now = DateTime::from_timestamp(1_000_123, 0).unwrap();
        assert_eq!(a.window_start(now), 999_900);
        assert_eq!(a.window_end(now).timestamp(), 1_000_200);
        assert_eq!(a.counter(now), "k#999900");
    }
}
