//! Reusable pieces of the interface.
mod paged_sessions;
mod session_card;

pub use paged_sessions::PagedSessions;
pub use session_card::SessionCard;
