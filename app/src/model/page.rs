use serde::{Deserialize, Serialize};

use super::Session;

/// One page of sessions and the opaque cursor for the next, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionPage {
    pub sessions: Vec<Session>,
    pub next_cursor: Option<String>,
}
