//! Typed settings from environment variables, validated once at start-up.
//!
//! Every variable has a default that gives a working local site: the embedded store under
//! `./data`, demo data seeded into an empty store, human-readable logs.
use std::net::SocketAddr;
use std::path::PathBuf;

use leptos::config::{Env, LeptosOptions};

mod identity;
mod mail;
pub use identity::{CognitoSettings, IdentityKind};
pub use mail::{MailKind, SesSettings};

/// A bad setting, naming the variable and what it should look like.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{variable} is not valid: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreKind {
    /// redb file under `data_dir`: no AWS account needed.
    Embedded,
    /// A DynamoDB table (in AWS, or moto / DynamoDB Local at `endpoint`).
    DynamoDb {
        table: String,
        endpoint: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSettings {
    /// Seed demo sessions when the store is empty at start-up.
    pub seed_when_empty: bool,
    pub seed: u64,
    pub sessions: usize,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// The public origin pages are reached at, for canonical links, sitemaps and feeds.
    pub site_url: String,
    /// Map tiles for session pages, `{z}/{x}/{y}` filled in; empty shows no map tiles.
    pub map_tiles: String,
    pub store: StoreKind,
    pub identity: IdentityKind,
    /// Where digest emails go (`MAIL`).
    pub mail: MailKind,
    /// Emails the local provider makes moderators when they sign up (`LOCAL_MODERATORS`,
    /// comma-separated): for trying moderation locally and in browser tests. Cognito
    /// ignores it (use its groups).
    pub local_moderators: Vec<String>,
    /// A request header naming the visitor's address (e.g. `CloudFront-Viewer-Address`
    /// behind CloudFront); without it, the TCP peer's address is used.
    pub client_ip_header: Option<String>,
    /// The value CloudFront sends in `x-origin-verify`; requests without it are refused.
    pub origin_secret: Option<String>,
    /// While the origin secret is rotated, its previous value (`ORIGIN_VERIFY_SECRET_PREVIOUS`),
    /// accepted too until every CloudFront edge sends the new one; empty or `none` means none.
    pub origin_secret_previous: Option<String>,
    pub data_dir: PathBuf,
    /// How long this process keeps a public page it rendered (`PAGE_CACHE_MS`, default
    /// 1000; 0 turns it off): see `crate::page_cache`.
    pub page_cache: std::time::Duration,
    pub demo: DemoSettings,
    pub log_format: LogFormat,
    pub leptos: LeptosOptions,
}

/// OpenStreetMap's standard tiles (their usage policy asks for attribution, which the
/// map shows, and light use).
pub const DEFAULT_MAP_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

pub const MAX_DEMO_SESSIONS: usize = 200_000;

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `get`, so tests can supply variables without touching the
    /// process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let store = match var("STORE").as_deref().map(str::trim) {
            None | Some("embedded") => StoreKind::Embedded,
            Some("dynamodb") => StoreKind::DynamoDb {
                table: var("DYNAMODB_TABLE").unwrap_or_else(|| "seisiun".to_string()),
                endpoint: match var("DYNAMODB_ENDPOINT") {
                    None => None,
                    Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                        Some(url.trim().to_string())
                    }
                    Some(url) => {
                        return Err(invalid(
                            "DYNAMODB_ENDPOINT",
                            format!(
                            "expected an http(s) URL such as http://127.0.0.1:5000, got '{url}'"
                        ),
                        ))
                    }
                },
            },
            Some(other) => {
                return Err(invalid(
                    "STORE",
                    format!("expected 'embedded' or 'dynamodb', got '{other}'"),
                ))
            }
        };
        let log_format = match var("LOG_FORMAT").as_deref().map(str::trim) {
            Some("json") => LogFormat::Json,
            Some("human") => LogFormat::Human,
            None if get("AWS_LAMBDA_RUNTIME_API").is_some() => LogFormat::Json,
            None => LogFormat::Human,
            Some(other) => {
                return Err(invalid(
                    "LOG_FORMAT",
                    format!("expected 'human' or 'json', got '{other}'"),
                ))
            }
        };
        let sessions: usize = parse_or(&var, "DEMO_SESSIONS", 360)?;
        if !(1..=MAX_DEMO_SESSIONS).contains(&sessions) {
            return Err(invalid(
                "DEMO_SESSIONS",
                format!("expected 1 to {MAX_DEMO_SESSIONS}, got {sessions}"),
            ));
        }
        let demo = DemoSettings {
            seed_when_empty: parse_bool(&var, "SEED_DEMO_DATA", true)?,
            seed: parse_or(&var, "DEMO_SEED", 2026)?,
            sessions,
        };
        let page_cache_ms: u64 = parse_or(&var, "PAGE_CACHE_MS", 1_000)?;
        if page_cache_ms > 60_000 {
            return Err(invalid(
                "PAGE_CACHE_MS",
                format!("expected 0 (off) to 60000 milliseconds, no longer than the edge keeps a page; got {page_cache_ms}"),
            ));
        }
        let leptos = leptos_options(&var)?;
        let site_url = match var("SITE_URL") {
            None => format!("http://{}", leptos.site_addr),
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_string();
                let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
                let host_ok = url.split("://").nth(1).is_some_and(|rest| {
                    !rest.is_empty() && !rest.contains('/') && !rest.contains(' ')
                });
                if !scheme_ok || !host_ok {
                    return Err(invalid(
                        "SITE_URL",
                        format!("expected an origin such as https://seisiun.example, got '{url}'"),
                    ));
                }
                url
            }
        };
        let map_tiles = match var("MAP_TILE_URL").map(|v| v.trim().to_string()) {
            None => DEFAULT_MAP_TILES.to_string(),
            Some(off) if off.eq_ignore_ascii_case("off") => String::new(),
            Some(url) => {
                let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p));
                if !(url.starts_with("https://") || url.starts_with("http://")) || !placeholders {
                    return Err(invalid(
                        "MAP_TILE_URL",
                        format!("expected an http(s) URL with {{z}}, {{x}} and {{y}}, or 'off'; got '{url}'"),
                    ));
                }
                url
            }
        };
        Ok(Settings {
            site_url,
            map_tiles,
            store,
            identity: identity::identity_from(&var)?,
            mail: mail::mail_from(&var)?,
            local_moderators: identity::local_moderators_from(&var)?,
            client_ip_header: var("CLIENT_IP_HEADER").map(|h| h.trim().to_ascii_lowercase()),
            origin_secret: var("ORIGIN_VERIFY_SECRET").map(|s| s.trim().to_string()),
            origin_secret_previous: var("ORIGIN_VERIFY_SECRET_PREVIOUS")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && s != "none"),
            data_dir: var("DATA_DIR").map_or_else(|| PathBuf::from("data"), PathBuf::from),
            page_cache: std::time::Duration::from_millis(page_cache_ms),
            demo,
            log_format,
            leptos,
        })
    }
}

/// The values cargo-leptos passes to the server (at run time, and the output name at compile
/// time); outside cargo-leptos the same variables can be set by hand.
fn leptos_options(var: &impl Fn(&str) -> Option<String>) -> Result<LeptosOptions, ConfigError> {
    let output_name = var("LEPTOS_OUTPUT_NAME")
        .or_else(|| option_env!("LEPTOS_OUTPUT_NAME").map(str::to_string))
        .unwrap_or_else(|| "seisiun".to_string());
    let site_addr: SocketAddr = parse_or(var, "LEPTOS_SITE_ADDR", ([127, 0, 0, 1], 3000).into())?;
    let env = match var("LEPTOS_ENV").map(|v| v.to_ascii_lowercase()).as_deref() {
        None | Some("dev") | Some("development") => Env::DEV,
        Some("prod") | Some("production") => Env::PROD,
        Some(other) => {
            return Err(invalid(
                "LEPTOS_ENV",
                format!("expected 'DEV' or 'PROD', got '{other}'"),
            ))
        }
    };
    Ok(LeptosOptions::builder()
        .output_name(output_name)
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
        .site_addr(site_addr)
        .env(env)
        .reload_port(parse_or(var, "LEPTOS_RELOAD_PORT", 3001)?)
        .hash_files(parse_bool(var, "LEPTOS_HASH_FILES", false)?)
        .build())
}

fn invalid(variable: &'static str, message: String) -> ConfigError {
    ConfigError { variable, message }
}

fn parse_or<T: std::str::FromStr>(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: T,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|e| invalid(name, format!("'{raw}' ({e})"))),
    }
}

fn parse_bool(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match var(name).map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(invalid(
            name,
            format!("expected true or false, got '{other}'"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_give_a_local_site_with_demo_data() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.store, StoreKind::Embedded);
        assert_eq!(s.data_dir, PathBuf::from("data"));
        assert!(s.demo.seed_when_empty);
        assert!(s.demo.sessions >= 300);
        assert_eq!(s.log_format, LogFormat::Human);
        assert_eq!(s.leptos.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.site_url, "http://127.0.0.1:3000");
    }

    #[test]
    fn the_site_url_is_an_origin_without_a_trailing_slash() {
        let s = settings(&[("SITE_URL", "https://seisiun.example/")]).unwrap();
        assert_eq!(s.site_url, "https://seisiun.example");
    }

    #[test]
    fn map_tiles_default_to_openstreetmap_and_can_be_turned_off() {
        assert_eq!(settings(&[]).unwrap().map_tiles, DEFAULT_MAP_TILES);
        assert_eq!(settings(&[("MAP_TILE_URL", "off")]).unwrap().map_tiles, "");
        let own = "https://tiles.example/{z}/{x}/{y}.png";
        assert_eq!(settings(&[("MAP_TILE_URL", own)]).unwrap().map_tiles, own);
        let err = settings(&[("MAP_TILE_URL", "https://tiles.example/map.png")]).unwrap_err();
        assert_eq!(err.variable, "MAP_TILE_URL");
    }

    #[test]
    fn dynamodb_mode_names_its_table_and_endpoint() {
        let s = settings(&[
            ("STORE", "dynamodb"),
            ("DYNAMODB_ENDPOINT", "http://127.0.0.1:5000"),
        ])
        .unwrap();
        assert_eq!(
            s.store,
            StoreKind::DynamoDb {
                table: "seisiun".into(),
                endpoint: Some("http://127.0.0.1:5000".into())
            }
        );
        let err = settings(&[
            ("STORE", "dynamodb"),
            ("DYNAMODB_ENDPOINT", "localhost:5000"),
        ])
        .unwrap_err();
        assert_eq!(err.variable, "DYNAMODB_ENDPOINT");
    }

    #[test]
    fn lambda_logs_json_unless_told_otherwise() {
        let s = settings(&[("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")]).unwrap();
        assert_eq!(s.log_format, LogFormat::Json);
        let s = settings(&[("AWS_LAMBDA_RUNTIME_API", "x"), ("LOG_FORMAT", "human")]).unwrap();
        assert_eq!(s.log_format, LogFormat::Human);
    }

    #[test]
    fn a_bad_number_names_its_variable() {
        let err = settings(&[("DEMO_SEED", "lots")]).unwrap_err();
        assert_eq!(err.variable, "DEMO_SEED");
        assert!(
            err.to_string()
                .starts_with("DEMO_SEED is not valid: 'lots'"),
            "{err}"
        );
    }

    #[test]
    fn each_bad_value_is_refused_with_a_hint() {
        for (name, value, hint) in [
            ("STORE", "postgres", "expected 'embedded' or 'dynamodb'"),
            ("LOG_FORMAT", "xml", "expected 'human' or 'json'"),
            ("SEED_DEMO_DATA", "maybe", "expected true or false"),
            ("DEMO_SESSIONS", "0", "expected 1 to 200000"),
            (
                "LOCAL_MODERATORS",
                "nora",
                "expected comma-separated emails",
            ),
            ("LEPTOS_SITE_ADDR", "localhost", "'localhost'"),
            ("LEPTOS_ENV", "staging", "expected 'DEV' or 'PROD'"),
            ("SITE_URL", "seisiun.example", "expected an origin"),
            (
                "SITE_URL",
                "https://seisiun.example/path",
                "expected an origin",
            ),
        ] {
            let err = settings(&[(name, value)]).unwrap_err();
            assert_eq!(err.variable, name);
            assert!(err.message.contains(hint), "{name}: {err}");
        }
    }

    #[test]
    fn blank_values_fall_back_to_defaults() {
        let s = settings(&[("DATA_DIR", "  "), ("DEMO_SEED", "")]).unwrap();
        assert_eq!(s.data_dir, PathBuf::from("data"));
        assert_eq!(s.demo.seed, 2026);
    }
}
