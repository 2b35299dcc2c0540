//! `/robots.txt`: crawl everything but the server-function endpoints, and find the sitemap.
use app::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// A day: the rules change only with a deploy.
const MAX_AGE: u32 = 86_400;

pub fn robots_txt_body(site_url: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /api/\nDisallow: /ga/api/\n\nSitemap: {site_url}/sitemap.xml\n"
    )
}

pub(super) async fn serve_robots_txt(State(app): State<AppState>) -> Response {
    super::document(super::TEXT, MAX_AGE, robots_txt_body(&app.site_url))
}
