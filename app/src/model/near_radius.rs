//! "Near me" radius bounds, in km, shared by the browser (links, choices) and the server:
//! small enough that the store reads a small block of cells, large enough for rural Ireland.
pub const MIN_RADIUS_KM: f64 = 1.0;
pub const MAX_RADIUS_KM: f64 = 200.0;
pub const DEFAULT_RADIUS_KM: f64 = 25.0;
/// The distances a visitor can pick from.
pub const RADIUS_CHOICES_KM: [u32; 4] = [5, 25, 50, 100];
