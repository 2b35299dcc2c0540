use leptos::prelude::*;

use crate::t;

/// Search by session, venue, town or area. A plain GET form to `/search?q=…`, so results
/// are a link and work without JavaScript. (The router's `<Form>` would navigate in place
/// but adds an empty `&=` for the unnamed submit button to the URL people share.)
#[component]
pub fn SearchForm(#[prop(into, optional)] value: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <form method="get" action=lang.path("/search") class="search-form" role="search">
            <label for="search-q">{t!(lang, "search-label")}</label>
            <div class="search-row">
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    value=value
                    placeholder=t!(lang, "search-placeholder")
                    minlength="2"
                    required
                    autocomplete="off"
                    enterkeyhint="search"
                />
                <button type="submit" class="button">{t!(lang, "nav-search")}</button>
            </div>
        </form>
    }
}
