use serde::{Deserialize, Serialize};

use super::Session;

/// One page of sessions and the opaque cursor for the next, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionPage {
    pub sessions: Vec<Session>,
    pub next_cursor: Option<String>,
}

/// How many sessions a country has; the browse-by-place pages start here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCount {
    pub code: String,
    pub name: String,
    pub sessions: u64,
}
