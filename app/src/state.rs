//! What the server hands to pages and server functions through Leptos context.
use std::sync::Arc;

use crate::identity::{IdentityProvider, TokenCheck};
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// The public origin, e.g. `https://seisiun.example` (no trailing slash).
    pub site_url: Arc<str>,
    /// Map tile URL template (`…/{z}/{x}/{y}.png`); empty for no tiles.
    pub map_tiles: Arc<str>,
    pub identity: Arc<dyn IdentityProvider>,
    pub tokens: Arc<dyn TokenCheck>,
    /// The lower-case request header that names the visitor's address behind a proxy
    /// (`cloudfront-viewer-address`); `None` uses the TCP peer.
    pub client_ip_header: Option<Arc<str>>,
}
