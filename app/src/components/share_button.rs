use leptos::prelude::*;

use crate::t;

/// Shares the page with the phone's share sheet where there is one, else copies the link.
/// Before hydration (or without JavaScript) the link itself is shown, so it can be copied.
#[component]
pub fn ShareButton(url: String) -> impl IntoView {
    view! {
        <Share>
            <span class="share-link">{t!(crate::i18n::use_lang(), "share-link")}" " {url}</span>
        </Share>
    }
}

/// The button itself; what it shares is the page's canonical link and title, read from
/// the page when pressed.
#[island]
fn Share(children: Children) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <span hidden=hydrated>{children()}</span>
        <button
            type="button"
            class="button secondary"
            hidden=move || !hydrated.get()
            on:click=move |_| message.set(Some(share()))
        >
            {t!(crate::i18n::use_lang(), "share")}
        </button>
        <span class="share-message" role="status">{move || message.get()}</span>
    }
}

#[cfg(feature = "hydrate")]
fn share() -> String {
    let page = document();
    let url = page
        .query_selector("link[rel=canonical]")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .unwrap_or_else(|| window().location().href().unwrap_or_default());
    let (url, title) = (url.as_str(), page.title());
    let title = title.as_str();
    let navigator = window().navigator();
    // Web Share exists on phones; most desktop browsers lack it, so fall back to copying.
    let can_share =
        web_sys::js_sys::Reflect::has(navigator.as_ref(), &"share".into()).unwrap_or(false);
    if can_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        let _ = navigator.share_with_data(&data);
        return String::new();
    }
    let _ = navigator.clipboard().write_text(url);
    t!(crate::i18n::use_lang(), "link-copied")
}

#[cfg(not(feature = "hydrate"))]
fn share() -> String {
    String::new()
}
