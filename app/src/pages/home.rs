use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{home_overview, HomeOverview, ListQuery};
use crate::components::{
    FilterBar, MapToggle, NearMeButton, NearTonight, PageMeta, PagedSessions, SearchForm,
    SessionCard,
};
use crate::t;

/// The front door: search, near me, what is on tonight and next, and every session
/// (filterable), a page at a time.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
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
            <h1>{t!(lang, "home-title")}</h1>
            <p>{t!(lang, "home-lead")}</p>
            <SearchForm/>
            <div class="near-me-box">
                <NearMeButton/>
            </div>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading-sessions")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(data) => view! { <SessionDirectory overview=data/> }.into_any(),
                    Err(err) => view! {
                        <p class="error" role="alert">{err.message}</p>
                        <p><a href=lang.path("/")>{t!(lang, "start-again")}</a></p>
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
    let lang = crate::i18n::use_lang();
    let home = lang.path("/");
    view! {
        <PageMeta
            title=""
            description=t!(lang, "home-description")
            canonical_url=links.canonical_url
            json_ld=links.json_ld
        />
        {(!filtered).then(|| view! {
            <NearTonight/>
            <Tonight sessions=tonight total=total_sessions/>
        })}
        <h2 id="all" class="section-title">{t!(lang, "all-sessions")}</h2>
        <p class="directory-size">
            {t!(lang, "directory-size", sessions = total_sessions, countries = countries)}
            " · "
            <a href=lang.path("/sessions")>{t!(lang, "browse-by-country")}</a>
        </p>
        <FilterBar query=list.clone() action=home.clone()/>
        <PagedSessions
            first=page
            total
            query=list
            action=home
            empty_message=t!(lang, "no-match-filters")
        />
    }
}

/// Sessions on now or starting soonest, soonest first, each card saying when in its own
/// zone ("tonight 21:30", "tomorrow 20:00"); the whole directory is a tap below.
#[component]
fn Tonight(sessions: Vec<crate::model::ListedSession>, total: u64) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <section class="tonight" aria-labelledby="tonight">
            <h2 id="tonight" class="section-title">{t!(lang, "tonight-heading")}</h2>
            {if sessions.is_empty() {
                view! { <p class="empty">{t!(lang, "tonight-empty")}</p> }.into_any()
            } else {
                view! {
                    <MapToggle sessions=sessions.clone() path=lang.path("/") pairs=Vec::new() which="tonight"/>
                    <ul class="session-list" aria-label=t!(lang, "tonight-heading")>
                        {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href="#all">{t!(lang, "all-by-name", count = total)}</a></p>
        </section>
    }
}
