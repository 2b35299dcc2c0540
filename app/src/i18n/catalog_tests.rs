//! The catalogs are complete: both parse, both hold the same messages, and every message
//! the code asks for (`t!(lang, "id"…)` anywhere in `app/src` or `server/src`) is in both.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};
use fluent_syntax::ast::Entry;

use super::{Lang, FORM_WORDS, ISLAND_WORDS};
use crate::t;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn message_ids(lang: &str) -> BTreeSet<String> {
    let path = crate_dir().join("locales").join(lang).join("main.ftl");
    let source = std::fs::read_to_string(&path).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message.id.name.to_string()),
            Entry::Term(term) => Some(format!("-{}", term.id.name)),
            _ => None,
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each `t!(…, "id"` in `source`: the first string literal after the macro's name.
fn asked_for(source: &str) -> Vec<String> {
    source
        .match_indices("t!(")
        .filter(|(at, _)| {
            // `t!(` itself, not the tail of another macro's name (`format!(`).
            !source[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .filter_map(|(at, _)| {
            let rest = &source[at..];
            let open = rest.find('"')?;
            let close = rest[open + 1..].find('"')?;
            Some(rest[open + 1..open + 1 + close].to_string())
        })
        .filter(|id| !id.is_empty() && !id.contains(' '))
        .collect()
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&crate_dir().join("src"), &mut files);
    rust_files(&crate_dir().join("../server/src"), &mut files);
    files
        .into_iter()
        // The macro's own file and this one show made-up ids in examples.
        .filter(|path| !path.ends_with("i18n/mod.rs") && !path.ends_with("i18n/catalog_tests.rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

#[test]
fn both_languages_have_every_message() {
    let english = message_ids("en");
    let irish = message_ids("ga");
    let only_english: Vec<_> = english.difference(&irish).collect();
    let only_irish: Vec<_> = irish.difference(&english).collect();
    assert!(
        only_english.is_empty() && only_irish.is_empty(),
        "missing from ga/main.ftl: {only_english:?}; missing from en/main.ftl: {only_irish:?}"
    );
}

#[test]
fn every_message_the_code_asks_for_is_in_the_catalogs() {
    let english = message_ids("en");
    let irish = message_ids("ga");
    let mut asked = 0;
    let mut missing = Vec::new();
    for (path, source) in sources() {
        for id in asked_for(&source) {
            asked += 1;
            for (lang, ids) in [("en", &english), ("ga", &irish)] {
                if !ids.contains(&id) {
                    missing.push(format!("{id} ({lang}) in {}", path.display()));
                }
            }
        }
    }
    assert!(asked > 100, "found only {asked} messages asked for");
    assert!(missing.is_empty(), "not in the catalogs: {missing:#?}");
}

/// Messages whose value chooses among variants (`{ $n -> … }`): the browser cannot.
fn selecting(lang: &str) -> BTreeSet<String> {
    use fluent_syntax::ast::{Expression, PatternElement};
    let source =
        std::fs::read_to_string(crate_dir().join("locales").join(lang).join("main.ftl")).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str()).unwrap();
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message),
            _ => None,
        })
        .filter(|message| {
            message.value.as_ref().is_some_and(|pattern| {
                pattern.elements.iter().any(|element| {
                    matches!(
                        element,
                        PatternElement::Placeable {
                            expression: Expression::Select { .. }
                        }
                    )
                })
            })
        })
        .map(|message| message.id.name.to_string())
        .collect()
}

/// The code the browser runs: islands' bodies (`#[island]`, and the lazy form island),
/// all of `browser.rs`, and what the form island draws (its preview card and map).
fn browser_code(path: &Path, source: &str) -> Vec<String> {
    let whole = [
        "components/browser.rs",
        "pages/session_form.rs",
        "components/session_card.rs",
        "components/session_map.rs",
    ];
    if whole.iter().any(|name| path.ends_with(name)) {
        return vec![source.to_string()];
    }
    // Islands, and what is compiled for the browser only (`locate`, `share`…).
    [
        "#[island]",
        "#[cfg(feature = \"hydrate\")]\npub fn",
        "#[cfg(feature = \"hydrate\")]\nfn",
    ]
    .iter()
    .flat_map(|marker| source.split(marker).skip(1))
    .map(|item| item.split("\n}\n").next().unwrap_or(item).to_string())
    .collect()
}

#[test]
fn islands_ask_only_for_the_words_the_page_carries() {
    let english = message_ids("en");
    let (selecting_en, selecting_ga) = (selecting("en"), selecting("ga"));
    for id in ISLAND_WORDS.iter().chain(FORM_WORDS) {
        assert!(english.contains(*id), "{id} is not in the catalog");
        assert!(
            !selecting_en.contains(*id) && !selecting_ga.contains(*id),
            "{id} chooses among variants: the browser can only fill in values"
        );
    }
    for (path, source) in sources() {
        let form = path.ends_with("pages/session_form.rs")
            || path.ends_with("components/session_card.rs")
            || path.ends_with("components/session_map.rs");
        for body in browser_code(&path, &source) {
            for id in asked_for(&body) {
                let carried = ISLAND_WORDS.contains(&id.as_str())
                    || (form && FORM_WORDS.contains(&id.as_str()));
                // Hydration keeps the server's fixed text, but what an island redraws is
                // drawn in the browser: every id is carried, so none can be missed.
                assert!(
                    carried,
                    "{id}, said in the browser by {}, is not carried by the page",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_catalog_finds_a_stray_message() {
    assert_eq!(
        asked_for(r#"let x = t!(lang, "nav-search"); format!("{}", 1); t!(lang, "a", n = 2)"#),
        ["nav-search", "a"]
    );
}

#[test]
fn days_and_times_read_naturally_in_irish() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let weekly = crate::model::Schedule::Weekly {
        days: vec![Weekday::Thu],
        every_weeks: 1,
        anchor: d(2026, 1, 1),
        start: hm(21, 30),
        end: None,
    };
    assert_eq!(weekly.describe_in(Lang::Ga), "Gach Déardaoin ó 21:30");
    assert_eq!(weekly.describe_in(Lang::En), "Thursdays from 21:30");
    let monthly = crate::model::Schedule::Monthly {
        week: crate::model::WeekOfMonth::First,
        day: Weekday::Fri,
        start: hm(20, 0),
        end: Some(hm(23, 0)),
    };
    assert_eq!(
        monthly.describe_in(Lang::Ga),
        "An chéad Aoine den mhí, 20:00–23:00"
    );
    let last_tuesday = crate::model::Schedule::Monthly {
        week: crate::model::WeekOfMonth::Last,
        day: Weekday::Tue,
        start: hm(20, 0),
        end: None,
    };
    assert_eq!(
        last_tuesday.describe_in(Lang::Ga),
        "An Mháirt dheireanach den mhí, 20:00"
    );
    let several = crate::model::Schedule::Weekly {
        days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
        every_weeks: 1,
        anchor: d(2026, 1, 1),
        start: hm(21, 0),
        end: Some(hm(23, 30)),
    };
    assert_eq!(
        several.describe_in(Lang::Ga),
        "Gach Luan, Céadaoin agus Aoine 21:00–23:30"
    );
    assert_eq!(
        several.describe_in(Lang::En),
        "Mondays, Wednesdays and Fridays 21:00–23:30"
    );
    let once = crate::model::Schedule::Once {
        date: d(2026, 8, 14),
        start: hm(14, 0),
        end: None,
    };
    assert_eq!(once.describe_in(Lang::Ga), "Aoine 14 Lún 2026 ó 14:00");
}

#[test]
fn irish_counts_take_the_right_form() {
    // Irish has five plural forms: 1, 2, 3–6, 7–10 and the rest.
    let counts: Vec<String> = [1, 2, 3, 7, 11, 20]
        .into_iter()
        .map(|n| t!(Lang::Ga, "count-sessions", count = n))
        .collect();
    assert_eq!(
        counts,
        [
            "1 seisiún",
            "2 sheisiún",
            "3 sheisiún",
            "7 seisiún",
            "11 seisiún",
            "20 seisiún"
        ]
    );
    assert_eq!(t!(Lang::En, "count-sessions", count = 1), "1 session");
    assert_eq!(t!(Lang::En, "count-sessions", count = 360), "360 sessions");
}

#[test]
fn the_page_carries_each_browser_word_with_its_values_left_to_fill() {
    for lang in Lang::ALL {
        for id in ISLAND_WORDS.iter().chain(FORM_WORDS) {
            let word = super::catalog::template(lang, id);
            assert_ne!(&word, id, "{id} in {lang:?} did not render");
            assert!(!word.contains('\u{2068}'), "no isolation marks: {word}");
        }
        assert!(super::catalog::template(lang, "showing-of").contains("{ $shown }"));
        assert!(super::catalog::template(lang, "showing-of").contains("{ $total }"));
        assert!(super::catalog::template(lang, "your-time").contains("{ $time }"));
    }
    assert_eq!(
        super::catalog::template(Lang::Ga, "showing-of"),
        "{ $shown } as { $total } á dtaispeáint"
    );
}
