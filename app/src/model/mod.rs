//! The domain's shared types: compiled for the server and the browser alike.
pub mod countries;
mod digest_mark;
mod draft;
mod filter;
#[cfg(any(test, feature = "contract-tests"))]
pub mod fixtures;
mod follow;
#[cfg(feature = "ssr")]
pub mod geo;
#[cfg(feature = "ssr")]
pub mod ics;
mod listed;
mod member;
pub mod near_radius;
#[cfg(feature = "ssr")]
pub mod occurrence;
mod page;
mod place;
mod report;
mod review;
mod revision;
mod schedule;
#[cfg(feature = "ssr")]
pub mod search;
mod session;
mod sitemap;
mod tag;
mod validate;

pub use digest_mark::{Claim, DigestMark, MarkState, CLAIM_LEASE};
pub use draft::{ScheduleDraft, SessionDraft, SCHEDULE_ROWS};
pub use filter::{weekday_slug, SessionFilter, When, WEEKDAYS};
pub use follow::{Cadence, Follow, FollowTarget, MAX_FOLLOWS};
pub use listed::{ListedPage, ListedSession};
pub use member::{Member, MemberId, MODERATORS, UNNAMED_MEMBER};
pub use page::Page;
pub use place::{PlaceCount, PlaceName, PlacePath};
pub use report::{
    AuditEntry, Filed, ModerationAction, Report, ReportGroup, ReportTarget, Settlement,
    MAX_REPORT_DETAILS, REPORT_REASONS,
};
pub use review::{
    newest_first, CheckedReview, Rating, Review, ReviewDraft, ReviewHandle, SessionActivity,
    MAX_REVIEWS_SHOWN, MAX_REVIEW_CHARS, UNKNOWN_REVIEW,
};
pub use revision::{describe_changes, Revision, MAX_REVISIONS_SHOWN};
pub use schedule::{day_name, Schedule, WeekOfMonth};
pub use session::{
    Country, GeoPoint, Session, SessionId, SessionStatus, UnknownSession, Venue, STALE_AFTER_DAYS,
    UNKNOWN_SESSION,
};
pub use sitemap::{SitemapEntry, SitemapOutline, SitemapPartOutline};
pub use tag::Tag;
pub use validate::{
    FieldError, ValidationErrors, MAX_CONTACT, MAX_DESCRIPTION, MAX_MEETINGS_A_WEEK, MAX_NAME,
    MAX_PLACE, MAX_REASON,
};
