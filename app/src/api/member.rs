//! A member's own things: bookmarks, their reviews, the sessions they added, and the
//! private calendar feed of their bookmarks. Everything here acts on the member the
//! cookies name and no one else.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::review::ShownReview;
use crate::error::AppError;
use crate::model::ListedSession;

/// One of the member's reviews, with the session it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyReview {
    pub session_name: String,
    pub session_href: String,
    pub review: ShownReview,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MyThings {
    pub bookmarks: Vec<ListedSession>,
    pub reviews: Vec<MyReview>,
    pub added: Vec<ListedSession>,
    /// The private calendar-feed URL, if they made one.
    pub feed_url: Option<String>,
    /// The places they follow, by id.
    pub follows: Vec<super::follow::ShownFollow>,
}

/// Bookmarks a session (or removes the bookmark); answers whether it is now bookmarked.
#[server(name = SetBookmarkCall, prefix = "/api", endpoint = "set_bookmark")]
pub async fn set_bookmark(
    session_id: crate::model::SessionId,
    bookmarked: bool,
) -> Result<bool, AppError> {
    let (state, member) = crate::api::guard::writer("bookmark a session").await?;
    let id = session_id;
    state
        .store
        .set_bookmark(&member.subject, &id, bookmarked)
        .await?;
    crate::api::edge::redirect_to(&format!("/session/{id}"));
    Ok(bookmarked)
}

#[server(name = MyThingsCall, prefix = "/api", endpoint = "my_things")]
pub async fn my_things() -> Result<MyThings, AppError> {
    use crate::api::account::cookies;
    use crate::api::edge;

    let state = edge::state()?;
    let member = cookies::signed_in("see your bookmarks and reviews").await?;
    let store = state.store.clone();
    let (bookmarks, reviews, added, token, follows) = tokio::try_join!(
        store.member_bookmarks(&member.subject),
        store.member_reviews(&member.subject),
        store.sessions_added_by(&member.subject),
        store.feed_token(&member.subject),
        store.follows_of(&member.subject),
    )?;
    // Digests go to the address a member has now: one changed since they followed is
    // brought up to date here, where they look at what they follow.
    let follows = refreshed_addresses(&state, &member, follows).await?;
    // Hidden content is gone for everyone but moderators, its authors included.
    let reviews: Vec<_> = reviews.into_iter().filter(|r| !r.hidden).collect();
    let sessions = reviewed_sessions(&state, &reviews).await?;
    let now = chrono::Utc::now();
    let listed = |sessions: Vec<crate::model::Session>| {
        sessions
            .iter()
            .filter(|s| !s.hidden)
            .map(|s| ListedSession::new(crate::i18n::use_lang(), s, now, None))
            .collect::<Vec<_>>()
    };
    Ok(MyThings {
        bookmarks: listed(bookmarks),
        reviews: reviews
            .iter()
            .zip(sessions)
            .filter_map(|(review, session)| {
                let session = session.filter(|s| !s.hidden)?;
                Some(MyReview {
                    session_name: session.name.clone(),
                    session_href: super::session_href(&session),
                    review: ShownReview::of(review),
                })
            })
            .collect(),
        added: listed(added),
        feed_url: token.map(|t| feed_url(&state.site_url, &t)),
        follows: super::follow::shown(follows),
    })
}

#[cfg(feature = "ssr")]
async fn refreshed_addresses(
    state: &crate::state::AppState,
    member: &crate::model::Member,
    follows: Vec<crate::model::Follow>,
) -> Result<Vec<crate::model::Follow>, AppError> {
    let mut kept = Vec::with_capacity(follows.len());
    for mut follow in follows {
        if follow.email != member.email && !member.email.is_empty() {
            follow.email = member.email.clone();
            state.store.put_follow(&follow).await?;
        }
        kept.push(follow);
    }
    Ok(kept)
}

#[cfg(feature = "ssr")]
async fn reviewed_sessions(
    state: &crate::state::AppState,
    reviews: &[crate::model::Review],
) -> Result<Vec<Option<crate::model::Session>>, AppError> {
    let mut reads = tokio::task::JoinSet::new();
    for (index, review) in reviews.iter().enumerate() {
        let store = state.store.clone();
        let id = review.session_id.clone();
        reads.spawn(async move { (index, store.get_session(&id).await) });
    }
    let mut found = vec![None; reviews.len()];
    while let Some(done) = reads.join_next().await {
        let (index, session) = done.map_err(|_| AppError::internal())?;
        found[index] = session?;
    }
    Ok(found)
}

#[cfg(feature = "ssr")]
fn feed_url(site_url: &str, token: &str) -> String {
    format!("{site_url}/feeds/bookmarks/{token}.ics")
}

/// Makes a new private calendar link; any earlier one stops working at once.
#[server(name = NewFeedLinkCall, prefix = "/api", endpoint = "new_feed_link")]
pub async fn new_feed_link() -> Result<String, AppError> {
    let (state, member) = crate::api::guard::writer("make a calendar link").await?;
    // 122 random bits: the link is the only key to the feed.
    let token = uuid::Uuid::new_v4().simple().to_string();
    state
        .store
        .set_feed_token(&member.subject, Some(&token))
        .await?;
    crate::api::edge::redirect_to("/account#calendar");
    Ok(feed_url(&state.site_url, &token))
}

/// Turns the private calendar link off.
#[server(name = TurnOffFeedCall, prefix = "/api", endpoint = "turn_off_feed")]
pub async fn turn_off_feed() -> Result<(), AppError> {
    let (state, member) = crate::api::guard::writer("turn off your calendar link").await?;
    state.store.set_feed_token(&member.subject, None).await?;
    crate::api::edge::redirect_to("/account#calendar");
    Ok(())
}
