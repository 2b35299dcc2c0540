//! Reusable pieces of the interface.
mod session_card;

pub use session_card::SessionCard;
