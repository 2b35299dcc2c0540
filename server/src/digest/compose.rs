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

/// The link that stops emails about the given follows, with no sign-in: each follow's id
/// and the secret stored with it.
pub fn stop_url(site_url: &str, follows: &[&Follow]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(first) = follows.first() {
        query.append_pair("m", first.member.as_str());
    }
    for follow in follows {
        query.append_pair("f", &follow.id());
        query.append_pair("t", &follow.stop_token);
    }
    format!("{site_url}/alerts/stop?{}", query.finish())
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

/// The email for `sections` (each with news), to `to`.
pub fn digest_email(site_url: &str, to: &str, cadence: Cadence, sections: &[Section]) -> Email {
    let places: Vec<&str> = sections.iter().map(|s| s.follow.label.as_str()).collect();
    let subject = format!(
        "{} in {} · Seisiún",
        capitalised(&count_words(sections)),
        places.join("; ")
    );
    let all: Vec<&Follow> = sections.iter().map(|s| s.follow).collect();
    let stop_all = stop_url(site_url, &all);
    let account = format!("{site_url}/account#following");
    let why = format!(
        "You get this {} because you follow these places on Seisiún.",
        cadence.words()
    );

    let mut text = String::from("What is new in the places you follow:\n");
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">",
    );
    html.push_str("<p>What is new in the places you follow:</p>");
    for section in sections {
        let place = &section.follow.label;
        let place_url = format!("{site_url}{}", section.follow.target.href());
        let stop = stop_url(site_url, &[section.follow]);
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
        "\n--\n{why}\nStop all these emails (no sign-in needed): {stop_all}\nChange what you follow: {account}\n"
    ));
    html.push_str(&format!(
        "<hr><p style=\"font-size:.9em\">{}<br><a href=\"{}\">Stop all these emails</a> (no sign-in needed) · <a href=\"{}\">Change what you follow</a></p></body></html>",
        escape(&why),
        escape(&stop_all),
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
