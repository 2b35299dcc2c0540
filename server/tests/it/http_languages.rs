//! Gaeilge: every page in Irish under `/ga`, with `lang`, hreflang alternates and a switch;
//! the front page chosen from Accept-Language only when opened from outside; the page
//! cache never hands one language's page to the other.
use crate::common;

use crate::http_follows::member_id;
use app::model::fixtures::sample_session;
use common::spawn_app_in;

async fn empty_app() -> (common::TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    (app, dir)
}

fn head(html: &str) -> &str {
    &html[..html.find("</head>").expect("a head")]
}

#[test]
fn a_session_page_reads_in_irish_under_ga_and_names_its_english_twin() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        app.store
            .create_session(&sample_session("s1", "The Thursday Session", "IE"), None)
            .await
            .unwrap();

        let (status, irish) = app.get_text("/ga/session/s1").await;
        assert_eq!(status, 200);
        assert!(irish.contains("<html lang=\"ga\""), "{}", head(&irish));
        for words in [
            "<h2 id=\"where\" class=\"section-title\">Cá háit</h2>",
            "<h2 id=\"when\" class=\"section-title\">Cathain</h2>",
            "Gach Déardaoin ó 21:30",
            "Cuir le féilire",
            "Na chéad dátaí eile",
            ">Oscailte<",
        ] {
            assert!(irish.contains(words), "{words} in {irish}");
        }
        for english in ["Where</h2>", "Thursdays from 21:30", "Add to calendar"] {
            assert!(!irish.contains(english), "{english} left in English");
        }
        // Links stay in Irish; the switch leads to the same page in English.
        assert!(
            irish.contains("href=\"/ga/sessions/ie\""),
            "breadcrumbs in Irish"
        );
        assert!(irish.contains("href=\"/ga/search\""), "the header in Irish");
        assert!(
            irish.contains("href=\"/session/s1\" hreflang=\"en\" lang=\"en\""),
            "the switch to English"
        );
        // Crawlers: each language its own canonical URL, and both named.
        let head = head(&irish);
        assert!(head_has_canonical(head, "/ga/session/s1"), "{head}");
        // Whole addresses: `/ga/session/s1` also ends in `/session/s1`.
        let site = site_of(head);
        for (lang, href) in [
            ("en", "/session/s1"),
            ("ga", "/ga/session/s1"),
            ("x-default", "/session/s1"),
        ] {
            assert!(
                head.contains(&format!(
                    "href=\"{site}{href}\" hreflang=\"{lang}\" rel=\"alternate\">"
                )),
                "{lang} alternate in {head}"
            );
        }

        let (_, english) = app.get_text("/session/s1").await;
        assert!(english.contains("<html lang=\"en\""));
        assert!(english.contains("Thursdays from 21:30"));
        let at = english.find("class=\"language-switch\"").expect("a switch");
        let switch = &english[english[..at].rfind("<a ").unwrap()..];
        let switch = &switch[..switch.find("</a>").unwrap()];
        assert!(
            switch.contains("href=\"/ga/session/s1\" hreflang=\"ga\" lang=\"ga\""),
            "{switch}"
        );
        assert!(switch.ends_with("Gaeilge"), "{switch}");
        assert!(head_has_canonical(&english, "/session/s1"));
        app.stop().await;
    })
}

/// The site's address (`https://host`), from the page's canonical link.
fn site_of(head: &str) -> String {
    let link = head
        .split("<link ")
        .find(|link| link.contains("rel=\"canonical\""))
        .expect("a canonical link");
    let href = link.split('"').nth(1).unwrap();
    let after_scheme = href.find("://").unwrap() + 3;
    let path_start = after_scheme + href[after_scheme..].find('/').unwrap();
    href[..path_start].to_string()
}

/// The canonical link names the site's `path` (and no other).
fn head_has_canonical(html: &str, path: &str) -> bool {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    head.split("<link ")
        .filter(|link| link.contains("rel=\"canonical\""))
        .any(|link| {
            link.split('"').nth(1).is_some_and(|href| {
                href.ends_with(path) && !href[..href.len() - path.len()].ends_with("/ga")
            })
        })
}

#[test]
fn the_front_page_follows_accept_language_only_from_outside() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        let get = |accept: &'static str, site: Option<&'static str>| {
            let mut request = app
                .client
                .get(format!("{}/", app.address))
                .header("accept-language", accept);
            if let Some(site) = site {
                request = request.header("sec-fetch-site", site);
            }
            request.send()
        };

        let irish = get("ga-IE,ga;q=0.9,en;q=0.8", Some("none")).await.unwrap();
        assert_eq!(irish.status(), 302);
        assert_eq!(irish.headers()["location"], "/ga/");
        assert_eq!(irish.headers()["cache-control"], "private, no-store");
        assert!(irish.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("Accept-Language"));

        // From our own pages (the brand link, the switch to English): what was asked.
        let chosen = get("ga-IE,ga;q=0.9,en;q=0.8", Some("same-origin"))
            .await
            .unwrap();
        assert_eq!(chosen.status(), 200);
        assert!(chosen.text().await.unwrap().contains("<html lang=\"en\""));

        for accept in ["en-IE,en;q=0.9,ga;q=0.8", "fr-FR", ""] {
            let english = get(accept, None).await.unwrap();
            assert_eq!(english.status(), 200, "{accept}");
        }

        let (status, front) = app.get_text("/ga/").await;
        assert_eq!(status, 200);
        assert!(front.contains("<h1>Aimsigh seisiún anocht</h1>"), "{front}");
        let (status, bare) = app.get_text("/ga").await;
        assert_eq!(status, 200);
        assert!(bare.contains("<html lang=\"ga\""));
        // Not a language prefix: an English path that does not exist.
        assert_eq!(app.get_text("/gaeilge").await.0, 404);
        app.stop().await;
    })
}

#[test]
fn the_page_cache_keeps_each_language_apart() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(
            dir.path(),
            &[("SEED_DEMO_DATA", "false"), ("PAGE_CACHE_MS", "60000")],
        )
        .await;
        for _ in 0..2 {
            let (_, english) = app.get_text("/search").await;
            let (_, irish) = app.get_text("/ga/search").await;
            assert!(english.contains("<h1>Search sessions</h1>"));
            assert!(irish.contains("<h1>Cuardaigh seisiúin</h1>"), "{irish}");
        }
        app.stop().await;
    })
}

#[test]
fn irish_lists_count_in_irish() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        for n in 0..3 {
            app.store
                .create_session(
                    &sample_session(&format!("s{n}"), &format!("Session {n}"), "IE"),
                    None,
                )
                .await
                .unwrap();
        }
        let (_, place) = app.get_text("/ga/sessions/ie").await;
        assert!(place.contains("3 sheisiún"), "{place}");
        assert!(
            place.contains("href=\"/ga/session/s0\""),
            "cards link in Irish"
        );
        assert!(
            place.contains("Gach Déardaoin ó 21:30"),
            "cards say when in Irish"
        );
        app.stop().await;
    })
}

/// A member on Irish pages is answered in Irish: a refused form says why in Irish, a form
/// that succeeds leads on to an Irish page, and what they follow from there emails them
/// in Irish, with a stop link whose page is Irish too.
#[test]
fn a_member_following_from_an_irish_page_is_answered_and_emailed_in_irish() {
    common::run(async {
        // A site with one session in Ennis, as the follow tests use.
        let (app, _dir) = crate::http_follows::app().await;
        let aoife = app
            .new_member("Aoife", "aoife@example.org", "Reels4Ever")
            .await;
        let irish_page = "/ga/sessions/ie/clare/ennis";

        let refused = aoife
            .call_from(
                irish_page,
                "follow",
                &[("place", "ie/nowhere/at-all"), ("cadence", "daily")],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 404);
        let message = refused.text().await.unwrap();
        assert!(
            message.contains("Níl seisiún ar bith liostaithe ansin."),
            "{message}"
        );
        assert!(app
            .store
            .follows_of(&member_id(&aoife).await)
            .await
            .unwrap()
            .is_empty());

        let followed = aoife
            .call_from(
                irish_page,
                "follow",
                &[("place", "ie/clare/ennis"), ("cadence", "daily")],
            )
            .await;
        assert!(followed.status().is_success() || followed.status().is_redirection());
        let to = followed.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(to, "/ga/account?followed=1#following");
        let (_, account) = aoife.page("/ga/account").await;
        assert!(account.contains("Áiteanna a leanann tú"), "{account}");

        crate::http_follows::new_session_in_ennis(&app, "new-ennis", "Seisiún Nua na hInse").await;
        crate::http_follows::run_digest(&app).await;
        let sent = crate::http_follows::outbox(&app);
        assert_eq!(sent.len(), 1);
        let email = &sent[0].email;
        assert!(
            email.subject.starts_with("1 seisiún nua"),
            "{}",
            email.subject
        );
        assert!(
            email.text.contains("Nua: Seisiún Nua na hInse"),
            "{}",
            email.text
        );
        assert!(
            email.text.contains("Gach Déardaoin ó 21:30"),
            "{}",
            email.text
        );
        let stop = email
            .text
            .split_whitespace()
            .find(|w| w.contains("/ga/alerts/stop?"))
            .expect("an Irish stop link");
        let stop_path = &stop[stop.find("/ga/alerts/stop?").unwrap()..];
        let (status, ask) = app.visitor().page(stop_path).await;
        assert_eq!(status, 200);
        assert!(ask.contains("<html lang=\"ga\">"), "{ask}");
        assert!(ask.contains("Na ríomhphoist seo a stopadh?"), "{ask}");
        assert!(
            ask.contains("action=\"/ga/alerts/stop?"),
            "the button posts in Irish"
        );
        let stopped = app
            .client
            .post(format!("{}{stop_path}", app.address))
            .send()
            .await
            .unwrap();
        assert!(stopped
            .text()
            .await
            .unwrap()
            .contains("Ríomhphoist stoptha"));
        assert!(app
            .store
            .follows_of(&member_id(&aoife).await)
            .await
            .unwrap()
            .is_empty());
        app.stop().await;
    })
}

/// A member whose follows were made in both languages gets their digest in the language
/// of the one they followed last.
#[test]
fn a_digest_speaks_the_language_of_the_members_latest_follow() {
    common::run(async {
        let (app, _dir) = crate::http_follows::app().await;
        let nora = app
            .new_member("Nóra", "nora@example.org", "Reels4Ever")
            .await;
        // Ennis in Irish, Ireland in English, then Ennis again in Irish (which keeps
        // when its news starts, before Ireland's): the last of these speaks.
        for (page, place) in [
            ("/ga/sessions/ie/clare/ennis", "ie/clare/ennis"),
            ("/sessions/ie", "ie"),
            ("/ga/sessions/ie/clare/ennis", "ie/clare/ennis"),
        ] {
            let followed = nora
                .call_from(page, "follow", &[("place", place), ("cadence", "daily")])
                .await;
            assert!(followed.status().is_success() || followed.status().is_redirection());
        }
        let follows = app.store.follows_of(&member_id(&nora).await).await.unwrap();
        assert_eq!(follows.len(), 2, "{follows:?}");
        crate::http_follows::new_session_in_ennis(&app, "new-ennis", "Seisiún Nua na hInse").await;
        crate::http_follows::run_digest(&app).await;
        let sent = crate::http_follows::outbox(&app);
        assert_eq!(sent.len(), 1, "one digest for both places");
        let email = &sent[0].email;
        // One session, though both places list it.
        assert!(
            email.subject.starts_with("1 seisiún nua: Ireland; Ennis"),
            "{}",
            email.subject
        );
        assert!(email.html.contains("<html lang=\"ga\">"), "{}", email.html);
        assert!(email.text.contains("/ga/alerts/stop?"), "{}", email.text);
        app.stop().await;
    })
}

/// A refused form's message comes back in the URL, signed; a forged one is dropped by a
/// redirect to the same page: in its language, and never to another site.
#[test]
fn a_forged_form_error_leads_back_to_the_same_page_in_its_language_only() {
    common::run(async {
        let (app, _dir) = empty_app().await;
        for (asked, expected) in [
            ("/ga/search?__err=forged&q=ennis", "/ga/search?q=ennis"),
            ("/search?__err=forged", "/search"),
            ("//evil.example?__err=forged", "/evil.example"),
            ("/ga//evil.example?__err=forged", "/ga/evil.example"),
        ] {
            let response = app.get(asked).await;
            assert_eq!(response.status().as_u16(), 303, "{asked}");
            assert_eq!(response.headers()["location"], expected, "{asked}");
        }
        // A made-up `//host` path's language switch stays on this site.
        let (_, page) = app.get_text("//evil.example").await;
        assert!(!page.contains("href=\"//evil.example"), "{page}");
        assert!(!page.contains("href=\"/ga//evil.example"), "{page}");
        app.stop().await;
    })
}
