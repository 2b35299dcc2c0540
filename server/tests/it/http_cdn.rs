//! What the CDN in front of the site is told: anonymous pages may be cached at the edge
//! for a minute, signed-in ones never; and with ORIGIN_VERIFY_SECRET set, only requests
//! carrying CloudFront's secret header are answered.
use crate::common;

use reqwest::header::{CACHE_CONTROL, COOKIE};

fn cache_control(response: &reqwest::Response) -> String {
    response.headers()[CACHE_CONTROL]
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn anonymous_pages_are_cached_at_the_edge_and_signed_in_ones_never() {
    common::run(async {
        let app = common::spawn_app().await;
        for path in ["/", "/sessions/ie", "/search?q=ennis", "/no/such/page"] {
            let response = app.get(path).await;
            assert_eq!(
                cache_control(&response),
                "public, max-age=0, s-maxage=60",
                "{path}"
            );
        }
        let signed_in = app
            .client
            .get(format!("{}/", app.address))
            .header(COOKIE, "seisiun_id=anything; other=1")
            .send()
            .await
            .unwrap();
        assert_eq!(cache_control(&signed_in), "private, no-store");
        // Feeds and the API keep their own rules.
        let api = app.get("/api/v1/sessions").await;
        assert_eq!(cache_control(&api), "public, max-age=60");
    })
}

#[test]
fn with_a_secret_only_cloudfront_is_answered() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app =
            common::spawn_app_in(dir.path(), &[("ORIGIN_VERIFY_SECRET", "edge-secret-42")]).await;
        assert_eq!(
            app.get("/").await.status(),
            403,
            "straight to the function URL"
        );
        let wrong = app
            .client
            .get(format!("{}/", app.address))
            .header("x-origin-verify", "guess")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 403);
        let through_cloudfront = app
            .client
            .get(format!("{}/", app.address))
            .header("x-origin-verify", "edge-secret-42")
            .send()
            .await
            .unwrap();
        assert_eq!(through_cloudfront.status(), 200);
    })
}

/// Rotating the secret: the function is given the new value and the previous one, and
/// answers edges sending either while CloudFront rolls the new one out; nothing else.
#[test]
fn while_the_secret_rotates_both_values_are_answered() {
    common::run(async {
        let dir = tempfile::tempdir().unwrap();
        let app = common::spawn_app_in(
            dir.path(),
            &[
                ("ORIGIN_VERIFY_SECRET", "new-edge-secret-43"),
                ("ORIGIN_VERIFY_SECRET_PREVIOUS", "edge-secret-42"),
            ],
        )
        .await;
        let with = |value: &'static str| {
            app.client
                .get(format!("{}/", app.address))
                .header("x-origin-verify", value)
                .send()
        };
        assert_eq!(with("new-edge-secret-43").await.unwrap().status(), 200);
        assert_eq!(
            with("edge-secret-42").await.unwrap().status(),
            200,
            "the previous value"
        );
        assert_eq!(with("edge-secret-4").await.unwrap().status(), 403);
        assert_eq!(app.get("/").await.status(), 403, "no header");

        // A stage's first secret has no previous value: `none` stands for it.
        let dir = tempfile::tempdir().unwrap();
        let app = common::spawn_app_in(
            dir.path(),
            &[
                ("ORIGIN_VERIFY_SECRET", "edge-secret-42"),
                ("ORIGIN_VERIFY_SECRET_PREVIOUS", "none"),
            ],
        )
        .await;
        let none = app
            .client
            .get(format!("{}/", app.address))
            .header("x-origin-verify", "none")
            .send()
            .await
            .unwrap();
        assert_eq!(none.status(), 403, "`none` is not a secret");
    })
}
