//! Request bodies are capped: nothing a member sends legitimately comes near 64 KB (a
//! review is at most 4,000 characters), and a cap keeps a flood of bytes from costing
//! memory or Lambda time. Too large a body is refused with a message saying so.
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a request body may hold.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Refuses a declared length over the cap at once, with a message a person can act on;
/// bodies without a length are cut off at the cap by `RequestBodyLimitLayer` behind it.
pub async fn refuse_large_bodies(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
        let error = app::error::AppError::new(
            413,
            app::t!(
                request
                    .extensions()
                    .get::<app::i18n::Lang>()
                    .copied()
                    .unwrap_or_default(),
                "error-body-too-large"
            ),
        );
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response();
    }
    next.run(request).await
}
