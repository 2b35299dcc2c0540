//! Moving data between stores: demo data exported from the embedded store, imported into
//! DynamoDB (moto), exported again and imported into a new embedded store arrives whole
//! and unchanged; importing twice adds nothing; a bad line stops the import untouched.
use crate::moto;

use std::sync::Arc;

use app::model::{Rating, Review, Session};
use app::store::Store;
use indicatif::ProgressBar;
use server::dynamo_store::{client, ClientSettings, DynamoStore};
use server::embedded_store::EmbeddedStore;
use server::transfer::{export, import, ImportReport, TransferError};

async fn all_sessions(store: &dyn Store) -> Vec<Session> {
    let mut all = Vec::new();
    app::store::for_each_page(store, |page| {
        all.extend(page);
        Ok::<_, app::store::StoreError>(())
    })
    .await
    .unwrap();
    all
}

/// Every session's rating and reviews, in listing order.
async fn all_reviews(store: &dyn Store) -> Vec<(Rating, Vec<Review>)> {
    let mut all = Vec::new();
    for session in all_sessions(store).await {
        let (_, reviews) = store
            .session_with_activity(&session.id)
            .await
            .unwrap()
            .unwrap();
        all.push((reviews.rating, reviews.reviews));
    }
    all
}

async fn exported(store: &dyn Store) -> Vec<u8> {
    let mut out = Vec::new();
    export(store, &mut out, &ProgressBar::hidden())
        .await
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_to_dynamodb_and_back_loses_and_changes_nothing() {
    let first_dir = tempfile::tempdir().unwrap();
    let first = EmbeddedStore::open(first_dir.path()).unwrap();
    server::seed::seed(&first, 7, 40).await.unwrap();
    let original = all_sessions(&first).await;
    assert_eq!(original.len(), 40);
    let original_reviews = all_reviews(&first).await;
    let review_count: usize = original_reviews.iter().map(|(_, r)| r.len()).sum();
    assert!(
        review_count > 20,
        "the demo data has reviews: {review_count}"
    );
    let lines = 40 + review_count;

    moto::fake_aws_environment();
    let dynamo = DynamoStore::new(
        client(&ClientSettings {
            endpoint: Some(moto::endpoint().to_string()),
            attempt_timeout: std::time::Duration::from_secs(20),
            ..Default::default()
        })
        .await,
        format!("transfer-{}", std::process::id()),
    );
    dynamo.create_table().await.unwrap();
    let file = exported(&first).await;
    assert_eq!(file.iter().filter(|b| **b == b'\n').count(), lines);
    let report = import(&dynamo, file.as_slice(), &ProgressBar::hidden())
        .await
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            created: lines,
            unchanged: 0,
            kept_different: 0
        }
    );
    let again = import(&dynamo, file.as_slice(), &ProgressBar::hidden())
        .await
        .unwrap();
    assert_eq!(
        again,
        ImportReport {
            created: 0,
            unchanged: lines,
            kept_different: 0
        },
        "idempotent"
    );

    let back_dir = tempfile::tempdir().unwrap();
    let back: Arc<dyn Store> = Arc::new(EmbeddedStore::open(back_dir.path()).unwrap());
    let from_dynamo = exported(&dynamo).await;
    import(
        back.as_ref(),
        from_dynamo.as_slice(),
        &ProgressBar::hidden(),
    )
    .await
    .unwrap();
    assert_eq!(all_sessions(back.as_ref()).await, original);
    assert_eq!(
        all_reviews(back.as_ref()).await,
        original_reviews,
        "every review and every rating arrives unchanged"
    );
    assert_eq!(all_reviews(&dynamo).await, original_reviews);
}

#[tokio::test]
async fn a_bad_line_stops_the_import_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = EmbeddedStore::open(dir.path()).unwrap();
    server::seed::seed(&source, 1, 3).await.unwrap();
    let mut file = exported(&source).await;
    let good_lines = file.iter().filter(|b| **b == b'\n').count();
    file.extend_from_slice(b"{\"kind\":\"session\",\"data\":{\"name\":\"half a session\"}}\n");

    let target_dir = tempfile::tempdir().unwrap();
    let target = EmbeddedStore::open(target_dir.path()).unwrap();
    let err = import(&target, file.as_slice(), &ProgressBar::hidden())
        .await
        .unwrap_err();
    assert!(
        matches!(err, TransferError::BadLine { line, .. } if line == good_lines + 1),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was imported"));
    assert!(all_sessions(&target).await.is_empty());
}

/// A file is checked as the add-session form checks: a `javascript:` website, an id we
/// would never make or a review of six stars stops the import, naming the line.
#[tokio::test]
async fn what_the_form_refuses_the_import_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let source = EmbeddedStore::open(dir.path()).unwrap();
    server::seed::seed(&source, 1, 2).await.unwrap();
    let file = String::from_utf8(exported(&source).await).unwrap();
    let lines: Vec<&str> = file.lines().collect();
    let session_line = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"session\""))
        .unwrap();
    let review_line = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"review\""))
        .expect("the demo data has reviews");
    let edit = |line: usize, change: &dyn Fn(&mut serde_json::Value)| {
        let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let mut value: serde_json::Value = serde_json::from_str(&changed[line]).unwrap();
        change(&mut value["data"]);
        changed[line] = value.to_string();
        (changed.join("\n") + "\n", line + 1)
    };
    let cases = [
        edit(session_line, &|s| {
            s["venue"]["website"] = "javascript:alert(document.cookie)".into()
        }),
        edit(session_line, &|s| s["id"] = "a\nb".into()),
        edit(session_line, &|s| s["time_zone"] = "Europe/Atlantis".into()),
        edit(review_line, &|r| r["stars"] = 6.into()),
    ];
    for (bad, expected_line) in cases {
        let target_dir = tempfile::tempdir().unwrap();
        let target = EmbeddedStore::open(target_dir.path()).unwrap();
        let err = import(&target, bad.as_bytes(), &ProgressBar::hidden())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, TransferError::BadLine { line, .. } if *line == expected_line),
            "{err}"
        );
        assert!(
            all_sessions(&target).await.is_empty(),
            "nothing was written"
        );
    }
}
