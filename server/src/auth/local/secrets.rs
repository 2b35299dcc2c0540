//! Codes, tokens and password hashes: random where they must be unguessable, hashed where
//! they are kept, and compared in a time that does not tell a wrong email from a wrong
//! password.
use app::identity::IdentityError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use super::unavailable;

pub(super) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub(super) fn random_code() -> String {
    let mut bytes = [0u8; 4];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system RNG works");
    format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000)
}

pub(super) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system RNG works");
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Refresh tokens are stored by their SHA-256, so a copy of the file cannot sign anyone in.
pub(super) fn token_key(token: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, token.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn hash_password(password: &str) -> Result<String, IdentityError> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).map_err(unavailable)?;
    let salt = SaltString::encode_b64(&bytes).map_err(unavailable)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(unavailable)
}

pub(super) fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so a wrong email takes as
/// long as a wrong password and the timing does not tell them apart.
pub(super) fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy-password-1A").unwrap_or_default())
}
