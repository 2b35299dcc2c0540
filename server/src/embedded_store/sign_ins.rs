//! When each account's sign-ins were last ended (`sign_ins_ended`: account → epoch
//! seconds), moved only later, in one write transaction.
use app::store::{SignIns, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{internal, EmbeddedStore};

pub const SIGN_INS_ENDED: TableDefinition<&str, i64> = TableDefinition::new("sign_ins_ended");

pub fn end(db: &Database, account: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    {
        let mut table = txn.open_table(SIGN_INS_ENDED).map_err(internal)?;
        let before = table
            .get(account)
            .map_err(internal)?
            .map_or(i64::MIN, |v| v.value());
        table
            .insert(account, before.max(at.timestamp()))
            .map_err(internal)?;
    }
    txn.commit().map_err(internal)
}

pub fn ended_at(db: &Database, account: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let table = txn.open_table(SIGN_INS_ENDED).map_err(internal)?;
    let at = table.get(account).map_err(internal)?.map(|v| v.value());
    Ok(at.and_then(|secs| DateTime::from_timestamp(secs, 0)))
}

#[async_trait]
impl SignIns for EmbeddedStore {
    async fn end_sign_ins(
        &self,
        account: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let account = account.to_string();
        self.blocking(move |db| end(db, &account, at)).await
    }

    async fn sign_ins_ended_at(
        &self,
        account: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let account = account.to_string();
        self.blocking(move |db| ended_at(db, &account)).await
    }
}
