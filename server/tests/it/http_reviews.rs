//! Reviews over real HTTP: members write, edit and delete their own; the session page
//! shows the average, the count and the distribution; text is plain text; bad input is
//! refused with every reason; nobody reaches another member's review; anonymous
//! visitors cannot write; writes are rate-limited.
use crate::accounts;
use crate::common;

use accounts::Browser;
use app::error::AppError;
use app::model::fixtures::sample_session;
use app::model::SessionId;
use common::{spawn_app_in, TestApp};

const PASSWORD: &str = "Reels4Ever";

async fn app_with_session() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_in(dir.path(), &[("SEED_DEMO_DATA", "false")]).await;
    app.store
        .create_session(&sample_session("doolin", "Doolin Trad", "IE"), None)
        .await
        .unwrap();
    (app, dir)
}

async fn review(member: &Browser, stars: &str, text: &str) -> reqwest::Response {
    member.save_review("doolin", stars, text).await
}

async fn page(member: &Browser) -> String {
    let (status, html) = member.page("/session/doolin").await;
    assert_eq!(status, 200);
    html
}

async fn stars_stored(app: &TestApp) -> [u64; 5] {
    let (_, reviews) = app
        .store
        .session_with_activity(&SessionId::parse("doolin").unwrap())
        .await
        .unwrap()
        .unwrap();
    reviews.rating.by_stars
}

#[test]
fn members_review_edit_and_delete_and_the_page_shows_the_average() {
    common::run(async {
        let (app, _dir) = app_with_session().await;
        let anonymous = page(&app.visitor()).await;
        assert!(anonymous.contains("No reviews yet."), "{anonymous}");
        assert!(anonymous.contains("to write a review"));

        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        let response = review(
            &maire,
            "4",
            "Great tunes <script>alert(1)</script>\nSecond line & more",
        )
        .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let response = review(&brian, "2", "Too loud for me.").await;
        assert_eq!(response.status(), 200);

        let html = page(&app.visitor()).await;
        assert!(html.contains(">3.0</strong>"), "average of 4 and 2: {html}");
        assert!(html.contains("out of 5 · 2 reviews"));
        assert!(html.contains("Máire") && html.contains("Brian"));
        assert!(
            html.contains(
                "Great tunes &lt;script&gt;alert(1)&lt;/script&gt;\nSecond line &amp; more"
            ),
            "plain text with its line break, never HTML"
        );
        assert!(!html.contains("<script>alert(1)"));

        // Writing again edits: still two reviews, Máire's stars moved from 4 to 5.
        let response = review(&maire, "5", "Even better in November.").await;
        assert_eq!(response.status(), 200);
        let rating: app::model::Rating = response.json().await.unwrap();
        assert_eq!(rating.by_stars, [0, 1, 0, 0, 1]);
        let html = page(&maire).await;
        assert!(
            html.contains(">3.5</strong>") && html.contains("2 reviews"),
            "{html}"
        );
        assert!(html.contains("Your review"), "her own review to edit");
        assert!(html.contains("Even better in November."));
        assert!(html.contains("Delete my review"));

        let response = maire
            .call("delete_review", &[("session_id", "doolin")])
            .await;
        assert_eq!(response.status(), 200);
        assert!(response.json::<bool>().await.unwrap());
        let html = page(&app.visitor()).await;
        assert!(
            html.contains(">2.0</strong>") && html.contains("1 review<"),
            "{html}"
        );
        assert!(!html.contains("Even better in November."));
        assert_eq!(stars_stored(&app).await, [0, 1, 0, 0, 0]);

        let api: serde_json::Value = app
            .client
            .get(format!("{}/api/v1/sessions/doolin", app.address))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            api["rating"]["by_stars"],
            serde_json::json!([0, 1, 0, 0, 0])
        );
        assert!(
            !api.to_string().contains("brian@"),
            "the API never shows who wrote what beyond their name"
        );
    })
}

#[test]
fn bad_reviews_are_refused_with_every_reason_and_change_nothing() {
    common::run(async {
        let (app, _dir) = app_with_session().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        review(&maire, "4", "Grand.").await;
        let long = "x".repeat(4_001);
        let response = maire
            .call(
                "save_review",
                &[
                    ("session_id", "doolin"),
                    ("stars", "7"),
                    ("visited_on", "2999-01-01"),
                    ("text", &long),
                ],
            )
            .await;
        assert_eq!(response.status(), 400);
        let err: AppError = response.json().await.unwrap();
        for reason in [
            "1 to 5 stars",
            "cannot be in the future",
            "at most 4000 characters",
        ] {
            assert!(err.message.contains(reason), "{reason}: {}", err.message);
        }
        assert_eq!(stars_stored(&app).await, [0, 0, 0, 1, 0], "nothing changed");
        assert!(page(&app.visitor()).await.contains("Grand."));

        let response = maire
            .call(
                "save_review",
                &[
                    ("session_id", "no-such-session"),
                    ("stars", "5"),
                    ("visited_on", "2026-11-01"),
                    ("text", ""),
                ],
            )
            .await;
        assert_eq!(response.status(), 404);
    })
}

#[test]
fn anonymous_visitors_and_other_sites_cannot_write_reviews() {
    common::run(async {
        let (app, _dir) = app_with_session().await;
        let response = review(&app.visitor(), "5", "Sneaky").await;
        assert_eq!(response.status(), 401);
        let err: AppError = response.json().await.unwrap();
        assert!(
            err.message.contains("sign in to write a review"),
            "{}",
            err.message
        );
        let response = app
            .visitor()
            .call("delete_review", &[("session_id", "doolin")])
            .await;
        assert_eq!(response.status(), 401);

        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let cross_site = app
            .client
            .post(format!("{}/api/save_review", app.address))
            .header(reqwest::header::ORIGIN, "https://evil.example")
            .header(reqwest::header::COOKIE, &maire.cookies)
            .form(&[
                ("session_id", "doolin"),
                ("stars", "1"),
                ("visited_on", "2026-11-01"),
                ("text", "forged"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), 403);
        assert_eq!(stars_stored(&app).await, [0; 5]);
    })
}

#[test]
fn a_member_cannot_change_or_delete_another_members_review() {
    common::run(async {
        let (app, _dir) = app_with_session().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let brian = app.new_member("Brian", "brian@example.org", PASSWORD).await;
        review(&maire, "5", "Máire's words.").await;
        // The author is whoever the cookies name: Brian's delete finds no review of his,
        // and naming Máire in the form changes nothing.
        let response = brian
            .call(
                "delete_review",
                &[("session_id", "doolin"), ("author", "maire@example.org")],
            )
            .await;
        assert_eq!(response.status(), 200);
        assert!(
            !response.json::<bool>().await.unwrap(),
            "nothing of Brian's to delete"
        );
        let response = brian
            .call(
                "save_review",
                &[
                    ("session_id", "doolin"),
                    ("stars", "1"),
                    ("visited_on", "2026-11-01"),
                    ("text", "Brian's words."),
                    ("author", "maire@example.org"),
                ],
            )
            .await;
        assert_eq!(response.status(), 200, "Brian writes his own review");
        let html = page(&app.visitor()).await;
        assert!(html.contains("Máire's words.") && html.contains("Brian's words."));
        assert_eq!(stars_stored(&app).await, [1, 0, 0, 0, 1]);
        assert!(page(&brian).await.contains("Máire's words."));
    })
}

#[test]
fn a_member_writing_too_fast_is_asked_to_wait() {
    common::run(async {
        let (app, _dir) = app_with_session().await;
        let maire = app.new_member("Máire", "maire@example.org", PASSWORD).await;
        let address = std::net::IpAddr::from([127, 0, 0, 1]);
        let allowance =
            app::api::throttle::allowances(app::api::throttle::Attempt::Write, "member", address)
                [0]
            .limit;
        for n in 0..allowance {
            let response = review(&maire, "4", &format!("Edit {n}")).await;
            assert_eq!(response.status(), 200, "write {n}");
        }
        let response = review(&maire, "1", "One too many").await;
        assert_eq!(response.status(), 429);
        assert!(response.headers().contains_key("retry-after"));
        let err: AppError = response.json().await.unwrap();
        assert!(err.message.contains("wait"), "{}", err.message);
        assert_eq!(
            stars_stored(&app).await,
            [0, 0, 0, 1, 0],
            "the refused write changed nothing"
        );
    })
}
