//! The public read API, `/api/v1`: JSON for other sites and apps, described by an OpenAPI 3
//! document generated from the same types (`/api/v1/openapi.json`). Read-only, so any
//! origin may call it (CORS for GET); every error is JSON with a status and a message.
pub mod openapi;

use app::api::listing::{find::find_sessions, ListQuery};
use app::api::{session_detail_for, ApiSession};
use app::error::AppError;
use app::model::search::MIN_QUERY_CHARS;
use app::model::{weekday_slug, ListedPage, PlaceCount, PlacePath, Tag, When, WEEKDAYS};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::Required;
use utoipa::{IntoParams, OpenApi, ToSchema};

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

/// Every error the API gives: `{"error": {"status": 404, "message": "…"}}`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub message: String,
}

pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<app::store::StoreError> for ApiError {
    fn from(err: app::store::StoreError) -> Self {
        Self(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: ErrorDetail {
                status: status.as_u16(),
                message: self.0.message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Narrowing and paging, shared by every list. The document lists each filter's values;
/// any other value (other case, spaces, blank) is a 400 naming the choices.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterParams {
    // utoipa leaves out a field's doc comment when `schema_with` builds its schema, so
    // these three describe themselves in their schemas.
    #[param(schema_with = when_schema)]
    when: Option<String>,
    #[param(schema_with = day_schema)]
    day: Option<String>,
    #[param(schema_with = tag_schema)]
    tag: Option<String>,
    /// `next_cursor` from the previous page of the same list, as it was given; empty for the
    /// first page. Cursors are opaque: any other value is a 400.
    cursor: Option<String>,
}

fn enum_schema<'a>(description: &str, values: impl IntoIterator<Item = &'a str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values))
        .build()
}

fn when_schema() -> Object {
    enum_schema(
        "`tonight`: on now or starting later today, in the session's own time zone; `week`: \
         starting within the next seven days. Running sessions only.",
        When::ALL.map(When::slug),
    )
}

fn day_schema() -> Object {
    enum_schema(
        "Sessions on that weekday (any date in the next five weeks). Running sessions only.",
        WEEKDAYS.map(weekday_slug),
    )
}

fn tag_schema() -> Object {
    enum_schema("Sessions with that tag.", Tag::ALL.map(Tag::slug))
}

/// A filter value exactly as the document lists it, or a 400 naming the choices. (The
/// site's own pages also take other cases, spaces and blanks; the API takes what it says.)
fn one_of(value: Option<&str>, name: &str, choices: &[&str]) -> Result<(), ApiError> {
    match value {
        Some(value) if !choices.contains(&value) => Err(AppError::bad_request(format!(
            "{name} {value:?} is not one we know: use one of {}.",
            choices.join(", ")
        ))
        .into()),
        _ => Ok(()),
    }
}

/// A place key: a two-character country, then up to two more slugs, as `PlacePath` reads
/// them (`edge::parse_place`). Empty means the world. A key of this shape that has no
/// sessions is a 404, as is anything else.
pub const PLACE_PATTERN: &str = "^([a-z0-9-]{2}(/[a-z0-9-]{1,80}){0,2})?$";

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceParams {
    /// A place key: `ie`, `ie/clare` or `ie/clare/ennis` (the `key` of `/api/v1/places`).
    /// Absent or empty: every session by name. A key with no sessions is a 404.
    #[param(pattern = "^([a-z0-9-]{2}(/[a-z0-9-]{1,80}){0,2})?$")]
    place: Option<String>,
}

/// Letters and digits a search may use: ASCII ones, and the Latin letters that fold to
/// exactly one of them (`á` → `a`). Not the ones that fold to two (`ß` → `ss`, `æ`, `œ`,
/// `þ`, `ĳ`, `ŋ`) nor `ŉ` (`'n`): with these, a query's longest word once folded is at
/// most as long as the query, so a length limit bounds it.
const QUERY_LETTERS: [(char, char); 13] = [
    ('0', '9'),
    ('A', 'Z'),
    ('a', 'z'),
    ('\u{C0}', '\u{C5}'),   // not Æ
    ('\u{C7}', '\u{D6}'),   // not ×
    ('\u{D8}', '\u{DD}'),   // not Þ ß
    ('\u{E0}', '\u{E5}'),   // not æ
    ('\u{E7}', '\u{F6}'),   // not ÷
    ('\u{F8}', '\u{FD}'),   // not þ
    ('\u{FF}', '\u{131}'),  // not Ĳ ĳ
    ('\u{134}', '\u{148}'), // not ŉ Ŋ ŋ
    ('\u{14C}', '\u{151}'), // not Œ œ
    ('\u{154}', '\u{17F}'),
];

/// Besides ASCII, the typographic dashes and quotes phones type: they fold to ASCII
/// punctuation (`’` → `'`), never to a letter.
const QUERY_PUNCTUATION: [char; 6] = [
    '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
];

/// The longest search the API takes, in characters: no folded word can be longer, so none
/// passes `search::MAX_TERM_CHARS`.
pub const MAX_QUERY_CHARS: usize = app::model::search::MAX_TERM_CHARS;

pub fn is_query_letter(c: char) -> bool {
    QUERY_LETTERS
        .iter()
        .any(|(from, to)| (*from..=*to).contains(&c))
}

/// ASCII, a [`QUERY_LETTERS`] letter or a [`QUERY_PUNCTUATION`] mark.
pub fn is_query_char(c: char) -> bool {
    c.is_ascii() || is_query_letter(c) || QUERY_PUNCTUATION.contains(&c)
}

/// What the API searches for, exactly as the `q` parameter's schema says: at most
/// [`MAX_QUERY_CHARS`] characters, each one [`is_query_char`], with `MIN_QUERY_CHARS` (2)
/// letters in a row somewhere. Every such query is one `search::query_terms` takes (those
/// letters make a word long enough; no word is longer than the query), and the API refuses
/// the rest, so the document and the API agree exactly; server/tests/it/api_schema_fuzz.rs
/// checks every character.
pub fn check_search_query(q: &str) -> Result<(), AppError> {
    if let Some(c) = q.chars().find(|c| !is_query_char(*c)) {
        return Err(AppError::bad_request(format!(
            "Search with Latin letters, digits, spaces and punctuation: {c:?} is not one \
             (write ß as ss, æ as ae, œ as oe, þ as th)."
        )));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request(format!(
            "A search can be at most {MAX_QUERY_CHARS} characters long."
        )));
    }
    let letters: Vec<bool> = q.chars().map(is_query_letter).collect();
    if !letters
        .windows(MIN_QUERY_CHARS)
        .any(|run| run.iter().all(|l| *l))
    {
        return Err(AppError::bad_request(format!(
            "Type at least {MIN_QUERY_CHARS} letters of a session, venue, town or area."
        )));
    }
    Ok(())
}

/// [`check_search_query`] as a regular expression (ECMA-262 and Python alike), less the
/// length limit, which the schema states apart.
pub fn query_pattern() -> String {
    let escape = |c: char| {
        if c.is_ascii_alphanumeric() {
            c.to_string()
        } else {
            format!("\\u{:04X}", c as u32)
        }
    };
    let letters: String = QUERY_LETTERS
        .iter()
        .map(|(from, to)| format!("{}-{}", escape(*from), escape(*to)))
        .collect();
    let punctuation: String = QUERY_PUNCTUATION.iter().map(|c| escape(*c)).collect();
    let any = format!("[\\x00-\\x7F{punctuation}{letters}]");
    format!("^{any}*[{letters}]{{{MIN_QUERY_CHARS}}}{any}*$")
}

/// `q`: written out by hand so that its pattern and limits come from the constants the
/// API checks with.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
}

impl IntoParams for SearchParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let schema = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(MIN_QUERY_CHARS))
            .max_length(Some(MAX_QUERY_CHARS))
            .pattern(Some(query_pattern()))
            .build();
        vec![ParameterBuilder::new()
            .name("q")
            .parameter_in(ParameterIn::Query)
            .required(Required::True)
            .description(Some(format!(
                "Words of a session's name, venue, town or area; case and accents are ignored, \
                 each word matches as a prefix and one-letter words are left out. Up to \
                 {MAX_QUERY_CHARS} characters of ASCII, Latin letters that fold to one ASCII \
                 letter (`á`, `ó`, `ł` …; write `ß` as `ss`, `æ` as `ae`, `œ` as `oe`, `þ` as \
                 `th`) and typographic dashes and quotes, with {MIN_QUERY_CHARS} letters or \
                 digits in a row."
            )))
            .schema(Some(schema))
            .build()]
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NearParams {
    /// Latitude of the centre in degrees.
    #[param(value_type = f64, required = true, minimum = -90, maximum = 90)]
    lat: Option<String>,
    /// Longitude of the centre in degrees.
    #[param(value_type = f64, required = true, minimum = -180, maximum = 180)]
    lng: Option<String>,
    /// Radius in km; beyond 70° latitude a large radius is narrowed (to 1 km at a pole),
    /// never refused.
    #[param(value_type = Option<f64>, minimum = 1, maximum = 100, default = 25)]
    km: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentParams {
    /// The place whose children to list (`ie`, `ie/clare`); absent or empty for countries.
    /// A key with no sessions is a 404.
    #[param(pattern = "^([a-z0-9-]{2}(/[a-z0-9-]{1,80}){0,2})?$")]
    parent: Option<String>,
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

/// Query strings that cannot be read at all (e.g. repeated keys of the wrong shape).
fn bad_query(err: QueryRejection) -> ApiError {
    ApiError(AppError::bad_request(format!(
        "The query string could not be read: {}",
        err.body_text()
    )))
}

/// A path segment that cannot be read (e.g. percent-encoded bytes that are not UTF-8): a
/// JSON 400 like every other error, not axum's plain-text one.
fn bad_path(err: PathRejection) -> ApiError {
    ApiError(AppError::bad_request(format!(
        "The path could not be read: {}",
        err.body_text()
    )))
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
