//! `server export` and `server import`: every entity as JSON lines, so data moves between
//! stores (embedded ↔ DynamoDB) and into backups. One line per entity, tagged by kind, so
//! reviews and accounts can join later without changing the format.
use std::io::{BufRead, Write};

use app::model::{Review, Session};
use app::store::{PageRequest, Store, StoreError, MAX_PAGE_SIZE};
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Entity {
    Session(Box<Session>),
    /// Written after its session, so an import meets the session first.
    Review(Review),
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the export: {0}")]
    Write(std::io::Error),
    #[error("cannot read the import: {0}")]
    Read(std::io::Error),
    #[error("line {line} is not a Seisiún export line ({message}); nothing was imported")]
    BadLine { line: usize, message: String },
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: usize,
    /// Already in the store exactly as in the file.
    pub unchanged: usize,
    /// In the store with other contents: kept as they are (the store's copy may be newer).
    pub kept_different: usize,
}

/// Writes every session, by name, each followed by its reviews, one JSON line per
/// entity; returns how many lines.
pub async fn export(
    store: &dyn Store,
    out: &mut impl Write,
    progress: &ProgressBar,
) -> Result<usize, TransferError> {
    let mut written = 0;
    let mut write = |entity: Entity| -> Result<(), TransferError> {
        let line = serde_json::to_string(&entity).map_err(|e| TransferError::Write(e.into()))?;
        writeln!(out, "{line}").map_err(TransferError::Write)?;
        written += 1;
        progress.inc(1);
        Ok(())
    };
    let mut cursor = None;
    loop {
        let page = store
            .list_sessions(PageRequest {
                limit: MAX_PAGE_SIZE,
                cursor,
            })
            .await?;
        for session in page.items {
            let id = session.id.clone();
            write(Entity::Session(Box::new(session)))?;
            let mut review_cursor = None;
            loop {
                let reviews = store
                    .session_reviews(
                        &id,
                        PageRequest {
                            limit: MAX_PAGE_SIZE,
                            cursor: review_cursor,
                        },
                    )
                    .await?;
                for review in reviews.items {
                    write(Entity::Review(review))?;
                }
                review_cursor = reviews.next_cursor;
                if review_cursor.is_none() {
                    break;
                }
            }
        }
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    out.flush().map_err(TransferError::Write)?;
    Ok(written)
}

/// Reads every line first — a bad one stops the import before anything is written — then
/// adds each entity that is not in the store yet. Running it twice adds nothing the
/// second time.
pub async fn import(
    store: &dyn Store,
    input: impl BufRead,
    progress: &ProgressBar,
) -> Result<ImportReport, TransferError> {
    let mut entities = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let line = line.map_err(TransferError::Read)?;
        if line.trim().is_empty() {
            continue;
        }
        let bad_line = |message: String| TransferError::BadLine {
            line: index + 1,
            message,
        };
        let entity: Entity = serde_json::from_str(&line).map_err(|e| bad_line(e.to_string()))?;
        checked(&entity).map_err(bad_line)?;
        entities.push(entity);
    }
    progress.set_length(entities.len() as u64);
    let mut report = ImportReport::default();
    for entity in entities {
        match entity {
            Entity::Session(session) => match store.create_session(&session, None).await {
                Ok(()) => report.created += 1,
                Err(StoreError::AlreadyExists(id)) => {
                    if store.get_session(&id).await?.as_ref() == Some(session.as_ref()) {
                        report.unchanged += 1;
                    } else {
                        report.kept_different += 1;
                    }
                }
                Err(other) => return Err(other.into()),
            },
            Entity::Review(review) => {
                match store.review_by(&review.session_id, &review.author).await? {
                    None => {
                        store.put_review(&review).await?;
                        // Hidden is the moderators' hold, which put_review never sets.
                        if review.hidden {
                            store
                                .set_review_hidden(&review.session_id, &review.author, true)
                                .await?;
                        }
                        report.created += 1;
                    }
                    Some(stored) if stored == review => report.unchanged += 1,
                    Some(_) => report.kept_different += 1,
                }
            }
        }
        progress.inc(1);
    }
    Ok(report)
}

/// What the site's own forms would refuse is refused here too: a file is no way around
/// the rules (a `javascript:` website would render as a live link).
fn checked(entity: &Entity) -> Result<(), String> {
    use app::model::{SessionId, MAX_REVIEW_CHARS};
    match entity {
        Entity::Session(session) => {
            if SessionId::parse(session.id.as_str()).is_none() {
                return Err(format!(
                    "the session id '{}' is not one we make (a-z, 0-9 and '-', at most 64)",
                    session.id.as_str().escape_debug()
                ));
            }
            session.validate().map_err(|e| e.to_string())?;
            app::model::occurrence::parse_time_zone(&session.time_zone)
                .map(|_| ())
                .map_err(|_| format!("'{}' is not a time zone we know", session.time_zone))
        }
        Entity::Review(review) => {
            let mut problems = Vec::new();
            if SessionId::parse(review.session_id.as_str()).is_none() {
                problems.push("the review's session id is not one we make".to_string());
            }
            if !(1..=5).contains(&review.stars) {
                problems.push(format!("stars must be 1 to 5, not {}", review.stars));
            }
            let chars = review.text.chars().count();
            if chars > MAX_REVIEW_CHARS {
                problems.push(format!(
                    "the text has {chars} characters, over {MAX_REVIEW_CHARS}"
                ));
            }
            if review.author.as_str().trim().is_empty() || review.author.as_str().len() > 128 {
                problems.push("the author must be a member id".to_string());
            }
            if review.author_name.trim().is_empty() || review.author_name.chars().count() > 60 {
                problems.push("the author's name must be 1 to 60 characters".to_string());
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        }
    }
}
