//! The origin's own short cache of public responses: what CloudFront may keep (pages for
//! visitors without a session, feeds, the API, the bundle: `Cache-Control: public`), this
//! process keeps for
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

/// The most one kept response may weigh: pages are tens of KB, the bundle's files a few
/// hundred; anything larger is passed through.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
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
        // The language came off the path before routing (`languages.rs`): `/ga/` and `/`
        // are one target here and two pages.
        let lang = request
            .extensions()
            .get::<app::i18n::Lang>()
            .copied()
            .unwrap_or_default()
            .code();
        format!(
            "{}:{window}:{encoding}:{lang}:{target}",
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
    let headers = request.headers();
    if method != Method::GET
        || crate::cdn::has_session_cookie(headers)
        // Partial and conditional requests are answered by the handler (206, 304).
        || [header::RANGE, header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE]
            .iter()
            .any(|name| headers.contains_key(name))
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

/// Whether a response may be shared, by HTTP's rules for a shared cache: a 200 marked
/// public (pages for visitors, feeds, the API, the bundle), no cookie set, nothing it
/// varies on but the encoding.
fn shareable(response: &Response) -> bool {
    let headers = response.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let cache_control = text(header::CACHE_CONTROL);
    response.status() == StatusCode::OK
        && cache_control.starts_with("public")
        && !["no-store", "no-cache", "private"]
            .iter()
            .any(|refusal| cache_control.contains(refusal))
        && !headers.contains_key(header::SET_COOKIE)
        && text(header::VARY)
            .split(',')
            .all(|v| v.trim().is_empty() || v.trim().eq_ignore_ascii_case("accept-encoding"))
        && text(header::CONTENT_LENGTH)
            .parse::<usize>()
            .map_or(true, |n| n <= MAX_BODY_BYTES)
}

/// Reads a shareable response's body into the cache; anything else passes through. A
/// body that turns out larger than [`MAX_BODY_BYTES`] (a compressed one has no length
/// up front) is sent on as it comes, with what was read put back in front.
async fn keep(response: Response) -> (Response, Entry) {
    use futures::StreamExt;
    if !shareable(&response) {
        return (response, Entry::PassThrough);
    }
    let (parts, body) = response.into_parts();
    let mut stream = body.into_data_stream();
    let mut read: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                size += chunk.len();
                read.push(chunk);
            }
            Err(err) => {
                // The body failed mid-way: the client gets the same failure, nothing kept.
                let failed = futures::stream::iter(read.into_iter().map(Ok))
                    .chain(futures::stream::once(async move { Err(err) }));
                return (
                    Response::from_parts(parts, Body::from_stream(failed)),
                    Entry::PassThrough,
                );
            }
        }
        if size > MAX_BODY_BYTES {
            let rest = futures::stream::iter(read.into_iter().map(Ok)).chain(stream);
            return (
                Response::from_parts(parts, Body::from_stream(rest)),
                Entry::PassThrough,
            );
        }
    }
    let page = Arc::new(CachedPage {
        status: parts.status,
        headers: parts.headers,
        body: read.concat().into(),
    });
    (replay(&page), Entry::Page(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(body: Body) -> Response {
        let mut response = Response::new(body);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, "public, max-age=60".parse().unwrap());
        response
    }

    /// A body larger than the limit, of unknown length (as compressed ones are), reaches
    /// the client whole and is not kept.
    #[tokio::test]
    async fn a_body_past_the_limit_passes_through_whole() {
        let chunks: Vec<Result<Bytes, std::io::Error>> = (0..40)
            .map(|n| Ok(Bytes::from(vec![n as u8; 100_000])))
            .collect();
        let (response, entry) =
            keep(public(Body::from_stream(futures::stream::iter(chunks)))).await;
        assert!(matches!(entry, Entry::PassThrough));
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body.len(), 4_000_000);
        assert!(body[..100_000].iter().all(|b| *b == 0));
        assert!(body[3_900_000..].iter().all(|b| *b == 39));
    }

    #[tokio::test]
    async fn only_public_answers_are_kept() {
        let (_, entry) = keep(public(Body::from("a page"))).await;
        assert!(matches!(entry, Entry::Page(ref page) if &page.body[..] == b"a page"));
        for (name, value) in [
            (header::CACHE_CONTROL, "private, no-store"),
            (header::SET_COOKIE, "seisiun_id=x"),
            (header::VARY, "origin"),
        ] {
            let mut response = public(Body::from("a page"));
            response
                .headers_mut()
                .insert(name.clone(), value.parse().unwrap());
            let (_, entry) = keep(response).await;
            assert!(matches!(entry, Entry::PassThrough), "{name}: {value}");
        }
        let mut missing = public(Body::from("not here"));
        *missing.status_mut() = StatusCode::NOT_FOUND;
        assert!(matches!(keep(missing).await.1, Entry::PassThrough));
    }
}
