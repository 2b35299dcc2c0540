//! What a member can do on a session page. The actions live above the page's data, so
//! the page reads the session again after one lands (and only then: a failed save keeps
//! the form as the member left it).
use leptos::prelude::*;

use crate::api::confirm::ConfirmSessionCall;
use crate::api::member::SetBookmarkCall;
use crate::api::moderation::{ReportCall, RestoreCall};
use crate::api::review::{DeleteReviewCall, SaveReviewCall};

#[derive(Clone, Copy)]
pub struct SessionActions {
    pub save: ServerAction<SaveReviewCall>,
    pub delete: ServerAction<DeleteReviewCall>,
    pub confirm: ServerAction<ConfirmSessionCall>,
    pub bookmark: ServerAction<SetBookmarkCall>,
    pub report: ServerAction<ReportCall>,
    pub restore: ServerAction<RestoreCall>,
}

impl SessionActions {
    pub fn new() -> Self {
        Self {
            save: ServerAction::new(),
            delete: ServerAction::new(),
            confirm: ServerAction::new(),
            bookmark: ServerAction::new(),
            report: ServerAction::new(),
            restore: ServerAction::new(),
        }
    }

    /// Changes each time one of the actions succeeds.
    pub fn landed(self) -> Signal<u32> {
        let landed = RwSignal::new(0u32);
        Effect::new(move |_| {
            let saved = matches!(self.save.value().get(), Some(Ok(_)));
            let deleted = matches!(self.delete.value().get(), Some(Ok(_)));
            let confirmed = matches!(self.confirm.value().get(), Some(Ok(_)));
            let bookmarked = matches!(self.bookmark.value().get(), Some(Ok(_)));
            let restored = matches!(self.restore.value().get(), Some(Ok(_)));
            if saved || deleted || confirmed || bookmarked || restored {
                landed.update(|n| *n += 1);
            }
        });
        landed.into()
    }
}

/// "Bookmark" / "Bookmarked ✓". The label turns as soon as it is pressed (a bookmark is
/// safe to show before the server answers); if the server refuses, it turns back and
/// says why.
#[component]
pub fn BookmarkButton(session_id: String, bookmarked: bool) -> impl IntoView {
    use leptos::form::ActionForm;

    let action = expect_context::<SessionActions>().bookmark;
    let error = crate::components::error_of(action);
    let shown = move || {
        if action.pending().get() {
            action
                .input()
                .get()
                .map_or(bookmarked, |call| call.bookmarked)
        } else {
            match action.value().get() {
                Some(Ok(now)) => now,
                _ => bookmarked,
            }
        }
    };
    view! {
        <ActionForm action attr:class="bookmark-form">
            <input type="hidden" name="session_id" value=session_id/>
            <input type="hidden" name="bookmarked" value=move || (!shown()).to_string()/>
            <button type="submit" class="button secondary" aria-pressed=move || shown().to_string()>
                {move || if shown() { "Bookmarked ✓" } else { "Bookmark" }}
            </button>
        </ActionForm>
        <crate::components::Alert message=error/>
    }
}

/// "Report a problem": why, and an optional note, for moderators. Folded away until
/// opened; the form stays as typed if the server refuses it.
#[component]
pub fn ReportForm(
    session_id: String,
    #[prop(optional)] review: String,
    label: &'static str,
) -> impl IntoView {
    use leptos::form::ActionForm;

    let action = expect_context::<SessionActions>().report;
    let error = crate::components::error_of(action);
    let pending = action.pending();
    // Several forms share the one action: each answers only for a report sent from it
    // (the submit event bubbles to its wrapper before the action runs).
    let submitted = RwSignal::new(false);
    // Without JavaScript the post comes back to `?reported=new|again` (with `&review=`
    // for a review's form): that form opens and says the same.
    let query = leptos_router::hooks::use_query_map();
    let from_url = {
        let review = review.clone();
        move |query: &leptos_router::params::ParamsMap| {
            use crate::api::moderation::{REPORT_ALREADY_SENT, REPORT_SENT};
            let outcome = query.get("reported")?;
            (query.get("review").unwrap_or_default() == review).then_some(if outcome == "again" {
                REPORT_ALREADY_SENT
            } else {
                REPORT_SENT
            })
        }
    };
    let came_back = from_url(&query.read_untracked()).is_some();
    let sent = move || match (submitted.get(), action.value().get()) {
        (true, Some(Ok(message))) => Some(message),
        _ => from_url(&query.read()).map(str::to_string),
    };
    view! {
        <details
            class="report"
            id=came_back.then_some("report-sent")
            open=came_back
            on:submit=move |_| submitted.set(true)
        >
            <summary>{label}</summary>
            <ActionForm action>
                <input type="hidden" name="session_id" value=session_id/>
                <input type="hidden" name="review" value=review/>
                <label>
                    "What is wrong?"
                    <select name="reason" required>
                        <option value="">"Choose…"</option>
                        {crate::model::REPORT_REASONS
                            .iter()
                            .map(|(slug, words)| view! { <option value=*slug>{*words}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Anything moderators should know (optional)"
                    <textarea name="details" rows="3" maxlength=crate::model::MAX_REPORT_DETAILS.to_string()></textarea>
                </label>
                <button type="submit" class="button secondary" disabled=pending>
                    {move || if pending.get() { "Sending…" } else { "Send report" }}
                </button>
            </ActionForm>
            <p role="status">{sent}</p>
            <crate::components::Alert message=error/>
        </details>
    }
}

/// A moderator's "Restore" for hidden content.
#[component]
pub fn RestoreButton(session_id: String, #[prop(optional)] review: String) -> impl IntoView {
    use leptos::form::ActionForm;

    let action = expect_context::<SessionActions>().restore;
    let error = crate::components::error_of(action);
    view! {
        <ActionForm action attr:class="restore-form">
            <input type="hidden" name="session_id" value=session_id/>
            <input type="hidden" name="review" value=review/>
            <button type="submit" class="button secondary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Restoring…" } else { "Restore" }}
            </button>
        </ActionForm>
        <crate::components::Alert message=error/>
    }
}
