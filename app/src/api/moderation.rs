//! Reports and moderation. Any member reports a session or a review; moderators see the
//! queue, hide what breaks the rules, dismiss what does not, and restore; every action
//! is kept in the audit trail. Hidden content is shown to moderators only.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The open reports about one session or review, as the queue shows them: one entry
/// however many members reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedReport {
    /// The group's id (its first report's), for the moderate form.
    pub id: String,
    /// "Session “Doolin Trad”" or "Review by Brian of “Doolin Trad”: “…”".
    pub what: String,
    pub href: String,
    /// How many members reported it.
    pub count: u64,
    /// "Spam or advertising (3)", most given first.
    pub reasons: Vec<String>,
    /// The first report's note, who sent it, and when.
    pub details: String,
    pub reporter_name: String,
    pub when: String,
}

/// How many targets a page of the queue shows.
pub const QUEUE_PAGE: usize = 25;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub reports: Vec<QueuedReport>,
    /// The next page's cursor (`/moderation?after=…`), if there are more.
    pub next_cursor: Option<String>,
    /// "22 Nov 2026 20:15 · Máire hid session “Doolin Trad” (Spam or advertising)".
    pub log: Vec<String>,
}

/// What the member is told after reporting something.
pub const REPORT_SENT: &str = "Thank you: a moderator will look at it.";
pub const REPORT_ALREADY_SENT: &str =
    "You have already reported this: your report is with the moderators.";

/// A stable, opaque name for a review on a page, so forms can point at it without
/// showing its author's member id.
#[cfg(feature = "ssr")]
pub fn review_handle(session_id: &str, author: &str) -> String {
    super::handle::review_handle(session_id, author)
}

/// The review a handle names on a session, if there is one.
#[cfg(feature = "ssr")]
async fn review_of_handle(
    state: &crate::state::AppState,
    session_id: &crate::model::SessionId,
    handle: &crate::model::ReviewHandle,
) -> Result<crate::model::Review, AppError> {
    let (_, activity) = state
        .store
        .session_with_activity(session_id)
        .await?
        .ok_or_else(|| {
            super::edge::not_found(&crate::t!(crate::i18n::use_lang(), "error-unknown-session"))
        })?;
    activity
        .reviews
        .into_iter()
        .find(|r| review_handle(session_id.as_str(), r.author.as_str()) == handle.as_str())
        .ok_or_else(|| {
            super::edge::not_found(&crate::t!(crate::i18n::use_lang(), "error-unknown-review"))
        })
}

#[cfg(feature = "ssr")]
fn reason_words(slug: &str) -> Option<&'static str> {
    crate::model::REPORT_REASONS
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, words)| *words)
}

/// Reports a session (no `review`) or one of its reviews (its handle) to moderators;
/// answers what to tell the member. A member's second report on the same thing while the
/// first is open changes nothing, and says so.
#[server(name = ReportCall, prefix = "/api", endpoint = "report")]
pub async fn report(
    session_id: crate::model::SessionId,
    #[server(default)] review: Option<crate::model::ReviewHandle>,
    reason: String,
    #[server(default)] details: String,
) -> Result<String, AppError> {
    use crate::api::edge;
    use crate::model::{Report, ReportTarget, MAX_REPORT_DETAILS};

    let (state, member) = crate::api::guard::member("report a problem").await?;
    if reason_words(&reason).is_none() {
        return Err(edge::respond_with(AppError::bad_request(crate::t!(
            crate::i18n::use_lang(),
            "error-choose-reason"
        ))));
    }
    let details = details.trim().to_string();
    let chars = details.chars().count();
    if chars > MAX_REPORT_DETAILS || details.chars().any(|c| c.is_control() && c != '\n') {
        return Err(edge::respond_with(AppError::bad_request(crate::t!(
            crate::i18n::use_lang(),
            "error-report-details",
            max = MAX_REPORT_DETAILS,
            chars = chars
        ))));
    }
    crate::api::guard::count_write(&state, &member).await?;
    let target = match &review {
        None => {
            state
                .store
                .get_session(&session_id)
                .await?
                .ok_or_else(|| edge::not_found(crate::model::UNKNOWN_SESSION))?;
            ReportTarget::Session {
                session_id: session_id.clone(),
            }
        }
        Some(handle) => ReportTarget::Review {
            session_id: session_id.clone(),
            author: review_of_handle(&state, &session_id, handle).await?.author,
        },
    };
    let at = chrono::Utc::now();
    let random = uuid::Uuid::new_v4().simple().to_string();
    let filed = state
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
        .await?;
    let (outcome, message) = match filed {
        crate::model::Filed::New => ("new", REPORT_SENT),
        crate::model::Filed::AlreadyOpen => ("again", REPORT_ALREADY_SENT),
    };
    tracing::info!(session = %session_id, member = %member.subject, outcome, "content reported");
    // Without JavaScript the session page shows the message, in the form it came from.
    let from = review
        .map(|handle| format!("&review={}", handle.as_str()))
        .unwrap_or_default();
    crate::api::edge::redirect_to(&format!(
        "/session/{session_id}?reported={outcome}{from}#report-sent"
    ));
    Ok(message.to_string())
}

/// What a target is, in words, with a link to it: its session and review read side by
/// side (one round trip).
#[cfg(feature = "ssr")]
async fn describe_target(
    lang: crate::i18n::Lang,
    state: &crate::state::AppState,
    target: &crate::model::ReportTarget,
) -> Result<(String, String), AppError> {
    use crate::model::ReportTarget;
    let review = async {
        match target {
            ReportTarget::Session { .. } => Ok(None),
            ReportTarget::Review { session_id, author } => {
                state.store.review_by(session_id, author).await
            }
        }
    };
    let (session, review) = tokio::try_join!(state.store.get_session(target.session_id()), review)?;
    let name = session
        .as_ref()
        .map_or_else(|| crate::t!(lang, "gone"), |s| s.name.clone());
    let href = format!("/session/{}", target.session_id());
    Ok(match target {
        ReportTarget::Session { .. } => (crate::t!(lang, "reported-session", name = name), href),
        ReportTarget::Review { .. } => {
            let (by, excerpt) = review.map_or_else(
                || (crate::t!(lang, "deleted"), String::new()),
                |r| (r.author_name, r.text.chars().take(120).collect::<String>()),
            );
            (
                crate::t!(
                    lang,
                    "reported-review",
                    by = by,
                    name = name,
                    excerpt = excerpt
                ),
                format!("{href}#reviews"),
            )
        }
    })
}

/// A page of the queue (`after`: the cursor from the page before) and the audit trail.
/// The targets of a page are described side by side, so the page costs the same few
/// round trips however long the queue is.
#[server(name = ModerationQueueCall, prefix = "/api", endpoint = "moderation_queue")]
pub async fn moderation_queue(
    #[server(default)] after: String,
) -> Result<ModerationQueue, AppError> {
    use crate::api::edge;
    use crate::store::PageRequest;

    let (state, _) = crate::api::guard::moderator("see the report queue").await?;
    let page = PageRequest {
        limit: QUEUE_PAGE,
        cursor: (!after.is_empty()).then_some(after),
    };
    let (page, log) = tokio::try_join!(state.store.report_queue(page), state.store.audit_log())?;
    let mut described = tokio::task::JoinSet::new();
    let lang = crate::i18n::use_lang();
    for (n, group) in page.items.iter().enumerate() {
        let (state, target) = (state.clone(), group.target().clone());
        described.spawn(async move { (n, describe_target(lang, &state, &target).await) });
    }
    let mut names = vec![(String::new(), String::new()); page.items.len()];
    while let Some(done) = described.join_next().await {
        let (n, what) = done.map_err(|_| edge::respond_with(AppError::internal()))?;
        // Described in tasks without the request's context: set the status here.
        names[n] = what.map_err(edge::respond_with)?;
    }
    let reports = page
        .items
        .into_iter()
        .zip(names)
        .map(|(group, (what, href))| QueuedReport {
            id: group.id().to_string(),
            what,
            href,
            count: group.reports,
            reasons: group.reasons_in_words(lang),
            details: group.first.details,
            reporter_name: group.first.reporter_name,
            when: format!(
                "{} {}",
                crate::i18n::dates::short_date(lang, group.first.at.date_naive(), true),
                group.first.at.format("%H:%M")
            ),
        })
        .collect();
    Ok(ModerationQueue {
        reports,
        next_cursor: page.next_cursor,
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
            .await?;
        }
        ReportTarget::Review { session_id, author } => {
            state
                .store
                .set_review_hidden(session_id, author, hidden)
                .await?;
        }
    }
    Ok(())
}

/// Settles the reports about one target (`report_id`: the queue entry's id): `hide` the
/// target, or `dismiss` them; either way every open report about it leaves the queue and
/// the audit trail records it, in the store's one settling.
#[server(name = ModerateCall, prefix = "/api", endpoint = "moderate")]
pub async fn moderate(
    report_id: String,
    action: crate::model::ModerationAction,
) -> Result<(), AppError> {
    use crate::api::edge;
    use crate::model::{AuditEntry, ModerationAction, ReportTarget, Revision, Settlement};
    use crate::store::StoreError;

    let (state, member) = crate::api::guard::moderator_acting("act on reports").await?;
    // A restore settles no report: it has its own form.
    if action == ModerationAction::Restore {
        return Err(edge::respond_with(AppError::bad_request(crate::t!(
            crate::i18n::use_lang(),
            "error-hide-or-dismiss"
        ))));
    }
    let handled = || {
        edge::respond_with(AppError::conflict(crate::t!(
            crate::i18n::use_lang(),
            "error-report-handled"
        )))
    };
    let group = state
        .store
        .report_group(&report_id)
        .await?
        .ok_or_else(handled)?;
    // Kept in the audit trail: in the site's first language.
    let (what, _) = describe_target(crate::i18n::Lang::En, &state, group.target()).await?;
    let entry = AuditEntry {
        at: chrono::Utc::now(),
        moderator: member.subject.clone(),
        moderator_name: member.name.clone(),
        action,
        target: group.target().clone(),
        report_id: Some(group.id().to_string()),
        summary: format!(
            "{what} ({})",
            group.reasons_in_words(crate::i18n::Lang::En).join(", ")
        ),
    };
    let settle = |settlement: Settlement| {
        let (store, entry, id) = (state.store.clone(), entry.clone(), report_id.clone());
        async move { store.settle_reports(&id, &settlement, &entry).await }
    };
    let settled = match (action, group.target()) {
        (ModerationAction::Hide, ReportTarget::Session { session_id }) => {
            // As `store::change_session`: read, hide, and settle at that version, reading
            // again if someone else's change lands in between.
            let mut attempts = 0;
            loop {
                let old = state
                    .store
                    .get_session(session_id)
                    .await?
                    .ok_or_else(|| edge::not_found(crate::model::UNKNOWN_SESSION))?;
                let mut session = old.clone();
                session.hidden = true;
                let revision = Revision {
                    session_id: session_id.clone(),
                    at: entry.at,
                    by: member.subject.clone(),
                    by_name: member.name.clone(),
                    changes: crate::model::describe_changes(Some(&old), &session),
                };
                let settlement = Settlement::HideSession {
                    session: Box::new(session),
                    revision,
                };
                match settle(settlement).await {
                    Err(StoreError::VersionConflict { .. }) if attempts < 2 => attempts += 1,
                    other => break other,
                }
            }
        }
        (ModerationAction::Hide, _) => settle(Settlement::HideReview).await,
        _ => settle(Settlement::Dismiss).await,
    };
    let group = settled?.ok_or_else(handled)?;
    tracing::info!(
        report = %group.id(),
        reports = group.reports,
        moderator = %member.subject,
        ?action,
        "reports settled"
    );
    crate::api::edge::redirect_to("/moderation");
    Ok(())
}

/// Shows hidden content again: a session (no `review`) or one of its reviews.
#[server(name = RestoreCall, prefix = "/api", endpoint = "restore")]
pub async fn restore(
    session_id: crate::model::SessionId,
    #[server(default)] review: Option<crate::model::ReviewHandle>,
) -> Result<(), AppError> {
    use crate::model::{AuditEntry, ModerationAction, ReportTarget};

    let (state, member) = crate::api::guard::moderator_acting("restore hidden content").await?;
    let target = match &review {
        None => ReportTarget::Session {
            session_id: session_id.clone(),
        },
        Some(handle) => ReportTarget::Review {
            session_id: session_id.clone(),
            author: review_of_handle(&state, &session_id, handle).await?.author,
        },
    };
    set_hidden(&state, &member, &target, false).await?;
    let (what, _) = describe_target(crate::i18n::Lang::En, &state, &target).await?;
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
        .await?;
    crate::api::edge::redirect_to(&format!("/session/{session_id}"));
    Ok(())
}
