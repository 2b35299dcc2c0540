//! Search by name, venue, town or area: the words a store indexes, the terms a query
//! becomes, and how a matching session ranks. Shared by every store adapter so they agree.
use std::collections::BTreeSet;

use super::{Session, SessionStatus};

/// Queries shorter than this (after folding) would match most of the directory.
pub const MIN_QUERY_CHARS: usize = 2;
/// Extra words beyond these add little and cost a key range each.
pub const MAX_QUERY_TERMS: usize = 6;
/// No indexed word is longer; a longer one cannot match, and DynamoDB refuses key values
/// past 1 KB, so it is refused before any read.
pub const MAX_TERM_CHARS: usize = 60;
/// The most results one search returns, best first.
pub const MAX_RESULTS: usize = 100;

/// Case- and accent-folded words, apostrophes dropped (`Ó Briain's` → `o`, `briains`).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded: String = crate::text::fold(text)
        .chars()
        .filter(|c| *c != '\'')
        .collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The most words a session is indexed under. In DynamoDB each is an item written in the
/// session's transaction (at most 100 items: an edit deletes the old keys and writes the
/// new); real names, venues and places have far fewer.
pub const MAX_INDEXED_TERMS: usize = 20;

/// The words a store indexes the session under: the words of its name, venue, town and
/// area, in that order, up to [`MAX_INDEXED_TERMS`]. One-letter words are left out: no
/// query term is that short.
pub fn index_terms(session: &Session) -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    let words = searchable_fields(session)
        .into_iter()
        .flat_map(|(text, _)| words(text))
        .filter(|w| w.len() >= MIN_QUERY_CHARS);
    for word in words {
        if terms.len() == MAX_INDEXED_TERMS {
            break;
        }
        terms.insert(word);
    }
    terms
}

/// What a query becomes: its folded words, each matched as a prefix. One-letter words are
/// dropped when longer ones remain (`Ó Briain` searches `briain`).
pub fn query_terms(query: &str) -> Result<Vec<String>, String> {
    let all: Vec<String> = words(query).collect();
    let mut terms: Vec<String> = all
        .iter()
        .filter(|w| w.len() >= MIN_QUERY_CHARS)
        .cloned()
        .collect();
    if terms.is_empty() {
        return Err(crate::t!(
            crate::i18n::use_lang(),
            "error-query-short",
            min = MIN_QUERY_CHARS
        ));
    }
    if terms.iter().any(|t| t.len() > MAX_TERM_CHARS) {
        return Err(crate::t!(
            crate::i18n::use_lang(),
            "error-query-word-long",
            max = MAX_TERM_CHARS
        ));
    }
    terms.dedup();
    terms.truncate(MAX_QUERY_TERMS);
    Ok(terms)
}

/// Field weights: a hit in the name counts most, then the venue, town and area.
fn searchable_fields(session: &Session) -> [(&str, u32); 4] {
    [
        (&session.name, 8),
        (&session.venue.name, 4),
        (&session.town, 3),
        (&session.area, 2),
    ]
}

/// How well the session matches: `None` unless every term is a prefix of one of its words.
/// Each term scores its best field (a whole word scores more than a prefix); a name that
/// starts with the whole query scores a bonus.
pub fn score(session: &Session, terms: &[String]) -> Option<u32> {
    let fields: Vec<(Vec<String>, u32)> = searchable_fields(session)
        .iter()
        .map(|(text, weight)| (words(text).collect(), *weight))
        .collect();
    let mut total = 0;
    for term in terms {
        let best = fields
            .iter()
            .filter_map(|(words, weight)| {
                let exact = words.iter().any(|w| w == term);
                let prefix = words.iter().any(|w| w.starts_with(term.as_str()));
                match (exact, prefix) {
                    (true, _) => Some(weight * 2),
                    (false, true) => Some(*weight),
                    _ => None,
                }
            })
            .max()?;
        total += best;
    }
    let name: Vec<String> = words(&session.name).collect();
    if name.starts_with(terms) || name.join(" ").starts_with(&terms.join(" ")) {
        total += 10;
    }
    Some(total)
}

/// Keeps the sessions matching every term, best first: score, then running sessions
/// before paused and closed ones, then name.
pub fn rank(sessions: impl IntoIterator<Item = Session>, terms: &[String]) -> Vec<Session> {
    let mut scored: Vec<(u32, bool, String, Session)> = sessions
        .into_iter()
        .filter_map(|s| {
            let score = score(&s, terms)?;
            let inactive = !matches!(s.status, SessionStatus::Active);
            Some((score, inactive, crate::store::name_sort_key(&s), s))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().map(|(.., s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_over_long_word_is_refused_before_any_read() {
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert!(query_terms(&format!("ennis {long}")).is_err());
        assert!(query_terms(&"a".repeat(MAX_TERM_CHARS)).is_ok());
    }
    use crate::model::fixtures::sample_session;

    fn session(name: &str, venue: &str, town: &str, area: &str) -> Session {
        let mut s = sample_session(&crate::text::slug(name), name, "IE");
        s.venue.name = venue.to_string();
        s.town = town.to_string();
        s.area = area.to_string();
        s
    }

    fn terms(q: &str) -> Vec<String> {
        query_terms(q).unwrap()
    }

    #[test]
    fn queries_fold_case_accents_and_apostrophes() {
        assert_eq!(terms("Sláinte"), vec!["slainte"]);
        assert_eq!(terms("SLAINTE"), vec!["slainte"]);
        assert_eq!(terms("Ó Briain's"), vec!["briains"]);
        assert_eq!(terms("  an   Spidéal "), vec!["an", "spideal"]);
        assert!(query_terms("Ó").is_err());
        assert!(query_terms("  ").is_err());
        assert!(query_terms("!!").is_err());
    }

    #[test]
    fn index_terms_cover_name_venue_town_and_area() {
        let s = session(
            "Sláinte Session",
            "Ó Briain's Bar",
            "Gaoth Dobhair",
            "Dún na nGall",
        );
        let indexed = index_terms(&s);
        for word in [
            "slainte", "session", "briains", "bar", "gaoth", "dobhair", "dun", "na",
        ] {
            assert!(indexed.contains(word), "{word} missing from {indexed:?}");
        }
        assert!(!indexed.contains("o"), "one-letter words are not indexed");
    }

    #[test]
    fn every_term_must_prefix_match_some_word() {
        let s = session("Sláinte Session", "Ó Briain's Bar", "Ennis", "Clare");
        assert!(score(&s, &terms("slainte")).is_some());
        assert!(score(&s, &terms("sla")).is_some(), "prefixes match");
        assert!(score(&s, &terms("o briain")).is_some(), "Ó = O");
        assert!(score(&s, &terms("slainte ennis")).is_some());
        assert!(score(&s, &terms("slainte galway")).is_none());
        assert!(
            score(&s, &terms("ainte")).is_none(),
            "only prefixes, not infixes"
        );
    }

    #[test]
    fn name_hits_outrank_venue_and_place_hits() {
        let in_name = session("Ennis Trad Night", "The Cloister", "Ennis", "Clare");
        let in_venue = session("Friday Session", "Ennistymon House", "Lahinch", "Clare");
        let in_town = session("Tuesday Tunes", "Brogan's", "Ennis", "Clare");
        let ranked = rank(
            [in_town.clone(), in_venue.clone(), in_name.clone()],
            &terms("ennis"),
        );
        let names: Vec<_> = ranked.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ennis Trad Night", "Tuesday Tunes", "Friday Session"]
        );
    }

    #[test]
    fn running_sessions_rank_before_closed_ones_at_equal_score() {
        let mut closed = session("Ceol Club", "A", "Ennis", "Clare");
        closed.status = SessionStatus::Closed {
            reason: "pub shut".into(),
        };
        let open = session("Ceol Night", "B", "Ennis", "Clare");
        let ranked = rank([closed, open], &terms("ceol"));
        assert_eq!(ranked[0].name, "Ceol Night");
        assert_eq!(ranked.len(), 2);
    }
}
