//! The session page's data, prepared on the server: next dates need the time-zone database,
//! which stays out of the WASM bundle.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::review::ReviewSection;
use crate::error::AppError;
use crate::model::{PlaceName, Rating, Session};

/// One upcoming date, in words for people and ISO 8601 for machines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpcomingDate {
    /// "tonight 21:30", "Wed 4 Dec" — in the session's own time zone.
    pub when: String,
    /// When it starts, in the session's zone: `2026-12-04T21:30:00+00:00`, for
    /// `<time datetime>`.
    pub iso: String,
    /// When it ends, in the same zone: the end the schedule gives, or
    /// [`ASSUMED_HOURS`](crate::model::occurrence::ASSUMED_HOURS) after the start.
    pub end_iso: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub session: Session,
    /// Country, area and town, top first, linking to their place pages.
    pub trail: Vec<PlaceName>,
    pub upcoming: Vec<UpcomingDate>,
    /// The page's absolute URL.
    pub canonical_url: String,
    /// schema.org Event as JSON-LD, escaped for a `<script>` element.
    pub json_ld: String,
    /// Map tile URL template; empty for no tiles.
    pub map_tiles: String,
    pub reviews: ReviewSection,
    /// Nobody has confirmed it runs for over a year.
    pub possibly_stale: bool,
    /// A one-off whose date has passed: listed nowhere, and the page says so.
    pub is_over: bool,
    /// Whether the signed-in member bookmarked it (`None` when nobody is signed in).
    pub bookmarked: Option<bool>,
    /// The signed-in member added it, or moderates.
    pub can_edit: bool,
    /// Its changes, newest first.
    pub history: Vec<ShownRevision>,
    /// The viewer moderates: hidden content shows, marked, with a restore button.
    pub is_moderator: bool,
}

/// A revision as the session page shows it: who (by name), when, what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownRevision {
    pub by_name: String,
    /// "22 Nov 2026"
    pub when: String,
    pub changes: Vec<String>,
}

/// How many upcoming dates a session page lists.
pub const UPCOMING_DATES: usize = 5;

#[server(name = SessionDetailCall, prefix = "/api", endpoint = "session_detail")]
pub async fn session_detail(id: String) -> Result<SessionDetail, AppError> {
    use super::edge;
    use super::review::ShownReview;

    let state = edge::state()?;
    let session_id = edge::session_id(&id)?;
    // Who is asking needs no store read; the session and their bookmark are read together.
    let member = super::account::cookies::member_of_request().await?;
    let is_moderator = member.as_ref().is_some_and(|m| m.is_moderator());
    let bookmark = async {
        match &member {
            Some(m) => state
                .store
                .is_bookmarked(&m.subject, &session_id)
                .await
                .map(Some)
                .map_err(AppError::from),
            None => Ok(None),
        }
    };
    let (
        (
            ApiSession {
                session,
                upcoming,
                url,
                rating,
            },
            reviews,
            added_by,
        ),
        bookmarked,
    ) = tokio::try_join!(
        session_detail_for(&state, id.clone(), is_moderator),
        bookmark
    )?;
    let own = member
        .as_ref()
        .and_then(|m| reviews.reviews.iter().find(|r| r.author == m.subject));
    // A review a moderator hid is not shown to its author either.
    let mine = own.filter(|r| !r.hidden).map(ShownReview::of);
    let mine_hidden = own.is_some_and(|r| r.hidden);
    let can_edit = member.as_ref().is_some_and(|m| m.may_edit(&added_by));
    let history = reviews
        .history
        .iter()
        .map(|r| ShownRevision {
            by_name: r.by_name.clone(),
            when: crate::i18n::dates::short_date(crate::i18n::use_lang(), r.at.date_naive(), true),
            changes: r.changes.clone(),
        })
        .collect();
    let reviews = ReviewSection {
        rating,
        // Hidden reviews are for moderators' eyes only.
        reviews: reviews
            .reviews
            .iter()
            .filter(|r| is_moderator || !r.hidden)
            .map(ShownReview::of)
            .collect(),
        signed_in: member.is_some(),
        mine,
        mine_hidden,
        today: chrono::Utc::now().format("%Y-%m-%d").to_string(),
    };
    // From the session itself: the page needs one store read, not two.
    let trail = crate::store::trail_of(&session);
    let is_over = crate::model::occurrence::is_over(&session, chrono::Utc::now());
    let possibly_stale = !is_over && session.is_possibly_stale(chrono::Utc::now().date_naive());
    let json_ld = super::json_ld::session_json_ld(&session, &url, &upcoming);
    Ok(SessionDetail {
        session,
        trail,
        upcoming,
        canonical_url: url,
        json_ld,
        map_tiles: state.map_tiles.to_string(),
        reviews,
        possibly_stale,
        is_over,
        bookmarked,
        can_edit,
        history,
        is_moderator,
    })
}

/// A session as the public API gives it: the session, its next dates and its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiSession {
    pub session: Session,
    pub upcoming: Vec<UpcomingDate>,
    /// The session's page on the site.
    pub url: String,
    /// How many reviews gave each number of stars.
    pub rating: Rating,
}

/// The session's next `count` dates (one under way at `now` included), in words and in
/// its own zone.
#[cfg(feature = "ssr")]
pub fn upcoming_dates(
    session: &Session,
    now: chrono::DateTime<chrono::Utc>,
    count: usize,
) -> Vec<UpcomingDate> {
    use crate::model::occurrence::{describe_when_in, next_occurrences};
    let lang = crate::i18n::use_lang();
    next_occurrences(session, now, count)
        .iter()
        .map(|occ| UpcomingDate {
            when: describe_when_in(lang, occ, now),
            iso: occ.start.to_rfc3339(),
            end_iso: occ.assumed_end().to_rfc3339(),
        })
        .collect()
}

/// Loads a session with its reviews (one store read) and works out its next dates; a
/// missing one is a 404, and so is a hidden one unless a moderator asks.
#[cfg(feature = "ssr")]
pub async fn session_detail_for(
    state: &crate::state::AppState,
    id: String,
    moderator: bool,
) -> Result<
    (
        ApiSession,
        crate::model::SessionActivity,
        crate::model::MemberId,
    ),
    AppError,
> {
    use super::edge;

    let (mut session, reviews) = state
        .store
        .session_with_activity(&edge::session_id(&id)?)
        .await?
        .filter(|(session, _)| moderator || !session.hidden)
        .ok_or_else(|| {
            edge::not_found(&crate::t!(crate::i18n::use_lang(), "error-unknown-session"))
        })?;
    let now = chrono::Utc::now();
    let upcoming = upcoming_dates(&session, now, UPCOMING_DATES);
    let url = format!("{}{}", state.site_url, session_href(&session));
    // Who added it decides who may edit it, and is nobody else's business.
    let added_by = std::mem::take(&mut session.added_by);
    Ok((
        ApiSession {
            session,
            upcoming,
            url,
            rating: reviews.rating,
        },
        reviews,
        added_by,
    ))
}

/// A session page's path.
pub fn session_href(session: &Session) -> String {
    format!("/session/{}", session.id)
}
