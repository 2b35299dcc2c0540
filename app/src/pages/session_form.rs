//! `/add-session` and `/session/{id}/edit`: one phone-friendly form for every field of
//! a session. Problems show under their fields and the form keeps what was typed; a
//! preview shows the card before saving; likely duplicates are offered before a new
//! session is made.
//!
//! One file (a little over 400 lines): the form is one island, and its fields, their
//! error slots and the outcome panel share the island's signals.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::session_form::{edit_form, new_session_form, SaveOutcome, SaveSessionCall};
use crate::components::{error_of, locate, refused_by, Alert, SessionCard, SessionMap};
use crate::model::countries::COUNTRIES;
use crate::model::{day_name, weekday_slug, GeoPoint, ScheduleDraft, SessionDraft, Tag, WEEKDAYS};

#[component]
pub fn AddSessionPage() -> impl IntoView {
    let form = Resource::new(|| (), |_| new_session_form());
    view! {
        <Title text="Add a session"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Add a session"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! {
                        <Refused/>
                        {form_island(String::new(), form.draft, form.map_tiles)}
                    }
                    .into_any(),
                    Err(err) if err.status == 401 => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The refusal of a plain post of the form (JavaScript off, or sent before the island
/// woke), from the URL, above the form.
#[component]
fn Refused() -> impl IntoView {
    refused_by(SaveSessionCall::PATH)
        .map(|message| view! { <p class="error" role="alert">{message}</p> })
}

/// The form island, rendered where the URL's refusal is not visible to it: on the server
/// its action would otherwise read that refusal (Leptos looks in the router's context),
/// while in the browser an island has no router, so the two renders would differ and
/// hydration would fail, leaving the form dead. `Refused` shows that message instead.
/// (Called after `Refused` has read it: the empty refusal provided here hides the real one
/// from everything rendered after it in this part of the page, which is only the form.)
fn form_island(session_id: String, draft: SessionDraft, map_tiles: String) -> impl IntoView {
    provide_context(leptos::server::ServerActionError::new("", ""));
    view! { <SessionForm session_id draft map_tiles/> }
}

#[component]
fn SignInFirst() -> impl IntoView {
    view! {
        <p>"Sign in to add a session. It takes a minute to join."</p>
        <p><a class="button" href="/account/sign-in?next=/add-session">"Sign in"</a></p>
    }
}

#[component]
pub fn EditSessionPage() -> impl IntoView {
    let params = use_params_map();
    let form = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        edit_form,
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! {
                        <Title text=format!("Edit {}", form.name)/>
                        <h1>{format!("Edit {}", form.name)}</h1>
                        <Refused/>
                        {form_island(form.session_id, form.draft, form.map_tiles)}
                    }
                    .into_any(),
                    Err(err) if err.status == 401 => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! {
                        <Title text="Cannot edit this session"/>
                        <h1>"Cannot edit this session"</h1>
                        <p class="error" role="alert">{err.message}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

// Lazy (its own WASM chunk, fetched on add/edit only) in release builds, which are made
// with `cargo leptos build --release --split`; a debug build (`cargo leptos watch`) has no
// split step, so there it is a plain island.
#[cfg_attr(not(debug_assertions), island(lazy))]
#[cfg_attr(debug_assertions, island)]
fn SessionForm(session_id: String, draft: SessionDraft, map_tiles: String) -> impl IntoView {
    let action = ServerAction::<SaveSessionCall>::new();
    let outcome = move || action.value().get().and_then(Result::ok);
    let error = error_of(action);
    let problem = move |field: &'static str| {
        move || match outcome() {
            Some(SaveOutcome::Invalid(errors)) => {
                let messages: Vec<String> = errors
                    .into_iter()
                    .filter(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
                    .map(|e| e.message)
                    .collect();
                (!messages.is_empty())
                    .then(|| view! { <p class="field-error" role="alert">{messages.join(" ")}</p> })
            }
            _ => None,
        }
    };
    let lat = RwSignal::new(draft.lat.clone());
    let lng = RwSignal::new(draft.lng.clone());
    // Also as attributes, so the page's HTML holds the point before the island wakes (or
    // if it never does): `prop:` alone is not rendered on the server.
    let (draft_lat, draft_lng) = (draft.lat.clone(), draft.lng.clone());
    let locating = RwSignal::new(None::<String>);
    let use_location = move |_| {
        locating.set(Some("Finding your location…".into()));
        locate(
            move |found_lat, found_lng| {
                lat.set(format!("{found_lat:.6}"));
                lng.set(format!("{found_lng:.6}"));
                locating.set(Some("Done: check the point in the preview.".into()));
            },
            move |message| locating.set(Some(message)),
        );
    };
    let pending = action.pending();
    let editing = !session_id.is_empty();
    let tags = draft.tags.clone();
    let SessionDraft {
        name,
        venue_name,
        venue_phone,
        venue_email,
        venue_website,
        address,
        town,
        area,
        country_code,
        time_zone,
        schedules,
        description,
        status,
        status_reason,
        version,
        ..
    } = draft;
    view! {
        <ActionForm action attr:class="session-form">
            // A new session has no id yet: the field is left out.
            {editing.then(|| view! { <input type="hidden" name="session_id" value=session_id/> })}
            <input type="hidden" name="draft[version]" value=version/>

            <fieldset>
                <legend>"The session"</legend>
                <label for="name">"Name"</label>
                <input id="name" name="draft[name]" value=name required maxlength="120" placeholder="Wednesday session at Hogan's"/>
                {problem("name")}
                <label for="description">"About it (optional)"</label>
                <textarea id="description" name="draft[description]" rows="4" maxlength="4000">{description}</textarea>
                {problem("description")}
            </fieldset>

            <fieldset>
                <legend>"Where"</legend>
                <label for="venue_name">"Venue"</label>
                <input id="venue_name" name="draft[venue_name]" value=venue_name required maxlength="120"/>
                {problem("venue.name")}
                <label for="venue_phone">"Venue phone (optional)"</label>
                <input id="venue_phone" name="draft[venue_phone]" value=venue_phone type="tel" autocomplete="off"/>
                <label for="venue_email">"Venue email (optional)"</label>
                <input id="venue_email" name="draft[venue_email]" value=venue_email type="email" autocomplete="off"/>
                <label for="venue_website">"Venue website (optional)"</label>
                <input id="venue_website" name="draft[venue_website]" value=venue_website type="url" placeholder="https://"/>
                {problem("venue_website")}
                <label for="address">"Street address (optional)"</label>
                <input id="address" name="draft[address]" value=address autocomplete="street-address"/>
                <label for="town">"Town"</label>
                <input id="town" name="draft[town]" value=town required maxlength="80"/>
                {problem("town")}
                <label for="area">"County, state or region"</label>
                <input id="area" name="draft[area]" value=area required maxlength="80"/>
                {problem("area")}
                <label for="country_code">"Country"</label>
                <select id="country_code" name="draft[country_code]">
                    {COUNTRIES
                        .iter()
                        .map(|(code, name, _)| view! {
                            <option value=*code selected=country_code == *code>{*name}</option>
                        })
                        .collect_view()}
                </select>
                {problem("country.code")}
                <label for="time_zone">"Time zone"</label>
                <input id="time_zone" name="draft[time_zone]" value=time_zone list="time-zones" required/>
                <datalist id="time-zones">
                    {COUNTRIES.iter().map(|(_, _, zone)| view! { <option value=*zone/> }).collect_view()}
                </datalist>
                {problem("time_zone")}
                <p class="hint">"The map point: use your location at the venue, or type it (leave both empty for an online session)."</p>
                <div class="point-row">
                    <label>
                        "Latitude"
                        <input name="draft[lat]" inputmode="decimal" value=draft_lat prop:value=move || lat.get() on:input=move |ev| lat.set(event_target_value(&ev))/>
                    </label>
                    <label>
                        "Longitude"
                        <input name="draft[lng]" inputmode="decimal" value=draft_lng prop:value=move || lng.get() on:input=move |ev| lng.set(event_target_value(&ev))/>
                    </label>
                </div>
                <button type="button" class="button secondary" on:click=use_location>"Use my location"</button>
                {move || {
                    let point = match (lat.get().trim().parse::<f64>(), lng.get().trim().parse::<f64>()) {
                        (Ok(lat), Ok(lng)) if (-85.0..=85.0).contains(&lat) && (-180.0..=180.0).contains(&lng) => {
                            Some(GeoPoint { lat, lng })
                        }
                        _ => None,
                    };
                    let tiles = map_tiles.clone();
                    point.map(|point| {
                        let pick = Callback::new(move |picked: GeoPoint| {
                            lat.set(format!("{:.6}", picked.lat));
                            lng.set(format!("{:.6}", picked.lng));
                        });
                        let map_href = format!(
                            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lng:.5}#map=17/{lat:.5}/{lng:.5}",
                            lat = point.lat,
                            lng = point.lng
                        );
                        view! {
                            <p class="hint">"Tap the map to move the point onto the venue."</p>
                            <SessionMap point tiles map_href on_pick=pick/>
                        }
                    })
                }}
                <p class="near-status" role="status">{move || locating.get()}</p>
                {problem("point")}
            </fieldset>

            <fieldset>
                <legend>"When"</legend>
                <p class="hint">"One row for each day. Rows with the same times are joined."</p>
                {schedules
                    .into_iter()
                    .enumerate()
                    .map(|(row, schedule)| view! { <ScheduleRow row schedule/> {problem_row(row, outcome)} })
                    .collect_view()}
                {problem("schedules")}
            </fieldset>

            <fieldset>
                <legend>"What kind"</legend>
                <div class="tag-choices">
                    {Tag::ALL
                        .iter()
                        .enumerate()
                        .map(|(index, tag)| view! {
                            <label>
                                <input type="checkbox" name=format!("draft[tags][{index}]") value=tag.slug()
                                    checked=tags.iter().any(|t| t == tag.slug())/>
                                {format!(" {}", tag.label())}
                            </label>
                        })
                        .collect_view()}
                </div>
            </fieldset>

            {editing.then(|| view! {
                <fieldset>
                    <legend>"Is it still running?"</legend>
                    <select name="draft[status]" aria-label="Status">
                        <option value="active" selected=status == "active">"Running"</option>
                        <option value="paused" selected=status == "paused">"Paused for now"</option>
                        <option value="closed" selected=status == "closed">"Closed or moved"</option>
                    </select>
                    <label for="status_reason">"If closed: why (the pub shut, it moved to …)"</label>
                    <input id="status_reason" name="draft[status_reason]" value=status_reason maxlength="200"/>
                    {problem("status_reason")}
                </fieldset>
            })}

            <Outcome outcome=Signal::derive(outcome)/>
            <Alert message=error/>
            <div class="form-actions">
                <button type="submit" name="intent" value="preview" class="button secondary" disabled=pending>"Preview"</button>
                <button type="submit" name="intent" value="save" class="button" disabled=pending>
                    {move || if pending.get() { "Saving…" } else if editing { "Save changes" } else { "Add the session" }}
                </button>
            </div>
        </ActionForm>
    }
}

fn problem_row(
    row: usize,
    outcome: impl Fn() -> Option<SaveOutcome> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        match outcome() {
        Some(SaveOutcome::Invalid(errors)) => errors
            .into_iter()
            .find(|e| e.field == format!("schedules.{row}"))
            .map(|e| view! { <p class="field-error" role="alert">{format!("Row {}: {}", row + 1, e.message)}</p> }),
        _ => None,
    }
    }
}

/// The preview, the offered duplicates, or a conflict.
#[component]
fn Outcome(outcome: Signal<Option<SaveOutcome>>) -> impl IntoView {
    move || {
        match outcome.get() {
        Some(SaveOutcome::Preview { card, point }) => view! {
            <section class="preview" aria-label="Preview">
                <h2 class="section-title">"Preview"</h2>
                <ul class="session-list"><SessionCard session=*card/></ul>
                {point.map(|p| {
                    let href = format!(
                        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lng:.5}#map=17/{lat:.5}/{lng:.5}",
                        lat = p.lat,
                        lng = p.lng
                    );
                    view! { <p><a href=href rel="noopener" target="_blank">"Check the map point"</a></p> }
                })}
                <p class="hint">"Nothing is saved yet."</p>
            </section>
        }
        .into_any(),
        Some(SaveOutcome::PossibleDuplicates(sessions)) => view! {
            <section class="duplicates" aria-label="Is it one of these?">
                <h2 class="section-title">"Is it one of these?"</h2>
                <p>"These sessions are at a venue like it, nearby, on the same day. If yours is one of them, open it and confirm or edit it instead."</p>
                <ul class="session-list">
                    {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
                </ul>
                <button type="submit" name="intent" value="save-anyway" class="button">"No, add mine as a new session"</button>
            </section>
        }
        .into_any(),
        Some(SaveOutcome::Conflict(message)) => {
            view! { <p class="error" role="alert">{message}</p> }.into_any()
        }
        Some(SaveOutcome::Invalid(_)) => view! {
            <p class="error" role="alert">"Some fields need another look: see the notes under them."</p>
        }
        .into_any(),
        _ => ().into_any(),
    }
    }
}

#[component]
fn ScheduleRow(row: usize, schedule: ScheduleDraft) -> impl IntoView {
    let field = move |name: &str| format!("draft[schedules][{row}][{name}]");
    let ScheduleDraft {
        kind,
        day,
        every_weeks,
        week,
        date,
        start,
        end,
    } = schedule;
    view! {
        <div class="schedule-row" role="group" aria-label=format!("Schedule row {}", row + 1)>
            <select name=field("kind") aria-label="How often">
                <option value="" selected=kind.is_empty()>"—"</option>
                <option value="weekly" selected=kind == "weekly">"Every week (or every few weeks)"</option>
                <option value="monthly" selected=kind == "monthly">"Once a month"</option>
                <option value="once" selected=kind == "once">"Just once"</option>
            </select>
            <select name=field("day") aria-label="Day">
                <option value="">"Day"</option>
                {WEEKDAYS
                    .iter()
                    .map(|weekday| {
                        let slug = weekday_slug(*weekday).to_string();
                        let selected = slug == day;
                        view! { <option value=slug selected=selected>{day_name(*weekday)}</option> }
                    })
                    .collect_view()}
            </select>
            <select name=field("week") aria-label="Week of the month (monthly)">
                <option value="">"Week (monthly)"</option>
                {["first", "second", "third", "fourth", "last"]
                    .into_iter()
                    .map(|w| view! { <option value=w selected=week == w>{format!("{w} in the month")}</option> })
                    .collect_view()}
            </select>
            <label>"Every n weeks" <input name=field("every_weeks") value=every_weeks inputmode="numeric" size="2" placeholder="1"/></label>
            <label>"Date (one-off, or a week it ran)" <input type="date" name=field("date") value=date/></label>
            <label>"From" <input type="time" name=field("start") value=start/></label>
            <label>"Until (optional)" <input type="time" name=field("end") value=end/></label>
        </div>
    }
}
