//! The public API keeps the promises of its OpenAPI document: schemathesis (scripts/api-fuzz)
//! sends the real app requests the document calls valid and requests it calls invalid and
//! checks every answer; and the document states the constraints the code enforces.
use crate::common;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use common::spawn_app;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// Runs scripts/api-fuzz against a fresh app; fails (never skips) when schemathesis is not
/// installed.
#[test]
fn the_api_answers_as_its_openapi_document_says() {
    common::run(async {
        let app = spawn_app().await;
        let script = repo_root().join("scripts/api-fuzz");
        let address = app.address.clone();
        let started = std::time::Instant::now();
        let output = tokio::task::spawn_blocking(move || {
            Command::new("bash")
                .arg(&script)
                .arg(&address)
                .output()
                .expect("bash runs scripts/api-fuzz")
        })
        .await
        .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("{stdout}");
        eprintln!("{stderr}");
        println!("scripts/api-fuzz took {:.0?}", started.elapsed());
        if output.status.code() == Some(3) {
            panic!(
                "schemathesis is missing: run scripts/bootstrap --browser, which installs it \
                 into its own virtualenv (SCHEMATHESIS_VENV in scripts/env.sh)\n{stderr}"
            );
        }
        assert!(
            output.status.success(),
            "scripts/api-fuzz found requests the API answers differently from its OpenAPI \
             document (exit {:?}); the failures are printed above",
            output.status.code()
        );
        app.stop().await;
    })
}

fn parameter<'a>(doc: &'a Value, path: &str, name: &str) -> &'a Value {
    doc["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{path} has parameters"))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{path} documents {name}"))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

const LISTS: [&str; 3] = ["/api/v1/sessions", "/api/v1/search", "/api/v1/near"];

#[test]
fn the_document_states_the_constraints_the_code_enforces() {
    common::run(async {
        let app = spawn_app().await;
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.status(), 200);
        let doc: Value = response.json().await.unwrap();

        for path in LISTS {
            let when = &parameter(&doc, path, "when")["schema"];
            assert_eq!(strings(&when["enum"]), ["tonight", "week"], "{path} when");
            let day = &parameter(&doc, path, "day")["schema"];
            assert_eq!(
                strings(&day["enum"]),
                ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "{path} day"
            );
            let tag = &parameter(&doc, path, "tag")["schema"];
            let slugs: Vec<&str> = app::model::Tag::ALL.iter().map(|t| t.slug()).collect();
            assert_eq!(strings(&tag["enum"]), slugs, "{path} tag");
            let cursor = parameter(&doc, path, "cursor");
            assert_eq!(cursor["schema"]["type"], "string", "{path} cursor");
        }

        let near = "/api/v1/near";
        for (name, min, max) in [("lat", -90.0, 90.0), ("lng", -180.0, 180.0)] {
            let p = parameter(&doc, near, name);
            assert_eq!(p["required"], true, "{name}");
            assert_eq!(p["schema"]["type"], "number", "{name}");
            assert_eq!(p["schema"]["minimum"].as_f64(), Some(min), "{name}");
            assert_eq!(p["schema"]["maximum"].as_f64(), Some(max), "{name}");
        }
        let km = parameter(&doc, near, "km");
        assert_ne!(km["required"], true);
        assert_eq!(km["schema"]["type"], "number");
        use app::model::geo::{DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM};
        assert_eq!(km["schema"]["minimum"].as_f64(), Some(MIN_RADIUS_KM));
        assert_eq!(km["schema"]["maximum"].as_f64(), Some(MAX_RADIUS_KM));
        assert_eq!(km["schema"]["default"].as_f64(), Some(DEFAULT_RADIUS_KM));
        assert_eq!(
            (MIN_RADIUS_KM, MAX_RADIUS_KM, DEFAULT_RADIUS_KM),
            (1.0, 100.0, 25.0)
        );

        let q = parameter(&doc, "/api/v1/search", "q");
        assert_eq!(q["required"], true);
        assert_eq!(q["schema"]["type"], "string");
        use app::model::search::{MAX_TERM_CHARS, MIN_QUERY_CHARS};
        assert_eq!(q["schema"]["minLength"], MIN_QUERY_CHARS);
        assert_eq!(q["schema"]["maxLength"], MAX_TERM_CHARS);
        assert_eq!(
            q["schema"]["pattern"].as_str(),
            Some(server::api_v1::query_pattern().as_str())
        );

        for (path, name) in [("/api/v1/sessions", "place"), ("/api/v1/places", "parent")] {
            let p = &parameter(&doc, path, name)["schema"];
            assert_eq!(
                p["pattern"].as_str(),
                Some(server::api_v1::PLACE_PATTERN),
                "{path} {name}"
            );
        }

        let id = &parameter(&doc, "/api/v1/sessions/{id}", "id")["schema"];
        assert_eq!(id["pattern"], "^[a-z0-9-]{1,64}$");
        assert_eq!(id["maxLength"], 64);

        // Every operation names its 400 (and, where a key can name nothing, its 404); every
        // error answer is an ErrorBody.
        let error_body = "#/components/schemas/ErrorBody";
        for (path, item) in doc["paths"].as_object().unwrap() {
            let responses = item["get"]["responses"].as_object().unwrap();
            let expected: &[&str] = match path.as_str() {
                "/api/v1/search" | "/api/v1/near" => &["200", "400"],
                _ => &["200", "400", "404"],
            };
            for status in expected {
                assert!(
                    responses.contains_key(*status),
                    "{path} documents no {status}"
                );
            }
            for (status, response) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"], error_body,
                        "{path} {status}"
                    );
                }
            }
        }
        app.stop().await;
    })
}

/// Every query the API takes (and the document allows) is one the search takes: each
/// letter folds to exactly one ASCII letter or digit, context-free, and everything else the
/// API allows folds to no letter at all, so a query's words are its runs of letters (joined
/// by apostrophes) and none is longer than the query.
#[test]
fn every_query_the_api_takes_is_a_search() {
    use server::api_v1::{check_search_query, is_query_char, is_query_letter, MAX_QUERY_CHARS};
    let mut bad = Vec::new();
    let mut letters = 0;
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        if !is_query_char(c) {
            continue;
        }
        let folded = app::text::fold(&c.to_string());
        let alnum = folded.chars().filter(char::is_ascii_alphanumeric).count();
        let around: Vec<String> = app::model::search::words(&format!("ab{c}cd")).collect();
        if is_query_letter(c) {
            letters += 1;
            if alnum != 1 || folded.chars().count() != 1 || around != [format!("ab{folded}cd")] {
                bad.push(format!(
                    "letter U+{:04X} {c}: {folded:?}, {around:?}",
                    c as u32
                ));
            }
        } else if alnum != 0 || around.concat().len() != 4 {
            bad.push(format!(
                "mark U+{:04X} {c:?}: {folded:?}, {around:?}",
                c as u32
            ));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    assert!(letters > 62, "letters beyond ASCII count too");
    assert_eq!(MAX_QUERY_CHARS, app::model::search::MAX_TERM_CHARS);

    let long = "a".repeat(MAX_QUERY_CHARS);
    let joined = "ó’o".repeat(MAX_QUERY_CHARS / 3);
    for (text, ok) in [
        ("an", true),
        ("Óg", true),
        ("Sé", true),
        ("O’Connor’s – Doolin", true),
        ("Łódź", true),
        (long.as_str(), true),
        (joined.as_str(), true),
        (&format!("{long}a"), false),
        ("O", false),
        ("Ó b", false),
        ("a-b", false),
        ("a'b", false),
        ("Straße", false),
        ("北京", false),
        ("", false),
    ] {
        let checked = check_search_query(text);
        assert_eq!(checked.is_ok(), ok, "{text:?}: {checked:?}");
        if ok {
            let terms = app::model::search::query_terms(text);
            assert!(terms.is_ok(), "{text:?}: {terms:?}");
        }
    }
    // Many more, drawn from the characters the API takes (and some it does not).
    let pool: Vec<char> = "aZ9é’–'- .ßx北"
        .chars()
        .chain(['Ł', 'ÿ', 'Ŀ', '\u{0}', '\u{7F}'])
        .collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..20_000 {
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let len = (next() % 70) as usize;
        let text: String = (0..len)
            .map(|_| pool[(next() % pool.len() as u64) as usize])
            .collect();
        if check_search_query(&text).is_ok() {
            let terms = app::model::search::query_terms(&text);
            assert!(terms.is_ok(), "{text:?}: {terms:?}");
        }
    }
}

/// The `q` pattern, read by Python's `re` (as schemathesis reads it), agrees with the check.
#[test]
fn the_query_pattern_says_what_the_check_does() {
    let samples = [
        "an",
        "Óg",
        "O’Connor’s – Doolin",
        "Łódź",
        "a\u{0}b",
        "a\nbc",
        "O",
        "a-b",
        "Straße",
        "北京 ab",
        "x×y",
        "",
    ];
    let script = "import json, re, sys\n\
                  pattern, samples = json.load(sys.stdin)\n\
                  print(json.dumps([re.search(pattern, s) is not None for s in samples]))";
    let input = serde_json::to_string(&(server::api_v1::query_pattern(), samples)).unwrap();
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let matched: Vec<bool> = serde_json::from_slice(&output.stdout).unwrap();
    for (text, matched) in samples.iter().zip(matched) {
        assert_eq!(
            matched,
            server::api_v1::check_search_query(text).is_ok(),
            "{text:?} against {}",
            server::api_v1::query_pattern()
        );
    }
}

/// What the document refuses, the API refuses (the site's pages are more forgiving); what it
/// allows, the API answers.
#[test]
fn the_api_takes_exactly_what_the_document_allows() {
    common::run(async {
        let app = spawn_app().await;
        for (path, status) in [
            ("/api/v1/sessions?when=tonight&day=fri&tag=set-dancing", 200),
            ("/api/v1/sessions?when=TONIGHT", 400),
            ("/api/v1/sessions?when=", 400),
            ("/api/v1/sessions?day=%20fri", 400),
            ("/api/v1/near?lat=52.8&lng=-9&tag=Slow", 400),
            ("/api/v1/search?q=%C3%93g", 200),            // Óg
            ("/api/v1/search?q=S%C3%A9", 200),            // Sé
            ("/api/v1/search?q=%E5%8C%97%E4%BA%AC", 400), // 北京
            ("/api/v1/search?q=Stra%C3%9Fe", 400),        // Straße
            ("/api/v1/search?q=a%20b%20c", 400),
            ("/api/v1/near?lat=90&lng=180&km=100", 200),
            ("/api/v1/near?lat=-90&lng=-180&km=1", 200),
            ("/api/v1/near?lat=52.8&lng=-9&km=0.5", 400),
            ("/api/v1/sessions?place=", 200),
            ("/api/v1/places?parent=", 200),
            ("/api/v1/sessions/%FF", 400),
        ] {
            let response = app.get(path).await;
            let got = response.status().as_u16();
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_string();
            let body = response.text().await.unwrap();
            assert_eq!(got, status, "{path}: {body}");
            assert!(
                content_type.starts_with("application/json"),
                "{path}: {content_type}"
            );
            if status == 400 {
                let error: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(error["error"]["status"], 400, "{path}: {body}");
            }
        }
        app.stop().await;
    })
}
