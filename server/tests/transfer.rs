//! Moving data between stores: demo data exported from the embedded store, imported into
//! DynamoDB (moto), exported again and imported into a new embedded store arrives whole
//! and unchanged; importing twice adds nothing; a bad line stops the import untouched.
mod moto;

use std::sync::Arc;

use app::model::Session;
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
    assert_eq!(file.iter().filter(|b| **b == b'\n').count(), 40);
    let report = import(&dynamo, file.as_slice(), &ProgressBar::hidden())
        .await
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            created: 40,
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
            unchanged: 40,
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
}

#[tokio::test]
async fn a_bad_line_stops_the_import_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = EmbeddedStore::open(dir.path()).unwrap();
    server::seed::seed(&source, 1, 3).await.unwrap();
    let mut file = exported(&source).await;
    file.extend_from_slice(b"{\"kind\":\"session\",\"data\":{\"name\":\"half a session\"}}\n");

    let target_dir = tempfile::tempdir().unwrap();
    let target = EmbeddedStore::open(target_dir.path()).unwrap();
    let err = import(&target, file.as_slice(), &ProgressBar::hidden())
        .await
        .unwrap_err();
    assert!(
        matches!(err, TransferError::BadLine { line: 4, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was imported"));
    assert!(all_sessions(&target).await.is_empty());
}
