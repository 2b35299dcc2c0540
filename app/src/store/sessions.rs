//! The sessions port: one session at a time, by id, with the revision that records a
//! member's change kept in the same write.
use async_trait::async_trait;

use super::StoreError;
use crate::model::{Revision, Session, SessionId};

/// What [`Sessions::confirm_session`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// The session's last confirmation is now the given day.
    Recorded,
    /// It was already confirmed that day (or later): nothing was written.
    AlreadyDated,
}

#[async_trait]
pub trait Sessions: Send + Sync {
    /// Adds a new session, and the revision recording who added it if there is one, in one
    /// write; fails with `AlreadyExists` if its id is taken, changing nothing.
    async fn create_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<(), StoreError>;

    /// Replaces a session if the stored version equals `session.version`, keeping the
    /// revision (if any) in the same write; returns the stored session with its version
    /// incremented. A stale version fails with `VersionConflict`, changing nothing.
    async fn update_session(
        &self,
        session: &Session,
        revision: Option<&Revision>,
    ) -> Result<Session, StoreError>;

    async fn get_session(&self, id: &SessionId) -> Result<Option<Session>, StoreError>;

    /// Dates the session's last confirmation `day` ("still running"), without a new
    /// version or a revision, so members confirming never make an author's edit conflict.
    /// A day no later than the stored one changes nothing ([`Confirmation::AlreadyDated`]).
    /// An adapter that keeps copies of the session in index items refreshes them at most
    /// once a calendar month for confirmations. `NotFound` if the session is not there.
    async fn confirm_session(
        &self,
        id: &SessionId,
        day: chrono::NaiveDate,
    ) -> Result<Confirmation, StoreError>;
}

/// For adapters: the session an edit stores over `current` (read in the write's own
/// transaction, or under its condition). `VersionConflict` unless the edit names the
/// current version; the version moves on, and a confirmation made since the editor read
/// is kept, since a confirmation moves no version.
pub fn edit_over(current: &Session, edit: &Session) -> Result<Session, StoreError> {
    if current.version != edit.version {
        return Err(StoreError::VersionConflict {
            id: edit.id.clone(),
            expected: edit.version,
            found: current.version,
        });
    }
    let mut stored = edit.clone();
    stored.version = current.version + 1;
    stored.last_confirmed = stored.last_confirmed.max(current.last_confirmed);
    Ok(stored)
}
