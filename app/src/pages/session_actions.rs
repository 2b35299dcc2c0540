//! What a member can do on a session page besides reviewing: bookmark it, report it or a
//! review, and (moderators) restore what was hidden. Each is a plain form that works
//! without JavaScript; only the bookmark needs an island of its own, to turn at once.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::member::SetBookmarkCall;
use crate::api::moderation::{ReportCall, RestoreCall};
use crate::components::{Button, PostForm};
use crate::t;

/// Bookmark or un-bookmark. Hydrated, the button turns as soon as it is pressed (the post
/// goes on in the background, and a refusal turns it back with a message), so it never
/// waits on a slow connection, and the page stays where it is.
#[component]
pub fn BookmarkButton(session_id: String, bookmarked: bool) -> impl IntoView {
    let refused = crate::components::refused_by(SetBookmarkCall::PATH);
    let hide_alert = refused.is_none();
    let lang = crate::i18n::use_lang();
    let (on, off) = (t!(lang, "bookmarked"), t!(lang, "bookmark"));
    let shown = if bookmarked { on.clone() } else { off.clone() };
    view! {
        <Bookmark>
            <form method="post" action=SetBookmarkCall::PATH class="bookmark-form">
                <input type="hidden" name="session_id" value=session_id/>
                // What pressing asks for: the opposite of what is shown.
                <input type="hidden" name="bookmarked" value=(!bookmarked).to_string()/>
                <button
                    type="submit"
                    class="button secondary"
                    aria-pressed=bookmarked.to_string()
                    data-on=on
                    data-off=off
                >
                    {shown}
                </button>
            </form>
            <p class="error" role="alert" hidden=hide_alert>{refused}</p>
        </Bookmark>
    }
}

#[island]
fn Bookmark(children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use crate::components::browser;
            let Some((post, form, _)) = browser::take_over(&ev) else {
                return;
            };
            let Some(root) = form.parent_element() else {
                return;
            };
            // Shows `on` as the state: the button's words and pressed state, and the
            // opposite as what the next press asks for.
            let show = {
                let form = form.clone();
                move |on: bool| {
                    if let Some(button) = browser::find::<web_sys::Element>(&form, "button") {
                        let words = button.get_attribute(if on { "data-on" } else { "data-off" });
                        button.set_text_content(words.as_deref());
                        let _ = button.set_attribute("aria-pressed", &on.to_string());
                    }
                    if let Some(next) =
                        browser::find::<web_sys::HtmlInputElement>(&form, "input[name=bookmarked]")
                    {
                        next.set_value(&(!on).to_string());
                    }
                }
            };
            let asked = post.body().contains("bookmarked=true");
            show(asked);
            browser::set_buttons_disabled(&form, true);
            browser::alert(&root, None);
            leptos::task::spawn_local(async move {
                if let Err(message) = browser::send(post, &browser::target(&form)).await {
                    show(!asked);
                    browser::alert(&root, Some(&message));
                }
                browser::set_buttons_disabled(&form, false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="enhanced" on:submit=on_submit>{children()}</div> }
}

/// Report the session, or one of its reviews (`review` is its handle). The answer is on
/// the page the server sends back to (`?reported=…`), opened at this form.
#[component]
pub fn ReportForm(
    session_id: String,
    #[prop(optional)] review: Option<String>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let query = leptos_router::hooks::use_query_map();
    let sent = {
        let query = query.read_untracked();
        match query.get("reported") {
            Some(outcome) if query.get("review") == review => Some(if outcome == "again" {
                t!(lang, "report-already-sent")
            } else {
                t!(lang, "report-sent")
            }),
            _ => None,
        }
    };
    let came_back = sent.is_some();
    view! {
        <details class="report" id=came_back.then_some("report-sent") open=came_back>
            <summary>{label}</summary>
            <PostForm action=ReportCall::PATH buttons=vec![Button::new(t!(lang, "send-report"), t!(lang, "sending")).secondary()]>
                <input type="hidden" name="session_id" value=session_id/>
                {review.map(|handle| view! { <input type="hidden" name="review" value=handle/> })}
                <label>
                    {t!(lang, "what-is-wrong")}
                    <select name="reason" required>
                        <option value="">{t!(lang, "choose")}</option>
                        {crate::model::REPORT_REASONS
                            .iter()
                            .map(|(slug, _)| view! { <option value=*slug>{t!(lang, "report-reason", reason = *slug)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t!(lang, "report-details")}
                    <textarea name="details" rows="3" maxlength=crate::model::MAX_REPORT_DETAILS.to_string()></textarea>
                </label>
            </PostForm>
            <p role="status">{sent}</p>
        </details>
    }
}

/// A moderator's "Restore" for a hidden session, or for one hidden review (`review`).
#[component]
pub fn RestoreButton(
    session_id: String,
    #[prop(optional)] review: Option<String>,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <PostForm
            action=RestoreCall::PATH
            class="restore-form"
            buttons=vec![Button::new(t!(lang, "restore"), t!(lang, "restoring")).secondary()]
        >
            <input type="hidden" name="session_id" value=session_id/>
            {review.map(|handle| view! { <input type="hidden" name="review" value=handle/> })}
        </PostForm>
    }
}
