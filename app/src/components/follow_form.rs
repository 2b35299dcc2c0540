//! "Email me about sessions here": follow a place or the area round a point, daily or
//! weekly. A plain form (the page stays the same for everyone, so it is cached); a
//! visitor who is not signed in is asked to sign in when they press it.
use leptos::prelude::*;
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
    view! {
        <details class="follow">
            <summary>{format!("Email me about new sessions {name}")}</summary>
            <PostForm action=FollowCall::PATH buttons=vec![Button::new("Follow", "Following…").secondary()]>
                {fields}
                <label>
                    "How often"
                    <select name="cadence">
                        {Cadence::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.slug()>{c.words()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <p class="hint">"A short email when sessions are added, change or may have stopped. Every email has a link that stops it."</p>
            </PostForm>
        </details>
    }
}
