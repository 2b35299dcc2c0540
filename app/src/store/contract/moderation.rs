//! The store contract for the moderators' queue: open reports are grouped by what they
//! are about, one open report per member and target; the queue pages by target, so a
//! flood of reports about one thing never hides a report about another; a group is found
//! by its id wherever it is in the queue, and settling it closes all its reports, applies
//! the hide and records the audit entry together, once.
use std::sync::Arc;

use crate::model::fixtures::sample_session;
use crate::model::{
    AuditEntry, Filed, ModerationAction, Report, ReportGroup, ReportTarget, Review, Revision,
    SessionId, Settlement,
};
use crate::store::{PageRequest, Store, StoreError};

fn on_session(session: &str) -> ReportTarget {
    ReportTarget::Session {
        session_id: SessionId::parse(session).unwrap(),
    }
}

fn report(id: &str, target: ReportTarget, reporter: &str, reason: &str) -> Report {
    Report {
        id: id.into(),
        target,
        reason: reason.into(),
        details: format!("Filed by {reporter}"),
        reporter: reporter.into(),
        reporter_name: reporter.to_uppercase(),
        at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn entry(minute: i64, group: &str, target: ReportTarget) -> AuditEntry {
    AuditEntry {
        at: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(minute),
        moderator: "mod".into(),
        moderator_name: "Mod".into(),
        action: ModerationAction::Dismiss,
        target,
        report_id: Some(group.into()),
        summary: "Session".into(),
    }
}

async fn file(store: &dyn Store, report: Report) -> Filed {
    store.file_report(&report).await.unwrap()
}

/// Files the reports 25 at a time, concurrently; what each filing did, in order.
async fn file_all(store: &Arc<dyn Store>, reports: Vec<Report>) -> Vec<Filed> {
    let mut filed = Vec::new();
    for chunk in reports.chunks(25) {
        let filings: Vec<_> = chunk
            .iter()
            .cloned()
            .map(|report| {
                let store = store.clone();
                tokio::spawn(async move { store.file_report(&report).await.unwrap() })
            })
            .collect();
        for filing in filings {
            filed.push(filing.await.unwrap());
        }
    }
    filed
}

/// Every group in the queue, walking it `limit` at a time.
async fn walk_queue(store: &dyn Store, limit: usize) -> Vec<ReportGroup> {
    let mut groups = Vec::new();
    let mut cursor = None;
    for _ in 0..1_000 {
        let page = store
            .report_queue(PageRequest { limit, cursor })
            .await
            .unwrap();
        assert!(page.items.len() <= limit.clamp(1, crate::store::MAX_PAGE_SIZE));
        groups.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            return groups;
        }
    }
    panic!("the queue's pages never ended");
}

fn ids(groups: &[ReportGroup]) -> Vec<&str> {
    groups.iter().map(ReportGroup::id).collect()
}

async fn audit_minutes(store: &dyn Store) -> Vec<i64> {
    store
        .audit_log()
        .await
        .unwrap()
        .iter()
        .map(|e| e.at.timestamp() / 60)
        .collect()
}

pub async fn reports_group_by_target_and_a_group_settles_once_with_an_audit_entry(
    store: Arc<dyn Store>,
) {
    let review = ReportTarget::Review {
        session_id: SessionId::parse("s1").unwrap(),
        author: "ciara".into(),
    };
    for (id, target, reporter, reason) in [
        ("20261101-a", on_session("s1"), "aoife", "wrong"),
        ("20261101-b", on_session("s1"), "brian", "spam"),
        ("20261102-c", on_session("s2"), "aoife", "wrong"),
        ("20261103-d", review.clone(), "aoife", "offensive"),
        ("20261104-e", on_session("s1"), "ciara", "spam"),
    ] {
        assert_eq!(
            file(store.as_ref(), report(id, target, reporter, reason)).await,
            Filed::New
        );
    }
    let queue = walk_queue(store.as_ref(), 10).await;
    assert_eq!(
        ids(&queue),
        ["20261101-a", "20261102-c", "20261103-d"],
        "one entry per target, the longest waiting first"
    );
    let s1 = &queue[0];
    assert_eq!(s1.reports, 3);
    assert_eq!(
        s1.first.reporter, "aoife",
        "the first report names the group"
    );
    assert_eq!(
        s1.reasons,
        [("spam".to_string(), 2), ("wrong".to_string(), 1)].into()
    );
    assert_eq!(queue[2].target(), &review);
    assert_eq!(
        store.report_group("20261101-a").await.unwrap().as_ref(),
        Some(s1)
    );
    assert_eq!(
        store.report_group("20261101-b").await.unwrap(),
        None,
        "a group is named by its first report"
    );

    let settled = store
        .settle_reports(
            "20261101-a",
            &Settlement::Dismiss,
            &entry(1, "20261101-a", on_session("s1")),
        )
        .await
        .unwrap();
    assert_eq!(settled.map(|g| g.reports), Some(3), "every report closes");
    let again = store
        .settle_reports(
            "20261101-a",
            &Settlement::Dismiss,
            &entry(2, "20261101-a", on_session("s1")),
        )
        .await
        .unwrap();
    assert!(again.is_none(), "a group is settled once");
    assert_eq!(store.report_group("20261101-a").await.unwrap(), None);
    store
        .record_audit(&entry(3, "restore", on_session("s1")))
        .await
        .unwrap();
    assert_eq!(
        ids(&walk_queue(store.as_ref(), 10).await),
        ["20261102-c", "20261103-d"]
    );
    assert_eq!(
        audit_minutes(store.as_ref()).await,
        [3, 1],
        "newest first; the refused second settling left no entry"
    );

    // Settled, it can be reported again: a new group, queued behind the others.
    assert_eq!(
        file(
            store.as_ref(),
            report("20261105-f", on_session("s1"), "brian", "wrong")
        )
        .await,
        Filed::New
    );
    let queue = walk_queue(store.as_ref(), 10).await;
    assert_eq!(ids(&queue), ["20261102-c", "20261103-d", "20261105-f"]);
    assert_eq!(queue[2].reports, 1);
}

pub async fn a_member_has_one_open_report_per_target(store: Arc<dyn Store>) {
    let review = ReportTarget::Review {
        session_id: SessionId::parse("s1").unwrap(),
        author: "ciara".into(),
    };
    let s1 = || on_session("s1");
    assert_eq!(
        file(store.as_ref(), report("r01", s1(), "aoife", "wrong")).await,
        Filed::New
    );
    assert_eq!(
        file(store.as_ref(), report("r02", s1(), "aoife", "spam")).await,
        Filed::AlreadyOpen,
        "a second report on the same session"
    );
    assert_eq!(
        file(
            store.as_ref(),
            report("r03", review.clone(), "aoife", "spam")
        )
        .await,
        Filed::New,
        "a review of it is another target"
    );
    assert_eq!(
        file(
            store.as_ref(),
            report("r04", review.clone(), "aoife", "spam")
        )
        .await,
        Filed::AlreadyOpen
    );
    assert_eq!(
        file(store.as_ref(), report("r05", s1(), "brian", "wrong")).await,
        Filed::New
    );
    // One member's racing submissions file one report.
    let racing = (0..10).map(|n| {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .file_report(&report(&format!("r1{n}"), s1(), "dara", "spam"))
                .await
                .unwrap()
        })
    });
    let racing: Vec<_> = racing.collect();
    let mut new = 0;
    for filing in racing {
        new += usize::from(filing.await.unwrap() == Filed::New);
    }
    assert_eq!(new, 1, "exactly one of the racing reports is filed");

    let queue = walk_queue(store.as_ref(), 10).await;
    assert_eq!(ids(&queue), ["r01", "r03"]);
    assert_eq!(queue[0].reports, 3, "aoife, brian and dara, once each");
    assert_eq!(
        queue[0].reasons,
        [("spam".to_string(), 1), ("wrong".to_string(), 2)].into(),
        "a refused report counts for nothing"
    );
    assert_eq!(queue[1].reports, 1);

    store
        .settle_reports("r01", &Settlement::Dismiss, &entry(1, "r01", s1()))
        .await
        .unwrap()
        .expect("open");
    assert_eq!(
        file(store.as_ref(), report("r20", s1(), "aoife", "wrong")).await,
        Filed::New,
        "once settled, the member may report it again"
    );
    assert_eq!(
        file(store.as_ref(), report("r21", s1(), "aoife", "wrong")).await,
        Filed::AlreadyOpen
    );
    let queue = walk_queue(store.as_ref(), 10).await;
    assert_eq!(ids(&queue), ["r03", "r20"]);
    assert_eq!(queue[1].reports, 1);
}

pub async fn a_flood_of_reports_on_one_target_hides_no_other(store: Arc<dyn Store>) {
    const FLOOD: usize = 250;
    let junk = (0..FLOOD)
        .map(|n| {
            report(
                &format!("2026-a{n:04}"),
                on_session("flooded"),
                &format!("bot{n}"),
                "spam",
            )
        })
        .collect();
    assert!(file_all(&store, junk)
        .await
        .into_iter()
        .all(|filed| filed == Filed::New));
    assert_eq!(
        file(
            store.as_ref(),
            report("2026-b", on_session("genuine"), "aoife", "wrong")
        )
        .await,
        Filed::New
    );

    let first = store.report_queue(PageRequest::first(2)).await.unwrap();
    let targets: Vec<_> = first.items.iter().map(|g| g.target().clone()).collect();
    assert_eq!(targets, [on_session("flooded"), on_session("genuine")]);
    assert_eq!(first.items[0].reports, FLOOD as u64);
    assert_eq!(
        first.items[0].reasons,
        [("spam".to_string(), FLOOD as u64)].into()
    );
    assert_eq!(first.next_cursor, None);

    let genuine = first.items[1].id().to_string();
    let found = store.report_group(&genuine).await.unwrap().expect("by id");
    assert_eq!(found.first.reporter, "aoife");
    store
        .settle_reports(
            &genuine,
            &Settlement::Dismiss,
            &entry(1, &genuine, on_session("genuine")),
        )
        .await
        .unwrap()
        .expect("the genuine report can be settled");
    let flooded = first.items[0].id().to_string();
    assert_eq!(
        ids(&walk_queue(store.as_ref(), 10).await),
        [flooded.as_str()]
    );

    let settled = store
        .settle_reports(
            &flooded,
            &Settlement::Dismiss,
            &entry(2, &flooded, on_session("flooded")),
        )
        .await
        .unwrap();
    assert_eq!(settled.map(|g| g.reports), Some(FLOOD as u64));
    assert!(walk_queue(store.as_ref(), 10).await.is_empty());
    assert_eq!(audit_minutes(store.as_ref()).await, [2, 1]);
    for bot in ["bot0", "bot249"] {
        assert_eq!(
            file(
                store.as_ref(),
                report(&format!("2026-c{bot}"), on_session("flooded"), bot, "spam")
            )
            .await,
            Filed::New,
            "{bot}'s closed report no longer counts"
        );
    }
    assert_eq!(walk_queue(store.as_ref(), 10).await[0].reports, 2);
}

pub async fn the_queue_pages_by_target_and_finds_any_group_by_id(store: Arc<dyn Store>) {
    const TARGETS: usize = 205;
    let reports = (0..TARGETS)
        .map(|n| {
            report(
                &format!("r{n:04}"),
                on_session(&format!("s{n}")),
                "aoife",
                "wrong",
            )
        })
        .collect();
    assert!(file_all(&store, reports)
        .await
        .into_iter()
        .all(|filed| filed == Filed::New));
    let expected: Vec<String> = (0..TARGETS).map(|n| format!("r{n:04}")).collect();
    for limit in [0, 1, 50, 100, 1_000] {
        assert_eq!(
            ids(&walk_queue(store.as_ref(), limit).await),
            expected,
            "limit {limit}: every group once, in order"
        );
    }

    // Beyond the first 200: found and settled directly.
    let last = store.report_group("r0204").await.unwrap().expect("by id");
    assert_eq!(last.target(), &on_session("s204"));
    store
        .settle_reports(
            "r0204",
            &Settlement::Dismiss,
            &entry(1, "r0204", on_session("s204")),
        )
        .await
        .unwrap()
        .expect("open");
    assert_eq!(walk_queue(store.as_ref(), 100).await.len(), TARGETS - 1);

    for forged in ["nonsense", "AAAA"] {
        let refused = store
            .report_queue(PageRequest {
                limit: 10,
                cursor: Some(forged.into()),
            })
            .await;
        assert!(
            matches!(refused, Err(StoreError::InvalidCursor)),
            "{forged}: {refused:?}"
        );
    }
    for id in ["a", "b"] {
        store
            .create_session(&sample_session(id, id, "IE"), None)
            .await
            .unwrap();
    }
    let sessions_cursor = store
        .list_sessions(PageRequest::first(1))
        .await
        .unwrap()
        .next_cursor;
    assert!(sessions_cursor.is_some());
    let crossed = store
        .report_queue(PageRequest {
            limit: 10,
            cursor: sessions_cursor,
        })
        .await;
    assert!(
        matches!(crossed, Err(StoreError::InvalidCursor)),
        "a cursor from another listing: {crossed:?}"
    );
}

pub async fn hiding_a_session_closes_its_reports_in_the_same_transaction(store: Arc<dyn Store>) {
    let session = sample_session("s1", "Reported Session", "IE");
    store.create_session(&session, None).await.unwrap();
    for (id, target, reporter) in [
        ("r1", on_session("s1"), "aoife"),
        ("r2", on_session("s1"), "brian"),
        ("r3", on_session("s2"), "aoife"),
    ] {
        file(store.as_ref(), report(id, target, reporter, "spam")).await;
    }
    let hide = |session: &crate::model::Session| {
        let mut hidden = session.clone();
        hidden.hidden = true;
        Settlement::HideSession {
            revision: Revision {
                session_id: hidden.id.clone(),
                at: chrono::DateTime::UNIX_EPOCH,
                by: "mod".into(),
                by_name: "Mod".into(),
                changes: vec!["Hidden by a moderator".into()],
            },
            session: Box::new(hidden),
        }
    };
    let mut stale = session.clone();
    stale.version += 3;
    let refused = store
        .settle_reports("r1", &hide(&stale), &entry(1, "r1", on_session("s1")))
        .await;
    assert!(
        matches!(refused, Err(StoreError::VersionConflict { .. })),
        "{refused:?}"
    );
    assert!(
        store.report_group("r1").await.unwrap().is_some(),
        "a refused settling closes nothing"
    );
    assert!(audit_minutes(store.as_ref()).await.is_empty());
    assert!(
        !store
            .get_session(&session.id)
            .await
            .unwrap()
            .unwrap()
            .hidden
    );

    let current = store.get_session(&session.id).await.unwrap().unwrap();
    // A member confirms it runs while the moderator looks: no new version, so the hide
    // still applies, and it keeps the confirmation rather than the date the moderator read.
    let confirmed = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
    store.confirm_session(&session.id, confirmed).await.unwrap();
    let settled = store
        .settle_reports("r1", &hide(&current), &entry(2, "r1", on_session("s1")))
        .await
        .unwrap();
    assert_eq!(settled.map(|g| g.reports), Some(2));
    let read = store.get_session(&session.id).await.unwrap().unwrap();
    assert!(read.hidden);
    assert_eq!(read.version, current.version + 1);
    assert_eq!(read.last_confirmed, Some(confirmed));
    assert!(store
        .list_sessions(PageRequest::first(10))
        .await
        .unwrap()
        .items
        .is_empty());
    let (_, activity) = store
        .session_with_activity(&session.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(activity.history[0].changes, ["Hidden by a moderator"]);
    assert_eq!(audit_minutes(store.as_ref()).await, [2]);
    assert_eq!(ids(&walk_queue(store.as_ref(), 10).await), ["r3"]);
}

pub async fn hiding_a_review_closes_its_reports(store: Arc<dyn Store>) {
    store
        .create_session(&sample_session("s1", "Reviewed", "IE"), None)
        .await
        .unwrap();
    let id = SessionId::parse("s1").unwrap();
    for (author, stars) in [("ciara", 1), ("dara", 5)] {
        store
            .put_review(&Review {
                session_id: id.clone(),
                author: author.into(),
                author_name: author.to_uppercase(),
                stars,
                visited_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                text: "Words".into(),
                created_at: chrono::DateTime::UNIX_EPOCH,
                updated_at: chrono::DateTime::UNIX_EPOCH,
                hidden: false,
            })
            .await
            .unwrap();
    }
    let review = ReportTarget::Review {
        session_id: id.clone(),
        author: "ciara".into(),
    };
    for (n, reporter) in ["aoife", "brian"].iter().enumerate() {
        file(
            store.as_ref(),
            report(&format!("r{n}"), review.clone(), reporter, "offensive"),
        )
        .await;
    }
    let settled = store
        .settle_reports(
            "r0",
            &Settlement::HideReview,
            &entry(1, "r0", review.clone()),
        )
        .await
        .unwrap();
    assert_eq!(settled.map(|g| g.reports), Some(2));
    assert!(
        store
            .review_by(&id, &"ciara".into())
            .await
            .unwrap()
            .unwrap()
            .hidden
    );
    let (_, activity) = store.session_with_activity(&id).await.unwrap().unwrap();
    assert_eq!(activity.rating.by_stars, [0, 0, 0, 0, 1]);
    assert!(walk_queue(store.as_ref(), 10).await.is_empty());
    assert_eq!(audit_minutes(store.as_ref()).await, [1]);
}
