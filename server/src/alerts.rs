//! `/alerts/stop`: the link in every digest that stops emails about one place (or every
//! place the member follows), with no sign-in. Opening it asks (mail scanners open links, and
//! must not unsubscribe anyone); pressing the button, or a mail app's one-click `POST`
//! (RFC 8058, `List-Unsubscribe-Post`), stops them. The link carries the follow's id (or
//! `all=1`) and the secret stored with the member's follows, compared in constant time.
use app::i18n::Lang;
use app::model::{Follow, MemberId};
use app::state::AppState;
use app::t;
use axum::extract::{RawQuery, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Extension;
use axum::Router;
use quick_xml::escape::escape;

use crate::routes::ServerState;

pub const STOP_PATH: &str = "/alerts/stop";

pub fn routes() -> Router<ServerState> {
    Router::new().route(STOP_PATH, get(ask).post(stop))
}

/// The follows a stop link names, checked against the stored ones.
async fn named_follows(app: &AppState, lang: Lang, query: &str) -> Result<Vec<Follow>, Response> {
    let mut member = None;
    let mut ids = Vec::new();
    let mut tokens = Vec::new();
    let mut all = false;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "m" => member = Some(MemberId::new(value.into_owned())),
            "f" => ids.push(value.into_owned()),
            "t" => tokens.push(value.into_owned()),
            "all" => all = value == "1",
            _ => {}
        }
    }
    // One follow (`f` and the secret), or all of them (`all=1` and the secret they share).
    let well_formed = tokens.len() == 1 && if all { ids.is_empty() } else { ids.len() == 1 };
    let Some(member) = member.filter(|_| well_formed) else {
        return Err(page(
            lang,
            StatusCode::BAD_REQUEST,
            &t!(lang, "stop-not-a-link-title"),
            &pointing_to_account(lang, t!(lang, "stop-not-a-link")),
        ));
    };
    let stored = app.store.follows_of(&member).await.map_err(|err| {
        tracing::warn!(error = %err, "stop link: cannot read follows");
        page(
            lang,
            StatusCode::SERVICE_UNAVAILABLE,
            &t!(lang, "stop-try-again-title"),
            &format!("<p>{}</p>", escape(t!(lang, "stop-cannot-read"))),
        )
    })?;
    let token = tokens[0].as_bytes();
    Ok(stored
        .into_iter()
        .filter(|follow| {
            (all || ids[0] == follow.id())
                && aws_lc_rs::constant_time::verify_slices_are_equal(
                    token,
                    follow.stop_token.as_bytes(),
                )
                .is_ok()
        })
        .collect())
}

fn labels(follows: &[Follow]) -> String {
    follows
        .iter()
        .map(|f| format!("<li>{}</li>", escape(&f.label)))
        .collect()
}

fn nothing_to_stop(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::OK,
        &t!(lang, "stop-nothing-title"),
        &pointing_to_account(lang, t!(lang, "stop-nothing")),
    )
}

/// "… on your account page." with the link.
fn pointing_to_account(lang: Lang, words: String) -> String {
    format!(
        "<p>{} <a href=\"{}\">{}</a>.</p>",
        escape(words),
        lang.path("/account#following"),
        escape(t!(lang, "stop-account-page"))
    )
}

/// The language the page was asked in (`/ga/alerts/stop` for a member who followed in
/// Irish: their emails link there).
fn lang_of(lang: Option<Extension<Lang>>) -> Lang {
    lang.map(|Extension(lang)| lang).unwrap_or_default()
}

async fn ask(
    State(app): State<AppState>,
    lang: Option<Extension<Lang>>,
    RawQuery(query): RawQuery,
) -> Response {
    let lang = lang_of(lang);
    let query = query.unwrap_or_default();
    let follows = match named_follows(&app, lang, &query).await {
        Ok(follows) => follows,
        Err(response) => return response,
    };
    if follows.is_empty() {
        return nothing_to_stop(lang);
    }
    let action = format!("{}?{query}", lang.path(STOP_PATH));
    page(
        lang,
        StatusCode::OK,
        &t!(lang, "stop-ask-title"),
        &format!(
            "<p>{}</p><ul>{}</ul><form method=\"post\" action=\"{}\"><button type=\"submit\" class=\"button\">{}</button></form><p>{}</p>",
            escape(t!(lang, "stop-ask")),
            labels(&follows),
            escape(&action),
            escape(t!(lang, "stop-button")),
            escape(t!(lang, "stop-ask-hint"))
        ),
    )
}

async fn stop(
    State(app): State<AppState>,
    lang: Option<Extension<Lang>>,
    RawQuery(query): RawQuery,
) -> Response {
    let lang = lang_of(lang);
    let follows = match named_follows(&app, lang, &query.unwrap_or_default()).await {
        Ok(follows) => follows,
        Err(response) => return response,
    };
    if follows.is_empty() {
        return nothing_to_stop(lang);
    }
    for follow in &follows {
        if let Err(err) = app.store.remove_follow(&follow.member, &follow.id()).await {
            tracing::warn!(error = %err, "stop link: cannot remove a follow");
            return page(
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                &t!(lang, "stop-try-again-title"),
                &format!("<p>{}</p>", escape(t!(lang, "stop-cannot-stop"))),
            );
        }
    }
    tracing::info!(member = %follows[0].member, stopped = follows.len(), "follows stopped from an email");
    page(
        lang,
        StatusCode::OK,
        &t!(lang, "stop-done-title"),
        &format!(
            "<p role=\"status\">{}</p><ul>{}</ul><p><a href=\"{}\">{}</a></p>",
            escape(t!(lang, "stop-done")),
            labels(&follows),
            lang.path("/"),
            escape(t!(lang, "home-title"))
        ),
    )
}

/// A small page of its own, plain HTML (readable on any phone; the CSP allows no inline
/// style, and these pages need no script): these answers are for people arriving from an email, and
/// must never be kept by a cache (each is about one member's follows).
fn page(lang: Lang, status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        [(CACHE_CONTROL, "no-store")],
        Html(format!(
            "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title} · Seisiún</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
            title = escape(title),
            code = lang.code()
        )),
    )
        .into_response()
}
