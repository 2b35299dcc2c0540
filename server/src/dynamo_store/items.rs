//! How sessions and their index items look in the single table. See docs/data-model.md.
use std::collections::{BTreeMap, HashMap};

use app::model::{geo, search, PlacePath, Session};
use app::store::{name_sort_key, place_names, town_of, StoreError};
use aws_sdk_dynamodb::types::AttributeValue;

use super::table::{BY_CREATED, BY_NAME, BY_PLACE};
use crate::index_keys::{created_index_key, place_index_key};

pub type Item = HashMap<String, AttributeValue>;

/// The one partition of the by-name and by-created indexes.
pub const ALL: &str = "ALL";
/// The item holding the session itself.
pub const SESSION_SK: &str = "S";

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn session_pk(id: &str) -> String {
    format!("S#{id}")
}

/// The id at the end of an index key (`…\0{id}`).
pub fn id_of_key(key: &str) -> Option<&str> {
    key.rsplit_once('\u{0}').map(|(_, id)| id)
}

/// The by-place partition: the country code, the first segment of the place key.
pub fn place_partition(place_key: &str) -> &str {
    place_key.split('/').next().unwrap_or_default()
}

/// The session item: its fields (via serde_dynamo) plus the table and index keys.
pub fn session_item(session: &Session) -> Result<Item, StoreError> {
    let mut item: Item =
        serde_dynamo::to_item(session).map_err(|e| StoreError::Internal(e.to_string()))?;
    let by_place = place_index_key(session);
    item.insert("pk".into(), s(session_pk(session.id.as_str())));
    item.insert("sk".into(), s(SESSION_SK));
    if !session.is_listed() {
        // No index keys: the sparse indexes leave it out of every list.
        return Ok(item);
    }
    item.insert(BY_NAME.partition_key.into(), s(ALL));
    item.insert(BY_NAME.sort_key.into(), s(name_sort_key(session)));
    item.insert(BY_PLACE.partition_key.into(), s(place_partition(&by_place)));
    item.insert(BY_PLACE.sort_key.into(), s(by_place));
    item.insert(BY_CREATED.partition_key.into(), s(ALL));
    item.insert(BY_CREATED.sort_key.into(), s(created_index_key(session)));
    Ok(item)
}

pub fn session_from_item(item: Item) -> Result<Session, StoreError> {
    serde_dynamo::from_item(item).map_err(|e| StoreError::Internal(e.to_string()))
}

/// A search-term partition: the term's first two letters, so a prefix query of two or
/// more letters reads one partition.
pub fn term_pk(term: &str) -> String {
    let head: String = term.chars().take(search::MIN_QUERY_CHARS).collect();
    format!("T#{head}")
}

/// Geohash cell partitions at two lengths: 4 (~39 × 20 km) for "near me" at street to town
/// scale, 2 (~1250 × 625 km) for wide radii. Sort key: the 6-character cell, then the id.
pub const CELL_PARTITION_LENGTHS: [usize; 2] = [4, 2];

pub fn cell_pk(cell: &str, length: usize) -> String {
    format!("C{length}#{}", &cell[..length.min(cell.len())])
}

/// The partition of a cell in the shifted grid (`geo::shifted`), by its first 2 letters.
pub fn shifted_cell_pk(cell: &str) -> String {
    format!("S2#{}", &cell[..2.min(cell.len())])
}

/// The start index ("tonight and next"): one partition per 6 hours of the week (28), so a
/// day and a half is at most 8 Queries in parallel. Sort key: the UTC minute of the week
/// as five digits, then the id.
pub const START_BLOCK_MINUTES: u32 = 6 * 60;

/// One-off sessions by when they end (sort key: the end, then the id), for the hourly
/// upkeep; few enough for one partition.
pub const ENDS_PK: &str = "END#";

pub fn start_pk(minute: u32) -> String {
    format!("ST#{:02}", minute / START_BLOCK_MINUTES)
}

pub fn start_sk(minute: u32, id: &str) -> String {
    format!("{minute:05}\u{0}{id}")
}

/// The Queries that read the covering cells: one (partition, first cell, last cell) range
/// per cell partition they fall in, from the first grid that needs at most 3: 4-letter
/// partitions, else 2-letter ones, else the shifted grid's 2-letter ones (`shifted_cells`,
/// whose corners lie mid-cell of the others). At most 4 cells come in; 4 reads remain only
/// for circles so wide their cells are 2 letters long and straddle corners in both grids.
/// Cells with fewer letters than the partition (a very wide radius near a pole) read each
/// 2-letter partition inside them.
pub fn near_reads(cells: &[String], shifted_cells: &[String]) -> Vec<KeyRange> {
    let grids = [
        (cells, Grid::Letters4),
        (cells, Grid::Letters2),
        (shifted_cells, Grid::Shifted2),
    ];
    let mut best: Option<Vec<KeyRange>> = None;
    for (cells, grid) in grids {
        if let Some(reads) = grid.ranges(cells) {
            if best.as_ref().is_none_or(|b| reads.len() < b.len()) {
                best = Some(reads);
            }
            if best.as_ref().is_some_and(|b| b.len() <= 3) {
                break;
            }
        }
    }
    best.unwrap_or_default()
}

/// One Query's keys: the partition, and the first and last cell (as sort-key prefixes).
pub type KeyRange = (String, String, String);

/// The cell partitions a session is indexed in.
#[derive(Debug, Clone, Copy)]
enum Grid {
    Letters4,
    Letters2,
    Shifted2,
}

impl Grid {
    fn length(self) -> usize {
        match self {
            Grid::Letters4 => 4,
            Grid::Letters2 | Grid::Shifted2 => 2,
        }
    }

    fn pk(self, cell: &str) -> String {
        match self {
            Grid::Letters4 | Grid::Letters2 => cell_pk(cell, self.length()),
            Grid::Shifted2 => shifted_cell_pk(cell),
        }
    }

    /// One range per partition the cells fall in; `None` if a cell is too short for this
    /// grid (2-letter grids serve a 1-letter cell through its 32 children).
    fn ranges(self, cells: &[String]) -> Option<Vec<KeyRange>> {
        let length = self.length();
        let mut ranges: Vec<KeyRange> = Vec::new();
        for cell in cells {
            let parts: Vec<String> = if cell.len() >= length {
                vec![cell.clone()]
            } else if length == 2 && cell.len() == 1 {
                GEOHASH_LETTERS
                    .chars()
                    .map(|child| format!("{cell}{child}"))
                    .collect()
            } else {
                return None;
            };
            for part in parts {
                let pk = self.pk(&part);
                match ranges.iter_mut().find(|(p, _, _)| *p == pk) {
                    Some((_, first, last)) => {
                        if part < *first {
                            *first = part.clone();
                        }
                        if part > *last {
                            *last = part;
                        }
                    }
                    None => ranges.push((pk, part.clone(), part)),
                }
            }
        }
        Some(ranges)
    }
}

const GEOHASH_LETTERS: &str = "0123456789bcdefghjkmnpqrstuvwxyz";

/// Keys (pk, sk) of the session's search-term, cell and start items, which carry a copy
/// of the session (`doc`) so searches, "near me" and "tonight" need no second read.
pub fn index_item_keys(session: &Session) -> Vec<(String, String)> {
    if session.hidden {
        // A hidden session leaves every search, map cell, start and member list.
        return Vec::new();
    }
    let mut keys = if session.is_listed() {
        listed_item_keys(session)
    } else {
        // An event that is over leaves them too, but for its author's own list.
        Vec::new()
    };
    // "Sessions I added", by name, in the member's partition.
    if !session.added_by.is_empty() {
        keys.push((
            super::members::member_pk(session.added_by.as_str()),
            format!("{}{}", super::members::ADDED_PREFIX, name_sort_key(session)),
        ));
    }
    keys
}

/// The keys only a listed session has: its words, cells, end and starts.
fn listed_item_keys(session: &Session) -> Vec<(String, String)> {
    let id = session.id.as_str();
    let mut keys: Vec<(String, String)> = search::index_terms(session)
        .into_iter()
        .map(|term| (term_pk(&term), format!("{term}\u{0}{id}")))
        .collect();
    if let Some(cell) = session.point.and_then(geo::cell_of) {
        for length in CELL_PARTITION_LENGTHS {
            keys.push((cell_pk(&cell, length), format!("{cell}\u{0}{id}")));
        }
    }
    if let Some(cell) = session.point.and_then(geo::shifted_cell_of) {
        keys.push((shifted_cell_pk(&cell), format!("{cell}\u{0}{id}")));
    }
    if let Some(key) = app::store::end_key(session) {
        keys.push((ENDS_PK.to_string(), key));
    }
    for minute in app::model::occurrence::start_minutes(session) {
        keys.push((start_pk(minute), start_sk(minute, id)));
    }
    keys
}

pub fn index_items(session: &Session) -> Result<Vec<Item>, StoreError> {
    let doc = serde_json::to_string(session).map_err(|e| StoreError::Internal(e.to_string()))?;
    Ok(index_item_keys(session)
        .into_iter()
        .map(|(pk, sk)| {
            HashMap::from([
                ("pk".to_string(), s(pk)),
                ("sk".to_string(), s(sk)),
                ("doc".to_string(), s(doc.clone())),
            ])
        })
        .collect())
}

pub fn session_from_doc(item: &Item) -> Result<Session, StoreError> {
    from_doc(item)
}

/// The JSON copy an item carries in `doc` (index, review-copy, revision and moderation
/// items).
pub fn from_doc<T: serde::de::DeserializeOwned>(item: &Item) -> Result<T, StoreError> {
    let doc = item
        .get("doc")
        .and_then(|v| v.as_s().ok())
        .ok_or_else(|| StoreError::Internal("an item without its doc".into()))?;
    serde_json::from_str(doc).map_err(|e| StoreError::Internal(e.to_string()))
}

/// A value as the JSON an item carries in `doc`.
pub fn to_doc<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Internal(e.to_string()))
}

/// Adds `:delta` to a place's session count and sets its name: the one expression every
/// writer of place counts uses (transactions and the bulk loader).
pub const COUNT_UPDATE: &str = "SET #name = :name ADD sessions :delta";

pub fn count_update_names() -> HashMap<String, String> {
    HashMap::from([("#name".to_string(), "name".to_string())])
}

pub fn count_update_values(name: String, delta: i64) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (":name".to_string(), s(name)),
        (":delta".to_string(), AttributeValue::N(delta.to_string())),
    ])
}

/// A place-count item's keys: partition = the parent's key (`P#` for countries),
/// sort key = the place's own key.
pub fn place_keys(place: &PlacePath) -> (String, String) {
    let key = place.key();
    let parent = key.rsplit_once('/').map(|(p, _)| p).unwrap_or_default();
    (format!("P#{parent}"), key)
}

/// How each place's count changes when `old` becomes `new` (either may be absent): net
/// deltas, zeros dropped, since one transaction may touch an item only once.
pub fn place_deltas(
    old: Option<&Session>,
    new: Option<&Session>,
) -> BTreeMap<(String, String), (String, i64)> {
    let mut deltas: BTreeMap<(String, String), (String, i64)> = BTreeMap::new();
    for (session, delta) in [(old, -1), (new, 1)] {
        // Hidden sessions, and events that are over, are not counted.
        let Some(session) = session.filter(|s| s.is_listed()) else {
            continue;
        };
        for (path, name) in town_of(session).ancestry().iter().zip(place_names(session)) {
            let entry = deltas
                .entry(place_keys(path))
                .or_insert_with(|| (name.to_string(), 0));
            entry.1 += delta;
            if delta > 0 {
                entry.0 = name.to_string();
            }
        }
    }
    deltas.retain(|_, (_, delta)| *delta != 0);
    deltas
}

#[cfg(test)]
mod near_tests {
    use super::*;
    use app::model::{geo, GeoPoint};

    #[test]
    fn near_me_reads_at_most_three_ranges_at_every_allowed_radius_and_latitude() {
        let mut checked = 0;
        for lat in -89..=89 {
            for lng in (-180..180).step_by(3) {
                // Sampled off the cell grid's lines (the corners themselves are below),
                // at every radius a visitor can pick and the largest the API takes; near
                // the poles the store narrows them (`usable_radius_km`).
                for radius in [1.0, 5.0, 25.0, 50.0, geo::MAX_RADIUS_KM] {
                    let centre = GeoPoint {
                        lat: lat as f64 + 0.41,
                        lng: lng as f64 + 0.73,
                    };
                    let reads = near_reads(
                        &geo::covering_cells(centre, radius),
                        &geo::shifted_covering_cells(centre, radius),
                    );
                    checked += 1;
                    assert!(reads.len() <= 3, "{centre:?} {radius} km: {reads:?}");
                }
            }
        }
        println!("{checked} circles, none needing more than 3 Queries");
    }

    #[test]
    fn circles_at_coarse_cell_corners_take_at_most_three_reads() {
        // Where four 2-letter cells meet, the shifted grid reads the circle in one range.
        for lat in (-15..=15).map(|row| row as f64 * 5.625) {
            for lng in (-16..16).map(|col| col as f64 * 11.25) {
                let corner = GeoPoint { lat, lng };
                let reads = near_reads(
                    &geo::covering_cells(corner, geo::MAX_RADIUS_KM),
                    &geo::shifted_covering_cells(corner, geo::MAX_RADIUS_KM),
                );
                assert!(reads.len() <= 3, "{corner:?}: {reads:?}");
            }
        }
    }

    #[test]
    fn a_corner_of_four_partitions_steps_up_a_level() {
        // 52.734375 N, 8.4375 W is a corner of four 4-letter geohash cells inside one
        // 2-letter cell: one range in the 2-letter partition instead of four.
        let corner = GeoPoint {
            lat: 52.734375,
            lng: -8.4375,
        };
        let cells = geo::covering_cells(corner, 2.0);
        assert_eq!(cells.len(), 4);
        let reads = near_reads(&cells, &geo::shifted_covering_cells(corner, 2.0));
        assert!(reads.len() <= 3, "{reads:?}");
        assert!(
            reads.iter().all(|(pk, _, _)| pk.starts_with("C2#")),
            "{reads:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::store::contract::sample_session;

    #[test]
    fn a_session_item_round_trips_and_carries_its_index_keys() {
        let session = sample_session("s1", "Sláinte Night", "IE");
        let item = session_item(&session).unwrap();
        assert_eq!(item["pk"], s("S#s1"));
        assert_eq!(item["gsi2pk"], s("ie"));
        assert!(item["gsi2sk"]
            .as_s()
            .unwrap()
            .starts_with("ie/clare/ennis/"));
        assert_eq!(session_from_item(item).unwrap(), session);
    }

    #[test]
    fn moving_town_changes_only_the_places_that_differ() {
        let before = sample_session("s1", "A", "IE");
        let mut after = before.clone();
        after.town = "Doolin".into();
        let deltas = place_deltas(Some(&before), Some(&after));
        let changed: Vec<_> = deltas
            .iter()
            .map(|((_, k), (_, d))| (k.as_str(), *d))
            .collect();
        assert_eq!(changed, [("ie/clare/doolin", 1), ("ie/clare/ennis", -1)]);
        assert!(place_deltas(Some(&before), Some(&before)).is_empty());
    }

    #[test]
    fn terms_and_cells_have_their_partitions() {
        let session = sample_session("s1", "Sláinte Night", "IE");
        let keys = index_item_keys(&session);
        assert!(keys.contains(&("T#sl".into(), "slainte\u{0}s1".into())));
        assert!(keys
            .iter()
            .any(|(pk, sk)| pk.starts_with("C4#") && sk.len() == 6 + 1 + 2));
        assert_eq!(
            place_keys(&PlacePath::Country {
                country: "ie".into()
            }),
            ("P#".into(), "ie".into())
        );
    }
}
