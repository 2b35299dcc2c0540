//! The countries the add-a-session form offers, with the name we show and the time zone
//! most of their sessions keep (the member can choose another).
pub const COUNTRIES: [(&str, &str, &str); 24] = [
    ("IE", "Ireland", "Europe/Dublin"),
    ("GB", "United Kingdom", "Europe/London"),
    ("US", "United States", "America/New_York"),
    ("CA", "Canada", "America/Toronto"),
    ("AU", "Australia", "Australia/Sydney"),
    ("NZ", "New Zealand", "Pacific/Auckland"),
    ("DE", "Germany", "Europe/Berlin"),
    ("FR", "France", "Europe/Paris"),
    ("ES", "Spain", "Europe/Madrid"),
    ("PT", "Portugal", "Europe/Lisbon"),
    ("NL", "Netherlands", "Europe/Amsterdam"),
    ("BE", "Belgium", "Europe/Brussels"),
    ("DK", "Denmark", "Europe/Copenhagen"),
    ("SE", "Sweden", "Europe/Stockholm"),
    ("NO", "Norway", "Europe/Oslo"),
    ("FI", "Finland", "Europe/Helsinki"),
    ("CZ", "Czechia", "Europe/Prague"),
    ("AT", "Austria", "Europe/Vienna"),
    ("CH", "Switzerland", "Europe/Zurich"),
    ("IT", "Italy", "Europe/Rome"),
    ("PL", "Poland", "Europe/Warsaw"),
    ("IS", "Iceland", "Atlantic/Reykjavik"),
    ("JP", "Japan", "Asia/Tokyo"),
    ("AR", "Argentina", "America/Argentina/Buenos_Aires"),
];

/// The name we show for a country code, if the form offers it.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name, _)| *name)
}
