//! A list of sessions on a map, drawn on the server as one SVG of plain tile images and
//! links: no script and no map library, so it costs a visitor page no code. The map is
//! zoomed to fit the sessions; markers closer than a finger's width are one cluster,
//! which links to "near me" around it; every marker is a link (keyboard reachable) named
//! for what it leads to. Without tiles (offline, blocked, none configured) the markers
//! still stand on a plain ground, and the list beside it stays the source of truth.
use leptos::prelude::*;

use crate::t;

use super::session_map::tile_position;
use crate::model::{GeoPoint, ListedSession};

/// The query parameter that asks a list page for its map (`map=list`, `map=tonight`).
pub const MAP_PARAM: &str = "map";

/// The map's size in tile pixels (its SVG view box; it scales to the page's width).
pub const WIDTH: f64 = 768.0;
pub const HEIGHT: f64 = 512.0;
/// Room kept round the outermost markers.
const PAD: f64 = 40.0;
/// Markers nearer than this (in map pixels) are drawn as one cluster.
pub const CLUSTER_PX: f64 = 36.0;
const TILE: f64 = 256.0;
const MAX_ZOOM: u32 = 16;
/// One session alone: the streets round it.
const SINGLE_ZOOM: u32 = 15;

/// A point's position in world pixels at `zoom` (Web Mercator).
fn world_px(point: GeoPoint, zoom: u32) -> (f64, f64) {
    let ((col, row), (x, y)) = tile_position(point, zoom);
    (f64::from(col) * TILE + x, f64::from(row) * TILE + y)
}

/// The greatest zoom at which every point fits the map with room round it.
pub fn fitting_zoom(points: &[GeoPoint]) -> u32 {
    if points.len() <= 1 {
        return SINGLE_ZOOM;
    }
    (1..=MAX_ZOOM)
        .rev()
        .find(|&zoom| {
            let px: Vec<(f64, f64)> = points.iter().map(|p| world_px(*p, zoom)).collect();
            let span = |f: fn(&(f64, f64)) -> f64| {
                let (lo, hi) = px
                    .iter()
                    .map(f)
                    .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
                hi - lo
            };
            span(|p| p.0) <= WIDTH - 2.0 * PAD && span(|p| p.1) <= HEIGHT - 2.0 * PAD
        })
        .unwrap_or(1)
}

/// What a marker stands for: one session, or several close together.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Position on the map, in pixels from its top left.
    pub x: f64,
    pub y: f64,
    pub sessions: Vec<(String, String)>,
    pub centre: GeoPoint,
}

/// The markers for `sessions` on a map at `zoom` whose top left is the world pixel
/// `origin`: each session joins the first marker within [`CLUSTER_PX`] of it.
pub fn markers(
    sessions: &[(GeoPoint, String, String)],
    zoom: u32,
    origin: (f64, f64),
) -> Vec<Marker> {
    let mut markers: Vec<(Marker, Vec<GeoPoint>)> = Vec::new();
    for (point, name, href) in sessions {
        let (wx, wy) = world_px(*point, zoom);
        let (x, y) = (wx - origin.0, wy - origin.1);
        let near = markers
            .iter_mut()
            .find(|(m, _)| (m.x - x).hypot(m.y - y) < CLUSTER_PX);
        match near {
            Some((marker, points)) => {
                marker.sessions.push((name.clone(), href.clone()));
                points.push(*point);
            }
            None => markers.push((
                Marker {
                    x,
                    y,
                    sessions: vec![(name.clone(), href.clone())],
                    centre: *point,
                },
                vec![*point],
            )),
        }
    }
    markers
        .into_iter()
        .map(|(mut marker, points)| {
            let n = points.len() as f64;
            marker.centre = GeoPoint {
                lat: points.iter().map(|p| p.lat).sum::<f64>() / n,
                lng: points.iter().map(|p| p.lng).sum::<f64>() / n,
            };
            marker
        })
        .collect()
}

/// A radius (km) round a cluster's centre that holds all of it, for its "near" link: its
/// members are within two cluster widths on the map, whose scale at `zoom` is known.
pub fn cluster_km(marker: &Marker, zoom: u32) -> u32 {
    const EQUATOR_M_PER_PX: f64 = 156_543.03;
    let m_per_px =
        EQUATOR_M_PER_PX * marker.centre.lat.to_radians().cos() / f64::from(1u32 << zoom);
    ((2.0 * CLUSTER_PX * m_per_px / 1000.0).ceil() as u32 + 1).clamp(1, 100)
}

/// The sessions of a list (those with a place) on a map, each linking to its page.
#[component]
pub fn ListMap(
    sessions: Vec<ListedSession>,
    /// The tile URL template, `{z}/{x}/{y}` filled in; empty for no tiles.
    tiles: String,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let placed: Vec<(GeoPoint, String, String)> = sessions
        .into_iter()
        .filter_map(|s| Some((s.point?, s.name, lang.path(&s.href))))
        .collect();
    if placed.is_empty() {
        return view! { <p class="empty">{t!(lang, "map-none-placed")}</p> }.into_any();
    }
    let points: Vec<GeoPoint> = placed.iter().map(|(p, _, _)| *p).collect();
    let zoom = fitting_zoom(&points);
    let px: Vec<(f64, f64)> = points.iter().map(|p| world_px(*p, zoom)).collect();
    let mid = |f: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = px
            .iter()
            .map(f)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo + hi) / 2.0
    };
    let origin = (mid(|p| p.0) - WIDTH / 2.0, mid(|p| p.1) - HEIGHT / 2.0);
    let max = (1u32 << zoom) - 1;
    let tile_images = (!tiles.is_empty()).then(|| {
        let (first_col, first_row) = ((origin.0 / TILE).floor(), (origin.1 / TILE).floor());
        let (last_col, last_row) = (
            ((origin.0 + WIDTH) / TILE).floor(),
            ((origin.1 + HEIGHT) / TILE).floor(),
        );
        let mut images = Vec::new();
        let mut row = first_row;
        while row <= last_row {
            let mut col = first_col;
            while col <= last_col {
                if (0.0..=f64::from(max)).contains(&row) {
                    let x = (col.rem_euclid(f64::from(max) + 1.0)) as u32;
                    let src = tiles
                        .replace("{z}", &zoom.to_string())
                        .replace("{x}", &x.to_string())
                        .replace("{y}", &(row as u32).to_string());
                    let (left, top) = (col * TILE - origin.0, row * TILE - origin.1);
                    images.push(view! {
                        <image href=src x=format!("{left:.0}") y=format!("{top:.0}") width="256" height="256"></image>
                    });
                }
                col += 1.0;
            }
            row += 1.0;
        }
        images
    });
    let markers = markers(&placed, zoom, origin);
    let count = placed.len();
    let marker_views = markers
        .into_iter()
        .map(|marker| {
            let (x, y) = (format!("{:.0}", marker.x), format!("{:.0}", marker.y));
            if let [(name, href)] = marker.sessions.as_slice() {
                view! {
                    <a href=href.clone() aria-label=name.clone() class="map-pin">
                        <title>{name.clone()}</title>
                        <circle cx=x cy=y r="11"></circle>
                    </a>
                }
                .into_any()
            } else {
                let km = cluster_km(&marker, zoom);
                let href = lang.path(&format!(
                    "/near?lat={:.4}&lng={:.4}&km={km}",
                    marker.centre.lat, marker.centre.lng
                ));
                let label = t!(lang, "map-cluster", count = marker.sessions.len());
                let n = marker.sessions.len().to_string();
                view! {
                    <a href=href aria-label=label.clone() class="map-cluster">
                        <title>{label.clone()}</title>
                        <circle cx=x.clone() cy=y.clone() r="17"></circle>
                        <text x=x y=y dy="0.35em" text-anchor="middle">{n}</text>
                    </a>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <figure class="list-map">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="group"
                aria-label=t!(lang, "map-of-list", count = count)
            >
                <rect class="map-ground" width=WIDTH.to_string() height=HEIGHT.to_string()></rect>
                <g aria-hidden="true">{tile_images}</g>
                {marker_views}
            </svg>
            <figcaption>
                {t!(lang, "map-list-caption")}" "
                <a href="https://www.openstreetmap.org/copyright" rel="noopener">{t!(lang, "osm-contributors")}</a>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// The tile URL template the site is configured with (`MAP_TILE_URL`); empty in the
/// browser, where lists are never drawn.
pub fn map_tiles() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|state| state.map_tiles.to_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// "Show on a map" for a list, or the map itself when the page's address asks for it
/// (`?map=` + `which`): a link, so the tiles load only for someone who wants them and
/// it works without JavaScript.
#[component]
pub fn MapToggle(
    /// The list's sessions, as shown.
    sessions: Vec<ListedSession>,
    /// The page's path and its query pairs (filters, search), kept on the map's link.
    path: String,
    pairs: Vec<(&'static str, String)>,
    /// Which list on the page (`tonight`, `list`): one page can hold two.
    which: &'static str,
) -> impl IntoView {
    let asked = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(MAP_PARAM)
        .is_some_and(|m| m == which);
    let anchor = format!("map-{which}");
    let mut with_map = pairs.clone();
    with_map.push((MAP_PARAM, which.to_string()));
    let show = format!("{path}?{}#{anchor}", crate::api::encode_pairs(&with_map));
    let hide = if pairs.is_empty() {
        path.clone()
    } else {
        format!("{path}?{}", crate::api::encode_pairs(&pairs))
    };
    let tiles = map_tiles();
    let lang = crate::i18n::use_lang();
    view! {
        <div class="map-toggle" id=anchor>
            {if asked {
                view! {
                    <ListMap sessions tiles/>
                    <p><a href=hide>{t!(lang, "map-hide")}</a></p>
                }.into_any()
            } else {
                view! { <p><a href=show>{t!(lang, "map-show")}</a></p> }.into_any()
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint { lat, lng }
    }

    #[test]
    fn the_zoom_fits_every_point_with_room_round_it() {
        // Ennis and Doolin, ~30 km apart: a county's view.
        let county = [at(52.8436, -8.9864), at(53.0159, -9.3771)];
        let zoom = fitting_zoom(&county);
        let span = |z| {
            let (a, b) = (world_px(county[0], z), world_px(county[1], z));
            ((a.0 - b.0).abs(), (a.1 - b.1).abs())
        };
        let (w, h) = span(zoom);
        assert!(w <= WIDTH - 2.0 * PAD && h <= HEIGHT - 2.0 * PAD);
        let (w, h) = span(zoom + 1);
        assert!(
            w > WIDTH - 2.0 * PAD || h > HEIGHT - 2.0 * PAD,
            "the closest that fits"
        );
        // Dublin to San Francisco needs the world.
        assert!(fitting_zoom(&[at(53.35, -6.26), at(37.77, -122.42)]) <= 3);
        assert_eq!(fitting_zoom(&[at(53.35, -6.26)]), SINGLE_ZOOM);
    }

    #[test]
    fn close_markers_cluster_and_far_ones_stand_alone() {
        let zoom = 10;
        let origin = world_px(at(53.0, -9.5), zoom);
        let session = |p: GeoPoint, n: &str| (p, n.to_string(), format!("/session/{n}"));
        let found = markers(
            &[
                session(at(52.8436, -8.9864), "a"),
                // 50 m from `a`: one marker at any zoom a list uses.
                session(at(52.8440, -8.9860), "b"),
                session(at(53.0159, -9.3771), "c"),
            ],
            zoom,
            origin,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].sessions.len(), 2);
        assert_eq!(
            found[1].sessions,
            [("c".to_string(), "/session/c".to_string())]
        );
        assert!((found[0].centre.lat - 52.8438).abs() < 1e-6);
        // Its "near" link reaches both members.
        assert!(cluster_km(&found[0], zoom) >= 1);
    }
}
