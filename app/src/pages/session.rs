use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{session_detail, SessionDetail, ShownRevision};
use crate::components::{Breadcrumbs, MissingNotice, PageMeta, SessionMap, ShareButton};
use crate::model::SessionStatus;

use super::session_actions::{BookmarkButton, ReportForm, RestoreButton};
use super::session_reviews::ReviewsSection;
use crate::api::confirm::ConfirmSessionCall;
use crate::components::{Button, PostForm};
use leptos::server_fn::ServerFn;

/// `/session/{id}`: everything a musician needs to turn up — where, when, what kind.
#[component]
pub fn SessionPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        session_detail,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <SessionView detail/> }.into_any(),
                    Err(err) => view! {
                        <MissingNotice
                            title="Session not found"
                            heading="Session not found"
                            message=err.message
                            back_href="/sessions"
                            back_label="Browse sessions by place"
                        />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionView(detail: SessionDetail) -> impl IntoView {
    let SessionDetail {
        session,
        trail,
        upcoming,
        canonical_url,
        json_ld,
        map_tiles,
        reviews,
        possibly_stale,
        is_over,
        bookmarked,
        can_edit,
        history,
        is_moderator,
    } = detail;
    let description = format!(
        "{} at {}, {}. {}",
        session.name,
        session.venue.name,
        session.place_line(),
        session.schedule_line()
    );
    let schedules: Vec<String> = session.schedules.iter().map(|s| s.describe()).collect();
    let status = match &session.status {
        _ if is_over => Some(format!(
            "This event is over: it was on {}.",
            schedules.join(" and ")
        )),
        SessionStatus::Active => None,
        SessionStatus::Paused => Some("This session is paused for now.".to_string()),
        SessionStatus::Closed { reason } => Some(format!("This session has closed: {reason}")),
    };
    let address = [
        session.address.as_str(),
        &session.town,
        &session.area,
        &session.country.name,
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let directions = session.point.map(|p| {
        format!(
            "https://www.openstreetmap.org/directions?route=%3B{:.5}%2C{:.5}",
            p.lat, p.lng
        )
    });
    let map_href = session.point.map(|p| {
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lng:.5}#map=17/{lat:.5}/{lng:.5}",
            lat = p.lat,
            lng = p.lng
        )
    });
    let calendar_href = format!("/session/{}/calendar.ics", session.id);
    let venue = session.venue.clone();
    let tags = session.tags.clone();
    let confirmed = session
        .last_confirmed
        .map(|d| format!("Last confirmed running on {}.", d.format("%-d %B %Y")));
    let title = session.name.clone();

    view! {
        <PageMeta title=title.clone() description canonical_url=canonical_url.clone() json_ld/>

        <Breadcrumbs trail=trail.clone()/>
        <article class="session-detail">
            <h1>{title.clone()}</h1>
            {session.hidden.then(|| view! {
                <div class="hidden-notice" role="status">
                    <p>"Hidden by a moderator: only moderators can see this page."</p>
                    <RestoreButton session_id=session.id.to_string()/>
                </div>
            })}
            {can_edit.then(|| view! {
                <p><a class="button secondary" href=format!("/session/{}/edit", session.id)>"Edit this session"</a></p>
            })}
            {status.map(|s| view! { <p class="session-status" role="status">{s}</p> })}
            {view! {
            <section aria-labelledby="where">
                <h2 id="where" class="section-title">"Where"</h2>
                <p class="session-venue">{venue.name.clone()}</p>
                <p class="session-address">{address}</p>
                {venue.phone.clone().map(|phone| view! {
                    <p><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
                })}
                {venue.email.clone().map(|email| view! {
                    <p><a href=format!("mailto:{email}")>{email.clone()}</a></p>
                })}
                {venue.website.clone().map(|site| view! {
                    <p><a href=site.clone() rel="nofollow noopener">"Venue website"</a></p>
                })}
                {directions.map(|route| view! {
                    <p class="actions">
                        <a class="button secondary" href=route>"Directions"</a>
                    </p>
                })}
                {session.point.zip(map_href).map(|(point, map_href)| view! {
                    <SessionMap point tiles=map_tiles map_href/>
                })}
            </section>
            }.into_any()}
            {view! {
            <section aria-labelledby="when">
                <h2 id="when" class="section-title">"When"</h2>
                <ul class="schedules">
                    {schedules.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
                <p class="time-zone">{format!("Times are local ({}).", session.time_zone)}</p>
                {(!upcoming.is_empty()).then(|| view! {
                    <h3>"Next dates"</h3>
                    <ul class="upcoming">
                        {upcoming
                            .into_iter()
                            .map(|d| view! { <li><time datetime=d.iso>{d.when}</time></li> })
                            .collect_view()}
                    </ul>
                })}
                <p class="actions">
                    <a class="button" href=calendar_href download>"Add to calendar"</a>
                    <ShareButton url=canonical_url.clone()/>
                </p>
                {bookmarked.map(|bookmarked| view! {
                    <BookmarkButton session_id=session.id.to_string() bookmarked/>
                })}
            </section>
            }.into_any()}
            {(!tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label="Tags">
                    {tags.into_iter().map(|t| view! { <li class="tag">{t.label()}</li> }).collect_view()}
                </ul>
            })}
            {(!session.description.is_empty()).then(|| view! {
                <section aria-labelledby="about">
                    <h2 id="about" class="section-title">"About"</h2>
                    // Plain text; pre-line keeps the member's line breaks. Never parsed as HTML.
                    <p class="description">{session.description.clone()}</p>
                </section>
            })}
            <Freshness
                session_id=session.id.to_string()
                confirmed
                possibly_stale
                signed_in=reviews.signed_in
            />
            {reviews.signed_in.then(|| view! {
                <ReportForm session_id=session.id.to_string() label="Report a problem with this session"/>
            })}
            <ReviewsSection session_id=session.id.to_string() section=reviews is_moderator/>
            <History history/>
        </article>
    }
}

/// When the session was last confirmed running, a warning when that is over a year ago,
/// and "Still running — I was there" for members.
#[component]
fn Freshness(
    session_id: String,
    confirmed: Option<String>,
    possibly_stale: bool,
    signed_in: bool,
) -> impl IntoView {
    let action = if signed_in {
        let query = leptos_router::hooks::use_query_map();
        let thanked = query.read_untracked().get("confirmed").is_some();
        view! {
            <PostForm
                action=ConfirmSessionCall::PATH
                buttons=vec![Button::new("Still running — I was there", "Confirming…").secondary()]
            >
                <input type="hidden" name="session_id" value=session_id/>
            </PostForm>
            {thanked.then(|| view! { <p role="status">"Thank you: you confirmed it runs."</p> })}
        }
        .into_any()
    } else {
        view! {
            <p class="hint">
                "Been there lately? "
                <a href=format!("/account/sign-in?next=/session/{session_id}")>"Sign in"</a>
                " to confirm it still runs."
            </p>
        }
        .into_any()
    };
    view! {
        <section class="freshness" aria-label="Is it still running?">
            {possibly_stale.then(|| view! {
                <p class="session-stale" role="status">
                    "Possibly stale: nobody has confirmed this session for over a year. "
                    "It may have stopped; check with the venue before you travel."
                </p>
            })}
            {confirmed.map(|c| view! { <p class="confirmed">{c}</p> })}
            {action}
        </section>
    }
}

/// Every change kept, newest first: who, when and what.
#[component]
fn History(history: Vec<ShownRevision>) -> impl IntoView {
    (!history.is_empty()).then(|| {
        let count = history.len();
        view! {
            <details class="history">
                <summary>{format!("History ({count} change{})", if count == 1 { "" } else { "s" })}</summary>
                <ol>
                    {history
                        .into_iter()
                        .map(|r| view! {
                            <li>
                                <p class="review-head">{format!("{} · {}", r.when, r.by_name)}</p>
                                <ul>{r.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            </li>
                        })
                        .collect_view()}
                </ol>
            </details>
        }
    })
}
