//! The session page and its calendar file over real HTTP.
use crate::common;

use app::store::contract::sample_session;
use common::spawn_app_in;

const SITE: &str = "https://seisiun.example";

async fn app_with_one_session() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(
        dir.path(),
        &[("SEED_DEMO_DATA", "false"), ("SITE_URL", SITE)],
    )
    .await;
    let mut session = sample_session("doolin1", "Doolin Thursday", "IE");
    session.town = "Doolin".into();
    session.description = "<b>Bring</b> a tune.\nAll welcome.".into();
    app.store.create_session(&session, None).await.unwrap();
    (app, dir)
}

#[test]
fn the_session_page_has_where_when_and_what_in_the_html() {
    common::run(async {
        let (app, _dir) = app_with_one_session().await;
        let (status, html) = app.get_text("/session/doolin1").await;
        assert_eq!(status, 200);
        for expected in [
            "<h1>Doolin Thursday</h1>",
            "<title>Doolin Thursday · Seisiún</title>",
            "Doolin Thursday venue",
            "1 Main Street, Doolin, Clare, Ireland",
            "Thursdays from 21:30",
            "Times are local (Europe/Dublin).",
            "href=\"tel:+35312345678\"",
            "href=\"/session/doolin1/calendar.ics\"",
            "https://www.openstreetmap.org/directions?route=%3B52.84360%2C-8.98640",
            "href=\"/sessions/ie/clare/doolin\"",
            "<link href=\"https://seisiun.example/session/doolin1\" rel=\"canonical\">",
            "<meta property=\"og:title\" content=\"Doolin Thursday\"",
        ] {
            assert!(html.contains(expected), "missing {expected}");
        }
        // The member's text is shown as text, never as markup.
        assert!(html.contains("&lt;b&gt;Bring&lt;/b&gt; a tune.\nAll welcome."));
        assert!(!html.contains("<b>Bring</b>"));
        // Structured data for search engines: the session as an Event with its schedule
        // and place, and each upcoming date as an Event with a start and an end.
        let marker = "<script type=\"application/ld+json\">";
        let start = html.find(marker).expect("JSON-LD") + marker.len();
        let end = start + html[start..].find("</script>").unwrap();
        let graph: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        let events = graph["@graph"].as_array().expect("a graph of events");
        assert_eq!(events.len(), 1 + app::api::UPCOMING_DATES);
        for event in &events[1..] {
            assert_eq!(event["@type"], "Event");
            assert_eq!(event["name"], "Doolin Thursday");
            assert!(event["startDate"].as_str().unwrap().contains("T21:30:00"));
            assert!(event["endDate"].is_string());
            assert_eq!(event["location"]["address"]["addressLocality"], "Doolin");
        }
        let doc = &events[0];
        assert_eq!(doc["@type"], "Event");
        assert_eq!(doc["url"], "https://seisiun.example/session/doolin1");
        assert_eq!(
            doc["eventSchedule"][0]["byDay"][0],
            "https://schema.org/Thursday"
        );
        assert_eq!(doc["location"]["address"]["addressLocality"], "Doolin");
        assert_eq!(doc["location"]["geo"]["@type"], "GeoCoordinates");
        assert!(doc["startDate"].as_str().unwrap().contains("T21:30:00"));
        // Five upcoming Thursdays, each with a machine-readable instant.
        assert_eq!(
            html.matches("<time datetime=\"").count(),
            app::api::UPCOMING_DATES
        );
    })
}

#[test]
fn lists_link_to_session_pages() {
    common::run(async {
        let (app, _dir) = app_with_one_session().await;
        let (_, html) = app.get_text("/sessions/ie/clare/doolin").await;
        assert!(html.contains("href=\"/session/doolin1\""));
    })
}

#[test]
fn an_unknown_session_is_a_404_with_a_way_back() {
    common::run(async {
        let (app, _dir) = app_with_one_session().await;
        let (status, html) = app.get_text("/session/nope").await;
        assert_eq!(status, 404);
        assert!(html.contains("Session not found"));
        assert!(html.contains("href=\"/sessions\""));
        let (status, _) = app.get_text("/session/nope/calendar.ics").await;
        assert_eq!(status, 404);
    })
}

#[test]
fn add_to_calendar_downloads_an_ics_with_the_rule_and_zone() {
    common::run(async {
        let (app, _dir) = app_with_one_session().await;
        let response = app.get("/session/doolin1/calendar.ics").await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            response.headers()["content-disposition"],
            "attachment; filename=\"doolin-thursday.ics\""
        );
        let body = response.text().await.unwrap();
        assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(
            body.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TH\r\n"),
            "{body}"
        );
        assert!(body.contains("DTSTART;TZID=Europe/Dublin:"));
        assert!(body.contains("SUMMARY:Doolin Thursday\r\n"));
        assert!(body.contains("URL:https://seisiun.example/session/doolin1\r\n"));
        assert!(body.trim_end().ends_with("END:VCALENDAR"));
    })
}
