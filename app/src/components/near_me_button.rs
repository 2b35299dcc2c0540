use leptos::prelude::*;

use crate::t;

/// Asks the browser where the visitor is — only when they press the button, never on page
/// load — then opens `/near?lat=…&lng=…&km=…`. The position is rounded to about 100 m
/// before it goes into the URL: enough to find a pub, no more than that.
#[island]
pub fn NearMeButton() -> impl IntoView {
    let km = crate::model::near_radius::DEFAULT_RADIUS_KM.to_string();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        busy.set(true);
        status.set(Some(t!(crate::i18n::use_lang(), "finding-location")));
        let km = km.clone();
        locate(
            move |lat, lng| {
                // Kept for "tonight near you" on the front page, as the link rounds it.
                #[cfg(feature = "hydrate")]
                super::browser::remember_point(&thousandths(lat), &thousandths(lng));
                super::go(Some(
                    &crate::i18n::use_lang().path(&near_href(lat, lng, &km)),
                ))
            },
            move |problem| {
                busy.set(false);
                status.set(Some(problem));
            },
        );
    };
    view! {
        <button
            type="button"
            class="button near-me"
            disabled=move || !hydrated.get() || busy.get()
            on:click=on_click
        >
            {t!(crate::i18n::use_lang(), "use-my-location")}
        </button>
        <noscript>
            <p class="hint">{t!(crate::i18n::use_lang(), "location-needs-js")}</p>
        </noscript>
        <p class="near-status" role="status">{move || status.get()}</p>
    }
}

/// The URL for sessions near a point, rounded to three decimals (about 100 m).
pub fn near_href(lat: f64, lng: f64, km: &str) -> String {
    format!(
        "/near?lat={}&lng={}&km={km}",
        thousandths(lat),
        thousandths(lng)
    )
}

/// `52.8436` → `"52.844"`: three decimals by integer arithmetic, because float formatting
/// would add about 10 KB to every visitor page's WASM for this one number.
fn thousandths(degrees: f64) -> String {
    let milli = (degrees * 1000.0).round() as i64;
    let sign = if milli < 0 { "-" } else { "" };
    let milli = milli.unsigned_abs();
    format!("{sign}{}.{:03}", milli / 1000, milli % 1000)
}

#[cfg(feature = "hydrate")]
pub fn locate(on_found: impl FnOnce(f64, f64) + 'static, on_problem: impl Fn(String) + 'static) {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};

    let Ok(geolocation) = window().navigator().geolocation() else {
        on_problem(t!(crate::i18n::use_lang(), "location-unsupported"));
        return;
    };
    let found = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        on_found(coords.latitude(), coords.longitude());
    });
    let failed = Closure::once_into_js(move |error: web_sys::PositionError| {
        on_problem(match error.code() {
            web_sys::PositionError::PERMISSION_DENIED => {
                t!(crate::i18n::use_lang(), "location-denied")
            }
            _ => t!(crate::i18n::use_lang(), "location-failed"),
        });
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(15_000);
    options.set_maximum_age(300_000);
    if geolocation
        .get_current_position_with_error_callback_and_options(
            found.unchecked_ref(),
            Some(failed.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        leptos::logging::warn!("getCurrentPosition was refused");
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn locate(_on_found: impl FnOnce(f64, f64) + 'static, _on_problem: impl Fn(String) + 'static) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_near_link_rounds_to_about_100_metres() {
        assert_eq!(
            near_href(52.8436, -8.9864, "25"),
            "/near?lat=52.844&lng=-8.986&km=25"
        );
        assert_eq!(
            near_href(-0.0004, 0.0005, "5"),
            "/near?lat=0.000&lng=0.001&km=5"
        );
        assert_eq!(
            near_href(-33.8688, 151.2093, "10"),
            "/near?lat=-33.869&lng=151.209&km=10"
        );
    }
}
