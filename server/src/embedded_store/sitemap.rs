//! The sitemap listing in redb: its outline and one value per part, replaced in one
//! transaction (readers see the old build or the new one).
use app::model::{SitemapEntry, SitemapOutline};
use app::store::{Sitemaps, StoreError};
use async_trait::async_trait;
use redb::{ReadableDatabase, TableDefinition};

use super::{from_json, internal, to_json, EmbeddedStore};

const SITEMAP: TableDefinition<&str, &[u8]> = TableDefinition::new("sitemap");
const OUTLINE: &str = "outline";

fn part_key(number: usize) -> String {
    format!("part/{number:06}")
}

#[async_trait]
impl Sitemaps for EmbeddedStore {
    async fn save_sitemap(
        &self,
        built_at: chrono::DateTime<chrono::Utc>,
        parts: &[Vec<SitemapEntry>],
    ) -> Result<SitemapOutline, StoreError> {
        let outline = SitemapOutline::of(built_at, parts);
        let values = parts.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
        let saved = outline.clone();
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(internal)?;
            {
                let mut table = txn.open_table(SITEMAP).map_err(internal)?;
                table
                    .retain(|key, _| !key.starts_with("part/"))
                    .map_err(internal)?;
                for (i, value) in values.iter().enumerate() {
                    table
                        .insert(part_key(i + 1).as_str(), value.as_slice())
                        .map_err(internal)?;
                }
                table
                    .insert(OUTLINE, to_json(&saved)?.as_slice())
                    .map_err(internal)?;
            }
            txn.commit().map_err(internal)
        })
        .await?;
        Ok(outline)
    }

    async fn sitemap_outline(&self) -> Result<Option<SitemapOutline>, StoreError> {
        self.read_sitemap_value(OUTLINE.to_string()).await
    }

    async fn sitemap_part(
        &self,
        outline: &SitemapOutline,
        number: usize,
    ) -> Result<Option<Vec<SitemapEntry>>, StoreError> {
        if number == 0 || number > outline.parts.len() {
            return Ok(None);
        }
        self.read_sitemap_value(part_key(number)).await
    }
}

impl EmbeddedStore {
    async fn read_sitemap_value<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        key: String,
    ) -> Result<Option<T>, StoreError> {
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(internal)?;
            let table = match txn.open_table(SITEMAP) {
                Ok(table) => table,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
                Err(err) => return Err(internal(err)),
            };
            let found = table.get(key.as_str()).map_err(internal)?;
            found.map(|v| from_json(v.value())).transpose()
        })
        .await
    }
}
