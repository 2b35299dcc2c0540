use leptos::prelude::*;

use crate::t;

use crate::model::ListedSession;

/// One session in a list: what, when next, where, how far, and what kind.
#[component]
pub fn SessionCard(session: ListedSession) -> impl IntoView {
    let distance = session.distance_text();
    let lang = crate::i18n::use_lang();
    let ListedSession {
        href,
        name,
        venue,
        place,
        schedule,
        tags,
        status_note,
        next,
        next_at,
        possibly_stale,
        ..
    } = session;
    view! {
        <li class="session-card">
            <h3 class="session-title">
                <a class="session-name" href=lang.path(&href)>{name}</a>
            </h3>
            {status_note.map(|s| view! { <p class="session-status">{s}</p> })}
            {possibly_stale.then(|| view! {
                <p class="session-stale">{t!(lang, "card-stale")}</p>
            })}
            {next.map(|when| view! {
                <p class="session-next">{format!("{} ", t!(lang, "card-next"))}<strong><time class="starts" datetime=next_at>{when}</time></strong></p>
            })}
            {distance.map(|d| view! { <p class="session-distance">{t!(lang, "card-distance", distance = d)}</p> })}
            <p class="session-venue">{venue}</p>
            <p class="session-place">{place}</p>
            <p class="session-when">{schedule}</p>
            <ul class="tags" aria-label=t!(lang, "tags")>
                {tags.into_iter().map(|tag| view! { <li class="tag">{crate::i18n::tag_label(lang, tag)}</li> }).collect_view()}
            </ul>
        </li>
    }
    .into_any()
}
