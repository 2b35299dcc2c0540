//! A member's own things in the embedded store: `bookmarks` (member `\0` session →
//! when), `member_reviews` (member `\0` session → nothing; the review is in `reviews`),
//! `feed_tokens` (token → member) and `member_feeds` (member → token). Sessions a member
//! added are an index like the others (`sessions_by_author`).
use app::model::{newest_first, MemberId, Review, Session, SessionId};
use app::store::{Members, StoreError, MAX_MEMBER_LIST};
use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::indexes::{read_session, sessions_with_prefix, SESSIONS, SESSIONS_BY_AUTHOR};
use super::{from_json, internal, reviews::REVIEWS, EmbeddedStore};
use crate::index_keys::review_key;

pub const BOOKMARKS: TableDefinition<&str, &str> = TableDefinition::new("bookmarks");
pub const MEMBER_REVIEWS: TableDefinition<&str, &str> = TableDefinition::new("member_reviews");
pub const FEED_TOKENS: TableDefinition<&str, &str> = TableDefinition::new("feed_tokens");
pub const MEMBER_FEEDS: TableDefinition<&str, &str> = TableDefinition::new("member_feeds");

/// `{member}\0{session}`.
pub fn member_key(member: &str, session: &str) -> String {
    format!("{member}\u{0}{session}")
}

/// The session ids after `{member}\0` in a member-keyed table, with their values.
fn member_entries(
    table: &impl ReadableTable<&'static str, &'static str>,
    member: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let prefix = format!("{member}\u{0}");
    let mut found = Vec::new();
    for entry in table.range::<&str>(prefix.as_str()..).map_err(internal)? {
        let (key, value) = entry.map_err(internal)?;
        let Some(session) = key.value().strip_prefix(prefix.as_str()) else {
            break;
        };
        found.push((session.to_string(), value.value().to_string()));
    }
    Ok(found)
}

pub fn set_bookmark(
    db: &Database,
    member: &str,
    session: &SessionId,
    bookmarked: bool,
) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    {
        let mut bookmarks = txn.open_table(BOOKMARKS).map_err(internal)?;
        let key = member_key(member, session.as_str());
        if bookmarked {
            if read_session(&txn, session.as_str())?.is_none() {
                return Err(StoreError::NotFound(session.clone()));
            }
            // Keep the first time it was bookmarked.
            if bookmarks.get(key.as_str()).map_err(internal)?.is_none() {
                let at = chrono::Utc::now().to_rfc3339();
                bookmarks
                    .insert(key.as_str(), at.as_str())
                    .map_err(internal)?;
            }
        } else {
            bookmarks.remove(key.as_str()).map_err(internal)?;
        }
    }
    txn.commit().map_err(internal)
}

pub fn is_bookmarked(db: &Database, member: &str, session: &SessionId) -> Result<bool, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let bookmarks = txn.open_table(BOOKMARKS).map_err(internal)?;
    let found = bookmarks
        .get(member_key(member, session.as_str()).as_str())
        .map_err(internal)?;
    Ok(found.is_some())
}

pub fn bookmarks(db: &Database, member: &str) -> Result<Vec<Session>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let bookmarks = txn.open_table(BOOKMARKS).map_err(internal)?;
    let sessions = txn.open_table(SESSIONS).map_err(internal)?;
    let mut marked = member_entries(&bookmarks, member)?;
    // Newest bookmark first (RFC 3339 in UTC sorts as time).
    marked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut found = Vec::new();
    for (id, _) in marked.into_iter().take(MAX_MEMBER_LIST) {
        if let Some(value) = sessions.get(id.as_str()).map_err(internal)? {
            found.push(from_json(value.value())?);
        }
    }
    Ok(found)
}

pub fn reviews(db: &Database, member: &str) -> Result<Vec<Review>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let index = txn.open_table(MEMBER_REVIEWS).map_err(internal)?;
    let reviews = txn.open_table(REVIEWS).map_err(internal)?;
    let mut found = Vec::new();
    for (session, _) in member_entries(&index, member)? {
        if let Some(value) = reviews
            .get(review_key(&session, member).as_str())
            .map_err(internal)?
        {
            found.push(from_json(value.value())?);
        }
    }
    let mut found = newest_first(found);
    found.truncate(MAX_MEMBER_LIST);
    Ok(found)
}

pub fn feed_token(db: &Database, member: &str) -> Result<Option<String>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let feeds = txn.open_table(MEMBER_FEEDS).map_err(internal)?;
    let found = feeds.get(member).map_err(internal)?;
    Ok(found.map(|v| v.value().to_string()))
}

pub fn set_feed_token(db: &Database, member: &str, token: Option<&str>) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(internal)?;
    {
        let mut feeds = txn.open_table(MEMBER_FEEDS).map_err(internal)?;
        let mut tokens = txn.open_table(FEED_TOKENS).map_err(internal)?;
        let old = feeds
            .get(member)
            .map_err(internal)?
            .map(|v| v.value().to_string());
        if let Some(old) = old {
            tokens.remove(old.as_str()).map_err(internal)?;
        }
        match token {
            Some(token) => {
                feeds.insert(member, token).map_err(internal)?;
                tokens.insert(token, member).map_err(internal)?;
            }
            None => {
                feeds.remove(member).map_err(internal)?;
            }
        }
    }
    txn.commit().map_err(internal)
}

pub fn feed_owner(db: &Database, token: &str) -> Result<Option<String>, StoreError> {
    let txn = db.begin_read().map_err(internal)?;
    let tokens = txn.open_table(FEED_TOKENS).map_err(internal)?;
    let found = tokens.get(token).map_err(internal)?;
    Ok(found.map(|v| v.value().to_string()))
}

#[async_trait]
impl Members for EmbeddedStore {
    async fn set_bookmark(
        &self,
        member: &MemberId,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError> {
        let (member, session) = (member.to_string(), session.clone());
        self.blocking(move |db| set_bookmark(db, &member, &session, bookmarked))
            .await
    }

    async fn is_bookmarked(
        &self,
        member: &MemberId,
        session: &SessionId,
    ) -> Result<bool, StoreError> {
        let (member, session) = (member.to_string(), session.clone());
        self.blocking(move |db| is_bookmarked(db, &member, &session))
            .await
    }

    async fn member_bookmarks(&self, member: &MemberId) -> Result<Vec<Session>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| bookmarks(db, &member)).await
    }

    async fn member_reviews(&self, member: &MemberId) -> Result<Vec<Review>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| reviews(db, &member)).await
    }

    async fn sessions_added_by(&self, member: &MemberId) -> Result<Vec<Session>, StoreError> {
        let prefix = format!("{member}\u{0}");
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let by_author = txn.open_table(SESSIONS_BY_AUTHOR).map_err(internal)?;
            let sessions = txn.open_table(SESSIONS).map_err(internal)?;
            Ok(sessions_with_prefix(&by_author, &sessions, &prefix, MAX_MEMBER_LIST)?.0)
        })
        .await
    }

    async fn feed_token(&self, member: &MemberId) -> Result<Option<String>, StoreError> {
        let member = member.to_string();
        self.blocking(move |db| feed_token(db, &member)).await
    }

    async fn set_feed_token(
        &self,
        member: &MemberId,
        token: Option<&str>,
    ) -> Result<(), StoreError> {
        let (member, token) = (member.to_string(), token.map(str::to_string));
        self.blocking(move |db| set_feed_token(db, &member, token.as_deref()))
            .await
    }

    async fn feed_owner(&self, token: &str) -> Result<Option<MemberId>, StoreError> {
        let token = token.to_string();
        let owner = self.blocking(move |db| feed_owner(db, &token)).await?;
        Ok(owner.map(MemberId::from))
    }
}
