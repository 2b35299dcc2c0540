//! The member's own lists on `/account`: bookmarks, their reviews, the sessions they
//! added, and the private calendar link of their bookmarks.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::follow::{ShownFollow, UnfollowCall};
use crate::api::member::{my_things, MyReview, MyThings, NewFeedLinkCall, TurnOffFeedCall};
use crate::components::{Button, PostForm, SessionCard};
use crate::model::ListedSession;

#[component]
pub fn MyThingsSection() -> impl IntoView {
    let things = Resource::new(|| (), |_| my_things());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading your lists…"</p> }>
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
    title: &'static str,
    id: &'static str,
    empty: &'static str,
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
    view! {
        <SessionList sessions=bookmarks title="Your bookmarks" id="bookmarks"
            empty="No bookmarks yet: press “Bookmark” on a session’s page."/>
        <Following follows/>
        <section class="my-list" aria-labelledby="calendar">
            <h2 id="calendar" class="section-title">"Your bookmarks in your calendar"</h2>
            <p>"A private link your phone’s calendar can subscribe to. Anyone with the link can see your bookmarks, so keep it to yourself; make a new one at any time and the old one stops working."</p>
            {feed_url.map(|url| view! {
                <p><input class="feed-url" readonly value=url.clone() aria-label="Your private calendar link"/></p>
                <p><a class="button secondary" href=url.replacen("https://", "webcal://", 1)>"Subscribe"</a></p>
            })}
            <PostForm action=NewFeedLinkCall::PATH buttons=vec![Button::new(
                if has_feed { "Make a new link (the old one stops working)" } else { "Make my calendar link" },
                "Making the link…",
            )]>
                ""
            </PostForm>
            {has_feed.then(|| view! {
                <PostForm action=TurnOffFeedCall::PATH buttons=vec![
                    Button::new("Turn the link off", "Turning it off…").secondary(),
                ]>
                    ""
                </PostForm>
            })}
        </section>
        <section class="my-list" aria-labelledby="my-reviews">
            <h2 id="my-reviews" class="section-title">"Your reviews"</h2>
            {if reviews.is_empty() {
                view! { <p class="empty">"You have not reviewed a session yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="my-reviews">
                        {reviews.into_iter().map(|r| view! { <MyReviewItem review=r/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <SessionList sessions=added title="Sessions you added" id="added"
            empty="You have not added a session yet."/>
    }
}

#[component]
fn MyReviewItem(review: MyReview) -> impl IntoView {
    let MyReview {
        session_name,
        session_href,
        review,
    } = review;
    view! {
        <li class="review">
            <p class="review-head">
                <a href=format!("{session_href}#reviews")>{session_name}</a>
                {format!(" · {} out of 5 · visited {}", review.stars, review.visited_words)}
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
    view! {
        <section class="my-list" aria-labelledby="following">
            <h2 id="following" class="section-title">"Places you follow"</h2>
            {followed.then(|| view! {
                <p role="status">"Followed. You will get an email when sessions there are added, change or may have stopped."</p>
            })}
            {if follows.is_empty() {
                view! { <p class="empty">"You follow no places yet: press “Email me about new sessions” on a town’s page or on near me."</p> }.into_any()
            } else {
                view! {
                    <ul class="follows">
                        {follows.into_iter().map(|f| view! {
                            <li class="followed">
                                <a href=f.href>{f.label}</a>
                                {format!(" · emailed {}", f.cadence.words())}
                                <PostForm action=UnfollowCall::PATH class="unfollow-form" buttons=vec![
                                    Button::new("Stop", "Stopping…").secondary(),
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
