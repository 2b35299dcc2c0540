//! The sitemap's listing: every crawlable path with the day it last changed, cut into parts
//! of at most the protocol's 50,000 URLs. A scheduled walk of the store builds it and keeps
//! it in the store, so a crawler's request reads one part, never the whole table.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One crawlable page: a site path (`/session/doolin`) and, for sessions, its last change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitemapEntry {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastmod: Option<NaiveDate>,
}

/// What one build of the listing holds, without its entries: enough for the sitemap index
/// and to refuse a part that does not exist with one small read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitemapOutline {
    /// Names this build's parts in the store, so a reader never mixes two builds.
    pub generation: String,
    pub built_at: DateTime<Utc>,
    pub parts: Vec<SitemapPartOutline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitemapPartOutline {
    pub entries: usize,
    /// The newest `lastmod` among its entries.
    pub lastmod: Option<NaiveDate>,
}

impl SitemapOutline {
    /// The outline of `parts` built at `built_at`.
    pub fn of(built_at: DateTime<Utc>, parts: &[Vec<SitemapEntry>]) -> Self {
        Self {
            generation: built_at.format("%Y%m%dT%H%M%S%.6f").to_string(),
            built_at,
            parts: parts
                .iter()
                .map(|part| SitemapPartOutline {
                    entries: part.len(),
                    lastmod: part.iter().filter_map(|e| e.lastmod).max(),
                })
                .collect(),
        }
    }
}
