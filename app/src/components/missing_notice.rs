use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// What a page says when the thing asked for is not there: kept out of search results,
/// with a way back.
#[component]
pub fn MissingNotice(
    #[prop(into)] title: String,
    #[prop(into)] heading: String,
    #[prop(into)] message: String,
    #[prop(into)] back_href: String,
    #[prop(into)] back_label: String,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <Meta name="robots" content="noindex"/>
        <section class="not-found">
            <h1>{heading}</h1>
            <p role="alert">{message}</p>
            <p><a href=back_href>{back_label}</a></p>
        </section>
    }
}
