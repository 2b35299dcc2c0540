//! `/account/outbox`, on a developer's machine only: the codes the local identity provider
//! "emailed" and the digests the local outbox kept, with a button that runs the digest now
//! (the running site holds the data directory, so `server digest` cannot while it runs).
//! Served only when the site itself is on this machine, to a browser on this machine (a
//! loopback peer) that named this machine (a loopback `Host`, so a page using DNS
//! rebinding, whose requests carry its own host name, is refused).
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use quick_xml::escape::escape;

use crate::routes::ServerState;

pub const OUTBOX_PATH: &str = "/account/outbox";
pub const RUN_DIGEST_PATH: &str = "/account/outbox/digest";

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(OUTBOX_PATH, get(outbox))
        .route(RUN_DIGEST_PATH, post(run_digest))
}

fn on_this_machine(state: &ServerState, request: &Request) -> bool {
    let local_site = app::origin::is_local_site(&state.app.site_url);
    let loopback_peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .is_some_and(|info| info.0.ip().is_loopback());
    let loopback_host = request
        .headers()
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(app::origin::is_loopback_authority);
    local_site && loopback_peer && loopback_host
}

/// Escaped text with its web addresses made links (the stop link must be clickable).
fn linked(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            if word.starts_with("http://") || word.starts_with("https://") {
                let word = escape(word);
                out.push_str(&format!("<a href=\"{word}\">{word}</a>"));
            } else {
                out.push_str(&escape(word));
            }
        }
    }
    out
}

async fn outbox(State(state): State<ServerState>, request: Request) -> Response {
    if !on_this_machine(&state, &request)
        || (state.local_identity.is_none() && state.local_outbox.is_none())
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut codes = String::new();
    for sent in state.local_identity.iter().flat_map(|i| i.outbox()) {
        codes.push_str(&format!(
            "<li><span class=\"outbox-email\">{}</span>: <strong class=\"outbox-code\">{}</strong> to {}</li>",
            escape(&sent.email),
            escape(&sent.code),
            escape(sent.purpose)
        ));
    }
    let mut mail = String::new();
    if let Some(outbox) = &state.local_outbox {
        mail.push_str(&format!(
            "<h2>Digests</h2><form method=\"post\" action=\"{RUN_DIGEST_PATH}\"><button type=\"submit\">Run the digest now</button></form>"
        ));
        match outbox.newest(crate::mail::outbox::SHOWN) {
            Ok(sent) if sent.is_empty() => mail.push_str("<p>No digest sent yet.</p>"),
            Ok(sent) => {
                for sent in sent {
                    mail.push_str(&format!(
                        "<article class=\"outbox-message\"><h3>{}</h3><p>To {} · {}</p><pre>{}</pre></article>",
                        escape(&sent.email.subject),
                        escape(&sent.email.to),
                        sent.at.format("%Y-%m-%d %H:%M:%S UTC"),
                        linked(&sent.email.text)
                    ));
                }
            }
            Err(err) => mail.push_str(&format!(
                "<p>Cannot read the outbox: {}</p>",
                escape(err.to_string())
            )),
        }
    }
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>Local outbox · Seisiún</title></head><body><main><h1>Local outbox</h1><p>What this machine would have emailed, newest first.</p><h2>Codes</h2><ul>{codes}</ul>{mail}</main></body></html>"
    ))
    .into_response()
}

async fn run_digest(State(state): State<ServerState>, request: Request) -> Response {
    if !on_this_machine(&state, &request) || state.local_outbox.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let store = state.app.store.clone();
    // A developer's machine: what was just saved is news at once.
    let at = crate::digest::RunAt {
        now: chrono::Utc::now(),
        settle: chrono::Duration::zero(),
    };
    match crate::digest::run(
        store.as_ref(),
        state.mailer.as_ref(),
        &state.app.site_url,
        at,
    )
    .await
    {
        Ok(run) if run.left_work() => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("The digest ran but left work: {run:?}. See the server log.\n"),
        )
            .into_response(),
        Ok(_) => Redirect::to(OUTBOX_PATH).into_response(),
        Err(err) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("The digest could not run: {err}\n"),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_become_links_and_the_rest_is_escaped() {
        assert_eq!(
            super::linked("Stop: https://x.example/a?b=1&c=2\n<b>"),
            "Stop: <a href=\"https://x.example/a?b=1&amp;c=2\">https://x.example/a?b=1&amp;c=2</a>\n&lt;b&gt;"
        );
    }
}
