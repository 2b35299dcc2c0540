use serde::{Deserialize, Serialize};

/// A level of the country → area → town hierarchy, by URL slugs. The country slug is the
/// lower-case ISO 3166-1 code (`ie`); areas and towns are folded names (`an-spideal`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "level", rename_all = "kebab-case")]
pub enum PlacePath {
    World,
    Country {
        country: String,
    },
    Area {
        country: String,
        area: String,
    },
    Town {
        country: String,
        area: String,
        town: String,
    },
}

impl PlacePath {
    /// Builds a path from URL segments; `None` for segments that cannot be slugs.
    pub fn from_segments(segments: &[&str]) -> Option<Self> {
        let ok = |s: &&str| {
            !s.is_empty()
                && s.len() <= 80
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if !segments.iter().all(ok) {
            return None;
        }
        let own = |i: usize| segments[i].to_string();
        match segments.len() {
            0 => Some(PlacePath::World),
            1 if segments[0].len() == 2 => Some(PlacePath::Country { country: own(0) }),
            2 if segments[0].len() == 2 => Some(PlacePath::Area {
                country: own(0),
                area: own(1),
            }),
            3 if segments[0].len() == 2 => Some(PlacePath::Town {
                country: own(0),
                area: own(1),
                town: own(2),
            }),
            _ => None,
        }
    }

    /// The slugs from the top: `["ie", "clare", "ennis"]`.
    pub fn segments(&self) -> Vec<&str> {
        match self {
            PlacePath::World => vec![],
            PlacePath::Country { country } => vec![country],
            PlacePath::Area { country, area } => vec![country, area],
            PlacePath::Town {
                country,
                area,
                town,
            } => vec![country, area, town],
        }
    }

    /// The store key: segments joined by `/` (empty for the world).
    pub fn key(&self) -> String {
        self.segments().join("/")
    }

    /// The crawlable page for this place.
    pub fn href(&self) -> String {
        let mut href = "/sessions".to_string();
        for segment in self.segments() {
            href.push('/');
            href.push_str(segment);
        }
        href
    }

    /// The place's Atom feed of sessions added and changed there.
    pub fn feed_href(&self) -> String {
        format!("/feeds/places/{}.atom", self.key())
    }

    /// Every level from the first country down to this place.
    pub fn ancestry(&self) -> Vec<PlacePath> {
        let s = self.segments();
        (1..=s.len())
            .filter_map(|n| PlacePath::from_segments(&s[..n]))
            .collect()
    }
}

/// A place with its display name and how many sessions it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceCount {
    pub path: PlacePath,
    pub name: String,
    pub sessions: u64,
}

/// A place and its display name: one step of a breadcrumb trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceName {
    pub path: PlacePath,
    pub name: String,
}

impl From<PlaceCount> for PlaceName {
    fn from(place: PlaceCount) -> Self {
        Self {
            path: place.path,
            name: place.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_their_urls() {
        let town = PlacePath::from_segments(&["ie", "galway", "an-spideal"]).unwrap();
        assert_eq!(town.href(), "/sessions/ie/galway/an-spideal");
        assert_eq!(town.key(), "ie/galway/an-spideal");
        assert_eq!(PlacePath::World.href(), "/sessions");
        assert_eq!(
            town.ancestry(),
            vec![
                PlacePath::from_segments(&["ie"]).unwrap(),
                PlacePath::from_segments(&["ie", "galway"]).unwrap(),
                town.clone(),
            ]
        );
    }

    #[test]
    fn segments_that_are_not_slugs_are_refused() {
        for bad in [
            vec!["IE"],
            vec!["irl"],
            vec!["ie", "Clare"],
            vec!["ie", "cl are"],
            vec!["ie", ""],
            vec!["ie", "a", "b", "c"],
        ] {
            assert_eq!(PlacePath::from_segments(&bad), None, "{bad:?}");
        }
    }
}
