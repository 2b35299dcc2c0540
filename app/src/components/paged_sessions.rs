//! A page of sessions with "More sessions" below it, all server HTML. Without JavaScript
//! "More sessions" is a plain link-like form to the next page; hydrated, the pager island
//! fetches that same next page as HTML and moves its cards onto the end of this list, so
//! the browser needs no session types, no JSON and no card view code of its own.
use leptos::prelude::*;

use crate::t;

use crate::api::ListQuery;
use crate::components::{MapToggle, SessionCard};
use crate::model::ListedPage;

/// The id of the list the pager appends to (one list per page).
pub const LIST_ID: &str = "session-list";

#[component]
pub fn PagedSessions(
    first: ListedPage,
    total: Option<u64>,
    query: ListQuery,
    action: String,
    #[prop(into)] empty_message: String,
) -> impl IntoView {
    let ListedPage {
        sessions,
        next_cursor,
    } = first;
    if sessions.is_empty() {
        return view! { <p class="empty">{empty_message}</p> }.into_any();
    }
    let shown = sessions.len();
    let lang = crate::i18n::use_lang();
    view! {
        <MapToggle sessions=sessions.clone() path=action.clone() pairs=query.url_pairs() which="list"/>
        <ul id=LIST_ID class="session-list" aria-label=t!(lang, "sessions")>
            {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
        </ul>
        <SessionPager>
            <p class="shown-count" aria-live="polite" data-total=total.map(|t| t.to_string())>
                {shown_text(shown as u32, total)}
            </p>
            <p class="error" role="alert" hidden></p>
            {next_cursor.map(|cursor| view! {
                <form class="more" method="get" action=action>
                    {query
                        .url_pairs()
                        .into_iter()
                        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
                        .collect_view()}
                    <input type="hidden" name="after" value=cursor/>
                    <button type="submit" class="button">{t!(lang, "more-sessions")}</button>
                </form>
            })}
        </SessionPager>
    }
    .into_any()
}

/// "Showing 48 of 320", or "Showing 48" when the whole count is unknown (a search).
pub fn shown_text(shown: u32, total: Option<u64>) -> String {
    let lang = crate::i18n::use_lang();
    match total {
        Some(total) => t!(lang, "showing-of", shown = shown, total = total),
        None => t!(lang, "showing", shown = shown),
    }
}

/// Hydrated, "More sessions" appends the next page here instead of opening it.
#[island]
fn SessionPager(children: Children) -> impl IntoView {
    let on_more = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use crate::components::browser;
            let Some((query, form, pressed)) = browser::take_over(&ev) else {
                return;
            };
            let Some(pager) = form.parent_element() else {
                return;
            };
            browser::set_buttons_disabled(&form, true);
            if let Some(button) = &pressed {
                button.set_text_content(Some(&t!(crate::i18n::use_lang(), "loading")));
            }
            let url = format!("{}?{}", browser::target(&form), query.body());
            leptos::task::spawn_local(async move {
                match browser::append_next_page(&url, LIST_ID).await {
                    Ok(more) => {
                        browser::alert(&pager, None);
                        browser::show_visitor_times();
                        if let Some(count) =
                            browser::find::<web_sys::Element>(&pager, ".shown-count")
                        {
                            let total = count
                                .get_attribute("data-total")
                                .and_then(|t| t.parse().ok());
                            count.set_text_content(Some(&shown_text(more.shown, total)));
                        }
                        match more.next_cursor {
                            Some(cursor) => {
                                if let Some(after) = browser::find::<web_sys::HtmlInputElement>(
                                    &form,
                                    "input[name=after]",
                                ) {
                                    after.set_value(&cursor);
                                }
                            }
                            None => {
                                // The button goes: keyboard focus moves to the first new card.
                                if let Some(link) = more.first_added.as_ref().and_then(|card| {
                                    browser::find::<web_sys::HtmlElement>(card, "a")
                                }) {
                                    let _ = link.focus();
                                }
                                form.set_hidden(true);
                            }
                        }
                    }
                    Err(message) => browser::alert(&pager, Some(&message)),
                }
                if let Some(button) = &pressed {
                    button.set_text_content(Some(&t!(crate::i18n::use_lang(), "more-sessions")));
                }
                browser::set_buttons_disabled(&form, false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="pager" on:submit=on_more>{children()}</div> }
}
