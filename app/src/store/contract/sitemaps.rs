//! The store contract for the sitemap listing: a save reads back part by part in order
//! (however large a part is), the next save replaces it whole, and a missing part is `None`.
use std::sync::Arc;

use chrono::{TimeZone, Utc};

use crate::model::SitemapEntry;
use crate::store::Store;

fn entries(prefix: &str, count: usize) -> Vec<SitemapEntry> {
    (0..count)
        .map(|n| SitemapEntry {
            path: format!("/session/{prefix}-a-fairly-long-session-id-{n:06}"),
            lastmod: chrono::NaiveDate::from_ymd_opt(2026, 1 + (n % 12) as u32, 1),
        })
        .collect()
}

pub async fn a_saved_sitemap_reads_back_part_by_part_and_the_next_replaces_it(
    store: Arc<dyn Store>,
) {
    assert_eq!(
        store.sitemap_outline().await.unwrap(),
        None,
        "nothing built yet"
    );

    // A part far past one DynamoDB item (400 KB), and a small last one.
    let first = vec![entries("a", 9_000), entries("b", 3)];
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let saved = store.save_sitemap(at, &first).await.unwrap();
    let outline = store.sitemap_outline().await.unwrap().expect("an outline");
    assert_eq!(outline, saved);
    assert_eq!(outline.built_at, at);
    assert_eq!(
        outline.parts.iter().map(|p| p.entries).collect::<Vec<_>>(),
        [9_000, 3]
    );
    assert_eq!(
        outline.parts[0].lastmod,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
    );
    for (n, part) in first.iter().enumerate() {
        let read = store.sitemap_part(&outline, n + 1).await.unwrap();
        assert_eq!(read.as_ref(), Some(part), "part {}", n + 1);
    }
    assert_eq!(store.sitemap_part(&outline, 0).await.unwrap(), None);
    assert_eq!(store.sitemap_part(&outline, 3).await.unwrap(), None);

    // The next builds replace it: fewer parts, other entries.
    for (round, prefix) in ["c", "d", "e"].iter().enumerate() {
        let next = vec![entries(prefix, 10)];
        let later = at + chrono::Duration::hours(1 + round as i64);
        store.save_sitemap(later, &next).await.unwrap();
        let outline = store.sitemap_outline().await.unwrap().unwrap();
        assert_eq!(outline.built_at, later);
        assert_eq!(outline.parts.len(), 1);
        let read = store.sitemap_part(&outline, 1).await.unwrap();
        assert_eq!(read, Some(next[0].clone()));
        assert_eq!(store.sitemap_part(&outline, 2).await.unwrap(), None);
    }
}
