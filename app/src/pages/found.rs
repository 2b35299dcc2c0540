//! The search and near-me pages: both list what `found_overview` finds for the URL's query.
use leptos::prelude::*;

use crate::t;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::{found_overview, FoundOverview, ListQuery};
use crate::components::{FilterBar, NearMeButton, PageMeta, PagedSessions, SearchForm};
use crate::model::near_radius::{DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM};

fn list_query() -> Memo<ListQuery> {
    let query = use_query_map();
    Memo::new(move |_| ListQuery::from_params(|n| query.read().get(n), None))
}

/// `/search?q=…`: sessions by name, venue, town or area, best matches first.
#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let list = list_query();
    let q = move || list.read().q.clone();
    view! {
        <h1>{t!(lang, "search-title")}</h1>
        {move || view! { <SearchForm value=q().unwrap_or_default()/> }}
        <Show
            when=move || q().is_some()
            fallback=move || view! {
                <FormPageMeta
                    page="search"
                    title=t!(lang, "search-title")
                    description=t!(lang, "search-description")
                />
                <p class="hint">{t!(lang, "search-hint")}</p>
            }
        >
            <FoundList list action=lang.path("/search")/>
        </Show>
    }
}

/// `/near?lat=…&lng=…&km=…`: sessions within a distance, nearest first.
#[component]
pub fn NearPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let list = list_query();
    let located = move || list.read().lat.is_some() || list.read().lng.is_some();
    view! {
        <h1>{t!(lang, "near-title")}</h1>
        <Show
            when=located
            fallback=move || view! {
                <FormPageMeta
                    page="near"
                    title=t!(lang, "near-title")
                    description=t!(lang, "near-description")
                />
                <p>{t!(lang, "near-explain")}</p>
                <NearMeButton/>
            }
        >
            <RadiusChoices list/>
            <FoundList list action=lang.path("/near")/>
        </Show>
    }
}

/// The crawler tags of a form page with nothing listed yet (see `form_page_links`).
#[component]
fn FormPageMeta(page: &'static str, title: String, description: String) -> impl IntoView {
    let links = Resource::new(
        || (),
        move |_| crate::api::form_page_links(page.to_string()),
    );
    view! {
        <Suspense>
            {move || { let (title, description) = (title.clone(), description.clone()); Suspend::new(async move {
                match links.await {
                    Ok(links) => view! {
                        <PageMeta title=title.clone() description=description.clone() canonical_url=links.canonical_url json_ld=links.json_ld/>
                    }.into_any(),
                    Err(_) => view! { <Title text=title.clone()/><Meta name="description" content=description.clone()/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// Links to the same place at other distances.
#[component]
fn RadiusChoices(list: Memo<ListQuery>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    move || {
        let current = list.read().clone();
        let chosen = current
            .km
            .clone()
            .unwrap_or_else(|| DEFAULT_RADIUS_KM.to_string());
        let choices = RADIUS_CHOICES_KM
            .iter()
            .map(|km| {
                let km = km.to_string();
                let here = ListQuery {
                    km: Some(km.clone()),
                    ..current.clone()
                };
                let href = lang.path(&format!("/near?{}", crate::api::encode_pairs(&here.url_pairs())));
                let is_current = km == chosen;
                view! {
                    <li>
                        <a href=href aria-current=is_current.then_some("true")>{format!("{km} km")}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="radius-choices" aria-label=t!(lang, "distance")>
                <span>{t!(lang, "within")}" "</span>
                <ul>{choices}</ul>
            </nav>
        }
    }
}

#[component]
fn FoundList(list: Memo<ListQuery>, action: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let query = use_query_map();
    let found = Resource::new(
        move || (list.get(), query.read().get("after")),
        |(list, after)| found_overview(list, after),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "looking")}</p> }>
            {move || { let action = action.clone(); Suspend::new(async move {
                match found.await {
                    Ok(data) => view! { <FoundView found=data list=list.get_untracked() action/> }.into_any(),
                    Err(err) => view! {
                        <Title text=t!(lang, "search-problem")/>
                        <p class="error" role="alert">{err.message}</p>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn FoundView(found: FoundOverview, list: ListQuery, action: String) -> impl IntoView {
    let FoundOverview { page, links } = found;
    let lang = crate::i18n::use_lang();
    let (title, description, empty) = match &list.q {
        Some(q) => (
            t!(lang, "matching-title", q = q),
            t!(lang, "matching-description", q = q),
            t!(lang, "matching-empty", q = q),
        ),
        None => (
            t!(lang, "within-title", km = shown_radius_km(&list)),
            t!(lang, "within-description"),
            t!(lang, "within-empty"),
        ),
    };
    let filters = crate::model::SessionFilter::parse(
        list.when.as_deref(),
        list.day.as_deref(),
        list.tag.as_deref(),
    )
    .map(|f| f.describe_in(lang))
    .unwrap_or_default();
    let empty = if filters.is_empty() {
        empty
    } else {
        t!(lang, "nothing-filtered", filters = filters)
    };
    view! {
        <PageMeta title=title.clone() description canonical_url=links.canonical_url json_ld=links.json_ld/>
        <h2 class="section-title">{title}</h2>
        {follow_near(&list)}
        <FilterBar query=list.clone() action=action.clone()/>
        <PagedSessions first=page total=None query=list action=action empty_message=empty/>
        <p><a href=lang.path("/sessions")>{t!(lang, "browse-by-country")}</a></p>
    }
}

/// Near me (not a search): follow the area round the point shared.
fn follow_near(list: &ListQuery) -> Option<impl IntoView> {
    use crate::components::{FollowForm, FollowWhat};
    if list.q.is_some() {
        return None;
    }
    let (lat, lng) = (list.lat.clone()?, list.lng.clone()?);
    let km = list
        .km
        .clone()
        .unwrap_or_else(|| DEFAULT_RADIUS_KM.to_string());
    let name = t!(crate::i18n::use_lang(), "follow-within", km = &km);
    Some(view! { <FollowForm what=FollowWhat::Near { lat, lng, km } name/> })
}

/// The radius searched, as the title shows it: the one asked for, or the narrower one
/// searched near the poles.
fn shown_radius_km(list: &ListQuery) -> String {
    let asked = list
        .km
        .clone()
        .unwrap_or_else(|| DEFAULT_RADIUS_KM.to_string());
    let lat = list.lat.as_deref().and_then(|lat| lat.parse::<f64>().ok());
    match (asked.parse::<f64>(), lat) {
        (Ok(km), Some(lat)) if crate::model::near_radius::usable_radius_km(lat, km) < km => {
            format!(
                "{:.0}",
                crate::model::near_radius::usable_radius_km(lat, km)
            )
        }
        _ => asked,
    }
}
