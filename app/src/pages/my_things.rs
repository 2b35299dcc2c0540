//! The member's own lists on `/account`: bookmarks, their reviews, the sessions they
//! added, and the private calendar link of their bookmarks.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::follow::{ShownFollow, UnfollowCall};
use crate::api::member::{my_things, MyReview, MyThings, NewFeedLinkCall, TurnOffFeedCall};
use crate::components::{Button, PostForm, SessionCard};
use crate::model::ListedSession;
use crate::t;

#[component]
pub fn MyThingsSection() -> impl IntoView {
    let things = Resource::new(|| (), |_| my_things());
    let lang = crate::i18n::use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading-lists")}</p> }>
            {move || Suspend::new(async move {
                match things.await {
                    Ok(things) => view! { <MyThingsView things/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionList(
    sessions: Vec<ListedSession>,
    title: String,
    id: &'static str,
    empty: String,
) -> impl IntoView {
    view! {
        <section class="my-list" aria-labelledby=id>
            <h2 id=id class="section-title">{title}</h2>
            {if sessions.is_empty() {
                view! { <p class="empty">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list">
                        {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn MyThingsView(things: MyThings) -> impl IntoView {
    let MyThings {
        bookmarks,
        reviews,
        added,
        feed_url,
        follows,
    } = things;
    let has_feed = feed_url.is_some();
    let lang = crate::i18n::use_lang();
    view! {
        <SessionList sessions=bookmarks title=t!(lang, "your-bookmarks") id="bookmarks"
            empty=t!(lang, "no-bookmarks")/>
        <Following follows/>
        <section class="my-list" aria-labelledby="calendar">
            <h2 id="calendar" class="section-title">{t!(lang, "bookmarks-calendar")}</h2>
            <p>{t!(lang, "bookmarks-calendar-explain")}</p>
            {feed_url.map(|url| view! {
                <p><input class="feed-url" readonly value=url.clone() aria-label=t!(lang, "private-calendar-link")/></p>
                <p><a class="button secondary" href=url.replacen("https://", "webcal://", 1)>{t!(lang, "subscribe")}</a></p>
            })}
            <PostForm action=NewFeedLinkCall::PATH buttons=vec![Button::new(
                if has_feed { t!(lang, "new-calendar-link") } else { t!(lang, "make-calendar-link") },
                t!(lang, "making-link"),
            )]>
                ""
            </PostForm>
            {has_feed.then(|| view! {
                <PostForm action=TurnOffFeedCall::PATH buttons=vec![
                    Button::new(t!(lang, "turn-link-off"), t!(lang, "turning-off")).secondary(),
                ]>
                    ""
                </PostForm>
            })}
        </section>
        <section class="my-list" aria-labelledby="my-reviews">
            <h2 id="my-reviews" class="section-title">{t!(lang, "your-reviews")}</h2>
            {if reviews.is_empty() {
                view! { <p class="empty">{t!(lang, "no-reviews-yours")}</p> }.into_any()
            } else {
                view! {
                    <ul class="my-reviews">
                        {reviews.into_iter().map(|r| view! { <MyReviewItem review=r/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <SessionList sessions=added title=t!(lang, "sessions-you-added") id="added"
            empty=t!(lang, "no-sessions-added")/>
    }
}

#[component]
fn MyReviewItem(review: MyReview) -> impl IntoView {
    let MyReview {
        session_name,
        session_href,
        review,
    } = review;
    let lang = crate::i18n::use_lang();
    view! {
        <li class="review">
            <p class="review-head">
                <a href=lang.path(&format!("{session_href}#reviews"))>{session_name}</a>
                {format!(
                    " · {} · {} {}",
                    t!(lang, "stars-of-5", stars = review.stars),
                    t!(lang, "visited"),
                    review.visited_words
                )}
            </p>
            {(!review.text.is_empty()).then(|| view! { <p class="review-text">{review.text}</p> })}
        </li>
    }
}

/// What the member follows, each with how often and a button that stops it.
#[component]
fn Following(follows: Vec<ShownFollow>) -> impl IntoView {
    let followed = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("followed")
        .is_some();
    let lang = crate::i18n::use_lang();
    view! {
        <section class="my-list" aria-labelledby="following">
            <h2 id="following" class="section-title">{t!(lang, "places-you-follow")}</h2>
            {followed.then(|| view! {
                <p role="status">{t!(lang, "followed")}</p>
            })}
            {if follows.is_empty() {
                view! { <p class="empty">{t!(lang, "no-follows")}</p> }.into_any()
            } else {
                view! {
                    <ul class="follows">
                        {follows.into_iter().map(|f| view! {
                            <li class="followed">
                                <a href=lang.path(&f.href)>{f.label}</a>
                                " · "{t!(lang, "emailed", cadence = f.cadence.slug())}
                                <PostForm action=UnfollowCall::PATH class="unfollow-form" buttons=vec![
                                    Button::new(t!(lang, "stop"), t!(lang, "stopping")).secondary(),
                                ]>
                                    <input type="hidden" name="id" value=f.id/>
                                </PostForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
