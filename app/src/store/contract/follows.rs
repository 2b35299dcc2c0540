//! The store contract for follows: a member's follows by target, the digest's walk over
//! everyone's, and the mark that makes a digest go out once.
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::model::{Cadence, DigestMark, Follow, FollowTarget, GeoPoint, MemberId, PlacePath};
use crate::store::Store;

fn follow(member: &str, town: &str, cadence: Cadence) -> Follow {
    Follow {
        member: member.into(),
        email: format!("{member}@example.org"),
        target: FollowTarget::Place {
            place: PlacePath::from_segments(&["ie", "clare", town]).unwrap(),
        },
        label: town.to_string(),
        cadence,
        stop_token: format!("token-{member}-{town}"),
        since: at("2026-11-01T00:00:00Z"),
        lang: crate::i18n::Lang::En,
        followed_at: Some(at("2026-11-01T00:00:00Z")),
    }
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn labels(follows: &[Follow]) -> Vec<(String, &str)> {
    follows
        .iter()
        .map(|f| (f.member.to_string(), f.label.as_str()))
        .collect()
}

pub async fn following_again_replaces_and_unfollowing_removes(store: Arc<dyn Store>) {
    let aoife: MemberId = "aoife".into();
    store
        .put_follow(&follow("aoife", "doolin", Cadence::Daily))
        .await
        .unwrap();
    store
        .put_follow(&follow("aoife", "ennis", Cadence::Weekly))
        .await
        .unwrap();
    store
        .put_follow(&follow("brian", "doolin", Cadence::Daily))
        .await
        .unwrap();
    // The same town again, weekly now: still one follow of Doolin.
    store
        .put_follow(&follow("aoife", "doolin", Cadence::Weekly))
        .await
        .unwrap();
    let mine = store.follows_of(&aoife).await.unwrap();
    assert_eq!(
        labels(&mine),
        [("aoife".into(), "doolin"), ("aoife".into(), "ennis")]
    );
    assert_eq!(mine[0].cadence, Cadence::Weekly);

    let near = Follow {
        target: FollowTarget::near(
            GeoPoint {
                lat: 53.0,
                lng: -9.4,
            },
            25,
        ),
        label: "near".into(),
        // Kept as followed: the digest and the stop page speak it.
        lang: crate::i18n::Lang::Ga,
        ..follow("aoife", "x", Cadence::Daily)
    };
    store.put_follow(&near).await.unwrap();
    // By id: `near:…` before `place:…`.
    assert_eq!(store.follows_of(&aoife).await.unwrap().len(), 3);
    assert_eq!(store.follows_of(&aoife).await.unwrap()[0], near);

    assert!(store
        .remove_follow(&aoife, "place:ie/clare/doolin")
        .await
        .unwrap());
    assert!(!store
        .remove_follow(&aoife, "place:ie/clare/doolin")
        .await
        .unwrap());
    assert_eq!(
        labels(&store.follows_of(&aoife).await.unwrap()),
        [("aoife".into(), "near"), ("aoife".into(), "ennis")]
    );
    // Brian's follow of the same town is his own.
    assert_eq!(store.follows_of(&"brian".into()).await.unwrap().len(), 1);
}

pub async fn the_digest_walks_every_follow_once_in_member_order(store: Arc<dyn Store>) {
    let towns = ["doolin", "ennis", "kilrush", "lahinch"];
    for member in ["ciara", "aoife", "brian", "aoife2"] {
        for town in towns {
            store
                .put_follow(&follow(member, town, Cadence::Daily))
                .await
                .unwrap();
        }
    }
    let mut walked = Vec::new();
    let mut after: Option<(MemberId, String)> = None;
    loop {
        let page = store
            .follows_after(after.as_ref().map(|(m, id)| (m, id.as_str())), 3)
            .await
            .unwrap();
        assert!(page.len() <= 3);
        let Some(last) = page.last() else { break };
        after = Some((last.member.clone(), last.id()));
        walked.extend(page);
    }
    let expected: Vec<(String, &str)> = ["aoife", "aoife2", "brian", "ciara"]
        .iter()
        .flat_map(|m| towns.iter().map(move |t| (m.to_string(), *t)))
        .collect();
    assert_eq!(labels(&walked), expected);
}

pub async fn a_digest_mark_moves_only_from_what_it_was(store: Arc<dyn Store>) {
    let aoife: MemberId = "aoife".into();
    let monday = at("2026-11-30T07:00:00Z");
    let tuesday = monday + Duration::days(1);
    let mark = |until| DigestMark::sent(until);
    let mark_of = |cadence| {
        let store = store.clone();
        let aoife = aoife.clone();
        async move { store.digest_mark(&aoife, cadence).await.unwrap() }
    };
    assert_eq!(mark_of(Cadence::Daily).await, None);
    assert!(store
        .move_digest_mark(&aoife, Cadence::Daily, None, Some(&mark(monday)))
        .await
        .unwrap());
    // A second run that read no mark claims nothing.
    assert!(!store
        .move_digest_mark(&aoife, Cadence::Daily, None, Some(&mark(monday)))
        .await
        .unwrap());
    assert_eq!(mark_of(Cadence::Daily).await, Some(mark(monday)));
    // Weekly is a mark of its own.
    assert_eq!(mark_of(Cadence::Weekly).await, None);
    assert!(!store
        .move_digest_mark(
            &aoife,
            Cadence::Daily,
            Some(&mark(tuesday)),
            Some(&mark(tuesday))
        )
        .await
        .unwrap());

    // Claimed, then said sent: the claim is kept whole, and only it moves on.
    let claim = DigestMark::claim(tuesday, Some(monday), tuesday);
    assert!(store
        .move_digest_mark(&aoife, Cadence::Daily, Some(&mark(monday)), Some(&claim))
        .await
        .unwrap());
    assert_eq!(mark_of(Cadence::Daily).await, Some(claim.clone()));
    let other_claim = DigestMark::claim(tuesday, Some(monday), tuesday + Duration::minutes(1));
    assert!(!store
        .move_digest_mark(
            &aoife,
            Cadence::Daily,
            Some(&other_claim),
            Some(&mark(tuesday))
        )
        .await
        .unwrap());
    assert!(
        !store
            .move_digest_mark(&aoife, Cadence::Daily, Some(&mark(tuesday)), None)
            .await
            .unwrap(),
        "a claim is not the sent mark of the same time"
    );
    assert!(store
        .move_digest_mark(&aoife, Cadence::Daily, Some(&claim), Some(&mark(tuesday)))
        .await
        .unwrap());
    assert_eq!(mark_of(Cadence::Daily).await, Some(mark(tuesday)));
    // A member's first digest claimed: no start to the period but their follows'.
    let first = DigestMark::claim(tuesday, None, tuesday);
    assert!(store
        .move_digest_mark(&aoife, Cadence::Weekly, None, Some(&first))
        .await
        .unwrap());
    assert_eq!(mark_of(Cadence::Weekly).await, Some(first));
    // Released (a send that failed): the next run tries again.
    assert!(store
        .move_digest_mark(&aoife, Cadence::Daily, Some(&mark(tuesday)), None)
        .await
        .unwrap());
    assert_eq!(mark_of(Cadence::Daily).await, None);
}

pub async fn racing_digest_runs_claim_a_digest_once(store: Arc<dyn Store>) {
    let aoife: MemberId = "aoife".into();
    let until = at("2026-11-30T07:00:00Z");
    let mut runs = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let store = store.clone();
        let aoife = aoife.clone();
        runs.spawn(async move {
            store
                .move_digest_mark(
                    &aoife,
                    Cadence::Weekly,
                    None,
                    Some(&DigestMark::sent(until)),
                )
                .await
                .unwrap()
        });
    }
    let mut claimed = 0;
    while let Some(done) = runs.join_next().await {
        claimed += usize::from(done.unwrap());
    }
    assert_eq!(claimed, 1);
}
