use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{session_detail, SessionDetail, ShownRevision};
use crate::components::{Breadcrumbs, MissingNotice, PageMeta, SessionMap, ShareButton};
use crate::model::SessionStatus;
use crate::t;

use super::session_actions::{BookmarkButton, ReportForm, RestoreButton};
use super::session_reviews::ReviewsSection;
use crate::api::confirm::ConfirmSessionCall;
use crate::components::{Button, PostForm};
use leptos::server_fn::ServerFn;

/// `/session/{id}`: everything a musician needs to turn up — where, when, what kind.
#[component]
pub fn SessionPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        session_detail,
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <SessionView detail/> }.into_any(),
                    Err(err) => view! {
                        <MissingNotice
                            title=t!(lang, "session-not-found")
                            heading=t!(lang, "session-not-found")
                            message=err.message
                            back_href=lang.path("/sessions")
                            back_label=t!(lang, "browse-by-place")
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
    let lang = crate::i18n::use_lang();
    let description = t!(
        lang,
        "session-description",
        name = &session.name,
        venue = &session.venue.name,
        place = session.place_line(),
        schedule = session.schedule_line_in(lang)
    );
    let schedules: Vec<String> = session
        .schedules
        .iter()
        .map(|s| s.describe_in(lang))
        .collect();
    let status = match &session.status {
        _ if is_over => Some(t!(lang, "session-over", when = schedules.join("; "))),
        SessionStatus::Active => None,
        SessionStatus::Paused => Some(t!(lang, "session-paused")),
        SessionStatus::Closed { reason } => Some(t!(lang, "session-closed", reason = reason)),
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
    let edit_href = lang.path(&format!("/session/{}/edit", session.id));
    let venue = session.venue.clone();
    let tags = session.tags.clone();
    let confirmed = session.last_confirmed.map(|d| {
        t!(
            lang,
            "last-confirmed",
            date = crate::i18n::dates::long_date(lang, d)
        )
    });
    let title = session.name.clone();

    view! {
        <PageMeta title=title.clone() description canonical_url=canonical_url.clone() json_ld/>

        <Breadcrumbs trail=trail.clone()/>
        <article class="session-detail">
            <h1>{title.clone()}</h1>
            {session.hidden.then(|| view! {
                <div class="hidden-notice" role="status">
                    <p>{t!(lang, "hidden-notice")}</p>
                    <RestoreButton session_id=session.id.to_string()/>
                </div>
            })}
            {can_edit.then(|| view! {
                <p><a class="button secondary" href=edit_href>{t!(lang, "edit-session")}</a></p>
            })}
            {status.map(|s| view! { <p class="session-status" role="status">{s}</p> })}
            {view! {
            <section aria-labelledby="where">
                <h2 id="where" class="section-title">{t!(lang, "where")}</h2>
                <p class="session-venue">{venue.name.clone()}</p>
                <p class="session-address">{address}</p>
                {venue.phone.clone().map(|phone| view! {
                    <p><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
                })}
                {venue.email.clone().map(|email| view! {
                    <p><a href=format!("mailto:{email}")>{email.clone()}</a></p>
                })}
                {venue.website.clone().map(|site| view! {
                    <p><a href=site.clone() rel="nofollow noopener">{t!(lang, "venue-website")}</a></p>
                })}
                {directions.map(|route| view! {
                    <p class="actions">
                        <a class="button secondary" href=route>{t!(lang, "directions")}</a>
                    </p>
                })}
                {session.point.zip(map_href).map(|(point, map_href)| view! {
                    <SessionMap point tiles=map_tiles map_href/>
                })}
            </section>
            }.into_any()}
            {view! {
            <section aria-labelledby="when">
                <h2 id="when" class="section-title">{t!(lang, "when")}</h2>
                <ul class="schedules">
                    {schedules.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
                <p class="time-zone">{t!(lang, "times-are-local", zone = &session.time_zone)}</p>
                {(!upcoming.is_empty()).then(|| view! {
                    <h3>{t!(lang, "next-dates")}</h3>
                    <ul class="upcoming">
                        {upcoming
                            .into_iter()
                            .map(|d| view! { <li><time datetime=d.iso>{d.when}</time></li> })
                            .collect_view()}
                    </ul>
                })}
                <p class="actions">
                    <a class="button" href=calendar_href download>{t!(lang, "add-to-calendar")}</a>
                    <ShareButton url=canonical_url.clone()/>
                </p>
                {bookmarked.map(|bookmarked| view! {
                    <BookmarkButton session_id=session.id.to_string() bookmarked/>
                })}
            </section>
            }.into_any()}
            {(!tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label=t!(lang, "tags")>
                    {tags.into_iter().map(|tag| view! { <li class="tag">{crate::i18n::tag_label(lang, tag)}</li> }).collect_view()}
                </ul>
            })}
            {(!session.description.is_empty()).then(|| view! {
                <section aria-labelledby="about">
                    <h2 id="about" class="section-title">{t!(lang, "about")}</h2>
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
                <ReportForm session_id=session.id.to_string() label=t!(lang, "report-session")/>
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
    let lang = crate::i18n::use_lang();
    let action = if signed_in {
        let query = leptos_router::hooks::use_query_map();
        let thanked = query.read_untracked().get("confirmed").is_some();
        view! {
            <PostForm
                action=ConfirmSessionCall::PATH
                buttons=vec![Button::new(t!(lang, "still-running"), t!(lang, "confirming")).secondary()]
            >
                <input type="hidden" name="session_id" value=session_id/>
            </PostForm>
            {thanked.then(|| view! { <p role="status">{t!(lang, "confirm-thanks")}</p> })}
        }
        .into_any()
    } else {
        view! {
            <p class="hint">
                {t!(lang, "been-there")}" "
                <a href=lang.path(&format!("/account/sign-in?next={}", lang.path(&format!("/session/{session_id}"))))>{t!(lang, "nav-sign-in")}</a>
                " "{t!(lang, "to-confirm-it-runs")}
            </p>
        }
        .into_any()
    };
    view! {
        <section class="freshness" aria-label=t!(lang, "still-running-label")>
            {possibly_stale.then(|| view! {
                <p class="session-stale" role="status">
                    {t!(lang, "stale-warning")}
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
    let lang = crate::i18n::use_lang();
    (!history.is_empty()).then(|| {
        let count = history.len();
        view! {
            <details class="history">
                <summary>{t!(lang, "history", count = count)}</summary>
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
