//! The API's errors: every failure is a JSON body with the status set, never axum's plain
//! text.
use app::error::AppError;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error the API gives: `{"error": {"status": 404, "message": "…"}}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub message: String,
}

pub struct ApiError(pub(super) AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<app::store::StoreError> for ApiError {
    fn from(err: app::store::StoreError) -> Self {
        Self(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: ErrorDetail {
                status: status.as_u16(),
                message: self.0.message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

pub type ApiResult<T> = Result<Json<T>, ApiError>;

/// Query strings that cannot be read at all (e.g. repeated keys of the wrong shape).
pub fn bad_query(err: QueryRejection) -> ApiError {
    ApiError(AppError::bad_request(format!(
        "The query string could not be read: {}",
        err.body_text()
    )))
}

/// A path segment that cannot be read (e.g. percent-encoded bytes that are not UTF-8): a
/// JSON 400 like every other error, not axum's plain-text one.
pub fn bad_path(err: PathRejection) -> ApiError {
    ApiError(AppError::bad_request(format!(
        "The path could not be read: {}",
        err.body_text()
    )))
}
