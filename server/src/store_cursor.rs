//! Opaque page cursors, shared by the store adapters: the last listed index key,
//! base64url-encoded behind a marker so arbitrary strings are refused rather than misread.
//! Both adapters use the same index keys, so a cursor means the same in either.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const MARKER: &str = "name:";

pub fn encode(last_key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{MARKER}{last_key}"))
}

/// The key to continue after, or `None` if the cursor was not made by [`encode`].
pub fn decode(cursor: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let key = text.strip_prefix(MARKER)?;
    // Every listing key is "<folded name>\0<id>" with a non-empty id.
    let (_, id) = key.rsplit_once('\u{0}')?;
    (!id.is_empty()).then(|| key.to_string())
}

/// Marks queue cursors, so a cursor from another listing is refused.
const QUEUE: &str = "report-queue\u{0}";

/// The cursor continuing the moderators' queue after the report group `id`.
pub fn queue_after(id: &str) -> String {
    encode(&format!("{QUEUE}{id}"))
}

/// The group id a queue cursor continues after; `InvalidCursor` for any other.
pub fn queue_group(cursor: &str) -> Result<String, app::store::StoreError> {
    decode(cursor)
        .and_then(|key| key.strip_prefix(QUEUE).map(str::to_string))
        .ok_or(app::store::StoreError::InvalidCursor)
}

/// A page of the queue from the groups read (at most the page's size) and whether more
/// were there: the cursor continues after the last one.
pub fn queue_page(
    groups: Vec<app::model::ReportGroup>,
    more: bool,
) -> app::model::Page<app::model::ReportGroup> {
    let next_cursor = match (more, groups.last()) {
        (true, Some(last)) => Some(queue_after(last.id())),
        _ => None,
    };
    app::model::Page {
        items: groups,
        next_cursor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_keys_with_accents_and_separators() {
        let key = "sláinte session\u{0}abc123";
        assert_eq!(decode(&encode(key)).as_deref(), Some(key));
    }

    #[test]
    fn refuses_strings_it_did_not_make() {
        for bad in [
            "",
            "AAAA",
            "not base64!",
            &URL_SAFE_NO_PAD.encode("name:no-separator"),
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
