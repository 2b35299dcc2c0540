use serde::{Deserialize, Serialize};

/// One page of a listing (sessions, reviews, report groups) and the opaque cursor for the
/// next, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// For the next page; `None` on the last.
    pub next_cursor: Option<String>,
}
