//! `/alerts/stop`: the link in every digest that stops emails about one place (or every
//! place the member follows), with no sign-in. Opening it asks (mail scanners open links, and
//! must not unsubscribe anyone); pressing the button, or a mail app's one-click `POST`
//! (RFC 8058, `List-Unsubscribe-Post`), stops them. The link carries the follow's id (or
//! `all=1`) and the secret stored with the member's follows, compared in constant time.
use app::model::{Follow, MemberId};
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use quick_xml::escape::escape;

use crate::routes::ServerState;

pub const STOP_PATH: &str = "/alerts/stop";

pub fn routes() -> Router<ServerState> {
    Router::new().route(STOP_PATH, get(ask).post(stop))
}

/// The follows a stop link names, checked against the stored ones.
async fn named_follows(app: &AppState, query: &str) -> Result<Vec<Follow>, Response> {
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
            StatusCode::BAD_REQUEST,
            "Not a stop link",
            "<p>This link is not one of ours, or it was cut short. Copy the whole link from the email, or change what you follow on <a href=\"/account#following\">your account page</a>.</p>",
        ));
    };
    let stored = app.store.follows_of(&member).await.map_err(|err| {
        tracing::warn!(error = %err, "stop link: cannot read follows");
        page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Please try again",
            "<p>We could not reach the list of what you follow just now. Nothing was changed; please try the link again in a minute.</p>",
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

const NOTHING_TO_STOP: &str = "<p>There is nothing to stop: these emails were already stopped (or the link is not one we sent). You can see what you follow on <a href=\"/account#following\">your account page</a>.</p>";

async fn ask(State(app): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let follows = match named_follows(&app, &query).await {
        Ok(follows) => follows,
        Err(response) => return response,
    };
    if follows.is_empty() {
        return page(StatusCode::OK, "Nothing to stop", NOTHING_TO_STOP);
    }
    let action = format!("{STOP_PATH}?{query}");
    page(
        StatusCode::OK,
        "Stop these emails?",
        &format!(
            "<p>You will get no more emails about:</p><ul>{}</ul><form method=\"post\" action=\"{}\"><button type=\"submit\" class=\"button\">Stop these emails</button></form><p>No sign-in needed. You can follow places again at any time.</p>",
            labels(&follows),
            escape(&action)
        ),
    )
}

async fn stop(State(app): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let follows = match named_follows(&app, &query.unwrap_or_default()).await {
        Ok(follows) => follows,
        Err(response) => return response,
    };
    if follows.is_empty() {
        return page(StatusCode::OK, "Nothing to stop", NOTHING_TO_STOP);
    }
    for follow in &follows {
        if let Err(err) = app.store.remove_follow(&follow.member, &follow.id()).await {
            tracing::warn!(error = %err, "stop link: cannot remove a follow");
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again",
                "<p>We could not stop the emails just now. Please press the button again in a minute.</p>",
            );
        }
    }
    tracing::info!(member = %follows[0].member, stopped = follows.len(), "follows stopped from an email");
    page(
        StatusCode::OK,
        "Emails stopped",
        &format!(
            "<p role=\"status\">Done: you will get no more emails about</p><ul>{}</ul><p><a href=\"/\">Find a session tonight</a></p>",
            labels(&follows)
        ),
    )
}

/// A small page of its own, plain HTML (readable on any phone; the CSP allows no inline
/// style, and these pages need no script): these answers are for people arriving from an email, and
/// must never be kept by a cache (each is about one member's follows).
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        [(CACHE_CONTROL, "no-store")],
        Html(format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title} · Seisiún</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
            title = escape(title)
        )),
    )
        .into_response()
}
