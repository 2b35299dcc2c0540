//! Follows in the embedded store: `follows` (member `\0` follow id → JSON), walked in key
//! order by the digest, and `digest_marks` (member `\0` cadence → the mark as JSON; files
//! from before claims were kept hold an RFC 3339 time, read as a mark sent until then).
use app::model::{Cadence, DigestMark, Follow, MemberId};
use app::store::{Follows, StoreError, MAX_FOLLOWS_READ};
use async_trait::async_trait;
use chrono::DateTime;
use redb::{ReadableDatabase, ReadableTable, TableDefinition};

use super::members::member_key;
use super::{from_json, internal, to_json, EmbeddedStore};

pub const FOLLOWS: TableDefinition<&str, &[u8]> = TableDefinition::new("follows");
pub const DIGEST_MARKS: TableDefinition<&str, &str> = TableDefinition::new("digest_marks");

fn mark_key(member: &MemberId, cadence: Cadence) -> String {
    member_key(member.as_str(), cadence.slug())
}

fn parse_mark(text: &str) -> Result<DigestMark, StoreError> {
    if text.starts_with('{') {
        serde_json::from_str(text).map_err(internal)
    } else {
        DateTime::parse_from_rfc3339(text)
            .map(|t| DigestMark::sent(t.to_utc()))
            .map_err(internal)
    }
}

#[async_trait]
impl Follows for EmbeddedStore {
    async fn put_follow(&self, follow: &Follow) -> Result<(), StoreError> {
        let key = member_key(follow.member.as_str(), &follow.id());
        let value = to_json(follow)?;
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            {
                let mut follows = txn.open_table(FOLLOWS).map_err(internal)?;
                follows
                    .insert(key.as_str(), value.as_slice())
                    .map_err(internal)?;
            }
            txn.commit().map_err(internal)
        })
        .await
    }

    async fn follows_of(&self, member: &MemberId) -> Result<Vec<Follow>, StoreError> {
        let prefix = member_key(member.as_str(), "");
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let follows = txn.open_table(FOLLOWS).map_err(internal)?;
            let mut found = Vec::new();
            for entry in follows.range::<&str>(prefix.as_str()..).map_err(internal)? {
                let (key, value) = entry.map_err(internal)?;
                if !key.value().starts_with(prefix.as_str()) {
                    break;
                }
                found.push(from_json(value.value())?);
            }
            Ok(found)
        })
        .await
    }

    async fn remove_follow(&self, member: &MemberId, id: &str) -> Result<bool, StoreError> {
        let key = member_key(member.as_str(), id);
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            let removed = {
                let mut follows = txn.open_table(FOLLOWS).map_err(internal)?;
                let removed = follows.remove(key.as_str()).map_err(internal)?.is_some();
                removed
            };
            txn.commit().map_err(internal)?;
            Ok(removed)
        })
        .await
    }

    async fn follows_after(
        &self,
        after: Option<(&MemberId, &str)>,
        limit: usize,
    ) -> Result<Vec<Follow>, StoreError> {
        let after = after.map(|(member, id)| member_key(member.as_str(), id));
        let limit = limit.clamp(1, MAX_FOLLOWS_READ);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let follows = txn.open_table(FOLLOWS).map_err(internal)?;
            let entries = match &after {
                Some(after) => follows.range::<&str>(after.as_str()..),
                None => follows.range::<&str>(..),
            }
            .map_err(internal)?;
            let mut found = Vec::new();
            for entry in entries {
                let (key, value) = entry.map_err(internal)?;
                if after.as_deref() == Some(key.value()) {
                    continue;
                }
                found.push(from_json(value.value())?);
                if found.len() == limit {
                    break;
                }
            }
            Ok(found)
        })
        .await
    }

    async fn digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
    ) -> Result<Option<DigestMark>, StoreError> {
        let key = mark_key(member, cadence);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let marks = txn.open_table(DIGEST_MARKS).map_err(internal)?;
            let found = marks.get(key.as_str()).map_err(internal)?;
            found.map(|v| parse_mark(v.value())).transpose()
        })
        .await
    }

    async fn move_digest_mark(
        &self,
        member: &MemberId,
        cadence: Cadence,
        expected: Option<&DigestMark>,
        to: Option<&DigestMark>,
    ) -> Result<bool, StoreError> {
        let key = mark_key(member, cadence);
        let expected = expected.cloned();
        let to = to
            .map(serde_json::to_string)
            .transpose()
            .map_err(internal)?;
        self.blocking(move |db| {
            // One write transaction at a time: the read and the write cannot interleave
            // with another run's.
            let txn = db.begin_write().map_err(internal)?;
            let moved = {
                let mut marks = txn.open_table(DIGEST_MARKS).map_err(internal)?;
                let stored = marks
                    .get(key.as_str())
                    .map_err(internal)?
                    .map(|v| parse_mark(v.value()))
                    .transpose()?;
                if stored != expected {
                    false
                } else {
                    match to {
                        Some(to) => {
                            marks.insert(key.as_str(), to.as_str()).map_err(internal)?;
                        }
                        None => {
                            marks.remove(key.as_str()).map_err(internal)?;
                        }
                    }
                    true
                }
            };
            txn.commit().map_err(internal)?;
            Ok(moved)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_written_before_claims_read_as_sent() {
        let monday = "2026-11-30T07:00:00Z".parse().unwrap();
        assert_eq!(
            parse_mark("2026-11-30T07:00:00+00:00").unwrap(),
            DigestMark::sent(monday)
        );
        let claim = DigestMark::claim(monday, None, monday);
        let text = serde_json::to_string(&claim).unwrap();
        assert_eq!(parse_mark(&text).unwrap(), claim);
    }
}
