//! The domain's shared types: compiled for the server and the browser alike.
#[cfg(any(test, feature = "contract-tests"))]
pub mod fixtures;
mod page;
mod schedule;
mod session;
mod tag;
mod validate;

pub use page::{CountryCount, SessionPage};
pub use schedule::{day_name, Schedule, WeekOfMonth};
pub use session::{Country, GeoPoint, Session, SessionId, SessionStatus, Venue};
pub use tag::Tag;
pub use validate::{FieldError, ValidationErrors};
