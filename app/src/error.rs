//! The one error type at the edge: a status code and a message a person can act on.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::model::UNKNOWN_SESSION;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub status: u16,
    pub message: String,
    /// What failed underneath (a store or identity error), for the server's log only:
    /// never sent to the browser.
    #[serde(skip)]
    pub cause: Option<String>,
}

impl AppError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            cause: None,
        }
    }

    /// The same error, remembering what caused it.
    pub fn caused_by(mut self, cause: &impl std::fmt::Display) -> Self {
        self.cause = Some(cause.to_string());
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, message)
    }

    /// Something broke on our side; the details belong in the log, not on the page.
    pub fn internal() -> Self {
        Self::new(500, crate::t!(crate::i18n::use_lang(), "error-internal"))
    }

    pub fn unavailable() -> Self {
        Self::new(503, crate::t!(crate::i18n::use_lang(), "error-busy"))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = match value {
            // A session id we would never make names no session: the same 404 as a
            // well-formed id that is not there.
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg)
                if msg.contains(UNKNOWN_SESSION) =>
            {
                Self::not_found(crate::t!(crate::i18n::use_lang(), "error-unknown-session"))
            }
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                Self::bad_request(crate::t!(
                    crate::i18n::use_lang(),
                    "error-unreadable",
                    detail = msg
                ))
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                Self::new(503, crate::t!(crate::i18n::use_lang(), "error-connection"))
            }
            _ => Self::internal(),
        };
        // On the server the response carries the error's status (a request that cannot
        // be read is the caller's 400, not our 500).
        #[cfg(feature = "ssr")]
        let err = crate::api::edge::respond_with(err);
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_failures_read_as_connection_problems() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("reset".into()));
        assert_eq!(err.status, 503);
        assert!(err.message.contains("connection"));
    }

    #[test]
    fn bad_arguments_are_the_callers_fault() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(err.status, 400);
        assert!(err.message.contains("missing field"));
    }

    #[test]
    fn internal_errors_do_not_leak_details() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "redb: table corrupted at page 7".into(),
        ));
        assert_eq!(err.status, 500);
        assert!(!err.message.contains("redb"));
    }
}
