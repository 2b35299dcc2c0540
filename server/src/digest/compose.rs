//! A member's digest as an email: one section per place they follow that has news, each
//! with its own stop link, and a link that stops all of them (also the one-click header).
use app::model::{Cadence, Follow, Session};
use quick_xml::escape::escape;

use super::news::News;
use crate::mail::Email;

/// One followed place and its news, sessions in the order they were read.
pub struct Section<'a> {
    pub follow: &'a Follow,
    pub news: Vec<(&'a Session, News)>,
}

/// The link that stops emails about one follow, with no sign-in: its id and the secret
/// stored with it.
pub fn stop_url(site_url: &str, follow: &Follow) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("m", follow.member.as_str())
        .append_pair("f", &follow.id())
        .append_pair("t", &follow.stop_token)
        .finish();
    format!("{site_url}/alerts/stop?{query}")
}

/// The link that stops every email to the member: a member's follows share one secret
/// (`app::api::follow`), so the link is short whatever they follow, as the one-click
/// header must be (SES allows 870 characters in a header).
pub fn stop_all_url(site_url: &str, any_follow: &Follow) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("m", any_follow.member.as_str())
        .append_pair("all", "1")
        .append_pair("t", &any_follow.stop_token)
        .finish();
    format!("{site_url}/alerts/stop?{query}")
}

fn count_words(sections: &[Section]) -> String {
    let count = |wanted: fn(&News) -> bool| -> usize {
        sections
            .iter()
            .map(|s| s.news.iter().filter(|(_, n)| wanted(n)).count())
            .sum()
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = Vec::new();
    let added = count(|n| matches!(n, News::Added));
    let changed = count(|n| matches!(n, News::Changed(_)));
    let stale = count(|n| matches!(n, News::MayHaveStopped));
    if added > 0 {
        parts.push(plural(added, "new session", "new sessions"));
    }
    if changed > 0 {
        parts.push(plural(changed, "change", "changes"));
    }
    if stale > 0 {
        parts.push(plural(
            stale,
            "that may have stopped",
            "that may have stopped",
        ));
    }
    parts.join(", ")
}

fn headline(session: &Session, news: &News) -> String {
    match news {
        News::Added => format!("New: {}", session.name),
        News::Changed(_) => format!("Changed: {}", session.name),
        News::MayHaveStopped => format!("May have stopped: {}", session.name),
    }
}

fn detail_lines(session: &Session, news: &News) -> Vec<String> {
    match news {
        News::Added => vec![crate::feeds::atom::summary(session)],
        News::Changed(lines) => lines.clone(),
        News::MayHaveStopped => vec![
            "Nobody has confirmed it runs for a year. If you know it does, confirm it on its page."
                .into(),
        ],
    }
}

/// The email for `sections` (each with news), to `to`; `any_follow` of the member's
/// carries the secret of the link that stops them all.
pub fn digest_email(
    site_url: &str,
    to: &str,
    cadence: Cadence,
    sections: &[Section],
    any_follow: &Follow,
) -> Email {
    let places: Vec<&str> = sections.iter().map(|s| s.follow.label.as_str()).collect();
    let subject = format!(
        "{} in {} · Seisiún",
        capitalised(&count_words(sections)),
        places.join("; ")
    );
    let stop_all = stop_all_url(site_url, any_follow);
    let account = format!("{site_url}/account#following");
    let why = format!(
        "You get this {} because you follow these places on Seisiún.",
        cadence.words()
    );
    let stop_all_words = "Stop all emails from Seisiún";

    let mut text = String::from("What is new in the places you follow:\n");
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">",
    );
    html.push_str("<p>What is new in the places you follow:</p>");
    for section in sections {
        let place = &section.follow.label;
        let place_url = format!("{site_url}{}", section.follow.target.href());
        let stop = stop_url(site_url, section.follow);
        text.push_str(&format!("\n== {place} ==\n{place_url}\n"));
        html.push_str(&format!(
            "<h2 style=\"font-size:1.15em\"><a href=\"{}\">{}</a></h2><ul>",
            escape(&place_url),
            escape(place)
        ));
        for (session, news) in &section.news {
            let url = format!("{site_url}/session/{}", session.id);
            let head = headline(session, news);
            let details = detail_lines(session, news);
            text.push_str(&format!("\n* {head}\n"));
            for line in &details {
                text.push_str(&format!("  {line}\n"));
            }
            text.push_str(&format!("  {url}\n"));
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a>",
                escape(&url),
                escape(&head)
            ));
            for line in &details {
                html.push_str(&format!("<br>{}", escape(line)));
            }
            html.push_str("</li>");
        }
        text.push_str(&format!("\nStop emails about {place}: {stop}\n"));
        html.push_str(&format!(
            "</ul><p style=\"font-size:.9em\"><a href=\"{}\">Stop emails about {}</a></p>",
            escape(&stop),
            escape(place)
        ));
    }
    text.push_str(&format!(
        "\n--\n{why}\n{stop_all_words} (no sign-in needed): {stop_all}\nChange what you follow: {account}\n"
    ));
    html.push_str(&format!(
        "<hr><p style=\"font-size:.9em\">{}<br><a href=\"{}\">{}</a> (no sign-in needed) · <a href=\"{}\">Change what you follow</a></p></body></html>",
        escape(&why),
        escape(&stop_all),
        stop_all_words,
        escape(&account)
    ));
    Email {
        to: to.to_string(),
        subject,
        text,
        html,
        unsubscribe_url: stop_all,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::fixtures::sample_session;
    use app::model::{FollowTarget, PlacePath};

    fn follow(town: &str) -> Follow {
        Follow {
            member: "0b1c5e7a-4f2d-4d3e-9a61-1f0e2d3c4b5a".into(),
            email: "aoife@example.org".into(),
            target: FollowTarget::Place {
                place: PlacePath::from_segments(&["ie", "clare", town]).unwrap(),
            },
            label: format!("{town}, Clare, Ireland"),
            cadence: Cadence::Weekly,
            stop_token: "5f0c9a3e8b7d4c2a9e1f6b3d8c7a2e4f".into(),
            since: chrono::Utc::now(),
        }
    }

    #[test]
    fn the_one_click_link_stays_short_however_many_places_have_news() {
        let session = sample_session("a", "Alpha <b>&", "IE");
        let follows: Vec<Follow> = (0..40)
            .map(|i| follow(&format!("town-number-{i}")))
            .collect();
        let sections: Vec<Section> = follows
            .iter()
            .map(|f| Section {
                follow: f,
                news: vec![(&session, News::Added)],
            })
            .collect();
        let email = digest_email(
            "https://seisiun.example",
            "aoife@example.org",
            Cadence::Weekly,
            &sections,
            &follows[0],
        );
        // SES refuses a header value over 870 characters.
        assert!(
            email.unsubscribe_url.len() < 200,
            "{}",
            email.unsubscribe_url
        );
        assert!(email.unsubscribe_url.contains("all=1"));
        // One stop link per place in the body, and every name escaped in the HTML.
        assert_eq!(email.text.matches("/alerts/stop?m=").count(), 41);
        assert!(email.html.contains("Alpha &lt;b&gt;&amp;"));
        assert!(!email.html.contains("Alpha <b>"));
        assert!(
            email.subject.starts_with("40 new sessions in "),
            "{}",
            email.subject
        );
    }
}
