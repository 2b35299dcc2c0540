//! When the store is unavailable the site says so honestly: /readyz fails, pages and server
//! functions answer 503 with a message a person can act on, and nothing leaks internals.
use std::sync::Arc;

use app::model::{
    AuditEntry, Cadence, Filed, Follow, GeoPoint, MemberId, Page, PlaceCount, PlacePath, Report,
    ReportGroup, Review, Revision, Session, SessionActivity, SessionId, Settlement, SitemapEntry,
    SitemapOutline,
};
use app::store::{
    Allowance, Allowances, Confirmation, Follows, Listings, Members, Moderation, NearbySession,
    PageRequest, Reviews, Sessions, SignIns, Sitemaps, Store, StoreError,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::common;

/// An adapter whose database is throttling or unreachable.
struct DownStore;

fn down<T>() -> Result<T, StoreError> {
    Err(StoreError::Unavailable(
        "ProvisionedThroughputExceeded at shard 7".into(),
    ))
}

#[async_trait]
impl Sitemaps for DownStore {
    async fn save_sitemap(
        &self,
        _: DateTime<Utc>,
        _: &[Vec<SitemapEntry>],
    ) -> Result<SitemapOutline, StoreError> {
        down()
    }
    async fn sitemap_outline(&self) -> Result<Option<SitemapOutline>, StoreError> {
        down()
    }
    async fn sitemap_part(
        &self,
        _: &SitemapOutline,
        _: usize,
    ) -> Result<Option<Vec<SitemapEntry>>, StoreError> {
        down()
    }
}

#[async_trait]
impl Sessions for DownStore {
    async fn create_session(&self, _: &Session, _: Option<&Revision>) -> Result<(), StoreError> {
        down()
    }
    async fn update_session(
        &self,
        _: &Session,
        _: Option<&Revision>,
    ) -> Result<Session, StoreError> {
        down()
    }
    async fn get_session(&self, _: &SessionId) -> Result<Option<Session>, StoreError> {
        down()
    }
    async fn confirm_session(
        &self,
        _: &SessionId,
        _: chrono::NaiveDate,
    ) -> Result<Confirmation, StoreError> {
        down()
    }
}

#[async_trait]
impl Listings for DownStore {
    async fn list_sessions(&self, _: PageRequest) -> Result<Page<Session>, StoreError> {
        down()
    }
    async fn place_children(&self, _: &PlacePath) -> Result<Vec<PlaceCount>, StoreError> {
        down()
    }
    async fn place_trail(&self, _: &PlacePath) -> Result<Option<Vec<PlaceCount>>, StoreError> {
        down()
    }
    async fn sessions_in_place(
        &self,
        _: &PlacePath,
        _: PageRequest,
    ) -> Result<Page<Session>, StoreError> {
        down()
    }
    async fn newest_sessions(&self, _: usize) -> Result<Vec<Session>, StoreError> {
        down()
    }
    async fn search_sessions(&self, _: &[String]) -> Result<Vec<Session>, StoreError> {
        down()
    }
    async fn sessions_near(&self, _: GeoPoint, _: f64) -> Result<Vec<NearbySession>, StoreError> {
        down()
    }
    async fn sessions_by_start(
        &self,
        _: u32,
        _: u32,
        _: usize,
    ) -> Result<Vec<Session>, StoreError> {
        down()
    }
    async fn ended_one_offs(&self, _: DateTime<Utc>, _: usize) -> Result<Vec<Session>, StoreError> {
        down()
    }
}

#[async_trait]
impl Reviews for DownStore {
    async fn put_review(&self, _: &Review) -> Result<Review, StoreError> {
        down()
    }
    async fn set_review_hidden(
        &self,
        _: &SessionId,
        _: &MemberId,
        _: bool,
    ) -> Result<(), StoreError> {
        down()
    }
    async fn delete_review(&self, _: &SessionId, _: &MemberId) -> Result<bool, StoreError> {
        down()
    }
    async fn review_by(&self, _: &SessionId, _: &MemberId) -> Result<Option<Review>, StoreError> {
        down()
    }
    async fn session_with_activity(
        &self,
        _: &SessionId,
    ) -> Result<Option<(Session, SessionActivity)>, StoreError> {
        down()
    }
    async fn session_reviews(
        &self,
        _: &SessionId,
        _: PageRequest,
    ) -> Result<Page<Review>, StoreError> {
        down()
    }
}

#[async_trait]
impl Members for DownStore {
    async fn set_bookmark(&self, _: &MemberId, _: &SessionId, _: bool) -> Result<(), StoreError> {
        down()
    }
    async fn is_bookmarked(&self, _: &MemberId, _: &SessionId) -> Result<bool, StoreError> {
        down()
    }
    async fn member_bookmarks(&self, _: &MemberId) -> Result<Vec<Session>, StoreError> {
        down()
    }
    async fn member_reviews(&self, _: &MemberId) -> Result<Vec<Review>, StoreError> {
        down()
    }
    async fn sessions_added_by(&self, _: &MemberId) -> Result<Vec<Session>, StoreError> {
        down()
    }
    async fn feed_token(&self, _: &MemberId) -> Result<Option<String>, StoreError> {
        down()
    }
    async fn set_feed_token(&self, _: &MemberId, _: Option<&str>) -> Result<(), StoreError> {
        down()
    }
    async fn feed_owner(&self, _: &str) -> Result<Option<MemberId>, StoreError> {
        down()
    }
}

#[async_trait]
impl Moderation for DownStore {
    async fn file_report(&self, _: &Report) -> Result<Filed, StoreError> {
        down()
    }
    async fn report_queue(&self, _: PageRequest) -> Result<Page<ReportGroup>, StoreError> {
        down()
    }
    async fn report_group(&self, _: &str) -> Result<Option<ReportGroup>, StoreError> {
        down()
    }
    async fn settle_reports(
        &self,
        _: &str,
        _: &Settlement,
        _: &AuditEntry,
    ) -> Result<Option<ReportGroup>, StoreError> {
        down()
    }
    async fn record_audit(&self, _: &AuditEntry) -> Result<(), StoreError> {
        down()
    }
    async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        down()
    }
}

#[async_trait]
impl Allowances for DownStore {
    async fn take_allowances(
        &self,
        _: &[Allowance],
        _: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        down()
    }
    async fn give_back_allowances(
        &self,
        _: &[Allowance],
        _: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        down()
    }
}

#[async_trait]
impl SignIns for DownStore {
    async fn end_sign_ins(&self, _: &str, _: DateTime<Utc>) -> Result<(), StoreError> {
        down()
    }
    async fn sign_ins_ended_at(&self, _: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        down()
    }
}

#[async_trait]
impl Follows for DownStore {
    async fn put_follow(&self, _: &Follow) -> Result<(), StoreError> {
        down()
    }
    async fn follows_of(&self, _: &MemberId) -> Result<Vec<Follow>, StoreError> {
        down()
    }
    async fn remove_follow(&self, _: &MemberId, _: &str) -> Result<bool, StoreError> {
        down()
    }
    async fn follows_after(
        &self,
        _: Option<(&MemberId, &str)>,
        _: usize,
    ) -> Result<Vec<Follow>, StoreError> {
        down()
    }
    async fn digest_mark(
        &self,
        _: &MemberId,
        _: Cadence,
    ) -> Result<Option<app::model::DigestMark>, StoreError> {
        down()
    }
    async fn move_digest_mark(
        &self,
        _: &MemberId,
        _: Cadence,
        _: Option<&app::model::DigestMark>,
        _: Option<&app::model::DigestMark>,
    ) -> Result<bool, StoreError> {
        down()
    }
}

#[async_trait]
impl Store for DownStore {
    async fn ping(&self) -> Result<(), StoreError> {
        down()
    }
}

async fn spawn_with_down_store() -> String {
    let dir = tempfile::tempdir().unwrap();
    let state = common::state_over(Arc::new(DownStore), dir.path(), "http://127.0.0.1");
    let address = common::serve_state(state).await;
    address
}

#[test]
fn readiness_fails_while_health_still_passes() {
    common::run(async {
        let address = spawn_with_down_store().await;
        let ready = reqwest::get(format!("{address}/readyz")).await.unwrap();
        assert_eq!(ready.status(), 503);
        assert_eq!(ready.headers()["retry-after"], "5");
        let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
        assert_eq!(health.status(), 200);
    })
}

#[test]
fn pages_and_server_functions_say_try_again_without_internals() {
    common::run(async {
        let address = spawn_with_down_store().await;
        let page = reqwest::get(format!("{address}/")).await.unwrap();
        assert_eq!(page.status(), 503);
        assert_eq!(page.headers()["retry-after"], "5");
        let html = page.text().await.unwrap();
        assert!(html.contains("Please try again in a few seconds"), "{html}");
        assert!(!html.contains("ProvisionedThroughput"));

        let call = reqwest::Client::new()
            .post(format!("{address}/api/list_sessions"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap();
        assert_eq!(call.status(), 503);
        assert_eq!(call.headers()["retry-after"], "5");
        let err: app::error::AppError = call.json().await.unwrap();
        assert!(err.message.contains("try again"), "{err:?}");
    })
}

#[test]
fn sitemaps_and_the_feed_give_503_without_internals_and_nothing_cached() {
    common::run(async {
        let address = spawn_with_down_store().await;
        for path in ["/sitemap.xml", "/sitemap-1.xml", "/feed.atom"] {
            let response = reqwest::get(format!("{address}{path}")).await.unwrap();
            assert_eq!(response.status(), 503, "{path}");
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
            assert_eq!(response.headers()["retry-after"], "5", "{path}");
            assert_eq!(
                response.headers()["content-type"],
                "text/plain; charset=utf-8"
            );
            let body = response.text().await.unwrap();
            assert!(body.contains("try again"), "{path}: {body}");
            assert!(!body.contains("ProvisionedThroughput"), "{path}: {body}");
        }
        // robots.txt needs no store.
        let robots = reqwest::get(format!("{address}/robots.txt")).await.unwrap();
        assert_eq!(robots.status(), 200);
    })
}

#[test]
fn the_public_api_answers_503_in_json_with_retry_after() {
    common::run(async {
        let address = spawn_with_down_store().await;
        let response = reqwest::get(format!("{address}/api/v1/sessions"))
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert_eq!(response.headers()["retry-after"], "5");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["status"], 503);
        assert!(!body.to_string().contains("ProvisionedThroughput"));
    })
}
