//! Contract checks for allowances: counted in the store, all or none, never overdrawn.
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::store::{Allowance, Store};

fn allowance(key: &str, limit: u32) -> Allowance {
    Allowance {
        key: key.into(),
        limit,
        window_secs: 300,
    }
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
}

pub async fn allowances_run_out_refund_and_renew_with_the_window(store: Arc<dyn Store>) {
    let account = allowance("failure:account:a@example.org", 3);
    let address = allowance("failure:address:192.0.2.1", 5);
    let both = [account.clone(), address.clone()];
    for _ in 0..3 {
        assert_eq!(store.take_allowances(&both, at(0)).await.unwrap(), None);
    }
    let until = store.take_allowances(&both, at(10)).await.unwrap();
    assert_eq!(
        until,
        Some(account.window_end(at(10))),
        "the account ran out"
    );
    // All or none: the refused take did not count against the address.
    let others = [
        allowance("failure:account:b@example.org", 3),
        address.clone(),
    ];
    assert_eq!(store.take_allowances(&others, at(20)).await.unwrap(), None);
    assert_eq!(store.take_allowances(&others, at(20)).await.unwrap(), None);
    assert!(
        store
            .take_allowances(&others, at(20))
            .await
            .unwrap()
            .is_some(),
        "the address has had its 5"
    );
    // A success gives its attempt back.
    store.give_back_allowances(&both, at(30)).await.unwrap();
    assert_eq!(store.take_allowances(&both, at(40)).await.unwrap(), None);
    // Giving back more than was taken never goes below zero.
    let fresh = [allowance("write:account:m", 1)];
    for _ in 0..3 {
        store.give_back_allowances(&fresh, at(0)).await.unwrap();
    }
    assert_eq!(store.take_allowances(&fresh, at(0)).await.unwrap(), None);
    assert!(store
        .take_allowances(&fresh, at(0))
        .await
        .unwrap()
        .is_some());
    // The next window starts afresh.
    assert_eq!(store.take_allowances(&both, at(300)).await.unwrap(), None);
}

/// A burst released at once: exactly the limit is counted, whatever the interleaving.
pub async fn racing_takes_never_overdraw_an_allowance(store: Arc<dyn Store>) {
    let limited = [allowance("failure:account:burst@example.org", 5)];
    let takes: Vec<_> = (0..40)
        .map(|_| {
            let store = store.clone();
            let limited = limited.clone();
            tokio::spawn(async move {
                // Busy under contention counts as not taken.
                matches!(store.take_allowances(&limited, at(0)).await, Ok(None))
            })
        })
        .collect();
    let mut taken = 0;
    for take in takes {
        taken += usize::from(take.await.unwrap());
    }
    assert!(taken <= 5, "{taken} of 40 went through a limit of 5");
    assert!(taken >= 1, "some went through");
    let more = store.take_allowances(&limited, at(1)).await.unwrap();
    assert_eq!(
        taken == 5,
        more.is_some(),
        "counted exactly what went through"
    );
}
