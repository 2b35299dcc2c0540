//! One way to configure every AWS client: timeouts, retries, region and (for moto on
//! loopback) another endpoint.
use std::time::Duration;

use aws_config::SdkConfig;

/// Each attempt gets `attempt_timeout`, a whole call three times that, and the standard
/// retry mode tries 3 times with jittered backoff. A page needs a few calls; this keeps a
/// slow service from holding a Lambda (30 s timeout) for long, so the site can say "busy".
pub async fn sdk_config(
    endpoint: Option<&str>,
    region: Option<&str>,
    attempt_timeout: Duration,
) -> SdkConfig {
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_attempt_timeout(attempt_timeout)
        .operation_timeout(attempt_timeout * 3)
        .build();
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .timeout_config(timeouts)
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(3));
    if let Some(endpoint) = endpoint {
        loader = loader.endpoint_url(endpoint);
    }
    if let Some(region) = region {
        loader = loader.region(aws_config::Region::new(region.to_string()));
    }
    loader.load().await
}
