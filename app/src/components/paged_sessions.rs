use leptos::prelude::*;

use crate::api::{list_sessions, ListQuery};
use crate::components::SessionCard;
use crate::model::ListedPage;

/// A list of sessions with a "More sessions" control. Without JavaScript the control is a
/// plain GET form to `action?…&after=…`; once hydrated it appends the next page in place.
#[component]
pub fn PagedSessions(
    first: ListedPage,
    /// How many sessions the whole listing has, for "Showing 24 of 60"; `None` when a
    /// filter or a search makes the total unknown.
    total: Option<u64>,
    /// What is listed: the same query the first page came from.
    query: ListQuery,
    /// The page the no-JavaScript form submits to.
    action: String,
    /// Shown instead of an empty list.
    #[prop(into)]
    empty_message: String,
) -> impl IntoView {
    let sessions = RwSignal::new(first.sessions);
    let next_cursor = RwSignal::new(first.next_cursor);
    let failure = RwSignal::new(None::<String>);
    let hidden_fields = query.url_pairs();
    let load_more =
        Action::new(move |cursor: &String| list_sessions(query.clone(), Some(cursor.clone())));

    Effect::new(move |_| {
        if let Some(result) = load_more.value().get() {
            match result {
                Ok(more) => {
                    sessions.update(|list| list.extend(more.sessions));
                    next_cursor.set(more.next_cursor);
                    failure.set(None);
                }
                Err(err) => failure.set(Some(err.message)),
            }
        }
    });

    let on_more = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(cursor) = next_cursor.get_untracked() {
            load_more.dispatch(cursor);
        }
    };
    let pending = load_more.pending();

    view! {
        <Show when=move || !sessions.read().is_empty()
            fallback=move || view! { <p class="empty">{empty_message.clone()}</p> }>
            <ul class="session-list" aria-label="Sessions">
                <For
                    each=move || sessions.get()
                    key=|session| session.id.clone()
                    children=|session| view! { <SessionCard session/> }
                />
            </ul>
        </Show>
        <p class="shown-count" aria-live="polite">
            {move || {
                let shown = sessions.read().len();
                match total {
                    Some(total) => format!("Showing {shown} of {total}"),
                    None => format!("Showing {shown}"),
                }
            }}
        </p>
        {move || failure.get().map(|msg| view! { <p class="error" role="alert">{msg}</p> })}
        <Show when=move || next_cursor.read().is_some()>
            <form class="more" method="get" action=action.clone() on:submit=on_more>
                {hidden_fields
                    .iter()
                    .map(|(name, value)| view! { <input type="hidden" name=*name value=value.clone()/> })
                    .collect_view()}
                <input type="hidden" name="after" value=move || next_cursor.get().unwrap_or_default()/>
                <button type="submit" class="button" disabled=move || pending.get()>
                    {move || if pending.get() { "Loading…" } else { "More sessions" }}
                </button>
            </form>
        </Show>
    }
    .into_any()
}
