//! Folding text for matching and for URLs: case and accents go (`Sláinte` → `slainte`,
//! `Ó Briain` → `o briain`), so people find places however they type them.

/// Lower case, accents transliterated, runs of spaces collapsed.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL segment: folded, letters and digits only, words joined by single dashes.
pub fn slug(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Sláinte"), fold("slainte"));
        assert_eq!(fold("Ó Briain's"), "o briain's");
        assert_eq!(fold("  Gaoth   Dobhair "), "gaoth dobhair");
        assert_eq!(fold("Köln"), "koln");
        assert_eq!(fold("København"), "kobenhavn");
    }

    #[test]
    fn slugs_are_url_safe_words() {
        assert_eq!(slug("An Spidéal"), "an-spideal");
        assert_eq!(slug("St. John's"), "st-john-s");
        assert_eq!(slug("Carrick-on-Shannon"), "carrick-on-shannon");
        assert_eq!(slug("Île-de-France"), "ile-de-france");
        assert_eq!(slug("Newcastle upon Tyne"), "newcastle-upon-tyne");
        assert_eq!(slug("!!!"), "");
    }
}
