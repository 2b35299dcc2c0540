use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::{home_overview, HomeOverview};
use crate::components::PagedSessions;

/// The front door: how big the directory is and the sessions in it, a page at a time.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after");
    let overview = Resource::new(after, home_overview);

    view! {
        <Title text=""/>
        <Meta
            name="description"
            content="Seisiún lists Irish traditional music sessions around the world: find one near you tonight."
        />
        <section class="hero">
            <h1>"Find a session tonight"</h1>
            <p>"Irish traditional music sessions, shared by the people who play them."</p>
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
    } = overview;
    view! {
        <h2 class="section-title">"All sessions"</h2>
        <p class="directory-size">
            {format!("{total_sessions} sessions in {countries} countries")}
        </p>
        <p><a href="/sessions">"Browse by country"</a></p>
        <PagedSessions first=page total=total_sessions place=None action="/".to_string()/>
    }
}
