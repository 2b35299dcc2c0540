//! Lists of sessions — every session, a place, a search, near a point — narrowed by the
//! filters, a page at a time. The request is the page's URL query, so every list is a link.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::ListedPage;

/// What a list shows, field for field as it reads in the URL (`?q=…&when=tonight`).
/// Values stay strings here: the server parses them and names whatever is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListQuery {
    /// A place key (`ie/clare`); it comes from the path, not the query string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lng: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub km: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The URL query parameters a list reads, in the order links write them.
pub const SCOPE_PARAMS: [&str; 4] = ["q", "lat", "lng", "km"];
pub const FILTER_PARAMS: [&str; 3] = ["when", "day", "tag"];
/// Every query parameter an anonymous visitor's page depends on: a list's scope and
/// filters, the page cursor, and whether a list is shown on a map. CloudFront caches pages
/// by these alone (infra/template.yaml), so an unknown parameter cannot make a request
/// miss the cache, and none that changes the page is left out of its key.
pub const PAGE_PARAMS: [&str; 9] = [
    "q", "lat", "lng", "km", "when", "day", "tag", "after", "map",
];

impl ListQuery {
    /// Reads the list's parameters from a URL query; blank values count as absent.
    pub fn from_params(get: impl Fn(&str) -> Option<String>, place: Option<String>) -> Self {
        let read = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        Self {
            place: place.filter(|p| !p.is_empty()),
            q: read("q"),
            lat: read("lat"),
            lng: read("lng"),
            km: read("km"),
            when: read("when"),
            day: read("day"),
            tag: read("tag"),
        }
    }

    fn field(&self, name: &str) -> Option<&String> {
        match name {
            "q" => self.q.as_ref(),
            "lat" => self.lat.as_ref(),
            "lng" => self.lng.as_ref(),
            "km" => self.km.as_ref(),
            "when" => self.when.as_ref(),
            "day" => self.day.as_ref(),
            "tag" => self.tag.as_ref(),
            _ => None,
        }
    }

    /// The search or location part (not the filters), for hidden form fields.
    pub fn scope_pairs(&self) -> Vec<(&'static str, String)> {
        SCOPE_PARAMS
            .iter()
            .filter_map(|name| self.field(name).map(|v| (*name, v.clone())))
            .collect()
    }

    /// Every query-string pair, for the "more" form and for links.
    pub fn url_pairs(&self) -> Vec<(&'static str, String)> {
        SCOPE_PARAMS
            .iter()
            .chain(FILTER_PARAMS.iter())
            .filter_map(|name| self.field(name).map(|v| (*name, v.clone())))
            .collect()
    }

    pub fn has_filters(&self) -> bool {
        FILTER_PARAMS.iter().any(|name| self.field(name).is_some())
    }
}

#[server(name = ListSessionsCall, prefix = "/api", endpoint = "list_sessions")]
pub async fn list_sessions(
    #[server(default)] query: ListQuery,
    after: Option<String>,
) -> Result<ListedPage, AppError> {
    let store = super::edge::store()?;
    find::find_sessions(store.as_ref(), &query, after, chrono::Utc::now()).await
}

#[cfg(feature = "ssr")]
pub mod find {
    //! Runs a [`ListQuery`] against the store. Shared by the pages' server functions and
    //! the public JSON API, so both answer the same question the same way.
    use chrono::{DateTime, Utc};

    use super::ListQuery;
    use crate::api::edge::{self, parse_place};
    use crate::api::PAGE_SIZE;
    use crate::error::AppError;
    use crate::model::{
        geo, search, GeoPoint, ListedPage, ListedSession, PlacePath, SessionFilter,
    };
    use crate::store::{PageRequest, Store, MAX_PAGE_SIZE};

    /// With a filter on, a page reads at most this many store pages looking for matches,
    /// then offers "more" from where it stopped: the cost of one request stays bounded.
    const FILTERED_STORE_PAGES: usize = 5;

    #[derive(Debug, Clone, PartialEq)]
    pub enum Scope {
        All,
        Place(PlacePath),
        Search(Vec<String>),
        Near { centre: GeoPoint, radius_km: f64 },
    }

    fn number(value: &str, what: &str) -> Result<f64, AppError> {
        value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| {
                AppError::bad_request(crate::t!(
                    crate::i18n::use_lang(),
                    "error-not-a-number",
                    what = what,
                    value = format!("{value:?}")
                ))
            })
    }

    impl ListQuery {
        /// What the list is of: a search wins over a location, a location over a place.
        pub fn scope(&self) -> Result<Scope, AppError> {
            if let Some(q) = &self.q {
                return search::query_terms(q)
                    .map(Scope::Search)
                    .map_err(AppError::bad_request);
            }
            match (&self.lat, &self.lng) {
                (Some(lat), Some(lng)) => {
                    let centre = GeoPoint {
                        lat: number(lat, &crate::t!(crate::i18n::use_lang(), "field-lat"))?,
                        lng: number(lng, &crate::t!(crate::i18n::use_lang(), "field-lng"))?,
                    };
                    if !geo::is_valid_point(centre) {
                        return Err(AppError::bad_request(crate::t!(
                            crate::i18n::use_lang(),
                            "error-lat-lng-range"
                        )));
                    }
                    let radius_km = match &self.km {
                        None => geo::DEFAULT_RADIUS_KM,
                        Some(km) => number(km, &crate::t!(crate::i18n::use_lang(), "field-km"))?,
                    };
                    if !(geo::MIN_RADIUS_KM..=geo::MAX_RADIUS_KM).contains(&radius_km) {
                        return Err(AppError::bad_request(crate::t!(
                            crate::i18n::use_lang(),
                            "error-km-range",
                            min = geo::MIN_RADIUS_KM,
                            max = geo::MAX_RADIUS_KM
                        )));
                    }
                    // Near the poles the circle narrows (see `usable_radius_km`).
                    let radius_km = geo::usable_radius_km(centre.lat, radius_km);
                    return Ok(Scope::Near { centre, radius_km });
                }
                (None, None) => {}
                _ => {
                    return Err(AppError::bad_request(crate::t!(
                        crate::i18n::use_lang(),
                        "error-lat-and-lng"
                    )))
                }
            }
            match self.place.as_deref() {
                None => Ok(Scope::All),
                Some(key) => parse_place(key).map(|p| match p {
                    PlacePath::World => Scope::All,
                    place => Scope::Place(place),
                }),
            }
        }

        pub fn filter(&self) -> Result<SessionFilter, AppError> {
            SessionFilter::parse(
                self.when.as_deref(),
                self.day.as_deref(),
                self.tag.as_deref(),
            )
            .map_err(AppError::bad_request)
        }
    }

    /// One page of the list `query` describes, continuing after `after`.
    pub async fn find_sessions(
        store: &dyn Store,
        query: &ListQuery,
        after: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<ListedPage, AppError> {
        let scope = query.scope().map_err(edge::respond_with)?;
        let filter = query.filter().map_err(edge::respond_with)?;
        let after = after.filter(|c| !c.is_empty());
        match scope {
            Scope::All => indexed_page(store, None, &filter, after, now).await,
            Scope::Place(place) => indexed_page(store, Some(place), &filter, after, now).await,
            Scope::Search(terms) => {
                let found = store.search_sessions(&terms).await?;
                let listed = found
                    .iter()
                    .filter(|s| filter.matches(s, now))
                    .map(|s| ListedSession::new(crate::i18n::use_lang(), s, now, None))
                    .collect();
                offset_page(listed, after)
            }
            Scope::Near { centre, radius_km } => {
                let found = store.sessions_near(centre, radius_km).await?;
                let listed = found
                    .iter()
                    .filter(|n| filter.matches(&n.session, now))
                    .map(|n| {
                        ListedSession::new(
                            crate::i18n::use_lang(),
                            &n.session,
                            now,
                            Some(n.distance_km),
                        )
                    })
                    .collect();
                offset_page(listed, after)
            }
        }
    }

    /// A page of a store index (by name, or in a place). Unfiltered, it is one store page;
    /// filtered, it reads up to [`FILTERED_STORE_PAGES`] full store pages for matches.
    async fn indexed_page(
        store: &dyn Store,
        place: Option<PlacePath>,
        filter: &SessionFilter,
        mut cursor: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<ListedPage, AppError> {
        let (limit, pages) = if filter.is_empty() {
            (PAGE_SIZE, 1)
        } else {
            (MAX_PAGE_SIZE, FILTERED_STORE_PAGES)
        };
        let mut listed = Vec::new();
        for _ in 0..pages {
            let request = PageRequest { limit, cursor };
            let page = match &place {
                Some(place) => store.sessions_in_place(place, request).await,
                None => store.list_sessions(request).await,
            }?;
            listed.extend(
                page.items
                    .iter()
                    .filter(|s| filter.matches(s, now))
                    .map(|s| ListedSession::new(crate::i18n::use_lang(), s, now, None)),
            );
            cursor = page.next_cursor;
            if cursor.is_none() || listed.len() >= PAGE_SIZE {
                break;
            }
        }
        Ok(ListedPage {
            sessions: listed,
            next_cursor: cursor,
        })
    }

    /// A page of an already ranked list (search, near): the cursor is the offset.
    fn offset_page(
        mut listed: Vec<ListedSession>,
        after: Option<String>,
    ) -> Result<ListedPage, AppError> {
        let start = match after {
            None => 0,
            Some(c) => c
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= listed.len())
                .ok_or_else(|| {
                    edge::respond_with(AppError::bad_request(crate::t!(
                        crate::i18n::use_lang(),
                        "error-stale-page"
                    )))
                })?,
        };
        let end = (start + PAGE_SIZE).min(listed.len());
        let next_cursor = (end < listed.len()).then(|| end.to_string());
        Ok(ListedPage {
            sessions: listed.drain(start..end).collect(),
            next_cursor,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn query(pairs: &[(&str, &str)]) -> ListQuery {
            ListQuery::from_params(
                |name| {
                    pairs
                        .iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.to_string())
                },
                None,
            )
        }

        #[test]
        fn a_search_wins_over_a_location() {
            let q = query(&[("q", "Sláinte"), ("lat", "52"), ("lng", "-9")]);
            assert_eq!(q.scope().unwrap(), Scope::Search(vec!["slainte".into()]));
        }

        #[test]
        fn locations_are_checked_with_clear_messages() {
            let near = query(&[("lat", "52.84"), ("lng", "-8.98"), ("km", "10")])
                .scope()
                .unwrap();
            assert!(matches!(near, Scope::Near { radius_km, .. } if radius_km == 10.0));
            let arctic = query(&[("lat", "78.2"), ("lng", "15.6"), ("km", "100")])
                .scope()
                .unwrap();
            assert!(
                matches!(arctic, Scope::Near { radius_km, .. } if radius_km < 61.0),
                "narrower near the pole: {arctic:?}"
            );
            let default = query(&[("lat", "52.84"), ("lng", "-8.98")])
                .scope()
                .unwrap();
            assert!(
                matches!(default, Scope::Near { radius_km, .. } if radius_km == geo::DEFAULT_RADIUS_KM)
            );
            for (pairs, expected) in [
                (
                    vec![("lat", "north"), ("lng", "1")],
                    "Latitude (lat) must be a number",
                ),
                (vec![("lat", "95"), ("lng", "1")], "between -90 and 90"),
                (vec![("lat", "52")], "both a latitude"),
                (
                    vec![("lat", "52"), ("lng", "-9"), ("km", "5000")],
                    "between 1 and 100 km",
                ),
                (vec![("lat", "NaN"), ("lng", "1")], "must be a number"),
            ] {
                let err = query(&pairs).scope().unwrap_err();
                assert_eq!(err.status, 400);
                assert!(err.message.contains(expected), "{pairs:?}: {}", err.message);
            }
        }

        #[test]
        fn a_too_short_search_says_so() {
            let err = query(&[("q", "Ó")]).scope().unwrap_err();
            assert!(
                err.message.contains("at least 2 letters"),
                "{}",
                err.message
            );
        }

        #[test]
        fn offsets_page_through_a_ranked_list() {
            let card = |i: usize| {
                let s = crate::model::fixtures::sample_session(&format!("s{i}"), "S", "IE");
                ListedSession::new(crate::i18n::use_lang(), &s, Utc::now(), None)
            };
            let all: Vec<_> = (0..30).map(card).collect();
            let first = offset_page(all.clone(), None).unwrap();
            assert_eq!(first.sessions.len(), PAGE_SIZE);
            assert_eq!(first.next_cursor.as_deref(), Some("24"));
            let second = offset_page(all.clone(), first.next_cursor).unwrap();
            assert_eq!(second.sessions.len(), 6);
            assert_eq!(second.next_cursor, None);
            assert!(offset_page(all.clone(), Some("x".into())).is_err());
            assert!(offset_page(all, Some("31".into())).is_err());
        }
    }
}

#[cfg(test)]
mod page_params_tests {
    use super::*;

    #[test]
    fn the_edge_keys_pages_by_every_parameter_a_list_reads() {
        let mut read: Vec<&str> = SCOPE_PARAMS
            .iter()
            .chain(FILTER_PARAMS.iter())
            .copied()
            .collect();
        read.push("after");
        read.push(crate::components::MAP_PARAM);
        let query = ListQuery::from_params(|name| Some(format!("{name}-value")), None);
        assert_eq!(
            query.url_pairs().len() + 2,
            PAGE_PARAMS.len(),
            "every pair a list writes, the cursor and the map"
        );
        assert_eq!(read, PAGE_PARAMS.to_vec());
    }
}
