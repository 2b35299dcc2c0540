//! Server functions: thin calls from the browser into the store, with stable endpoint names.
#[cfg(feature = "ssr")]
mod edge;
#[cfg(feature = "ssr")]
mod json_ld;
mod session;

pub use session::{session_detail, session_href, SessionDetail, UpcomingDate, UPCOMING_DATES};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::PlacePath;
use crate::model::{PlaceCount, SessionPage};

/// How many sessions one page of a list shows.
pub const PAGE_SIZE: usize = 24;

/// What the home page needs in one call: the directory's size and the first page of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub total_sessions: u64,
    pub countries: usize,
    pub page: SessionPage,
}

/// A place page: where it is (top first), the places inside it, and a page of its sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceOverview {
    pub trail: Vec<PlaceCount>,
    pub children: Vec<PlaceCount>,
    pub page: SessionPage,
}

#[server(name = HomeOverviewCall, prefix = "/api", endpoint = "home_overview")]
pub async fn home_overview(after: Option<String>) -> Result<HomeOverview, AppError> {
    let store = edge::store()?;
    let countries = store
        .place_children(&PlacePath::World)
        .await
        .map_err(edge::store_error)?;
    let page = edge::list_page(store.as_ref(), None, after).await?;
    Ok(HomeOverview {
        total_sessions: countries.iter().map(|c| c.sessions).sum(),
        countries: countries.len(),
        page,
    })
}

/// `place` is a place key (`ie/clare`), empty for every session by name.
#[server(name = ListSessionsCall, prefix = "/api", endpoint = "list_sessions")]
pub async fn list_sessions(
    place: Option<String>,
    after: Option<String>,
) -> Result<SessionPage, AppError> {
    let store = edge::store()?;
    let place = edge::parse_place(place.as_deref().unwrap_or_default())?;
    edge::list_page(
        store.as_ref(),
        Some(place).filter(|p| *p != PlacePath::World),
        after,
    )
    .await
}

/// `place` is a place key (`ie/clare/ennis`), empty for the list of countries.
#[server(name = PlaceOverviewCall, prefix = "/api", endpoint = "place_overview")]
pub async fn place_overview(
    place: String,
    after: Option<String>,
) -> Result<PlaceOverview, AppError> {
    let store = edge::store()?;
    let path = edge::parse_place(&place)?;
    let trail = store
        .place_trail(&path)
        .await
        .map_err(edge::store_error)?
        .ok_or_else(|| edge::not_found("We have no sessions listed there yet."))?;
    let children = store
        .place_children(&path)
        .await
        .map_err(edge::store_error)?;
    let page = match path {
        PlacePath::World => SessionPage {
            sessions: vec![],
            next_cursor: None,
        },
        _ => edge::list_page(store.as_ref(), Some(path), after).await?,
    };
    Ok(PlaceOverview {
        trail,
        children,
        page,
    })
}
