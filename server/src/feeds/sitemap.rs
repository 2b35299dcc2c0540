//! `/sitemap.xml`: every crawlable page — home, each place at every level, each session with
//! its last change. The sitemaps.org protocol allows 50,000 URLs per file, so past that
//! `/sitemap.xml` becomes an index of `/sitemap-1.xml`, `/sitemap-2.xml`, …
//!
//! Listing every place and session walks the whole table, so no request does it. A
//! scheduled build ([`rebuild`]: EventBridge Scheduler → the `sitemap` task in AWS, a timer
//! in the local server, `server sitemap` by hand) saves the listing in the store, cut into
//! parts; a request reads the outline (one small item) and at most one part. A part number
//! past any the site could have is refused before the store is asked anything.
use app::model::{PlaceCount, PlacePath, SitemapEntry, SitemapOutline};
use app::state::AppState;
use app::store::{Store, StoreError};
use axum::extract::{Path, State};
use axum::http::header::RETRY_AFTER;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{document, plain, push_element, session_url, store_failure, xml_text, XML};
use app::i18n::Lang;

/// The protocol's limit on URLs in one sitemap file.
pub const MAX_URLS_PER_FILE: usize = 50_000;
/// Pages per part: each is listed once per language, and a part holds at most
/// [`MAX_URLS_PER_FILE`] URLs.
pub const MAX_PAGES_PER_FILE: usize = MAX_URLS_PER_FILE / Lang::ALL.len();

/// An hour: new sessions show up in search soon enough without rebuilding per crawl.
const MAX_AGE: u32 = 3_600;

/// How often the listing is rebuilt: the scheduled task's rate in AWS
/// (`infra/template.yaml`, `SitemapSchedule`) and the local server's timer. A new or
/// hidden session reaches the sitemap within this (plus the hour CloudFront keeps it).
pub const REBUILD_EVERY_MINUTES: u64 = 60;

/// No site of ours has more parts than this (10 million URLs); a higher number is a 404
/// without a single read.
const MAX_PARTS: usize = 200;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Walks the store and saves a new listing cut into parts of `per_file` URLs: what the
/// scheduled task runs. Reads every place and session once.
pub async fn rebuild(store: &dyn Store, per_file: usize) -> Result<SitemapOutline, StoreError> {
    let entries = collect_entries(store).await?;
    let parts: Vec<Vec<SitemapEntry>> = entries
        .chunks(per_file.max(1))
        .map(<[SitemapEntry]>::to_vec)
        .collect();
    let outline = store.save_sitemap(chrono::Utc::now(), &parts).await?;
    tracing::info!(
        pages = entries.len(),
        urls = url_count(&outline),
        parts = outline.parts.len(),
        generation = %outline.generation,
        "sitemap rebuilt"
    );
    Ok(outline)
}

fn page(path: String) -> SitemapEntry {
    SitemapEntry {
        path,
        lastmod: None,
    }
}

/// Every page the sitemap lists, in a stable order: home, the place pages depth first
/// (`/sessions`, a country, its areas, each area's towns, …), then the sessions by name.
pub async fn collect_entries(store: &dyn Store) -> Result<Vec<SitemapEntry>, StoreError> {
    let mut entries = vec![page("/".into())];

    // A stack rather than recursion: async recursion would need boxing, and a place whose
    // children are pushed in reverse pops them back in the store's (name) order.
    let mut stack = vec![PlaceCount {
        path: PlacePath::World,
        name: String::new(),
        sessions: 0,
    }];
    while let Some(place) = stack.pop() {
        entries.push(page(place.path.href()));
        if !matches!(place.path, PlacePath::Town { .. }) {
            let children = store.place_children(&place.path).await?;
            stack.extend(children.into_iter().rev());
        }
    }

    app::store::for_each_page(store, |sessions| {
        entries.extend(sessions.iter().map(|session| SitemapEntry {
            path: session_url("", &session.id),
            lastmod: Some(session.updated_at.date_naive()),
        }));
        Ok::<_, StoreError>(())
    })
    .await?;
    Ok(entries)
}

/// How many URLs a build lists: each page once per language.
pub fn url_count(outline: &SitemapOutline) -> usize {
    outline.parts.iter().map(|p| p.entries).sum::<usize>() * Lang::ALL.len()
}

/// A sitemaps.org `<urlset>` of `entries` under `site_url`: each page once per language,
/// each naming all its languages (`xhtml:link` hreflang alternates, as Google reads them).
pub fn urlset(site_url: &str, entries: &[SitemapEntry]) -> String {
    let mut out = String::with_capacity(100 + entries.len() * Lang::ALL.len() * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<urlset xmlns=\"{NAMESPACE}\" xmlns:xhtml=\"{XHTML}\">\n"
    ));
    for entry in entries {
        let url = |lang: Lang| format!("{site_url}{}", lang.path(&entry.path));
        for lang in Lang::ALL {
            out.push_str("  <url>\n");
            push_element(&mut out, "    ", "loc", &url(lang));
            if let Some(day) = entry.lastmod {
                push_element(
                    &mut out,
                    "    ",
                    "lastmod",
                    &day.format("%Y-%m-%d").to_string(),
                );
            }
            let alternates = Lang::ALL
                .map(|other| (other.code(), url(other)))
                .into_iter()
                .chain([("x-default", url(Lang::En))]);
            for (code, href) in alternates {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{}\"/>\n",
                    xml_text(&href)
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// A `<sitemapindex>` naming each part of the listing with its newest `lastmod`.
pub fn sitemap_index(site_url: &str, outline: &SitemapOutline) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<sitemapindex xmlns=\"{NAMESPACE}\">\n"));
    for (i, part) in outline.parts.iter().enumerate() {
        out.push_str("  <sitemap>\n");
        push_element(
            &mut out,
            "    ",
            "loc",
            &format!("{site_url}/sitemap-{}.xml", i + 1),
        );
        if let Some(day) = part.lastmod {
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

fn not_found() -> Response {
    plain(StatusCode::NOT_FOUND, "There is no such sitemap part.\n")
}

/// Before the first build (a new deployment whose scheduled task has not run yet).
fn not_built_yet() -> Response {
    let mut response = plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "The sitemap is being prepared. Please try again in a few minutes.\n",
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, axum::http::HeaderValue::from_static("300"));
    response
}

/// One part's `<urlset>`, or the reason there is none.
async fn part_document(
    app: &AppState,
    outline: &SitemapOutline,
    number: usize,
) -> Result<Response, StoreError> {
    Ok(match app.store.sitemap_part(outline, number).await? {
        Some(entries) => document(XML, MAX_AGE, urlset(&app.site_url, &entries)),
        None => not_found(),
    })
}

pub(super) async fn serve_sitemap(State(app): State<AppState>) -> Response {
    let answer = async {
        let Some(outline) = app.store.sitemap_outline().await? else {
            return Ok(not_built_yet());
        };
        match outline.parts.len() {
            0 => Ok(document(XML, MAX_AGE, urlset(&app.site_url, &[]))),
            1 => part_document(&app, &outline, 1).await,
            _ => Ok(document(
                XML,
                MAX_AGE,
                sitemap_index(&app.site_url, &outline),
            )),
        }
    };
    answer
        .await
        .unwrap_or_else(|err| store_failure("sitemap", err))
}

pub(super) async fn serve_sitemap_part(
    State(app): State<AppState>,
    Path(part): Path<String>,
) -> Response {
    // Refuse a malformed name or an impossible number before asking the store anything.
    let Some(number) = part_number(&part).filter(|n| *n <= MAX_PARTS) else {
        return not_found();
    };
    let answer = async {
        let Some(outline) = app.store.sitemap_outline().await? else {
            return Ok(not_built_yet());
        };
        // A listing that fits in one file has no parts: `/sitemap.xml` is the urlset.
        if outline.parts.len() <= 1 {
            return Ok(not_found());
        }
        part_document(&app, &outline, number).await
    };
    answer
        .await
        .unwrap_or_else(|err| store_failure("sitemap part", err))
        .into_response()
}
