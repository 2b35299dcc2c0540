//! schema.org structured data for a session page, so search engines can show when and
//! where a session happens: the session as an Event with its recurring schedules, and
//! each of its next dates as an Event of its own with a start and an end in the session's
//! zone (what Google's event results require: a name, a `startDate` and a location).
use chrono::Weekday;
use serde_json::{json, Value};

use super::session::UpcomingDate;
use crate::model::{Schedule, Session, SessionStatus, Tag, WeekOfMonth};

fn day_url(day: Weekday) -> String {
    format!("https://schema.org/{}", crate::model::day_name(day))
}

fn hms(time: chrono::NaiveTime) -> String {
    time.format("%H:%M:%S").to_string()
}

fn schedule(schedule: &Schedule, time_zone: &str) -> Value {
    match schedule {
        Schedule::Weekly {
            days,
            every_weeks,
            anchor,
            start,
            end,
        } => json!({
            "@type": "Schedule",
            "repeatFrequency": format!("P{}W", (*every_weeks).max(1)),
            "byDay": days.iter().map(|d| day_url(*d)).collect::<Vec<_>>(),
            "startDate": anchor.to_string(),
            "startTime": hms(*start),
            "endTime": end.map(hms),
            "scheduleTimezone": time_zone,
        }),
        Schedule::Monthly {
            week,
            day,
            start,
            end,
        } => {
            let mut value = json!({
                "@type": "Schedule",
                "repeatFrequency": "P1M",
                "byDay": day_url(*day),
                "startTime": hms(*start),
                "endTime": end.map(hms),
                "scheduleTimezone": time_zone,
            });
            // schema.org counts weeks 1–5 and has no "last"; the description carries that.
            let nth = match week {
                WeekOfMonth::First => Some(1),
                WeekOfMonth::Second => Some(2),
                WeekOfMonth::Third => Some(3),
                WeekOfMonth::Fourth => Some(4),
                WeekOfMonth::Last => None,
            };
            if let Some(nth) = nth {
                value["byMonthWeek"] = json!(nth);
            }
            value
        }
        Schedule::Once { date, start, end } => json!({
            "@type": "Schedule",
            "startDate": date.to_string(),
            "endDate": date.to_string(),
            "startTime": hms(*start),
            "endTime": end.map(hms),
            "scheduleTimezone": time_zone,
        }),
    }
}

/// The JSON-LD document, ready to sit inside `<script type="application/ld+json">`: a
/// graph of the session (`#session`, with `eventSchedule`) and one Event per upcoming
/// date (`superEvent` the session). A paused or closed session's dates say so in
/// `eventStatus`; a one-off that is over has no dates, so nothing offers it as coming.
pub fn session_json_ld(session: &Session, url: &str, upcoming: &[UpcomingDate]) -> String {
    let online = session.tags.contains(&Tag::Online) || session.point.is_none();
    let location = if online {
        json!({ "@type": "VirtualLocation", "url": url })
    } else {
        let mut place = json!({
            "@type": "Place",
            "name": session.venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": session.address,
                "addressLocality": session.town,
                "addressRegion": session.area,
                "addressCountry": session.country.code,
            },
        });
        if let Some(point) = session.point {
            place["geo"] = json!({
                "@type": "GeoCoordinates",
                "latitude": point.lat,
                "longitude": point.lng,
            });
        }
        place
    };
    let status = match session.status {
        SessionStatus::Active => "https://schema.org/EventScheduled",
        SessionStatus::Paused => "https://schema.org/EventPostponed",
        SessionStatus::Closed { .. } => "https://schema.org/EventCancelled",
    };
    let mode = if online {
        "https://schema.org/OnlineEventAttendanceMode"
    } else {
        "https://schema.org/OfflineEventAttendanceMode"
    };
    let description = format!(
        "{} {}",
        session.schedule_line_in(crate::i18n::use_lang()),
        session.description
    )
    .trim()
    .to_string();
    let series_id = format!("{url}#session");
    let mut series = json!({
        "@type": "Event",
        "@id": series_id,
        "name": session.name,
        "description": description,
        "url": url,
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "isAccessibleForFree": true,
        "location": location,
        "eventSchedule": session
            .schedules
            .iter()
            .map(|s| schedule(s, &session.time_zone))
            .collect::<Vec<_>>(),
    });
    if let Some(next) = upcoming.first() {
        series["startDate"] = json!(next.iso);
        series["endDate"] = json!(next.end_iso);
    }
    let mut graph = vec![series];
    // A closed session's series says it is cancelled; its weeks ahead are not events.
    let dated = if matches!(session.status, SessionStatus::Closed { .. }) {
        &[][..]
    } else {
        upcoming
    };
    graph.extend(dated.iter().map(|date| {
        json!({
            "@type": "Event",
            "@id": format!("{url}#{}", date.iso),
            "name": session.name,
            "description": description,
            "url": url,
            "startDate": date.iso,
            "endDate": date.end_iso,
            "eventStatus": status,
            "eventAttendanceMode": mode,
            "isAccessibleForFree": true,
            "location": location,
            "superEvent": { "@id": series_id },
        })
    }));
    for_script(json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// A list page's JSON-LD: an ItemList of the sessions shown, each linking to its page.
pub fn item_list_json_ld(
    name: &str,
    url: &str,
    site_url: &str,
    sessions: &[crate::model::ListedSession],
) -> String {
    let items: Vec<Value> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "url": format!("{site_url}{}", s.href),
                "name": s.name,
            })
        })
        .collect();
    for_script(json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "url": url,
        "numberOfItems": items.len(),
        "itemListElement": items,
    }))
}

/// A page with no list yet (the search and near-me forms): a WebPage, and for search the
/// site's SearchAction, so search engines can offer a search box for the site.
pub fn form_page_json_ld(name: &str, url: &str, site_url: &str, search: bool) -> String {
    let mut page = json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": name,
        "url": url,
    });
    if search {
        page["potentialAction"] = json!({
            "@type": "SearchAction",
            "target": format!("{site_url}/search?q={{search_term_string}}"),
            "query-input": "required name=search_term_string",
        });
    }
    for_script(page)
}

/// The document as text for a `<script>` element. Not only "</" matters: "<!--" followed
/// by "<script" puts the HTML parser into its double-escaped state, where the real
/// `</script>` no longer closes the element and the rest of the page becomes script text.
/// JSON may spell any character as `\uXXXX`, so `<`, `>` and `&` never appear literally.
fn for_script(value: Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_each_session_with_an_absolute_url() {
        let mut session = sample_session("s1", "Sessions </script> here", "IE");
        session.name = "Sessions </script> here".into();
        let card = crate::model::ListedSession::new(
            crate::i18n::use_lang(),
            &session,
            chrono::Utc::now(),
            None,
        );
        let text = item_list_json_ld(
            "In Ennis",
            "https://x.example/sessions/ie",
            "https://x.example",
            &[card],
        );
        assert!(!text.contains("</script"), "{text}");
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["@type"], "ItemList");
        assert_eq!(
            doc["itemListElement"][0]["url"],
            "https://x.example/session/s1"
        );
        assert_eq!(doc["itemListElement"][0]["position"], 1);
    }
    use crate::model::fixtures::sample_session;

    /// The session's own node in a session page's graph.
    fn series(text: &str) -> Value {
        let doc: Value = serde_json::from_str(text).unwrap();
        doc["@graph"][0].clone()
    }

    /// Google's event results need each Event to have a name, a start and a location
    /// (a Place with an address, or a VirtualLocation with a URL); the end must not come
    /// before the start, and both carry the zone's offset.
    fn assert_qualifies(event: &Value) {
        assert_eq!(event["@type"], "Event", "{event}");
        assert!(
            event["name"].as_str().is_some_and(|n| !n.is_empty()),
            "{event}"
        );
        let start = chrono::DateTime::parse_from_rfc3339(event["startDate"].as_str().unwrap())
            .expect("startDate is a date-time with an offset");
        let end = chrono::DateTime::parse_from_rfc3339(event["endDate"].as_str().unwrap())
            .expect("endDate is a date-time with an offset");
        assert!(end > start, "{event}");
        let location = &event["location"];
        match location["@type"].as_str() {
            Some("Place") => {
                assert!(
                    location["address"]["addressLocality"].is_string(),
                    "{event}"
                );
                assert!(location["address"]["addressCountry"].is_string(), "{event}");
            }
            Some("VirtualLocation") => assert!(location["url"].is_string(), "{event}"),
            other => panic!("no location: {other:?}"),
        }
        assert!(event["eventStatus"].is_string(), "{event}");
    }

    #[test]
    fn each_next_date_is_an_event_search_engines_can_show() {
        use crate::api::session::upcoming_dates;
        // Auckland at 10:00 UTC on Wednesday 2 December is 23:00 there: its Thursday
        // session is tomorrow in UTC terms but 22.5 hours away in its own.
        let mut session = sample_session("s1", "Thursday Tunes", "NZ");
        session.time_zone = "Pacific/Auckland".into();
        let now = "2026-12-02T10:00:00Z".parse().unwrap();
        let upcoming = upcoming_dates(&session, now, 3);
        let text = session_json_ld(&session, "https://x.example/session/s1", &upcoming);
        let doc: Value = serde_json::from_str(&text).unwrap();
        let graph = doc["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 4, "the session and its next 3 dates");
        for event in graph {
            assert_qualifies(event);
        }
        assert_eq!(graph[1]["startDate"], "2026-12-03T21:30:00+13:00");
        assert_eq!(graph[1]["endDate"], "2026-12-04T00:30:00+13:00");
        assert_eq!(graph[1]["superEvent"]["@id"], graph[0]["@id"]);
        assert_eq!(graph[0]["startDate"], graph[1]["startDate"]);
        assert_eq!(graph[3]["startDate"], "2026-12-17T21:30:00+13:00");
        assert_eq!(
            graph[0]["eventSchedule"][0]["scheduleTimezone"],
            "Pacific/Auckland"
        );
    }

    #[test]
    fn paused_and_closed_sessions_say_so_and_closed_ones_offer_no_dates() {
        use crate::api::session::upcoming_dates;
        let now = "2026-11-30T12:00:00Z".parse().unwrap();
        for (status, expected) in [
            (SessionStatus::Paused, "https://schema.org/EventPostponed"),
            (
                SessionStatus::Closed {
                    reason: "The pub shut".into(),
                },
                "https://schema.org/EventCancelled",
            ),
        ] {
            let mut session = sample_session("s1", "Thursday Tunes", "IE");
            session.status = status;
            let upcoming = upcoming_dates(&session, now, 2);
            let doc: Value =
                serde_json::from_str(&session_json_ld(&session, "u", &upcoming)).unwrap();
            let graph = doc["@graph"].as_array().unwrap();
            for event in graph {
                assert_eq!(event["eventStatus"], expected);
            }
            let closed = expected.ends_with("EventCancelled");
            assert_eq!(graph.len(), if closed { 1 } else { 3 }, "{doc}");
        }
    }

    #[test]
    fn a_one_off_that_is_over_offers_no_date() {
        use crate::api::session::upcoming_dates;
        let mut session = sample_session("s1", "Festival Session", "IE");
        session.schedules = vec![Schedule::Once {
            date: chrono::NaiveDate::from_ymd_opt(2026, 8, 8).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            end: None,
        }];
        let now = "2026-11-30T12:00:00Z".parse().unwrap();
        let upcoming = upcoming_dates(&session, now, 5);
        let doc: Value = serde_json::from_str(&session_json_ld(&session, "u", &upcoming)).unwrap();
        let graph = doc["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 1);
        assert!(graph[0].get("startDate").is_none(), "{doc}");
    }

    #[test]
    fn an_event_with_its_schedule_and_place() {
        let session = sample_session("s1", "Doolin Thursday", "IE");
        let doc = series(&session_json_ld(
            &session,
            "https://x.example/session/s1",
            &[],
        ));
        assert_eq!(doc["@type"], "Event");
        assert_eq!(doc["eventSchedule"][0]["repeatFrequency"], "P1W");
        assert_eq!(
            doc["eventSchedule"][0]["byDay"][0],
            "https://schema.org/Thursday"
        );
        assert_eq!(doc["eventSchedule"][0]["startTime"], "21:30:00");
        assert_eq!(doc["eventSchedule"][0]["scheduleTimezone"], "Europe/Dublin");
        assert_eq!(doc["location"]["@type"], "Place");
        assert_eq!(doc["location"]["geo"]["latitude"], 52.8436);
        assert_eq!(doc["location"]["address"]["addressCountry"], "IE");
    }

    #[test]
    fn monthly_schedules_name_the_week_unless_it_is_the_last() {
        let mut session = sample_session("s1", "Monthly", "IE");
        session.schedules = vec![
            Schedule::Monthly {
                week: WeekOfMonth::Second,
                day: Weekday::Tue,
                start: chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
                end: None,
            },
            Schedule::Monthly {
                week: WeekOfMonth::Last,
                day: Weekday::Fri,
                start: chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
                end: None,
            },
        ];
        let doc = series(&session_json_ld(&session, "u", &[]));
        assert_eq!(doc["eventSchedule"][0]["byMonthWeek"], 2);
        assert_eq!(doc["eventSchedule"][1]["byMonthWeek"], Value::Null);
        assert_eq!(doc["eventSchedule"][1]["repeatFrequency"], "P1M");
    }

    #[test]
    fn text_cannot_break_out_of_the_script_element() {
        let session = sample_session("s1", "</script><script>alert(1)</script>", "IE");
        let text = session_json_ld(&session, "u", &[]);
        assert!(!text.contains("</script"));
        assert_eq!(series(&text)["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn a_comment_opener_cannot_swallow_the_page() {
        let name = "!<!--<script>&\"'";
        let session = sample_session("s1", name, "IE");
        let text = session_json_ld(&session, "u", &[]);
        for raw in ['<', '>', '&'] {
            assert!(!text.contains(raw), "{raw} left in {text}");
        }
        assert_eq!(series(&text)["name"], name);
    }

    #[test]
    fn online_sessions_have_a_virtual_location() {
        let mut session = sample_session("s1", "Online", "IE");
        session.point = None;
        session.tags.push(Tag::Online);
        let doc = series(&session_json_ld(&session, "u", &[]));
        assert_eq!(doc["location"]["@type"], "VirtualLocation");
        assert_eq!(
            doc["eventAttendanceMode"],
            "https://schema.org/OnlineEventAttendanceMode"
        );
    }
}
