//! Sessions one at a time: add and edit (the session item, its index items and the place
//! counts in one transaction), read, and confirm (see `confirmations`).
use app::model::{Revision, Session, SessionId};
use app::store::{edit_over, Confirmation, Sessions, StoreError};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::NaiveDate;

use super::errors::store_error;
use super::items::*;
use super::{confirmations, DynamoStore, TRANSACTION_ATTEMPTS};

impl DynamoStore {
    /// The writes that store `stored` over `current` (read just before): under the
    /// condition that neither its version nor its confirmation date moved since.
    pub(super) fn edit_writes(
        &self,
        current: &Session,
        stored: &Session,
    ) -> Result<Vec<aws_sdk_dynamodb::types::TransactWriteItem>, StoreError> {
        let (confirmed, confirmed_value) =
            confirmations::confirmation_unchanged(current.last_confirmed);
        let condition = format!("version = :expected AND {confirmed}");
        let mut values = vec![(":expected", AttributeValue::N(current.version.to_string()))];
        values.extend(confirmed_value);
        self.session_writes(Some(current), stored, (condition.as_str(), values))
    }

    pub(super) async fn get_current(&self, id: &str) -> Result<Option<Session>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(session_pk(id)))
            .key("sk", s(SESSION_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(session_from_item).transpose()
    }
}

#[async_trait]
impl Sessions for DynamoStore {
    async fn create_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<(), StoreError> {
        let mut writes =
            self.session_writes(None, session, ("attribute_not_exists(pk)", vec![]))?;
        writes.extend(self.revision_put(revision)?);
        if self.transact(writes).await? {
            Ok(())
        } else {
            Err(StoreError::AlreadyExists(session.id.clone()))
        }
    }

    async fn update_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<Session, StoreError> {
        let conflict = |found: u64| StoreError::VersionConflict {
            id: session.id.clone(),
            expected: session.version,
            found,
        };
        for _ in 0..TRANSACTION_ATTEMPTS {
            let current = self
                .get_current(session.id.as_str())
                .await?
                .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
            let stored = edit_over(&current, session)?;
            let mut writes = self.edit_writes(&current, &stored)?;
            writes.extend(self.revision_put(revision)?);
            if self.transact(writes).await? {
                return Ok(stored);
            }
            // Someone else's change landed between our read and our write: an edit is a
            // conflict; a confirmation (same version) is read again and kept.
        }
        let found = self
            .get_current(session.id.as_str())
            .await?
            .map_or(session.version + 1, |s| s.version);
        Err(conflict(found))
    }

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(session_pk(id.as_str())))
            .key("sk", s(SESSION_SK))
            .send()
            .await
            .map_err(store_error)?;
        output.item.map(session_from_item).transpose()
    }

    async fn confirm_session(
        &self,
        id: &SessionId,
        day: NaiveDate,
    ) -> Result<Confirmation, StoreError> {
        for _ in 0..TRANSACTION_ATTEMPTS {
            let current = self
                .get_current(id.as_str())
                .await?
                .ok_or_else(|| StoreError::NotFound(id.clone()))?;
            if current.last_confirmed.is_some_and(|dated| dated >= day) {
                return Ok(Confirmation::AlreadyDated);
            }
            let confirmed = Session {
                last_confirmed: Some(day),
                ..current.clone()
            };
            // As read: the same version (no edit) and the same date (no other confirmation,
            // which could be a later day's).
            let (unchanged, value) = confirmations::confirmation_unchanged(current.last_confirmed);
            let condition = format!("version = :read AND {unchanged}");
            let mut values = vec![(":read", AttributeValue::N(current.version.to_string()))];
            values.extend(value);
            let mut writes = vec![self.put(
                session_item(&confirmed)?,
                Some((condition.as_str(), values)),
            )];
            if confirmations::index_copies_due(current.last_confirmed, day) {
                writes.extend(
                    index_items(&confirmed)?
                        .into_iter()
                        .map(|item| self.put(item, None)),
                );
            }
            // A failed condition is an edit or a confirmation landing in between: read again.
            if self.transact(writes).await? {
                return Ok(Confirmation::Recorded);
            }
        }
        Err(StoreError::Unavailable(
            "the session kept changing while it was confirmed; try again".into(),
        ))
    }
}
