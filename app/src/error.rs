//! The one error type at the edge: a status code and a message a person can act on.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub status: u16,
    pub message: String,
}

impl AppError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
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
        Self::new(
            500,
            "Something went wrong on our side. Please try again in a moment.",
        )
    }

    pub fn unavailable() -> Self {
        Self::new(
            503,
            "Seisiún is busy right now. Please try again in a few seconds.",
        )
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                Self::bad_request(format!("The request could not be read: {msg}"))
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::new(
                503,
                "Could not reach Seisiún. Check your connection and try again.",
            ),
            _ => Self::internal(),
        }
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
