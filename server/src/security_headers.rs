//! Headers every response carries from the origin itself, so they hold locally, in tests
//! and behind CloudFront alike (CloudFront's response-headers policy adds none of these
//! and must not contradict them).
//!
//! The Content-Security-Policy is strict: scripts only from this origin or inline with
//! this response's nonce (the islands bootstrap Leptos writes), WebAssembly allowed to
//! compile, styles only from our stylesheet (no inline `style=`), images from us and the
//! map's tile server. Each request gets a fresh nonce; pages are rendered with it (the
//! shell reads it from the request's extensions). A page CloudFront caches for 60 s (or
//! the origin's page cache for a second, `page_cache.rs`) shares its nonce with everyone
//! served that copy: that is sound, because the nonce
//! protects against markup injected *into* a response, and a cached copy's content was
//! fixed when it was rendered — whatever a member stores is rendered later, under a
//! nonce it could not know. Hashes would work too, but the bootstrap names the hashed
//! bundle, so its hash changes with every build.
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use leptos::nonce::Nonce;

pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
/// Geolocation for the site itself ("Use my location"); nothing else is asked for.
pub const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()";
/// Two years, as the HSTS preload list asks; only sent when the site is on https.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

#[derive(Clone)]
pub struct SecurityHeaders {
    pub https: bool,
    /// Where map tiles come from (`https://tile.openstreetmap.org`), if anywhere.
    pub tiles_origin: Option<String>,
    /// `cargo leptos watch` reloads pages over a WebSocket on another port.
    pub live_reload: bool,
}

impl SecurityHeaders {
    pub fn for_site(site_url: &str, map_tiles: &str, live_reload: bool) -> Self {
        let tiles_origin = url::Url::parse(map_tiles)
            .ok()
            .map(|u| u.origin().ascii_serialization())
            .filter(|origin| origin != "null");
        Self {
            https: site_url.starts_with("https://"),
            tiles_origin,
            live_reload,
        }
    }

    /// The policy for one response; `nonce` is the one its page was rendered with.
    pub fn content_security_policy(&self, nonce: &str) -> String {
        let images = match &self.tiles_origin {
            Some(tiles) => format!("'self' data: {tiles}"),
            None => "'self' data:".to_string(),
        };
        let connect = if self.live_reload {
            "'self' ws: wss:"
        } else {
            "'self'"
        };
        let upgrade = if self.https {
            "; upgrade-insecure-requests"
        } else {
            ""
        };
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src {images}; connect-src {connect}; font-src 'self'; \
             manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
             frame-ancestors 'none'{upgrade}"
        )
    }
}

/// 128 random bits, base64: unguessable, and valid inside `'nonce-…'`.
fn fresh_nonce() -> String {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system's random source works");
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub async fn add(
    axum::extract::State(site): axum::extract::State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = fresh_nonce();
    request
        .extensions_mut()
        .insert(Nonce::from_value(nonce.as_str()));
    let mut response = next.run(request).await;
    let policy = site.content_security_policy(&nonce);
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, REFERRER_POLICY);
    set(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    if site.https {
        set(header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_nonce_and_the_tile_server_only() {
        let site = SecurityHeaders::for_site(
            "https://seisiun.example",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            false,
        );
        let policy = site.content_security_policy("abc");
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(policy.contains("img-src 'self' data: https://tile.openstreetmap.org;"));
        assert!(policy.contains("style-src 'self';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.ends_with("upgrade-insecure-requests"));
        let no_tiles = SecurityHeaders::for_site("http://127.0.0.1:3000", "", false);
        assert!(no_tiles
            .content_security_policy("x")
            .contains("img-src 'self' data:;"));
    }

    #[test]
    fn nonces_differ_every_time() {
        assert_ne!(fresh_nonce(), fresh_nonce());
        assert_eq!(fresh_nonce().len(), 24);
    }
}
