//! Documents for machines rather than people: `robots.txt`, the sitemap (an index of parts
//! past 50,000 URLs) and an Atom feed of the newest sessions. The building functions are
//! pure and public so tests can drive them with small limits; the handlers only fetch from
//! the store and wrap the result in the right headers.
pub mod atom;
pub mod place_atom;
pub mod robots;
pub mod sitemap;

use std::borrow::Cow;

use app::store::StoreError;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, SecondsFormat, Utc};

use crate::routes::ServerState;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/robots.txt", get(robots::serve_robots_txt))
        .route("/sitemap.xml", get(sitemap::serve_sitemap))
        // The router allows a static prefix before a parameter but nothing after it, so a
        // part arrives as `3.xml` and the handler checks the suffix itself.
        .route("/sitemap-{part}", get(sitemap::serve_sitemap_part))
        .route("/feed.atom", get(atom::serve_feed))
        .route("/feeds/places/{*path}", get(place_atom::serve_place_feed))
}

const XML: &str = "application/xml; charset=utf-8";
const ATOM: &str = "application/atom+xml; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// A successful document with its type and how long shared caches (CloudFront) may keep it.
fn document(content_type: &'static str, max_age_seconds: u32, body: String) -> Response {
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (CACHE_CONTROL, format!("public, max-age={max_age_seconds}")),
        ],
        body,
    )
        .into_response()
}

/// A short plain-text answer that no cache may keep (an outage must not outlive itself).
fn plain(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(CONTENT_TYPE, TEXT), (CACHE_CONTROL, "no-store")],
        message,
    )
        .into_response()
}

/// Maps a store failure to 503 or 500; the details go to the log, never to the client.
fn store_failure(document: &'static str, err: StoreError) -> Response {
    match err {
        StoreError::Unavailable(_) => {
            tracing::warn!(error = %err, document, "store unavailable");
            plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "The session list is unavailable just now. Please try again in a few seconds.\n",
            )
        }
        other => {
            tracing::error!(error = %other, document, "could not build document");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong building this document.\n",
            )
        }
    }
}

/// Text made safe for XML content and attribute values: markup characters escaped, and
/// characters XML 1.0 forbids outright (most control characters) dropped, because no escape
/// can carry them and one would make the whole document unreadable.
fn xml_text(raw: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    };
    if raw.chars().all(allowed) {
        quick_xml::escape::escape(raw)
    } else {
        let kept: String = raw.chars().filter(|&c| allowed(c)).collect();
        Cow::Owned(quick_xml::escape::escape(kept.as_str()).into_owned())
    }
}

/// `<name>text</name>`, escaped, on its own indented line.
fn push_element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&xml_text(text));
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// An RFC 3339 timestamp in UTC (`2026-03-01T12:00:00Z`), as Atom requires.
fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The absolute URL of a session's page. Ids are URL-safe today; percent-encoding anything
/// a path segment may not hold keeps a future id format from producing a broken URL.
fn session_url(site_url: &str, id: &app::model::SessionId) -> String {
    let mut url = format!("{site_url}/session/");
    for byte in id.as_str().bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte);
        if keep {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}
