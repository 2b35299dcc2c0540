//! Confirmations ("still running"): only the session's date moves — no version, no
//! revision, and the indexes (which hold ids, not copies of the session) are untouched.
use app::model::SessionId;
use app::store::{Confirmation, StoreError};
use chrono::NaiveDate;

use super::{internal, read_session, to_json, EmbeddedStore, SESSIONS};

impl EmbeddedStore {
    pub(super) async fn confirm(
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
