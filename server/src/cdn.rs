//! What the site tells the CDN in front of it: pages are cached at the edge briefly when
//! nobody is signed in and never when someone is, and — in AWS — only requests that came
//! through CloudFront (carrying its secret header) are answered.
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::routes::ServerState;

/// The header CloudFront adds to every request it sends to the function URL.
pub const ORIGIN_VERIFY_HEADER: &str = "x-origin-verify";

/// How long the edge may serve a public page before asking again.
pub const PAGE_EDGE_SECONDS: u32 = 60;

/// Whether a request carries one of the site's session cookies.
pub fn has_session_cookie(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| {
            cookies.split(';').any(|c| {
                let name = c.split_once('=').map_or(c, |(name, _)| name).trim();
                app::api::account::cookies::SESSION_COOKIES.contains(&name)
            })
        })
}

/// Refuses requests that did not come through CloudFront, when a secret is configured.
/// While the secret is rotated, the previous value is accepted too: CloudFront's edges
/// take a few minutes to all send the new one (infra/README.md).
pub async fn only_through_cloudfront(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(secret) = &state.origin_secret {
        let presented = request
            .headers()
            .get(ORIGIN_VERIFY_HEADER)
            .and_then(|v| v.to_str().ok());
        // Compared in constant time, so the secret cannot be guessed byte by byte.
        let equal = |p: &str, s: &str| {
            aws_lc_rs::constant_time::verify_slices_are_equal(p.as_bytes(), s.as_bytes()).is_ok()
        };
        let matches = presented.is_some_and(|p| {
            equal(p, secret)
                | state
                    .previous_origin_secret
                    .as_deref()
                    .is_some_and(|previous| equal(p, previous))
        });
        if !matches {
            return (
                StatusCode::FORBIDDEN,
                "This address answers only through the site's CDN.",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// What the publish step gives the same files in S3 (infra/publish).
pub const BUNDLE_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// Gives HTML pages a Cache-Control when they have none: `public, max-age=0,
/// s-maxage=60` for anonymous visitors (browsers revalidate, the edge keeps it a minute),
/// `private, no-store` when the request carried a session or the response sets cookies.
///
/// The bundle under `/pkg/` has content-hashed names (`hash-files`), so a browser may keep
/// each file for a year without asking again: a page after the first loads no code.
pub async fn page_cache_control(request: Request, next: Next) -> Response {
    let cacheable_method = matches!(*request.method(), Method::GET | Method::HEAD);
    // Account pages are about one person (a confirmation for an address, the local
    // outbox of codes): never shared, as CloudFront's CachingDisabled on /account* says.
    let personal = request.uri().path().starts_with("/account");
    let bundle = request.uri().path().starts_with("/pkg/");
    let signed_in = has_session_cookie(request.headers());
    let mut response = next.run(request).await;
    if bundle && response.status() == StatusCode::OK {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(BUNDLE_CACHE_CONTROL));
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let public = cacheable_method
        && !signed_in
        && !personal
        && !response.headers().contains_key(header::SET_COOKIE)
        && matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND);
    let value = if public {
        format!("public, max-age=0, s-maxage={PAGE_EDGE_SECONDS}")
    } else {
        "private, no-store".to_string()
    };
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&value).expect("a valid header"),
    );
    response
}
