//! Following places: a member asks to be emailed about a place (country, area, town) or
//! the area round a point, daily or weekly; the account page lists what they follow.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::Cadence;

/// One follow as the account page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownFollow {
    pub id: String,
    pub label: String,
    pub href: String,
    pub cadence: Cadence,
}

/// Follows a place (`place`, its key such as `ie/clare/doolin`) or the area within `km`
/// of `lat`,`lng`; following the same again changes how often.
#[server(name = FollowCall, prefix = "/api", endpoint = "follow")]
pub async fn follow(
    place: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
    km: Option<u32>,
    cadence: Cadence,
) -> Result<(), AppError> {
    use crate::api::{edge, guard};
    use crate::model::{Follow, MAX_FOLLOWS};

    let (state, member) = guard::member("follow a place").await?;
    let (target, label) = ssr::target(&state, place, lat, lng, km)
        .await
        .map_err(edge::respond_with)?;
    let follows = state.store.follows_of(&member.subject).await?;
    let earlier = follows.iter().find(|f| f.target.id() == target.id());
    if earlier.is_none() && follows.len() >= MAX_FOLLOWS {
        return Err(edge::respond_with(AppError::bad_request(crate::t!(
            crate::i18n::use_lang(),
            "error-too-many-follows",
            max = MAX_FOLLOWS
        ))));
    }
    guard::count_write(&state, &member).await?;
    // News is owed from when they followed, or, for a follow moving to the other cadence,
    // from where its old cadence's last digest stopped: nothing twice, nothing skipped.
    let since = match earlier {
        None => chrono::Utc::now(),
        Some(f) if f.cadence == cadence => f.since,
        Some(f) => {
            let mark = state.store.digest_mark(&member.subject, f.cadence).await?;
            mark.and_then(|mark| mark.surely_sent_until())
                .map_or(f.since, |sent| sent.max(f.since))
        }
    };
    let follow = Follow {
        member: member.subject.clone(),
        email: member.email.clone(),
        target,
        label,
        cadence,
        // One secret for all of a member's follows (122 random bits, made with the first):
        // links in emails already sent keep working, and "stop all" is one short link.
        stop_token: follows.first().map_or_else(
            || uuid::Uuid::new_v4().simple().to_string(),
            |f| f.stop_token.clone(),
        ),
        since,
        lang: crate::i18n::use_lang(),
        followed_at: Some(chrono::Utc::now()),
    };
    state.store.put_follow(&follow).await?;
    crate::api::edge::redirect_to("/account?followed=1#following");
    Ok(())
}

/// Stops one of the member's follows.
#[server(name = UnfollowCall, prefix = "/api", endpoint = "unfollow")]
pub async fn unfollow(id: String) -> Result<(), AppError> {
    let (state, member) = crate::api::guard::writer("change what you follow").await?;
    state.store.remove_follow(&member.subject, &id).await?;
    crate::api::edge::redirect_to("/account#following");
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) fn shown(follows: Vec<crate::model::Follow>) -> Vec<ShownFollow> {
    follows
        .into_iter()
        .map(|f| ShownFollow {
            id: f.id(),
            href: f.target.href(),
            label: f.label,
            cadence: f.cadence,
        })
        .collect()
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::model::near_radius::RADIUS_CHOICES_KM;
    use crate::model::{FollowTarget, GeoPoint, PlacePath};
    use crate::state::AppState;

    /// What the form names, checked: a place that has sessions, or a point on Earth with
    /// one of the radii the near-me page offers. Answers it with the words for it.
    pub async fn target(
        state: &AppState,
        place: Option<String>,
        lat: Option<f64>,
        lng: Option<f64>,
        km: Option<u32>,
    ) -> Result<(FollowTarget, String), AppError> {
        if let Some(key) = place.filter(|p| !p.trim().is_empty()) {
            let segments: Vec<&str> = key.trim().split('/').collect();
            let place = PlacePath::from_segments(&segments)
                .filter(|p| *p != PlacePath::World)
                .ok_or_else(|| {
                    AppError::bad_request(crate::t!(crate::i18n::use_lang(), "error-not-a-place"))
                })?;
            let trail = state.store.place_trail(&place).await?.ok_or_else(|| {
                AppError::not_found(crate::t!(crate::i18n::use_lang(), "error-none-there"))
            })?;
            let label = trail
                .iter()
                .rev()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Ok((FollowTarget::Place { place }, label));
        }
        let (Some(lat), Some(lng)) = (lat, lng) else {
            return Err(AppError::bad_request(crate::t!(
                crate::i18n::use_lang(),
                "error-follow-what"
            )));
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) {
            return Err(AppError::bad_request(crate::t!(
                crate::i18n::use_lang(),
                "error-point-off-map"
            )));
        }
        let km = km.unwrap_or(25);
        if !RADIUS_CHOICES_KM.contains(&km) {
            return Err(AppError::bad_request(crate::t!(
                crate::i18n::use_lang(),
                "error-choose-radius",
                choices = RADIUS_CHOICES_KM.map(|k| k.to_string()).join(", ")
            )));
        }
        let target = FollowTarget::near(GeoPoint { lat, lng }, km);
        let FollowTarget::Near { centre, .. } = target else {
            unreachable!("near() makes a Near target")
        };
        // Named for the nearest session's town, as a person would say it.
        let nearest = state.store.sessions_near(centre, f64::from(km)).await?;
        // Kept with the follow and shown on the account page and in its emails: in the
        // language it was made in, as the emails are.
        let lang = crate::i18n::use_lang();
        let label = match nearest.first() {
            Some(n) if !n.session.town.is_empty() => {
                crate::t!(lang, "follow-label-near", km = km, place = &n.session.town)
            }
            _ => crate::t!(
                lang,
                "follow-label-near",
                km = km,
                place = format!("{:.3}, {:.3}", centre.lat, centre.lng)
            ),
        };
        Ok((target, label))
    }
}
