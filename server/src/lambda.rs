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

/// The environment variable that makes a function a scheduled task instead of the site.
pub const TASK_VARIABLE: &str = "SEISIUN_TASK";

/// Serves Lambda events until the runtime stops the process: the site's HTTP events, or
/// with `SEISIUN_TASK=sitemap` the schedule's events that rebuild the sitemap listing, or
/// with `SEISIUN_TASK=digest` the daily schedule's that send the digests (the same binary
/// and package as further functions, so they never drift apart).
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    match std::env::var(TASK_VARIABLE).ok().as_deref() {
        None | Some("") => {}
        Some("sitemap") => return run_sitemap_task(settings).await,
        Some("digest") => return run_digest_task(settings).await,
        Some(other) => anyhow::bail!(
            "{TASK_VARIABLE}={other} is not a task this binary runs (it runs: sitemap, digest)"
        ),
    }
    let site = build_site(settings).await?;
    tracing::info!("answering Lambda events");
    lambda_http::run(site.router)
        .await
        .map_err(|err| anyhow::anyhow!("the Lambda runtime stopped: {err}"))
}

/// Each scheduled event runs the upkeep: ended one-offs leave the lists, and the sitemap
/// listing is rebuilt (a walk of the table, saved in parts).
/// A failure fails the invocation, so the schedule's retry and the errors alarm see it.
async fn run_sitemap_task(settings: Settings) -> anyhow::Result<()> {
    use lambda_http::{service_fn, LambdaEvent};
    let store = crate::startup::open_store(&settings).await?;
    tracing::info!("answering scheduled sitemap events");
    lambda_http::lambda_runtime::run(service_fn(move |_: LambdaEvent<serde_json::Value>| {
        let store = store.clone();
        async move {
            let upkeep = crate::upkeep::run(store.as_ref(), chrono::Utc::now()).await?;
            let outline = upkeep.sitemap;
            Ok::<_, lambda_http::Error>(serde_json::json!({
                "retired": upkeep.retired,
                "generation": outline.generation,
                "parts": outline.parts.len(),
                "urls": crate::feeds::sitemap::url_count(&outline),
            }))
        }
    }))
    .await
    .map_err(|err| anyhow::anyhow!("the Lambda runtime stopped: {err}"))
}

/// Each scheduled event sends the digests that are due. Anything left unsent fails the
/// invocation (the schedule retries; digests already sent are not sent twice).
async fn run_digest_task(settings: Settings) -> anyhow::Result<()> {
    use lambda_http::{service_fn, LambdaEvent};
    let store = crate::startup::open_store(&settings).await?;
    let mailer = crate::startup::open_mailer(&settings).await;
    let site_url = settings.site_url.clone();
    let store_kind = settings.store.clone();
    tracing::info!("answering scheduled digest events");
    lambda_http::lambda_runtime::run(service_fn(move |_: LambdaEvent<serde_json::Value>| {
        let (store, mailer, site_url) = (store.clone(), mailer.clone(), site_url.clone());
        let at = crate::digest::RunAt::now_for(&store_kind);
        async move {
            let run = crate::digest::run(store.as_ref(), mailer.as_ref(), &site_url, at).await?;
            // Everyone else was done first; what is left goes with the retry or tomorrow,
            // and the failed invocation raises DigestErrorsAlarm.
            if run.left_work() {
                return Err(format!("digests left unsent: {run:?}").into());
            }
            Ok::<_, lambda_http::Error>(serde_json::to_value(run)?)
        }
    }))
    .await
    .map_err(|err| anyhow::anyhow!("the Lambda runtime stopped: {err}"))
}
