//! The local outbox: each message "sent" is a JSON file in `{data dir}/outbox`, so a
//! developer (and the browser tests) can read it on `/account/outbox`, whichever process
//! sent it (`server digest` or the running site).
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Email, MailError, Mailer};

/// How many messages the outbox page shows.
pub const SHOWN: usize = 20;

#[derive(Debug, Clone)]
pub struct LocalOutbox {
    dir: PathBuf,
}

/// A message in the outbox and when it was "sent".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sent {
    pub at: DateTime<Utc>,
    pub email: Email,
    /// The headers a real message would carry.
    pub headers: Vec<(String, String)>,
}

impl LocalOutbox {
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("outbox"),
        }
    }

    /// The newest messages first, at most `limit`; none when nothing was sent yet.
    pub fn newest(&self, limit: usize) -> std::io::Result<Vec<Sent>> {
        let mut names: Vec<PathBuf> = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        // Names start with the time, so they sort as it.
        names.sort_unstable_by(|a, b| b.cmp(a));
        Ok(names
            .into_iter()
            .take(limit)
            .filter_map(|path| {
                let bytes = std::fs::read(&path).ok()?;
                serde_json::from_slice(&bytes).ok()
            })
            .collect())
    }
}

#[async_trait]
impl Mailer for LocalOutbox {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let at = Utc::now();
        let sent = Sent {
            at,
            email: email.clone(),
            headers: super::unsubscribe_headers(email)
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect(),
        };
        let name = format!(
            "{}-{}.json",
            at.format("%Y%m%dT%H%M%S%.9fZ"),
            uuid::Uuid::new_v4().simple()
        );
        let body =
            serde_json::to_vec_pretty(&sent).map_err(|e| MailError::Refused(e.to_string()))?;
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&dir)?;
            // Written whole, then renamed: the outbox page never reads half a message.
            let part = dir.join(format!("{name}.part"));
            std::fs::write(&part, body)?;
            std::fs::rename(&part, dir.join(name))
        })
        .await
        .map_err(|e| MailError::Unavailable(e.to_string()))?
        .map_err(|e| MailError::Unavailable(format!("cannot write to the outbox: {e}")))?;
        tracing::info!(to = %email.to, subject = %email.subject, "local outbox: message kept");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(subject: &str) -> Email {
        Email {
            to: "aoife@example.org".into(),
            subject: subject.into(),
            text: "text".into(),
            html: "<p>html</p>".into(),
            unsubscribe_url: "https://seisiun.example/alerts/stop?f=x".into(),
        }
    }

    #[tokio::test]
    async fn messages_read_back_newest_first_with_their_unsubscribe_headers() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = LocalOutbox::in_data_dir(dir.path());
        assert!(outbox.newest(SHOWN).unwrap().is_empty());
        outbox.send(&email("first")).await.unwrap();
        outbox.send(&email("second")).await.unwrap();
        let sent = outbox.newest(SHOWN).unwrap();
        let subjects: Vec<_> = sent.iter().map(|s| s.email.subject.as_str()).collect();
        assert_eq!(subjects, ["second", "first"]);
        assert!(sent[0].headers.contains(&(
            "List-Unsubscribe".to_string(),
            "<https://seisiun.example/alerts/stop?f=x>".to_string()
        )));
        assert_eq!(outbox.newest(1).unwrap().len(), 1);
    }
}
