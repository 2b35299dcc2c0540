//! Headers every response carries from the origin itself, so they hold locally, in tests
//! and behind CloudFront alike (CloudFront's response-headers policy must agree).
//!
//! The Content-Security-Policy here is the part that breaks nothing on today's pages:
//! no framing, no plugins, no `<base>` rewriting, forms post only to us. A `script-src`
//! and `style-src` with nonces belongs with the phone-first work (inline `style=` on the
//! map and rating bars must go first).
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const CONTENT_SECURITY_POLICY: &str =
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
/// Geolocation for the site itself ("Use my location"); nothing else is asked for.
pub const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()";
/// Two years, as the HSTS preload list asks; only sent when the site is on https.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

#[derive(Clone, Copy)]
pub struct SecurityHeaders {
    pub https: bool,
}

impl SecurityHeaders {
    pub fn for_site(site_url: &str) -> Self {
        Self {
            https: site_url.starts_with("https://"),
        }
    }
}

pub async fn add(
    axum::extract::State(site): axum::extract::State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, REFERRER_POLICY);
    set(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    if site.https {
        set(header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
    response
}
