//! The domain's shared types: compiled for the server and the browser alike.
#[cfg(any(test, feature = "contract-tests"))]
pub mod fixtures;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod occurrence;
mod page;
mod place;
mod schedule;
mod session;
mod tag;
mod validate;

pub use page::SessionPage;
pub use place::{PlaceCount, PlacePath};
pub use schedule::{day_name, Schedule, WeekOfMonth};
pub use session::{Country, GeoPoint, Session, SessionId, SessionStatus, Venue};
pub use tag::Tag;
pub use validate::{FieldError, ValidationErrors};
