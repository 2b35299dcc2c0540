use leptos::prelude::*;

/// Shares the page with the phone's share sheet where there is one, else copies the link.
/// Before hydration (or without JavaScript) the link itself is shown, so it can be copied.
#[component]
pub fn ShareButton(url: String, title: String) -> impl IntoView {
    let message = RwSignal::new(None::<&'static str>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let share_url = url.clone();
    let on_share = move |_| {
        message.set(Some(share(&share_url, &title)));
    };
    view! {
        <Show
            when=move || hydrated.get()
            fallback=move || view! { <span class="share-link">"Link: " {url.clone()}</span> }
        >
            <button type="button" class="button secondary" on:click=on_share.clone()>"Share"</button>
        </Show>
        <span class="share-message" role="status">{move || message.get()}</span>
    }
}

#[cfg(feature = "hydrate")]
fn share(url: &str, title: &str) -> &'static str {
    let navigator = window().navigator();
    // Web Share exists on phones; most desktop browsers lack it, so fall back to copying.
    let can_share =
        web_sys::js_sys::Reflect::has(navigator.as_ref(), &"share".into()).unwrap_or(false);
    if can_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        let _ = navigator.share_with_data(&data);
        return "";
    }
    let _ = navigator.clipboard().write_text(url);
    "Link copied"
}

#[cfg(not(feature = "hydrate"))]
fn share(_url: &str, _title: &str) -> &'static str {
    ""
}
