//! Sessions one at a time: add, edit at a version, read, confirm. A confirmation moves only
//! the session's date — no version, no revision, and the indexes (which hold ids, not
//! copies of the session) are untouched.
use app::model::{Revision, Session, SessionId};
use app::store::{edit_over, Confirmation, Sessions, StoreError};
use async_trait::async_trait;
use chrono::NaiveDate;
use redb::ReadableDatabase;

use super::indexes::{adjust_places, read_session, replace_session, write_session, SESSIONS};
use super::{from_json, history, internal, to_json, EmbeddedStore};

#[async_trait]
impl Sessions for EmbeddedStore {
    /// Adds a session (and the revision recording it) in one transaction.
    async fn create_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<(), StoreError> {
        let (session, revision) = (session.clone(), revision.cloned());
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            if read_session(&txn, session.id.as_str())?.is_some() {
                return Err(StoreError::AlreadyExists(session.id.clone()));
            }
            write_session(&txn, &session)?;
            adjust_places(&txn, &session, 1)?;
            history::record(&txn, revision.as_ref())?;
            txn.commit().map_err(internal)
        })
        .await
    }

    /// Replaces a session at the version it names (and records the revision) in one
    /// transaction.
    async fn update_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<Session, StoreError> {
        let (session, revision) = (session.clone(), revision.cloned());
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            let current = read_session(&txn, session.id.as_str())?
                .ok_or_else(|| StoreError::NotFound(session.id.clone()))?;
            let stored = edit_over(&current, &session)?;
            replace_session(&txn, &current, &stored)?;
            history::record(&txn, revision.as_ref())?;
            txn.commit().map_err(internal)?;
            Ok(stored)
        })
        .await
    }

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError> {
        let id = id.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = txn.open_table(SESSIONS).map_err(internal)?;
            let found = table.get(id.as_str()).map_err(internal)?;
            found.map(|v| from_json(v.value())).transpose()
        })
        .await
    }

    async fn confirm_session(
        &self,
        id: &SessionId,
        day: NaiveDate,
    ) -> Result<Confirmation, StoreError> {
        let id = id.clone();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            let mut session =
                read_session(&txn, id.as_str())?.ok_or_else(|| StoreError::NotFound(id.clone()))?;
            if session.last_confirmed.is_some_and(|dated| dated >= day) {
                txn.abort().map_err(internal)?;
                return Ok(Confirmation::AlreadyDated);
            }
            session.last_confirmed = Some(day);
            {
                let mut sessions = txn.open_table(SESSIONS).map_err(internal)?;
                sessions
                    .insert(id.as_str(), to_json(&session)?.as_slice())
                    .map_err(internal)?;
            }
            txn.commit().map_err(internal)?;
            Ok(Confirmation::Recorded)
        })
        .await
    }
}
