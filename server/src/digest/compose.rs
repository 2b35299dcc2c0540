//! A member's digest as an email: one section per place they follow that has news, each
//! with its own stop link, and a link that stops all of them (also the one-click header).
use app::i18n::Lang;
use app::model::{Cadence, Follow, Session};
use app::t;
use quick_xml::escape::escape;

use super::news::News;
use crate::alerts::STOP_PATH;
use crate::mail::Email;

/// One followed place and its news, sessions in the order they were read.
pub struct Section<'a> {
    pub follow: &'a Follow,
    pub news: Vec<(&'a Session, News)>,
}

/// The link that stops emails about one follow, with no sign-in: its id and the secret
/// stored with it; in the follow's language.
pub fn stop_url(site_url: &str, follow: &Follow) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("m", follow.member.as_str())
        .append_pair("f", &follow.id())
        .append_pair("t", &follow.stop_token)
        .finish();
    format!("{site_url}{}?{query}", follow.lang.path(STOP_PATH))
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
    format!("{site_url}{}?{query}", any_follow.lang.path(STOP_PATH))
}

fn count_words(lang: Lang, sections: &[Section]) -> String {
    // Each session once, though a town and its country both followed list it twice.
    let count = |wanted: fn(&News) -> bool| -> usize {
        sections
            .iter()
            .flat_map(|s| s.news.iter().filter(|(_, n)| wanted(n)))
            .map(|(session, _)| &session.id)
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    let mut parts = Vec::new();
    let added = count(|n| matches!(n, News::Added));
    let changed = count(|n| matches!(n, News::Changed(_)));
    let stale = count(|n| matches!(n, News::MayHaveStopped));
    if added > 0 {
        parts.push(t!(lang, "digest-count-new", count = added));
    }
    if changed > 0 {
        parts.push(t!(lang, "digest-count-changed", count = changed));
    }
    if stale > 0 {
        parts.push(t!(lang, "digest-count-stale", count = stale));
    }
    parts.join(", ")
}

fn headline(lang: Lang, session: &Session, news: &News) -> String {
    match news {
        News::Added => t!(lang, "digest-new", name = &session.name),
        News::Changed(_) => t!(lang, "digest-changed", name = &session.name),
        News::MayHaveStopped => t!(lang, "digest-stale", name = &session.name),
    }
}

fn detail_lines(lang: Lang, session: &Session, news: &News) -> Vec<String> {
    match news {
        News::Added => vec![summary(lang, session)],
        // The revision's own words, kept as they were written (English).
        News::Changed(lines) => lines.clone(),
        News::MayHaveStopped => vec![t!(lang, "digest-stale-detail")],
    }
}

/// "Hogan's · Ennis, Clare, Ireland · Thursdays from 21:30", in `lang`.
fn summary(lang: Lang, session: &Session) -> String {
    [
        session.venue.name.trim().to_string(),
        session.place_line(),
        session.schedule_line_in(lang),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The email for `sections` (each with news), to `to`, in the language of `latest`, the
/// follow the member made last (every follow of theirs carries the secret of the link
/// that stops them all).
pub fn digest_email(
    site_url: &str,
    to: &str,
    cadence: Cadence,
    sections: &[Section],
    latest: &Follow,
) -> Email {
    let lang = latest.lang;
    let places: Vec<&str> = sections.iter().map(|s| s.follow.label.as_str()).collect();
    let subject = t!(
        lang,
        "digest-subject",
        counts = capitalised(&count_words(lang, sections)),
        places = places.join("; ")
    );
    let stop_all = stop_all_url(site_url, latest);
    let account = format!("{site_url}{}", lang.path("/account#following"));
    let why = t!(lang, "digest-why", cadence = cadence.slug());
    let stop_all_words = t!(lang, "digest-stop-all");
    let no_sign_in = t!(lang, "digest-no-sign-in");
    let change = t!(lang, "digest-change");
    let intro = t!(lang, "digest-intro");

    let mut text = format!("{intro}\n");
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">",
        lang.code()
    );
    html.push_str(&format!("<p>{}</p>", escape(&intro)));
    for section in sections {
        let place = &section.follow.label;
        let place_url = format!("{site_url}{}", lang.path(&section.follow.target.href()));
        let stop = stop_url(site_url, section.follow);
        let stop_words = t!(lang, "digest-stop-place", place = place);
        text.push_str(&format!("\n== {place} ==\n{place_url}\n"));
        html.push_str(&format!(
            "<h2 style=\"font-size:1.15em\"><a href=\"{}\">{}</a></h2><ul>",
            escape(&place_url),
            escape(place)
        ));
        for (session, news) in &section.news {
            let url = format!(
                "{site_url}{}",
                lang.path(&format!("/session/{}", session.id))
            );
            let head = headline(lang, session, news);
            let details = detail_lines(lang, session, news);
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
        text.push_str(&format!("\n{stop_words}: {stop}\n"));
        html.push_str(&format!(
            "</ul><p style=\"font-size:.9em\"><a href=\"{}\">{}</a></p>",
            escape(&stop),
            escape(&stop_words)
        ));
    }
    text.push_str(&format!(
        "\n--\n{why}\n{stop_all_words} ({no_sign_in}): {stop_all}\n{change}: {account}\n"
    ));
    html.push_str(&format!(
        "<hr><p style=\"font-size:.9em\">{}<br><a href=\"{}\">{}</a> ({}) · <a href=\"{}\">{}</a></p></body></html>",
        escape(&why),
        escape(&stop_all),
        escape(&stop_all_words),
        escape(&no_sign_in),
        escape(&account),
        escape(&change)
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
            lang: Lang::En,
            followed_at: None,
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
        // One session in every place: counted once.
        assert!(
            email.subject.starts_with("1 new session in "),
            "{}",
            email.subject
        );
    }

    #[test]
    fn a_member_who_followed_in_irish_gets_the_email_in_irish() {
        let session = sample_session("a", "Seisiún an Chlub", "IE");
        let follow = Follow {
            lang: Lang::Ga,
            ..follow("ennis")
        };
        let sections = [Section {
            follow: &follow,
            news: vec![(&session, News::Added), (&session, News::MayHaveStopped)],
        }];
        let email = digest_email(
            "https://seisiun.example",
            "aoife@example.org",
            Cadence::Daily,
            &sections,
            &follow,
        );
        assert_eq!(
            email.subject,
            "1 seisiún nua, 1 a d'fhéadfadh a bheith stoptha: ennis, Clare, Ireland · Seisiún"
        );
        for words in [
            "Nua: Seisiún an Chlub",
            "Gach Déardaoin ó 21:30",
            "https://seisiun.example/ga/session/a",
            "https://seisiun.example/ga/alerts/stop?m=",
            "https://seisiun.example/ga/account#following",
            "uair sa lá",
        ] {
            assert!(email.text.contains(words), "{words} in {}", email.text);
        }
        assert!(email.html.starts_with("<!DOCTYPE html><html lang=\"ga\">"));
        assert!(email
            .unsubscribe_url
            .starts_with("https://seisiun.example/ga/alerts/stop?"));
    }
}
