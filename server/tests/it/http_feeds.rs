//! Documents for machines over real HTTP: robots.txt, the sitemap (and its index past the
//! per-file limit) and the Atom feed — exact absolute URLs, escaping, well-formed XML,
//! content types, cache headers, and a 503 when the store is down — and calendar files
//! as an independent iCalendar parser reads them.
use crate::common;

use std::sync::Arc;

use app::model::{Schedule, Session, SessionId, WeekOfMonth};
use app::store::contract::sample_session;
use app::store::Store;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use common::{spawn_app_in, TestApp};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use server::embedded_store::EmbeddedStore;
use server::feeds::sitemap::{collect_entries, rebuild, sitemap_index, urlset, MAX_URLS_PER_FILE};

const SITE: &str = "https://seisiun.example";

async fn empty_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(
        dir.path(),
        &[("SEED_DEMO_DATA", "false"), ("SITE_URL", SITE)],
    )
    .await;
    (app, dir)
}

fn time(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

fn placed(id: &str, name: &str, country: &str, area: &str, town: &str) -> Session {
    let mut session = sample_session(id, name, country);
    session.area = area.into();
    session.town = town.into();
    session
}

/// Four sessions in two countries, with distinct creation and change times.
async fn arrange(store: &dyn Store) {
    let mut sessions = [
        placed("d1", "Doolin Thursday", "IE", "Clare", "Doolin"),
        placed("e1", "Ennis Friday", "IE", "Clare", "Ennis"),
        placed("s1", "Spiddal Wednesday", "IE", "Galway", "An Spidéal"),
        placed("u1", "Boston Monday", "US", "Massachusetts", "Boston"),
    ];
    for (session, (created, updated)) in sessions.iter_mut().zip([
        ("2026-01-10T20:00:00Z", "2026-02-14T09:30:00Z"),
        ("2026-01-12T20:00:00Z", "2026-01-12T20:00:00Z"),
        ("2026-01-11T20:00:00Z", "2026-03-05T23:59:59Z"),
        ("2026-01-09T20:00:00Z", "2026-01-20T08:00:00Z"),
    ]) {
        session.created_at = time(created);
        session.updated_at = time(updated);
        store.create_session(session, None).await.unwrap();
    }
}

fn header<'r>(response: &'r reqwest::Response, name: &str) -> &'r str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// Fetches a document and checks its status, content type and cache lifetime.
async fn fetch(address: &str, path: &str, content_type: &str, cache: &str) -> String {
    let response = reqwest::get(format!("{address}{path}")).await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(header(&response, "content-type"), content_type, "{path}");
    assert_eq!(header(&response, "cache-control"), cache, "{path}");
    response.text().await.unwrap()
}

const XML: &str = "application/xml; charset=utf-8";
const ATOM: &str = "application/atom+xml; charset=utf-8";
const SITEMAP_CACHE: &str = "public, max-age=3600";

/// A parsed element: enough of a tree to compare documents by meaning, not by bytes.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn text_of(&self, name: &str) -> &str {
        self.child(name).text.trim()
    }
}

fn start(event: &BytesStart) -> Element {
    Element {
        name: event.name().0.to_string(),
        attributes: event
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.0.to_string(),
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    }
}

/// Parses with quick-xml, panicking on anything that is not well-formed (mismatched or
/// unclosed tags, bare `&`, bad references), and returns the root element.
fn parse(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    // The bottom of the stack collects the root; raw text keeps references for unescaping.
    let mut stack = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
        match event {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(start(&e)),
            Event::End(_) => {
                let mut done = stack.pop().unwrap();
                done.text = quick_xml::escape::unescape(&done.text)
                    .unwrap_or_else(|e| panic!("bad reference in <{}>: {e}", done.name))
                    .into_owned();
                stack
                    .last_mut()
                    .expect("an end tag without a start")
                    .children
                    .push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = &mut stack.last_mut().unwrap().text;
                text.push('&');
                text.push_str(&r);
                text.push(';');
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements:\n{xml}");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "exactly one root element");
    document.children.pop().unwrap()
}

/// A urlset's entries as (loc, lastmod).
/// One `<url>`: its address, `lastmod`, and its (hreflang, href) alternates.
type SitemapUrl = (String, Option<String>, Vec<(String, String)>);

fn urlset_entries(xml: &str) -> Vec<(String, Option<String>)> {
    let root = parse(xml);
    assert_eq!(root.name, "urlset");
    assert_eq!(
        root.attribute("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    assert_eq!(
        root.attribute("xmlns:xhtml"),
        Some("http://www.w3.org/1999/xhtml")
    );
    let urls: Vec<SitemapUrl> = root
        .children_named("url")
        .map(|url| {
            let lastmod = url.children_named("lastmod").next().map(|l| l.text.clone());
            let alternates = url
                .children_named("xhtml:link")
                .map(|link| {
                    assert_eq!(link.attribute("rel"), Some("alternate"));
                    (
                        link.attribute("hreflang").unwrap().to_string(),
                        link.attribute("href").unwrap().to_string(),
                    )
                })
                .collect();
            (url.text_of("loc").to_string(), lastmod, alternates)
        })
        .collect();
    // Every page twice, English then Irish (under /ga), each naming both and the default.
    assert_eq!(urls.len() % 2, 0, "{xml}");
    urls.chunks(2)
        .map(|pair| {
            let [(english, lastmod, alternates), (irish, irish_lastmod, irish_alternates)] = pair
            else {
                unreachable!()
            };
            let path = english.strip_prefix(SITE).expect("our site");
            let expected_irish = if path == "/" {
                format!("{SITE}/ga/")
            } else {
                format!("{SITE}/ga{path}")
            };
            assert_eq!(irish, &expected_irish);
            assert_eq!(lastmod, irish_lastmod);
            let expected = vec![
                ("en".to_string(), english.clone()),
                ("ga".to_string(), irish.clone()),
                ("x-default".to_string(), english.clone()),
            ];
            assert_eq!(alternates, &expected);
            assert_eq!(irish_alternates, &expected);
            (english.clone(), lastmod.clone())
        })
        .collect()
}

/// A sitemap index's part addresses.
fn index_locs(xml: &str) -> Vec<String> {
    let root = parse(xml);
    assert_eq!(root.name, "sitemapindex", "{xml}");
    root.children_named("sitemap")
        .map(|s| s.text_of("loc").to_string())
        .collect()
}

fn page(path: &str) -> (String, Option<String>) {
    (format!("{SITE}{path}"), None)
}

fn session(id: &str, lastmod: &str) -> (String, Option<String>) {
    (format!("{SITE}/session/{id}"), Some(lastmod.to_string()))
}

#[test]
fn robots_txt_allows_all_but_the_api_and_names_the_sitemap() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let body = fetch(
            &app.address,
            "/robots.txt",
            "text/plain; charset=utf-8",
            "public, max-age=86400",
        )
        .await;
        assert_eq!(
            body,
            format!("User-agent: *\nDisallow: /api/\nDisallow: /ga/api/\n\nSitemap: {SITE}/sitemap.xml\n")
        );
    })
}

#[test]
fn the_sitemap_lists_home_every_place_level_and_every_session() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        arrange(app.store.as_ref()).await;
        // What the scheduled build does (the local server's timer, the `sitemap` task).
        rebuild(app.store.as_ref(), MAX_URLS_PER_FILE)
            .await
            .unwrap();
        let xml = fetch(&app.address, "/sitemap.xml", XML, SITEMAP_CACHE).await;
        assert_eq!(
            urlset_entries(&xml),
            vec![
                page("/"),
                page("/sessions"),
                page("/sessions/ie"),
                page("/sessions/ie/clare"),
                page("/sessions/ie/clare/doolin"),
                page("/sessions/ie/clare/ennis"),
                page("/sessions/ie/galway"),
                page("/sessions/ie/galway/an-spideal"),
                page("/sessions/us"),
                page("/sessions/us/massachusetts"),
                page("/sessions/us/massachusetts/boston"),
                // Sessions by name, each dated by its last change.
                session("u1", "2026-01-20"),
                session("d1", "2026-02-14"),
                session("e1", "2026-01-12"),
                session("s1", "2026-03-05"),
            ]
        );
        // With every session on one page the parts do not exist.
        let (status, _) = app.get_text("/sitemap-1.xml").await;
        assert_eq!(status, 404);
    })
}

#[test]
fn an_empty_site_still_has_a_sitemap_of_its_fixed_pages() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let xml = fetch(&app.address, "/sitemap.xml", XML, SITEMAP_CACHE).await;
        assert_eq!(urlset_entries(&xml), vec![page("/"), page("/sessions")]);
    })
}

#[test]
fn past_the_limit_the_sitemap_becomes_an_index_of_parts() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let store = app.store.as_ref();
        arrange(store).await;
        let entries = collect_entries(store).await.unwrap();
        assert_eq!(entries.len(), 15);

        // Exactly at the limit one part still holds everything.
        let whole = rebuild(store, 15).await.unwrap();
        assert_eq!(whole.parts.len(), 1);
        let part = store.sitemap_part(&whole, 1).await.unwrap().unwrap();
        assert_eq!(urlset_entries(&urlset(SITE, &part)).len(), 15);

        let outline = rebuild(store, 5).await.unwrap();
        assert_eq!(
            index_locs(&sitemap_index(SITE, &outline)),
            vec![
                format!("{SITE}/sitemap-1.xml"),
                format!("{SITE}/sitemap-2.xml"),
                format!("{SITE}/sitemap-3.xml"),
            ]
        );
        let mut rejoined = Vec::new();
        for n in 1..=3 {
            let part = store
                .sitemap_part(&outline, n)
                .await
                .unwrap()
                .expect("part exists");
            assert_eq!(part.len(), 5, "part {n}");
            rejoined.extend(part);
        }
        assert_eq!(rejoined, entries, "the parts hold every URL once, in order");
        assert_eq!(store.sitemap_part(&outline, 0).await.unwrap(), None);
        assert_eq!(store.sitemap_part(&outline, 4).await.unwrap(), None);

        // A partial last part, and each part's newest date in the index.
        let outline = rebuild(store, 4).await.unwrap();
        assert_eq!(outline.parts.len(), 4);
        let last = store.sitemap_part(&outline, 4).await.unwrap().unwrap();
        assert_eq!(last.len(), 3);
        let index = sitemap_index(SITE, &outline);
        assert!(index.contains("<lastmod>2026-03-05</lastmod>"), "{index}");
    })
}

/// The feed routes alone over a real store.
async fn spawn_feeds() -> (String, Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(dir.path()).unwrap());
    let state = common::state_over(store.clone(), dir.path(), SITE);
    let router = axum::Router::new()
        .merge(server::feeds::routes())
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (address, store, dir)
}

#[test]
fn the_part_routes_serve_each_part_and_refuse_the_rest() {
    common::run(async {
        let (address, store, _dir) = spawn_feeds().await;
        arrange(store.as_ref()).await;
        rebuild(store.as_ref(), 5).await.unwrap();

        let index = fetch(&address, "/sitemap.xml", XML, SITEMAP_CACHE).await;
        assert_eq!(index_locs(&index).len(), 3);
        let mut served = Vec::new();
        for n in 1..=3 {
            let part = fetch(&address, &format!("/sitemap-{n}.xml"), XML, SITEMAP_CACHE).await;
            let entries = urlset_entries(&part);
            assert_eq!(entries.len(), 5, "part {n}");
            served.extend(entries);
        }
        assert_eq!(served[0], page("/"));
        assert_eq!(served[14], session("s1", "2026-03-05"));

        for missing in [
            "/sitemap-4.xml",
            "/sitemap-0.xml",
            "/sitemap-01.xml",
            "/sitemap-+1.xml",
            "/sitemap-1.txt",
            "/sitemap-one.xml",
        ] {
            let response = reqwest::get(format!("{address}{missing}")).await.unwrap();
            assert_eq!(response.status(), 404, "{missing}");
        }
    })
}

#[test]
fn xml_special_characters_are_escaped_in_the_sitemap_and_the_feed() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let name = "Tom & Jerry's <session>";
        // The sitemap carries addresses, not names, and an id is only ever letters, digits
        // and `-` (`SessionId`); a control character in the venue must not break the feed.
        let mut tricky = sample_session("tom-jerrys", name, "IE");
        tricky.venue.name = "The \"Quiet\" Man\u{7}".into();
        app.store.create_session(&tricky, None).await.unwrap();
        rebuild(app.store.as_ref(), MAX_URLS_PER_FILE)
            .await
            .unwrap();

        let sitemap = fetch(&app.address, "/sitemap.xml", XML, SITEMAP_CACHE).await;
        let entries = urlset_entries(&sitemap);
        assert_eq!(
            entries.last().unwrap().0,
            format!("{SITE}/session/tom-jerrys")
        );

        let feed = fetch(&app.address, "/feed.atom", ATOM, "public, max-age=900").await;
        assert!(
            feed.contains("<title>Tom &amp; Jerry&apos;s &lt;session&gt;</title>"),
            "{feed}"
        );
        assert!(!feed.contains(name));
        let root = parse(&feed);
        let entry = root.child("entry");
        assert_eq!(entry.text_of("title"), name);
        assert_eq!(
            entry.text_of("summary"),
            "The \"Quiet\" Man · Ennis, Clare, Ireland · Thursdays from 21:30"
        );
    })
}

#[test]
fn the_atom_feed_lists_the_newest_first_and_is_well_formed() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        arrange(app.store.as_ref()).await;
        let feed = fetch(&app.address, "/feed.atom", ATOM, "public, max-age=900").await;
        let root = parse(&feed);
        assert_eq!(root.name, "feed");
        assert_eq!(root.attribute("xmlns"), Some("http://www.w3.org/2005/Atom"));
        assert_eq!(root.text_of("id"), format!("{SITE}/feed.atom"));
        assert_eq!(root.text_of("title"), "Seisiún — newest sessions");
        assert_eq!(
            root.text_of("updated"),
            "2026-03-05T23:59:59Z",
            "the latest change among the entries"
        );
        let self_link = root
            .children_named("link")
            .find(|l| l.attribute("rel") == Some("self"))
            .expect("a self link");
        assert_eq!(
            self_link.attribute("href"),
            Some(&*format!("{SITE}/feed.atom"))
        );
        assert_eq!(root.child("author").text_of("name"), "Seisiún");

        let entries: Vec<_> = root
            .children_named("entry")
            .map(|e| {
                (
                    e.text_of("id").to_string(),
                    e.text_of("title").to_string(),
                    e.child("link").attribute("href").unwrap().to_string(),
                    e.text_of("published").to_string(),
                    e.text_of("updated").to_string(),
                )
            })
            .collect();
        let entry = |id: &str, title: &str, published: &str, updated: &str| {
            let url = format!("{SITE}/session/{id}");
            (
                url.clone(),
                title.to_string(),
                url,
                published.to_string(),
                updated.to_string(),
            )
        };
        assert_eq!(
            entries,
            vec![
                entry(
                    "e1",
                    "Ennis Friday",
                    "2026-01-12T20:00:00Z",
                    "2026-01-12T20:00:00Z"
                ),
                entry(
                    "s1",
                    "Spiddal Wednesday",
                    "2026-01-11T20:00:00Z",
                    "2026-03-05T23:59:59Z"
                ),
                entry(
                    "d1",
                    "Doolin Thursday",
                    "2026-01-10T20:00:00Z",
                    "2026-02-14T09:30:00Z"
                ),
                entry(
                    "u1",
                    "Boston Monday",
                    "2026-01-09T20:00:00Z",
                    "2026-01-20T08:00:00Z"
                ),
            ]
        );
        let spiddal = root.children_named("entry").nth(1).unwrap();
        assert_eq!(spiddal.child("summary").attribute("type"), Some("text"));
        assert_eq!(
            spiddal.text_of("summary"),
            "Spiddal Wednesday venue · An Spidéal, Galway, Ireland · Thursdays from 21:30"
        );
    })
}

#[test]
fn the_feed_carries_the_fifty_newest_and_an_empty_feed_is_still_valid() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let empty = parse(&fetch(&app.address, "/feed.atom", ATOM, "public, max-age=900").await);
        assert_eq!(empty.text_of("updated"), "1970-01-01T00:00:00Z");
        assert_eq!(empty.children_named("entry").count(), 0);

        let base = time("2026-01-01T00:00:00Z");
        for i in 0..53 {
            let mut s = sample_session(&format!("n{i:02}"), &format!("Session {i:02}"), "IE");
            s.created_at = base + chrono::Duration::hours(i);
            s.updated_at = s.created_at;
            app.store.create_session(&s, None).await.unwrap();
        }
        let full = parse(&fetch(&app.address, "/feed.atom", ATOM, "public, max-age=900").await);
        let titles: Vec<_> = full
            .children_named("entry")
            .map(|e| e.text_of("title").to_string())
            .collect();
        assert_eq!(titles.len(), 50);
        assert_eq!(titles[0], "Session 52");
        assert_eq!(titles[49], "Session 03");
    })
}

#[test]
fn a_store_file_from_before_the_newest_index_still_feeds() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = EmbeddedStore::open(dir.path()).unwrap();
            arrange(&store).await;
        }
        // What the previous release left behind: sessions, but no by-created index at all.
        {
            let db =
                redb::Database::open(dir.path().join(server::embedded_store::FILE_NAME)).unwrap();
            let txn = db.begin_write().unwrap();
            let index: redb::TableDefinition<&str, &str> =
                redb::TableDefinition::new("sessions_by_created");
            assert!(txn.delete_table(index).unwrap());
            txn.commit().unwrap();
        }
        let app = spawn_app_in(
            dir.path(),
            &[("SEED_DEMO_DATA", "false"), ("SITE_URL", SITE)],
        )
        .await;
        let feed = parse(&fetch(&app.address, "/feed.atom", ATOM, "public, max-age=900").await);
        let titles: Vec<_> = feed
            .children_named("entry")
            .map(|e| e.text_of("title").to_string())
            .collect();
        assert_eq!(
            titles,
            vec![
                "Ennis Friday",
                "Spiddal Wednesday",
                "Doolin Thursday",
                "Boston Monday"
            ],
            "the index is rebuilt when the file is opened"
        );
    })
}

/// Sessions in both hemispheres, with and without daylight time, and a half-hour zone: each
/// zone as the demo data has it (server/src/seed/places.rs).
const CALENDAR_ZONES: [(&str, &str, &str); 6] = [
    ("dublin", "Europe/Dublin", "IE"),
    ("boston", "America/New_York", "US"),
    ("sydney", "Australia/Sydney", "AU"),
    ("auckland", "Pacific/Auckland", "NZ"),
    ("tokyo", "Asia/Tokyo", "JP"),
    ("st-johns", "America/St_Johns", "CA"),
];

/// Weekly, monthly and one-off nights, the one-offs in July and December so some starts
/// fall in each half of the year.
fn calendar_schedules() -> Vec<Schedule> {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    vec![
        Schedule::Weekly {
            days: vec![Weekday::Thu, Weekday::Sun],
            every_weeks: 1,
            anchor: date(2025, 11, 6),
            start: time(21, 30),
            end: None,
        },
        Schedule::Monthly {
            week: WeekOfMonth::Last,
            day: Weekday::Fri,
            start: time(20, 0),
            end: Some(time(23, 30)),
        },
        Schedule::Once {
            date: date(2026, 7, 10),
            start: time(19, 0),
            end: Some(time(1, 0)),
        },
        Schedule::Once {
            date: date(2026, 12, 11),
            start: time(20, 0),
            end: None,
        },
    ]
}

/// Runs scripts/check-ics.py (PyPI's icalendar, installed by `scripts/bootstrap --browser`)
/// over the files, failing with its report.
fn check_ics(files: &[std::path::PathBuf]) {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/check-ics.py");
    let output = std::process::Command::new("python3")
        .arg(&script)
        .args(files)
        .output()
        .expect("python3 runs scripts/check-ics.py (install Python 3 and run scripts/bootstrap --browser)");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "scripts/check-ics.py failed ({}):\n{stderr}{stdout}",
        output.status
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains(": ok (")).count(),
        files.len(),
        "{stdout}"
    );
}

/// A feed token of the shape the site makes (32 hex digits).
const FEED_TOKEN: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn calendar_files_define_their_zones_as_the_iana_database_does() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let store = app.store.as_ref();
        for (id, zone, country) in CALENDAR_ZONES {
            let mut session = sample_session(id, &format!("Session in {zone}"), country);
            session.time_zone = zone.into();
            session.schedules = calendar_schedules();
            store.create_session(&session, None).await.unwrap();
            store
                .set_bookmark(&"member-1".into(), &SessionId::parse(id).unwrap(), true)
                .await
                .unwrap();
        }
        store
            .set_feed_token(&"member-1".into(), Some(FEED_TOKEN))
            .await
            .unwrap();

        let out = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut save = |name: String, body: String| {
            let path = out.path().join(name);
            std::fs::write(&path, body).unwrap();
            files.push(path);
        };
        for (id, zone, _) in CALENDAR_ZONES {
            let (status, body) = app.get_text(&format!("/session/{id}/calendar.ics")).await;
            assert_eq!(status, 200, "{id}");
            assert_eq!(body.matches("BEGIN:VTIMEZONE\r\n").count(), 1, "{body}");
            assert!(body.contains(&format!("TZID:{zone}\r\n")), "{body}");
            save(format!("{id}.ics"), body);
        }
        // The bookmarks feed: many events, each zone defined once.
        let (status, feed) = app
            .get_text(&format!("/feeds/bookmarks/{FEED_TOKEN}.ics"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            feed.matches("BEGIN:VEVENT\r\n").count(),
            4 * CALENDAR_ZONES.len()
        );
        assert_eq!(
            feed.matches("BEGIN:VTIMEZONE\r\n").count(),
            CALENDAR_ZONES.len(),
            "{feed}"
        );
        save("bookmarks.ics".into(), feed);

        check_ics(&files);
    })
}
