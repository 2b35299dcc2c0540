use leptos::prelude::*;

use crate::t;

use crate::api::ListQuery;
use crate::i18n::dates;
use crate::model::{weekday_slug, Tag, When, WEEKDAYS};

/// "On tonight / this week", a weekday and a tag, as a plain GET form, so a filtered list is
/// a link and works without JavaScript. The search or location the list is of rides along
/// in hidden fields.
#[component]
pub fn FilterBar(query: ListQuery, action: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let chosen = |value: &Option<String>, slug: &str| value.as_deref() == Some(slug);
    let when_options = When::ALL
        .iter()
        .map(|w| view! { <option value=w.slug() selected=chosen(&query.when, w.slug())>{t!(lang, "when-choice", when = w.slug())}</option> })
        .collect_view();
    let day_options = WEEKDAYS
        .iter()
        .map(|d| {
            let slug = weekday_slug(*d);
            view! { <option value=slug selected=chosen(&query.day, slug)>{dates::weekday(lang, *d)}</option> }
        })
        .collect_view();
    let tag_options = Tag::ALL
        .iter()
        .map(|t| view! { <option value=t.slug() selected=chosen(&query.tag, t.slug())>{crate::i18n::tag_label(lang, *t)}</option> })
        .collect_view();
    let hidden = query
        .scope_pairs()
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    let clear_href = match crate::api::encode_pairs(&query.scope_pairs()) {
        pairs if pairs.is_empty() => action.clone(),
        pairs => format!("{action}?{pairs}"),
    };
    let filtered = query.has_filters();
    view! {
        <form method="get" action=action class="filters" aria-label=t!(lang, "filter-label")>
            {hidden}
            <label>
                <span>{t!(lang, "when")}</span>
                <select name="when">
                    <option value="">{t!(lang, "any-time")}</option>
                    {when_options}
                </select>
            </label>
            <label>
                <span>{t!(lang, "day")}</span>
                <select name="day">
                    <option value="">{t!(lang, "any-day")}</option>
                    {day_options}
                </select>
            </label>
            <label>
                <span>{t!(lang, "kind")}</span>
                <select name="tag">
                    <option value="">{t!(lang, "any-kind")}</option>
                    {tag_options}
                </select>
            </label>
            <button type="submit" class="button">{t!(lang, "filter")}</button>
            {filtered.then(|| view! { <a class="clear-filters" href=clear_href>{t!(lang, "clear-filters")}</a> })}
        </form>
    }
    .into_any()
}
