//! Accounts, one-time codes and refresh tokens of the local provider, in their own redb
//! file (`accounts.redb`) beside the session store.
use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

pub const FILE_NAME: &str = "accounts.redb";

pub const ACCOUNTS: TableDefinition<&str, &[u8]> = TableDefinition::new("accounts");
pub const CODES: TableDefinition<&str, &[u8]> = TableDefinition::new("codes");
pub const REFRESH: TableDefinition<&str, &[u8]> = TableDefinition::new("refresh_tokens");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub subject: String,
    pub email: String,
    pub display_name: String,
    /// argon2id, in PHC string form (algorithm, parameters and salt included).
    pub password_hash: String,
    pub confirmed: bool,
    pub groups: Vec<String>,
    /// Raised by "sign out everywhere": refresh tokens of older generations stop working.
    pub token_generation: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodePurpose {
    ConfirmEmail,
    ResetPassword,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneTimeCode {
    pub code: String,
    pub purpose: CodePurpose,
    pub expires_at: i64,
    pub wrong_attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefreshGrant {
    pub email: String,
    pub generation: u64,
    pub expires_at: i64,
}

pub fn open(data_dir: &Path) -> Result<Database, String> {
    std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
    let db = Database::create(data_dir.join(FILE_NAME)).map_err(|e| e.to_string())?;
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    for table in [ACCOUNTS, CODES, REFRESH] {
        txn.open_table(table).map_err(|e| e.to_string())?;
    }
    txn.commit().map_err(|e| e.to_string())?;
    Ok(db)
}

pub fn get<T: DeserializeOwned>(
    db: &Database,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
) -> Result<Option<T>, String> {
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let table = txn.open_table(table).map_err(|e| e.to_string())?;
    let value = table.get(key).map_err(|e| e.to_string())?;
    value
        .map(|v| serde_json::from_slice(v.value()).map_err(|e| e.to_string()))
        .transpose()
}

pub fn put<T: Serialize>(
    db: &Database,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
    value: &T,
) -> Result<(), String> {
    let bytes = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    txn.open_table(table)
        .map_err(|e| e.to_string())?
        .insert(key, bytes.as_slice())
        .map_err(|e| e.to_string())?;
    txn.commit().map_err(|e| e.to_string())
}

pub fn remove(db: &Database, table: TableDefinition<&str, &[u8]>, key: &str) -> Result<(), String> {
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    txn.open_table(table)
        .map_err(|e| e.to_string())?
        .remove(key)
        .map_err(|e| e.to_string())?;
    txn.commit().map_err(|e| e.to_string())
}

/// What [`update`] does with the value it read.
pub enum Change<T> {
    Keep,
    Put(T),
    Remove,
}

/// Reads the value, decides, and writes, in one write transaction: racing updates of the
/// same key run one after another, so none is lost and no counter is read stale.
pub fn update<T: Serialize + DeserializeOwned, R>(
    db: &Database,
    table: TableDefinition<&str, &[u8]>,
    key: &str,
    decide: impl FnOnce(Option<T>) -> (Change<T>, R),
) -> Result<R, String> {
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    let answer = {
        let mut table = txn.open_table(table).map_err(|e| e.to_string())?;
        let current: Option<T> = table
            .get(key)
            .map_err(|e| e.to_string())?
            .map(|v| serde_json::from_slice(v.value()).map_err(|e| e.to_string()))
            .transpose()?;
        let (change, answer) = decide(current);
        match change {
            Change::Keep => {}
            Change::Put(value) => {
                let bytes = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
                table
                    .insert(key, bytes.as_slice())
                    .map_err(|e| e.to_string())?;
            }
            Change::Remove => {
                table.remove(key).map_err(|e| e.to_string())?;
            }
        }
        answer
    };
    txn.commit().map_err(|e| e.to_string())?;
    Ok(answer)
}

/// Inserts the account only if its email is free, atomically.
pub fn insert_new_account(db: &Database, account: &Account) -> Result<bool, String> {
    let bytes = serde_json::to_vec(account).map_err(|e| e.to_string())?;
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    {
        let mut table = txn.open_table(ACCOUNTS).map_err(|e| e.to_string())?;
        if table
            .get(account.email.as_str())
            .map_err(|e| e.to_string())?
            .is_some()
        {
            return Ok(false);
        }
        table
            .insert(account.email.as_str(), bytes.as_slice())
            .map_err(|e| e.to_string())?;
    }
    txn.commit().map_err(|e| e.to_string())?;
    Ok(true)
}
