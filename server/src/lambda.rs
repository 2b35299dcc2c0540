//! The Lambda entry: when `AWS_LAMBDA_RUNTIME_API` is set, the same Router answers Lambda
//! Function URL (HTTP API v2) events instead of a socket. lambda_http turns each event
//! into an `http::Request` (path without a stage prefix, query string, cookies, body
//! base64-decoded) and the response back (every `Set-Cookie` into `cookies`, compressed
//! or binary bodies base64-encoded).
use crate::config::Settings;
use crate::startup::build_site;

/// Whether this process was started by the Lambda runtime.
pub fn in_lambda() -> bool {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some()
}

/// Serves Lambda events until the runtime stops the process.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let site = build_site(settings).await?;
    tracing::info!("answering Lambda events");
    lambda_http::run(site.router)
        .await
        .map_err(|err| anyhow::anyhow!("the Lambda runtime stopped: {err}"))
}
