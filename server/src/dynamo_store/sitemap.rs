//! The sitemap listing in DynamoDB. `SITEMAP` / `CURRENT` holds the outline of the current
//! build (its generation, each part's size and newest date) and the keys of its chunks and
//! of the previous build's. A build's entries sit in `SITEMAP#{generation}`, one item per
//! chunk of a part (`{part}#{chunk}`, each under 300 KB as JSON; DynamoDB's item limit is
//! 400 KB), so a part of 50,000 URLs is one Query of a few pages, whatever the table holds.
//!
//! Saving writes the new chunks, then flips `CURRENT`, then deletes the build before the
//! previous one: a reader who read the outline just before a flip still finds its chunks.
use std::collections::HashMap;

use app::model::{SitemapEntry, SitemapOutline};
use app::store::{Sitemaps, StoreError};
use async_trait::async_trait;
use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, WriteRequest};

use super::errors::store_error;
use super::items::{from_doc, s, to_doc as json, Item};
use super::DynamoStore;

const PK: &str = "SITEMAP";
const CURRENT: &str = "CURRENT";
/// JSON per chunk item, leaving room under the 400 KB item limit for keys and names.
const CHUNK_BYTES: usize = 300_000;
/// More chunks than a 50,000-URL part can need (URLs are under 2,000 bytes by protocol
/// practice; ours are under 120): a bound on the reads of one request.
const MAX_CHUNKS_PER_PART: usize = 400;

fn chunks_pk(generation: &str) -> String {
    format!("SITEMAP#{generation}")
}

fn chunk_sk(part: usize, chunk: usize) -> String {
    format!("{part:06}#{chunk:04}")
}

/// A part's entries as JSON arrays of at most [`CHUNK_BYTES`] each.
fn chunked(part: &[SitemapEntry]) -> Result<Vec<String>, StoreError> {
    let mut chunks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut bytes = 2;
    for entry in part {
        let json = json(entry)?;
        if bytes + json.len() + 1 > CHUNK_BYTES && !current.is_empty() {
            chunks.push(format!("[{}]", current.join(",")));
            current.clear();
            bytes = 2;
        }
        bytes += json.len() + 1;
        current.push(json);
    }
    if !current.is_empty() {
        chunks.push(format!("[{}]", current.join(",")));
    }
    Ok(chunks)
}

fn string_list(item: &Item, name: &str) -> Vec<String> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

#[async_trait]
impl Sitemaps for DynamoStore {
    async fn save_sitemap(
        &self,
        built_at: chrono::DateTime<chrono::Utc>,
        parts: &[Vec<SitemapEntry>],
    ) -> Result<SitemapOutline, StoreError> {
        let outline = SitemapOutline::of(built_at, parts);
        let previous = self.get(PK.into(), CURRENT).await?;

        let mut keys = Vec::new();
        let mut writes = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            for (c, chunk) in chunked(part)?.into_iter().enumerate() {
                let sk = chunk_sk(p + 1, c);
                let item = HashMap::from([
                    ("pk".to_string(), s(chunks_pk(&outline.generation))),
                    ("sk".to_string(), s(sk.clone())),
                    ("doc".to_string(), s(chunk)),
                ]);
                keys.push(sk);
                let put = PutRequest::builder().set_item(Some(item)).build();
                writes.push(
                    WriteRequest::builder()
                        .put_request(put.expect("item set"))
                        .build(),
                );
            }
        }
        for batch in writes.chunks(super::bulk::BATCH) {
            self.write_batch(batch.to_vec()).await?;
        }

        let mut current = HashMap::from([
            ("pk".to_string(), s(PK)),
            ("sk".to_string(), s(CURRENT)),
            ("doc".to_string(), s(json(&outline)?)),
            ("chunks".to_string(), s(json(&keys)?)),
        ]);
        let mut stale = None;
        if let Some(previous) = &previous {
            let before: SitemapOutline = from_doc(previous)?;
            current.insert("previous".into(), s(before.generation));
            current.insert(
                "previous_chunks".into(),
                s(json(&string_list(previous, "chunks"))?),
            );
            if let Some(older) = previous.get("previous").and_then(|v| v.as_s().ok()) {
                stale = Some((older.clone(), string_list(previous, "previous_chunks")));
            }
        }
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(current))
            .send()
            .await
            .map_err(store_error)?;

        if let Some((generation, chunk_keys)) = stale {
            let deletes: Vec<WriteRequest> = chunk_keys
                .into_iter()
                .map(|sk| {
                    let delete = DeleteRequest::builder()
                        .key("pk", s(chunks_pk(&generation)))
                        .key("sk", s(sk))
                        .build()
                        .expect("key set");
                    WriteRequest::builder().delete_request(delete).build()
                })
                .collect();
            for batch in deletes.chunks(super::bulk::BATCH) {
                self.write_batch(batch.to_vec()).await?;
            }
        }
        Ok(outline)
    }

    async fn sitemap_outline(&self) -> Result<Option<SitemapOutline>, StoreError> {
        // Consistent, as every single-item read here: one small item, one read unit.
        self.get(PK.into(), CURRENT)
            .await?
            .map(|item| from_doc(&item))
            .transpose()
    }

    async fn sitemap_part(
        &self,
        outline: &SitemapOutline,
        number: usize,
    ) -> Result<Option<Vec<SitemapEntry>>, StoreError> {
        if number == 0 || number > outline.parts.len() {
            return Ok(None);
        }
        let (chunks, _) = self
            .prefix_items(
                chunks_pk(&outline.generation),
                format!("{number:06}#"),
                MAX_CHUNKS_PER_PART,
                MAX_CHUNKS_PER_PART,
            )
            .await?;
        if chunks.is_empty() && outline.parts[number - 1].entries > 0 {
            return Ok(None);
        }
        let mut entries = Vec::with_capacity(outline.parts[number - 1].entries);
        for chunk in &chunks {
            entries.extend(from_doc::<Vec<SitemapEntry>>(chunk)?);
        }
        Ok(Some(entries))
    }
}
