//! `GET /session/{id}/calendar.ics`: the session's schedules as an iCalendar file.
use app::model::ics::session_calendar;
use app::model::SessionId;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn session_ics(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    match app.store.get_session(&SessionId(id)).await {
        Ok(Some(session)) => {
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
        Ok(None) => (StatusCode::NOT_FOUND, "No such session.").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "calendar: store failure");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response()
        }
    }
}
