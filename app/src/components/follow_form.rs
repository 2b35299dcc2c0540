//! "Email me about sessions here": follow a place or the area round a point, daily or
//! weekly. A plain form (the page stays the same for everyone, so it is cached); a
//! visitor who is not signed in is asked to sign in when they press it.
use leptos::prelude::*;

use crate::t;
use leptos::server_fn::ServerFn;

use crate::api::follow::FollowCall;
use crate::components::{Button, PostForm};
use crate::model::Cadence;

/// What is followed: a place's key, or a point and radius.
#[derive(Clone, Debug, PartialEq)]
pub enum FollowWhat {
    Place(String),
    Near {
        lat: String,
        lng: String,
        km: String,
    },
}

#[component]
pub fn FollowForm(what: FollowWhat, name: String) -> impl IntoView {
    let fields = match what {
        FollowWhat::Place(key) => {
            view! { <input type="hidden" name="place" value=key/> }.into_any()
        }
        FollowWhat::Near { lat, lng, km } => view! {
            <input type="hidden" name="lat" value=lat/>
            <input type="hidden" name="lng" value=lng/>
            <input type="hidden" name="km" value=km/>
        }
        .into_any(),
    };
    let lang = crate::i18n::use_lang();
    view! {
        <details class="follow">
            <summary>{t!(lang, "follow-summary", place = name)}</summary>
            <PostForm action=FollowCall::PATH buttons=vec![Button::new(t!(lang, "follow"), t!(lang, "following")).secondary()]>
                {fields}
                <label>
                    {t!(lang, "how-often")}
                    <select name="cadence">
                        {Cadence::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.slug()>{t!(lang, "cadence", cadence = c.slug())}</option> })
                            .collect_view()}
                    </select>
                </label>
                <p class="hint">{t!(lang, "follow-hint")}</p>
            </PostForm>
        </details>
    }
}
