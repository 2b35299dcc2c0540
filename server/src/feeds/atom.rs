//! `/feed.atom`: the newest sessions as an Atom 1.0 feed (RFC 4287), so musicians can follow
//! new listings in a feed reader.
use app::model::Session;
use app::state::AppState;
use axum::extract::State;
use axum::response::Response;
use chrono::DateTime;

use super::{document, push_element, rfc3339, session_url, store_failure, xml_text, ATOM};

/// How many sessions the feed carries.
pub const FEED_SIZE: usize = 50;

pub const FEED_TITLE: &str = "Seisiún — newest sessions";

/// Fifteen minutes: readers poll often, and a new session should not wait an hour.
const MAX_AGE: u32 = 900;

/// Which feed: its own path, its title, and the page it is the feed of.
pub struct FeedHead<'a> {
    pub self_path: &'a str,
    pub title: &'a str,
    pub page_path: &'a str,
}

/// The site's feed for `sessions`, given newest first.
pub fn atom_feed(site_url: &str, sessions: &[Session]) -> String {
    atom_feed_of(
        site_url,
        &FeedHead {
            self_path: "/feed.atom",
            title: FEED_TITLE,
            page_path: "/",
        },
        sessions,
    )
}

/// A feed for `sessions`, given newest first. Its `updated` is the latest change among
/// them (the Unix epoch for an empty feed, which must still carry a date).
pub fn atom_feed_of(site_url: &str, head: &FeedHead, sessions: &[Session]) -> String {
    let self_url = format!("{site_url}{}", head.self_path);
    let updated = sessions
        .iter()
        .map(|s| s.updated_at)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);

    let mut out = String::with_capacity(1_000 + sessions.len() * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    push_element(&mut out, "  ", "id", &self_url);
    push_element(&mut out, "  ", "title", head.title);
    push_element(&mut out, "  ", "updated", &rfc3339(updated));
    push_link(&mut out, "  ", "self", "application/atom+xml", &self_url);
    push_link(
        &mut out,
        "  ",
        "alternate",
        "text/html",
        &format!("{site_url}{}", head.page_path),
    );
    // RFC 4287 wants an author on the feed unless every entry has one.
    out.push_str("  <author>\n");
    push_element(&mut out, "    ", "name", "Seisiún");
    out.push_str("  </author>\n");
    for session in sessions {
        push_entry(&mut out, site_url, session);
    }
    out.push_str("</feed>\n");
    out
}

fn push_entry(out: &mut String, site_url: &str, session: &Session) {
    let url = session_url(site_url, &session.id);
    out.push_str("  <entry>\n");
    // The page's address doubles as the permanent id: ids never change, nor do their URLs.
    push_element(out, "    ", "id", &url);
    push_element(out, "    ", "title", &session.name);
    push_link(out, "    ", "alternate", "text/html", &url);
    push_element(out, "    ", "published", &rfc3339(session.created_at));
    push_element(out, "    ", "updated", &rfc3339(session.updated_at));
    out.push_str("    <summary type=\"text\">");
    out.push_str(&xml_text(&summary(session)));
    out.push_str("</summary>\n");
    out.push_str("  </entry>\n");
}

fn push_link(out: &mut String, indent: &str, rel: &str, media_type: &str, href: &str) {
    out.push_str(&format!(
        "{indent}<link rel=\"{rel}\" type=\"{media_type}\" href=\"{}\"/>\n",
        xml_text(href)
    ));
}

/// One line a reader can scan: venue · place · when.
pub fn summary(session: &Session) -> String {
    [
        session.venue.name.trim().to_string(),
        session.place_line(),
        session.schedule_line(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

pub(super) async fn serve_feed(State(app): State<AppState>) -> Response {
    match app.store.newest_sessions(FEED_SIZE).await {
        Ok(mut sessions) => {
            // A one-off that is over is news no more.
            let now = chrono::Utc::now();
            sessions.retain(|s| !app::model::occurrence::is_over(s, now));
            document(ATOM, MAX_AGE, atom_feed(&app.site_url, &sessions))
        }
        Err(err) => store_failure("atom feed", err),
    }
}
