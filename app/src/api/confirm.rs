//! "Still running — I was there": a member confirms a session runs, which dates its
//! last confirmation today and clears the "possibly stale" mark.
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SessionId;

/// Dates the session's last confirmation today (UTC); answers the date, `2026-11-22`.
#[server(name = ConfirmSessionCall, prefix = "/api", endpoint = "confirm_session")]
pub async fn confirm_session(session_id: SessionId) -> Result<String, AppError> {
    let (state, member) = crate::api::guard::writer("confirm a session runs").await?;
    let today = chrono::Utc::now().date_naive();
    let id = session_id;
    // Not an edit: no new version, no history entry, and a second confirmation that day
    // writes nothing, so confirming cannot make an author's edit conflict.
    let confirmation = state.store.confirm_session(&id, today).await?;
    tracing::info!(session = %id, member = %member.subject, ?confirmation, "session confirmed");
    crate::api::edge::redirect_to(&format!("/session/{id}?confirmed=1"));
    Ok(today.format("%Y-%m-%d").to_string())
}
