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
use crate::i18n::{dates, tag_label};
use crate::model::countries::COUNTRIES;
use crate::model::{weekday_slug, GeoPoint, ScheduleDraft, SessionDraft, Tag, WEEKDAYS};
use crate::t;

#[component]
pub fn AddSessionPage() -> impl IntoView {
    let form = Resource::new(|| (), |_| new_session_form());
    let lang = crate::i18n::use_lang();
    view! {
        <Title text=t!(lang, "add-session-title")/>
        <Meta name="robots" content="noindex"/>
        <h1>{t!(lang, "add-session-title")}</h1>
        <crate::i18n::FormWords/>
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
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
    let lang = crate::i18n::use_lang();
    view! {
        <p>{t!(lang, "sign-in-to-add")}</p>
        <p><a class="button" href=lang.path(&format!("/account/sign-in?next={}", lang.path("/add-session")))>{t!(lang, "nav-sign-in")}</a></p>
    }
}

#[component]
pub fn EditSessionPage() -> impl IntoView {
    let params = use_params_map();
    let form = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        edit_form,
    );
    let lang = crate::i18n::use_lang();
    view! {
        <Meta name="robots" content="noindex"/>
        <crate::i18n::FormWords/>
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! {
                        <Title text=t!(lang, "edit-title", name = &form.name)/>
                        <h1>{t!(lang, "edit-title", name = &form.name)}</h1>
                        <Refused/>
                        {form_island(form.session_id, form.draft, form.map_tiles)}
                    }
                    .into_any(),
                    Err(err) if err.status == 401 => view! { <SignInFirst/> }.into_any(),
                    Err(err) => view! {
                        <Title text=t!(lang, "cannot-edit")/>
                        <h1>{t!(lang, "cannot-edit")}</h1>
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
    let lang = crate::i18n::use_lang();
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
        locating.set(Some(t!(lang, "finding-location")));
        locate(
            move |found_lat, found_lng| {
                lat.set(format!("{found_lat:.6}"));
                lng.set(format!("{found_lng:.6}"));
                locating.set(Some(t!(lang, "location-found")));
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
                <legend>{t!(lang, "the-session")}</legend>
                <label for="name">{t!(lang, "name")}</label>
                <input id="name" name="draft[name]" value=name required maxlength="120" placeholder=t!(lang, "name-placeholder")/>
                {problem("name")}
                <label for="description">{t!(lang, "about-optional")}</label>
                <textarea id="description" name="draft[description]" rows="4" maxlength="4000">{description}</textarea>
                {problem("description")}
            </fieldset>

            <fieldset>
                <legend>{t!(lang, "where")}</legend>
                <label for="venue_name">{t!(lang, "venue")}</label>
                <input id="venue_name" name="draft[venue_name]" value=venue_name required maxlength="120"/>
                {problem("venue.name")}
                <label for="venue_phone">{t!(lang, "venue-phone")}</label>
                <input id="venue_phone" name="draft[venue_phone]" value=venue_phone type="tel" autocomplete="off"/>
                <label for="venue_email">{t!(lang, "venue-email")}</label>
                <input id="venue_email" name="draft[venue_email]" value=venue_email type="email" autocomplete="off"/>
                <label for="venue_website">{t!(lang, "venue-website-optional")}</label>
                <input id="venue_website" name="draft[venue_website]" value=venue_website type="url" placeholder="https://"/>
                {problem("venue_website")}
                <label for="address">{t!(lang, "street-address")}</label>
                <input id="address" name="draft[address]" value=address autocomplete="street-address"/>
                <label for="town">{t!(lang, "town")}</label>
                <input id="town" name="draft[town]" value=town required maxlength="80"/>
                {problem("town")}
                <label for="area">{t!(lang, "area")}</label>
                <input id="area" name="draft[area]" value=area required maxlength="80"/>
                {problem("area")}
                <label for="country_code">{t!(lang, "country")}</label>
                <select id="country_code" name="draft[country_code]">
                    {COUNTRIES
                        .iter()
                        .map(|(code, name, _)| view! {
                            <option value=*code selected=country_code == *code>{*name}</option>
                        })
                        .collect_view()}
                </select>
                {problem("country.code")}
                <label for="time_zone">{t!(lang, "time-zone")}</label>
                <input id="time_zone" name="draft[time_zone]" value=time_zone list="time-zones" required/>
                <datalist id="time-zones">
                    {COUNTRIES.iter().map(|(_, _, zone)| view! { <option value=*zone/> }).collect_view()}
                </datalist>
                {problem("time_zone")}
                <p class="hint">{t!(lang, "map-point-hint")}</p>
                <div class="point-row">
                    <label>
                        {t!(lang, "latitude")}
                        <input name="draft[lat]" inputmode="decimal" value=draft_lat prop:value=move || lat.get() on:input=move |ev| lat.set(event_target_value(&ev))/>
                    </label>
                    <label>
                        {t!(lang, "longitude")}
                        <input name="draft[lng]" inputmode="decimal" value=draft_lng prop:value=move || lng.get() on:input=move |ev| lng.set(event_target_value(&ev))/>
                    </label>
                </div>
                <button type="button" class="button secondary" on:click=use_location>{t!(lang, "use-my-location")}</button>
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
                            <p class="hint">{t!(lang, "tap-map")}</p>
                            <SessionMap point tiles map_href on_pick=pick/>
                        }
                    })
                }}
                <p class="near-status" role="status">{move || locating.get()}</p>
                {problem("point")}
            </fieldset>

            <fieldset>
                <legend>{t!(lang, "when")}</legend>
                <p class="hint">{t!(lang, "schedule-rows-hint")}</p>
                {schedules
                    .into_iter()
                    .enumerate()
                    .map(|(row, schedule)| view! { <ScheduleRow row schedule/> {problem_row(row, outcome)} })
                    .collect_view()}
                {problem("schedules")}
            </fieldset>

            <fieldset>
                <legend>{t!(lang, "what-kind")}</legend>
                <div class="tag-choices">
                    {Tag::ALL
                        .iter()
                        .enumerate()
                        .map(|(index, tag)| view! {
                            <label>
                                <input type="checkbox" name=format!("draft[tags][{index}]") value=tag.slug()
                                    checked=tags.iter().any(|t| t == tag.slug())/>
                                {format!(" {}", tag_label(lang, *tag))}
                            </label>
                        })
                        .collect_view()}
                </div>
            </fieldset>

            {editing.then(|| view! {
                <fieldset>
                    <legend>{t!(lang, "still-running-label")}</legend>
                    <select name="draft[status]" aria-label=t!(lang, "status")>
                        <option value="active" selected=status == "active">{t!(lang, "running")}</option>
                        <option value="paused" selected=status == "paused">{t!(lang, "paused-for-now")}</option>
                        <option value="closed" selected=status == "closed">{t!(lang, "closed-or-moved")}</option>
                    </select>
                    <label for="status_reason">{t!(lang, "closed-why")}</label>
                    <input id="status_reason" name="draft[status_reason]" value=status_reason maxlength="200"/>
                    {problem("status_reason")}
                </fieldset>
            })}

            <Outcome outcome=Signal::derive(outcome)/>
            <Alert message=error/>
            <div class="form-actions">
                <button type="submit" name="intent" value="preview" class="button secondary" disabled=pending>{t!(lang, "preview")}</button>
                <button type="submit" name="intent" value="save" class="button" disabled=pending>
                    {move || if pending.get() { t!(lang, "saving") } else if editing { t!(lang, "save-changes") } else { t!(lang, "add-the-session") }}
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
            .map(|e| view! { <p class="field-error" role="alert">{t!(crate::i18n::use_lang(), "row-problem", row = row + 1, problem = e.message)}</p> }),
        _ => None,
    }
    }
}

/// The preview, the offered duplicates, or a conflict.
#[component]
fn Outcome(outcome: Signal<Option<SaveOutcome>>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    move || {
        match outcome.get() {
        Some(SaveOutcome::Preview { card, point }) => view! {
            <section class="preview" aria-label=t!(lang, "preview")>
                <h2 class="section-title">{t!(lang, "preview")}</h2>
                <ul class="session-list"><SessionCard session=*card/></ul>
                {point.map(|p| {
                    let href = format!(
                        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lng:.5}#map=17/{lat:.5}/{lng:.5}",
                        lat = p.lat,
                        lng = p.lng
                    );
                    view! { <p><a href=href rel="noopener" target="_blank">{t!(lang, "check-map-point")}</a></p> }
                })}
                <p class="hint">{t!(lang, "nothing-saved-yet")}</p>
            </section>
        }
        .into_any(),
        Some(SaveOutcome::PossibleDuplicates(sessions)) => view! {
            <section class="duplicates" aria-label=t!(lang, "one-of-these")>
                <h2 class="section-title">{t!(lang, "one-of-these")}</h2>
                <p>{t!(lang, "duplicates-explain")}</p>
                <ul class="session-list">
                    {sessions.into_iter().map(|session| view! { <SessionCard session/> }).collect_view()}
                </ul>
                <button type="submit" name="intent" value="save-anyway" class="button">{t!(lang, "add-mine-anyway")}</button>
            </section>
        }
        .into_any(),
        Some(SaveOutcome::Conflict(message)) => {
            view! { <p class="error" role="alert">{message}</p> }.into_any()
        }
        Some(SaveOutcome::Invalid(_)) => view! {
            <p class="error" role="alert">{t!(lang, "fields-need-look")}</p>
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
    let lang = crate::i18n::use_lang();
    view! {
        <div class="schedule-row" role="group" aria-label=t!(lang, "schedule-row", row = row + 1)>
            <select name=field("kind") aria-label=t!(lang, "how-often")>
                <option value="" selected=kind.is_empty()>"—"</option>
                <option value="weekly" selected=kind == "weekly">{t!(lang, "kind-weekly")}</option>
                <option value="monthly" selected=kind == "monthly">{t!(lang, "kind-monthly")}</option>
                <option value="once" selected=kind == "once">{t!(lang, "kind-once")}</option>
            </select>
            <select name=field("day") aria-label=t!(lang, "day")>
                <option value="">{t!(lang, "day")}</option>
                {WEEKDAYS
                    .iter()
                    .map(|weekday| {
                        let slug = weekday_slug(*weekday).to_string();
                        let selected = slug == day;
                        view! { <option value=slug selected=selected>{dates::weekday(lang, *weekday)}</option> }
                    })
                    .collect_view()}
            </select>
            <select name=field("week") aria-label=t!(lang, "week-of-month")>
                <option value="">{t!(lang, "week-monthly")}</option>
                {[
                    ("first", t!(lang, "week-first")),
                    ("second", t!(lang, "week-second")),
                    ("third", t!(lang, "week-third")),
                    ("fourth", t!(lang, "week-fourth")),
                    ("last", t!(lang, "week-last")),
                ]
                    .into_iter()
                    .map(|(w, words)| view! { <option value=w selected=week == w>{words}</option> })
                    .collect_view()}
            </select>
            <label>{t!(lang, "every-n-weeks")}" " <input name=field("every_weeks") value=every_weeks inputmode="numeric" size="2" placeholder="1"/></label>
            <label>{t!(lang, "date-field")}" " <input type="date" name=field("date") value=date/></label>
            <label>{t!(lang, "from")}" " <input type="time" name=field("start") value=start/></label>
            <label>{t!(lang, "until-optional")}" " <input type="time" name=field("end") value=end/></label>
        </div>
    }
}
