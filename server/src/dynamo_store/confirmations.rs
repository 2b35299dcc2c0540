//! Confirmations ("still running"). The session item's date moves under the version it was
//! read at, without a new version or a revision, so confirmations never make an author's
//! edit conflict. The term, cell and "added by" items carry a copy of the session; they are
//! rewritten with a confirmation only when it is the first in a calendar month, so a member
//! confirming every day costs at most twelve index rewrites a year. The session page, the
//! name, place and newest lists read the session item itself (or its GSI projections) and
//! are always exact; search and near-me cards may show a date up to a month old.
use app::model::{Session, SessionId};
use app::store::{Confirmation, StoreError};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{Datelike, NaiveDate};

use super::items::{index_items, session_item};
use super::{DynamoStore, TRANSACTION_ATTEMPTS};

/// Whether the index items' copy should follow this confirmation: the first in a month.
fn index_copies_due(stored: Option<NaiveDate>, day: NaiveDate) -> bool {
    stored.is_none_or(|dated| (dated.year(), dated.month()) != (day.year(), day.month()))
}

impl DynamoStore {
    pub(super) async fn confirm(
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
            let (unchanged, value) = confirmation_unchanged(current.last_confirmed);
            let condition = format!("version = :read AND {unchanged}");
            let mut values = vec![(":read", AttributeValue::N(current.version.to_string()))];
            values.extend(value);
            let mut writes = vec![self.put(
                session_item(&confirmed)?,
                Some((condition.as_str(), values)),
            )];
            if index_copies_due(current.last_confirmed, day) {
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

/// The condition an edit's put adds so a confirmation landing between its read and its
/// write is not overwritten: the date must still be the one read.
pub(super) fn confirmation_unchanged(
    read: Option<NaiveDate>,
) -> (&'static str, Option<(&'static str, AttributeValue)>) {
    match read {
        Some(day) => (
            "last_confirmed = :confirmed",
            Some((
                ":confirmed",
                AttributeValue::S(day.format("%Y-%m-%d").to_string()),
            )),
        ),
        None => (
            "(attribute_not_exists(last_confirmed) OR attribute_type(last_confirmed, :null))",
            Some((":null", AttributeValue::S("NULL".into()))),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn index_copies_follow_the_first_confirmation_of_a_month_only() {
        assert!(index_copies_due(None, day("2026-11-30")));
        assert!(index_copies_due(Some(day("2026-10-31")), day("2026-11-01")));
        assert!(index_copies_due(Some(day("2025-11-30")), day("2026-11-30")));
        assert!(!index_copies_due(
            Some(day("2026-11-01")),
            day("2026-11-30")
        ));
    }
}
