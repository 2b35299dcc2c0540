//! The interface's two languages. Every word a page shows comes from the Fluent catalogs
//! in `app/locales/{en,ga}/main.ftl` through [`t!`](crate::t), on the server: islands get
//! their words from the server's HTML (data attributes), so no catalog reaches the WASM.
//!
//! Each language has its own stable URLs: English at the root, Irish under `/ga`
//! (`/ga/session/doolin`). The server strips the prefix before routing and hands the page
//! its [`Lang`], so one router serves both.
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod catalog;
#[cfg(all(test, feature = "ssr"))]
mod catalog_tests;
pub mod dates;
mod labels;
pub use labels::tag_label;

/// A language the interface is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ga,
}

/// The URL prefix of the Irish pages.
pub const IRISH_PREFIX: &str = "/ga";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ga];

    /// The BCP 47 tag, for `lang=` and `hreflang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ga => "ga",
        }
    }

    /// OpenGraph's locale.
    pub fn og_locale(self) -> &'static str {
        match self {
            Lang::En => "en_IE",
            Lang::Ga => "ga_IE",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ga => "Gaeilge",
        }
    }

    /// The other one: where the switch leads.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ga,
            Lang::Ga => Lang::En,
        }
    }

    /// A site path (`/sessions/ie`, with any query) in this language: Irish pages live
    /// under `/ga`. Anything not a site path (`https://…`, `#top`) is left alone.
    pub fn path(self, path: &str) -> String {
        match self {
            // Already Irish (a `next` the Irish sign-in page was given).
            Lang::Ga if Lang::of_path(path).0 == Lang::Ga => path.to_string(),
            Lang::Ga if path == "/" => format!("{IRISH_PREFIX}/"),
            Lang::Ga if path.starts_with('/') && !path.starts_with("//") => {
                format!("{IRISH_PREFIX}{path}")
            }
            _ => path.to_string(),
        }
    }

    /// An absolute URL of ours (`https://site/path`) in this language.
    pub fn url(self, url: &str) -> String {
        match url
            .find("://")
            .and_then(|scheme| url[scheme + 3..].find('/').map(|p| p + scheme + 3))
        {
            Some(path_start) => format!("{}{}", &url[..path_start], self.path(&url[path_start..])),
            None => url.to_string(),
        }
    }

    /// The language a request path is in, and the path without its language prefix:
    /// `/ga/sessions` → (Irish, `/sessions`); `/gaeilge` is an English path.
    pub fn of_path(path: &str) -> (Lang, &str) {
        match path.strip_prefix(IRISH_PREFIX) {
            Some("") => (Lang::Ga, "/"),
            Some(rest) if rest.starts_with('/') => (Lang::Ga, rest),
            _ => (Lang::En, path),
        }
    }
}

/// A request's path as a path on this site: `//evil.example` (or `/\\evil.example`) would
/// be another site's address in a link or a `Location`, so leading slashes collapse to one.
pub fn site_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The language of the page being rendered, or of the form being answered: the server
/// puts it in the request's extensions (`server/src/languages.rs`).
pub fn use_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        if let Some(lang) = leptos::prelude::use_context::<Lang>() {
            return lang;
        }
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Lang>().copied())
            .unwrap_or_default()
    }
    // In the browser (islands): the language the server wrote on `<html>`.
    #[cfg(not(feature = "ssr"))]
    {
        let code = leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"));
        match code.as_deref() {
            Some("ga") => Lang::Ga,
            _ => Lang::En,
        }
    }
}

/// A value a message is given: Fluent picks plural forms from numbers.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}
impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_arg!(usize, u32, u64, i32, i64, f64, u8);

/// The message `id` in `lang`.
pub fn text(lang: Lang, id: &'static str) -> String {
    text_with(lang, id, &[])
}

/// The message `id` in `lang`, given named values. On the server, from the catalog; in
/// the browser (islands only), from the page: the server writes each of [`ISLAND_WORDS`]
/// into it (`IslandWords`), so the catalog never reaches the WASM.
pub fn text_with(lang: Lang, id: &'static str, args: &[(&'static str, Arg)]) -> String {
    #[cfg(feature = "ssr")]
    {
        catalog::message(lang, id, args)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = lang;
        let mut text = leptos::prelude::document()
            .query_selector(&format!(".words [data-w=\"{id}\"]"))
            .ok()
            .flatten()
            .and_then(|word| word.text_content())
            .unwrap_or_else(|| id.to_string());
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => text.clone(),
                Arg::Number(n) => n.to_string(),
            };
            text = text.replace(&format!("{{ ${name} }}"), &value);
        }
        text
    }
}

/// The messages islands use after the page has loaded (in the browser): plain text with
/// `{ $name }` values at most, no plural forms (the browser has no Fluent).
/// `catalog_tests` checks every `t!` in an island is listed here.
pub const ISLAND_WORDS: &[&str] = &[
    "error-connection",
    // AppError's own, made in the browser when a call fails there.
    "error-internal",
    "error-unreadable",
    "error-too-large",
    "error-refused",
    "error-too-many",
    "error-server",
    "error-more-sessions",
    "days-from-sunday",
    "your-time",
    "finding-location",
    "use-my-location",
    "location-needs-js",
    "location-unsupported",
    "location-denied",
    "location-failed",
    "share",
    "link-copied",
    "loading",
    "more-sessions",
    "showing-of",
    "showing",
];

/// What the add/edit form's island (its own lazy chunk) may say in the browser beyond
/// [`ISLAND_WORDS`]: carried by those two pages only (`FormWords`).
pub const FORM_WORDS: &[&str] = &[
    "location-found",
    "saving",
    "save-changes",
    "add-the-session",
    "row-problem",
    "preview",
    "check-map-point",
    "nothing-saved-yet",
    "one-of-these",
    "duplicates-explain",
    "add-mine-anyway",
    "fields-need-look",
    "tap-map",
    "map-of-venue",
    "map-at",
    "map-larger",
    "map-data",
    "osm-contributors",
    "card-next",
    "card-stale",
    "card-distance",
    "tags",
    "tag-open",
    "tag-slow",
    "tag-beginner-friendly",
    "tag-advanced",
    "tag-singing",
    "tag-set-dancing",
    "tag-wheelchair-accessible",
    "tag-family-friendly",
    "tag-online",
    "add-session-title",
    "sign-in-to-add",
    "nav-sign-in",
    "edit-title",
    "cannot-edit",
    "the-session",
    "name",
    "name-placeholder",
    "about-optional",
    "where",
    "venue",
    "venue-phone",
    "venue-email",
    "venue-website-optional",
    "street-address",
    "town",
    "area",
    "country",
    "time-zone",
    "map-point-hint",
    "latitude",
    "longitude",
    "when",
    "schedule-rows-hint",
    "what-kind",
    "still-running-label",
    "status",
    "running",
    "paused-for-now",
    "closed-or-moved",
    "closed-why",
    "schedule-row",
    "how-often",
    "kind-weekly",
    "kind-monthly",
    "kind-once",
    "day",
    "week-of-month",
    "week-monthly",
    "week-first",
    "week-second",
    "week-third",
    "week-fourth",
    "week-last",
    "every-n-weeks",
    "date-field",
    "from",
    "until-optional",
];

fn words(lang: Lang, ids: &'static [&'static str], id: &'static str) -> impl leptos::IntoView {
    use leptos::prelude::*;
    view! {
        <div id=id class="words" hidden>
            {ids
                .iter()
                .map(|id| view! { <span data-w=*id>{word(lang, id)}</span> })
                .collect_view()}
        </div>
    }
}

/// A word for the browser: with `{ $name }` left for it to fill in.
fn word(lang: Lang, id: &'static str) -> String {
    #[cfg(feature = "ssr")]
    {
        catalog::template(lang, id)
    }
    #[cfg(not(feature = "ssr"))]
    text(lang, id)
}

/// The words islands need in the browser, in the page's language, out of sight.
#[leptos::component]
pub fn IslandWords() -> impl leptos::IntoView {
    words(use_lang(), ISLAND_WORDS, "words")
}

/// The add/edit form's words (`FORM_WORDS`), on those pages only.
#[leptos::component]
pub fn FormWords() -> impl leptos::IntoView {
    words(use_lang(), FORM_WORDS, "form-words")
}

/// A message from the catalog: `t!(lang, "nav-search")`, or with values,
/// `t!(lang, "found-count", count = n)` (Fluent's `{ $count }`).
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $crate::i18n::text($lang, $id)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text_with(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irish_pages_live_under_their_prefix() {
        assert_eq!(Lang::Ga.path("/"), "/ga/");
        assert_eq!(
            Lang::Ga.path("/sessions/ie?page=2"),
            "/ga/sessions/ie?page=2"
        );
        assert_eq!(Lang::En.path("/sessions/ie"), "/sessions/ie");
        assert_eq!(Lang::Ga.path("/ga/account"), "/ga/account");
        assert_eq!(
            Lang::Ga.path("https://example.org/x"),
            "https://example.org/x"
        );
        assert_eq!(Lang::Ga.path("//evil.example"), "//evil.example");
        assert_eq!(
            Lang::Ga.url("https://s.example/session/x"),
            "https://s.example/ga/session/x"
        );
        assert_eq!(Lang::Ga.url("https://s.example/"), "https://s.example/ga/");
        assert_eq!(
            Lang::En.url("https://s.example/session/x"),
            "https://s.example/session/x"
        );
        assert_eq!(site_path("//evil.example"), "/evil.example");
        assert_eq!(
            Lang::Ga.path(&site_path("/\\evil.example")),
            "/ga/evil.example"
        );
        assert_eq!(Lang::of_path("/ga"), (Lang::Ga, "/"));
        assert_eq!(Lang::of_path("/ga/"), (Lang::Ga, "/"));
        assert_eq!(Lang::of_path("/ga/session/x"), (Lang::Ga, "/session/x"));
        assert_eq!(Lang::of_path("/gaeilge"), (Lang::En, "/gaeilge"));
        assert_eq!(Lang::of_path("/"), (Lang::En, "/"));
    }
}
