//! The checks a server function starts with, in one place, so each function is one call
//! and then its work: the request came from one of our pages, a member is signed in (a
//! sign-in ended since their token was issued does not count), and a write is counted
//! against their allowance; or the member is a moderator.
use crate::api::account::cookies;
use crate::api::edge;
use crate::error::AppError;
use crate::model::Member;
use crate::state::AppState;

/// A member's write, counted. `doing` finishes "Please sign in to …".
pub async fn writer(doing: &str) -> Result<(AppState, Member), AppError> {
    let (state, member) = member(doing).await?;
    count_write(&state, &member).await?;
    Ok((state, member))
}

/// A signed-in member on one of our pages, their write not yet counted: for a write that
/// checks its input first, so a refused form costs nothing. Then [`count_write`].
pub async fn member(doing: &str) -> Result<(AppState, Member), AppError> {
    let state = cookies::guarded()?;
    let member = cookies::signed_in(doing).await?;
    Ok((state, member))
}

/// Counts a member's write (a review, a session, a report) against their and their
/// address's allowance; 429 with `Retry-After` when it is spent.
pub async fn count_write(state: &AppState, member: &Member) -> Result<(), AppError> {
    cookies::write_allowed(state, member).await
}

/// A moderator acting (hide, dismiss, restore): from one of our pages, with the role.
pub async fn moderator_acting(doing: &str) -> Result<(AppState, Member), AppError> {
    let state = cookies::guarded()?;
    Ok((state, moderator_role(doing).await?))
}

/// A moderator reading the queue (a page's own request: no origin to check).
pub async fn moderator(doing: &str) -> Result<(AppState, Member), AppError> {
    let state = edge::state()?;
    Ok((state, moderator_role(doing).await?))
}

/// The signed-in moderator, or 401/403.
async fn moderator_role(doing: &str) -> Result<Member, AppError> {
    let mut member = cookies::signed_in(doing).await?;
    // Groups come from the token: one older than this is renewed first, so a member
    // removed from the moderators loses the role within minutes, not an hour.
    const FRESH_SECONDS: i64 = 300;
    if member.is_moderator() && chrono::Utc::now().timestamp() - member.issued_at > FRESH_SECONDS {
        member = cookies::renewed_member(&edge::state()?).await?;
    }
    if member.is_moderator() {
        Ok(member)
    } else {
        Err(edge::respond_with(AppError::new(
            403,
            crate::t!(crate::i18n::use_lang(), "error-moderators-only"),
        )))
    }
}
