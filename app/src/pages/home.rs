use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{home_overview, HomeOverview, ListQuery};
use crate::components::{FilterBar, NearMeButton, PageMeta, PagedSessions, SearchForm};

/// The front door: search, near me, and every session (filterable), a page at a time.
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

/// The directory's size, then every session by name, a page at a time.
#[component]
fn SessionDirectory(overview: HomeOverview) -> impl IntoView {
    let HomeOverview {
        total_sessions,
        countries,
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
        <h2 class="section-title">"All sessions"</h2>
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
