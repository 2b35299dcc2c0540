use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A real 404: the status code for crawlers, a way back for people.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <Meta name="robots" content="noindex"/>
        <section class="not-found">
            <h1>"We could not find that page"</h1>
            <p>"The session may have moved, or the link may be mistyped."</p>
            <p><a href="/">"Back to all sessions"</a></p>
        </section>
    }
}
