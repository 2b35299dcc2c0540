use leptos::prelude::*;

use crate::model::PlaceName;
use crate::t;

/// "All countries › Ireland › Clare › Ennis": where a page sits, each step a link.
#[component]
pub fn Breadcrumbs(trail: Vec<PlaceName>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <nav class="breadcrumbs" aria-label=t!(lang, "breadcrumb")>
            <ol>
                <li><a href=lang.path("/sessions")>{t!(lang, "all-countries")}</a></li>
                {trail
                    .into_iter()
                    .map(|p| view! { <li><a href=lang.path(&p.path.href())>{p.name}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}
