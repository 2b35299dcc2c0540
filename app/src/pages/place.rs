use leptos::prelude::*;

use crate::t;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{place_overview, ListQuery, PlaceOverview};
use crate::components::{
    Breadcrumbs, FilterBar, FollowForm, FollowWhat, MissingNotice, PageMeta, PagedSessions,
};
use crate::model::{PlaceCount, PlaceName, PlacePath};

/// `/sessions`, `/sessions/{country}`, `/sessions/{country}/{area}` and
/// `/sessions/{country}/{area}/{town}`: the places inside, and the sessions there.
#[component]
pub fn PlacePage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let params = params.read();
        ["country", "area", "town"]
            .iter()
            .filter_map(|name| params.get(name))
            .collect::<Vec<_>>()
            .join("/")
    };
    let overview = Resource::new(
        move || {
            let query = query.read();
            (
                key(),
                ListQuery::from_params(|n| query.get(n), None),
                query.get("after"),
            )
        },
        |(key, list, after)| place_overview(key, list, after),
    );

    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(data) => view! { <PlaceView overview=data/> }.into_any(),
                    Err(err) => view! {
                        <MissingNotice
                            title=t!(lang, "place-not-found")
                            heading=t!(lang, "no-sessions-here")
                            message=err.message
                            back_href=lang.path("/sessions")
                            back_label=t!(lang, "browse-all-countries")
                        />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn place_line(trail: &[PlaceCount]) -> String {
    trail
        .iter()
        .rev()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn children_heading(lang: crate::i18n::Lang, level: &PlacePath) -> String {
    match level {
        PlacePath::World => t!(lang, "countries"),
        PlacePath::Country { .. } => t!(lang, "areas"),
        PlacePath::Area { .. } => t!(lang, "towns"),
        PlacePath::Town { .. } => t!(lang, "places"),
    }
}

#[component]
fn PlaceView(overview: PlaceOverview) -> impl IntoView {
    let PlaceOverview {
        trail,
        children,
        page,
        links,
    } = overview;
    let here = trail
        .last()
        .map(|p| p.path.clone())
        .unwrap_or(PlacePath::World);
    let total = trail.last().map(|p| p.sessions).unwrap_or_default();
    let lang = crate::i18n::use_lang();
    let (title, heading) = match trail.last() {
        None => (
            t!(lang, "sessions-by-country"),
            t!(lang, "sessions-by-country"),
        ),
        Some(last) => (
            t!(lang, "sessions-in", place = place_line(&trail)),
            t!(lang, "sessions-in", place = &last.name),
        ),
    };
    let description = match trail.last() {
        None => t!(lang, "world-description"),
        Some(_) => t!(
            lang,
            "place-description",
            count = total,
            place = place_line(&trail)
        ),
    };
    let children_title = children_heading(lang, &here);
    let query = use_query_map();
    let list = ListQuery::from_params(|n| query.read_untracked().get(n), Some(here.key()));
    let total = (!list.has_filters()).then_some(total);
    let action = lang.path(&here.href());

    view! {
        <PageMeta title description canonical_url=links.canonical_url json_ld=links.json_ld/>
        <Breadcrumbs trail=trail.iter().cloned().map(PlaceName::from).collect()/>
        <h1>{heading}</h1>
        {(!children.is_empty()).then(|| view! {
            <section class="places">
                <h2 class="section-title">{children_title}</h2>
                <ul class="place-list">
                    {children
                        .into_iter()
                        .map(|c| view! {
                            <li>
                                <a class="place-link" href=lang.path(&c.path.href())>
                                    <span class="place-name">{c.name}</span>
                                    <span class="place-count">{t!(lang, "count-sessions", count = c.sessions)}</span>
                                </a>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        })}
        {(here != PlacePath::World).then(|| {
            let feed = here.feed_href();
            let name = trail.last().map(|p| t!(lang, "follow-in", place = &p.name)).unwrap_or_default();
            view! {
                <leptos_meta::Link rel="alternate" type_="application/atom+xml" href=feed.clone()/>
                <div class="follow-bar">
                    <FollowForm what=FollowWhat::Place(here.key()) name/>
                    <a class="feed-link" href=feed>{t!(lang, "feed-atom")}</a>
                </div>
            }
        })}
        {(here != PlacePath::World).then(|| view! {
            <h2 class="section-title">{t!(lang, "sessions")}</h2>
            <FilterBar query=list.clone() action=action.clone()/>
            <PagedSessions
                first=page
                total
                query=list
                action
                empty_message=t!(lang, "no-match-here")
            />
        })}
    }
}
