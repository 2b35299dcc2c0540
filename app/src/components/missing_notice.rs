use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// What a page says when the thing asked for is not there: kept out of search results,
/// with a way back.
#[component]
pub fn MissingNotice(
    title: &'static str,
    heading: &'static str,
    message: String,
    back_href: &'static str,
    back_label: &'static str,
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
