//! Allowances in the embedded store: `allowances` (key `\0` window start → count). A take
//! reads and writes every counter in one write transaction, so racing attempts cannot
//! overdraw; windows that have ended are dropped as the key is next used.
use app::store::{refused_until, Allowance, Allowances, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use redb::{Database, ReadableTable, TableDefinition, WriteTransaction};

use super::{internal, EmbeddedStore};

pub const ALLOWANCES: TableDefinition<&str, u64> = TableDefinition::new("allowances");

fn counter_key(allowance: &Allowance, now: DateTime<Utc>) -> String {
    format!("{}\u{0}{:020}", allowance.key, allowance.window_start(now))
}

/// Removes the key's counters of windows before the current one.
fn drop_ended(
    txn: &WriteTransaction,
    allowance: &Allowance,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut table = txn.open_table(ALLOWANCES).map_err(internal)?;
    let from = format!("{}\u{0}", allowance.key);
    let current = counter_key(allowance, now);
    table
        .retain_in(from.as_str()..current.as_str(), |_, _| false)
        .map_err(internal)
}

pub fn take(
    db: &Database,
    allowances: &[Allowance],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let mut spent = Vec::new();
    {
        let table = txn.open_table(ALLOWANCES).map_err(internal)?;
        for allowance in allowances {
            let count = table
                .get(counter_key(allowance, now).as_str())
                .map_err(internal)?
                .map_or(0, |v| v.value());
            if count >= u64::from(allowance.limit) {
                spent.push(allowance);
            }
        }
    }
    if !spent.is_empty() {
        // Nothing counted: the transaction is dropped unwritten.
        return Ok(refused_until(&spent, now));
    }
    for allowance in allowances {
        drop_ended(&txn, allowance, now)?;
        let mut table = txn.open_table(ALLOWANCES).map_err(internal)?;
        let key = counter_key(allowance, now);
        let count = table
            .get(key.as_str())
            .map_err(internal)?
            .map_or(0, |v| v.value());
        table.insert(key.as_str(), count + 1).map_err(internal)?;
    }
    txn.commit().map_err(internal)?;
    Ok(None)
}

pub fn give_back(
    db: &Database,
    allowances: &[Allowance],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    {
        let mut table = txn.open_table(ALLOWANCES).map_err(internal)?;
        for allowance in allowances {
            let key = counter_key(allowance, now);
            let count = table
                .get(key.as_str())
                .map_err(internal)?
                .map_or(0, |v| v.value());
            if count > 0 {
                table.insert(key.as_str(), count - 1).map_err(internal)?;
            }
        }
    }
    txn.commit().map_err(internal)?;
    Ok(())
}

#[async_trait]
impl Allowances for EmbeddedStore {
    async fn take_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let allowances = allowances.to_vec();
        self.blocking(move |db| take(db, &allowances, now)).await
    }

    async fn give_back_allowances(
        &self,
        allowances: &[app::store::Allowance],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let allowances = allowances.to_vec();
        self.blocking(move |db| give_back(db, &allowances, now))
            .await
    }
}
