//! "Tonight near you" on the front page, once the visitor has shared where they are (the
//! near-me button keeps the point, rounded to about 100 m, in this browser only). The
//! page itself stays the same for everyone, so it is cached; the island fills the section
//! in from the near-me page's own HTML, and a visitor who never shared sees nothing of it.
use leptos::prelude::*;

use crate::t;

/// The radius "tonight near you" looks in: the near-me page's default.
pub const NEAR_TONIGHT_KM: u32 = 25;
/// The most cards the section shows; the near-me page has the rest.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const NEAR_TONIGHT_CARDS: u32 = 6;

#[component]
pub fn NearTonight() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <NearTonightBox>
            <section class="near-tonight" aria-labelledby="near-tonight" hidden>
                <h2 id="near-tonight" class="section-title">{t!(lang, "near-tonight")}</h2>
                <ul id="near-tonight-list" class="session-list" aria-label=t!(lang, "near-tonight")></ul>
                <p class="empty" hidden>
                    {t!(lang, "near-tonight-empty", km = NEAR_TONIGHT_KM)}
                </p>
                <p class="near-tonight-links">
                    <a class="near-tonight-more" href=lang.path("/near")>{t!(lang, "near-tonight-all")}</a>
                    " · "
                    <button type="button" class="link-button forget-near">{t!(lang, "forget-location")}</button>
                </p>
            </section>
        </NearTonightBox>
    }
}

#[island]
fn NearTonightBox(children: Children) -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(crate::components::browser::show_near_tonight(
            NEAR_TONIGHT_KM,
            NEAR_TONIGHT_CARDS,
        ));
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        crate::components::browser::forget_near_on(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="near-tonight-box" on:click=on_click>{children()}</div> }
}
