use crate::components::MissingNotice;
use leptos::prelude::*;

use crate::t;

/// A real 404: the status code for crawlers, a way back for people.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = crate::i18n::use_lang();
    view! {
        <MissingNotice
            title=t!(lang, "not-found-title")
            heading=t!(lang, "not-found-heading")
            message=t!(lang, "not-found-message")
            back_href=lang.path("/")
            back_label=t!(lang, "back-to-all")
        />
    }
}
