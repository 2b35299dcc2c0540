use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{home_overview, HomeOverview, ListQuery};
use crate::components::{
    FilterBar, MapToggle, NearMeButton, NearTonight, PageMeta, PagedSessions, SearchForm,
    SessionCard,
};

/// The front door: search, near me, what is on tonight and next, and every session
/// (filterable), a page at a time.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let overview = Resource::new(
        move || {
            let query = query.read();
            (
                ListQuery::from_params(|n| query.get(n), None),
                query.get("after"),
            )
        },
        |(list, after)| home_overview(list, after),
    );

    view! {
        <section class="hero">
            <h1>"Find a session tonight"</h1>
            <p>"Irish traditional music sessions, shared by the people who play them."</p>
            <SearchForm/>
            <div class="near-me-box">
                <NearMeButton/>
            </div>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Loading sessions…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(data) => view! { <SessionDirectory overview=data/> }.into_any(),
                    Err(err) => view! {
                        <p class="error" role="alert">{err.message}</p>
                        <p><a href="/">"Start again from the first page"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What is on tonight and next, then the directory's size and every session by name, a
/// page at a time.
#[component]
fn SessionDirectory(overview: HomeOverview) -> impl IntoView {
    let HomeOverview {
        total_sessions,
        countries,
        tonight,
        page,
        links,
    } = overview;
    let query = use_query_map();
    let list = ListQuery::from_params(|n| query.read_untracked().get(n), None);
    let filtered = list.has_filters();
    let total = (!filtered).then_some(total_sessions);
    view! {
        <PageMeta
            title=""
            description="Seisiún lists Irish traditional music sessions around the world: find one near you tonight."
            canonical_url=links.canonical_url
            json_ld=links.json_ld
        />
        {(!filtered).then(|| view! {
            <NearTonight/>
            <Tonight sessions=tonight total=total_sessions/>
        })}
        <h2 id="all" class="section-title">"All sessions"</h2>
        <p class="directory-size">
            {format!("{total_sessions} sessions in {countries} countries · ")}
            <a href="/sessions">"Browse by country"</a>
        </p>
        <FilterBar query=list.clone() action="/".to_string()/>
        <PagedSessions
            first=page
            total
            query=list
            action="/".to_string()
            empty_message="No sessions match those filters. Try fewer."
        />
    }
}

/// Sessions on now or starting soonest, soonest first, each card saying when in its own
/// zone ("tonight 21:30", "tomorrow 20:00"); the whole directory is a tap below.
#[component]
fn Tonight(sessions: Vec<crate::model::ListedSession>, total: u64) -> impl IntoView {
    view! {
        <section class="tonight" aria-labelledby="tonight">
            <h2 id="tonight" class="section-title">"On tonight and next"</h2>
            {if sessions.is_empty() {
                view! { <p class="empty">"Nothing listed starts in the next day and a half. Try near you, or browse them all."</p> }.into_any()
            } else {
                view! {
                    <MapToggle sessions=sessions.clone() path="/".to_string() pairs=Vec::new() which="tonight"/>
                    <ul class="session-list" aria-label="On tonight and next">
                        {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href="#all">{format!("All {total} sessions, by name")}</a></p>
        </section>
    }
}
