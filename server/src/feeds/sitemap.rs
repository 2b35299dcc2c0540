//! `/sitemap.xml`: every crawlable page — home, each place at every level, each session with
//! its last change. The sitemaps.org protocol allows 50,000 URLs per file, so past that
//! `/sitemap.xml` becomes an index of `/sitemap-1.xml`, `/sitemap-2.xml`, …
//!
//! Listing every place and session walks the whole table, so no request pays for it: the
//! index and every part are cut from a snapshot that a background task renews once it is
//! [`SNAPSHOT_SECONDS`] old, while the old one is still served; only a process's first
//! request waits for a walk (and requests arriving meanwhile share it). A part number past any the site could have is refused
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

/// The listing the sitemap documents are cut from. Requests never walk the table once a
/// listing exists: an aged one is still served while one background task builds the next
/// (stale-while-revalidate). Only a process's very first request waits for a walk, and
/// requests arriving during it wait for the same one.
pub struct SitemapSnapshots {
    lifetime: std::time::Duration,
    current: std::sync::Mutex<Option<Snapshot>>,
    /// Held while the first listing is built, so concurrent cold requests share it.
    first: tokio::sync::Mutex<()>,
    rebuilding: std::sync::atomic::AtomicBool,
    /// How many walks of the store have been made: tests prove requests do not walk.
    pub builds: std::sync::atomic::AtomicUsize,
}

type Snapshot = (std::time::Instant, std::sync::Arc<Vec<SitemapUrl>>);

impl SitemapSnapshots {
    pub fn new(lifetime: std::time::Duration) -> Self {
        Self {
            lifetime,
            current: std::sync::Mutex::new(None),
            first: tokio::sync::Mutex::new(()),
            rebuilding: std::sync::atomic::AtomicBool::new(false),
            builds: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn snapshot(&self) -> Option<Snapshot> {
        self.current.lock().expect("sitemap snapshot").clone()
    }

    async fn build(&self, store: &dyn Store, site_url: &str) -> Result<Snapshot, StoreError> {
        use std::sync::atomic::Ordering;
        self.builds.fetch_add(1, Ordering::Relaxed);
        let urls = std::sync::Arc::new(collect_urls(store, site_url).await?);
        let snapshot = (std::time::Instant::now(), urls);
        *self.current.lock().expect("sitemap snapshot") = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// The current listing. An aged one is returned as it is, and a rebuild starts in
    /// the background unless one is running.
    pub async fn urls(
        self: &std::sync::Arc<Self>,
        store: std::sync::Arc<dyn Store>,
        site_url: std::sync::Arc<str>,
    ) -> Result<std::sync::Arc<Vec<SitemapUrl>>, StoreError> {
        use std::sync::atomic::Ordering;
        if let Some((built, urls)) = self.snapshot() {
            if built.elapsed() >= self.lifetime && !self.rebuilding.swap(true, Ordering::AcqRel) {
                let me = self.clone();
                tokio::spawn(async move {
                    if let Err(err) = me.build(store.as_ref(), &site_url).await {
                        tracing::warn!(error = %err, "rebuilding the sitemap failed; serving the last one");
                    }
                    me.rebuilding.store(false, Ordering::Release);
                });
            }
            return Ok(urls);
        }
        let _first = self.first.lock().await;
        if let Some((_, urls)) = self.snapshot() {
            return Ok(urls);
        }
        Ok(self.build(store.as_ref(), &site_url).await?.1)
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
    snapshots: &std::sync::Arc<SitemapSnapshots>,
    per_file: usize,
) -> Response {
    match snapshots
        .urls(app.store.clone(), app.site_url.clone())
        .await
    {
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
    snapshots: &std::sync::Arc<SitemapSnapshots>,
    per_file: usize,
) -> Response {
    let not_found = || plain(StatusCode::NOT_FOUND, "There is no such sitemap part.\n");
    // Refuse a malformed name or an impossible number before asking the store anything.
    let Some(number) = part_number(&part).filter(|n| *n <= MAX_PARTS) else {
        return not_found();
    };
    match snapshots
        .urls(app.store.clone(), app.site_url.clone())
        .await
    {
        Ok(urls) => match sitemap_part(&urls, per_file, number) {
            Some(body) => document(XML, MAX_AGE, body),
            None => not_found(),
        },
        Err(err) => store_failure("sitemap part", err),
    }
}
