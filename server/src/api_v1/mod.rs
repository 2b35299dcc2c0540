//! The public read API, `/api/v1`: JSON for other sites and apps, described by an OpenAPI 3
//! document generated from the same types (`/api/v1/openapi.json`). Read-only, so any
//! origin may call it (CORS for GET); every error is JSON with a status and a message.
mod errors;
pub mod openapi;
mod params;

pub use errors::{bad_path, bad_query, ApiError, ApiResult, ErrorBody, ErrorDetail};
pub use params::*;

use app::api::listing::{find::find_sessions, ListQuery};
use app::api::{session_detail_for, ApiSession};
use app::error::AppError;
use app::model::{weekday_slug, ListedPage, PlaceCount, PlacePath, Tag, When, WEEKDAYS};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Method};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::{OpenApi, ToSchema};

use crate::routes::ServerState;

/// Responses may be cached briefly by browsers and the CDN.
const CACHE_CONTROL: &str = "public, max-age=60";

pub fn routes() -> Router<ServerState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD]);
    Router::new()
        .route("/api/v1/sessions", get(list_sessions))
        .route("/api/v1/sessions/{id}", get(session))
        .route("/api/v1/search", get(search))
        .route("/api/v1/near", get(near))
        .route("/api/v1/places", get(places))
        .route("/api/v1/openapi.json", get(openapi_document))
        .route("/api/v1", get(openapi_document))
        .route("/api/v1/{*rest}", get(unknown))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ))
        .layer(cors)
}

/// One place and how many sessions it has.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiPlace {
    /// Use as `place=` in `/api/v1/sessions`.
    pub key: String,
    pub name: String,
    pub sessions: u64,
    /// The place's page on the site.
    pub url: String,
}

fn list_query(filters: FilterParams) -> Result<(ListQuery, Option<String>), ApiError> {
    one_of(filters.when.as_deref(), "When", &When::ALL.map(When::slug))?;
    one_of(filters.day.as_deref(), "Day", &WEEKDAYS.map(weekday_slug))?;
    one_of(filters.tag.as_deref(), "Tag", &Tag::ALL.map(Tag::slug))?;
    let query = ListQuery {
        when: filters.when,
        day: filters.day,
        tag: filters.tag,
        ..ListQuery::default()
    };
    Ok((query, filters.cursor))
}

async fn run(
    state: &ServerState,
    query: ListQuery,
    cursor: Option<String>,
) -> ApiResult<ListedPage> {
    let page = find_sessions(state.app.store.as_ref(), &query, cursor, chrono::Utc::now()).await?;
    Ok(Json(page))
}

/// The place a key names, if it has sessions (the world always does); else a 404, as on
/// the site.
async fn known_place(state: &ServerState, key: &str) -> Result<PlacePath, ApiError> {
    let path = app::api::edge::parse_place(key)?;
    let trail = state.app.store.place_trail(&path).await?;
    match trail {
        Some(_) => Ok(path),
        None => Err(AppError::not_found("We have no sessions listed there yet.").into()),
    }
}

#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    params(PlaceParams, FilterParams),
    responses(
        (status = 200, description = "A page of sessions: by name, or in a place by area, town and name", body = ListedPage),
        (status = 400, description = "A bad filter or cursor", body = ErrorBody),
        (status = 404, description = "No sessions in that place, or not a place key", body = ErrorBody),
        (status = 503, description = "Busy just now: try again in a few seconds (Retry-After)", body = ErrorBody),
    ))]
async fn list_sessions(
    State(state): State<ServerState>,
    place: Result<Query<PlaceParams>, QueryRejection>,
    filters: Result<Query<FilterParams>, QueryRejection>,
) -> ApiResult<ListedPage> {
    let place = place.map_err(bad_query)?.0.place;
    let (query, cursor) = list_query(filters.map_err(bad_query)?.0)?;
    let Some(key) = place.clone() else {
        return run(&state, query, cursor).await;
    };
    // The place check and the page are read together: one round trip, as on the site.
    let (known, page) = tokio::join!(
        known_place(&state, &key),
        run(
            &state,
            ListQuery {
                place: Some(key.clone()),
                ..query
            },
            cursor
        )
    );
    known?;
    page
}

#[utoipa::path(get, path = "/api/v1/search", tag = "sessions",
    params(SearchParams, FilterParams),
    responses(
        (status = 200, description = "Matching sessions, best first", body = ListedPage),
        (status = 400, description = "A missing query or one without two letters in a row, or a bad filter or cursor", body = ErrorBody),
        (status = 503, description = "Busy just now: try again in a few seconds (Retry-After)", body = ErrorBody),
    ))]
async fn search(
    State(state): State<ServerState>,
    search: Result<Query<SearchParams>, QueryRejection>,
    filters: Result<Query<FilterParams>, QueryRejection>,
) -> ApiResult<ListedPage> {
    let q = search.map_err(bad_query)?.0.q.unwrap_or_default();
    // Exactly what the document allows: all of it makes search terms. (`query_terms` alone
    // also takes other strings, e.g. `北京` or `Straße`, which no pattern could describe.)
    check_search_query(&q)?;
    let (query, cursor) = list_query(filters.map_err(bad_query)?.0)?;
    run(
        &state,
        ListQuery {
            q: Some(q),
            ..query
        },
        cursor,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/near", tag = "sessions",
    params(NearParams, FilterParams),
    responses(
        (status = 200, description = "Sessions within the radius, nearest first, with distance_km", body = ListedPage),
        (status = 400, description = "A missing or bad position or radius, or a bad filter or cursor", body = ErrorBody),
        (status = 503, description = "Busy just now: try again in a few seconds (Retry-After)", body = ErrorBody),
    ))]
async fn near(
    State(state): State<ServerState>,
    near: Result<Query<NearParams>, QueryRejection>,
    filters: Result<Query<FilterParams>, QueryRejection>,
) -> ApiResult<ListedPage> {
    let NearParams { lat, lng, km } = near.map_err(bad_query)?.0;
    if lat.is_none() && lng.is_none() {
        return Err(AppError::bad_request("Give a latitude (lat) and a longitude (lng).").into());
    }
    let (query, cursor) = list_query(filters.map_err(bad_query)?.0)?;
    run(
        &state,
        ListQuery {
            lat,
            lng,
            km,
            ..query
        },
        cursor,
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions",
    params(("id" = String, Path, description = "The session's id (the `id` of a listed session)",
        min_length = 1, max_length = 64, pattern = "^[a-z0-9-]{1,64}$")),
    responses(
        (status = 200, description = "The session, its next dates and its page", body = ApiSession),
        (status = 400, description = "An id whose percent-encoding is not UTF-8", body = ErrorBody),
        (status = 404, description = "No such session, one not listed any more, or an id of another form", body = ErrorBody),
        (status = 503, description = "Busy just now: try again in a few seconds (Retry-After)", body = ErrorBody),
    ))]
async fn session(
    State(state): State<ServerState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<ApiSession> {
    let Path(id) = id.map_err(bad_path)?;
    Ok(Json(session_detail_for(&state.app, id, false).await?.0))
}

#[utoipa::path(get, path = "/api/v1/places", tag = "places",
    params(ParentParams),
    responses(
        (status = 200, description = "The places one level down, with counts, by name", body = Vec<ApiPlace>),
        (status = 400, description = "A query string that cannot be read", body = ErrorBody),
        (status = 404, description = "No sessions in that place, or not a place key", body = ErrorBody),
        (status = 503, description = "Busy just now: try again in a few seconds (Retry-After)", body = ErrorBody),
    ))]
async fn places(
    State(state): State<ServerState>,
    params: Result<Query<ParentParams>, QueryRejection>,
) -> ApiResult<Vec<ApiPlace>> {
    let parent = params.map_err(bad_query)?.0.parent.unwrap_or_default();
    let path = known_place(&state, &parent).await?;
    let store = state.app.store.as_ref();
    let children: Vec<PlaceCount> = store.place_children(&path).await?;
    Ok(Json(
        children
            .into_iter()
            .map(|c| ApiPlace {
                key: c.path.key(),
                url: format!("{}{}", state.app.site_url, c.path.href()),
                name: c.name,
                sessions: c.sessions,
            })
            .collect(),
    ))
}

async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi::ApiDoc::openapi())
}

async fn unknown() -> ApiError {
    ApiError(AppError::not_found(
        "There is no such API endpoint. The list is at /api/v1/openapi.json.",
    ))
}

async fn method_not_allowed() -> ApiError {
    ApiError(AppError::new(405, "The public API is read-only: use GET."))
}
