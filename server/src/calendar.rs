//! Calendars: one session's schedules as an iCalendar file, and a member's private feed
//! of their bookmarked sessions.
use app::model::ics::{session_calendar, sessions_calendar};
use app::model::{SessionId, SessionStatus};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn session_ics(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(id) = SessionId::parse(&id) else {
        return (StatusCode::NOT_FOUND, "No such session.").into_response();
    };
    match app.store.get_session(&id).await {
        Ok(Some(session)) if !session.hidden => {
            let url = format!("{}{}", app.site_url, app::api::session_href(&session));
            let body = session_calendar(&session, &url, chrono::Utc::now());
            let file = format!("{}.ics", app::text::slug(&session.name));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/calendar; charset=utf-8".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{file}\""),
                    ),
                    (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Ok(_) => (StatusCode::NOT_FOUND, "No such session.").into_response(),
        Err(err) => unavailable(err),
    }
}

/// `GET /feeds/bookmarks/{token}.ics`: a member's bookmarked sessions that are running,
/// as a calendar their phone subscribes to. The token is the only key: private to the
/// member, never cached by shared caches, and dead once they make a new one.
pub async fn bookmarks_feed(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    // Tokens are 32 hex digits (a v4 UUID); nothing else reaches the store.
    let token_shaped = |t: &&str| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit());
    let Some(token) = file.strip_suffix(".ics").filter(token_shaped) else {
        return (StatusCode::NOT_FOUND, "No such calendar.").into_response();
    };
    let found = async {
        let Some(member) = app.store.feed_owner(token).await? else {
            return Ok(None);
        };
        app.store.member_bookmarks(&member).await.map(Some)
    };
    match found.await {
        Ok(Some(sessions)) => {
            let running: Vec<_> = sessions
                .iter()
                .filter(|s| s.status == SessionStatus::Active && !s.hidden)
                .map(|s| (s, format!("{}{}", app.site_url, app::api::session_href(s))))
                .collect();
            let body = sessions_calendar("Seisiún bookmarks", &running, chrono::Utc::now());
            (
                [
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (header::CACHE_CONTROL, "private, max-age=900"),
                    (header::HeaderName::from_static("x-robots-tag"), "noindex"),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => (
            StatusCode::NOT_FOUND,
            "This calendar link was replaced or turned off. Get the new one from your account page.",
        )
            .into_response(),
        Err(err) => unavailable(err),
    }
}

fn unavailable(err: app::store::StoreError) -> Response {
    tracing::warn!(error = %err, "calendar: store failure");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again in a moment.",
    )
        .into_response()
}
