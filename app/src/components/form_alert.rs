//! A form's error, shown next to it: from the action's last call when hydrated, or from
//! the URL when a plain form post came back (Leptos puts the error there).
use leptos::prelude::*;

use crate::error::AppError;

/// What went wrong with the action's last call, in the member's words. Without
/// JavaScript the error arrives in the URL after the form posts, and reads the same.
pub fn error_of<S>(action: ServerAction<S>) -> Signal<Option<String>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message)
    })
}

#[component]
pub fn Alert(message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="error" role="alert">{m}</p> })
    }
}
