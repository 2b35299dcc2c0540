//! Reviews in the embedded store: `reviews` (session id `\0` author → JSON) and `ratings`
//! (session id → the rating aggregate). A review and its session's rating change in one
//! write transaction, so the aggregate always equals a recount. `review_holds`
//! (session id `\0` author → nothing) records the reviews moderators hid: a review is
//! hidden exactly when its hold exists, decided inside each write transaction.
use app::model::{
    newest_first, MemberId, Page, Rating, Review, Session, SessionActivity, SessionId,
};
use app::store::{PageRequest, Reviews, StoreError};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::indexes::{read_session, SESSIONS};
use super::members::{member_key, MEMBER_REVIEWS};
use super::{from_json, internal, to_json, EmbeddedStore};
use crate::index_keys::{review_cursor_key, review_key, review_session_prefix};
use crate::store_cursor as cursor;

pub const REVIEWS: TableDefinition<&str, &[u8]> = TableDefinition::new("reviews");
pub const RATINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("ratings");
pub const REVIEW_HOLDS: TableDefinition<&str, ()> = TableDefinition::new("review_holds");

fn held(txn: &WriteTransaction, key: &str) -> Result<bool, StoreError> {
    let holds = txn.open_table(REVIEW_HOLDS).map_err(internal)?;
    let found = holds.get(key).map_err(internal)?.is_some();
    Ok(found)
}

fn read_rating(txn: &WriteTransaction, session: &str) -> Result<Rating, StoreError> {
    let ratings = txn.open_table(RATINGS).map_err(internal)?;
    let found = ratings.get(session).map_err(internal)?;
    found
        .map(|v| from_json(v.value()))
        .transpose()
        .map(Option::unwrap_or_default)
}

fn write_rating(txn: &WriteTransaction, session: &str, rating: &Rating) -> Result<(), StoreError> {
    let mut ratings = txn.open_table(RATINGS).map_err(internal)?;
    ratings
        .insert(session, to_json(rating)?.as_slice())
        .map_err(internal)?;
    Ok(())
}

/// Writes the review (keeping the first `created_at` when it replaces one) and moves its
/// stars in the rating, in one transaction.
pub fn put(db: &Database, review: Review) -> Result<Review, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let session = review.session_id.as_str();
    if read_session(&txn, session)?.is_none() {
        return Err(StoreError::NotFound(review.session_id.clone()));
    }
    let key = review_key(session, review.author.as_str());
    let mut stored = review.clone();
    stored.hidden = held(&txn, &key)?;
    let old = {
        let mut reviews = txn.open_table(REVIEWS).map_err(internal)?;
        let old: Option<Review> = reviews
            .get(key.as_str())
            .map_err(internal)?
            .map(|v| from_json(v.value()))
            .transpose()?;
        if let Some(old) = &old {
            stored.created_at = old.created_at;
        }
        reviews
            .insert(key.as_str(), to_json(&stored)?.as_slice())
            .map_err(internal)?;
        old
    };
    txn.open_table(MEMBER_REVIEWS)
        .map_err(internal)?
        .insert(member_key(stored.author.as_str(), session).as_str(), "")
        .map_err(internal)?;
    let mut rating = read_rating(&txn, session)?;
    rating.change(old.and_then(|o| o.counted_stars()), stored.counted_stars());
    write_rating(&txn, session, &rating)?;
    txn.commit().map_err(internal)?;
    Ok(stored)
}

pub fn delete(db: &Database, session: &SessionId, author: &str) -> Result<bool, StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    let removed: Option<Review> = {
        let mut reviews = txn.open_table(REVIEWS).map_err(internal)?;
        let removed = reviews
            .remove(review_key(session.as_str(), author).as_str())
            .map_err(internal)?;
        removed.map(|v| from_json(v.value())).transpose()?
    };
    let Some(removed) = removed else {
        return Ok(false);
    };
    txn.open_table(MEMBER_REVIEWS)
        .map_err(internal)?
        .remove(member_key(author, session.as_str()).as_str())
        .map_err(internal)?;
    let mut rating = read_rating(&txn, session.as_str())?;
    rating.change(removed.counted_stars(), None);
    write_rating(&txn, session.as_str(), &rating)?;
    txn.commit().map_err(internal)?;
    Ok(true)
}

/// Hides or shows the review: the hold and the review's flag and stars, together.
pub fn set_hidden(
    db: &Database,
    session: &SessionId,
    author: &str,
    hidden: bool,
) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    set_hidden_in(&txn, session, author, hidden)?;
    txn.commit().map_err(internal)
}

/// [`set_hidden`] inside the caller's transaction (settling a report group).
pub fn set_hidden_in(
    txn: &WriteTransaction,
    session: &SessionId,
    author: &str,
    hidden: bool,
) -> Result<(), StoreError> {
    let key = review_key(session.as_str(), author);
    {
        let mut holds = txn.open_table(REVIEW_HOLDS).map_err(internal)?;
        if hidden {
            holds.insert(key.as_str(), ()).map_err(internal)?;
        } else {
            holds.remove(key.as_str()).map_err(internal)?;
        }
    }
    let changed = {
        let mut reviews = txn.open_table(REVIEWS).map_err(internal)?;
        let current: Option<Review> = reviews
            .get(key.as_str())
            .map_err(internal)?
            .map(|v| from_json(v.value()))
            .transpose()?;
        match current {
            Some(mut review) if review.hidden != hidden => {
                let before = review.counted_stars();
                review.hidden = hidden;
                reviews
                    .insert(key.as_str(), to_json(&review)?.as_slice())
                    .map_err(internal)?;
                Some((before, review.counted_stars()))
            }
            _ => None,
        }
    };
    if let Some((before, after)) = changed {
        let mut rating = read_rating(txn, session.as_str())?;
        rating.change(before, after);
        write_rating(txn, session.as_str(), &rating)?;
    }
    Ok(())
}

pub fn get(db: &Database, session: &SessionId, author: &str) -> Result<Option<Review>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let reviews = txn.open_table(REVIEWS).map_err(internal)?;
    let found = reviews
        .get(review_key(session.as_str(), author).as_str())
        .map_err(internal)?;
    found.map(|v| from_json(v.value())).transpose()
}

/// The rating and the newest reviews of a session (inside the caller's read).
pub fn of_session(
    txn: &redb::ReadTransaction,
    session: &SessionId,
) -> Result<SessionActivity, StoreError> {
    let ratings = txn.open_table(RATINGS).map_err(internal)?;
    let rating = ratings
        .get(session.as_str())
        .map_err(internal)?
        .map(|v| from_json(v.value()))
        .transpose()?
        .unwrap_or_default();
    let reviews = txn.open_table(REVIEWS).map_err(internal)?;
    let prefix = review_session_prefix(session.as_str());
    let mut listed = Vec::new();
    for entry in reviews.range::<&str>(prefix.as_str()..).map_err(internal)? {
        let (key, value) = entry.map_err(internal)?;
        if !key.value().starts_with(&prefix) {
            break;
        }
        listed.push(from_json::<Review>(value.value())?);
    }
    Ok(SessionActivity {
        rating,
        reviews: newest_first(listed),
        history: super::history::newest(txn, session)?,
    })
}

pub fn reviews_page(
    db: &Database,
    session: &SessionId,
    page: PageRequest,
) -> Result<Page<Review>, StoreError> {
    let limit = page.clamped_limit();
    let txn = db.begin_read().map_err(internal)?;
    let reviews = txn.open_table(REVIEWS).map_err(internal)?;
    let prefix = review_session_prefix(session.as_str());
    let after = match page.cursor.as_deref() {
        None => None,
        Some(c) => Some(review_cursor_key(c, session)?),
    };
    let start = match &after {
        Some(key) => std::ops::Bound::Excluded(key.as_str()),
        None => std::ops::Bound::Included(prefix.as_str()),
    };
    let mut listed = Vec::new();
    let mut more = false;
    for entry in reviews
        .range::<&str>((start, std::ops::Bound::Unbounded))
        .map_err(internal)?
    {
        let (key, value) = entry.map_err(internal)?;
        if !key.value().starts_with(&prefix) {
            break;
        }
        if listed.len() == limit {
            more = true;
            break;
        }
        listed.push(from_json::<Review>(value.value())?);
    }
    let next_cursor = match (more, listed.last()) {
        (true, Some(last)) => Some(cursor::encode(&review_key(
            session.as_str(),
            last.author.as_str(),
        ))),
        _ => None,
    };
    Ok(Page {
        items: listed,
        next_cursor,
    })
}

#[async_trait]
impl Reviews for EmbeddedStore {
    async fn put_review(&self, review: &Review) -> Result<Review, StoreError> {
        let review = review.clone();
        self.blocking(move |db| put(db, review)).await
    }

    async fn delete_review(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<bool, StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| delete(db, &session, &author)).await
    }

    async fn set_review_hidden(
        &self,
        session: &SessionId,
        author: &MemberId,
        hidden: bool,
    ) -> Result<(), StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| set_hidden(db, &session, &author, hidden))
            .await
    }

    async fn review_by(
        &self,
        session: &SessionId,
        author: &MemberId,
    ) -> Result<Option<Review>, StoreError> {
        let (session, author) = (session.clone(), author.to_string());
        self.blocking(move |db| get(db, &session, &author)).await
    }

    async fn session_reviews(
        &self,
        id: &SessionId,
        page: PageRequest,
    ) -> Result<Page<Review>, StoreError> {
        let id = id.clone();
        self.blocking(move |db| reviews_page(db, &id, page)).await
    }

    async fn session_with_activity(
        &self,
        id: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError> {
        let id = id.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            let Some(found) = sessions.get(id.as_str()).map_err(internal)? else {
                return Ok(None);
            };
            let session: Session = from_json(found.value())?;
            Ok(Some((session, of_session(&txn, &id)?)))
        })
        .await
    }
}
