//! A session's reviews: the average, the count and how many gave each number of stars;
//! every review as plain text; and the signed-in member's own review form.
use leptos::prelude::*;
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
    let form = if signed_in {
        view! { <ReviewForm session_id=session_id.clone() mine today/> }.into_any()
    } else {
        view! {
            <p class="review-sign-in">
                <a href=format!("/account/sign-in?next=/session/{session_id}%23reviews")>"Sign in"</a>
                " to write a review."
            </p>
        }
        .into_any()
    };
    view! {
        <section id="reviews" class="reviews" aria-labelledby="reviews-title">
            <h2 id="reviews-title" class="section-title">"Reviews"</h2>
            <RatingSummary rating/>
            {mine_hidden.then(|| view! {
                <p class="hidden-notice">"A moderator hid your review of this session. You can write it again; it stays hidden until a moderator restores it."</p>
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
    let Some(average) = rating.average() else {
        return view! { <p class="rating-summary">"No reviews yet."</p> }.into_any();
    };
    let noun = if count == 1 { "review" } else { "reviews" };
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
                {format!(" out of 5 · {count} {noun}")}
            </p>
            <ul class="rating-distribution" aria-label="Reviews by stars">{bars}</ul>
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
    view! {
        <li class="review">
            <p class="review-head">
                <span class="stars" aria-label=format!("{} out of 5 stars", review.stars)>
                    {star_glyphs(review.stars)}
                </span>
                " "
                <strong class="review-author">{review.author_name}</strong>
                " · visited "
                <time datetime=review.visited_on>{review.visited_words}</time>
                {review.edited.then_some(" · edited")}
            </p>
            // Plain text; pre-line keeps the member's line breaks. Never parsed as HTML.
            {(!review.text.is_empty()).then(|| view! { <p class="review-text">{review.text}</p> })}
            {(hidden && is_moderator).then(|| {
                let (session_id, handle) = (session_id.clone(), handle.clone());
                view! {
                    <p class="hidden-notice">"Hidden by a moderator."</p>
                    <RestoreButton session_id review=handle/>
                }
            })}
            {(signed_in && !hidden).then(|| view! {
                <ReportForm session_id review=handle label="Report this review"/>
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
    let heading = if mine.is_some() {
        "Your review"
    } else {
        "Write a review"
    };
    // Where the server sends a member back after saving or deleting (`?reviewed=1`).
    let landed = {
        let query = leptos_router::hooks::use_query_map();
        let query = query.read_untracked();
        if query.get("reviewed").is_some() {
            Some("Your review is saved.")
        } else if query.get("review_deleted").is_some() {
            Some("Your review is deleted.")
        } else {
            None
        }
    };
    let delete_form = mine.is_some().then(|| {
        let session_id = session_id.clone();
        view! {
            <PostForm
                action=DeleteReviewCall::PATH
                buttons=vec![Button::new("Delete my review", "Deleting…").secondary()]
            >
                <input type="hidden" name="session_id" value=session_id/>
            </PostForm>
        }
    });
    view! {
        <div class="review-form">
            <h3 id="your-review">{heading}</h3>
            <p role="status">{landed}</p>
            <PostForm action=SaveReviewCall::PATH buttons=vec![Button::new("Save review", "Saving…")]>
                <input type="hidden" name="session_id" value=session_id/>
                <fieldset class="star-choice">
                    <legend>"Stars"</legend>
                    {(1..=5u8)
                        .map(|n| view! {
                            <label>
                                <input type="radio" name="stars" value=n.to_string() checked=n == stars required/>
                                {format!(" {n}")}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <label for="visited_on">"When you were there"</label>
                <input id="visited_on" name="visited_on" type="date" max=today value=visited_on required/>
                <label for="review_text">"Your review (optional)"</label>
                <textarea id="review_text" name="text" rows="5" maxlength=MAX_REVIEW_CHARS.to_string()>{text}</textarea>
                <p class="hint">{format!("Plain text, up to {MAX_REVIEW_CHARS} characters.")}</p>
            </PostForm>
            {delete_form}
        </div>
    }
}
