//! Opaque handles that name a member's review on a page (report and restore forms point
//! at it) without revealing who wrote it: an HMAC of the session and the author under a
//! secret key. Without the key nobody can test whether a handle belongs to a member id,
//! as they could with a plain hash; with the same key every server instance (and every
//! build) gives the same handle.
use std::sync::OnceLock;

use aws_lc_rs::hmac;

static KEY: OnceLock<hmac::Key> = OnceLock::new();

/// Sets the key once at start-up, from secret material shared by every instance.
/// Later calls (tests building several apps in one process) keep the first key.
pub fn init(secret: &[u8]) {
    let _ = KEY.set(hmac::Key::new(hmac::HMAC_SHA256, secret));
}

fn key() -> &'static hmac::Key {
    KEY.get_or_init(|| {
        // Only unit tests get here: start-up always calls `init`.
        let mut bytes = [0u8; 32];
        aws_lc_rs::rand::fill(&mut bytes).expect("the system has randomness");
        hmac::Key::new(hmac::HMAC_SHA256, &bytes)
    })
}

/// 16 hex digits naming the author's review of the session.
pub fn review_handle(session_id: &str, author: &str) -> String {
    let message = [session_id.as_bytes(), b"\0", author.as_bytes()].concat();
    let tag = hmac::sign(key(), &message);
    tag.as_ref()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_stable_distinct_and_not_a_plain_hash() {
        let a = review_handle("doolin", "member-1");
        assert_eq!(a, review_handle("doolin", "member-1"));
        assert_eq!(a.len(), 16);
        assert_ne!(a, review_handle("doolin", "member-2"));
        assert_ne!(a, review_handle("doolin\0member", "-1"));
        // The old, unkeyed handle anyone could recompute from a member id.
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        ("doolin", "member-1").hash(&mut hasher);
        assert_ne!(a, format!("{:016x}", hasher.finish()));
    }
}
