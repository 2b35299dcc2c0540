//! Server functions: thin calls from the browser into the store, with stable endpoint names.
#[cfg(feature = "ssr")]
mod edge;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::SessionPage;

/// How many sessions a page of the home list shows.
pub const HOME_PAGE_SIZE: usize = 24;

/// What the home page needs in one call: the directory's size and the first page of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub total_sessions: u64,
    pub countries: usize,
    pub page: SessionPage,
}

#[server(name = HomeOverviewCall, prefix = "/api", endpoint = "home_overview")]
pub async fn home_overview(after: Option<String>) -> Result<HomeOverview, AppError> {
    let store = edge::store()?;
    let counts = store.country_counts().await.map_err(edge::store_error)?;
    let page = edge::list_page(store.as_ref(), after, HOME_PAGE_SIZE).await?;
    Ok(HomeOverview {
        total_sessions: counts.iter().map(|c| c.sessions).sum(),
        countries: counts.len(),
        page,
    })
}

#[server(name = ListSessionsCall, prefix = "/api", endpoint = "list_sessions")]
pub async fn list_sessions(after: Option<String>) -> Result<SessionPage, AppError> {
    let store = edge::store()?;
    edge::list_page(store.as_ref(), after, HOME_PAGE_SIZE).await
}
