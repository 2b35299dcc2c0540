use leptos::prelude::*;

/// Search by session, venue, town or area. A plain GET form to `/search?q=…`, so results
/// are a link and work without JavaScript. (The router's `<Form>` would navigate in place
/// but adds an empty `&=` for the unnamed submit button to the URL people share.)
#[component]
pub fn SearchForm(#[prop(into, optional)] value: String) -> impl IntoView {
    view! {
        <form method="get" action="/search" class="search-form" role="search">
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
        </form>
    }
}
