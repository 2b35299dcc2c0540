//! Confirmations ("still running"). The session item's date moves under the version it was
//! read at, without a new version or a revision, so confirmations never make an author's
//! edit conflict. The term, cell and "added by" items carry a copy of the session; they are
//! rewritten with a confirmation only when it is the first in a calendar month, so a member
//! confirming every day costs at most twelve index rewrites a year. The session page, the
//! name, place and newest lists read the session item itself (or its GSI projections) and
//! are always exact; search and near-me cards may show a date up to a month old.
//! `Sessions::confirm_session` (in `sessions`) writes with these rules.
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{Datelike, NaiveDate};

/// Whether the index items' copy should follow this confirmation: the first in a month.
pub(super) fn index_copies_due(stored: Option<NaiveDate>, day: NaiveDate) -> bool {
    stored.is_none_or(|dated| (dated.year(), dated.month()) != (day.year(), day.month()))
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
