//! Reviews: one per member per session, 1–5 stars, and the session's rating aggregate,
//! which stores keep exact by changing it in the same transaction as the review.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{FieldError, MemberId, SessionId, ValidationErrors};

/// The longest review text, in characters.
pub const MAX_REVIEW_CHARS: usize = 4000;
/// The most reviews a session page lists (newest first); the rating counts them all.
pub const MAX_REVIEWS_SHOWN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Review {
    pub session_id: SessionId,
    /// The author's member id (the identity provider's subject); never shown.
    pub author: MemberId,
    /// The author's display name when they last wrote it.
    pub author_name: String,
    pub stars: u8,
    pub visited_on: NaiveDate,
    /// Plain text; pages show it as text with its line breaks, never as HTML.
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Hidden by a moderator: not shown, and its stars leave the rating.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

impl Review {
    /// The stars this review adds to its session's rating: none while hidden.
    pub fn counted_stars(&self) -> Option<u8> {
        (!self.hidden).then_some(self.stars)
    }
}

/// A session's stars: how many reviews gave each, so the average and the distribution
/// come from one small record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Rating {
    /// `by_stars[0]` counts one-star reviews, `by_stars[4]` five-star ones.
    pub by_stars: [u64; 5],
}

impl Rating {
    pub fn count(&self) -> u64 {
        self.by_stars.iter().sum()
    }

    /// The mean of the stars, `None` before the first review.
    pub fn average(&self) -> Option<f64> {
        let count = self.count();
        let total: u64 = (1..=5).zip(self.by_stars).map(|(s, n)| s * n).sum();
        (count > 0).then(|| total as f64 / count as f64)
    }

    /// The rating a set of reviews adds up to: what the stored aggregate must equal.
    pub fn recount<'a>(reviews: impl IntoIterator<Item = &'a Review>) -> Self {
        let mut rating = Self::default();
        for review in reviews {
            rating.change(None, review.counted_stars());
        }
        rating
    }

    /// Applies one review's change of stars (`None` when it did not or does not exist).
    pub fn change(&mut self, from: Option<u8>, to: Option<u8>) {
        if let Some(stars) = from.filter(|s| (1..=5).contains(s)) {
            let slot = &mut self.by_stars[stars as usize - 1];
            *slot = slot.saturating_sub(1);
        }
        if let Some(stars) = to.filter(|s| (1..=5).contains(s)) {
            self.by_stars[stars as usize - 1] += 1;
        }
    }
}

/// What members did with a session: its rating, its newest reviews (at most
/// [`MAX_REVIEWS_SHOWN`]) and its newest revisions (at most
/// [`super::MAX_REVISIONS_SHOWN`]), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionActivity {
    pub rating: Rating,
    pub reviews: Vec<Review>,
    pub history: Vec<super::Revision>,
}

/// Newest change first (then by author), at most [`MAX_REVIEWS_SHOWN`]: how a session
/// page lists its reviews, whichever store read them.
pub fn newest_first(mut reviews: Vec<Review>) -> Vec<Review> {
    reviews.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.author.cmp(&b.author))
    });
    reviews.truncate(MAX_REVIEWS_SHOWN);
    reviews
}

/// Names one review in report and restore forms without showing who wrote it: the
/// [`ReviewHandle::LEN`] lower-case hex digits the server made. Read from a form only in
/// that shape; a session's own form sends none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReviewHandle(String);

/// What a handle we would never make reads as.
pub const UNKNOWN_REVIEW: &str = "That review is not there any more.";

impl ReviewHandle {
    pub const LEN: usize = 16;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReviewHandle {
    type Error = &'static str;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let hex = text.len() == Self::LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hex {
            Ok(Self(text))
        } else {
            Err(UNKNOWN_REVIEW)
        }
    }
}

impl From<ReviewHandle> for String {
    fn from(handle: ReviewHandle) -> Self {
        handle.0
    }
}

/// What a member typed into the review form, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub stars: String,
    pub visited_on: String,
    pub text: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReview {
    pub stars: u8,
    pub visited_on: NaiveDate,
    pub text: String,
}

impl ReviewDraft {
    /// Checks every field against `today` (the visit cannot be later than tomorrow, to
    /// allow for time zones); returns every problem at once.
    pub fn check(&self, today: NaiveDate) -> Result<CheckedReview, ValidationErrors> {
        let mut errors = Vec::new();
        let mut problem = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let stars = match self.stars.trim().parse::<u8>() {
            Ok(stars) if (1..=5).contains(&stars) => stars,
            _ => {
                problem("stars", crate::t!(crate::i18n::use_lang(), "error-stars"));
                0
            }
        };
        let visited_on = match NaiveDate::parse_from_str(self.visited_on.trim(), "%Y-%m-%d") {
            Ok(date) if date > today + chrono::Days::new(1) => {
                problem(
                    "visited_on",
                    crate::t!(crate::i18n::use_lang(), "error-visit-future"),
                );
                None
            }
            Ok(date) if date < NaiveDate::from_ymd_opt(1950, 1, 1).expect("a real date") => {
                problem(
                    "visited_on",
                    crate::t!(crate::i18n::use_lang(), "error-visit-old"),
                );
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                problem(
                    "visited_on",
                    crate::t!(crate::i18n::use_lang(), "error-visit-date"),
                );
                None
            }
        };
        let text = normalise_text(&self.text);
        let chars = text.chars().count();
        if chars > MAX_REVIEW_CHARS {
            problem(
                "text",
                crate::t!(
                    crate::i18n::use_lang(),
                    "error-review-long",
                    max = MAX_REVIEW_CHARS,
                    chars = chars
                ),
            );
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            problem(
                "text",
                crate::t!(crate::i18n::use_lang(), "error-review-chars"),
            );
        }
        match (errors.is_empty(), visited_on) {
            (true, Some(visited_on)) => Ok(CheckedReview {
                stars,
                visited_on,
                text,
            }),
            _ => Err(ValidationErrors(errors)),
        }
    }
}

/// Line breaks as `\n`, no trailing spaces on lines, no blank lines at either end.
fn normalise_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn draft(stars: &str, visited_on: &str, text: &str) -> ReviewDraft {
        ReviewDraft {
            stars: stars.into(),
            visited_on: visited_on.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_good_draft_is_kept_with_its_line_breaks() {
        let checked = draft(
            "4",
            "2026-11-20",
            "Great tunes.\r\n\r\nBring a bodhrán?  \n",
        )
        .check(day("2026-11-22"))
        .unwrap();
        assert_eq!(checked.stars, 4);
        assert_eq!(checked.visited_on, day("2026-11-20"));
        assert_eq!(checked.text, "Great tunes.\n\nBring a bodhrán?");
        assert!(
            draft("5", "2026-11-20", "")
                .check(day("2026-11-22"))
                .is_ok(),
            "text is optional"
        );
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let err = draft("6", "2027-01-01", &"x".repeat(MAX_REVIEW_CHARS + 1))
            .check(day("2026-11-22"))
            .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["stars", "visited_on", "text"]);
        assert!(err.0[2].message.contains("4001"), "{err}");
        for (stars, date, message) in [
            ("0", "2026-11-20", "1 to 5 stars"),
            ("three", "2026-11-20", "1 to 5 stars"),
            ("3", "20/11/2026", "year-month-day"),
            ("3", "1900-01-01", "too long ago"),
        ] {
            let err = draft(stars, date, "").check(day("2026-11-22")).unwrap_err();
            assert!(err.to_string().contains(message), "{stars} {date}: {err}");
        }
        let control = draft("3", "2026-11-20", "bell\u{7}").check(day("2026-11-22"));
        assert!(control.is_err());
        assert!(
            draft("3", "2026-11-23", "")
                .check(day("2026-11-22"))
                .is_ok(),
            "tomorrow is allowed: time zones"
        );
    }

    #[test]
    fn the_rating_follows_each_change() {
        let mut rating = Rating::default();
        assert_eq!(rating.average(), None);
        rating.change(None, Some(5));
        rating.change(None, Some(4));
        rating.change(None, Some(4));
        rating.change(Some(4), Some(1));
        assert_eq!(rating.by_stars, [1, 0, 0, 1, 1]);
        assert_eq!(rating.count(), 3);
        assert!((rating.average().unwrap() - 10.0 / 3.0).abs() < 1e-9);
        rating.change(Some(5), None);
        assert_eq!(rating.count(), 2);
        assert_eq!(rating.average(), Some(2.5));
    }
}
