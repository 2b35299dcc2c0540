use leptos::prelude::*;

use crate::model::PlaceName;

/// "All countries › Ireland › Clare › Ennis": where a page sits, each step a link.
#[component]
pub fn Breadcrumbs(trail: Vec<PlaceName>) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/sessions">"All countries"</a></li>
                {trail
                    .into_iter()
                    .map(|p| view! { <li><a href=p.path.href()>{p.name}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}
