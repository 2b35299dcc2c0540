//! Which origins are ours: the one place that decides whether a request came from one of
//! our own pages, and whether the site is a developer's own machine.
//!
//! Origins are compared parsed (scheme, host, port), never as string prefixes, and never
//! against the request's own `Host` header: with DNS rebinding an attacker's page reaches
//! a local server under the attacker's host name, so `Origin == http://{Host}` proves
//! nothing.
use std::net::IpAddr;

use url::Url;

/// `localhost`, `127.x.y.z`, `[::1]`: names that only ever mean this machine.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A `Host` header value (`127.0.0.1:3000`, `[::1]:3000`, `localhost`) names this machine.
pub fn is_loopback_authority(authority: &str) -> bool {
    let host = match authority.rsplit_once(':') {
        // `[::1]:3000` or `127.0.0.1:3000`; a bare IPv6 address has more colons.
        Some((host, port))
            if port.chars().all(|c| c.is_ascii_digit())
                && (host.ends_with(']') || !host.contains(':')) =>
        {
            host
        }
        _ => authority,
    };
    is_loopback_host(host)
}

/// The site runs on a developer's machine (plain http on a loopback address).
pub fn is_local_site(site_url: &str) -> bool {
    Url::parse(site_url)
        .is_ok_and(|url| url.scheme() == "http" && url.host_str().is_some_and(is_loopback_host))
}

/// Whether `origin` (an `Origin` header, or a `Referer` URL) is one of our pages: the same
/// scheme, host and port as `site_url`. On a developer's machine any loopback origin is
/// ours too, since the same server answers on 127.0.0.1, localhost and whatever port a
/// test picked; a rebinding attacker's page still carries its own host name.
pub fn is_our_origin(site_url: &str, origin: &str) -> bool {
    let (Ok(site), Ok(from)) = (Url::parse(site_url), Url::parse(origin)) else {
        return false;
    };
    if site.origin() == from.origin() {
        return true;
    }
    is_local_site(site_url)
        && matches!(from.scheme(), "http" | "https")
        && from.host_str().is_some_and(is_loopback_host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_origin_and_its_pages_are_ours() {
        let site = "https://seisiun.example";
        assert!(is_our_origin(site, "https://seisiun.example"));
        assert!(is_our_origin(site, "https://seisiun.example/session/x?y=1"));
        assert!(is_our_origin(site, "https://SEISIUN.example:443/"));
    }

    #[test]
    fn look_alike_origins_are_not() {
        let site = "https://seisiun.example";
        for other in [
            "https://seisiun.example.evil.test",
            "https://seisiun.examplex",
            "http://seisiun.example",
            "https://seisiun.example:8443",
            "https://evil.test/https://seisiun.example",
            "null",
            "",
            "http://127.0.0.1:3000",
        ] {
            assert!(!is_our_origin(site, other), "{other}");
        }
    }

    #[test]
    fn locally_loopback_origins_are_ours_and_rebound_names_are_not() {
        let site = "http://127.0.0.1:3000";
        assert!(is_local_site(site));
        assert!(is_our_origin(site, "http://localhost:3000/account"));
        assert!(is_our_origin(site, "http://127.0.0.1:41234"));
        assert!(is_our_origin(site, "http://[::1]:3000"));
        // DNS rebinding: the attacker's name, resolving to 127.0.0.1, is still not ours.
        assert!(!is_our_origin(site, "http://rebind.evil.test:3000"));
        assert!(!is_our_origin(site, "http://127.0.0.1.evil.test:3000"));
    }

    #[test]
    fn only_http_on_a_loopback_address_is_a_local_site() {
        assert!(is_local_site("http://localhost:3000"));
        assert!(!is_local_site("http://127.0.0.1.evil.test"));
        assert!(!is_local_site("http://localhost.evil.test"));
        assert!(!is_local_site("https://seisiun.example"));
    }

    #[test]
    fn loopback_authorities() {
        for ok in [
            "127.0.0.1:3000",
            "localhost",
            "LOCALHOST:80",
            "[::1]:3000",
            "127.9.9.9",
        ] {
            assert!(is_loopback_authority(ok), "{ok}");
        }
        for not in [
            "evil.test:3000",
            "127.0.0.1.evil.test",
            "10.0.0.1:3000",
            "[::2]:80",
        ] {
            assert!(!is_loopback_authority(not), "{not}");
        }
    }
}
