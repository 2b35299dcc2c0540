//! The one axum Router: pages, server functions, health checks, static files, and the
//! layers every response passes through (request ids, tracing, compression).

use app::state::AppState;
use app::{shell, App};
use axum::extract::{FromRef, State};
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The request id header: set here when a client or CloudFront did not send one.
pub const REQUEST_ID: &str = "x-request-id";

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    /// The local identity provider, whose public keys are served at
    /// `/.well-known/jwks.json` and, on a developer's machine, its outbox of codes at
    /// `/account/outbox`; `None` when accounts are elsewhere (Cognito).
    pub local_identity: Option<crate::auth::local::LocalIdentity>,
    /// CloudFront's secret header value (`ORIGIN_VERIFY_SECRET`): when set, requests
    /// without it are refused, so the function URL answers only through CloudFront.
    pub origin_secret: Option<std::sync::Arc<str>>,
    /// The secret's previous value while it is rotated (`ORIGIN_VERIFY_SECRET_PREVIOUS`),
    /// accepted as well, so edges still sending it are not refused.
    #[from_ref(skip)]
    pub previous_origin_secret: Option<std::sync::Arc<str>>,
    /// How long public pages are kept in this process (`PAGE_CACHE_MS`; zero: not kept).
    #[from_ref(skip)]
    pub page_cache: std::time::Duration,
    /// Where digests go (`MAIL`).
    #[from_ref(skip)]
    pub mailer: std::sync::Arc<dyn crate::mail::Mailer>,
    /// The local outbox when it is the mailer, shown on `/account/outbox`.
    #[from_ref(skip)]
    pub local_outbox: Option<crate::mail::outbox::LocalOutbox>,
}

/// The brotli quality for responses compressed as they are sent (see `router`).
pub const PAGE_BROTLI_QUALITY: i32 = 5;

/// Every route, in English at the root and in Irish under `/ga` (`languages.rs`).
pub fn router(state: ServerState) -> Router {
    crate::languages::serve_both(routes(state))
}

fn routes(state: ServerState) -> Router {
    let routes = generate_route_list(App);
    let provide_app = {
        let app = state.app.clone();
        move || provide_context(app.clone())
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let request_id = HeaderName::from_static(REQUEST_ID);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/.well-known/jwks.json", get(jwks))
        .merge(crate::outbox_page::routes())
        .merge(crate::alerts::routes())
        .route(
            "/session/{id}/calendar.ics",
            get(crate::calendar::session_ics),
        )
        .route(
            "/feeds/bookmarks/{file}",
            get(crate::calendar::bookmarks_feed),
        )
        .merge(crate::feeds::routes())
        .merge(crate::api_v1::routes())
        .leptos_routes_with_context(&state, routes, provide_app.clone(), render_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(provide_app, shell))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            crate::body_limit::MAX_BODY_BYTES,
        ))
        .layer(axum::middleware::from_fn(
            crate::body_limit::refuse_large_bodies,
        ))
        .layer(axum::middleware::from_fn_with_state(
            crate::form_errors::FormErrorKey::new(state.origin_secret.as_deref()),
            crate::form_errors::signed_form_errors,
        ))
        .layer(axum::middleware::map_response(retry_after_when_unavailable))
        .layer(axum::middleware::from_fn(crate::cdn::page_cache_control))
        .layer(axum::middleware::from_fn_with_state(
            crate::security_headers::SecurityHeaders::for_site(
                &state.app.site_url,
                &state.app.map_tiles,
                matches!(state.leptos_options.env, leptos::config::Env::DEV),
            ),
            crate::security_headers::add,
        ))
        // A body must keep arriving: one trickled a byte at a time cannot hold a request.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            BODY_READ_TIMEOUT,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|req: &Request<_>| {
                            let id = req
                                .headers()
                                .get(REQUEST_ID)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            tracing::info_span!(
                                "request",
                                method = %req.method(),
                                path = %req.uri().path(),
                                request_id = %id,
                            )
                        })
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                // Every request, cached or not, must come through CloudFront (in AWS).
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    crate::cdn::only_through_cloudfront,
                ))
                // Outside compression, so a kept page is kept compressed.
                .layer(axum::middleware::from_fn_with_state(
                    crate::page_cache::PageCache::new(state.page_cache),
                    crate::page_cache::serve,
                ))
                // Pages are compressed per request: brotli 5 makes the home page 6% smaller
                // than tower-http's default 4 for 9% more time; 11 would take 100× as long
                // (scripts/bench-brotli). Hashed bundles are compressed once, at the edge.
                .layer(
                    CompressionLayer::new().quality(CompressionLevel::Precise(PAGE_BROTLI_QUALITY)),
                ),
        )
        .with_state(state)
}

/// The most time a request body may take to arrive (bodies are at most 64 KB).
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// The process is up. Says nothing about its dependencies.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the store answers.
async fn readyz(State(app): State<AppState>) -> impl IntoResponse {
    match app.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable")
        }
    }
}

/// How long a client should wait before trying again when the store is busy or down.
pub const RETRY_AFTER_SECONDS: &str = "5";

/// Every 503 — a page, a server function, the API, a feed, `/readyz` — tells clients and
/// crawlers when to come back, so they retry later instead of at once.
async fn retry_after_when_unavailable(
    mut response: axum::response::Response,
) -> axum::response::Response {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .entry(http::header::RETRY_AFTER)
            .or_insert(http::HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    response
}

/// The local identity provider's signing keys, for anyone verifying its tokens.
async fn jwks(State(state): State<ServerState>) -> axum::response::Response {
    match state.local_identity {
        Some(identity) => (
            [(http::header::CACHE_CONTROL, "public, max-age=3600")],
            axum::Json(identity.jwks()),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
