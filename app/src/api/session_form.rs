//! Adding and editing sessions. A member adds; the author (or a moderator) edits and
//! closes. Every save is checked field by field, offers likely duplicates before a new
//! session is made, can be previewed first, and is kept as a revision.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::{FieldError, GeoPoint, ListedSession, SessionDraft};

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Something is wrong: each problem against its field; nothing was saved.
    Invalid(Vec<FieldError>),
    /// How the session will look; nothing was saved.
    Preview {
        card: Box<ListedSession>,
        point: Option<GeoPoint>,
    },
    /// Sessions at the same venue on the same day nearby: is it one of these?
    PossibleDuplicates(Vec<ListedSession>),
    /// Someone else saved a change first; the member's input is kept.
    Conflict(String),
    Saved {
        href: String,
    },
}

/// The form as it stands when editing: the session's fields, and whether this member
/// may edit it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditForm {
    /// Empty for a new session.
    pub session_id: String,
    pub name: String,
    pub draft: SessionDraft,
    /// Map tiles for picking the point (`MAP_TILE_URL`).
    pub map_tiles: String,
}

/// A blank form for a signed-in member.
#[server(name = NewSessionFormCall, prefix = "/api", endpoint = "new_session_form")]
pub async fn new_session_form() -> Result<EditForm, AppError> {
    let state = super::edge::state()?;
    super::account::cookies::signed_in("add a session").await?;
    Ok(EditForm {
        session_id: String::new(),
        name: String::new(),
        draft: SessionDraft::blank(),
        map_tiles: state.map_tiles.to_string(),
    })
}

/// What the save button asked for (`intent=preview`, `save` or `save-anyway`); anything
/// else is refused before anything is read or saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    Preview,
    Save,
    /// Save even though likely duplicates were offered.
    SaveAnyway,
}

/// Adds a session (no `session_id`) or saves an edit of one.
#[server(name = SaveSessionCall, prefix = "/api", endpoint = "save_session")]
pub async fn save_session(
    #[server(default)] session_id: Option<crate::model::SessionId>,
    draft: SessionDraft,
    intent: Intent,
) -> Result<SaveOutcome, AppError> {
    use crate::model::{describe_changes, Revision};
    use crate::store::StoreError;

    let (state, member) = crate::api::guard::member("add or edit a session").await?;
    let now = chrono::Utc::now();
    let existing = match &session_id {
        None => None,
        Some(id) => {
            let session = listed_session(&state, id).await?;
            may_edit(&member, &session)?;
            Some(session)
        }
    };
    let id = existing
        .as_ref()
        .map_or_else(|| new_session_id(&draft.name), |s| s.id.clone());
    let mut session = match draft.to_session(id, existing.as_ref(), &member.subject, now, |zone| {
        crate::model::occurrence::parse_time_zone(zone).is_ok()
    }) {
        Ok(session) => session,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors.0)),
    };
    if let Some(existing) = &existing {
        // The edit applies to the version the member saw.
        session.version = draft.version.trim().parse().unwrap_or(existing.version);
    }
    if intent == Intent::Preview {
        return Ok(SaveOutcome::Preview {
            card: Box::new(ListedSession::new(
                crate::i18n::use_lang(),
                &session,
                now,
                None,
            )),
            point: session.point,
        });
    }
    if existing.is_none() && intent == Intent::Save {
        let likely = likely_duplicates(&state, &session).await?;
        if !likely.is_empty() {
            return Ok(SaveOutcome::PossibleDuplicates(
                likely
                    .iter()
                    .map(|s| ListedSession::new(crate::i18n::use_lang(), s, now, None))
                    .collect(),
            ));
        }
    }
    crate::api::guard::count_write(&state, &member).await?;
    let revision = Revision {
        session_id: session.id.clone(),
        at: now,
        by: member.subject.clone(),
        by_name: member.name.clone(),
        changes: describe_changes(existing.as_ref(), &session),
    };
    let href = super::session_href(&session);
    match &existing {
        None => {
            state
                .store
                .create_session(&session, Some(&revision))
                .await?
        }
        Some(_) if revision.changes.is_empty() => {}
        Some(_) => match state.store.update_session(&session, Some(&revision)).await {
            Ok(_) => {}
            Err(StoreError::VersionConflict { .. }) => {
                return Ok(SaveOutcome::Conflict(crate::t!(
                    crate::i18n::use_lang(),
                    "error-edit-conflict"
                )))
            }
            Err(other) => return Err(other.into()),
        },
    }
    tracing::info!(session = %session.id, member = %member.subject, "session saved");
    crate::api::edge::redirect_to(&href);
    Ok(SaveOutcome::Saved { href })
}

/// The edit form for a session: only its author or a moderator gets it.
#[server(name = EditFormCall, prefix = "/api", endpoint = "edit_form")]
pub async fn edit_form(session_id: String) -> Result<EditForm, AppError> {
    use crate::api::account::cookies;
    use crate::api::edge;

    let state = edge::state()?;
    let member = cookies::signed_in("edit a session").await?;
    // The page's own read of its URL: a path that is no id is the same 404 as a missing one.
    let session = listed_session(&state, &edge::session_id(&session_id)?).await?;
    may_edit(&member, &session)?;
    Ok(EditForm {
        session_id,
        name: session.name.clone(),
        draft: SessionDraft::from_session(&session),
        map_tiles: state.map_tiles.to_string(),
    })
}

/// The session, or a 404 the member can read.
#[cfg(feature = "ssr")]
async fn listed_session(
    state: &crate::state::AppState,
    id: &crate::model::SessionId,
) -> Result<crate::model::Session, AppError> {
    state
        .store
        .get_session(id)
        .await?
        .ok_or_else(|| super::edge::not_found(crate::model::UNKNOWN_SESSION))
}

/// The author edits their own session; moderators edit any.
#[cfg(feature = "ssr")]
fn may_edit(
    member: &crate::model::Member,
    session: &crate::model::Session,
) -> Result<(), AppError> {
    if member.may_edit(&session.added_by) {
        Ok(())
    } else {
        Err(super::edge::respond_with(AppError::new(
            403,
            crate::t!(crate::i18n::use_lang(), "error-not-yours"),
        )))
    }
}

/// `doolin-trad-3f9a2c`: readable, and unique enough with six random hex digits (a
/// clash is refused by the store and never overwrites).
#[cfg(feature = "ssr")]
fn new_session_id(name: &str) -> crate::model::SessionId {
    let slug: String = crate::text::slug(name).chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let random = uuid::Uuid::new_v4().simple().to_string();
    let suffix = &random[..6];
    let id = if slug.is_empty() {
        suffix.to_string()
    } else {
        format!("{slug}-{suffix}")
    };
    // A slug is lower-case letters, digits and `-`: always an id.
    crate::model::SessionId::parse(&id).expect("a slug and hex digits make an id")
}

/// Sessions within 1 km at a venue with a like name on one of the same weekdays; for an
/// online session, ones in the same town with a like name.
#[cfg(feature = "ssr")]
async fn likely_duplicates(
    state: &crate::state::AppState,
    new: &crate::model::Session,
) -> Result<Vec<crate::model::Session>, AppError> {
    use crate::model::search::query_terms;
    use crate::text::fold;

    let candidates: Vec<crate::model::Session> = match new.point {
        Some(point) => state
            .store
            .sessions_near(point, 1.0)
            .await?
            .into_iter()
            .map(|n| n.session)
            .collect(),
        None => match query_terms(&new.venue.name) {
            Ok(terms) => state
                .store
                .search_sessions(&terms)
                .await?
                .into_iter()
                .filter(|s| fold(&s.town) == fold(&new.town))
                .collect(),
            Err(_) => Vec::new(),
        },
    };
    // "Hogan's Bar" and "Hogans" are one venue: words without apostrophes, and a word
    // that begins another counts as the same.
    let words = |text: &str| -> Vec<String> {
        fold(&text.replace(['\'', '’'], ""))
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3 && !["the", "pub", "bar", "inn", "hotel"].contains(w))
            .map(str::to_string)
            .collect()
    };
    let venue_words = words(&new.venue.name);
    let alike = |other: &str| {
        words(other).iter().any(|w| {
            venue_words
                .iter()
                .any(|v| v.starts_with(w.as_str()) || w.starts_with(v.as_str()))
        })
    };
    let days = weekdays(new);
    Ok(candidates
        .into_iter()
        .filter(|s| {
            let same_venue = alike(&s.venue.name) || fold(&s.venue.name) == fold(&new.venue.name);
            let same_day = !days.is_disjoint(&weekdays(s));
            same_venue && same_day
        })
        .take(5)
        .collect())
}

#[cfg(feature = "ssr")]
fn weekdays(session: &crate::model::Session) -> std::collections::BTreeSet<u32> {
    use crate::model::Schedule;
    use chrono::Datelike;
    session
        .schedules
        .iter()
        .flat_map(|schedule| match schedule {
            Schedule::Weekly { days, .. } => {
                days.iter().map(|d| d.num_days_from_monday()).collect()
            }
            Schedule::Monthly { day, .. } => vec![day.num_days_from_monday()],
            Schedule::Once { date, .. } => vec![date.weekday().num_days_from_monday()],
        })
        .collect()
}
