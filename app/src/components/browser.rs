//! What islands ask of the browser. The islands are small behaviours over server HTML:
//! they take no props (so the bundle carries no JSON decoder and no copy of the page's
//! data) and find what they need in the markup they wrap. Compiled for the browser only;
//! the server renders islands but never runs their handlers, so its versions do nothing.

#[cfg(feature = "hydrate")]
use leptos::wasm_bindgen::JsCast;

/// A form's fields, taken over from the browser's own submission.
#[cfg(feature = "hydrate")]
pub struct Post {
    body: String,
}

#[cfg(feature = "hydrate")]
impl Post {
    /// The fields, `application/x-www-form-urlencoded`.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// Stops the browser's own submission of the form `ev` is about and keeps its fields
/// (with the pressed button's name and value, as the browser would send them), its
/// element and the button pressed.
#[cfg(feature = "hydrate")]
pub fn take_over(
    ev: &leptos::ev::SubmitEvent,
) -> Option<(Post, web_sys::HtmlFormElement, Option<web_sys::HtmlElement>)> {
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let fields = web_sys::FormData::new_with_form(&form).ok()?;
    let pressed = ev.submitter();
    if let Some(button) = &pressed {
        if let (Some(name), Some(value)) =
            (button.get_attribute("name"), button.get_attribute("value"))
        {
            fields.append_with_str(&name, &value).ok()?;
        }
    }
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields)
        .ok()?
        .to_string()
        .as_string()?;
    ev.prevent_default();
    Some((Post { body }, form, pressed))
}

/// Where `form` posts: its `action` attribute. (Not the `action` property, which a field
/// or button named `action` — the moderation form has one — shadows.)
#[cfg(feature = "hydrate")]
pub fn target(form: &web_sys::HtmlFormElement) -> String {
    form.get_attribute("action").unwrap_or_default()
}

/// Posts to a server function: on success, where the server's answer says to go next
/// (if anywhere); a refusal comes back as the message to show.
#[cfg(feature = "hydrate")]
pub async fn send(post: Post, url: &str) -> Result<Option<String>, String> {
    use crate::t;
    let lang = crate::i18n::use_lang();
    let connection = || t!(lang, "error-connection");
    let response = gloo_net::http::Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(post.body)
        .map_err(|_| connection())?
        .send()
        .await
        .map_err(|_| connection())?;
    if response.ok() {
        return Ok(response.headers().get("location"));
    }
    // The server's refusal is `{"status":…,"message":"…"}` (`AppError`); the browser's
    // own JSON parser reads it, which keeps a JSON library out of the bundle.
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    Err(web_sys::js_sys::JSON::parse(&text)
        .ok()
        .and_then(|json| web_sys::js_sys::Reflect::get(&json, &"message".into()).ok())
        .and_then(|message| message.as_string())
        // Not ours (a proxy's page, the body limit): say what the status means.
        .unwrap_or_else(|| match status {
            413 => t!(lang, "error-too-large"),
            403 => t!(lang, "error-refused"),
            429 => t!(lang, "error-too-many"),
            500..=599 => t!(lang, "error-server"),
            _ => connection(),
        }))
}

/// Loads `to` (a path from our server), or this page again when `to` is `None` or
/// differs from it only after `#` (assigning would only scroll).
pub fn go(to: Option<&str>) {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos::prelude::window().location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        match to {
            Some(to) if to.split('#').next() != Some(here.as_str()) => {
                let _ = location.assign(to);
            }
            Some(to) => {
                let _ = location.set_href(to);
                let _ = location.reload();
            }
            None => {
                let _ = location.reload();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}

/// A page left after a form was sent may come back from the browser's back-forward cache
/// as it was left: buttons disabled, saying "Saving…". Give them back their words.
pub fn revive_forms_after_back() {
    #[cfg(feature = "hydrate")]
    {
        let revive =
            leptos::wasm_bindgen::closure::Closure::<dyn Fn(web_sys::PageTransitionEvent)>::new(
                |ev: web_sys::PageTransitionEvent| {
                    if !ev.persisted() {
                        return;
                    }
                    let Ok(buttons) =
                        leptos::prelude::document().query_selector_all("button[data-label]")
                    else {
                        return;
                    };
                    for i in 0..buttons.length() {
                        if let Some(button) = buttons
                            .get(i)
                            .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
                        {
                            button.set_text_content(button.get_attribute("data-label").as_deref());
                            let _ = button.remove_attribute("data-label");
                            let _ = button.remove_attribute("disabled");
                        }
                    }
                },
            );
        let _ = leptos::prelude::window()
            .add_event_listener_with_callback("pageshow", revive.as_ref().unchecked_ref());
        // For the page's life.
        revive.forget();
    }
}

/// The first element under `root` matching `selector`, as `T`.
#[cfg(feature = "hydrate")]
pub fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> Option<T> {
    root.query_selector(selector).ok()??.dyn_into::<T>().ok()
}

/// Every submit button of `form`, enabled or not.
#[cfg(feature = "hydrate")]
pub fn set_buttons_disabled(form: &web_sys::Element, disabled: bool) {
    if let Ok(buttons) = form.query_selector_all("button") {
        for i in 0..buttons.length() {
            if let Some(button) = buttons
                .get(i)
                .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            {
                let _ = if disabled {
                    button.set_attribute("disabled", "")
                } else {
                    button.remove_attribute("disabled")
                };
            }
        }
    }
}

/// Shows `message` in the `[role=alert]` element under `root`, or hides it (`None`).
#[cfg(feature = "hydrate")]
pub fn alert(root: &web_sys::Element, message: Option<&str>) {
    if let Some(alert) = find::<web_sys::HtmlElement>(root, "[role=alert]") {
        alert.set_text_content(message);
        alert.set_hidden(message.is_none());
    }
}

/// What [`append_next_page`] found.
#[cfg(feature = "hydrate")]
pub struct Appended {
    /// How many items the list holds now.
    pub shown: u32,
    /// The cursor of the page after it, if there is one.
    pub next_cursor: Option<String>,
    /// The first card added, for the keyboard focus when "More" goes away.
    pub first_added: Option<web_sys::Element>,
}

/// Fetches the list page at `url` (server HTML, as a link would load it) and moves its
/// cards onto the end of this page's list `list_id`.
#[cfg(feature = "hydrate")]
pub async fn append_next_page(url: &str, list_id: &str) -> Result<Appended, String> {
    let failed = || crate::t!(crate::i18n::use_lang(), "error-more-sessions");
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| failed())?;
    if !response.ok() {
        return Err(failed());
    }
    let html = response.text().await.map_err(|_| failed())?;
    let parsed = web_sys::DomParser::new()
        .and_then(|p| p.parse_from_string(&html, web_sys::SupportedType::TextHtml))
        .map_err(|_| failed())?;
    let list = leptos::prelude::document()
        .get_element_by_id(list_id)
        .ok_or_else(failed)?;
    let cards = parsed
        .query_selector_all(&format!("#{list_id} > li"))
        .map_err(|_| failed())?;
    let first_added = cards
        .get(0)
        .and_then(|c| c.dyn_into::<web_sys::Element>().ok());
    for i in 0..cards.length() {
        if let Some(card) = cards.get(i) {
            let _ = list.append_child(&card);
        }
    }
    let next_cursor = parsed
        .query_selector("form.more input[name=after]")
        .ok()
        .flatten()
        .and_then(|input| input.get_attribute("value"))
        .filter(|cursor| !cursor.is_empty());
    Ok(Appended {
        shown: list.child_element_count(),
        next_cursor,
        first_added,
    })
}

/// Where the near-me button keeps the point the visitor last shared (`lat,lng`, already
/// rounded to about 100 m): in this browser only, never sent unless they open a page.
#[cfg(feature = "hydrate")]
const NEAR_KEY: &str = "seisiun-near";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Keeps the point the visitor shared, for "tonight near you" on the front page.
#[cfg(feature = "hydrate")]
pub fn remember_point(lat: &str, lng: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(NEAR_KEY, &format!("{lat},{lng}"));
    }
}

/// The point kept, if it still reads as two rounded coordinates (checked by its
/// characters, since parsing floats would add kilobytes to every page for this).
#[cfg(feature = "hydrate")]
fn remembered_point() -> Option<(String, String)> {
    let kept = storage()?.get_item(NEAR_KEY).ok()??;
    let (lat, lng) = kept.split_once(',')?;
    let number = |s: &str| {
        !s.is_empty()
            && s.len() <= 9
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    };
    (number(lat) && number(lng)).then(|| (lat.to_string(), lng.to_string()))
}

/// Fills the front page's "tonight near you" from the near-me page (tonight, within
/// `km`), at most `cards` of them, and shows it; nothing at all when no point is kept or
/// the page cannot be had (the section stays hidden, the rest of the page is unchanged).
#[cfg(feature = "hydrate")]
pub async fn show_near_tonight(km: u32, cards: u32) {
    let Some((lat, lng)) = remembered_point() else {
        return;
    };
    let Some(section) = leptos::prelude::document()
        .query_selector("section.near-tonight")
        .ok()
        .flatten()
    else {
        return;
    };
    let url =
        crate::i18n::use_lang().path(&format!("/near?lat={lat}&lng={lng}&km={km}&when=tonight"));
    if let Some(more) = find::<web_sys::Element>(&section, "a.near-tonight-more") {
        let _ = more.set_attribute("href", &url);
    }
    let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
        return;
    };
    let Ok(html) = response.text().await else {
        return;
    };
    let Some(parsed) = web_sys::DomParser::new()
        .and_then(|p| p.parse_from_string(&html, web_sys::SupportedType::TextHtml))
        .ok()
    else {
        return;
    };
    let (Some(list), Ok(found)) = (
        find::<web_sys::Element>(&section, "ul"),
        parsed.query_selector_all(&format!("#{} > li", super::LIST_ID)),
    ) else {
        return;
    };
    if !response.ok() {
        return;
    }
    for i in 0..found.length().min(cards) {
        if let Some(card) = found.get(i) {
            let _ = list.append_child(&card);
        }
    }
    if found.length() == 0 {
        if let Some(empty) = find::<web_sys::HtmlElement>(&section, "p.empty") {
            empty.set_hidden(false);
        }
    }
    show_visitor_times();
    let _ = section.remove_attribute("hidden");
}

/// "Forget my location": the kept point goes, and so does the section.
#[cfg(feature = "hydrate")]
pub fn forget_near_on(ev: &leptos::ev::MouseEvent) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.class_list().contains("forget-near"))
    else {
        return;
    };
    if let Some(storage) = storage() {
        let _ = storage.remove_item(NEAR_KEY);
    }
    if let Some(section) = button.closest("section.near-tonight").ok().flatten() {
        let _ = section.set_attribute("hidden", "");
    }
}

/// Cards say when in the session's own zone (when a musician turns up); where the
/// visitor's clock reads otherwise at that moment, each adds it in theirs: "(16:30 your
/// time)", with the weekday when it is another day there. The `datetime` carries the
/// session's offset, the browser knows the visitor's.
#[cfg(feature = "hydrate")]
pub fn show_visitor_times() {
    let lang = crate::i18n::use_lang();
    let days = crate::t!(lang, "days-from-sunday");
    let days: Vec<&str> = days.split(' ').collect();
    let Ok(times) =
        leptos::prelude::document().query_selector_all("time.starts[datetime]:not([data-local])")
    else {
        return;
    };
    for i in 0..times.length() {
        let Some(time) = times
            .get(i)
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let _ = time.set_attribute("data-local", "");
        let Some(iso) = time.get_attribute("datetime") else {
            continue;
        };
        let Some(offset) = offset_minutes(&iso) else {
            continue;
        };
        let date = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_str(&iso));
        let visitor = -(date.get_timezone_offset() as i32);
        // Under way ("now"): its start is past, and "now" is the same everywhere.
        if visitor == offset || date.get_time() < js_sys::Date::now() {
            continue;
        }
        // The session's own calendar day is in the text; the visitor's may differ.
        let same_day = iso.get(8..10).and_then(|d| d.parse::<u32>().ok()) == Some(date.get_date());
        let day = if same_day {
            ""
        } else {
            days.get(date.get_day() as usize)
                .copied()
                .unwrap_or_default()
        };
        let at = format!(
            "{day}{}{:02}:{:02}",
            if same_day { "" } else { " " },
            date.get_hours(),
            date.get_minutes()
        );
        let text = format!(" ({})", crate::t!(lang, "your-time", time = at));
        let _ = time.insert_adjacent_html(
            "afterend",
            &format!("<span class=\"your-time\">{text}</span>"),
        );
    }
}

/// `2026-12-03T21:30:00+13:00` → 780; `…Z` → 0.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn offset_minutes(iso: &str) -> Option<i32> {
    if iso.ends_with('Z') {
        return Some(0);
    }
    let tail = iso.get(iso.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_start_says_its_offset_in_minutes() {
        use super::offset_minutes;
        assert_eq!(offset_minutes("2026-12-03T21:30:00+13:00"), Some(780));
        assert_eq!(offset_minutes("2026-12-03T21:30:00-03:30"), Some(-210));
        assert_eq!(offset_minutes("2026-12-03T21:30:00+00:00"), Some(0));
        assert_eq!(offset_minutes("2026-12-03T21:30:00Z"), Some(0));
        assert_eq!(offset_minutes("tonight"), None);
        assert_eq!(offset_minutes(""), None);
    }
}
