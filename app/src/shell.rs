use leptos::prelude::*;

use crate::t;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::pages::{
    AccountPage, AddSessionPage, ConfirmPage, EditSessionPage, ForgotPage, HomePage,
    ModerationPage, NearPage, NotFoundPage, PlacePage, ResetPage, SearchPage, SessionPage,
    SignInPage, SignUpPage,
};

/// Pages are plain server HTML, so moving between them is a page load; browsers that
/// support speculation rules (Chromium) fetch a page as soon as a finger goes down on a
/// link to it (desktop: a short hover), so most of that load is done before the tap ends.
/// The bundle itself comes from the cache (hashed names, a year's Cache-Control). Never
/// for the API, feeds, calendar files or the outbox: those are not pages.
const SPECULATION_RULES: &str = r#"{"prefetch":[{"where":{"and":[{"href_matches":"/*"},{"not":{"href_matches":"/api/*"}},{"not":{"href_matches":"/feeds/*"}},{"not":{"href_matches":"/*.ics"}},{"not":{"href_matches":"/*.xml"}},{"not":{"href_matches":"/account/outbox"}}]},"eagerness":"moderate"}]}"#;

/// The HTML document around the app. Runs on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The nonce the server put in this response's Content-Security-Policy: Leptos puts it
    // on the islands bootstrap (the one inline script).
    #[cfg(feature = "ssr")]
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned())
    {
        provide_context(nonce);
    }
    // The page's language, from its URL (`/ga/…`), for every component below.
    let lang = crate::i18n::use_lang();
    provide_context(lang);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1f5132"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone() islands=true/>
                <leptos_meta::HashedStylesheet options id="leptos"/>
                <MetaTags/>
                <script type="speculationrules" nonce=leptos::nonce::use_nonce() inner_html=SPECULATION_RULES></script>
                // Offline reading and installing (public/sw.js): a small static script,
                // after the page.
                <script src="/sw-register.js" defer></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = crate::i18n::use_lang();
    let home = lang.path("/");

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Seisiún".to_string() } else { format!("{page} · Seisiún") }
        }/>
        <Meta name="description" content=t!(lang, "site-description")/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Link rel="apple-touch-icon" href="/icon-192.png"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Router>
            <a class="skip-link" href="#main">{t!(lang, "skip-to-content")}</a>
            <header class="site-header">
                <a class="brand" href=home>"Seisiún"</a>
                <nav class="site-nav" aria-label=t!(lang, "nav-label")>
                    <a href=lang.path("/sessions")>{t!(lang, "nav-browse")}</a>
                    <a href=lang.path("/search")>{t!(lang, "nav-search")}</a>
                    <a href=lang.path("/near")>{t!(lang, "nav-near")}</a>
                    <a href=lang.path("/add-session")>{t!(lang, "nav-add")}</a>
                    <MemberLink/>
                    <LanguageSwitch/>
                </nav>
            </header>
            <main id="main">
                // Public pages render with SsrMode::Async: the whole document, data included,
                // arrives in place so crawlers and no-JS readers see it.
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/sessions") view=PlacePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/near") view=NearPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/sign-up") view=SignUpPage/>
                    <Route path=path!("/account/confirm") view=ConfirmPage/>
                    <Route path=path!("/account/sign-in") view=SignInPage/>
                    <Route path=path!("/account/forgot") view=ForgotPage/>
                    <Route path=path!("/account/reset") view=ResetPage/>
                    <Route path=path!("/session/:id") view=SessionPage ssr=SsrMode::Async/>
                    <Route path=path!("/session/:id/edit") view=EditSessionPage ssr=SsrMode::Async/>
                    <Route path=path!("/add-session") view=AddSessionPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/sessions/:country") view=PlacePage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/sessions/:country/:area")
                        view=PlacePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/sessions/:country/:area/:town")
                        view=PlacePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t!(lang, "footer-tagline")}</p>
                <crate::i18n::IslandWords/>
                <HydrationMark/>
            </footer>
        </Router>
    }
}

/// "Sign in", or the member's name linking to their account; re-read on every navigation
/// so it follows signing in and out.
#[component]
fn MemberLink() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let sign_in =
        move || view! { <a href=lang.path("/account/sign-in")>{t!(lang, "nav-sign-in")}</a> };
    let location = leptos_router::hooks::use_location();
    // Asked again on every navigation (a saved name lands on `/account?saved=1`).
    let member = Resource::new(
        move || (location.pathname.get(), location.search.get()),
        |_| crate::api::account::current_member(),
    );
    view! {
        <Transition fallback=sign_in>
            {move || Suspend::new(async move {
                match member.await {
                    Ok(Some(m)) => view! { <a href=lang.path("/account") class="member-link">{m.name}</a> }.into_any(),
                    _ => sign_in().into_any(),
                }
            })}
        </Transition>
    }
}

/// "Gaeilge" on English pages, "English" on Irish ones: the same page in the other
/// language, named in that language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let other = crate::i18n::use_lang().other();
    let location = leptos_router::hooks::use_location();
    let href = move || {
        let search = location.search.get();
        // A made-up `//host` path (a 404) must not become a link to that host.
        let path = crate::i18n::site_path(&location.pathname.get());
        if search.is_empty() {
            other.path(&path)
        } else {
            other.path(&format!("{path}?{search}"))
        }
    };
    view! {
        <a class="language-switch" href=href hreflang=other.code() lang=other.code()>
            {other.own_name()}
        </a>
    }
}

/// The page's last island: islands hydrate in document order, so once its effect has run
/// every island above it is live. The marker lets tests (and anyone debugging) see that.
#[island]
fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        crate::components::revive_forms_after_back();
        #[cfg(feature = "hydrate")]
        crate::components::browser::show_visitor_times();
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
