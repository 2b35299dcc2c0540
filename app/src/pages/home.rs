use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::{home_overview, list_sessions, HomeOverview};
use crate::components::SessionCard;

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

/// The list with a "More sessions" control. Without JavaScript the control is a plain GET
/// form to the next page; once hydrated it appends the next page in place.
#[component]
fn SessionDirectory(overview: HomeOverview) -> impl IntoView {
    let HomeOverview {
        total_sessions,
        countries,
        page,
    } = overview;
    let sessions = RwSignal::new(page.sessions);
    let next_cursor = RwSignal::new(page.next_cursor);
    let load_more = Action::new(|cursor: &String| list_sessions(Some(cursor.clone())));
    let failure = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        if let Some(result) = load_more.value().get() {
            match result {
                Ok(more) => {
                    sessions.update(|list| list.extend(more.sessions));
                    next_cursor.set(more.next_cursor);
                    failure.set(None);
                }
                Err(err) => failure.set(Some(err.message)),
            }
        }
    });

    let on_more = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(cursor) = next_cursor.get_untracked() {
            load_more.dispatch(cursor);
        }
    };
    let pending = load_more.pending();

    view! {
        <h2 class="section-title">"All sessions"</h2>
        <p class="directory-size">
            {format!("{total_sessions} sessions in {countries} countries")}
        </p>
        <ul class="session-list" aria-label="Sessions">
            <For
                each=move || sessions.get()
                key=|session| session.id.clone()
                children=|session| view! { <SessionCard session/> }
            />
        </ul>
        <p class="shown-count" aria-live="polite">
            {move || format!("Showing {} of {total_sessions}", sessions.read().len())}
        </p>
        {move || failure.get().map(|msg| view! { <p class="error" role="alert">{msg}</p> })}
        <Show when=move || next_cursor.read().is_some()>
            <form class="more" method="get" action="/" on:submit=on_more>
                <input type="hidden" name="after" value=move || next_cursor.get().unwrap_or_default()/>
                <button type="submit" class="button" disabled=move || pending.get()>
                    {move || if pending.get() { "Loading…" } else { "More sessions" }}
                </button>
            </form>
        </Show>
    }
}
