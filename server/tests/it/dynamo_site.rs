//! The whole site on DynamoDB (moto on loopback): `STORE=dynamodb` seeds the demo data
//! through the adapter and serves the same pages as on the embedded store.
use crate::common;
use crate::moto;

use server::dynamo_store::{client, ClientSettings, DynamoStore};

#[test]
fn the_site_serves_places_search_and_near_from_dynamodb() {
    common::run(async {
        moto::fake_aws_environment();
        let table = format!("site-{}", std::process::id());
        let store = DynamoStore::new(
            client(&ClientSettings {
                endpoint: Some(moto::endpoint().to_string()),
                ..Default::default()
            })
            .await,
            table.clone(),
        );
        assert!(store.create_table().await.unwrap());

        let dir = tempfile::tempdir().unwrap();
        let app = common::spawn_app_in(
            dir.path(),
            &[
                ("STORE", "dynamodb"),
                ("DYNAMODB_TABLE", table.as_str()),
                ("DYNAMODB_ENDPOINT", moto::endpoint()),
            ],
        )
        .await;
        assert!(
            !dir.path().join(server::embedded_store::FILE_NAME).exists(),
            "nothing is written to the embedded store"
        );
        let (status, ready) = app.get_text("/readyz").await;
        assert_eq!(status, 200, "{ready}");

        let (status, home) = app.get_text("/").await;
        assert_eq!(status, 200);
        let names = common::listed_names(&home);
        assert_eq!(names.len(), app::api::PAGE_SIZE);

        let (status, countries) = app.get_text("/sessions").await;
        assert_eq!(status, 200);
        assert!(
            countries.contains("href=\"/sessions/ie\""),
            "Ireland is listed"
        );
        let (_, ireland) = app.get_text("/sessions/ie").await;
        assert!(!common::session_names(&ireland).is_empty());

        let first_word = names[0].split_whitespace().next().unwrap().to_string();
        let (status, found) = app
            .get_text(&format!("/search?q={}", first_word.to_lowercase()))
            .await;
        assert_eq!(status, 200);
        assert!(
            common::session_names(&found).contains(&names[0]),
            "{first_word}"
        );

        let (status, near) = app.get_text("/near?lat=53.3498&lng=-6.2603&km=50").await;
        assert_eq!(status, 200);
        assert!(near.contains("km away"), "sessions near Dublin");
    })
}
