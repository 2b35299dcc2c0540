//! Distances and the geohash cells that let a store find nearby sessions by key ranges
//! rather than by reading every session.
use geohash::Coord;

use super::GeoPoint;

/// Mean Earth radius (IUGG), in km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The geohash length stored for each session: cells about 1.2 km × 0.6 km, so any
/// search cell (at most this long) is a key prefix of it.
pub const CELL_PRECISION: usize = 6;

pub use super::near_radius::{usable_radius_km, DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM};

/// Great-circle distance by the haversine formula: within 0.5 % of the ellipsoid, which is
/// plenty for "3.2 km away". (The `geo` crate would bring a large dependency tree for one
/// formula.)
pub fn distance_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_lat = lat2 - lat1;
    let d_lng = (b.lng - a.lng).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

fn coord(point: GeoPoint) -> Coord<f64> {
    Coord {
        x: point.lng,
        y: point.lat,
    }
}

/// Whether the point is a real latitude and longitude.
pub fn is_valid_point(point: GeoPoint) -> bool {
    point.lat.is_finite()
        && point.lng.is_finite()
        && (-90.0..=90.0).contains(&point.lat)
        && (-180.0..=180.0).contains(&point.lng)
}

/// The session's cell in the store's index: a geohash of [`CELL_PRECISION`] characters.
pub fn cell_of(point: GeoPoint) -> Option<String> {
    geohash::encode(coord(point), CELL_PRECISION).ok()
}

/// A cell's size in degrees of (longitude, latitude) for a geohash of `len` characters:
/// the bits alternate, longitude first.
fn cell_degrees(len: usize) -> (f64, f64) {
    let bits = 5 * len as i32;
    let lng_bits = (bits + 1) / 2;
    let lat_bits = bits / 2;
    (360.0 / 2f64.powi(lng_bits), 180.0 / 2f64.powi(lat_bits))
}

/// The geohash length for covering a circle, and the corners of its bounding box: at the
/// finest length whose cells are at least twice the radius across (measured at the
/// circle's edge nearest a pole, where cells are narrowest), the box spans at most two
/// columns and two rows of cells.
fn covering_box(centre: GeoPoint, radius_km: f64) -> (usize, Vec<GeoPoint>) {
    let radius_km = usable_radius_km(centre.lat, radius_km);
    let km_per_degree = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
    let lat_reach = radius_km / km_per_degree;
    let poleward_lat = (centre.lat.abs() + lat_reach).min(89.9);
    let lng_reach = (radius_km / (km_per_degree * poleward_lat.to_radians().cos())).min(180.0);
    let fits = |len: usize| {
        let (width, height) = cell_degrees(len);
        height >= 2.0 * lat_reach && width >= 2.0 * lng_reach
    };
    let len = (1..=CELL_PRECISION)
        .rev()
        .find(|&len| fits(len))
        .unwrap_or(1);
    let corners = [(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)]
        .map(|(dy, dx): (f64, f64)| GeoPoint {
            lat: (centre.lat + dy * lat_reach).clamp(-90.0, 90.0),
            lng: wrap_lng(centre.lng + dx * lng_reach),
        })
        .to_vec();
    (len, corners)
}

fn wrap_lng(lng: f64) -> f64 {
    (lng + 540.0).rem_euclid(360.0) - 180.0
}

/// The cells holding the points (the bounding box's corners are exactly the cells it
/// touches), sorted and without repeats.
fn cells_of(points: impl IntoIterator<Item = GeoPoint>, len: usize) -> Vec<String> {
    let mut cells: Vec<String> = points
        .into_iter()
        .filter_map(|point| geohash::encode(coord(point), len).ok())
        .collect();
    cells.sort();
    cells.dedup();
    cells
}

/// The geohash prefixes whose cells together cover every point within `radius_km` of
/// `centre`: at most a 2 × 2 block of cells at least twice the radius across — usually
/// fewer, and often neighbours in one store partition, which a store reads as one range.
pub fn covering_cells(centre: GeoPoint, radius_km: f64) -> Vec<String> {
    let (len, corners) = covering_box(centre, radius_km);
    let mut cells = cells_of(corners, len);
    // A box corner's cell may lie beyond the circle itself (it only reaches the box).
    let radius_km = usable_radius_km(centre.lat, radius_km);
    cells.retain(|cell| nearest_km(centre, cell).is_none_or(|km| km <= radius_km));
    cells
}

/// A second grid for stores that partition by 2-letter cells: every point moved half a
/// 2-letter cell north and east (2.8125° and 5.625°), so this grid's cell corners lie in
/// the middle of the first grid's cells. A circle whose covering cells straddle a corner of
/// four 2-letter cells straddles no corner in this grid.
pub fn shifted(point: GeoPoint) -> GeoPoint {
    GeoPoint {
        lat: (point.lat + 2.8125).min(90.0),
        lng: wrap_lng(point.lng + 5.625),
    }
}

/// The session's cell in the shifted grid.
pub fn shifted_cell_of(point: GeoPoint) -> Option<String> {
    cell_of(shifted(point))
}

/// [`covering_cells`] in the shifted grid (the same length; the box's corners shifted).
pub fn shifted_covering_cells(centre: GeoPoint, radius_km: f64) -> Vec<String> {
    let (len, corners) = covering_box(centre, radius_km);
    cells_of(corners.into_iter().map(shifted), len)
}

/// How far the cell's nearest point is from `point` (across the antimeridian if nearer).
fn nearest_km(point: GeoPoint, cell: &str) -> Option<f64> {
    let rect = geohash::decode_bbox(cell).ok()?;
    let (min, max) = (rect.min(), rect.max());
    let lat = point.lat.clamp(min.y, max.y);
    let lng = [point.lng, point.lng - 360.0, point.lng + 360.0]
        .into_iter()
        .map(|lng| lng.clamp(min.x, max.x))
        .min_by(|a, b| {
            let gap = |x: f64| (x - point.lng).abs().min(360.0 - (x - point.lng).abs());
            gap(*a).total_cmp(&gap(*b))
        })?;
    Some(distance_km(point, GeoPoint { lat, lng }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint { lat, lng }
    }

    const ENNIS: GeoPoint = GeoPoint {
        lat: 52.8436,
        lng: -8.9864,
    };
    const DOOLIN: GeoPoint = GeoPoint {
        lat: 53.0170,
        lng: -9.4030,
    };

    #[test]
    fn distances_match_known_pairs() {
        // Dublin to London is about 464 km; Ennis to Doolin about 33 km.
        let dublin = p(53.3498, -6.2603);
        let london = p(51.5074, -0.1278);
        assert!((distance_km(dublin, london) - 464.0).abs() < 5.0);
        assert!((distance_km(ENNIS, DOOLIN) - 33.0).abs() < 2.0);
        assert_eq!(distance_km(ENNIS, ENNIS), 0.0);
        // Symmetric, and sane across the date line.
        assert_eq!(distance_km(ENNIS, DOOLIN), distance_km(DOOLIN, ENNIS));
        assert!(distance_km(p(0.0, 179.9), p(0.0, -179.9)) < 23.0);
    }

    #[test]
    fn cells_are_prefixes_of_the_stored_cell() {
        let stored = cell_of(DOOLIN).unwrap();
        assert_eq!(stored.len(), CELL_PRECISION);
        for radius in [1.0, 5.0, 40.0, 200.0] {
            let cells = covering_cells(DOOLIN, radius);
            assert!(
                cells.iter().any(|c| stored.starts_with(c.as_str())),
                "{radius} km: {cells:?} should include Doolin's own cell {stored}"
            );
            assert!(cells.len() <= 9);
        }
    }

    /// Every point within the radius lies in one of the covering cells: checked on a ring
    /// of points just inside the circle, at several latitudes and radii.
    #[test]
    fn covering_cells_contain_the_whole_circle() {
        for centre in [
            ENNIS,
            p(0.0, 0.0),
            p(64.1, -21.9),
            p(-33.9, 151.2),
            p(40.7, -74.0),
            p(78.2, 15.6),
            p(-77.8, 166.7),
            p(86.0, -40.0),
        ] {
            for radius in [1.0, 3.0, 25.0, 80.0, 100.0] {
                // Near the poles the store searches a narrower circle; that one is covered.
                let radius = usable_radius_km(centre.lat, radius);
                let cells = covering_cells(centre, radius);
                for step in 0..72 {
                    let bearing = (step as f64 * 5.0).to_radians();
                    let reach = radius * 0.999 / (EARTH_RADIUS_KM * std::f64::consts::PI / 180.0);
                    let point = p(
                        centre.lat + reach * bearing.cos(),
                        centre.lng + reach * bearing.sin() / centre.lat.to_radians().cos(),
                    );
                    if distance_km(centre, point) > radius {
                        continue;
                    }
                    let cell = cell_of(point).unwrap();
                    assert!(
                        cells.iter().any(|c| cell.starts_with(c.as_str())),
                        "{point:?} ({radius} km from {centre:?}) is outside {cells:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn at_most_four_cells_cover_any_circle() {
        let mut most = 0;
        for lat in (-80..=80).step_by(7) {
            for lng in (-180..180).step_by(13) {
                for radius in [0.5, 2.0, 10.0, 25.0, 60.0, 100.0] {
                    let centre = p(lat as f64 + 0.37, lng as f64 + 0.61);
                    most = most.max(covering_cells(centre, radius).len());
                }
            }
        }
        assert!((1..=4).contains(&most), "{most}");
        let across = covering_cells(p(52.8436, 179.999), 5.0);
        for side in [179.99, -179.99] {
            let cell = cell_of(p(52.8436, side)).unwrap();
            assert!(
                across.iter().any(|c| cell.starts_with(c.as_str())),
                "a circle across the antimeridian takes cells on both sides: {across:?}"
            );
        }
    }

    #[test]
    fn shifted_covering_cells_contain_the_shifted_circle() {
        for centre in [ENNIS, p(50.63, 11.2), p(-33.9, 151.2), p(52.8, 174.4)] {
            for radius in [1.0, 25.0, 45.0] {
                let cells = shifted_covering_cells(centre, radius);
                for step in 0..72 {
                    let bearing = (step as f64 * 5.0).to_radians();
                    let reach = radius * 0.999 / (EARTH_RADIUS_KM * std::f64::consts::PI / 180.0);
                    let point = p(
                        centre.lat + reach * bearing.cos(),
                        wrap_lng(
                            centre.lng + reach * bearing.sin() / centre.lat.to_radians().cos(),
                        ),
                    );
                    let cell = shifted_cell_of(point).unwrap();
                    assert!(
                        cells.iter().any(|c| cell.starts_with(c.as_str())),
                        "{point:?} ({radius} km from {centre:?}) is outside {cells:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn smaller_radius_means_finer_cells() {
        let fine = covering_cells(ENNIS, 2.0)[0].len();
        let coarse = covering_cells(ENNIS, 150.0)[0].len();
        assert!(fine > coarse, "{fine} vs {coarse}");
    }

    #[test]
    fn only_real_coordinates_are_valid() {
        assert!(is_valid_point(ENNIS));
        assert!(!is_valid_point(p(91.0, 0.0)));
        assert!(!is_valid_point(p(0.0, -181.0)));
        assert!(!is_valid_point(p(f64::NAN, 0.0)));
    }
}
