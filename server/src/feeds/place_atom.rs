//! `/feeds/places/{country}/{area}/{town}.atom`: one place's sessions as an Atom feed,
//! newest change first, so anyone can follow a town in a feed reader without an account.
//! An entry's `updated` moves when the session is edited, so readers show changes too.
use app::model::{PlacePath, Session};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::atom::{atom_feed_of, FeedHead, FEED_SIZE};
use super::{document, plain, store_failure, ATOM};

/// The most sessions of the place read to find its newest changes (a whole country may
/// have more; its feed then covers the first this many by area, town and name).
pub const PLACE_FEED_READ: usize = 1_000;

/// As the site's feed: readers poll often, and news should not wait an hour.
const MAX_AGE: u32 = 900;

/// The place a feed path names (`ie/clare/doolin.atom`), never the world.
pub fn place_of(path: &str) -> Option<PlacePath> {
    let key = path.strip_suffix(".atom")?;
    PlacePath::from_segments(&key.split('/').collect::<Vec<_>>()).filter(|p| *p != PlacePath::World)
}

/// The place's sessions, newest change first, at most [`FEED_SIZE`]; ended one-offs left out.
pub fn newest_changes(
    mut sessions: Vec<Session>,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<Session> {
    sessions.retain(|s| s.is_listed() && !app::model::occurrence::is_over(s, now));
    sessions.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    sessions.truncate(FEED_SIZE);
    sessions
}

pub(super) async fn serve_place_feed(
    State(app): State<AppState>,
    Path(path): Path<String>,
) -> Response {
    let Some(place) = place_of(&path) else {
        return plain(
            StatusCode::NOT_FOUND,
            "No such place feed. Feeds are at /feeds/places/{country}/{area}/{town}.atom.\n",
        );
    };
    let trail = match app.store.place_trail(&place).await {
        Ok(Some(trail)) => trail,
        Ok(None) => {
            return plain(
                StatusCode::NOT_FOUND,
                "No sessions are listed in that place.\n",
            )
        }
        Err(err) => return store_failure("place feed", err),
    };
    let sessions = match app::store::sessions_in_place_up_to(
        app.store.as_ref(),
        &place,
        PLACE_FEED_READ,
    )
    .await
    {
        Ok(sessions) => sessions,
        Err(err) => return store_failure("place feed", err),
    };
    let name = trail
        .iter()
        .rev()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let title = format!("Seisiún — sessions in {name}");
    let self_path = place.feed_href();
    let page_path = place.href();
    let head = FeedHead {
        self_path: &self_path,
        title: &title,
        page_path: &page_path,
    };
    let sessions = newest_changes(sessions, chrono::Utc::now());
    document(ATOM, MAX_AGE, atom_feed_of(&app.site_url, &head, &sessions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_paths_name_a_place_and_nothing_else() {
        assert_eq!(
            place_of("ie/clare/doolin.atom").map(|p| p.key()),
            Some("ie/clare/doolin".into())
        );
        assert_eq!(place_of("ie.atom").map(|p| p.key()), Some("ie".into()));
        assert_eq!(place_of(".atom"), None);
        assert_eq!(place_of("ie/clare/doolin"), None);
        assert_eq!(place_of("ie/../x.atom"), None);
        assert_eq!(place_of("ie/a/b/c.atom"), None);
    }
}
