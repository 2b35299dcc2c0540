use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// What every public page tells crawlers and link previews: title, description, canonical
/// URL, OpenGraph and Twitter tags, and its schema.org JSON-LD.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] canonical_url: String,
    /// Already escaped for a `<script>` element (see `api::json_ld`).
    #[prop(into)]
    json_ld: String,
) -> impl IntoView {
    // Each language's page is its own canonical, and names the other (`hreflang`).
    let lang = crate::i18n::use_lang();
    let english_url = canonical_url;
    let canonical_url = lang.url(&english_url);
    let alternates = crate::i18n::Lang::ALL.map(|other| {
        view! { <Link rel="alternate" hreflang=other.code() href=other.url(&english_url)/> }
    });
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=canonical_url.clone()/>
        {alternates}
        <Link rel="alternate" hreflang="x-default" href=english_url/>
        <Meta property="og:locale" content=lang.og_locale()/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content="Seisiún"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=canonical_url/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        <script type="application/ld+json" inner_html=json_ld></script>
    }
    .into_any()
}
