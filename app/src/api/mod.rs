//! Server functions: thin calls from the browser into the store, with stable endpoint names.
pub mod account;
pub mod confirm;
#[cfg(feature = "ssr")]
pub mod edge;
pub mod follow;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod handle;
#[cfg(feature = "ssr")]
mod json_ld;
pub mod listing;
pub mod member;
pub mod moderation;
pub mod review;
mod session;
pub mod session_form;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tonight;

pub use listing::{list_sessions, ListQuery, PAGE_PARAMS};
#[cfg(feature = "ssr")]
pub use session::session_detail_for;
pub use session::{
    session_detail, session_href, ApiSession, SessionDetail, ShownRevision, UpcomingDate,
    UPCOMING_DATES,
};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::PlacePath;
use crate::model::{ListedPage, PlaceCount};

/// How many sessions one page of a list shows.
pub const PAGE_SIZE: usize = 24;

/// What every listing page carries for crawlers: its canonical URL and JSON-LD.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageLinks {
    pub canonical_url: String,
    /// schema.org ItemList of the sessions shown, escaped for a `<script>` element.
    pub json_ld: String,
}

/// What the home page needs in one call: the directory's size and the first page of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub total_sessions: u64,
    pub countries: usize,
    /// On now or starting soonest: the front page's answer to "a session tonight". Empty
    /// when the visitor filtered the list or paged on (they asked for something else).
    pub tonight: Vec<crate::model::ListedSession>,
    pub page: ListedPage,
    pub links: PageLinks,
}

/// A place page: where it is (top first), the places inside it, and a page of its sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceOverview {
    pub trail: Vec<PlaceCount>,
    pub children: Vec<PlaceCount>,
    pub page: ListedPage,
    pub links: PageLinks,
}

/// Search results or sessions near a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundOverview {
    pub page: ListedPage,
    pub links: PageLinks,
}

#[cfg(feature = "ssr")]
fn page_links(path_and_query: &str, name: &str, page: &ListedPage) -> Result<PageLinks, AppError> {
    let site_url = edge::state()?.site_url;
    let canonical_url = format!("{site_url}{path_and_query}");
    let json_ld = json_ld::item_list_json_ld(name, &canonical_url, &site_url, &page.sessions);
    Ok(PageLinks {
        canonical_url,
        json_ld,
    })
}

/// How many sessions the front page shows as on tonight and next.
pub const TONIGHT_CARDS: usize = 12;

#[server(name = HomeOverviewCall, prefix = "/api", endpoint = "home_overview")]
pub async fn home_overview(
    #[server(default)] query: ListQuery,
    after: Option<String>,
) -> Result<HomeOverview, AppError> {
    let store = edge::store()?;
    let query = ListQuery {
        place: None,
        ..query
    };
    let now = chrono::Utc::now();
    let first_unfiltered = !query.has_filters() && after.as_deref().is_none_or(str::is_empty);
    // A failed read of tonight's sessions leaves the section empty, not the page.
    let tonight = async {
        if !first_unfiltered {
            return Vec::new();
        }
        tonight::tonight_and_next(store.as_ref(), now, TONIGHT_CARDS)
            .await
            .unwrap_or_else(|err| {
                tracing::warn!(error = %err, "could not read tonight's sessions");
                Vec::new()
            })
    };
    // The reads at once: one round trip's wait.
    let (countries, page, tonight) = tokio::join!(
        store.place_children(&PlacePath::World),
        listing::find::find_sessions(store.as_ref(), &query, after, now),
        tonight
    );
    let countries = countries?;
    let page = page?;
    let links = page_links(
        "/",
        &crate::t!(crate::i18n::use_lang(), "list-name-home"),
        &page,
    )?;
    Ok(HomeOverview {
        total_sessions: countries.iter().map(|c| c.sessions).sum(),
        countries: countries.len(),
        tonight,
        page,
        links,
    })
}

/// `place` is a place key (`ie/clare/ennis`), empty for the list of countries.
#[server(name = PlaceOverviewCall, prefix = "/api", endpoint = "place_overview")]
pub async fn place_overview(
    place: String,
    #[server(default)] query: ListQuery,
    after: Option<String>,
) -> Result<PlaceOverview, AppError> {
    let store = edge::store()?;
    let path = edge::parse_place(&place)?;
    let list = async {
        match path {
            PlacePath::World => Ok(ListedPage::default()),
            _ => {
                let query = ListQuery {
                    place: Some(place.clone()),
                    q: None,
                    lat: None,
                    lng: None,
                    km: None,
                    ..query
                };
                listing::find::find_sessions(store.as_ref(), &query, after, chrono::Utc::now())
                    .await
            }
        }
    };
    // The three reads at once: one round trip's wait.
    let (trail, children, page) =
        tokio::join!(store.place_trail(&path), store.place_children(&path), list);
    let trail = trail?.ok_or_else(|| {
        edge::not_found(&crate::t!(
            crate::i18n::use_lang(),
            "error-no-sessions-there-yet"
        ))
    })?;
    let children = children?;
    let page = page?;
    let lang = crate::i18n::use_lang();
    let name = match trail.last() {
        Some(here) => crate::t!(lang, "sessions-in", place = &here.name),
        None => crate::t!(lang, "sessions-by-country"),
    };
    let links = page_links(&path.href(), &name, &page)?;
    Ok(PlaceOverview {
        trail,
        children,
        page,
        links,
    })
}

/// Search results (`q`) or sessions near a point (`lat`, `lng`, `km`), with the filters.
#[server(name = FoundOverviewCall, prefix = "/api", endpoint = "found_overview")]
pub async fn found_overview(
    #[server(default)] query: ListQuery,
    after: Option<String>,
) -> Result<FoundOverview, AppError> {
    let store = edge::store()?;
    let query = ListQuery {
        place: None,
        ..query
    };
    let page =
        listing::find::find_sessions(store.as_ref(), &query, after, chrono::Utc::now()).await?;
    // Canonical: the search or place itself, without filters or paging.
    let (path, name) = match &query.q {
        Some(q) => (
            format!("/search?{}", encode_pairs(&[("q", q.clone())])),
            crate::t!(crate::i18n::use_lang(), "list-name-matching", q = q),
        ),
        None => (
            format!("/near?{}", encode_pairs(&query.scope_pairs())),
            crate::t!(crate::i18n::use_lang(), "list-name-nearby"),
        ),
    };
    let links = page_links(&path, &name, &page)?;
    Ok(FoundOverview { page, links })
}

/// Canonical URL and JSON-LD for the search and near-me pages before anything is asked:
/// `page` is `search` or `near` (nothing else, so no URL can be made up).
#[server(name = FormPageLinksCall, prefix = "/api", endpoint = "form_page_links")]
pub async fn form_page_links(page: String) -> Result<PageLinks, AppError> {
    let lang = crate::i18n::use_lang();
    let (path, name, search) = match page.as_str() {
        "search" => ("/search", crate::t!(lang, "search-title"), true),
        "near" => ("/near", crate::t!(lang, "near-title"), false),
        _ => {
            return Err(edge::not_found(&crate::t!(
                crate::i18n::use_lang(),
                "error-no-such-page"
            )))
        }
    };
    let site_url = edge::state()?.site_url;
    let canonical_url = format!("{site_url}{path}");
    let json_ld = json_ld::form_page_json_ld(&name, &canonical_url, &site_url, search);
    Ok(PageLinks {
        canonical_url,
        json_ld,
    })
}

/// `a=1&b=two%20words`: a URL query string from pairs.
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
}
