//! Reusable pieces of the interface.
mod paged_sessions;
mod session_card;
mod share_button;

pub use paged_sessions::PagedSessions;
pub use session_card::SessionCard;
pub use share_button::ShareButton;
