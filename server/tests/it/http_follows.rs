//! Following a place, as a member would: follow a town from its page, another member adds
//! a session there and edits one, the digest (the local outbox page's button, as a
//! developer runs it) emails the follower once, however often it runs; the email's stop
//! link asks first and then stops it without a sign-in; a forged link stops nothing.
//! Anyone can read the town's Atom feed. Bad follows are refused and change nothing.
use crate::common;

use app::model::fixtures::sample_session;
use app::model::{Cadence, Revision};
use chrono::{TimeDelta, Utc};
use common::{spawn_app_in, TestApp};

const PASSWORD: &str = "Reels4Ever";
const ENNIS: &str = "ie/clare/ennis";

/// An empty site with one session in Ennis, added long ago and confirmed today.
pub(crate) async fn app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    let mut old = sample_session("old-ennis", "Old Ennis Session", "IE");
    old.created_at = Utc::now() - TimeDelta::days(100);
    old.updated_at = old.created_at;
    old.last_confirmed = Some(Utc::now().date_naive());
    app.store.create_session(&old, None).await.unwrap();
    (app, dir)
}

/// The digest as the outbox page's button runs it; answers the outbox page after it.
pub(crate) async fn run_digest(app: &TestApp) -> String {
    let response = app
        .client
        .post(format!("{}/account/outbox/digest", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        303,
        "the button goes back to the outbox"
    );
    app.get_text("/account/outbox").await.1
}

/// The links in a text, in order.
fn links(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with("http"))
        .map(|w| w.trim_end_matches('"').to_string())
        .collect()
}

#[test]
fn a_follower_is_emailed_once_about_a_new_session_and_stops_it_from_the_email() {
    common::run(async {
        let (app, _dir) = app().await;
        let aoife = app.new_member("Aoife", "aoife@example.org", PASSWORD).await;
        let response = aoife
            .call("follow", &[("place", ENNIS), ("cadence", "daily")])
            .await;
        assert!(
            response.status().is_success(),
            "{:?}",
            response.text().await
        );
        let (_, account) = aoife.page("/account").await;
        assert!(
            account.contains("Ennis, Clare, Ireland"),
            "listed on the account page"
        );
        assert!(account.contains("emailed once a day"));
        // A follow made with an older address takes the one the member has now.
        let mut stale = app
            .store
            .follows_of(&member_id(&aoife).await)
            .await
            .unwrap()
            .remove(0);
        stale.email = "old-address@example.org".into();
        app.store.put_follow(&stale).await.unwrap();
        aoife.page("/account").await;
        let follows = app
            .store
            .follows_of(&member_id(&aoife).await)
            .await
            .unwrap();
        assert_eq!(follows[0].email, "aoife@example.org");

        // Nothing happened yet: no email.
        let outbox = run_digest(&app).await;
        assert!(outbox.contains("No digest sent yet"), "{outbox}");

        // Another member adds a session in Ennis, and the old one moves to Fridays.
        let mut new = sample_session("new-ennis", "Brand New Ennis Tunes", "IE");
        new.created_at = Utc::now();
        new.updated_at = new.created_at;
        app.store.create_session(&new, None).await.unwrap();
        let mut old = app
            .store
            .get_session(&app::model::SessionId::parse("old-ennis").unwrap())
            .await
            .unwrap()
            .unwrap();
        let before = old.clone();
        old.schedules = vec![app::model::Schedule::Weekly {
            days: vec![chrono::Weekday::Fri],
            every_weeks: 1,
            anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            end: None,
        }];
        old.updated_at = Utc::now();
        let revision = Revision {
            session_id: old.id.clone(),
            at: old.updated_at,
            by: "brian".into(),
            by_name: "Brian".into(),
            changes: app::model::describe_changes(Some(&before), &old),
        };
        app.store
            .update_session(&old, Some(&revision))
            .await
            .unwrap();

        let outbox = run_digest(&app).await;
        assert_eq!(
            outbox.matches("class=\"outbox-message\"").count(),
            1,
            "{outbox}"
        );
        assert!(outbox.contains("To aoife@example.org"));
        assert!(outbox.contains("New: Brand New Ennis Tunes"), "{outbox}");
        assert!(outbox.contains("Changed: Old Ennis Session"), "{outbox}");
        assert!(
            outbox.contains("When: “Thursdays"),
            "the change in words: {outbox}"
        );

        // Run again (and again): not due, nothing more sent.
        let again = run_digest(&app).await;
        assert_eq!(again.matches("class=\"outbox-message\"").count(), 1);
        let outbox_dir = server::mail::outbox::LocalOutbox::in_data_dir(&app.data_dir);
        let sent = outbox_dir.newest(10).unwrap();
        assert_eq!(sent.len(), 1);
        let email = &sent[0].email;
        assert_eq!(
            sent[0]
                .headers
                .iter()
                .find(|(n, _)| n == "List-Unsubscribe-Post")
                .map(|h| h.1.as_str()),
            Some("List-Unsubscribe=One-Click")
        );
        let stop = links(&email.text)
            .into_iter()
            .find(|l| l.contains("/alerts/stop"))
            .expect("a stop link in the email");
        assert_eq!(format!("<{}>", email.unsubscribe_url), sent[0].headers[0].1);
        // The link is to the site's own address (SITE_URL), the path is what matters here.
        let stop_path = &stop[stop.find("/alerts/stop?").expect("a stop link")..];

        // A forged secret stops nothing.
        let forged = stop_path.replace("&t=", "&t=0");
        let (status, page) = app.visitor().page(&forged).await;
        assert_eq!(status, 200);
        assert!(page.contains("nothing to stop"), "{page}");

        // Opening the link only asks (mail scanners open links).
        let (status, page) = app.visitor().page(stop_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Stop these emails"), "{page}");
        assert_eq!(
            app.store
                .follows_of(&member_id(&aoife).await)
                .await
                .unwrap()
                .len(),
            1
        );

        // Pressing it, signed out, stops them.
        let response = app
            .client
            .post(format!("{}{stop_path}", app.address))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("no more emails about"));
        let (_, account) = aoife.page("/account").await;
        assert!(
            !account.contains("emailed once a day"),
            "gone from the account page"
        );
        assert!(account.contains("You follow no places yet"));
    })
}

/// The member a browser is signed in as.
pub(crate) async fn member_id(member: &crate::accounts::Browser) -> app::model::MemberId {
    let me = member.current_member().await;
    app::model::MemberId::new(me["subject"].as_str().expect("signed in"))
}

#[test]
fn following_again_changes_how_often_and_bad_follows_change_nothing() {
    common::run(async {
        let (app, _dir) = app().await;
        let visitor = app
            .visitor()
            .call("follow", &[("place", ENNIS), ("cadence", "daily")])
            .await;
        assert_eq!(
            visitor.status().as_u16(),
            401,
            "signed out: asked to sign in"
        );

        let aoife = app.new_member("Aoife", "aoife@example.org", PASSWORD).await;
        let me = member_id(&aoife).await;
        for (form, status, words) in [
            (
                vec![("place", "ie/clare/nowhere"), ("cadence", "daily")],
                404,
                "no sessions listed there",
            ),
            (
                vec![("place", "../etc"), ("cadence", "daily")],
                400,
                "not a place we list",
            ),
            (vec![("cadence", "daily")], 400, "Choose a place"),
            (
                vec![
                    ("lat", "52.8"),
                    ("lng", "-8.9"),
                    ("km", "7"),
                    ("cadence", "daily"),
                ],
                400,
                "Choose one of 5, 25, 50, 100 km",
            ),
            (
                vec![
                    ("lat", "152.8"),
                    ("lng", "-8.9"),
                    ("km", "25"),
                    ("cadence", "daily"),
                ],
                400,
                "not on the map",
            ),
            (vec![("place", ENNIS), ("cadence", "hourly")], 400, ""),
        ] {
            let response = aoife.call("follow", &form).await;
            assert_eq!(response.status().as_u16(), status, "{form:?}");
            let text = response.text().await.unwrap();
            assert!(text.contains(words), "{form:?}: {text}");
        }
        assert!(
            app.store.follows_of(&me).await.unwrap().is_empty(),
            "nothing followed"
        );

        aoife
            .call("follow", &[("place", ENNIS), ("cadence", "daily")])
            .await;
        let first = app.store.follows_of(&me).await.unwrap();
        aoife
            .call("follow", &[("place", ENNIS), ("cadence", "weekly")])
            .await;
        let again = app.store.follows_of(&me).await.unwrap();
        assert_eq!(again.len(), 1, "the same town once");
        assert_eq!(again[0].cadence, Cadence::Weekly);
        assert_eq!(
            again[0].stop_token, first[0].stop_token,
            "links already sent still work"
        );
        assert_eq!(again[0].label, "Ennis, Clare, Ireland");

        // Near me: named for the nearest town.
        let response = aoife
            .call(
                "follow",
                &[
                    ("lat", "52.84"),
                    ("lng", "-8.98"),
                    ("km", "25"),
                    ("cadence", "weekly"),
                ],
            )
            .await;
        assert!(response.status().is_success());
        let follows = app.store.follows_of(&me).await.unwrap();
        assert_eq!(follows.len(), 2);
        let near = follows
            .iter()
            .find(|f| f.id().starts_with("near:"))
            .unwrap();
        assert_eq!(near.label, "Within 25 km of Ennis");

        // Stopped from the account page.
        let response = aoife
            .call("unfollow", &[("id", &format!("place:{ENNIS}"))])
            .await;
        assert!(response.status().is_success());
        assert_eq!(app.store.follows_of(&me).await.unwrap().len(), 1);
    })
}

#[test]
fn anyone_can_read_a_places_feed_newest_change_first() {
    common::run(async {
        let (app, _dir) = app().await;
        let mut new = sample_session("new-ennis", "Brand New Ennis Tunes", "IE");
        new.created_at = Utc::now();
        new.updated_at = new.created_at;
        app.store.create_session(&new, None).await.unwrap();

        let response = app.get(&format!("/feeds/places/{ENNIS}.atom")).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let feed = response.text().await.unwrap();
        assert!(feed.contains("<title>Seisiún — sessions in Ennis, Clare, Ireland</title>"));
        let newest = feed.find("Brand New Ennis Tunes").unwrap();
        let older = feed.find("Old Ennis Session").unwrap();
        assert!(newest < older, "newest change first");

        // The town's page points to it, for readers and people.
        let (_, page) = app.get_text("/sessions/ie/clare/ennis").await;
        assert!(
            page.contains("href=\"/feeds/places/ie/clare/ennis.atom\""),
            "{page}"
        );
        assert!(page.contains("Email me about new sessions in Ennis"));

        for missing in [
            "/feeds/places/ie/clare/nowhere.atom",
            "/feeds/places/ie/clare/ennis",
            "/feeds/places/.atom",
        ] {
            assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing}");
        }
    })
}

/// Adds a session in Ennis now, as another member would.
pub(crate) async fn new_session_in_ennis(app: &TestApp, id: &str, name: &str) {
    let mut new = sample_session(id, name, "IE");
    new.created_at = Utc::now();
    new.updated_at = new.created_at;
    app.store.create_session(&new, None).await.unwrap();
}

/// Aoife, a new member, following Ennis for a daily digest.
async fn aoife_following_ennis_daily(app: &TestApp) -> crate::accounts::Browser {
    let aoife = app.new_member("Aoife", "aoife@example.org", PASSWORD).await;
    aoife
        .call("follow", &[("place", ENNIS), ("cadence", "daily")])
        .await;
    aoife
}

pub(crate) fn outbox(app: &TestApp) -> Vec<server::mail::outbox::Sent> {
    server::mail::outbox::LocalOutbox::in_data_dir(&app.data_dir)
        .newest(50)
        .unwrap()
}

#[test]
fn moving_a_follow_to_weekly_repeats_nothing_and_stop_all_stops_every_follow() {
    common::run(async {
        let (app, _dir) = app().await;
        let aoife = app.new_member("Aoife", "aoife@example.org", PASSWORD).await;
        let me = member_id(&aoife).await;
        aoife
            .call("follow", &[("place", ENNIS), ("cadence", "daily")])
            .await;
        aoife
            .call(
                "follow",
                &[
                    ("lat", "52.84"),
                    ("lng", "-8.98"),
                    ("km", "25"),
                    ("cadence", "daily"),
                ],
            )
            .await;
        new_session_in_ennis(&app, "new-ennis", "Brand New Ennis Tunes").await;
        run_digest(&app).await;
        assert_eq!(outbox(&app).len(), 1, "one digest for both follows");

        // Weekly from now on: the next weekly digest starts where the daily one stopped.
        aoife
            .call("follow", &[("place", ENNIS), ("cadence", "weekly")])
            .await;
        run_digest(&app).await;
        assert_eq!(outbox(&app).len(), 1, "nothing told twice");
        new_session_in_ennis(&app, "newer-ennis", "Even Newer Ennis Tunes").await;
        run_digest(&app).await;
        let sent = outbox(&app);
        assert_eq!(sent.len(), 2, "the weekly digest, with only what is new");
        assert!(sent[0].email.text.contains("Even Newer Ennis Tunes"));
        assert!(
            !sent[0].email.text.contains("Brand New Ennis Tunes"),
            "{}",
            sent[0].email.text
        );

        // The one-click link stops every follow, whatever the email was about.
        let all = &sent[0].email.unsubscribe_url;
        assert!(all.contains("all=1"), "{all}");
        let path = &all[all.find("/alerts/stop?").unwrap()..];
        let response = app
            .client
            .post(format!("{}{path}", app.address))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        let page = response.text().await.unwrap();
        assert!(
            page.contains("Ennis, Clare, Ireland") && page.contains("Within 25 km of Ennis"),
            "{page}"
        );
        assert!(app.store.follows_of(&me).await.unwrap().is_empty());
    })
}

/// A mail service that takes nothing.
struct Down;

#[async_trait::async_trait]
impl server::mail::Mailer for Down {
    async fn send(&self, _: &server::mail::Email) -> Result<(), server::mail::MailError> {
        Err(server::mail::MailError::Refused(
            "Email address is not verified.".into(),
        ))
    }
}

#[test]
fn a_digest_the_mail_service_does_not_take_goes_with_the_next_run() {
    common::run(async {
        let (app, _dir) = app().await;
        aoife_following_ennis_daily(&app).await;
        new_session_in_ennis(&app, "new-ennis", "Brand New Ennis Tunes").await;
        let at = server::digest::RunAt {
            now: Utc::now(),
            settle: TimeDelta::zero(),
        };
        let run = server::digest::run(app.store.as_ref(), &Down, "https://seisiun.example", at)
            .await
            .unwrap();
        assert_eq!((run.sent, run.not_sent), (0, 1));
        assert!(run.left_work(), "the run fails, so the alarm sees it");

        let outbox_mailer = server::mail::outbox::LocalOutbox::in_data_dir(&app.data_dir);
        let run = server::digest::run(
            app.store.as_ref(),
            &outbox_mailer,
            "https://seisiun.example",
            at,
        )
        .await
        .unwrap();
        assert_eq!(run.sent, 1, "given back, then sent");
        assert!(outbox(&app)[0].email.text.contains("Brand New Ennis Tunes"));

        // The template's placeholder address sends nothing (its links would be dead).
        let refused = server::digest::run(
            app.store.as_ref(),
            &outbox_mailer,
            "https://first-deploy.invalid",
            at,
        )
        .await;
        assert!(refused.is_err());
    })
}

/// A run that stops between claiming a digest and sending it: its mail call never returns.
struct Stops;

#[async_trait::async_trait]
impl server::mail::Mailer for Stops {
    async fn send(&self, _: &server::mail::Email) -> Result<(), server::mail::MailError> {
        panic!("the run stops here (a timeout, a crash)")
    }
}

#[test]
fn a_digest_claimed_by_a_run_that_stopped_goes_with_a_run_after_its_lease() {
    common::run(async {
        let (app, _dir) = app().await;
        aoife_following_ennis_daily(&app).await;
        new_session_in_ennis(&app, "new-ennis", "Brand New Ennis Tunes").await;
        let site = "https://seisiun.example";
        let at = |minutes| server::digest::RunAt {
            now: Utc::now() + TimeDelta::minutes(minutes),
            settle: TimeDelta::zero(),
        };
        let store = app.store.clone();
        let stopped =
            tokio::spawn(
                async move { server::digest::run(store.as_ref(), &Stops, site, at(0)).await },
            )
            .await;
        assert!(stopped.is_err(), "the first run stopped mid-way");

        // Within the claim's lease that run may still be sending: another leaves it.
        let mailer = server::mail::outbox::LocalOutbox::in_data_dir(&app.data_dir);
        let run = server::digest::run(app.store.as_ref(), &mailer, site, at(5))
            .await
            .unwrap();
        assert_eq!((run.sent, run.claimed_elsewhere), (0, 1));
        assert!(outbox(&app).is_empty());

        // After it, the next run sends what the stopped one claimed.
        let lease = app::model::CLAIM_LEASE.num_minutes();
        let run = server::digest::run(app.store.as_ref(), &mailer, site, at(lease + 1))
            .await
            .unwrap();
        assert_eq!(run.sent, 1);
        assert!(outbox(&app)[0].email.text.contains("Brand New Ennis Tunes"));
        // And says so: nothing goes twice.
        let run = server::digest::run(app.store.as_ref(), &mailer, site, at(lease + 2))
            .await
            .unwrap();
        assert_eq!((run.sent, run.not_due), (0, 1));
        assert_eq!(outbox(&app).len(), 1);
    })
}

/// A stopped run's claim on a period with nothing to tell is settled, not kept open.
#[test]
fn a_stopped_runs_claim_with_nothing_to_tell_is_settled() {
    common::run(async {
        let (app, _dir) = app().await;
        let aoife = aoife_following_ennis_daily(&app).await;
        let me = member_id(&aoife).await;
        let now = Utc::now();
        let left = app::model::DigestMark::claim(now, None, now - TimeDelta::hours(1));
        assert!(app
            .store
            .move_digest_mark(&me, app::model::Cadence::Daily, None, Some(&left))
            .await
            .unwrap());
        let at = server::digest::RunAt {
            now,
            settle: TimeDelta::zero(),
        };
        let mailer = server::mail::outbox::LocalOutbox::in_data_dir(&app.data_dir);
        let run = server::digest::run(app.store.as_ref(), &mailer, "https://seisiun.example", at)
            .await
            .unwrap();
        assert_eq!((run.sent, run.quiet), (0, 1));
        assert_eq!(
            app.store
                .digest_mark(&me, app::model::Cadence::Daily)
                .await
                .unwrap(),
            Some(app::model::DigestMark::sent(now))
        );
    })
}
