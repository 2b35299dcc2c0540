//! Following a place or the area round a point: what a member asks to be emailed about,
//! and how often. The digest (server `digest`) reads these; the account page lists them.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{GeoPoint, MemberId, PlacePath};

/// The most places one member may follow: a digest stays readable, and its run bounded.
pub const MAX_FOLLOWS: usize = 25;

/// How often a member is emailed about what they follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Daily,
    Weekly,
}

impl Cadence {
    pub const ALL: [Cadence; 2] = [Cadence::Daily, Cadence::Weekly];

    pub fn slug(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }

    pub fn words(self) -> &'static str {
        match self {
            Cadence::Daily => "once a day",
            Cadence::Weekly => "once a week",
        }
    }

    /// The least time between two digests: a little under the period, so a schedule
    /// that fires a few minutes early (or a run that took long last time) is not skipped.
    pub fn interval(self) -> chrono::Duration {
        match self {
            Cadence::Daily => chrono::Duration::hours(20),
            Cadence::Weekly => chrono::Duration::days(6) + chrono::Duration::hours(20),
        }
    }
}

/// What is followed: a place of the country → area → town tree, or a radius round a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FollowTarget {
    Place { place: PlacePath },
    Near { centre: GeoPoint, radius_km: u32 },
}

impl FollowTarget {
    /// The target's id among a member's follows: following the same place again changes
    /// how often, it never makes a second follow. Points are kept to three decimals
    /// (about 100 m), which is also how precisely they are stored.
    pub fn id(&self) -> String {
        match self {
            FollowTarget::Place { place } => format!("place:{}", place.key()),
            FollowTarget::Near { centre, radius_km } => {
                format!("near:{:.3},{:.3},{radius_km}", centre.lat, centre.lng)
            }
        }
    }

    /// A point rounded to three decimals, as [`FollowTarget::id`] names it.
    pub fn near(centre: GeoPoint, radius_km: u32) -> Self {
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        FollowTarget::Near {
            centre: GeoPoint {
                lat: round(centre.lat),
                lng: round(centre.lng),
            },
            radius_km,
        }
    }

    /// The page listing what the target covers.
    pub fn href(&self) -> String {
        match self {
            FollowTarget::Place { place } => place.href(),
            FollowTarget::Near { centre, radius_km } => format!(
                "/near?lat={:.3}&lng={:.3}&km={radius_km}",
                centre.lat, centre.lng
            ),
        }
    }
}

/// One thing a member follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Follow {
    pub member: MemberId,
    /// Where the digest goes: the member's address when they last followed or opened
    /// their account page (the identity provider owns it; the digest, run on a schedule,
    /// has no sign-in to ask with).
    pub email: String,
    pub target: FollowTarget,
    /// How people say it: "Doolin, Clare, Ireland", "within 25 km of Ennistymon".
    pub label: String,
    pub cadence: Cadence,
    /// The secret in this member's unsubscribe links: 122 random bits made with their
    /// first follow and shared by the rest, checked against these stored copies, so a
    /// link works without signing in and dies with the follows.
    pub stop_token: String,
    /// News before this is not reported (the first digest starts here).
    pub since: DateTime<Utc>,
    /// The language of the page they followed from: their emails and the stop page speak
    /// it. (Absent in follows stored before there were two: English.)
    #[serde(default)]
    pub lang: crate::i18n::Lang,
    /// When the member last followed it (made, or followed again to change how often):
    /// their latest follow speaks for them. (Absent in follows stored before: `since`.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followed_at: Option<DateTime<Utc>>,
}

impl Follow {
    pub fn id(&self) -> String {
        self.target.id()
    }

    /// When the member last followed it.
    pub fn last_followed(&self) -> DateTime<Utc> {
        self.followed_at.unwrap_or(self.since)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn following_the_same_point_again_is_the_same_follow() {
        let a = FollowTarget::near(
            GeoPoint {
                lat: 53.01234,
                lng: -9.37771,
            },
            25,
        );
        let b = FollowTarget::near(
            GeoPoint {
                lat: 53.0118,
                lng: -9.3781,
            },
            25,
        );
        assert_eq!(a.id(), b.id());
        assert_eq!(a.id(), "near:53.012,-9.378,25");
        assert_ne!(
            a.id(),
            FollowTarget::near(
                GeoPoint {
                    lat: 53.0118,
                    lng: -9.3781
                },
                50
            )
            .id()
        );
        assert_eq!(a.href(), "/near?lat=53.012&lng=-9.378&km=25");
    }

    #[test]
    fn a_place_is_named_by_its_key() {
        let doolin = FollowTarget::Place {
            place: PlacePath::from_segments(&["ie", "clare", "doolin"]).unwrap(),
        };
        assert_eq!(doolin.id(), "place:ie/clare/doolin");
        assert_eq!(doolin.href(), "/sessions/ie/clare/doolin");
    }

    #[test]
    fn cadences_read_back_from_their_slugs() {
        for cadence in Cadence::ALL {
            assert_eq!(Cadence::from_slug(cadence.slug()), Some(cadence));
        }
        assert_eq!(Cadence::from_slug("hourly"), None);
        assert!(Cadence::Daily.interval() < chrono::Duration::days(1));
        assert!(Cadence::Weekly.interval() < chrono::Duration::days(7));
    }
}
