use leptos::prelude::*;

use crate::t;

use crate::model::GeoPoint;

/// Zoom 16 shows the streets around a venue.
const ZOOM: u32 = 16;
const TILE: f64 = 256.0;

/// Where the point falls on the Web Mercator tile grid at `zoom`: the tile's column and
/// row, and the pixel offset inside that tile.
pub fn tile_position(point: GeoPoint, zoom: u32) -> ((u32, u32), (f64, f64)) {
    let scale = f64::from(1u32 << zoom);
    let lat = point.lat.clamp(-85.0511, 85.0511).to_radians();
    let x = (point.lng + 180.0) / 360.0 * scale;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    let (col, row) = (x.floor(), y.floor());
    (
        (col as u32, row as u32),
        ((x - col) * TILE, (y - row) * TILE),
    )
}

/// A small street map around the venue, made of plain tile images: no script, no map
/// library. The marker, the coordinates and the attribution are ours, so when tiles cannot
/// load (offline, blocked, no tile server configured) the box still says where the session is.
#[component]
pub fn SessionMap(
    point: GeoPoint,
    /// The tile URL template, `{z}/{x}/{y}` filled in; empty for no tiles.
    tiles: String,
    /// A link to a full, interactive map.
    map_href: String,
    /// When set, a tap on the map picks the point there (the add/edit form).
    #[prop(optional)]
    on_pick: Option<Callback<GeoPoint>>,
) -> impl IntoView {
    let ((col, row), (dx, dy)) = tile_position(point, ZOOM);
    // A 3 × 3 block of tiles around the venue's tile, shifted so the venue sits in the
    // middle of the box whatever its width.
    // Shifts the 3×3 tiles so the point sits at the frame's centre (the SVG's origin).
    let shift = format!("translate({:.0} {:.0})", -(TILE + dx), -(TILE + dy));
    let max = (1u32 << ZOOM) - 1;
    // The form's map (pickable) is drawn in the browser: its tiles load at once. A session
    // page's tiles wait for the page to be idle (see `TilesAfterLoad`).
    let deferred = on_pick.is_none();
    let images = |deferred: bool| {
        (!tiles.is_empty()).then(|| {
            (0..3u32)
            .flat_map(|r| (0..3u32).map(move |c| (r, c)))
            .map(|(r, c)| {
                let x = (col + c).wrapping_sub(1).min(max);
                let y = (row + r).wrapping_sub(1).min(max);
                let src = tiles
                    .replace("{z}", &ZOOM.to_string())
                    .replace("{x}", &x.to_string())
                    .replace("{y}", &y.to_string());
                let (left, top) = (f64::from(c) * TILE, f64::from(r) * TILE);
                let (href, later) = if deferred { (None, Some(src)) } else { (Some(src), None) };
                view! { <image href=href data-href=later x=left y=top width="256" height="256"></image> }
            })
            .collect_view()
        })
    };
    let svg = |deferred: bool| {
        view! {
            <svg class="map-tiles" width="1" height="1" aria-hidden="true">
                <g transform=shift.clone()>{images(deferred)}</g>
            </svg>
        }
    };
    let drawn = if deferred {
        let (later, now) = (svg(true), svg(false));
        view! {
            <TilesAfterLoad>{later}</TilesAfterLoad>
            // Without JavaScript the tiles load with the page.
            <noscript>{now}</noscript>
        }
        .into_any()
    } else {
        svg(false).into_any()
    };
    let coordinates = format!("{:.5}, {:.5}", point.lat, point.lng);
    let lang = crate::i18n::use_lang();
    view! {
        <figure class="session-map">
            <div
                class="map-frame"
                class:pickable=on_pick.is_some()
                role="img"
                aria-label=t!(lang, "map-of-venue", at = &coordinates)
                on:click=move |ev| {
                    if let (Some(pick), Some((dx, dy))) = (on_pick, offset_from_centre(&ev)) {
                        pick.run(point_at_offset(point, ZOOM, dx, dy));
                    }
                }
            >
                <p class="map-fallback">{t!(lang, "map-at", at = &coordinates)}</p>
                {drawn}
                <span class="map-marker" aria-hidden="true"></span>
            </div>
            <figcaption>
                <a href=map_href>{t!(lang, "map-larger")}</a>
                " · "{t!(lang, "map-data")}" "
                <a href="https://www.openstreetmap.org/copyright" rel="noopener">{t!(lang, "osm-contributors")}</a>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// Puts the tiles in once the page is idle (when islands wake): nine tiles are about
/// 200 KB, the heaviest part of a session page, and on a slow connection they would hold
/// back its text and buttons.
#[island]
fn TilesAfterLoad(children: Children) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Ok(tiles) = document().query_selector_all(".session-map image[data-href]") {
            use leptos::wasm_bindgen::JsCast;
            for i in 0..tiles.length() {
                if let Some(tile) = tiles
                    .get(i)
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                {
                    if let Some(href) = tile.get_attribute("data-href") {
                        let _ = tile.set_attribute("href", &href);
                    }
                }
            }
        }
    });
    view! { <div class="map-tiles-after">{children()}</div> }
}

/// The point `dx`, `dy` pixels from `centre` on the map at `zoom` (Web Mercator, the
/// inverse of [`tile_position`]).
pub fn point_at_offset(centre: GeoPoint, zoom: u32, dx: f64, dy: f64) -> GeoPoint {
    let ((col, row), (x, y)) = tile_position(centre, zoom);
    let world = TILE * f64::from(1u32 << zoom);
    let px = f64::from(col) * TILE + x + dx;
    let py = f64::from(row) * TILE + y + dy;
    let lng = px / world * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * py / world))
        .sinh()
        .atan()
        .to_degrees();
    GeoPoint { lat, lng }
}

/// Where a tap landed, in pixels from the middle of the element it is on.
#[cfg(feature = "hydrate")]
fn offset_from_centre(ev: &leptos::ev::MouseEvent) -> Option<(f64, f64)> {
    use leptos::wasm_bindgen::JsCast;
    let frame = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = frame.get_bounding_client_rect();
    Some((
        f64::from(ev.client_x()) - (rect.left() + rect.width() / 2.0),
        f64::from(ev.client_y()) - (rect.top() + rect.height() / 2.0),
    ))
}

#[cfg(not(feature = "hydrate"))]
fn offset_from_centre(_: &leptos::ev::MouseEvent) -> Option<(f64, f64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_points_land_on_known_tiles() {
        // Greenwich at zoom 1 is the left edge of the right-hand tiles.
        let ((col, row), (dx, _)) = tile_position(
            GeoPoint {
                lat: 51.4779,
                lng: 0.0,
            },
            1,
        );
        assert_eq!((col, row), (1, 0));
        assert!(dx.abs() < 1e-6);
        // Ennis at zoom 16, worked out separately with the OSM wiki's slippy-map formula.
        let ((col, row), (dx, dy)) = tile_position(
            GeoPoint {
                lat: 52.8436,
                lng: -8.9864,
            },
            16,
        );
        assert_eq!((col, row), (31132, 21395));
        assert!((0.0..256.0).contains(&dx) && (0.0..256.0).contains(&dy));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_tap_picks_the_point_under_it() {
        let ennis = GeoPoint {
            lat: 52.8436,
            lng: -8.9864,
        };
        let same = point_at_offset(ennis, 16, 0.0, 0.0);
        assert!((same.lat - ennis.lat).abs() < 1e-9 && (same.lng - ennis.lng).abs() < 1e-9);
        // 100 px east and south at zoom 16 (about 2.4 m a pixel at the equator).
        let moved = point_at_offset(ennis, 16, 100.0, 100.0);
        let east_m = crate::model::geo::distance_km(
            ennis,
            GeoPoint {
                lat: ennis.lat,
                lng: moved.lng,
            },
        ) * 1000.0;
        let south_m = crate::model::geo::distance_km(
            ennis,
            GeoPoint {
                lat: moved.lat,
                lng: ennis.lng,
            },
        ) * 1000.0;
        assert!(moved.lng > ennis.lng && moved.lat < ennis.lat);
        // 2.39 m/px × cos(52.84°) ≈ 1.44 m/px.
        assert!((130.0..160.0).contains(&east_m), "{east_m}");
        assert!((130.0..160.0).contains(&south_m), "{south_m}");
    }
}
