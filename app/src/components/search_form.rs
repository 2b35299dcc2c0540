use leptos::prelude::*;
use leptos_router::components::Form;

/// Search by session, venue, town or area. A GET form to `/search?q=…`, so results are a
/// link and work without JavaScript; hydrated, the router navigates in place.
#[component]
pub fn SearchForm(#[prop(into, optional)] value: String) -> impl IntoView {
    view! {
        <Form method="GET" action="/search" attr:class="search-form" attr:role="search">
            <label for="search-q">"Search sessions, venues and towns"</label>
            <div class="search-row">
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    value=value
                    placeholder="e.g. Doolin, Sláinte, Ennis"
                    minlength="2"
                    required
                    autocomplete="off"
                    enterkeyhint="search"
                />
                <button type="submit" class="button">"Search"</button>
            </div>
        </Form>
    }
}
