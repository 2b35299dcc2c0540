//! The origin's own short cache of public pages: what CloudFront may keep for a minute
//! (`Cache-Control: public`, HTML, for visitors without a session), this process keeps for
//! [`Settings::page_cache`](crate::config::Settings) (1 s by default), already compressed,
//! so a burst of visitors to one page costs one render a second instead of one each.
//!
//! - Only GETs without a session cookie are looked up; a signed-in member always gets a
//!   fresh, private render.
//! - The key is the time window, the path with its query, and `Accept-Encoding` (the
//!   bytes are compressed for it). Windows make expiry free: an old window's entries are
//!   never asked for again and are evicted by size.
//! - Concurrent misses on one key wait for one render (quick_cache's placeholder), so a
//!   window's start does not stampede the renderer; a response that may not be cached
//!   (private, an error, too large) is remembered as "pass through" for the window, so
//!   those requests then render side by side instead of queueing.
//! - A server function call (every write is one) ends every window at once: on this
//!   instance a visitor sees a change the moment it is made. Other Lambda instances
//!   may show the page as it was for up to the window, as CloudFront does for a minute.
//! - The cached response keeps the CSP nonce it was rendered with, in its header and its
//!   scripts: a nonce shared by every visitor of one page for a second is the same case
//!   as CloudFront's minute (see `security_headers.rs` for why that is sound).
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// The most a cached page may weigh. Pages are tens of KB; a body is read whole before
/// it is known to fit, so past this the visitor would get an error: far above any page.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// All entries together, old windows included, before the least used are evicted.
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;

/// What one key holds for its window.
#[derive(Clone)]
enum Entry {
    Page(Arc<CachedPage>),
    /// Not cacheable (private, an error, too large): render each request.
    PassThrough,
}

struct CachedPage {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Entry> for Weight {
    fn weight(&self, key: &String, entry: &Entry) -> u64 {
        let body = match entry {
            Entry::Page(page) => page.body.len(),
            Entry::PassThrough => 0,
        };
        (key.len() + body + 256) as u64
    }
}

pub struct PageCache {
    window: Duration,
    started: Instant,
    /// Moves on every write this instance sees, so no entry from before it is read.
    generation: AtomicU64,
    entries: quick_cache::sync::Cache<String, Entry, Weight>,
}

impl PageCache {
    /// A cache of pages for `window`; `None` when the window is zero (turned off).
    pub fn new(window: Duration) -> Option<Arc<Self>> {
        if window.is_zero() {
            return None;
        }
        Some(Arc::new(Self {
            window,
            started: Instant::now(),
            generation: AtomicU64::new(0),
            entries: quick_cache::sync::Cache::with_weighter(4_096, CAPACITY_BYTES, Weight),
        }))
    }

    fn key(&self, request: &Request) -> String {
        let window = self.started.elapsed().as_millis() / self.window.as_millis().max(1);
        let encoding = request
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        format!(
            "{}:{window}:{encoding}:{target}",
            self.generation.load(Ordering::Acquire)
        )
    }
}

/// The middleware: answers from the cache or renders (and keeps what it may).
pub async fn serve(
    State(cache): State<Option<Arc<PageCache>>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(cache) = cache else {
        return next.run(request).await;
    };
    let method = request.method().clone();
    if method == Method::POST && request.uri().path().starts_with("/api/") {
        // A server function (every write is one): nothing rendered before it may be
        // served after it.
        cache.generation.fetch_add(1, Ordering::AcqRel);
        let response = next.run(request).await;
        cache.generation.fetch_add(1, Ordering::AcqRel);
        return response;
    }
    if method != Method::GET
        || crate::cdn::has_session_cookie(request.headers())
        || request.headers().contains_key(header::RANGE)
    {
        return next.run(request).await;
    }
    let key = cache.key(&request);
    let guard = match cache.entries.get_value_or_guard_async(&key).await {
        Ok(Entry::Page(page)) => return replay(&page),
        Ok(Entry::PassThrough) => return next.run(request).await,
        Err(guard) => guard,
    };
    let response = next.run(request).await;
    let (response, entry) = keep(response).await;
    let _ = guard.insert(entry);
    response
}

/// A response rebuilt from a cached page.
fn replay(page: &CachedPage) -> Response {
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.status_mut() = page.status;
    *response.headers_mut() = page.headers.clone();
    response
}

/// Whether a response may be shared: a public HTML page, no cookie set, nothing else
/// it varies on but the encoding.
fn shareable(response: &Response) -> bool {
    let headers = response.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    response.status() == StatusCode::OK
        && text(header::CONTENT_TYPE).starts_with("text/html")
        && text(header::CACHE_CONTROL).starts_with("public")
        && !headers.contains_key(header::SET_COOKIE)
        && text(header::VARY)
            .split(',')
            .all(|v| v.trim().is_empty() || v.trim().eq_ignore_ascii_case("accept-encoding"))
        && text(header::CONTENT_LENGTH)
            .parse::<usize>()
            .map_or(true, |n| n <= MAX_BODY_BYTES)
}

/// Reads a shareable response's body into the cache; anything else passes through.
async fn keep(response: Response) -> (Response, Entry) {
    if !shareable(&response) {
        return (response, Entry::PassThrough);
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            let page = Arc::new(CachedPage {
                status: parts.status,
                headers: parts.headers,
                body: bytes,
            });
            (replay(&page), Entry::Page(page))
        }
        Err(err) => {
            // Too large, or the body failed mid-way: the client gets an error either way.
            tracing::warn!(error = %err, "a page could not be read for the page cache");
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            (response, Entry::PassThrough)
        }
    }
}
