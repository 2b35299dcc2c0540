//! Sending email: the port ([`Mailer`]) and its two adapters, the local outbox (a
//! directory a developer reads on `/account/outbox`) and Amazon SES.
pub mod outbox;
pub mod ses;

use async_trait::async_trait;

/// One message to one member.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe link (RFC 8058): sent as `List-Unsubscribe` with
    /// `List-Unsubscribe-Post`, so mail apps offer their own button, and in the body.
    pub unsubscribe_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// This message will not go (an address refused or suppressed after bounces):
    /// trying again will not help.
    #[error("the message was refused: {0}")]
    Refused(String),
    /// The mail service is not taking messages just now; a later run may succeed.
    #[error("the mail service is unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &Email) -> Result<(), MailError>;
}

/// The headers every digest carries for mail apps' own unsubscribe button.
pub fn unsubscribe_headers(email: &Email) -> [(&'static str, String); 2] {
    [
        ("List-Unsubscribe", format!("<{}>", email.unsubscribe_url)),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
    ]
}
