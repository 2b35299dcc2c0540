//! Which identity provider signs members in: the local one (the default, no AWS account)
//! or an Amazon Cognito user pool.
use super::{invalid, ConfigError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityKind {
    /// Accounts in the data directory (`accounts.redb`), codes in the log and outbox.
    Local,
    Cognito(CognitoSettings),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CognitoSettings {
    pub region: String,
    pub user_pool_id: String,
    /// A public app client (no secret) allowing USER_PASSWORD_AUTH and refresh.
    pub client_id: String,
    /// The `iss` every token must carry: `https://cognito-idp.{region}.amazonaws.com/{pool}`.
    pub issuer: String,
    /// Where the signing keys are read. Kept apart from the issuer so a stand-in such as
    /// moto (which serves them on loopback but signs with the real-looking issuer) works.
    pub jwks_url: String,
    /// Another endpoint than AWS's for the Cognito API (moto on loopback).
    pub endpoint: Option<String>,
}

/// `LOCAL_MODERATORS=nora@example.org,eoin@example.org`: emails, lower-cased.
pub fn local_moderators_from(
    var: &impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, ConfigError> {
    let Some(list) = var("LOCAL_MODERATORS") else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(str::trim)
        .filter(|email| !email.is_empty())
        .map(|email| {
            if email.contains('@') {
                Ok(email.to_lowercase())
            } else {
                Err(invalid(
                    "LOCAL_MODERATORS",
                    format!("expected comma-separated emails, got '{email}'"),
                ))
            }
        })
        .collect()
}

pub fn identity_from(var: &impl Fn(&str) -> Option<String>) -> Result<IdentityKind, ConfigError> {
    match var("IDENTITY").as_deref().map(str::trim) {
        None | Some("local") => Ok(IdentityKind::Local),
        Some("cognito") => cognito_from(var).map(IdentityKind::Cognito),
        Some(other) => Err(invalid(
            "IDENTITY",
            format!("expected 'local' or 'cognito', got '{other}'"),
        )),
    }
}

fn cognito_from(var: &impl Fn(&str) -> Option<String>) -> Result<CognitoSettings, ConfigError> {
    let required = |name: &'static str, example: &str| {
        var(name).map(|v| v.trim().to_string()).ok_or_else(|| {
            invalid(
                name,
                format!("IDENTITY=cognito needs it set, e.g. {name}={example}"),
            )
        })
    };
    let user_pool_id = required("COGNITO_USER_POOL_ID", "eu-west-1_AbCdEf123")?;
    let client_id = required("COGNITO_CLIENT_ID", "1example23456789")?;
    // A pool id starts with its region: `eu-west-1_AbCdEf123`.
    let region = match var("COGNITO_REGION") {
        Some(region) => region.trim().to_string(),
        None => match user_pool_id.split_once('_') {
            Some((region, rest)) if !region.is_empty() && !rest.is_empty() => region.to_string(),
            _ => {
                return Err(invalid(
                    "COGNITO_USER_POOL_ID",
                    format!("expected REGION_ID such as eu-west-1_AbCdEf123, got '{user_pool_id}'"),
                ))
            }
        },
    };
    let issuer = var("COGNITO_ISSUER")
        .map(|v| v.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"));
    let jwks_url = var("COGNITO_JWKS_URL")
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| format!("{issuer}/.well-known/jwks.json"));
    for (name, url) in [("COGNITO_ISSUER", &issuer), ("COGNITO_JWKS_URL", &jwks_url)] {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            return Err(invalid(
                name,
                format!("expected an http(s) URL, got '{url}'"),
            ));
        }
    }
    let endpoint = match var("COGNITO_ENDPOINT").map(|v| v.trim().to_string()) {
        None => None,
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => Some(url),
        Some(url) => {
            return Err(invalid(
                "COGNITO_ENDPOINT",
                format!("expected an http(s) URL such as http://127.0.0.1:5000, got '{url}'"),
            ))
        }
    };
    Ok(CognitoSettings {
        region,
        user_pool_id,
        client_id,
        issuer,
        jwks_url,
        endpoint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<IdentityKind, ConfigError> {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        identity_from(&|name: &str| vars.get(name).cloned())
    }

    #[test]
    fn local_is_the_default() {
        assert_eq!(parse(&[]).unwrap(), IdentityKind::Local);
    }

    #[test]
    fn cognito_derives_region_issuer_and_jwks_from_the_pool() {
        let IdentityKind::Cognito(cognito) = parse(&[
            ("IDENTITY", "cognito"),
            ("COGNITO_USER_POOL_ID", "eu-west-1_Pool42"),
            ("COGNITO_CLIENT_ID", "client1"),
        ])
        .unwrap() else {
            panic!("cognito")
        };
        assert_eq!(cognito.region, "eu-west-1");
        assert_eq!(
            cognito.issuer,
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool42"
        );
        assert_eq!(
            cognito.jwks_url,
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool42/.well-known/jwks.json"
        );
        assert_eq!(cognito.endpoint, None);
    }

    #[test]
    fn the_jwks_url_can_differ_from_the_issuer() {
        let IdentityKind::Cognito(cognito) = parse(&[
            ("IDENTITY", "cognito"),
            ("COGNITO_USER_POOL_ID", "eu-west-1_Pool42"),
            ("COGNITO_CLIENT_ID", "client1"),
            (
                "COGNITO_JWKS_URL",
                "http://127.0.0.1:5000/eu-west-1_Pool42/.well-known/jwks.json",
            ),
            ("COGNITO_ENDPOINT", "http://127.0.0.1:5000"),
        ])
        .unwrap() else {
            panic!("cognito")
        };
        assert!(cognito.issuer.starts_with("https://cognito-idp."));
        assert!(cognito.jwks_url.starts_with("http://127.0.0.1:5000/"));
    }

    #[test]
    fn missing_or_bad_cognito_settings_name_the_variable() {
        for (pairs, variable) in [
            (vec![("IDENTITY", "cognito")], "COGNITO_USER_POOL_ID"),
            (
                vec![
                    ("IDENTITY", "cognito"),
                    ("COGNITO_USER_POOL_ID", "eu-west-1_P"),
                ],
                "COGNITO_CLIENT_ID",
            ),
            (
                vec![
                    ("IDENTITY", "cognito"),
                    ("COGNITO_USER_POOL_ID", "nopool"),
                    ("COGNITO_CLIENT_ID", "c"),
                ],
                "COGNITO_USER_POOL_ID",
            ),
            (
                vec![
                    ("IDENTITY", "cognito"),
                    ("COGNITO_USER_POOL_ID", "eu-west-1_P"),
                    ("COGNITO_CLIENT_ID", "c"),
                    ("COGNITO_ENDPOINT", "localhost:5000"),
                ],
                "COGNITO_ENDPOINT",
            ),
            (vec![("IDENTITY", "ldap")], "IDENTITY"),
        ] {
            assert_eq!(parse(&pairs).unwrap_err().variable, variable, "{pairs:?}");
        }
    }
}
