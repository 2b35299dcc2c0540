//! Which language a request is answered in, decided once before routing.
//!
//! - A path under `/ga` is Irish: the prefix comes off, so the one router serves both,
//!   and the page finds its [`Lang`] in the request's extensions.
//! - `/` itself, opened from outside the site (typed, a bookmark, a search result), goes to
//!   `/ga/` when the browser's Accept-Language puts Irish before English. Only `/`, and
//!   never from a link on our own pages, so choosing English with the switch sticks and
//!   every other URL is one page for every cache.
//! - A form posted to `/api/…` is answered (messages, where it leads) in the language of
//!   the page it was posted from.
use app::i18n::{Lang, IRISH_PREFIX};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

/// `router` behind the language choice.
pub fn serve_both(router: Router) -> Router {
    Router::new()
        .fallback_service(router)
        .layer(axum::middleware::from_fn(choose))
}

async fn choose(mut request: Request, next: Next) -> Response {
    let (lang, rest) = Lang::of_path(request.uri().path());
    let lang = match lang {
        Lang::Ga => {
            let rest = rest.to_string();
            if let Some(uri) = with_path(request.uri(), &rest) {
                *request.uri_mut() = uri;
            }
            Lang::Ga
        }
        Lang::En if rest == "/" && opened_from_outside(request.headers()) => {
            if prefers_irish(request.headers()) {
                return to_irish_front_page(request.uri());
            }
            Lang::En
        }
        Lang::En if rest.starts_with("/api/") => posted_from(request.headers()),
        Lang::En => Lang::En,
    };
    request.extensions_mut().insert(lang);
    next.run(request).await
}

/// The same URI with another path (the query kept).
fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let target = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_string(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(target.parse().ok()?);
    Uri::from_parts(parts).ok()
}

/// Not a link or form on our own pages: `Sec-Fetch-Site` is `same-origin` for those in
/// every current browser (absent: an old browser or a crawler, treated as outside).
fn opened_from_outside(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .is_none_or(|site| site != "same-origin")
}

/// Irish comes before English in Accept-Language (`ga-IE,ga;q=0.9,en;q=0.8`): of the
/// tags for either, the highest weight wins, the first on a tie; weight 0 (or one that is
/// not a number) means "not this one". The same rule as the edge's (`LanguageFunction`),
/// checked against the same cases (`end2end/tests/language-cases.json`).
pub fn prefers_irish(headers: &HeaderMap) -> bool {
    let Some(accepted) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut best: Option<(bool, f32)> = None;
    for range in accepted.split(',') {
        let mut fields = range.split(';');
        let tag = fields
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let irish = match tag.split('-').next().unwrap_or_default() {
            "ga" => true,
            "en" => false,
            _ => continue,
        };
        let weight = fields
            .filter_map(|field| field.trim().strip_prefix("q="))
            .next_back()
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
        let Some(weight) = weight.filter(|w| *w > 0.0) else {
            continue;
        };
        if best.is_none_or(|(_, top)| weight > top) {
            best = Some((irish, weight));
        }
    }
    best.is_some_and(|(irish, _)| irish)
}

/// The language of the page a form was posted from (its `Referer`, sent for same-origin
/// requests under the browsers' default referrer policy); English without one.
fn posted_from(headers: &HeaderMap) -> Lang {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| referer.parse::<Uri>().ok())
        .map_or(Lang::En, |uri| Lang::of_path(uri.path()).0)
}

fn to_irish_front_page(uri: &Uri) -> Response {
    let target = match uri.query() {
        Some(query) => format!("{IRISH_PREFIX}/?{query}"),
        None => format!("{IRISH_PREFIX}/"),
    };
    let mut response = (StatusCode::FOUND, [(header::LOCATION, target)]).into_response();
    let headers = response.headers_mut();
    // Chosen per browser: no shared cache may keep it for anyone else.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Sec-Fetch-Site"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(accept_language: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(accept_language).unwrap(),
        );
        headers
    }

    #[test]
    fn irish_first_in_accept_language_is_a_preference_for_irish() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../end2end/tests/language-cases.json")).unwrap();
        for (key, irish) in [("irish", true), ("english", false)] {
            let headers = cases[key].as_array().unwrap();
            assert!(headers.len() > 3);
            for header in headers {
                let header = header.as_str().unwrap();
                assert_eq!(prefers_irish(&asking(header)), irish, "{header:?}");
            }
        }
        assert!(!prefers_irish(&HeaderMap::new()));
    }

    #[test]
    fn a_form_is_answered_in_its_page_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("https://seisiun.example/ga/session/doolin"),
        );
        assert_eq!(posted_from(&headers), Lang::Ga);
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("https://seisiun.example/session/doolin"),
        );
        assert_eq!(posted_from(&headers), Lang::En);
        assert_eq!(posted_from(&HeaderMap::new()), Lang::En);
    }
}
