//! "Near me" radius bounds, in km, shared by the browser (links, choices) and the server:
//! small enough that the store finds a circle in at most three key ranges (see
//! docs/data-model.md), large enough for rural Ireland.
pub const MIN_RADIUS_KM: f64 = 1.0;
pub const MAX_RADIUS_KM: f64 = 100.0;
pub const DEFAULT_RADIUS_KM: f64 = 25.0;
/// The distances a visitor can pick from.
pub const RADIUS_CHOICES_KM: [u32; 4] = [5, 25, 50, 100];

/// Up to this latitude every radius up to [`MAX_RADIUS_KM`] is allowed.
const FULL_RADIUS_LATITUDE: f64 = 70.0;

/// The largest radius around a centre at `lat`: beyond 70° meridians converge, so a circle
/// spans ever more degrees of longitude; the limit narrows with cos(latitude) to keep the
/// circle as many degrees wide as a 100 km one at 70°.
pub fn radius_limit_km(lat: f64) -> f64 {
    let narrowing =
        lat.abs().min(90.0).to_radians().cos() / FULL_RADIUS_LATITUDE.to_radians().cos();
    (MAX_RADIUS_KM * narrowing.min(1.0)).max(MIN_RADIUS_KM)
}

/// The radius actually searched for a request of `radius_km` around a centre at `lat`.
pub fn usable_radius_km(lat: f64, radius_km: f64) -> f64 {
    radius_km.clamp(MIN_RADIUS_KM, radius_limit_km(lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_radius_narrows_only_near_the_poles() {
        assert_eq!(usable_radius_km(52.8, 100.0), 100.0);
        assert_eq!(usable_radius_km(-69.9, 100.0), 100.0);
        assert_eq!(usable_radius_km(52.8, 500.0), MAX_RADIUS_KM);
        assert_eq!(usable_radius_km(52.8, 0.1), MIN_RADIUS_KM);
        // Longyearbyen, Svalbard: cos 78.2° / cos 70° ≈ 0.60.
        let svalbard = usable_radius_km(78.2, 100.0);
        assert!((59.0..61.0).contains(&svalbard), "{svalbard}");
        assert_eq!(usable_radius_km(78.2, 25.0), 25.0);
        assert_eq!(usable_radius_km(90.0, 100.0), MIN_RADIUS_KM);
    }
}
