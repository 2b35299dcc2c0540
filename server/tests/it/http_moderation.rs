//! Reports and moderation over HTTP: members report sessions and reviews; only
//! moderators see the queue and act on it; hidden content vanishes from pages, lists,
//! search, feeds, the sitemap and the API for everyone but moderators; every action is
//! in the audit trail; restoring brings it back.
use crate::accounts;
use crate::common;

use accounts::Browser;
use app::model::fixtures::sample_session;
use common::{spawn_app_in, TestApp};

const PASSWORD: &str = "Reels4Ever";

struct World {
    app: TestApp,
    _dir: tempfile::TempDir,
    maire: Browser,
    brian: Browser,
    moderator: Browser,
    brian_review: String,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    let mut doolin = sample_session("doolin", "Doolin Trad", "IE");
    doolin.town = "Doolin".into();
    app.store.create_session(&doolin, None).await.unwrap();
    let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
    let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
    app.new_member("Nóra", "nora@example.org", PASSWORD).await;
    app.local()
        .grant_group("nora@example.org", app::model::MODERATORS)
        .await
        .unwrap();
    let moderator = app.signed_in_again("nora@example.org", PASSWORD).await;
    for (member, stars, text) in [(&brian, "1", "Rubbish, avoid."), (&maire, "5", "Mighty.")] {
        let response = member.save_review("doolin", stars, text).await;
        assert_eq!(response.status(), 200);
    }
    let brian_subject = brian.current_member().await["subject"]
        .as_str()
        .unwrap()
        .to_string();
    let brian_review = app::api::moderation::review_handle("doolin", &brian_subject);
    World {
        app,
        _dir: dir,
        maire,
        brian,
        moderator,
        brian_review,
    }
}

/// Reports the session, or the review with this handle, as the page's form does (a
/// session's form has no review field).
async fn report(w: &World, review: Option<&str>, reason: &str) -> reqwest::Response {
    let mut form = vec![
        ("session_id", "doolin"),
        ("reason", reason),
        ("details", "See for yourself."),
    ];
    form.extend(review.map(|handle| ("review", handle)));
    w.maire.call("report", &form).await
}

async fn queue(w: &World) -> app::api::moderation::ModerationQueue {
    let response = w.moderator.call("moderation_queue", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[test]
fn only_members_report_and_only_moderators_see_the_queue() {
    common::run(async {
        let w = world().await;
        let anonymous = w
            .app
            .visitor()
            .call("report", &[("session_id", "doolin"), ("reason", "spam")])
            .await;
        assert_eq!(anonymous.status(), 401);
        assert_eq!(
            report(&w, None, "nonsense").await.status(),
            400,
            "a reason from the list"
        );
        // A review handle is what the page made, or nothing (an empty field is none, as in
        // any form): a forged one is refused, never read as "the session".
        for forged in ["not-a-handle", "0123456789ABCDEF", "0123456789abcdef0"] {
            let response = report(&w, Some(forged), "spam").await;
            assert_eq!(response.status(), 400, "{forged:?}");
            let err: app::error::AppError = response.json().await.unwrap();
            assert!(err.message.contains("not there any more"), "{err:?}");
        }
        let long = "x".repeat(1001);
        let too_long = w
            .maire
            .call(
                "report",
                &[
                    ("session_id", "doolin"),
                    ("reason", "spam"),
                    ("details", &long),
                ],
            )
            .await;
        assert_eq!(too_long.status(), 400);
        assert!(
            queue(&w).await.reports.is_empty(),
            "refused reports are not queued"
        );

        assert_eq!(report(&w, None, "wrong").await.status(), 200);
        for member in [&w.maire, &w.brian] {
            let response = member.call("moderation_queue", &[]).await;
            assert_eq!(response.status(), 403);
            let (_, page) = member.page("/moderation").await;
            assert!(page.contains("Only moderators"), "{page}");
        }
        assert_eq!(
            w.app.visitor().call("moderation_queue", &[]).await.status(),
            401
        );
        let report_id = queue(&w).await.reports[0].id.clone();
        let response = w
            .brian
            .call(
                "moderate",
                &[("report_id", report_id.as_str()), ("action", "hide")],
            )
            .await;
        assert_eq!(response.status(), 403, "members cannot moderate");
        // A moderator's decision is hide or dismiss: a restore settles no report, and
        // anything else is unreadable. Either way the report stays in the queue.
        for action in ["restore", "delete", ""] {
            let response = w
                .moderator
                .call(
                    "moderate",
                    &[("report_id", report_id.as_str()), ("action", action)],
                )
                .await;
            assert_eq!(response.status(), 400, "{action:?}");
        }
        assert_eq!(queue(&w).await.reports[0].id, report_id);
        let (_, page) = w.moderator.page("/moderation").await;
        assert!(page.contains("Session “Doolin Trad”") && page.contains("Wrong or out of date"));
    })
}

#[test]
fn a_hidden_review_leaves_the_page_and_the_rating_until_restored() {
    common::run(async {
        let w = world().await;
        assert_eq!(
            report(&w, Some(&w.brian_review), "offensive")
                .await
                .status(),
            200
        );
        let queued = queue(&w).await.reports;
        assert_eq!(queued.len(), 1);
        assert!(
            queued[0].what.contains("Review by Brian"),
            "{:?}",
            queued[0]
        );
        let response = w
            .moderator
            .call(
                "moderate",
                &[("report_id", queued[0].id.as_str()), ("action", "hide")],
            )
            .await;
        assert_eq!(response.status(), 200);
        for who in [w.app.visitor(), w.maire.clone(), w.brian.clone()] {
            let (_, page) = who.page("/session/doolin").await;
            assert!(
                !page.contains("Rubbish, avoid."),
                "hidden from everyone but moderators"
            );
            assert!(
                page.contains(">5.0</strong>") && page.contains("1 review<"),
                "{page}"
            );
        }
        let (_, page) = w.moderator.page("/session/doolin").await;
        assert!(page.contains("Rubbish, avoid.") && page.contains("Hidden by a moderator."));
        let again = w
            .moderator
            .call(
                "moderate",
                &[("report_id", queued[0].id.as_str()), ("action", "dismiss")],
            )
            .await;
        assert_eq!(again.status(), 409, "a report is settled once");

        let response = w
            .moderator
            .call(
                "restore",
                &[
                    ("session_id", "doolin"),
                    ("review", w.brian_review.as_str()),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        let (_, page) = w.app.visitor().page("/session/doolin").await;
        assert!(page.contains("Rubbish, avoid.") && page.contains(">3.0</strong>"));
        let log = queue(&w).await.log;
        assert!(log[0].contains("Nóra restored Review by Brian"), "{log:?}");
        assert!(
            log[1].contains("Nóra hid Review by Brian") && log[1].contains("Offensive"),
            "{log:?}"
        );
    })
}

#[test]
fn a_hidden_session_vanishes_from_pages_lists_feeds_and_the_api() {
    common::run(async {
        let w = world().await;
        // A dismissed report changes nothing but the queue and the log.
        report(&w, None, "spam").await;
        let first = queue(&w).await.reports[0].id.clone();
        w.moderator
            .call(
                "moderate",
                &[("report_id", first.as_str()), ("action", "dismiss")],
            )
            .await;
        assert_eq!(w.app.visitor().page("/session/doolin").await.0, 200);
        assert!(queue(&w).await.reports.is_empty());

        // Each listing, and how the session shows in it.
        let listings = [
            ("/sessions/ie/clare", "Doolin Trad"),
            ("/", "Doolin Trad"),
            ("/search?q=doolin", "Doolin Trad"),
            ("/feed.atom", "Doolin Trad"),
            ("/api/v1/sessions", "Doolin Trad"),
            ("/api/v1/search?q=doolin", "Doolin Trad"),
        ];
        for (path, shown) in listings {
            let (_, body) = w.app.visitor().page(path).await;
            assert!(body.contains(shown), "{path} before: {body}");
        }
        report(&w, None, "wrong").await;
        let id = queue(&w).await.reports[0].id.clone();
        let response = w
            .moderator
            .call(
                "moderate",
                &[("report_id", id.as_str()), ("action", "hide")],
            )
            .await;
        assert_eq!(response.status(), 200);

        for who in [w.app.visitor(), w.maire.clone()] {
            assert_eq!(who.page("/session/doolin").await.0, 404);
        }
        for (path, shown) in listings {
            let (_, body) = w.app.visitor().page(path).await;
            assert!(!body.contains(shown), "{path}: {body}");
        }
        assert_eq!(w.app.visitor().page("/api/v1/sessions/doolin").await.0, 404);
        // The next scheduled build of the sitemap leaves it out (until then its URL names
        // no content, and answers 404).
        server::feeds::sitemap::rebuild(w.app.store.as_ref(), 50_000)
            .await
            .unwrap();
        let (_, sitemap) = w.app.visitor().page("/sitemap.xml").await;
        assert!(sitemap.contains("<urlset"), "{sitemap}");
        assert!(!sitemap.contains("/session/doolin<"), "{sitemap}");
        assert_eq!(
            w.app.visitor().page("/session/doolin/calendar.ics").await.0,
            404
        );
        let (status, page) = w.moderator.page("/session/doolin").await;
        assert_eq!(status, 200);
        assert!(page.contains("Hidden by a moderator: only moderators can see this page."));
        let history = page
            .split("<details class=\"history\">")
            .nth(1)
            .expect("the page shows its history");
        assert!(
            history.contains("<li>Hidden by a moderator</li>"),
            "the revision says so: {history}"
        );

        let response = w
            .moderator
            .call("restore", &[("session_id", "doolin")])
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(w.app.visitor().page("/session/doolin").await.0, 200);
        assert!(w
            .app
            .visitor()
            .page("/sessions/ie/clare")
            .await
            .1
            .contains("Doolin Trad"));
        let log = queue(&w).await.log;
        assert!(log[0].contains("restored Session “Doolin Trad”"), "{log:?}");
        assert!(log[1].contains("hid Session “Doolin Trad”"), "{log:?}");
        assert!(
            log[2].contains("dismissed reports about Session “Doolin Trad”"),
            "{log:?}"
        );
    })
}

/// Posts a form as a browser without JavaScript does: the answer is a redirect.
async fn plain_post(app: &TestApp, endpoint: &str, form: &[(&str, &str)], cookies: &str) -> String {
    let response = app
        .client
        .post(format!("{}/api/{endpoint}", app.address))
        .header(reqwest::header::ORIGIN, &app.address)
        .header(reqwest::header::COOKIE, cookies)
        .header(reqwest::header::ACCEPT, "text/html")
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        302,
        "{endpoint} answers a plain post with a redirect"
    );
    response.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

/// A report filed straight into the store (cheaper than 250 accounts), `minutes_ago`.
fn junk_report(n: usize, session: &str, minutes_ago: i64) -> app::model::Report {
    let at = chrono::Utc::now() - chrono::Duration::minutes(minutes_ago)
        + chrono::Duration::microseconds(n as i64);
    app::model::Report {
        id: format!("{}-{n:06}", at.format("%Y%m%dT%H%M%S%.6f")),
        target: app::model::ReportTarget::Session {
            session_id: app::model::SessionId::parse(session).unwrap(),
        },
        reason: "spam".into(),
        details: "junk".into(),
        reporter: format!("bot-{n}").into(),
        reporter_name: format!("Bot {n}"),
        at,
    }
}

#[test]
fn a_second_report_by_the_same_member_changes_nothing_and_says_so() {
    common::run(async {
        use app::api::moderation::{REPORT_ALREADY_SENT, REPORT_SENT};
        let w = world().await;
        let first = report(&w, None, "spam").await;
        assert_eq!(first.status(), 200);
        assert_eq!(first.json::<String>().await.unwrap(), REPORT_SENT);
        let second = report(&w, None, "wrong").await;
        assert_eq!(second.status(), 200, "not an error");
        assert_eq!(second.json::<String>().await.unwrap(), REPORT_ALREADY_SENT);
        let queued = queue(&w).await.reports;
        assert_eq!(queued.len(), 1, "{queued:?}");
        assert_eq!(queued[0].count, 1);
        assert_eq!(queued[0].reasons, ["Spam or advertising"]);

        // Without JavaScript: back to the session page, which says so in the form.
        let form = [
            ("session_id", "doolin"),
            ("reason", "wrong"),
            ("details", "Again."),
        ];
        let location = plain_post(&w.app, "report", &form, &w.maire.cookies).await;
        assert_eq!(location, "/session/doolin?reported=again#report-sent");
        let (status, page) = w.maire.page(&location).await;
        assert_eq!(status, 200);
        assert!(page.contains(REPORT_ALREADY_SENT), "{page}");
        assert!(
            page.contains("id=\"report-sent\""),
            "the form is opened: {page}"
        );
        assert!(!page.contains(REPORT_SENT));
        assert_eq!(queue(&w).await.reports[0].count, 1);

        // Reporting one of its reviews is another thing to report.
        assert_eq!(
            report(&w, Some(&w.brian_review), "offensive")
                .await
                .status(),
            200
        );
        let location = plain_post(
            &w.app,
            "report",
            &[
                ("session_id", "doolin"),
                ("review", w.brian_review.as_str()),
                ("reason", "offensive"),
            ],
            &w.maire.cookies,
        )
        .await;
        assert_eq!(
            location,
            format!(
                "/session/doolin?reported=again&review={}#report-sent",
                w.brian_review
            )
        );
        assert_eq!(queue(&w).await.reports.len(), 2);
    })
}

#[test]
fn a_flood_of_reports_on_one_session_hides_no_report_on_another() {
    common::run(async {
        let w = world().await;
        let mut ennis = sample_session("ennis", "Ennis Céilí", "IE");
        ennis.town = "Ennis".into();
        w.app.store.create_session(&ennis, None).await.unwrap();
        // 250 junk reports on Doolin, all filed before the genuine one.
        for n in 0..250 {
            let filed = w.app.store.file_report(&junk_report(n, "doolin", 60)).await;
            assert_eq!(filed.unwrap(), app::model::Filed::New);
        }
        let genuine = w
            .brian
            .call("report", &[("session_id", "ennis"), ("reason", "wrong")])
            .await;
        assert_eq!(genuine.status(), 200);

        let queued = queue(&w).await.reports;
        let entries: Vec<(&str, u64)> = queued.iter().map(|r| (r.what.as_str(), r.count)).collect();
        assert_eq!(
            entries,
            [("Session “Doolin Trad”", 250), ("Session “Ennis Céilí”", 1)],
            "one entry per session, the flood first"
        );
        assert_eq!(queued[0].reasons, ["Spam or advertising (250)"]);
        let (_, page) = w.moderator.page("/moderation").await;
        assert!(page.contains("Ennis Céilí") && page.contains("reported by 250 members"));

        let response = w
            .moderator
            .call(
                "moderate",
                &[("report_id", queued[1].id.as_str()), ("action", "hide")],
            )
            .await;
        assert_eq!(response.status(), 200, "the genuine report is settled");
        assert_eq!(w.app.visitor().page("/session/ennis").await.0, 404);
        let queued = queue(&w).await.reports;
        assert_eq!(queued.len(), 1);
        assert!(queued[0].what.contains("Doolin"));

        let response = w
            .moderator
            .call(
                "moderate",
                &[("report_id", queued[0].id.as_str()), ("action", "dismiss")],
            )
            .await;
        assert_eq!(response.status(), 200);
        let after = queue(&w).await;
        assert!(after.reports.is_empty(), "all 250 closed at once");
        assert!(
            after.log[0].contains(
                "dismissed reports about Session “Doolin Trad” (Spam or advertising (250))"
            ),
            "{:?}",
            after.log
        );
        assert!(after.log[1].contains("hid Session “Ennis Céilí” (Wrong or out of date)"));
        assert_eq!(w.app.visitor().page("/session/doolin").await.0, 200);
    })
}

#[test]
fn the_queue_pages_without_javascript() {
    common::run(async {
        let w = world().await;
        for n in 0..30 {
            let id = format!("s{n:02}");
            w.app
                .store
                .create_session(&sample_session(&id, &format!("Session {n:02}"), "IE"), None)
                .await
                .unwrap();
            w.app
                .store
                .file_report(&junk_report(n, &id, 60 - n as i64))
                .await
                .unwrap();
        }
        let (status, first) = w.moderator.page("/moderation").await;
        assert_eq!(status, 200);
        assert!(first.contains("Session “Session 00”") && first.contains("Session “Session 24”"));
        assert!(!first.contains("Session “Session 25”"), "25 a page");
        let start = first
            .find("href=\"/moderation?after=")
            .expect("a link to the next page")
            + 6;
        let href = &first[start..start + first[start..].find('"').unwrap()];
        let (status, second) = w.moderator.page(&href.replace("&amp;", "&")).await;
        assert_eq!(status, 200);
        assert!(second.contains("Session “Session 25”") && second.contains("Session “Session 29”"));
        assert!(!second.contains("Session “Session 24”"));
        assert!(!second.contains("rel=\"next\""), "the last page");
        let (status, _) = w.moderator.page("/moderation?after=forged").await;
        assert_eq!(status, 400);
    })
}

#[test]
fn local_moderators_join_as_moderators() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn_app_in(
            dir.path(),
            &[
                ("SEED_DEMO_DATA", "false"),
                ("LOCAL_MODERATORS", "Nora@Example.org, eoin@example.org"),
            ],
        )
        .await;
        let nora = app.new_member("Nóra", "nora@example.org", PASSWORD).await;
        let other = app.new_member("Séan", "sean@example.org", PASSWORD).await;
        assert_eq!(nora.call("moderation_queue", &[]).await.status(), 200);
        assert_eq!(other.call("moderation_queue", &[]).await.status(), 403);
    })
}
