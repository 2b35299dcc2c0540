//! The sign-ins port: "sign out everywhere", kept in the store so every server process
//! refuses an ended sign-in.
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;

#[async_trait]
pub trait SignIns: Send + Sync {
    /// Ends every sign-in of the account (its email, lower case) made before `at`: "sign
    /// out everywhere", a new password. Only ever moves later.
    async fn end_sign_ins(&self, account: &str, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// When the account's sign-ins were last ended, if ever.
    async fn sign_ins_ended_at(&self, account: &str) -> Result<Option<DateTime<Utc>>, StoreError>;
}
