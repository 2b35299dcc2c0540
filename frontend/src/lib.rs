//! The WASM entry: hydrate the islands of the server-rendered page. Everything else on
//! a page is plain HTML from the server.
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console are for developers; the formatting they need costs
    // every visitor several KB, so release builds go without.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Server functions that answer with a redirect (a saved session) load that page.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to| {
        app::components::go(Some(to));
    });
    leptos::mount::hydrate_islands();
}
