//! Writing and deleting reviews. Only the signed-in member's own review is ever written
//! or deleted: the author is always the member the cookies name, never a field the
//! browser sends, so another member's review cannot be reached by any request.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::{Rating, Review};

/// A review as pages show it: the author's name, never their member id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownReview {
    pub author_name: String,
    pub stars: u8,
    /// `2026-11-20`, for the form and `<time datetime>`.
    pub visited_on: String,
    /// "20 November 2026".
    pub visited_words: String,
    pub text: String,
    pub edited: bool,
    /// Names the review in report and restore forms without showing who wrote it.
    pub handle: String,
    /// Hidden by a moderator (only moderators see it).
    pub hidden: bool,
}

impl ShownReview {
    pub fn of(review: &Review) -> Self {
        Self {
            author_name: review.author_name.clone(),
            stars: review.stars,
            visited_on: review.visited_on.format("%Y-%m-%d").to_string(),
            visited_words: crate::i18n::dates::long_date(
                crate::i18n::use_lang(),
                review.visited_on,
            ),
            text: review.text.clone(),
            edited: review.updated_at > review.created_at,
            handle: handle_of(review),
            hidden: review.hidden,
        }
    }
}

#[cfg(feature = "ssr")]
fn handle_of(review: &Review) -> String {
    super::moderation::review_handle(review.session_id.as_str(), review.author.as_str())
}

#[cfg(not(feature = "ssr"))]
fn handle_of(_: &Review) -> String {
    String::new()
}

/// The reviews part of a session page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReviewSection {
    pub rating: Rating,
    /// Everyone's reviews, newest change first (the member's own among them).
    pub reviews: Vec<ShownReview>,
    /// Whether someone is signed in (and may write one).
    pub signed_in: bool,
    /// The signed-in member's own review, to edit.
    pub mine: Option<ShownReview>,
    /// A moderator hid the member's review.
    pub mine_hidden: bool,
    /// The server's date (`2026-11-22`): the latest visit date the form offers.
    pub today: String,
}

/// Writes the signed-in member's review of a session, or replaces theirs. Without
/// JavaScript the form posts here and comes back to the session's reviews.
#[server(name = SaveReviewCall, prefix = "/api", endpoint = "save_review")]
pub async fn save_review(
    session_id: crate::model::SessionId,
    stars: String,
    visited_on: String,
    text: String,
) -> Result<Rating, AppError> {
    use crate::api::edge;
    use crate::model::ReviewDraft;

    let (state, member) = crate::api::guard::member("write a review").await?;
    let checked = ReviewDraft {
        stars,
        visited_on,
        text,
    }
    .check(chrono::Utc::now().date_naive())
    .map_err(|errors| {
        let messages: Vec<String> = errors.0.into_iter().map(|e| e.message).collect();
        edge::respond_with(AppError::bad_request(messages.join(" ")))
    })?;
    crate::api::guard::count_write(&state, &member).await?;
    let now = chrono::Utc::now();
    state
        .store
        .put_review(&Review {
            session_id: session_id.clone(),
            author: member.subject,
            author_name: member.name,
            stars: checked.stars,
            visited_on: checked.visited_on,
            text: checked.text,
            created_at: now,
            updated_at: now,
            // The store decides: a review a moderator hid stays hidden (see put_review).
            hidden: false,
        })
        .await?;
    let (_, reviews) = state
        .store
        .session_with_activity(&session_id)
        .await?
        .ok_or_else(|| edge::not_found(crate::model::UNKNOWN_SESSION))?;
    crate::api::edge::redirect_to(&format!("/session/{session_id}?reviewed=1#reviews"));
    Ok(reviews.rating)
}

/// Deletes the signed-in member's review of a session (nothing if they have none).
#[server(name = DeleteReviewCall, prefix = "/api", endpoint = "delete_review")]
pub async fn delete_review(session_id: crate::model::SessionId) -> Result<bool, AppError> {
    let (state, member) = crate::api::guard::writer("delete your review").await?;
    let deleted = state
        .store
        .delete_review(&session_id, &member.subject)
        .await?;
    crate::api::edge::redirect_to(&format!("/session/{session_id}?review_deleted=1#reviews"));
    Ok(deleted)
}
