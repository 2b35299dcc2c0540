use crate::components::MissingNotice;
use leptos::prelude::*;

/// A real 404: the status code for crawlers, a way back for people.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <MissingNotice
            title="Page not found"
            heading="We could not find that page"
            message="The session may have moved, or the link may be mistyped.".to_string()
            back_href="/"
            back_label="Back to all sessions"
        />
    }
}
