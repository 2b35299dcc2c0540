//! The sitemap listing's port: a scheduled build saves it, requests read one part of it.
use async_trait::async_trait;

use super::StoreError;
use crate::model::{SitemapEntry, SitemapOutline};

#[async_trait]
pub trait Sitemaps: Send + Sync {
    /// Replaces the listing with `parts` (numbered from 1), built at `built_at`. Readers
    /// see the old listing or the new one, never a mix: the outline names its build, and
    /// the build before it stays readable until the next one is saved.
    async fn save_sitemap(
        &self,
        built_at: chrono::DateTime<chrono::Utc>,
        parts: &[Vec<SitemapEntry>],
    ) -> Result<SitemapOutline, StoreError>;

    /// The current listing's outline; `None` before the first build. One small read.
    async fn sitemap_outline(&self) -> Result<Option<SitemapOutline>, StoreError>;

    /// Part `number` (from 1) of the build `outline` names; `None` if it has no such part.
    /// Reads that part only.
    async fn sitemap_part(
        &self,
        outline: &SitemapOutline,
        number: usize,
    ) -> Result<Option<Vec<SitemapEntry>>, StoreError>;
}
