//! Reports and moderation. Any member reports a session or a review; moderators see the
//! queue, hide what breaks the rules, dismiss what does not, and restore; every action
//! is kept in the audit trail. Hidden content is shown to moderators only.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// An open report as the queue shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedReport {
    pub id: String,
    /// "Session “Doolin Trad”" or "Review by Brian of “Doolin Trad”: “…”".
    pub what: String,
    pub href: String,
    pub reason: String,
    pub details: String,
    pub reporter_name: String,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub reports: Vec<QueuedReport>,
    /// "22 Nov 2026 20:15 · Máire hid session “Doolin Trad” (Spam or advertising)".
    pub log: Vec<String>,
}

/// A stable, opaque name for a review on a page, so forms can point at it without
/// showing its author's member id.
#[cfg(feature = "ssr")]
pub fn review_handle(session_id: &str, author: &str) -> String {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same handle from every server running this build.
    let mut hasher = std::hash::DefaultHasher::new();
    (session_id, author).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The review a handle names on a session, if there is one.
#[cfg(feature = "ssr")]
async fn review_of_handle(
    state: &crate::state::AppState,
    session_id: &crate::model::SessionId,
    handle: &str,
) -> Result<crate::model::Review, AppError> {
    let (_, activity) = state
        .store
        .session_with_activity(session_id)
        .await
        .map_err(super::edge::store_error)?
        .ok_or_else(|| super::edge::not_found("That session is not listed (any more)."))?;
    activity
        .reviews
        .into_iter()
        .find(|r| review_handle(session_id.as_str(), &r.author) == handle)
        .ok_or_else(|| super::edge::not_found("That review is not there any more."))
}

#[cfg(feature = "ssr")]
fn reason_words(slug: &str) -> Option<&'static str> {
    crate::model::REPORT_REASONS
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, words)| *words)
}

/// Reports a session (empty `review`) or one of its reviews (its handle) to moderators.
#[server(name = ReportCall, prefix = "/api", endpoint = "report")]
pub async fn report(
    session_id: String,
    #[server(default)] review: String,
    reason: String,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    use crate::api::account::cookies;
    use crate::api::edge;
    use crate::model::{Report, ReportTarget, SessionId, MAX_REPORT_DETAILS};

    let state = cookies::guarded()?;
    let member = cookies::signed_in("report a problem").await?;
    if reason_words(&reason).is_none() {
        return Err(edge::respond_with(AppError::bad_request(
            "Choose why you are reporting it.",
        )));
    }
    let details = details.trim().to_string();
    let chars = details.chars().count();
    if chars > MAX_REPORT_DETAILS || details.chars().any(|c| c.is_control() && c != '\n') {
        return Err(edge::respond_with(AppError::bad_request(format!(
            "Say what is wrong in at most {MAX_REPORT_DETAILS} characters of plain text (this has {chars})."
        ))));
    }
    cookies::write_allowed(&state, &member)?;
    let session_id = SessionId(session_id);
    let target = if review.is_empty() {
        state
            .store
            .get_session(&session_id)
            .await
            .map_err(edge::store_error)?
            .ok_or_else(|| edge::not_found("That session is not listed (any more)."))?;
        ReportTarget::Session {
            session_id: session_id.clone(),
        }
    } else {
        let found = review_of_handle(&state, &session_id, &review).await?;
        ReportTarget::Review {
            session_id: session_id.clone(),
            author: found.author,
        }
    };
    let at = chrono::Utc::now();
    let random = uuid::Uuid::new_v4().simple().to_string();
    state
        .store
        .file_report(&Report {
            id: format!("{}-{}", at.format("%Y%m%dT%H%M%S%.6f"), &random[..6]),
            target,
            reason,
            details,
            reporter: member.subject.clone(),
            reporter_name: member.name.clone(),
            at,
        })
        .await
        .map_err(edge::store_error)?;
    tracing::info!(session = %session_id, member = %member.subject, "content reported");
    leptos_axum::redirect(&format!("/session/{session_id}?reported=1"));
    Ok(())
}

/// The signed-in moderator, or 401/403.
#[cfg(feature = "ssr")]
async fn moderator(doing: &str) -> Result<crate::model::Member, AppError> {
    let member = super::account::cookies::signed_in(doing).await?;
    if member.is_moderator() {
        Ok(member)
    } else {
        Err(super::edge::respond_with(AppError::new(
            403,
            "Only moderators can see the report queue and act on it.",
        )))
    }
}

/// What a target is, in words, with a link to it.
#[cfg(feature = "ssr")]
async fn describe_target(
    state: &crate::state::AppState,
    target: &crate::model::ReportTarget,
) -> Result<(String, String), AppError> {
    use crate::model::ReportTarget;
    let session = state
        .store
        .get_session(target.session_id())
        .await
        .map_err(super::edge::store_error)?;
    let name = session
        .as_ref()
        .map_or("(gone)".to_string(), |s| s.name.clone());
    let href = format!("/session/{}", target.session_id());
    Ok(match target {
        ReportTarget::Session { .. } => (format!("Session “{name}”"), href),
        ReportTarget::Review { session_id, author } => {
            let review = state
                .store
                .review_by(session_id, author)
                .await
                .map_err(super::edge::store_error)?;
            let (by, excerpt) = review.map_or(("(deleted)".into(), String::new()), |r| {
                (r.author_name, r.text.chars().take(120).collect::<String>())
            });
            (
                format!("Review by {by} of “{name}”: “{excerpt}”"),
                format!("{href}#reviews"),
            )
        }
    })
}

#[server(name = ModerationQueueCall, prefix = "/api", endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::api::edge;

    let state = edge::state()?;
    moderator("see the report queue").await?;
    let (reports, log) = tokio::try_join!(state.store.open_reports(), state.store.audit_log())
        .map_err(edge::store_error)?;
    let mut queued = Vec::new();
    for report in reports {
        let (what, href) = describe_target(&state, &report.target).await?;
        queued.push(QueuedReport {
            id: report.id,
            what,
            href,
            reason: reason_words(&report.reason)
                .unwrap_or("Something else")
                .into(),
            details: report.details,
            reporter_name: report.reporter_name,
            when: report.at.format("%-d %b %Y %H:%M").to_string(),
        });
    }
    Ok(ModerationQueue {
        reports: queued,
        log: log
            .iter()
            .map(|e| {
                format!(
                    "{} · {} {} {}",
                    e.at.format("%-d %b %Y %H:%M"),
                    e.moderator_name,
                    e.action.verb(),
                    e.summary
                )
            })
            .collect(),
    })
}

/// Hides or shows a report's target (a session or a review) for everyone but moderators.
#[cfg(feature = "ssr")]
async fn set_hidden(
    state: &crate::state::AppState,
    member: &crate::model::Member,
    target: &crate::model::ReportTarget,
    hidden: bool,
) -> Result<(), AppError> {
    use crate::model::ReportTarget;
    match target {
        ReportTarget::Session { session_id } => {
            crate::store::change_session(
                state.store.as_ref(),
                session_id,
                (&member.subject, &member.name),
                |s| s.hidden = hidden,
            )
            .await
            .map_err(super::edge::store_error)?;
        }
        ReportTarget::Review { session_id, author } => {
            let mut review = state
                .store
                .review_by(session_id, author)
                .await
                .map_err(super::edge::store_error)?
                .ok_or_else(|| super::edge::not_found("That review is not there any more."))?;
            review.hidden = hidden;
            state
                .store
                .put_review(&review)
                .await
                .map_err(super::edge::store_error)?;
        }
    }
    Ok(())
}

/// Settles a report: `hide` its target, or `dismiss` it; either way it leaves the queue
/// and the audit trail records it.
#[server(name = ModerateCall, prefix = "/api", endpoint = "moderate")]
pub async fn moderate(report_id: String, action: String) -> Result<(), AppError> {
    use crate::api::account::cookies;
    use crate::api::edge;
    use crate::model::{AuditEntry, ModerationAction};

    let state = cookies::guarded()?;
    let member = moderator("act on reports").await?;
    let action = match action.as_str() {
        "hide" => ModerationAction::Hide,
        "dismiss" => ModerationAction::Dismiss,
        _ => {
            return Err(edge::respond_with(AppError::bad_request(
                "Choose hide or dismiss.",
            )))
        }
    };
    let report = state
        .store
        .open_reports()
        .await
        .map_err(edge::store_error)?
        .into_iter()
        .find(|r| r.id == report_id)
        .ok_or_else(|| {
            edge::respond_with(AppError::conflict(
                "That report was already handled by another moderator.",
            ))
        })?;
    let (what, _) = describe_target(&state, &report.target).await?;
    if action == ModerationAction::Hide {
        set_hidden(&state, &member, &report.target, true).await?;
    }
    let entry = AuditEntry {
        at: chrono::Utc::now(),
        moderator: member.subject.clone(),
        moderator_name: member.name.clone(),
        action,
        target: report.target.clone(),
        report_id: Some(report.id.clone()),
        summary: format!(
            "{what} ({})",
            reason_words(&report.reason).unwrap_or("Something else")
        ),
    };
    if state
        .store
        .close_report(&report.id, &entry)
        .await
        .map_err(edge::store_error)?
        .is_none()
    {
        return Err(edge::respond_with(AppError::conflict(
            "That report was already handled by another moderator.",
        )));
    }
    tracing::info!(report = %report.id, moderator = %member.subject, ?action, "report settled");
    leptos_axum::redirect("/moderation");
    Ok(())
}

/// Shows hidden content again: a session (empty `review`) or one of its reviews.
#[server(name = RestoreCall, prefix = "/api", endpoint = "restore")]
pub async fn restore(
    session_id: String,
    #[server(default)] review: String,
) -> Result<(), AppError> {
    use crate::api::account::cookies;
    use crate::api::edge;
    use crate::model::{AuditEntry, ModerationAction, ReportTarget, SessionId};

    let state = cookies::guarded()?;
    let member = moderator("restore hidden content").await?;
    let session_id = SessionId(session_id);
    let target = if review.is_empty() {
        ReportTarget::Session {
            session_id: session_id.clone(),
        }
    } else {
        ReportTarget::Review {
            session_id: session_id.clone(),
            author: review_of_handle(&state, &session_id, &review).await?.author,
        }
    };
    set_hidden(&state, &member, &target, false).await?;
    let (what, _) = describe_target(&state, &target).await?;
    state
        .store
        .record_audit(&AuditEntry {
            at: chrono::Utc::now(),
            moderator: member.subject.clone(),
            moderator_name: member.name.clone(),
            action: ModerationAction::Restore,
            target,
            report_id: None,
            summary: what,
        })
        .await
        .map_err(edge::store_error)?;
    leptos_axum::redirect(&format!("/session/{session_id}"));
    Ok(())
}
