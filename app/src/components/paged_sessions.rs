use leptos::prelude::*;

use crate::api::list_sessions;
use crate::components::SessionCard;
use crate::model::SessionPage;

/// A list of sessions with a "More sessions" control. Without JavaScript the control is a
/// plain GET form to `action?after=…`; once hydrated it appends the next page in place.
#[component]
pub fn PagedSessions(
    first: SessionPage,
    /// How many sessions the whole listing has, for "Showing 24 of 60".
    total: u64,
    /// The place key to list (`ie/clare`), or `None` for every session by name.
    place: Option<String>,
    /// The page the no-JavaScript form submits to.
    action: String,
) -> impl IntoView {
    let sessions = RwSignal::new(first.sessions);
    let next_cursor = RwSignal::new(first.next_cursor);
    let failure = RwSignal::new(None::<String>);
    let load_more =
        Action::new(move |cursor: &String| list_sessions(place.clone(), Some(cursor.clone())));

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
        <ul class="session-list" aria-label="Sessions">
            <For
                each=move || sessions.get()
                key=|session| session.id.clone()
                children=|session| view! { <SessionCard session/> }
            />
        </ul>
        <p class="shown-count" aria-live="polite">
            {move || format!("Showing {} of {total}", sessions.read().len())}
        </p>
        {move || failure.get().map(|msg| view! { <p class="error" role="alert">{msg}</p> })}
        <Show when=move || next_cursor.read().is_some()>
            <form class="more" method="get" action=action.clone() on:submit=on_more>
                <input type="hidden" name="after" value=move || next_cursor.get().unwrap_or_default()/>
                <button type="submit" class="button" disabled=move || pending.get()>
                    {move || if pending.get() { "Loading…" } else { "More sessions" }}
                </button>
            </form>
        </Show>
    }
}
