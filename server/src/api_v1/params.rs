//! The API's query parameters, each checked before anything is read and described in the
//! OpenAPI document with its allowed values.
use app::error::AppError;
use app::model::search::MIN_QUERY_CHARS;
use app::model::{weekday_slug, Tag, When, WEEKDAYS};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::Required;
use utoipa::IntoParams;

use super::errors::ApiError;

/// Narrowing and paging, shared by every list. The document lists each filter's values;
/// any other value (other case, spaces, blank) is a 400 naming the choices.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterParams {
    // utoipa leaves out a field's doc comment when `schema_with` builds its schema, so
    // these three describe themselves in their schemas.
    #[param(schema_with = when_schema)]
    pub(super) when: Option<String>,
    #[param(schema_with = day_schema)]
    pub(super) day: Option<String>,
    #[param(schema_with = tag_schema)]
    pub(super) tag: Option<String>,
    /// `next_cursor` from the previous page of the same list, as it was given; empty for the
    /// first page. Cursors are opaque: any other value is a 400.
    pub(super) cursor: Option<String>,
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
pub fn one_of(value: Option<&str>, name: &str, choices: &[&str]) -> Result<(), ApiError> {
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
    pub(super) place: Option<String>,
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
    pub(super) q: Option<String>,
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
    pub(super) lat: Option<String>,
    /// Longitude of the centre in degrees.
    #[param(value_type = f64, required = true, minimum = -180, maximum = 180)]
    pub(super) lng: Option<String>,
    /// Radius in km; beyond 70° latitude a large radius is narrowed (to 1 km at a pole),
    /// never refused.
    #[param(value_type = Option<f64>, minimum = 1, maximum = 100, default = 25)]
    pub(super) km: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentParams {
    /// The place whose children to list (`ie`, `ie/clare`); absent or empty for countries.
    /// A key with no sessions is a 404.
    #[param(pattern = "^([a-z0-9-]{2}(/[a-z0-9-]{1,80}){0,2})?$")]
    pub(super) parent: Option<String>,
}
