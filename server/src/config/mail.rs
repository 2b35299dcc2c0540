//! Where email goes: the local outbox (the default, no AWS account) or Amazon SES.
use super::{invalid, ConfigError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailKind {
    /// Files in `{DATA_DIR}/outbox`, shown on `/account/outbox`.
    Outbox,
    Ses(SesSettings),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SesSettings {
    /// `MAIL_FROM`: an address of a verified SES identity, e.g. `Seisiún <news@seisiun.example>`.
    pub from: String,
    /// `SES_CONFIGURATION_SET`: the set whose suppression list and events apply.
    pub configuration_set: Option<String>,
    /// `SES_ENDPOINT`: another endpoint than AWS's (moto on loopback).
    pub endpoint: Option<String>,
}

pub fn mail_from(var: &impl Fn(&str) -> Option<String>) -> Result<MailKind, ConfigError> {
    match var("MAIL").as_deref().map(str::trim) {
        None | Some("outbox") => Ok(MailKind::Outbox),
        Some("ses") => {
            let from = var("MAIL_FROM")
                .map(|f| f.trim().to_string())
                .ok_or_else(|| {
                    invalid(
                        "MAIL_FROM",
                        "MAIL=ses needs the From address, e.g. \"Seisiún <news@seisiun.example>\""
                            .into(),
                    )
                })?;
            if !from.contains('@') {
                return Err(invalid(
                    "MAIL_FROM",
                    format!("expected an email address, got '{from}'"),
                ));
            }
            Ok(MailKind::Ses(SesSettings {
                from,
                configuration_set: var("SES_CONFIGURATION_SET").map(|s| s.trim().to_string()),
                endpoint: var("SES_ENDPOINT").map(|s| s.trim().to_string()),
            }))
        }
        Some(other) => Err(invalid(
            "MAIL",
            format!("expected 'outbox' or 'ses', got '{other}'"),
        )),
    }
}
