//! `/sitemap.xml`: every crawlable page — home, each place at every level, each session with
//! its last change. The sitemaps.org protocol allows 50,000 URLs per file, so past that
//! `/sitemap.xml` becomes an index of `/sitemap-1.xml`, `/sitemap-2.xml`, …
//!
//! Listing every place and session walks the whole table, so no request pays for it: a
//! snapshot is built at most once per [`SNAPSHOT_SECONDS`] per process (one request builds,
//! requests arriving meanwhile wait for it and share it), and every request for the index
//! or a part is answered from it. A part number past any the site could have is refused
//! before the store is asked for anything.
use app::model::{PlaceCount, PlacePath};
use app::state::AppState;
use app::store::{Store, StoreError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;

use super::{document, plain, push_element, session_url, store_failure, XML};

/// The protocol's limit on URLs in one sitemap file.
pub const MAX_URLS_PER_FILE: usize = 50_000;

/// An hour: new sessions show up in search soon enough without rebuilding per crawl.
const MAX_AGE: u32 = 3_600;

/// How long one snapshot of the listing serves: a walk of the table at most this often
/// per process (per Lambda instance), and a hidden session leaves the sitemap within it.
pub const SNAPSHOT_SECONDS: u64 = 300;

/// No site of ours has more parts than this (10 million URLs); a higher number is a 404
/// without a single read.
const MAX_PARTS: usize = 200;

/// The listing the sitemap documents are cut from, rebuilt when older than its lifetime.
pub struct SitemapSnapshots {
    lifetime: std::time::Duration,
    current: tokio::sync::Mutex<Option<(std::time::Instant, std::sync::Arc<Vec<SitemapUrl>>)>>,
    /// How many walks of the store have been made: tests prove requests do not walk.
    pub builds: std::sync::atomic::AtomicUsize,
}

impl SitemapSnapshots {
    pub fn new(lifetime: std::time::Duration) -> Self {
        Self {
            lifetime,
            current: tokio::sync::Mutex::new(None),
            builds: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The current listing; builds it if there is none or it has aged out. Holding the
    /// lock while building makes concurrent requests wait for the one walk.
    pub async fn urls(
        &self,
        store: &dyn Store,
        site_url: &str,
    ) -> Result<std::sync::Arc<Vec<SitemapUrl>>, StoreError> {
        let mut current = self.current.lock().await;
        if let Some((built, urls)) = current.as_ref() {
            if built.elapsed() < self.lifetime {
                return Ok(urls.clone());
            }
        }
        self.builds
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let urls = std::sync::Arc::new(collect_urls(store, site_url).await?);
        *current = Some((std::time::Instant::now(), urls.clone()));
        Ok(urls)
    }
}

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One `<url>`: an absolute address and, for sessions, the day it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<NaiveDate>,
}

impl SitemapUrl {
    fn page(site_url: &str, path: &str) -> Self {
        Self {
            loc: format!("{site_url}{path}"),
            lastmod: None,
        }
    }
}

/// Every URL the sitemap lists, in a stable order: home, the place pages depth first
/// (`/sessions`, a country, its areas, each area's towns, …), then the sessions by name.
pub async fn collect_urls(
    store: &dyn Store,
    site_url: &str,
) -> Result<Vec<SitemapUrl>, StoreError> {
    let mut urls = vec![SitemapUrl::page(site_url, "/")];

    // A stack rather than recursion: async recursion would need boxing, and a place whose
    // children are pushed in reverse pops them back in the store's (name) order.
    let mut stack = vec![PlaceCount {
        path: PlacePath::World,
        name: String::new(),
        sessions: 0,
    }];
    while let Some(place) = stack.pop() {
        urls.push(SitemapUrl::page(site_url, &place.path.href()));
        if !matches!(place.path, PlacePath::Town { .. }) {
            let children = store.place_children(&place.path).await?;
            stack.extend(children.into_iter().rev());
        }
    }

    app::store::for_each_page(store, |sessions| {
        urls.extend(sessions.iter().map(|session| SitemapUrl {
            loc: session_url(site_url, &session.id),
            lastmod: Some(session.updated_at.date_naive()),
        }));
        Ok::<_, StoreError>(())
    })
    .await?;
    Ok(urls)
}

/// What `/sitemap.xml` serves: the urlset itself when it fits in `per_file` URLs, otherwise
/// an index of the parts.
pub fn sitemap_document(site_url: &str, urls: &[SitemapUrl], per_file: usize) -> String {
    let per_file = per_file.max(1);
    if urls.len() <= per_file {
        urlset(urls)
    } else {
        sitemap_index(site_url, urls, per_file)
    }
}

/// What `/sitemap-{part}.xml` serves (numbered from 1); `None` if there is no such part,
/// which includes every part when the whole sitemap fits in one file.
pub fn sitemap_part(urls: &[SitemapUrl], per_file: usize, part: usize) -> Option<String> {
    let per_file = per_file.max(1);
    if urls.len() <= per_file || part == 0 {
        return None;
    }
    urls.chunks(per_file).nth(part - 1).map(urlset)
}

/// A sitemaps.org `<urlset>`.
pub fn urlset(urls: &[SitemapUrl]) -> String {
    let mut out = String::with_capacity(100 + urls.len() * 90);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<urlset xmlns=\"{NAMESPACE}\">\n"));
    for url in urls {
        out.push_str("  <url>\n");
        push_element(&mut out, "    ", "loc", &url.loc);
        if let Some(day) = url.lastmod {
            push_element(
                &mut out,
                "    ",
                "lastmod",
                &day.format("%Y-%m-%d").to_string(),
            );
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// A `<sitemapindex>` naming one part per `per_file` URLs, each with its newest `lastmod`.
pub fn sitemap_index(site_url: &str, urls: &[SitemapUrl], per_file: usize) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<sitemapindex xmlns=\"{NAMESPACE}\">\n"));
    for (i, part) in urls.chunks(per_file.max(1)).enumerate() {
        out.push_str("  <sitemap>\n");
        push_element(
            &mut out,
            "    ",
            "loc",
            &format!("{site_url}/sitemap-{}.xml", i + 1),
        );
        if let Some(day) = part.iter().filter_map(|u| u.lastmod).max() {
            push_element(
                &mut out,
                "    ",
                "lastmod",
                &day.format("%Y-%m-%d").to_string(),
            );
        }
        out.push_str("  </sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// `3.xml` → 3. Only the canonical spelling, so each part has one address.
fn part_number(raw: &str) -> Option<usize> {
    let digits = raw.strip_suffix(".xml")?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub(super) async fn serve_sitemap(
    State(app): State<AppState>,
    snapshots: &SitemapSnapshots,
    per_file: usize,
) -> Response {
    match snapshots.urls(app.store.as_ref(), &app.site_url).await {
        Ok(urls) => document(
            XML,
            MAX_AGE,
            sitemap_document(&app.site_url, &urls, per_file),
        ),
        Err(err) => store_failure("sitemap", err),
    }
}

pub(super) async fn serve_sitemap_part(
    State(app): State<AppState>,
    Path(part): Path<String>,
    snapshots: &SitemapSnapshots,
    per_file: usize,
) -> Response {
    let not_found = || plain(StatusCode::NOT_FOUND, "There is no such sitemap part.\n");
    // Refuse a malformed name or an impossible number before asking the store anything.
    let Some(number) = part_number(&part).filter(|n| *n <= MAX_PARTS) else {
        return not_found();
    };
    match snapshots.urls(app.store.as_ref(), &app.site_url).await {
        Ok(urls) => match sitemap_part(&urls, per_file, number) {
            Some(body) => document(XML, MAX_AGE, body),
            None => not_found(),
        },
        Err(err) => store_failure("sitemap part", err),
    }
}
