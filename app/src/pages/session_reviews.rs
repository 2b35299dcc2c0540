//! A session's reviews: the average, the count and how many gave each number of stars;
//! every review as plain text; and the signed-in member's own review form.
use leptos::prelude::*;

use crate::t;
use leptos::server_fn::ServerFn;

use super::session_actions::{ReportForm, RestoreButton};
use crate::api::review::{DeleteReviewCall, ReviewSection, SaveReviewCall, ShownReview};
use crate::components::{Button, PostForm};
use crate::model::{Rating, MAX_REVIEW_CHARS};

/// "★★★★☆": stars for people who see them; the number is in the text beside.
fn star_glyphs(stars: u8) -> String {
    (1..=5)
        .map(|n| if n <= stars { '★' } else { '☆' })
        .collect()
}

#[component]
pub fn ReviewsSection(
    session_id: String,
    section: ReviewSection,
    is_moderator: bool,
) -> impl IntoView {
    let ReviewSection {
        rating,
        reviews,
        signed_in,
        mine,
        mine_hidden,
        today,
    } = section;
    let lang = crate::i18n::use_lang();
    let form = if signed_in {
        view! { <ReviewForm session_id=session_id.clone() mine today/> }.into_any()
    } else {
        view! {
            <p class="review-sign-in">
                <a href=lang.path(&format!("/account/sign-in?next={}%23reviews", lang.path(&format!("/session/{session_id}"))))>{t!(lang, "nav-sign-in")}</a>
                " "{t!(lang, "to-write-a-review")}
            </p>
        }
        .into_any()
    };
    view! {
        <section id="reviews" class="reviews" aria-labelledby="reviews-title">
            <h2 id="reviews-title" class="section-title">{t!(lang, "reviews")}</h2>
            <RatingSummary rating/>
            {mine_hidden.then(|| view! {
                <p class="hidden-notice">{t!(lang, "your-review-hidden")}</p>
            })}
            {form}
            <ol class="review-list">
                {reviews
                    .into_iter()
                    .map(|review| {
                        let session_id = session_id.clone();
                        view! { <ReviewItem review session_id signed_in is_moderator/> }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn RatingSummary(rating: Rating) -> impl IntoView {
    let count = rating.count();
    let lang = crate::i18n::use_lang();
    let Some(average) = rating.average() else {
        return view! { <p class="rating-summary">{t!(lang, "no-reviews")}</p> }.into_any();
    };
    let bars = (1..=5u8)
        .rev()
        .map(|stars| {
            let n = rating.by_stars[stars as usize - 1];
            let percent = 100 * n / count;
            view! {
                <li>
                    <span class="rating-bar-label">{format!("{stars} ★")}</span>
                    <svg class="rating-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                        <rect width=percent height="1"></rect>
                    </svg>
                    <span class="rating-bar-count">{n}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rating-summary">
            <p>
                <span class="stars" aria-hidden="true">{star_glyphs(average.round() as u8)}</span>
                " "
                <strong class="rating-average">{format!("{average:.1}")}</strong>
                " "{t!(lang, "rating-out-of", count = count)}
            </p>
            <ul class="rating-distribution" aria-label=t!(lang, "reviews-by-stars")>{bars}</ul>
        </div>
    }
    .into_any()
}

#[component]
fn ReviewItem(
    review: ShownReview,
    session_id: String,
    signed_in: bool,
    is_moderator: bool,
) -> impl IntoView {
    let handle = review.handle.clone();
    let hidden = review.hidden;
    let lang = crate::i18n::use_lang();
    view! {
        <li class="review">
            <p class="review-head">
                <span class="stars" aria-label=t!(lang, "stars-of-5", stars = review.stars)>
                    {star_glyphs(review.stars)}
                </span>
                " "
                <strong class="review-author">{review.author_name}</strong>
                " · "{t!(lang, "visited")}" "
                <time datetime=review.visited_on>{review.visited_words}</time>
                {review.edited.then(|| format!(" · {}", t!(lang, "edited")))}
            </p>
            // Plain text; pre-line keeps the member's line breaks. Never parsed as HTML.
            {(!review.text.is_empty()).then(|| view! { <p class="review-text">{review.text}</p> })}
            {(hidden && is_moderator).then(|| {
                let (session_id, handle) = (session_id.clone(), handle.clone());
                view! {
                    <p class="hidden-notice">{t!(lang, "hidden-by-moderator")}</p>
                    <RestoreButton session_id review=handle/>
                }
            })}
            {(signed_in && !hidden).then(|| view! {
                <ReportForm session_id review=handle label=t!(lang, "report-review")/>
            })}
        </li>
    }
}

#[component]
fn ReviewForm(session_id: String, mine: Option<ShownReview>, today: String) -> impl IntoView {
    let stars = mine.as_ref().map_or(0, |m| m.stars);
    let visited_on = mine
        .as_ref()
        .map_or_else(|| today.clone(), |m| m.visited_on.clone());
    let text = mine.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    let lang = crate::i18n::use_lang();
    let heading = if mine.is_some() {
        t!(lang, "your-review")
    } else {
        t!(lang, "write-review")
    };
    // Where the server sends a member back after saving or deleting (`?reviewed=1`).
    let landed = {
        let query = leptos_router::hooks::use_query_map();
        let query = query.read_untracked();
        if query.get("reviewed").is_some() {
            Some(t!(lang, "review-saved"))
        } else if query.get("review_deleted").is_some() {
            Some(t!(lang, "review-deleted"))
        } else {
            None
        }
    };
    let delete_form = mine.is_some().then(|| {
        let session_id = session_id.clone();
        view! {
            <PostForm
                action=DeleteReviewCall::PATH
                buttons=vec![Button::new(t!(lang, "delete-review"), t!(lang, "deleting")).secondary()]
            >
                <input type="hidden" name="session_id" value=session_id/>
            </PostForm>
        }
    });
    view! {
        <div class="review-form">
            <h3 id="your-review">{heading}</h3>
            <p role="status">{landed}</p>
            <PostForm action=SaveReviewCall::PATH buttons=vec![Button::new(t!(lang, "save-review"), t!(lang, "saving"))]>
                <input type="hidden" name="session_id" value=session_id/>
                <fieldset class="star-choice">
                    <legend>{t!(lang, "stars")}</legend>
                    {(1..=5u8)
                        .map(|n| view! {
                            <label>
                                <input type="radio" name="stars" value=n.to_string() checked=n == stars required/>
                                {format!(" {n}")}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <label for="visited_on">{t!(lang, "when-you-were-there")}</label>
                <input id="visited_on" name="visited_on" type="date" max=today value=visited_on required/>
                <label for="review_text">{t!(lang, "your-review-optional")}</label>
                <textarea id="review_text" name="text" rows="5" maxlength=MAX_REVIEW_CHARS.to_string()>{text}</textarea>
                <p class="hint">{t!(lang, "plain-text-up-to", max = MAX_REVIEW_CHARS)}</p>
            </PostForm>
            {delete_form}
        </div>
    }
}
