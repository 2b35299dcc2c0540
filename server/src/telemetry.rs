//! Logs: human-readable locally, JSON lines in Lambda or when `LOG_FORMAT=json`.
use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` overrides the default filter.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,redb=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    // try_init: tests may start several apps in one process; the first subscriber wins.
    let _ = match format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init(),
        LogFormat::Human => registry.with(fmt::layer().compact()).try_init(),
    };
}
