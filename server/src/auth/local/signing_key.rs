//! The local provider's RSA key pair: made once, kept in the data directory (owner-only),
//! so tokens survive restarts; its public half is served as a JWKS.
use std::path::Path;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jsonwebtoken::jwk::{Jwk, JwkSet, ThumbprintHash};
use jsonwebtoken::{Algorithm, EncodingKey};

pub const FILE_NAME: &str = "local-idp-key.pem";

pub struct SigningKey {
    pub encoding: EncodingKey,
    pub kid: String,
    pub jwks: JwkSet,
}

fn pem(der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

impl SigningKey {
    /// Loads the key from `data_dir`, generating and saving one the first time.
    pub fn load_or_create(data_dir: &Path) -> Result<Self, String> {
        let path = data_dir.join(FILE_NAME);
        if !path.exists() {
            std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
            let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|e| e.to_string())?;
            let der = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&pair)
                .map_err(|e| e.to_string())?;
            write_private(&path, &pem(der.as_ref()))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let text =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let encoding = EncodingKey::from_rsa_pem(&text).map_err(|e| e.to_string())?;
        let mut jwk =
            Jwk::from_encoding_key(&encoding, Algorithm::RS256).map_err(|e| e.to_string())?;
        let kid = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|e| e.to_string())?;
        jwk.common.key_id = Some(kid.clone());
        Ok(Self {
            encoding,
            kid,
            jwks: JwkSet { keys: vec![jwk] },
        })
    }
}
