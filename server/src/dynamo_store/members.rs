//! A member's own things, in their partition `M#{member id}`: bookmarks (`B#{session}`),
//! copies of their reviews (`R#{session}`, written in the review's transaction), the
//! sessions they added (`A#{name key}`, an index item written with the session) and their
//! calendar-feed token (`FEED`), with the token's own item `F#{token}` pointing back.
use std::collections::HashMap;

use app::model::{newest_first, MemberId, Review, Session, SessionId};
use app::store::{Members, StoreError, MAX_MEMBER_LIST};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes};

use super::errors::store_error;
use super::items::{s, session_from_doc, session_from_item, session_pk, Item, SESSION_SK};
use super::writes::Outcome;
use super::{DynamoStore, TRANSACTION_ATTEMPTS};

pub const BOOKMARK_PREFIX: &str = "B#";
pub const REVIEW_COPY_PREFIX: &str = "R#";
pub const ADDED_PREFIX: &str = "A#";
const FEED_SK: &str = "FEED";
const TOKEN_SK: &str = "F";

pub fn member_pk(member: &str) -> String {
    format!("M#{member}")
}

fn token_pk(token: &str) -> String {
    format!("F#{token}")
}

/// The copy of a review in its author's partition.
pub fn review_copy_item(review: &Review) -> Result<Item, StoreError> {
    let doc = super::items::to_doc(review)?;
    Ok(HashMap::from([
        ("pk".to_string(), s(member_pk(review.author.as_str()))),
        (
            "sk".to_string(),
            s(format!("{REVIEW_COPY_PREFIX}{}", review.session_id)),
        ),
        ("doc".to_string(), s(doc)),
    ]))
}

pub fn review_copy_key(session: &SessionId, author: &str) -> (String, String) {
    (member_pk(author), format!("{REVIEW_COPY_PREFIX}{session}"))
}

fn string_of(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|v| v.as_s().ok()).cloned()
}

impl DynamoStore {
    /// One item by its key, read consistently.
    pub(super) async fn get(&self, pk: String, sk: &str) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(store_error)?;
        Ok(output.item)
    }

    /// The items of a member's partition under a prefix (one Query: up to 1 MB).
    async fn member_items(&self, member: &str, prefix: &str) -> Result<Vec<Item>, StoreError> {
        Ok(self
            .range_items(
                member_pk(member),
                prefix.to_string(),
                prefix.to_string(),
                MAX_MEMBER_LIST,
                1,
            )
            .await?
            .0)
    }

    /// Sessions by id (at most 100), retrying keys DynamoDB leaves unprocessed.
    async fn sessions_by_id(&self, ids: Vec<String>) -> Result<Vec<Session>, StoreError> {
        let mut found = Vec::new();
        let mut keys: Vec<HashMap<String, AttributeValue>> = ids
            .iter()
            .map(|id| {
                HashMap::from([
                    ("pk".to_string(), s(session_pk(id))),
                    ("sk".to_string(), s(SESSION_SK)),
                ])
            })
            .collect();
        for _ in 0..TRANSACTION_ATTEMPTS {
            if keys.is_empty() {
                break;
            }
            let request = KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut keys)))
                .build()
                .map_err(|e| StoreError::Internal(e.to_string()))?;
            let output = self
                .client
                .batch_get_item()
                .request_items(&self.table, request)
                .send()
                .await
                .map_err(store_error)?;
            for item in output
                .responses
                .unwrap_or_default()
                .remove(&self.table)
                .unwrap_or_default()
            {
                found.push(session_from_item(item)?);
            }
            keys = output
                .unprocessed_keys
                .unwrap_or_default()
                .remove(&self.table)
                .map(|k| k.keys)
                .unwrap_or_default();
        }
        Ok(found)
    }
}

#[async_trait]
impl Members for DynamoStore {
    async fn set_bookmark(
        &self,
        member: &MemberId,
        session: &SessionId,
        bookmarked: bool,
    ) -> Result<(), StoreError> {
        let member = member.as_str();
        let sk = format!("{BOOKMARK_PREFIX}{session}");
        if !bookmarked {
            self.client
                .delete_item()
                .table_name(&self.table)
                .key("pk", s(member_pk(member)))
                .key("sk", s(sk))
                .send()
                .await
                .map_err(store_error)?;
            return Ok(());
        }
        let item = HashMap::from([
            ("pk".to_string(), s(member_pk(member))),
            ("sk".to_string(), s(sk)),
            ("session_id".to_string(), s(session.as_str())),
            ("at".to_string(), s(chrono::Utc::now().to_rfc3339())),
        ]);
        let writes = vec![
            self.session_exists(session),
            // Keeps the first time it was bookmarked.
            self.put(item, Some(("attribute_not_exists(pk)", vec![]))),
        ];
        match self.transact_outcome(writes).await? {
            Outcome::ConditionFailed(0) => Err(StoreError::NotFound(session.clone())),
            Outcome::Done | Outcome::ConditionFailed(_) => Ok(()),
        }
    }

    async fn is_bookmarked(
        &self,
        member: &MemberId,
        session: &SessionId,
    ) -> Result<bool, StoreError> {
        let member = member.as_str();
        Ok(self
            .get(member_pk(member), &format!("{BOOKMARK_PREFIX}{session}"))
            .await?
            .is_some())
    }

    /// One Query for the bookmarks, then the sessions by BatchGetItem (100 keys a call,
    /// in parallel).
    async fn member_bookmarks(&self, member: &MemberId) -> Result<Vec<Session>, StoreError> {
        let member = member.as_str();
        let mut marks: Vec<(String, String)> = self
            .member_items(member, BOOKMARK_PREFIX)
            .await?
            .iter()
            .filter_map(|item| Some((string_of(item, "at")?, string_of(item, "session_id")?)))
            .collect();
        marks.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let ids: Vec<String> = marks.into_iter().map(|(_, id)| id).collect();
        let batches = futures::future::try_join_all(
            ids.chunks(100)
                .map(|chunk| self.sessions_by_id(chunk.to_vec())),
        )
        .await?;
        let mut by_id: HashMap<String, Session> = batches
            .into_iter()
            .flatten()
            .map(|session| (session.id.to_string(), session))
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    async fn member_reviews(&self, member: &MemberId) -> Result<Vec<Review>, StoreError> {
        let member = member.as_str();
        let reviews = self
            .member_items(member, REVIEW_COPY_PREFIX)
            .await?
            .iter()
            .map(super::items::from_doc)
            .collect::<Result<Vec<Review>, _>>()?;
        Ok(newest_first(reviews))
    }

    async fn sessions_added_by(&self, member: &MemberId) -> Result<Vec<Session>, StoreError> {
        let member = member.as_str();
        self.member_items(member, ADDED_PREFIX)
            .await?
            .iter()
            .map(session_from_doc)
            .collect()
    }

    async fn feed_token(&self, member: &MemberId) -> Result<Option<String>, StoreError> {
        let member = member.as_str();
        Ok(self
            .get(member_pk(member), FEED_SK)
            .await?
            .and_then(|item| string_of(&item, "token"))
            .filter(|token| !token.is_empty()))
    }

    /// Swaps the member's token in one transaction, guarded by the one read, so two
    /// racing changes cannot leave two live tokens.
    async fn set_feed_token(
        &self,
        member: &MemberId,
        token: Option<&str>,
    ) -> Result<(), StoreError> {
        let member = member.as_str();
        for _ in 0..TRANSACTION_ATTEMPTS {
            let old = self.feed_token(&member.into()).await?;
            let mut writes = Vec::new();
            // `token` is a reserved word in expressions: hence `#token`.
            let guard = match &old {
                Some(old) => ("#token = :old", vec![(":old", s(old.clone()))]),
                None => (
                    "attribute_not_exists(#token) OR #token = :none",
                    vec![(":none", s(""))],
                ),
            };
            let member_item = HashMap::from([
                ("pk".to_string(), s(member_pk(member))),
                ("sk".to_string(), s(FEED_SK)),
                ("token".to_string(), s(token.unwrap_or_default())),
            ]);
            writes.push(self.put_named(member_item, guard, &[("#token", "token")]));
            if let Some(old) = &old {
                writes.push(self.delete(token_pk(old), TOKEN_SK.to_string()));
            }
            if let Some(token) = token {
                writes.push(self.put(
                    HashMap::from([
                        ("pk".to_string(), s(token_pk(token))),
                        ("sk".to_string(), s(TOKEN_SK)),
                        ("member".to_string(), s(member)),
                    ]),
                    None,
                ));
            }
            match self.transact_outcome(writes).await? {
                Outcome::Done => return Ok(()),
                Outcome::ConditionFailed(_) => continue,
            }
        }
        Err(StoreError::Unavailable(
            "the calendar link changed twice at once; try again".into(),
        ))
    }

    async fn feed_owner(&self, token: &str) -> Result<Option<MemberId>, StoreError> {
        if token.is_empty() {
            return Ok(None);
        }
        Ok(self
            .get(token_pk(token), TOKEN_SK)
            .await?
            .and_then(|item| string_of(&item, "member"))
            .map(MemberId::from))
    }
}
