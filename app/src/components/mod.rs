//! Reusable pieces of the interface.
mod missing_notice;
mod paged_sessions;
mod session_card;
mod share_button;

pub use missing_notice::MissingNotice;
pub use paged_sessions::PagedSessions;
pub use session_card::SessionCard;
pub use share_button::ShareButton;
