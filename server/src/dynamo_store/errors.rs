//! DynamoDB failures in the Store port's terms: throttling, timeouts and a missing table
//! are `Unavailable` (the site answers 503 and the caller may retry); the rest `Internal`.
use app::store::StoreError;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

/// Error codes that mean "slow down or try again", not "this request is wrong".
const RETRYABLE: [&str; 6] = [
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "ThrottlingException",
    "InternalServerError",
    "ServiceUnavailable",
    "LimitExceededException",
];

pub fn store_error<E, R>(err: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let detail = DisplayErrorContext(&err).to_string();
    match &err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) => {
            StoreError::Unavailable(format!("DynamoDB did not answer: {detail}"))
        }
        _ => match err.code() {
            Some(code) if RETRYABLE.contains(&code) => StoreError::Unavailable(detail),
            Some("ResourceNotFoundException") => StoreError::Unavailable(format!(
                "the DynamoDB table is missing (run `server create-table`): {detail}"
            )),
            _ => StoreError::Internal(detail),
        },
    }
}
