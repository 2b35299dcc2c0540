//! Errors carried in a URL after a plain form post, signed so a page shows only messages
//! this server produced.
//!
//! Without JavaScript a refused form post is answered by the server-function layer with a
//! redirect back to the form whose query holds the error (`__path`, `__err`), and the page
//! shows it. Anyone can write such a URL, so a link could make our page say whatever an
//! attacker likes ("your account is locked, call …"). Here every such redirect gets an
//! HMAC of the pair (`__sig`), and a page request whose error does not verify is sent to
//! the same URL without it.
//!
//! The key comes from `ORIGIN_VERIFY_SECRET` when set (every Lambda instance shares it),
//! else it is random per process: a single local server, where a restart only drops the
//! message of a form posted just before.
use aws_lc_rs::hmac;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

const PATH: &str = "__path";
const ERR: &str = "__err";
const SIG: &str = "__sig";

#[derive(Clone)]
pub struct FormErrorKey(hmac::Key);

impl FormErrorKey {
    /// From the deployment's shared secret, or a fresh random key.
    pub fn new(shared_secret: Option<&str>) -> Self {
        let material: Vec<u8> = match shared_secret {
            Some(secret) => {
                // A key of its own, derived from the secret, never the secret itself.
                let derive = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
                hmac::sign(&derive, b"seisiun form errors")
                    .as_ref()
                    .to_vec()
            }
            None => {
                let mut bytes = [0u8; 32];
                aws_lc_rs::rand::fill(&mut bytes).expect("the system has randomness");
                bytes.to_vec()
            }
        };
        Self(hmac::Key::new(hmac::HMAC_SHA256, &material))
    }

    fn sign(&self, path: &str, err: &str) -> String {
        let tag = hmac::sign(&self.0, &message(path, err));
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag.as_ref())
    }

    fn verifies(&self, path: &str, err: &str, sig: &str) -> bool {
        let Ok(tag) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sig) else {
            return false;
        };
        hmac::verify(&self.0, &message(path, err), &tag).is_ok()
    }
}

fn message(path: &str, err: &str) -> Vec<u8> {
    [path.as_bytes(), b"\0", err.as_bytes()].concat()
}

fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Signs the error in a server function's redirect back to a form; refuses to show an
/// error in a page's URL that this server did not sign.
pub async fn signed_form_errors(
    State(key): State<FormErrorKey>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        let query = request.uri().query().unwrap_or_default();
        if query.contains(ERR) {
            let found = pairs(query);
            if let Some(err) = value(&found, ERR) {
                let path = value(&found, PATH).unwrap_or_default();
                let sig = value(&found, SIG).unwrap_or_default();
                if !key.verifies(path, err, sig) {
                    let lang = request
                        .extensions()
                        .get::<app::i18n::Lang>()
                        .copied()
                        .unwrap_or_default();
                    return without_error(
                        &lang.path(&app::i18n::site_path(request.uri().path())),
                        &found,
                    );
                }
            }
        }
    }
    let mut response = next.run(request).await;
    if response.status().is_redirection() {
        if let Some(signed) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|location| sign_location(&key, location))
        {
            response.headers_mut().insert(header::LOCATION, signed);
        }
    }
    response
}

/// `location` with `__sig` added, when it carries a form error.
fn sign_location(key: &FormErrorKey, location: &str) -> Option<HeaderValue> {
    let (base, query) = location.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let found = pairs(query);
    let err = value(&found, ERR)?;
    let path = value(&found, PATH).unwrap_or_default();
    let mut signed = form_urlencoded::Serializer::new(String::new());
    for (k, v) in found.iter().filter(|(k, _)| k != SIG) {
        signed.append_pair(k, v);
    }
    signed.append_pair(SIG, &key.sign(path, err));
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    HeaderValue::from_str(&format!("{base}?{}{fragment}", signed.finish())).ok()
}

/// The same page without the unsigned error.
fn without_error(path: &str, found: &[(String, String)]) -> Response {
    let kept: Vec<&(String, String)> = found
        .iter()
        .filter(|(k, _)| k != ERR && k != PATH && k != SIG)
        .collect();
    let mut target = path.to_string();
    if !kept.is_empty() {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in kept {
            query.append_pair(k, v);
        }
        target.push('?');
        target.push_str(&query.finish());
    }
    // `path` is the request's own path, one leading slash (`app::i18n::site_path`):
    // never another site.
    match HeaderValue::from_str(&target) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_location_verifies_and_a_changed_message_does_not() {
        let key = FormErrorKey::new(None);
        let signed = sign_location(
            &key,
            "http://127.0.0.1:3000/account/sign-in?next=%2F&__path=%2Fapi%2Fsign_in&__err=abc#f",
        )
        .unwrap();
        let signed = signed.to_str().unwrap();
        assert!(signed.ends_with("#f"), "{signed}");
        let query = signed.split_once('?').unwrap().1.split('#').next().unwrap();
        let found = pairs(query);
        let sig = value(&found, SIG).unwrap();
        assert!(key.verifies("/api/sign_in", "abc", sig));
        assert!(!key.verifies("/api/sign_in", "abd", sig));
        assert!(!key.verifies("/api/sign_up", "abc", sig));
        assert!(!FormErrorKey::new(None).verifies("/api/sign_in", "abc", sig));
    }

    #[test]
    fn instances_sharing_a_secret_agree() {
        let a = FormErrorKey::new(Some("shared"));
        let b = FormErrorKey::new(Some("shared"));
        assert!(b.verifies("/p", "e", &a.sign("/p", "e")));
        assert!(!FormErrorKey::new(Some("other")).verifies("/p", "e", &a.sign("/p", "e")));
    }

    #[test]
    fn locations_without_an_error_are_left_alone() {
        let key = FormErrorKey::new(None);
        assert!(sign_location(&key, "/session/x?reviewed=1").is_none());
        assert!(sign_location(&key, "/moderation").is_none());
    }
}
