//! Server-side helpers shared by every server function: reach the store, map its errors.
use std::sync::Arc;

use leptos::prelude::*;

use crate::error::AppError;
use crate::identity::IdentityError;
use crate::model::PlacePath;
use crate::state::AppState;
use crate::store::{Store, StoreError};

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        // Every request provides the state to its page's root owner. A reactive owner that
        // can no longer reach it belongs to a request the client abandoned mid-render: the
        // response and its root owner are gone, while resource tasks already spawned run
        // on. Nobody is waiting for the answer, so this is no error. (Reproduced by
        // `scripts/load-test`, whose load generator resets connections mid-page.)
        if Owner::current().is_some() {
            tracing::debug!("a page's request went away before its data was read");
        } else {
            tracing::error!("AppState missing: called outside any request");
        }
        respond_with(AppError::internal())
    })
}

pub fn store() -> Result<Arc<dyn Store>, AppError> {
    state().map(|state| state.store)
}

/// A place key from the browser (`ie/clare`); anything that is not one is a 404.
pub fn parse_place(key: &str) -> Result<PlacePath, AppError> {
    let segments: Vec<&str> = if key.is_empty() {
        vec![]
    } else {
        key.split('/').collect()
    };
    PlacePath::from_segments(&segments).ok_or_else(|| {
        not_found(&crate::t!(
            crate::i18n::use_lang(),
            "error-no-sessions-there-yet"
        ))
    })
}

/// A session id from a URL or a form; anything we would not have made is a 404, before
/// it reaches the store, a redirect or a log line.
pub fn session_id(raw: &str) -> Result<crate::model::SessionId, AppError> {
    crate::model::SessionId::parse(raw)
        .ok_or_else(|| not_found(&crate::t!(crate::i18n::use_lang(), "error-unknown-session")))
}

/// Sends the browser on to `path` in the language of the page the form came from.
pub fn redirect_to(path: &str) {
    leptos_axum::redirect(&crate::i18n::use_lang().path(path));
}

pub fn not_found(message: &str) -> AppError {
    respond_with(AppError::not_found(message))
}

/// A store failure as the visitor sees it, with the response's status set: `?` on a
/// store call in a server function is all it takes. The details go to the log only.
impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        let app = match &err {
            StoreError::AlreadyExists(_) | StoreError::VersionConflict { .. } => {
                AppError::conflict(err.to_string())
            }
            StoreError::NotFound(_) => {
                AppError::not_found(crate::t!(crate::i18n::use_lang(), "error-no-such-session"))
            }
            StoreError::InvalidCursor => AppError::bad_request(err.to_string()),
            StoreError::Unavailable(_) => {
                tracing::warn!(error = %err, "store unavailable");
                AppError::unavailable()
            }
            StoreError::Internal(_) => {
                tracing::error!(error = %err, "store failure");
                AppError::internal()
            }
        };
        respond_with(app.caused_by(&err))
    }
}

/// An identity failure as the member sees it (its message says what to do), with the
/// response's status set.
impl From<IdentityError> for AppError {
    fn from(err: IdentityError) -> Self {
        let status = match &err {
            IdentityError::UserExists => 409,
            IdentityError::WeakPassword(_)
            | IdentityError::InvalidInput(_)
            | IdentityError::WrongCode
            | IdentityError::ExpiredCode => 400,
            IdentityError::NotConfirmed => 403,
            IdentityError::WrongCredentials | IdentityError::SessionEnded => 401,
            IdentityError::TooManyAttempts => 429,
            IdentityError::Unavailable(_) => 503,
        };
        if let IdentityError::Unavailable(detail) = &err {
            tracing::warn!(error = %detail, "identity provider unavailable");
        }
        let lang = crate::i18n::use_lang();
        let message = match &err {
            IdentityError::UserExists => crate::t!(lang, "identity-user-exists"),
            // Made in the member's language where they were found (`identity::check_*`).
            IdentityError::WeakPassword(message) | IdentityError::InvalidInput(message) => {
                message.clone()
            }
            IdentityError::WrongCode => crate::t!(lang, "identity-wrong-code"),
            IdentityError::ExpiredCode => crate::t!(lang, "identity-expired-code"),
            IdentityError::NotConfirmed => crate::t!(lang, "identity-not-confirmed"),
            IdentityError::WrongCredentials => crate::t!(lang, "identity-wrong-credentials"),
            IdentityError::TooManyAttempts => crate::t!(lang, "identity-too-many"),
            IdentityError::SessionEnded => crate::t!(lang, "identity-session-ended"),
            IdentityError::Unavailable(_) => crate::t!(lang, "identity-unavailable"),
        };
        respond_with(AppError::new(status, message).caused_by(&err))
    }
}

/// A form posted by a browser without JavaScript: the server-function layer answers it
/// with a redirect back to the form, the error carried in the URL for the page to show.
fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Sets the HTTP status of the current response to the error's, so pages and
/// server-function calls answer with a real 4xx/5xx rather than 200 or a blanket 500 —
/// except for a plain form post, whose redirect back to the form must stay a redirect.
pub fn respond_with(err: AppError) -> AppError {
    if is_plain_form_post() {
        return err;
    }
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status) {
            options.set_status(status);
        }
    }
    err
}
