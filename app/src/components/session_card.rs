use leptos::prelude::*;

use crate::model::{Session, SessionStatus};

/// One session in a list: what, where, when, and what kind.
#[component]
pub fn SessionCard(session: Session) -> impl IntoView {
    let status = match &session.status {
        SessionStatus::Active => None,
        SessionStatus::Paused => Some("Paused".to_string()),
        SessionStatus::Closed { reason } => Some(format!("Closed: {reason}")),
    };
    let place = session.place_line();
    let when = session.schedule_line();
    let tags = session.tags.clone();
    view! {
        <li class="session-card">
            <h3 class="session-title">
                <a class="session-name" href=crate::api::session_href(&session)>{session.name.clone()}</a>
            </h3>
            {status.map(|s| view! { <p class="session-status">{s}</p> })}
            <p class="session-venue">{session.venue.name.clone()}</p>
            <p class="session-place">{place}</p>
            <p class="session-when">{when}</p>
            <ul class="tags" aria-label="Tags">
                {tags.into_iter().map(|t| view! { <li class="tag">{t.label()}</li> }).collect_view()}
            </ul>
        </li>
    }
}
